"""A line at the top of a file that is only a date is its publication date for ``kb
ingest`` as for ``kb tag`` (:func:`kb.dates.tag.document_date`, used by
:func:`kb.ingest.reader.read_document`), and finding there is none costs no scanner."""

import io
import json
from datetime import date

import pytest

from kb.cli.app import main
from kb.cli.environment import Environment
from kb.dates import tag as dates_tag
from kb.ingest.reader import read_document
from kb.store import load

BODY = "Talks resume\n\nThe talks, which began yesterday, will go on next week.\n"


@pytest.mark.parametrize("line,day", [("March 3, 2004", date(2004, 3, 3)), ("2004-03-03", date(2004, 3, 3)),
                                      ("Tuesday, December 9, 1997", date(1997, 12, 9)),
                                      ("Date: 02/27/1998 08:17:00", date(1998, 2, 27))])
def test_ingest_reads_a_date_line_at_the_top(tmp_path, line, day):
    f = tmp_path / "story.txt"
    f.write_text(line + "\n\n" + BODY, encoding="utf-8")
    got = read_document(str(f)).published
    assert (got.start, got.end, got.precision, got.rule) == (day, day, "day", "date-line")


def test_kb_ingest_stores_it_and_anchors_relative_dates_on_it(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text("March 3, 2004\n\n" + BODY, encoding="utf-8")
    db = tmp_path / "kb.json"
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["ingest", "--db", str(db), str(f)], env) == 0, env.stderr.getvalue()
    [src] = load(db)["sources"]
    assert src["published"]["start"] == "2004-03-03"
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["tag", str(f), "-k", "date", "-f", "json"], env) == 0, env.stderr.getvalue()
    rows = {r["text"]: r for r in json.loads(env.stdout.getvalue())}
    assert rows["yesterday"]["start"] == "2004-03-02" and rows["yesterday"]["anchor"] == "2004-03-03"


def test_a_sentence_or_a_title_is_no_date_line(tmp_path):
    for top in ("March 3, 2004 was a cold day.", "The 2004 talks", "Report 2004-03"):
        f = tmp_path / "a.txt"
        f.write_text(top + "\n\n" + BODY, encoding="utf-8")
        assert read_document(str(f)).published is None, top


def test_no_date_at_the_top_asks_no_scanner(monkeypatch):
    """Lines that no form of a day can open are refused on their words: the scanner
    (about half a second to build in a fresh process) is never asked."""
    def boom(*a, **k):
        raise AssertionError("tag_dates asked")

    monkeypatch.setattr(dates_tag, "tag_dates", boom)
    text = ("Iran Protests 2020\n\nBy A. Writer, 3 min read\nHello, World 3 -- a page\n"
            "Thousands marched in 100 cities.\n")
    assert dates_tag.document_date(text) is None
    assert dates_tag.document_date("2004-03-03\n" + text).start == date(2004, 3, 3)    # no scanner either
