"""Ingest on a terminal: --quiet, no line per file under the progress bar, and a
--dry-run that lists the events, names and figures it would add."""

import io
from types import SimpleNamespace

from kb.cli.app import main
from kb.cli.environment import Environment

DOC = "Protest notes\n\nOn 3 March 2021 about 1,500 people marched in Tabriz; 12 were arrested.\n"


class Tty(io.StringIO):
    def isatty(self):
        return True


def _kb(*args, stderr=None):
    out, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    code = main(list(args), Environment(stdin=io.StringIO(), stdout=out, stderr=err, environ={}))
    return code, out.getvalue(), err.getvalue()


def _files(tmp_path, n):
    paths = []
    for i in range(n):
        p = tmp_path / f"doc{i}.txt"
        p.write_text(f"Note {i}\n\nOn {i + 1} March 2021 the group number {i} met in Tabriz.\n", encoding="utf-8")
        paths.append(str(p))
    return paths


def test_dry_run_lists_events_names_and_figures(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text(DOC, encoding="utf-8")
    code, out, err = _kb("ingest", "--dry-run", str(doc), "--db", str(tmp_path / "kb.json"))
    assert code == 0, err
    rows = [line.split("\t") for line in out.splitlines()]
    kinds = [r[0] for r in rows]
    assert kinds[0] == "event" and "name" in kinds and "figure" in kinds
    event = rows[0]
    assert event[1] == "2021-03-03" and "1,500" in event[3] and event[4] == "notes"
    assert ["name", "tabriz", "place", "Tabriz"] in rows
    figures = {(r[2], r[3]) for r in rows if r[0] == "figure"}
    assert ("arrests", "12") in figures
    assert "dry run, nothing written" in err and not (tmp_path / "kb.json").exists()


def test_dry_run_lists_each_candidate_link_with_its_score_and_the_disagreements(tmp_path):
    """A sentence that retells an event of the shipped knowledge base is a link line (the
    stored event, score, rule, sentence), and the figures it contradicts are said on stderr."""
    doc = tmp_path / "retold.txt"
    doc.write_text("Iran protests\n\nPublished on 1 February 2018\n\nIn January 2018 protests spread to "
                   "more than 80 cities across Iran.\n", encoding="utf-8")
    code, out, err = _kb("ingest", "--dry-run", str(doc))
    assert code == 0, err
    links = [line.split("\t") for line in out.splitlines() if line.startswith("link\t")]
    assert len(links) == 1
    kind, event, score, rule, text, file = links[0]
    assert event == "2017-12-uprising" and float(score) > 0 and rule and "80 cities" in text
    assert file == "retold.txt"
    assert "disagrees: cities (2017-12-uprising): more than 80 here" in err


def test_quiet_says_nothing_but_errors(tmp_path):
    doc = tmp_path / "notes.txt"
    doc.write_text(DOC, encoding="utf-8")
    code, out, err = _kb("ingest", "-q", str(doc), str(tmp_path / "missing.txt"), "--db", str(tmp_path / "kb.json"))
    assert code == 2 and out == ""
    assert err.splitlines() == [f"kb: error: {tmp_path / 'missing.txt'}: no such file"] or \
        (len(err.splitlines()) == 1 and "missing.txt" in err and err.startswith("kb: error:"))


def test_no_line_per_file_under_the_progress_bar(tmp_path):
    err = Tty()
    code, _out, _ = _kb("ingest", *_files(tmp_path, 7), "--db", str(tmp_path / "kb.json"), stderr=err)
    text = err.getvalue()
    assert code == 0
    assert "added source" not in text
    assert "added 7 documents" in text


def test_without_a_bar_each_file_has_its_line(tmp_path):
    code, _out, err = _kb("ingest", *_files(tmp_path, 2), "--db", str(tmp_path / "kb.json"))
    assert code == 0 and err.count("added source") == 2


def test_disagreements_are_printed_per_file_bar_or_not():
    from kb.output import ingest_lines

    f = SimpleNamespace(file="a.txt", status="added", source="a", title="A", events_added=1,
                        events_linked=1, entities_added=0,
                        disagreements=["deaths (1988-massacre): 5,000 here, 30,000 in 000"])
    assert ingest_lines.per_file(f, False) == [
        "a.txt: added source a ('A'): 1 events, 1 linked to events already there, 0 new entities",
        "a.txt: disagrees: deaths (1988-massacre): 5,000 here, 30,000 in 000"]
    assert ingest_lines.per_file(f, False, status=False) == [
        "a.txt: disagrees: deaths (1988-massacre): 5,000 here, 30,000 in 000"]
    del f.disagreements      # a pipeline without them
    assert len(ingest_lines.per_file(f, True)) == 1
