"""``kb export``: JSON Lines, CSV and SQLite copies of a store for other tools."""

import csv
import io
import json
import sqlite3

import pytest

from conftest import MINI

DB = ["--db", str(MINI)]
EVENT_FIELDS = {"id", "title", "summary", "start", "end", "precision", "edtf", "date_text",
                "entities", "sources"}


def _store_counts():
    data = json.loads(MINI.read_text(encoding="utf-8"))
    return {t: len(data[t]) for t in ("sources", "entities", "events")}


def test_jsonl_to_stdout_has_every_record_with_its_kind(run):
    r = run("export", "--format", "jsonl", *DB)
    assert r.code == 0, r
    objs = [json.loads(line) for line in r.out.splitlines()]
    kinds = [o["kind"] for o in objs]
    n = _store_counts()
    assert kinds == ["source"] * n["sources"] + ["entity"] * n["entities"] + ["event"] * n["events"]
    events = [o for o in objs if o["kind"] == "event"]
    assert all(EVENT_FIELDS <= set(e) for e in events)
    assert [e["start"] for e in events] == sorted(e["start"] for e in events)
    assert r.err == ""  # stdout export: no chatter


def test_jsonl_events_are_the_timeline_objects(run):
    timeline = json.loads(run("timeline", "-f", "json", *DB).out)
    exported = [json.loads(line) for line in run("export", *DB).out.splitlines()]
    events = [{k: v for k, v in o.items() if k != "kind"} for o in exported if o["kind"] == "event"]
    assert events == timeline


def test_jsonl_sources_keep_their_own_kind_apart(run):
    objs = [json.loads(line) for line in run("export", *DB).out.splitlines()]
    src = [o for o in objs if o["kind"] == "source"]
    assert src and all("source_kind" in o for o in src)
    ents = {o["id"]: o for o in objs if o["kind"] == "entity"}
    listed = {e["id"]: e for e in json.loads(run("entities", "-f", "json", *DB).out)}
    assert {i: {k: v for k, v in o.items() if k != "kind"} for i, o in ents.items()} == listed


def test_csv_has_a_header_and_one_row_per_event(run):
    r = run("export", "-f", "csv", *DB)
    assert r.code == 0, r
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert len(rows) == _store_counts()["events"]
    assert list(rows[0]) == ["id", "start", "end", "precision", "edtf", "date_text", "date", "title",
                             "summary", "entities", "places", "sources", "tags", "disputed"]
    assert all(row["start"] <= row["end"] for row in rows)


def test_file_output_is_written_and_counted_on_stderr(run, tmp_path):
    out = tmp_path / "kb.jsonl"
    r = run("export", "-o", str(out), *DB)
    assert r.code == 0, r
    assert r.out == ""
    assert "exported" in r.err
    assert len(out.read_text(encoding="utf-8").splitlines()) == sum(_store_counts().values())
    assert [p.name for p in tmp_path.iterdir()] == ["kb.jsonl"]  # no temporary file left


def test_a_failed_export_leaves_the_old_file(run, tmp_path, monkeypatch):
    from kb.export import csvfile as exp

    out = tmp_path / "kb.csv"
    out.write_text("old\n")

    def broken(con, fh):
        fh.write("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(exp, "write_csv", broken)
    r = run("export", "-f", "csv", "-o", str(out), "--force", *DB)
    assert r.code == 2
    assert out.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kb.csv"]


def test_sqlite_needs_a_file(run):
    r = run("export", "-f", "sqlite", *DB)
    assert r.code == 2
    assert "-o" in r.err and "Traceback" not in r.err


def test_sqlite_copy_has_tables_indexes_and_fts(run, tmp_path):
    out = tmp_path / "copy.db"
    r = run("export", "-f", "sqlite", "-o", str(out), *DB)
    assert r.code == 0, r
    n = _store_counts()
    con = sqlite3.connect(out)
    assert con.execute("SELECT COUNT(*) FROM events").fetchone()[0] == n["events"]
    assert con.execute("SELECT COUNT(*) FROM entities").fetchone()[0] == n["entities"]
    assert con.execute("SELECT COUNT(*) FROM sources").fetchone()[0] == n["sources"]
    # the lists are JSON arrays, the doc the full event object
    ev_id, ents, doc = con.execute("SELECT id, entities, doc FROM events LIMIT 1").fetchone()
    assert isinstance(json.loads(ents), list) and json.loads(doc)["id"] == ev_id
    # the FTS table is laid out the way sqlite-utils expects (external content)
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name='events_fts'").fetchone()[0]
    assert "content=[events]" in sql
    word = json.loads(doc)["title"].split()[0]
    hits = con.execute("SELECT events.id FROM events_fts JOIN events ON events.rowid = events_fts.rowid "
                       "WHERE events_fts MATCH ?", (f'"{word}"',)).fetchall()
    assert hits
    plan = " ".join(r[3] for r in con.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM events WHERE start <= '1990' AND end >= '1980'"))
    assert "INDEX" in plan


def test_sqlite_copy_works_with_sqlite_utils(tmp_path, run):
    sqlite_utils = pytest.importorskip("sqlite_utils")
    out = tmp_path / "copy.db"
    assert run("export", "-f", "sqlite", "-o", str(out), *DB).code == 0
    db = sqlite_utils.Database(out)
    assert db["events"].detect_fts() == "events_fts"
    title = next(db["events"].rows)["title"]
    assert list(db["events"].search(title.split()[0]))


def test_export_of_the_shipped_knowledge_base_as_a_process(sub, tmp_path):
    p = sub("export", "-f", "jsonl")
    assert p.returncode == 0, p.stderr
    assert {json.loads(line)["kind"] for line in p.stdout.splitlines()} == {"source", "entity", "event"}


def test_export_into_a_closed_pipe_is_quiet():
    import subprocess
    import sys

    from conftest import ROOT

    env = {"PYTHONPATH": str(ROOT)}
    p = subprocess.run(f'"{sys.executable}" -m kb export | head -1', shell=True, capture_output=True,
                       text=True, env={**__import__("os").environ, **env}, cwd=ROOT, timeout=120)
    assert p.returncode == 0
    assert p.stderr == ""
    assert json.loads(p.stdout)["kind"] == "source"
