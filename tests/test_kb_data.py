"""The shipped knowledge base: valid, and holding what the seeds say."""

import json

import pytest

from kb.store import load, shipped_path
from kb.validate import validate


@pytest.fixture(scope="module")
def data():
    return load(shipped_path())


def test_shipped_knowledge_base_validates(data):
    assert validate(data) == []


def test_covers_1953_to_2020(data):
    starts = sorted(e["date"]["start"] for e in data["events"])
    assert starts[0] < "1966" and starts[-1] >= "2020"
    assert len(data["events"]) >= 90 and len(data["entities"]) >= 100
    assert {s["id"] for s in data["sources"]} == {"000", "001", "002", "003", "004"}


def test_one_organization_under_all_its_names(data):
    mek = next(e for e in data["entities"] if e["id"] == "mek")
    for name in ["MEK", "PMOI", "PMOI/MEK", "MEK Iran", "People's Mojahedin Organization of Iran",
                 "Mojahedin", "Mujahedin-e Khalq"]:
        assert name.lower() in {a.lower() for a in mek["aliases"]}, name


def test_founding_keeps_its_precision(run):
    ev = json.loads(run("show", "1965-mek-founded", "-f", "json").out)
    assert (ev["start"], ev["end"], ev["precision"]) == ("1965-09-06", "1965-09-06", "day")
    assert set(ev["sources"]) >= {"000"}


def test_events_told_in_000_and_001_are_one_event(data):
    both = [e for e in data["events"] if {"000", "001"} <= {c["source"] for c in e["citations"]}]
    assert len(both) >= 10


def test_city_count_disagreement_is_kept(run):
    rows = json.loads(run("conflicts", "-f", "json").out)
    cities = {(r["source"], r["value"]) for r in rows if r["event"] == "2017-12-uprising" and r["measure"] == "cities"}
    assert ("002", "150") in cities and len({v for _, v in cities}) >= 2


def test_stats_runs_on_shipped(run):
    r = run("stats", "-f", "json")
    st = json.loads(r.out)
    assert st["events"] >= 90 and any(d["decade"] == "1980s" for d in st["events_per_decade"])


@pytest.mark.parametrize("cmd", [["timeline", "1979", "1988"], ["who", "Massoud Rajavi"],
                                 ["search", "death commissions"], ["entities", "--type", "person"],
                                 ["sources"], ["conflicts"], ["show", "mek"]])
def test_every_command_works_on_shipped(run, cmd):
    r = run(*cmd)
    assert r.code == 0 and r.out.strip(), (cmd, r)
