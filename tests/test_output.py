"""``kb.output``: cells, plain formats, choosing a format, and terminal layouts."""

import csv
import io
import json
import re

import pytest

from kb.output import columns, plain
from kb.output.emit import OutputOptions, emit
from kb.output.report import Column, Report
from kb.output.terminal import render

ANSI = re.compile(r"\x1b\[")


class Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    """A known terminal width, so tables do not fold the text the tests look for."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("TERM", raising=False)


EVENT = {"id": "1988-executions", "title": "Prison executions", "date": "2–5 Jul 1988",
         "start": "1988-07-02", "end": "1988-07-05", "entities": ["MEK"], "places": ["Tehran"],
         "sources": ["s1", "s2"]}
SOURCE = {"id": "s1", "title": "Fixture history page", "published": "2020-03-03",
          "date": "3 Mar 2020", "kind": "history page", "file": "s1.txt", "events": 4}


def _rendered(report) -> str:
    out = io.StringIO()
    render(report, out, color=False)
    return out.getvalue()


def _written(report, fmt) -> str:
    out = io.StringIO()
    plain.write(report, fmt, out)
    return out.getvalue()


# --------------------------------------------------------------------------
# plain cells and formats


def test_cell_clean_string_passes_through():
    assert plain.cell("Massoud Rajavi") == "Massoud Rajavi"


@pytest.mark.parametrize("value, text", [
    (None, ""),
    ("", ""),
    (["a", "b c"], "a; b c"),
    (("a", None, 3), "a; ; 3"),
    ([], ""),
    (2.5, "2.5"),
    (3.0, "3"),
    (12, "12"),
    (0, "0"),
    ("a\tb\nc", "a b c"),
    ("  two   spaces  ", "two spaces"),
    ("\x02Rajavi\x03 said", "[Rajavi] said"),
    (["x\ty", "\x02z\x03"], "x y; [z]"),
])
def test_cell(value, text):
    assert plain.cell(value) == text


def _report(payload=None):
    rows = [{"id": "e1", "title": "One\tevent", "sources": ["s1", "s2"]},
            {"id": "e2", "title": "\x02Two\x03", "sources": []}]
    return Report(rows, [Column("id", "ID"), Column("title", "Event"), Column("sources", "Sources")],
                  payload=payload)


def test_tsv_has_no_header_and_one_clean_line_a_row():
    assert _written(_report(), "tsv") == "e1\tOne event\ts1; s2\ne2\t[Two]\t\n"


def test_tsv_uses_a_columns_plain_function():
    report = Report([EVENT], columns.EVENT_COLUMNS)
    assert _written(report, "tsv").split("\t")[4] == "MEK; Tehran"


def test_csv_header_is_the_column_keys():
    rows = list(csv.reader(io.StringIO(_written(_report(), "csv"))))
    assert rows == [["id", "title", "sources"], ["e1", "One event", "s1; s2"], ["e2", "[Two]", ""]]


def test_json_prints_the_rows_without_payload():
    assert json.loads(_written(_report(), "json")) == [
        {"id": "e1", "title": "One\tevent", "sources": ["s1", "s2"]},
        {"id": "e2", "title": "[Two]", "sources": []}]


def test_json_prints_the_payload_when_given():
    assert json.loads(_written(_report({"whole": "\x02thing\x03"}), "json")) == {"whole": "[thing]"}


def test_jsonl_one_line_per_row():
    lines = _written(_report(), "jsonl").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["e1", "e2"]


def test_jsonl_one_line_for_a_dict_payload():
    lines = _written(_report({"a": 1, "b": [1, 2]}), "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == [{"a": 1, "b": [1, 2]}]


def test_jsonl_list_payload_is_one_line_per_item():
    lines = _written(_report([{"n": 1}, {"n": 2}, {"n": 3}]), "jsonl").splitlines()
    assert [json.loads(line)["n"] for line in lines] == [1, 2, 3]


# --------------------------------------------------------------------------
# choosing the format and colour


def test_explicit_format_wins():
    assert OutputOptions(format="json").resolved_format(Tty()) == "json"
    assert OutputOptions(format="table").resolved_format(io.StringIO()) == "table"


def test_format_follows_the_stream():
    assert OutputOptions().resolved_format(Tty()) == "table"
    assert OutputOptions().resolved_format(io.StringIO()) == "tsv"


def test_color():
    assert OutputOptions().color(Tty(), environ={}) is True
    assert OutputOptions(no_color=True).color(Tty(), environ={}) is False
    assert OutputOptions().color(Tty(), environ={"NO_COLOR": "0"}) is False
    assert OutputOptions().color(Tty(), environ={"NO_COLOR": ""}) is True  # no-color.org: empty is unset
    assert OutputOptions().color(io.StringIO(), environ={}) is False


def test_emit_to_a_pipe_is_tsv():
    out = io.StringIO()
    emit(_report(), OutputOptions(), out, environ={})
    assert out.getvalue().startswith("e1\tOne event\t")


def test_emit_to_a_terminal_draws_a_table_without_colour_when_refused():
    out = Tty()
    emit(columns.events([EVENT], title="Timeline", tty=True), OutputOptions(), out,
         environ={"NO_COLOR": "1"})
    text = out.getvalue()
    for seen in ("Timeline", "Date", "Event", "Who / where", "Src", "2–5 Jul 1988",
                 "Prison executions", "MEK, Tehran", "s1, s2", "1988-executions"):
        assert seen in text
    assert "\t" not in text
    assert not ANSI.search(text)


def test_emit_no_color_option_gives_no_escapes():
    out = Tty()
    emit(columns.events([EVENT], tty=True), OutputOptions(no_color=True), out, environ={})
    assert "Prison executions" in out.getvalue()
    assert not ANSI.search(out.getvalue())


def test_emit_to_a_terminal_is_coloured_unless_refused():
    out = Tty()
    emit(columns.events([EVENT], tty=True), OutputOptions(), out, environ={})
    assert ANSI.search(out.getvalue())  # so the no-escape checks above can fail


def test_emit_explicit_tsv_to_a_terminal_is_tsv():
    out = Tty()
    emit(_report(), OutputOptions(format="tsv"), out, environ={})
    assert out.getvalue() == _written(_report(), "tsv")


# --------------------------------------------------------------------------
# which columns


def test_events_columns_tty_and_pipe():
    assert [c.key for c in columns.events([], tty=True).columns] == [
        "date", "title", "entities", "sources", "id"]
    assert [c.key for c in columns.events([], tty=False).columns] == [
        "start", "end", "id", "title", "entities", "sources"]


def test_role_text():
    assert columns.role_text({"role": "co-secretary general", "of": "MEK", "from": "1985-03-10"}) \
        == "co-secretary general, MEK, from 1985-03-10"
    assert columns.role_text({"role": "leader", "from": "1979-01-01", "to": "1985-12-31"}) \
        == "leader, from 1979-01-01, until 1985-12-31"
    assert columns.role_text({"role": "spokesman", "of": "NCRI", "as_of": "2019-11-20"}) \
        == "spokesman, NCRI, as of 2019-11-20"


def _event_record():
    return {
        "record": "event", "id": "1988-executions", "title": "Prison executions",
        "date": "2–5 Jul 1988", "date_text": "July 2 to July 5, 1988", "start": "1988-07-02",
        "end": "1988-07-05", "precision": "range", "edtf": "1988-07-02/1988-07-05",
        "summary": "Mass executions, the fixture says.", "entities": ["MEK"], "places": [],
        "tags": ["execution"], "sources": ["s1", "s2"],
        "claims": [
            {"measure": "deaths", "value": "30,000", "amount": 30000, "counts": "prisoners executed",
             "source": "s1", "section": "1988"},
            {"measure": "deaths", "value": "more than 20,000", "amount": 20000, "source": "s2"},
            {"measure": "date", "subject": "date of the killings", "value": "that summer",
             "amount": None, "source": "s1",
             "date": {"start": "1988-06-01", "end": "1988-08-31", "precision": "season",
                      "edtf": "1988-22", "text": "summer 1988"}},
        ],
        "citations": [{"source": "s1", "section": "1988"}, {"source": "s2", "section": "News"}],
        "cited": [{"source": "s1", "section": "1988", "title": "Fixture history page"},
                  {"source": "s2", "section": "News", "title": "Fixture news article"}],
        "disputed": ["deaths"],
    }


def test_record_of_an_event_has_key_value_rows_claims_and_citations():
    report = columns.record(_event_record())
    rows = report.rows
    keys = [r["key"] for r in rows]
    assert keys[:3] == ["id", "title", "date"]
    assert "places" not in keys  # empty fields are left out
    assert "date_rule" not in keys
    value = {r["key"]: r["value"] for r in rows if r["key"] not in ("claim", "citation")}
    assert value["date_text"] == "July 2 to July 5, 1988"
    assert value["disputed"] == ["deaths: the sources disagree (see the claims)"]
    assert [r["value"] for r in rows if r["key"] == "claim"] == [
        "deaths: 30,000 (prisoners executed) [s1]",
        "deaths: more than 20,000 [s2]",
        "date of the killings: summer 1988 [s1]",
    ]
    assert [r["value"] for r in rows if r["key"] == "citation"] == ["s1: 1988", "s2: News"]
    assert report.json_payload()["claims"][2]["value"] == "that summer"  # JSON keeps the record


def test_record_of_an_event_tsv():
    lines = _written(columns.record(_event_record()), "tsv").splitlines()
    assert "disputed\tdeaths: the sources disagree (see the claims)" in lines
    assert "claim\tdeaths: 30,000 (prisoners executed) [s1]" in lines
    assert "citation\ts2: News" in lines
    assert "tags\texecution" in lines


def test_record_of_an_entity_shows_role_lines():
    report = columns.record({"record": "entity", "id": "maryam-rajavi", "name": "Maryam Rajavi",
                             "type": "person", "aliases": ["Maryam Azdanlou"], "description": "",
                             "roles": [{"role": "leader", "of": "MEK", "from": "1985-03-10"}],
                             "events": 2, "sources": ["s1"]})
    value = {r["key"]: r["value"] for r in report.rows}
    assert value["roles"] == ["leader, MEK, from 1985-03-10"]
    assert value["events"] == 2
    assert "description" not in value
    assert report.tables == {}


# --------------------------------------------------------------------------
# terminal layouts


def test_render_plain_report_is_a_table_with_title_and_headers():
    text = _rendered(columns.conflicts([{
        "event": "1988-executions", "measure": "deaths", "source": "s2",
        "value": "more than 20,000", "counts": "prisoners executed", "title": "Prison executions"}]))
    for seen in ("Event ID", "Measure", "What it counts", "1988-executions", "more than 20,000",
                 "prisoners executed"):
        assert seen in text
    assert not ANSI.search(text)


def test_render_hits_turns_highlights_into_plain_text():
    text = _rendered(columns.hits([{"kind": "event", "id": "e1", "score": 3.25,
                                    "title": "Founding", "snippet": "the \x02founding\x03 of"}]))
    assert "the founding of" in text
    assert "\x02" not in text and "\x03" not in text
    assert "Score" in text and "3.25" in text


def test_render_entities_sources_and_candidates():
    ent = {"id": "massoud-rajavi", "name": "Massoud Rajavi", "type": "person", "events": 3,
           "aliases": ["Masoud Rajavi", "Rajavi"]}
    text = _rendered(columns.entities([ent]))
    assert "Aliases" in text and "Masoud Rajavi, Rajavi" in text
    assert "Candidates" in _rendered(columns.candidates([ent]))
    text = _rendered(columns.sources([SOURCE]))
    assert "Published" in text and "3 Mar 2020" in text and "Fixture history page" in text


def _who():
    return {"id": "massoud-rajavi", "name": "Massoud Rajavi", "type": "person",
            "aliases": ["Masoud Rajavi"], "description": "Leader of the MEK (fixture).",
            "roles": [{"role": "leader", "of": "MEK", "from": "1979-01-01"},
                      {"role": "spokesman", "of": "NCRI", "as_of": "1981-07-21"}],
            "events": [EVENT],
            "related": [{"id": "tehran", "name": "Tehran", "type": "place", "events": 5}],
            "sources": [SOURCE]}


def test_render_profile():
    text = _rendered(columns.profile(_who(), tty=True))
    for seen in ("Massoud Rajavi", "massoud-rajavi", "Leader of the MEK (fixture).",
                 "leader, MEK, from 1979-01-01", "spokesman, NCRI, as of 1981-07-21",
                 "Events (1)", "Prison executions", "Appears most with", "Shared events", "Tehran",
                 "Sources", "3 Mar 2020"):
        assert seen in text, seen


def test_render_profile_without_related_or_sources():
    text = _rendered(columns.profile({**_who(), "related": [], "sources": [], "events": []}))
    assert "Massoud Rajavi" in text and "Events (0)" in text
    assert "Appears most with" not in text


def test_profile_tsv_is_its_events_and_json_the_whole_profile():
    report = columns.profile(_who())
    assert _written(report, "tsv").split("\t")[:3] == ["1988-07-02", "1988-07-05", "1988-executions"]
    assert json.loads(_written(report, "json"))["related"][0]["name"] == "Tehran"


def test_render_record():
    text = _rendered(columns.record(_event_record()))
    for seen in ("Prison executions", "1988-executions", "as written", "July 2 to July 5, 1988",
                 "DISPUTED", "deaths: the sources disagree",
                 "Claims (figures are the sources' claims)", "summer 1988", "more than 20,000",
                 "Citations", "Fixture news article"):
        assert seen in text, seen
    assert "that summer" not in text  # a date claim shows the date's words


def test_render_stats():
    st = {"store": "x.json", "events": 6, "entities": 6, "sources": 2, "claims": 4,
          "disputed_events": 1, "first": "1965-09-06", "last": "2020-06-05",
          "entities_by_type": {"person": 4, "place": 1},
          "events_per_decade": [{"decade": "1960s", "events": 1}, {"decade": "1980s", "events": 4}]}
    report = columns.stats(st)
    assert {"key": "type:person", "value": 4} in report.rows
    assert {"key": "1980s", "value": 4} in report.rows
    text = _rendered(report)
    assert "kb stats" in text and "Events per decade" in text
    assert "disputed_events" in text and "type:person" in text
    assert "1960s" in text and "█" * 40 in text  # the largest decade gets the full bar
    assert "█" * 41 not in text
