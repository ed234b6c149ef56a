"""Claims and tags as things to list (``kb claims``, ``kb tags``), and the SQLite
export's claims, citations and roles tables with their foreign keys."""

import csv
import io
import json
import sqlite3

import pytest

from conftest import MINI, refused

DB = ["--db", str(MINI)]


def _rows(out):
    return [line.split("\t") for line in out.splitlines()]


def test_claims_lists_every_claim_with_its_event_and_source(run):
    rows = _rows(run("claims", *DB).out)
    assert [(r[0], r[1], r[3], r[5], r[7]) for r in rows] == [
        ("1988-executions", "deaths", "30,000", "s1", "disputed"),
        ("1988-executions", "deaths", "about 20,000", "s2", "disputed"),
        ("2019-11-protests", "cities", "191", "s2", "")]


@pytest.mark.parametrize("args,values", [
    (["--measure", "Cities"], ["191"]),
    (["--source", "s1"], ["30,000"]),
    (["--event", "1988-executions"], ["30,000", "about 20,000"]),
    (["--disputed"], ["30,000", "about 20,000"]),
    (["--disputed", "-s", "s2"], ["about 20,000"]),
])
def test_claims_filters(run, args, values):
    assert [r[3] for r in _rows(run("claims", *args, *DB).out)] == values


@pytest.mark.parametrize("args,words", [
    (["--measure", "death"], ["no measure 'death'", "nearest: deaths"]),
    (["--event", "1988-executons"], ["no event '1988-executons'", "nearest: 1988-executions"]),
    (["--source", "s9"], ["no source 's9'"]),
])
def test_claims_filter_naming_nothing_is_bad_input(run, args, words):
    refused(run("claims", *args, *DB), *words)


def test_claims_in_every_format(run):
    data = json.loads(run("claims", "-f", "json", *DB).out)
    assert data[0]["amount"] == 30000 and data[0]["disputed"] is True and data[0]["event"] == "1988-executions"
    rows = list(csv.reader(io.StringIO(run("claims", "-f", "csv", *DB).out)))
    assert rows[0] == ["event", "measure", "subject", "value", "counts", "source", "section", "disputed"]
    assert run("claims", "-f", "table", *DB).out.count("1988-executions") == 2
    assert run("claims", "--sort", "amount", "--fields", "value", *DB).out.split() == ["191", "about", "20,000", "30,000"]


def test_claims_nothing_found_is_exit_1(run):
    r = run("claims", "--measure", "cities", "--source", "s1", *DB)
    assert (r.code, r.out) == (1, "") and "no claims found" in r.err


def test_tags_with_counts_and_days(run):
    assert _rows(run("tags", *DB).out) == [
        ["arrest", "1", "1971-08-01", "1971-08-31"], ["execution", "1", "1988-07-02", "1988-07-05"],
        ["founding", "1", "1965-09-06", "1965-09-06"], ["internal-dispute", "1", "1976-09-01", "1976-11-30"],
        ["protest", "2", "1977-01-01", "2019-11-30"]]
    assert run("tags", "--sort", "events", "-r", "-n", "1", "--fields", "tag", *DB).out == "protest\n"


def test_sqlite_export_has_claims_citations_and_roles_with_foreign_keys(run, tmp_path):
    out = tmp_path / "kb.db"
    assert run("export", "-f", "sqlite", "-o", str(out), *DB).code == 0
    con = sqlite3.connect(out)
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    fks = {t: {(r[3], r[2]) for r in con.execute(f"PRAGMA foreign_key_list({t})")}
           for t in ("claims", "citations", "roles", "event_entities")}
    assert fks["claims"] == {("event_id", "events"), ("source_id", "sources")}
    assert fks["citations"] == {("event_id", "events"), ("source_id", "sources")}
    assert fks["roles"] == {("entity_id", "entities"), ("of_id", "entities"), ("source_id", "sources")}
    assert fks["event_entities"] == {("event_id", "events"), ("entity_id", "entities")}
    claims = con.execute("SELECT event_id, measure, value, amount, source_id, disputed FROM claims "
                         "ORDER BY id").fetchall()
    assert claims == [("1988-executions", "deaths", "30,000", 30000.0, "s1", 1),
                      ("1988-executions", "deaths", "about 20,000", 20000.0, "s2", 1),
                      ("2019-11-protests", "cities", "191", 191.0, "s2", 0)]
    n_cited = sum(len(json.loads(d)["citations"]) for (d,) in con.execute("SELECT doc FROM events"))
    assert con.execute("SELECT COUNT(*) FROM citations").fetchone()[0] == n_cited > 0
    role = con.execute("SELECT entity_id, role, of, of_id FROM roles WHERE entity_id='massoud-rajavi'").fetchone()
    assert role == ("massoud-rajavi", "leader", "People's Mojahedin Organization of Iran", "mek")
