"""Disagreements across the store: claims compared by subject on every event,
`kb conflicts` one group per subject, `kb show` with every version and the
low-high range, and events found by their former ids."""

from __future__ import annotations

import json

import pytest

# -- a store of our own, written at test time ----------------------------------------


def _day(day: str, text: str | None = None) -> dict:
    return {"start": day, "end": day, "precision": "day", "edtf": day, "text": text or day}


def _span(start: str, end: str, text: str) -> dict:
    return {"start": start, "end": end, "precision": "range", "edtf": f"{start}/{end}", "text": text}


def _fig(value, amount, source, subject=None, measure="deaths", **extra) -> dict:
    c = {"measure": measure, "value": value, "amount": amount, "source": source, "section": "S",
         "counts": f"{measure} ({source})", **extra}
    if subject:
        c["subject"] = subject
    return c


def _when(text, start, end, source, subject=None) -> dict:
    c = {"measure": "date", "value": text, "amount": None, "source": source, "section": "S",
         "date": _span(start, end, text)}
    if subject:
        c["subject"] = subject
    return c


def _event(eid, day, claims, **extra) -> dict:
    return {"id": eid, "title": f"Event {eid}", "summary": "A fixture event.", "date": _day(day),
            "entities": [], "places": [], "tags": [], "claims": claims,
            "citations": [{"source": "a", "section": "S"}], **extra}


TOTAL = "members killed, in total"


def _store(tmp_path, events: list[dict]):
    data = {"sources": {str(i): {"id": s, "title": f"Source {s}", "file": f"{s}.txt"}
                        for i, s in enumerate("abc", 1)},
            "entities": {},
            "events": {str(i): ev for i, ev in enumerate(events, 1)}}
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return ["--db", str(path)]


@pytest.fixture
def db(tmp_path):
    return _store(tmp_path, [
        # a named subject told on three events: one comparison
        _event("1965-founding", "1965-09-06", [_fig("more than 100,000", 100000, "a", TOTAL)]),
        _event("1981-crackdown", "1981-06-20", [
            _fig("120,000", 120000, "a", TOTAL), _fig("120,000", 120000, "b", TOTAL),
            # a date group that differs on this event only
            _when("just before June 20", "1981-06-01", "1981-06-19", "a", "start of the crackdown"),
            _when("June 21", "1981-06-21", "1981-06-21", "b", "start of the crackdown")],
            aliases=["1981-06-20-crackdown"]),
        _event("2020-monument", "2020-07-01", [_fig("tens of thousands", None, "b", TOTAL)]),
        # bare measures on two events are never compared with each other...
        _event("1988-executions", "1988-07-28", [_fig("30,000", 30000, "a")]),
        _event("2019-protests", "2019-11-15", [_fig("1,500", 1500, "b"),
                                               # ...but within one event they are
                                               _fig("7", 7, "a", measure="cities"),
                                               _fig("9", 9, "c", measure="cities")]),
    ])


def _conflicts(run, db) -> list[dict]:
    r = run("conflicts", "-f", "json", *db)
    assert r.code == 0, r
    return json.loads(r.out)


def test_a_named_subject_is_one_comparison_across_events(run, db):
    rows = _conflicts(run, db)
    total = [r for r in rows if r["key"] == TOTAL]
    assert [(r["event"], r["source"], r["value"]) for r in total] == [
        ("1965-founding", "a", "more than 100,000"), ("1981-crackdown", "a", "120,000"),
        ("1981-crackdown", "b", "120,000"), ("2020-monument", "b", "tens of thousands")]
    assert {r["measure"] for r in total} == {TOTAL}  # measure holds the subject


def test_bare_measures_compare_within_their_event_only(run, db):
    keys = {r["key"] for r in _conflicts(run, db)}
    assert keys == {TOTAL, "start of the crackdown", "2019-protests/cities"}
    assert not any(k.endswith("/deaths") for k in keys)  # 30,000 and 1,500: two events, two things


def test_conflicts_rows_keep_the_contract_and_groups_follow_their_earliest_event(run, db):
    rows = _conflicts(run, db)
    for r in rows:
        assert {"event", "title", "date", "start", "end", "measure", "value", "amount", "counts",
                "source", "section", "key"} <= set(r)
    groups = list(dict.fromkeys(r["key"] for r in rows))
    assert groups == [TOTAL, "start of the crackdown", "2019-protests/cities"]
    assert len(groups) == 3  # what "N disagreements" counts: groups, not events


def test_conflicts_tsv_columns(run, db):
    out = run("conflicts", *db).out.splitlines()
    assert out[0].split("\t")[:4] == ["1965-founding", TOTAL, "a", "more than 100,000"]
    assert "1981-crackdown\tstart of the crackdown\tb\tJune 21\t" in "\n".join(out)


def test_events_are_marked_disputed_by_claims_on_other_events(run, db):
    ev = json.loads(run("show", "2020-monument", "-f", "json", *db).out)
    assert ev["disputed"] == [TOTAL]
    versions = ev["disagreements"][TOTAL]
    assert versions[0] == _fig("tens of thousands", None, "b", TOTAL)  # its own claim, as stored
    assert [(v.get("event"), v["value"]) for v in versions[1:]] == [
        ("1965-founding", "more than 100,000"), ("1981-crackdown", "120,000"), ("1981-crackdown", "120,000")]
    st = json.loads(run("stats", "-f", "json", *db).out)
    assert st["disputed_events"] == 4  # founding, crackdown, monument, protests (not the executions)
    timeline = {e["id"]: e["disputed"] for e in json.loads(run("timeline", "-f", "json", *db).out)}
    assert timeline["1988-executions"] == [] and timeline["1965-founding"] == [TOTAL]
    assert timeline["1981-crackdown"] == [TOTAL, "start of the crackdown"]


def test_show_gives_the_low_high_range_of_figures_and_dates(run, db):
    ev = json.loads(run("show", "1981-crackdown", "-f", "json", *db).out)
    assert ev["range"] == [
        {"subject": TOTAL, "kind": "figure", "low": 100000, "high": 120000,
         "low_sources": ["a"], "high_sources": ["a", "b"]},
        {"subject": "start of the crackdown", "kind": "date", "low": "1981-06-01", "high": "1981-06-21",
         "low_sources": ["a"], "high_sources": ["b"]},
    ]
    lines = run("show", "1981-crackdown", *db).out.splitlines()
    assert f"range\t{TOTAL}: 100,000 [a] – 120,000 [a, b]" in lines
    assert "range\tstart of the crackdown: 1981-06-01 [a] – 1981-06-21 [b]" in lines
    assert f"version\t{TOTAL}: more than 100,000 (deaths (a)) [a] on 1965-founding" in lines
    assert any(l.startswith("disputed\t") and "versions on other events" in l for l in lines)


def test_show_on_a_terminal_has_the_range_and_the_other_versions(run, db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    out = run("show", "2020-monument", "-f", "table", "--no-color", *db).out
    assert f"{TOTAL}: 100,000 [a] – 120,000 [a, b]" in out
    assert "Versions on other events" in out and "1965-founding" in out


def test_an_event_is_found_by_a_former_id(run, db):
    r = run("show", "1981-06-20-crackdown", "-f", "json", *db)
    assert r.code == 0 and json.loads(r.out)["id"] == "1981-crackdown"
    assert json.loads(r.out)["aliases"] == ["1981-06-20-crackdown"]
    assert run("show", "1981-06-20-nothing", *db).code == 1


def test_an_alias_that_is_not_a_list_of_strings_is_a_store_fault(run, tmp_path):
    db = _store(tmp_path, [_event("e1", "2000-01-01", [], aliases="old-id")])
    r = run("timeline", *db)
    assert r.code == 2 and "aliases is a string, not a list of strings" in r.err


# -- the shipped knowledge base: every disagreement of issue 14 ------------------------

# Each disagreement the seeds hold, and the key under which `kb conflicts` lists it.
DISAGREEMENTS = {
    "cities the January 2018 uprising reached": "2017-12-uprising/cities",
    "arrests in the 2017-2018 uprisings": "people arrested during the 2017-2018 uprisings and later protests",
    "provinces reached in January 2020": "provinces the January 2020 protests reached",
    "which founding anniversary in 2020": "number of the founding anniversary celebrated in 2020",
    "date of the 55th anniversary": "date of the 55th anniversary celebration",
    "MEK dead in total": "People's Mojahedin Organization of Iran deaths, in total",
    "004's monument caption": "People's Mojahedin Organization of Iran deaths, in total",
    "East Azerbaijan arrests": "MEK-linked people arrested in East Azerbaijan province, 2018-2019",
    "women in the MEK leadership": "women's share of the MEK leadership",
    "the 1988 killings": "length of the 1988 executions",
    "how long the MEK has fought": "how long the MEK has fought Iran's rulers",
    "Rajavi the only surviving leader": "MEK leaders alive in prison, 1975-1979",
    "start of the 1981 crackdown": "start of the 1981 crackdown",
    "date of the Ashraf 3 gathering": "date of the Ashraf 3 gathering",
}


def test_every_disagreement_of_the_seeds_is_listed(run):
    rows = json.loads(run("conflicts", "-f", "json").out)
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["key"], []).append(r)
    assert set(groups) == set(DISAGREEMENTS.values())  # 14 disagreements in 13 groups: none missing, none made up
    total = {(r["event"], r["source"], r["value"]) for r in groups["People's Mojahedin Organization of Iran deaths, in total"]}
    assert ("1965-mek-founded", "000", "more than 100,000") in total
    assert ("1981-06-crackdown-on-mek", "004", "120,000") in total
    assert any(s == "004" and v == "tens of thousands" for _e, s, v in total)  # the monument caption
    leaders = {r["event"] for r in groups["MEK leaders alive in prison, 1975-1979"]}
    assert leaders == {"1975-shah-purge-of-mek-leadership", "1979-01-20-mek-leaders-released"}
    fought = {(r["event"], r["value"]) for r in groups["how long the MEK has fought Iran's rulers"]}
    assert {e for e, _v in fought} == {"1979-revolution", "2019-2020-giuliani-hill-tv-interview"}


def test_shipped_show_has_versions_from_other_events_and_ranges(run):
    ev = json.loads(run("show", "1965-mek-founded", "-f", "json").out)
    key = "People's Mojahedin Organization of Iran deaths, in total"
    assert ev["disputed"] == [key]
    assert {v.get("event") for v in ev["disagreements"][key]} == {
        None, "1981-06-crackdown-on-mek", "2020-kayhan-article-on-mek-online-influence"}
    assert ev["range"] == [{"subject": key, "kind": "figure", "low": 100000, "high": 120000,
                            "low_sources": ["000"], "high_sources": ["000", "004"]}]
    out = run("show", "1981-06-crackdown-on-mek").out
    assert "range\tstart of the 1981 crackdown: 1981-06-01 [000] – 1981-06-21 [000, 001]" in out


def test_renamed_events_answer_to_their_old_ids(run):
    for old, new in [("2020-01-03-soleimani-killed", "2020-01-soleimani-killed"),
                     ("2020-01-08-airliner-shot-down", "2020-01-airliner-shot-down")]:
        r = run("show", old, "-f", "json")
        assert r.code == 0 and json.loads(r.out)["id"] == new


def test_the_count_on_a_terminal_is_the_number_of_groups():
    import io

    from kb.cli.app import main
    from kb.cli.environment import Environment

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    env = Environment(stdout=Terminal(), stderr=io.StringIO(), environ={"NO_COLOR": "1"})
    assert main(["conflicts"], env) == 0
    piped = Environment(stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    main(["conflicts", "-f", "json"], piped)
    groups = {row["key"] for row in json.loads(piped.stdout.getvalue())}
    assert env.stderr.getvalue() == f"kb: {len(groups)} disagreements\n"
