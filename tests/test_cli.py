"""The CLI in-process: every command, its formats, exit codes and the JSON contract."""

import csv
import io
import json
import os
from pathlib import Path

import pytest

from conftest import MINI

GOLDEN = Path(__file__).parent / "golden"
DB = ["--db", str(MINI)]

EVENT_FIELDS = {"id", "title", "summary", "start", "end", "precision", "edtf", "date_text",
                "entities", "sources"}


# ---- golden files of the JSON contract --------------------------------------

GOLDEN_CASES = {
    "timeline_1971.json": ["timeline", "1971", "-f", "json"],
    "who_massoud_rajavi.json": ["who", "Massoud Rajavi", "-f", "json"],
    "show_1988_executions.json": ["show", "1988-executions", "-f", "json"],
    "entities_person.json": ["entities", "--type", "person", "-f", "json"],
    "conflicts.json": ["conflicts", "-f", "json"],
    "stats.json": ["stats", "-f", "json"],
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden_json(run, name):
    r = run(*GOLDEN_CASES[name], *DB)
    assert r.code == 0, r
    got = json.loads(r.out)
    if isinstance(got, dict):
        got.pop("store", None)  # a path: differs per machine
    path = GOLDEN / name
    if os.environ.get("KB_REGEN_GOLDEN"):
        path.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


def test_every_event_object_keeps_the_contract(run):
    events = json.loads(run("timeline", "-f", "json", *DB).out)
    assert len(events) == 6
    for ev in events:
        assert EVENT_FIELDS <= set(ev)
        assert ev["start"] <= ev["end"]


def test_who_json_contract(run):
    who = json.loads(run("who", "Massoud Rajavi", "-f", "json", *DB).out)
    assert {"id", "name", "type", "aliases", "description", "roles", "events", "related"} <= set(who)
    assert who["roles"][0]["role"] == "leader"
    assert all(EVENT_FIELDS <= set(e) for e in who["events"])


# ---- timeline ------------------------------------------------------------------

@pytest.mark.parametrize("bounds,ids", [
    (["1971"], ["1971-arrests"]),
    (["1971-08"], ["1971-arrests"]),
    (["1971-08-15"], ["1971-arrests"]),
    (["August 1971"], ["1971-arrests"]),
    (["1976", "1978"], ["1976-split", "late-1970s-protests"]),
    (["1988-07-04"], ["1988-executions"]),
    (["..", "1966"], ["1965-founding"]),
    (["2019", ".."], ["2019-11-protests"]),
    (["2019.."], ["2019-11-protests"]),
    (["1965/1971"], ["1965-founding", "1971-arrests"]),
    ([], ["1965-founding", "1971-arrests", "1976-split", "late-1970s-protests", "1988-executions",
          "2019-11-protests"]),
])
def test_timeline_overlap(run, bounds, ids):
    r = run("timeline", *bounds, *DB)
    assert r.code == 0
    assert [line.split("\t")[2] for line in r.out.splitlines()] == ids


def test_timeline_filters(run):
    out = run("timeline", "-e", "Hanif-nejad", *DB).out
    assert [l.split("\t")[2] for l in out.splitlines()] == ["1965-founding", "1971-arrests"]
    out = run("timeline", "--tag", "protest", *DB).out
    assert len(out.splitlines()) == 2
    out = run("timeline", "--source", "s2", *DB).out
    assert {l.split("\t")[2] for l in out.splitlines()} == {"1988-executions", "2019-11-protests"}
    out = run("timeline", "--limit", "1", *DB).out
    assert len(out.splitlines()) == 1
    out = run("timeline", "-e", "MEK", "-e", "Khomeini", *DB).out
    assert [l.split("\t")[2] for l in out.splitlines()] == ["1988-executions"]


def test_timeline_imprecise_dates_shown_as_they_are(run):
    rows = {e["id"]: e["date"] for e in json.loads(run("timeline", "-f", "json", *DB).out)}
    assert rows["1971-arrests"] == "Aug 1971"
    assert rows["1976-split"] == "fall 1976"
    assert rows["late-1970s-protests"] == "late 1970s"


@pytest.mark.parametrize("args", [["foo"], ["1990", "1980"], ["1970", "1980", "1990"],
                                  ["--limit", "0"], ["--bogus"], ["-e", "Rajavi"], ["-e", "Nobody Atall"],
                                  ["--source", "nope"]])
def test_timeline_bad_input_is_one_line_exit_2(run, args):
    r = run("timeline", *args, *DB)
    assert r.code == 2, r
    assert r.out == "" and r.err.count("\n") == 1 and "Traceback" not in r.err


def test_timeline_nothing_found_exit_1(run):
    r = run("timeline", "1900", *DB)
    assert r.code == 1 and r.out == "" and "no events" in r.err


# ---- who ---------------------------------------------------------------------

def test_who_lists_events_in_date_order(run):
    r = run("who", "Hanif-nejad", *DB)
    assert r.code == 0
    assert [l.split("\t")[2] for l in r.out.splitlines()] == ["1965-founding", "1971-arrests"]


def test_who_ambiguous_lists_candidates(run):
    r = run("who", "Rajavi", *DB)
    assert r.code == 1
    assert {l.split("\t")[0] for l in r.out.splitlines()} == {"massoud-rajavi", "maryam-rajavi"}
    assert "could be any of 2" in r.err


def test_who_unknown_suggests(run):
    r = run("who", "Masood Rajabi", *DB)
    assert r.code == 1 and r.out == ""
    assert "nearest: Massoud Rajavi" in r.err


def test_who_related_and_sources(run):
    who = json.loads(run("who", "MEK", "-f", "json", *DB).out)
    assert who["related"][0]["name"] in ("Mohammad Hanifnejad", "Tehran", "Ruhollah Khomeini")
    assert {s["id"] for s in who["sources"]} == {"s1", "s2"}


# ---- show, entities, sources, stats, conflicts ----------------------------------

def test_show_event_marks_disagreement(run):
    r = run("show", "1988-executions", *DB)
    assert r.code == 0
    assert "disputed\tdeaths: the sources disagree" in r.out
    assert "claim\tdeaths: 30,000 (prisoners executed) [s1]" in r.out
    data = json.loads(run("show", "1988-executions", "-f", "json", *DB).out)
    assert data["disputed"] == ["deaths"]
    assert {c["source"] for c in data["disagreements"]["deaths"]} == {"s1", "s2"}


def test_show_entity_and_source_and_missing(run):
    assert json.loads(run("show", "tehran", "-f", "json", *DB).out)["record"] == "entity"
    assert json.loads(run("show", "s2", "-f", "json", *DB).out)["record"] == "source"
    assert json.loads(run("show", "Masoud Rajavi", "-f", "json", *DB).out)["id"] == "massoud-rajavi"
    r = run("show", "no-such-thing", *DB)
    assert r.code == 1 and r.out == ""


def test_entities_by_type(run):
    out = run("entities", "--type", "place", *DB).out
    assert [l.split("\t")[0] for l in out.splitlines()] == ["tehran"]
    assert run("entities", "--type", "ship", *DB).code == 2


def test_sources_and_stats(run):
    assert [l.split("\t")[0] for l in run("sources", *DB).out.splitlines()] == ["s1", "s2"]
    st = json.loads(run("stats", "-f", "json", *DB).out)
    assert st["events"] == 6 and st["entities"] == 6 and st["disputed_events"] == 1
    assert {d["decade"]: d["events"] for d in st["events_per_decade"]} == {
        "1960s": 1, "1970s": 3, "1980s": 1, "2010s": 1}


def test_conflicts_lists_each_version(run):
    rows = [l.split("\t") for l in run("conflicts", *DB).out.splitlines()]
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("1988-executions", "deaths", "s1", "30,000"), ("1988-executions", "deaths", "s2", "about 20,000")]


# ---- formats ---------------------------------------------------------------------

def test_formats_agree(run):
    tsv = run("timeline", *DB).out.splitlines()
    rows = list(csv.reader(io.StringIO(run("timeline", "-f", "csv", *DB).out)))
    assert rows[0] == ["start", "end", "id", "title", "entities", "sources"]
    assert [r[2] for r in rows[1:]] == [l.split("\t")[2] for l in tsv]
    jsonl = [json.loads(l) for l in run("timeline", "-f", "jsonl", *DB).out.splitlines()]
    assert [e["id"] for e in jsonl] == [r[2] for r in rows[1:]]


def test_tsv_has_no_header_no_colour_and_iso_dates(run):
    out = run("timeline", *DB).out
    assert "\x1b[" not in out
    first = out.splitlines()[0].split("\t")
    assert first[:3] == ["1965-09-06", "1965-09-06", "1965-founding"]


def test_table_format_forced(run):
    r = run("timeline", "1971", "-f", "table", *DB)
    assert r.code == 0 and "Aug 1971" in r.out and "\x1b[" not in r.out


def test_bad_format_is_usage_error(run):
    r = run("timeline", "-f", "xml", *DB)
    assert r.code == 2 and r.err.count("\n") == 1


def test_missing_store_is_one_line_error(run, tmp_path):
    r = run("timeline", "--db", str(tmp_path / "nope.json"))
    assert r.code == 2 and "no store" in r.err and r.err.count("\n") == 1


def test_corrupt_store_is_one_line_error(run, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    r = run("who", "x", "--db", str(bad))
    assert r.code == 2 and "not a readable kb store" in r.err and r.err.count("\n") == 1


def test_kb_db_environment_variable(run, monkeypatch):
    monkeypatch.setenv("KB_DB", str(MINI))
    assert run("stats", "-f", "json").out.count('"events": 6') == 1


@pytest.mark.parametrize("cmd", [["timeline"], ["who", "Massoud Rajavi"], ["search", "executions"]])
def test_a_huge_limit_means_all(run, cmd):
    r = run(*cmd, "-n", str(10**30), *DB)
    assert r.code == 0, r
    assert r.out == run(*cmd, *DB, *(["-n", "1000"] if cmd[0] == "search" else [])).out
