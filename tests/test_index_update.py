"""An index that follows writes: the records a write changed, applied in place, equal a full rebuild.

Each scenario writes a store A, builds its index, writes B (A with some
records added or changed), hands the update the records that differ, and
compares the updated index with a full build of B, table by table (every
row, sorted; ``meta`` but the build's time stamp); then a command opens the
updated index without building anything.
"""

import copy
import json
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import MINI, ROOT
from kb.index import freshness, update
from kb.query import KB
from kb.store import signature
from kb.store.storage import write_json

FTS_SHADOW = {"fts_data", "fts_idx", "fts_content", "fts_docsize", "fts_config"}


def _mini() -> dict:
    return json.loads(MINI.read_text(encoding="utf-8"))


def _by_id(data, table, rid):
    return next(r for r in data[table].values() if r["id"] == rid)


def _add(data, table, rec):
    data[table][str(max(map(int, data[table]), default=0) + 1)] = rec


def _written(a: dict, b: dict) -> dict[str, list[dict]]:
    """The records of B that A does not hold as they are: what a writer hands the update."""
    out = {}
    for table in ("sources", "entities", "events"):
        before = {r["id"]: r for r in a[table].values()}
        out[table] = [r for r in b[table].values() if before.get(r["id"]) != r]
    return out


def _tables(con: sqlite3.Connection) -> dict:
    out = {}
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").fetchall():
        if name.startswith("sqlite_") or name in FTS_SHADOW:
            continue
        if name == "meta":
            # (the file's description is the writer's to give: kb ingest's is checked below)
            out[name] = {k: v for k, v in con.execute("SELECT key, value FROM meta") if k not in ("stamp", "layout")}
        else:
            out[name] = sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
    return out


def _full_build(store) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    freshness._build_from(con, store, signature(store))
    return con


def _search_rows_match_their_records(con):
    """Each search row has its record's rowid plus its kind's base (how the update finds it)."""
    from kb.index.build import FTS_BASE

    for table, kind in (("events", "event"), ("entities", "entity"), ("sources", "source")):
        got = con.execute(f"SELECT count(*) FROM {table} t JOIN fts f ON f.rowid = t.rowid + ? "
                          "AND f.kind = ? AND f.id = t.id", (FTS_BASE[kind], kind)).fetchone()[0]
        assert got == con.execute(f"SELECT count(*) FROM {table}").fetchone()[0], table


def _follow(tmp_path, a: dict, b: dict) -> sqlite3.Connection:
    """Index A, write B, update the index with what changed; check it is a full build of B."""
    store = tmp_path / "s.json"
    write_json(store, a)
    KB(path=store).con.close()
    token = update.before(store)
    assert token and token.split()[0] == signature(store)
    write_json(store, b)
    assert update.apply(store, token, **_written(a, b)) is True

    path = freshness.index_path(store)
    got = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    want = _full_build(store)
    got_tables, want_tables = _tables(got), _tables(want)
    assert set(got_tables) == set(want_tables)
    for name in want_tables:
        assert got_tables[name] == want_tables[name], name
    assert got_tables["meta"]["signature"] == signature(store)
    _search_rows_match_their_records(got)
    got.close()

    check = sqlite3.connect(":memory:")  # the search index itself agrees with its rows
    sqlite3.connect(f"file:{path}?mode=ro", uri=True).backup(check)
    check.execute("INSERT INTO fts(fts) VALUES('integrity-check')")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(freshness, "_build_from", lambda *args: pytest.fail("the index was rebuilt"))
        kb = KB(path=store)
        for ev in b["events"].values():
            assert kb.show(ev["id"])["id"] == ev["id"]
        kb.close()
    return want


def test_a_new_document_sources_events_and_entities(tmp_path):
    a = _mini()
    b = copy.deepcopy(a)
    _add(b, "sources", {"id": "s3", "title": "A new report", "text": "Kavian spoke in Shiraz.",
                        "file": "s3.md", "kind": "ingested document", "sha256": "ab" * 32, "format": "markdown",
                        "published": {"edtf": "2021-02-03", "start": "2021-02-03", "end": "2021-02-03",
                                      "precision": "day", "text": "3 February 2021"}, "publisher": ""})
    _add(b, "entities", {"id": "darius-kavian", "name": "Darius Kavian", "type": "person",
                         "aliases": ["Kavian"], "ambiguous": [], "description": "", "roles": [],
                         "sources": ["s3"], "extracted": True})
    _add(b, "entities", {"id": "shiraz", "name": "Shiraz", "type": "place", "aliases": [], "ambiguous": [],
                         "description": "", "roles": [], "sources": ["s3"], "extracted": True})
    for known in ("mek", "tehran"):  # tehran: the last of its table, so the last rowid
        _by_id(b, "entities", known)["sources"].append("s3")
    _by_id(b, "events", "2019-11-protests")["citations"].append({"source": "s3", "section": "Kavian"})
    for i, (day, who) in enumerate([("2021-01-05", ["darius-kavian", "mek"]), ("1950-06-01", ["darius-kavian"])]):
        _add(b, "events", {"id": f"{day}-kavian-{i}", "title": f"Kavian speaks {i}", "summary": "He spoke.",
                           "date": {"edtf": day, "start": day, "end": day, "precision": "day", "text": day},
                           "entities": who, "places": ["shiraz"], "tags": [], "claims": [],
                           "citations": [{"source": "s3", "section": "Kavian"}], "document": "s3",
                           "offsets": [0, 20], "extracted": True})
    # a long event: the longest of a new length class
    _add(b, "events", {"id": "1900s-long", "title": "A long era", "summary": "",
                       "date": {"edtf": "1900/1960", "start": "1900-01-01", "end": "1960-12-31",
                                "precision": "range", "text": "1900 to 1960"},
                       "entities": ["shiraz"], "places": [], "tags": ["era"], "claims": [],
                       "citations": [{"source": "s3", "section": "Kavian"}]})
    want = _follow(tmp_path, a, b)
    assert dict(want.execute("SELECT id, n_events FROM entities"))["darius-kavian"] == 2
    kb = KB(path=tmp_path / "s.json")
    assert [e["id"] for e in kb.who("Kavian")["events"]] == ["1950-06-01-kavian-1", "2021-01-05-kavian-0"]
    assert kb.search("Shiraz")[0]


def _claim(amount, source="s1", subject="deaths at the camp", measure="deaths"):
    return {"amount": amount, "counts": "people killed", "measure": measure, "subject": subject,
            "section": "Fixture section", "source": source, "value": f"{amount:,}"}


def test_a_citation_and_a_claim_that_starts_a_disagreement_elsewhere(tmp_path):
    a = _mini()
    _by_id(a, "events", "1971-arrests")["claims"].append(_claim(100))
    b = copy.deepcopy(a)
    ev = _by_id(b, "events", "1976-split")
    ev["citations"].append({"source": "s2", "section": "News"})
    ev["claims"].append(_claim(250, source="s2"))
    want = _follow(tmp_path, a, b)
    disputed = dict(want.execute("SELECT id, disputed FROM events"))
    assert disputed["1971-arrests"] == 1 and disputed["1976-split"] == 1  # the one not written too
    kb = KB(path=tmp_path / "s.json")
    assert kb.show("1971-arrests")["disputed"] == ["deaths at the camp"]
    assert {r["event"] for r in kb.conflicts() if r["key"] == "deaths at the camp"} == {
        "1971-arrests", "1976-split"}


def test_a_claim_that_settles_a_disagreement(tmp_path):
    a = _mini()
    _by_id(a, "events", "1971-arrests")["claims"].append(_claim(100))
    _by_id(a, "events", "1976-split")["claims"].append(_claim(250.5, source="s2"))
    b = copy.deepcopy(a)
    _by_id(b, "events", "1976-split")["claims"][0] = _claim(100, source="s2")  # the figure corrected
    # and one of the store's own disagreements (an event's unnamed measure) settled too
    _by_id(b, "events", "1988-executions")["claims"][1]["amount"] = 30000
    want = _follow(tmp_path, a, b)
    assert want.execute("SELECT count(*) FROM claims WHERE disputed").fetchone()[0] == 0
    kb = KB(path=tmp_path / "s.json")
    assert kb.show("1971-arrests")["disputed"] == [] and kb.conflicts() == []


def test_an_entity_gains_an_alias(tmp_path):
    a = _mini()
    b = copy.deepcopy(a)
    _by_id(b, "entities", "tehran")["aliases"].append("Teheran")
    _by_id(b, "entities", "massoud-rajavi")["sources"].append("s2")
    _follow(tmp_path, a, b)
    kb = KB(path=tmp_path / "s.json")
    assert kb.resolve("Teheran")["id"] == "tehran"
    hits, _notes = kb.search("Teheran", kinds=["event"])
    assert {h["id"] for h in hits} == {"1965-founding", "late-1970s-protests", "2019-11-protests"}


def test_a_renamed_entity_shows_in_every_record_that_names_it(tmp_path):
    a = _mini()
    b = copy.deepcopy(a)
    _by_id(b, "entities", "mek")["name"] = "Mojahedin-e Khalq Organization"
    _follow(tmp_path, a, b)
    kb = KB(path=tmp_path / "s.json")
    assert kb.show("1976-split")["entities"] == ["Mojahedin-e Khalq Organization"]
    assert kb.entity("maryam-rajavi")["roles"][0]["of"] == "Mojahedin-e Khalq Organization"


def test_an_entity_a_record_named_before_it_existed(tmp_path):
    """An event and a role that name an id no entity had yet show the new entity's name."""
    a = _mini()
    _by_id(a, "events", "1976-split")["entities"].append("ashraf")
    _by_id(a, "entities", "massoud-rajavi")["roles"].append({"role": "founder", "of": "ashraf"})
    b = copy.deepcopy(a)
    _add(b, "entities", {"id": "ashraf", "name": "Camp Ashraf", "type": "place", "aliases": ["Ashraf"]})
    _follow(tmp_path, a, b)
    kb = KB(path=tmp_path / "s.json")
    assert "Camp Ashraf" in kb.show("1976-split")["entities"]
    assert kb.entity("massoud-rajavi")["roles"][1]["of"] == "Camp Ashraf"


def test_changed_dates_former_ids_and_tags(tmp_path):
    """The longest event of its length class shortened; former ids and tags replaced."""
    a = _mini()
    b = copy.deepcopy(a)
    ev = _by_id(b, "events", "late-1970s-protests")  # the store's longest event
    ev["date"] = {"edtf": "1978", "start": "1978-01-01", "end": "1978-12-31", "precision": "year", "text": "1978"}
    ev["aliases"] = ["1978-protests"]
    ev["tags"] = ["protest", "revolution"]
    want = _follow(tmp_path, a, b)
    assert json.loads(dict(want.execute("SELECT key, value FROM meta"))["span_longest"])
    assert KB(path=tmp_path / "s.json").show("1978-protests")["id"] == "late-1970s-protests"


def test_a_store_that_doubles_is_studied_again(tmp_path):
    """SQLite's planner statistics follow a store that grows by updates only."""
    a = _mini()
    b = copy.deepcopy(a)
    for i in range(10):
        _add(b, "events", {**_by_id(a, "events", "1976-split"), "id": f"copy-{i}"})
    _follow(tmp_path, a, b)
    con = sqlite3.connect(freshness.index_path(tmp_path / "s.json"))
    assert con.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'sqlite_autoindex_events_1'").fetchone()[0] \
        .split()[0] == "16"


def test_a_write_the_index_did_not_see_is_not_followed(tmp_path):
    """Someone else changed the store after the index was made: nothing is changed, False."""
    store = tmp_path / "s.json"
    a = _mini()
    write_json(store, a)
    KB(path=store).con.close()
    b = copy.deepcopy(a)
    _by_id(b, "events", "1976-split")["title"] = "Split"
    write_json(store, b)  # written without the index following
    c = copy.deepcopy(b)
    _by_id(c, "events", "1971-arrests")["title"] = "Arrests"
    sig_b = signature(store)
    assert update.before(store) is None  # the index is stale: no claim on the store
    write_json(store, c)
    path = freshness.index_path(store)
    st, data = path.stat(), path.read_bytes()
    assert update.apply(store, None, **_written(b, c)) is False
    assert update.apply(store, sig_b, **_written(b, c)) is False  # the index's signature is A's
    assert (path.stat().st_mtime_ns, path.read_bytes()) == (st.st_mtime_ns, data)
    kb = KB(path=store)  # rebuilt, as before
    assert (kb.show("1976-split")["title"], kb.show("1971-arrests")["title"]) == ("Split", "Arrests")


def test_no_index_another_version_or_a_faulty_record_is_not_followed(tmp_path, monkeypatch):
    from kb.index import schema

    store = tmp_path / "s.json"
    a = _mini()
    write_json(store, a)
    assert update.before(store) is None  # no index yet
    KB(path=store).con.close()
    token = update.before(store)
    assert token
    path = freshness.index_path(store)
    st = path.stat()
    faulty = copy.deepcopy(_by_id(a, "events", "1976-split"))
    faulty["date"] = {"start": "1976-13-01"}
    assert update.apply(store, token, events=[faulty]) is False
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + "-next")
    assert update.before(store) is None
    assert update.apply(store, token, events=[_by_id(a, "events", "1976-split")]) is False
    assert path.stat().st_mtime_ns == st.st_mtime_ns


_CHILD = """
import os, sys, json, sqlite3
from pathlib import Path
from kb.index import update
store, token, where = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
written = json.loads(Path(sys.argv[4]).read_text(encoding="utf-8"))
if where == "after-commit":
    update._seal = lambda *a: os._exit(9)
else:
    update._Update._spans = lambda *a: os._exit(9)
if where == "spilled":  # pages written to the file before the commit: the journal is hot
    connect = sqlite3.connect
    def small(*a, **k):
        con = connect(*a, **k)
        con.execute("PRAGMA cache_size=1")
        return con
    update.sqlite3.connect = small
update.apply(store, token, **written)
"""


@pytest.mark.parametrize("where", ["before-commit", "spilled", "after-commit"])
def test_an_update_killed_half_way_never_leaves_an_index_that_looks_fresh(tmp_path, where):
    store = tmp_path / "s.json"
    a = _mini()
    for i in range(40):  # enough rows that a small page cache spills
        _add(a, "events", {**_by_id(a, "events", "1976-split"), "id": f"copy-{i}", "claims": [_claim(i)]})
    write_json(store, a)
    KB(path=store).con.close()
    b = copy.deepcopy(a)
    ev = _by_id(b, "events", "1976-split")
    ev["title"] = "The split"
    ev["claims"].append(_claim(7))
    token = update.before(store)
    write_json(store, b)
    changes = tmp_path / "written.json"
    changes.write_text(json.dumps(_written(a, b)), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-c", _CHILD, str(store), token, where, str(changes)],
                       env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 9, r.stderr
    path = freshness.index_path(store)
    journal = f"{path}-journal"
    assert os.path.exists(journal) == (where != "after-commit")
    if where == "spilled":
        with pytest.raises(sqlite3.OperationalError):  # hot: no reader can open the file as it is
            sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT * FROM meta").fetchall()
    built = []
    real = freshness._build_from
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(freshness, "_build_from", lambda *args: built.append(1) or real(*args))
        kb = KB(path=store)
        assert kb.show("1976-split")["title"] == "The split"
        assert kb.show("copy-3")["disputed"] == ["deaths at the camp"]
        kb.close()
    assert built == [1]
    assert _tables(sqlite3.connect(path)) == _tables(_full_build(store))
    if where == "spilled":
        assert not os.path.exists(journal)  # played back (into the old file) before the rebuild
    # a journal left cold (never synced: the file was not touched) stands in no one's way
    c = copy.deepcopy(b)
    _by_id(c, "events", "1971-arrests")["title"] = "Arrests"
    token = update.before(store)
    write_json(store, c)
    assert update.apply(store, token, **_written(b, c)) is True
    assert not os.path.exists(journal)
    assert _tables(sqlite3.connect(path)) == _tables(_full_build(store))


def test_the_digest_the_writer_gives_is_the_one_kept(tmp_path):
    """The writer's digest of the bytes it wrote: a store changed after the write is not taken
    for the one the index followed."""
    store = tmp_path / "s.json"
    a = _mini()
    write_json(store, a)
    KB(path=store).con.close()
    b = copy.deepcopy(a)
    _by_id(b, "events", "1976-split")["title"] = "The split"
    token = update.before(store)
    write_json(store, b)
    assert update.apply(store, token, digest="0" * 40, **_written(a, b))
    built = []
    real = freshness._build_from
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(freshness, "_build_from", lambda *args: built.append(1) or real(*args))
        KB(path=store).con.close()
    assert built == [1]


def test_kb_ingest_leaves_an_index_equal_to_a_full_build_and_used_without_rebuilding(tmp_path, monkeypatch):
    """The wiring: each ingest under the store's lock brings the index along (kb.store.writer.editing)."""
    import shutil

    from conftest import MINI, ROOT

    from kb.cli.app import main
    from kb.index import index_path
    from kb.query import KB

    store = tmp_path / "store.json"
    shutil.copyfile(MINI, store)
    KB(path=store).con.close()  # an index to follow
    files = sorted(p for p in (ROOT / "tests" / "fixtures" / "ingest").glob("*")
                   if p.suffix in (".txt", ".md", ".html") and p.stat().st_size > 20)
    assert files
    for f in files:
        assert main(["ingest", str(f), "--db", str(store)]) in (0, 2)
        with monkeypatch.context() as m:
            m.setattr(freshness, "_build_from", lambda *a: pytest.fail(f"rebuilt after {f.name}"))
            KB(path=store).stats()
        con = sqlite3.connect(index_path(store))
        got, want = _tables(con), _tables(_full_build(store))
        # The writer waited for the file system's clock to pass its write (kb.store.atomic.past_tick):
        # no digest is kept, where a build this soon after the change keeps one.
        assert got["meta"].pop("digest") == ""
        want["meta"].pop("digest")
        assert got == want, f.name
        # and the written file's description (kb.store.locate) is the one a build gives it
        layout = con.execute("SELECT value FROM meta WHERE key='layout'").fetchone()[0]
        assert layout and layout == _full_build(store).execute(
            "SELECT value FROM meta WHERE key='layout'").fetchone()[0], f.name
        con.close()
