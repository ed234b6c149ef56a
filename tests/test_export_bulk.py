"""``kb export --format bulk``: a ``_bulk`` body for OpenSearch/Elasticsearch and its index mappings.

No search cluster runs here, so these check what a cluster would: the body
parses line by line into action/document pairs, every record is there once
under its own index, every line ends in a newline, and the mapping names
every field kb writes with a type its values fit.
"""

import copy
import json
import math
import re
import shutil
from datetime import date

import pytest

from conftest import MINI, refused

KINDS = {"kb-sources": "sources", "kb-entities": "entities", "kb-events": "events"}


def _pairs(body: str):
    """The body as (action, document) pairs, checking its line structure on the way."""
    assert body.endswith("\n") and "\r" not in body
    lines = body[:-1].split("\n")
    assert len(lines) % 2 == 0
    out = []
    for i in range(0, len(lines), 2):
        action, doc = json.loads(lines[i]), json.loads(lines[i + 1])
        assert list(action) == ["index"] and set(action["index"]) == {"_index", "_id"}, action
        assert isinstance(action["index"]["_id"], str) and isinstance(action["index"]["_index"], str)
        assert "index" not in doc or not isinstance(doc.get("index"), dict)  # a document, not an action
        out.append((action["index"], doc))
    return out


def _store_ids(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    return {table: sorted(rec["id"] for rec in data[table].values()) for table in ("sources", "entities", "events")}


def _write_store(tmp_path, data, name="store.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    return path


# -- the body ------------------------------------------------------------------------------

def test_body_alternates_actions_and_documents_with_every_record_once(run):
    r = run("export", "-f", "bulk", "--db", str(MINI))
    assert r.code == 0, r
    assert r.err == ""  # stdout export: no chatter
    pairs = _pairs(r.out)
    ids = {index: [] for index in KINDS}
    for action, doc in pairs:
        assert action["_id"] == doc["id"]
        assert KINDS[action["_index"]] == {"source": "sources", "entity": "entities", "event": "events"}[doc["kind"]]
        ids[action["_index"]].append(action["_id"])
    store = _store_ids(MINI)
    for index, table in KINDS.items():
        assert len(ids[index]) == len(set(ids[index])), f"an id twice in {index}"
        assert sorted(ids[index]) == store[table]


def test_documents_are_the_jsonl_objects_in_the_same_order(run):
    body = run("export", "-f", "bulk", "--db", str(MINI)).out
    jsonl = [json.loads(line) for line in run("export", "--db", str(MINI)).out.splitlines()]
    assert [doc for _, doc in _pairs(body)] == jsonl


def test_index_prefix_names_the_indices(run):
    r = run("export", "-f", "bulk", "--index-prefix", "team.kb_2", "--db", str(MINI))
    assert r.code == 0, r
    assert {a["_index"] for a, _ in _pairs(r.out)} == {"team.kb_2-sources", "team.kb_2-entities",
                                                        "team.kb_2-events"}


@pytest.mark.parametrize("prefix", ["KB", "-kb", "_kb", "+kb", ".kb", "k b", "k/b", "k*b", "k,b", "k#b",
                                    "k:b", "k\"b", "", "k" * 250, "k\x1bb"])
def test_a_prefix_that_makes_no_index_name_isrefused(run, tmp_path, prefix):
    out = tmp_path / "kb.ndjson"
    r = run("export", "-f", "bulk", "--index-prefix", prefix, "-o", str(out), "--db", str(MINI))
    refused(r, "--index-prefix")
    assert "\x1b" not in r.err
    assert not out.exists()


def test_a_file_is_written_atomically_and_counted(run, tmp_path):
    out = tmp_path / "kb.ndjson"
    r = run("export", "-f", "bulk", "-o", str(out), "--db", str(MINI))
    assert r.code == 0, r
    assert r.out == "" and "exported" in r.err
    n = sum(len(v) for v in _store_ids(MINI).values())
    assert len(_pairs(out.read_text(encoding="utf-8"))) == n
    assert [p.name for p in tmp_path.iterdir()] == ["kb.ndjson"]  # no temporary file left
    again = run("export", "-f", "bulk", "-o", str(out), "--db", str(MINI))
    refused(again, "exists", "--force")


def test_the_index_prefix_and_mapping_belong_to_bulk(run, tmp_path):
    refused(run("export", "-f", "jsonl", "--index-prefix", "x", "--db", str(MINI)), "--format bulk")
    refused(run("export", "-f", "csv", "--mapping", str(tmp_path / "m.json"), "--db", str(MINI)),
             "--format bulk")
    assert list(tmp_path.iterdir()) == []


def test_an_id_longer_than_the_bulk_api_takes_is_refused_before_writing(run, tmp_path):
    data = json.loads(MINI.read_text(encoding="utf-8"))
    data["events"]["1"]["id"] = "é" * 300  # 600 bytes
    store = _write_store(tmp_path, data)
    refused(run("export", "-f", "bulk", "--db", str(store)), "512 bytes")  # not a line on stdout
    out = tmp_path / "kb.ndjson"
    refused(run("export", "-f", "bulk", "-o", str(out), "--db", str(store)), "512 bytes")
    assert not out.exists()
    data["events"]["1"]["id"] = "e" * 512  # exactly the limit is fine
    assert run("export", "-f", "bulk", "--db", str(_write_store(tmp_path, data, "ok.json"))).code == 0


def test_a_number_json_cannot_carry_stops_the_export(run, tmp_path):
    data = json.loads(MINI.read_text(encoding="utf-8"))
    data["events"]["6"]["claims"][0]["amount"] = math.nan
    data["events"]["5"]["title"] = "NaN and Infinity in words are text"  # no false alarm
    store = tmp_path / "store.json"
    store.write_text(json.dumps(data), encoding="utf-8")  # writes NaN, as Python's json allows
    out = tmp_path / "kb.ndjson"
    r = run("export", "-f", "bulk", "-o", str(out), "--db", str(store))
    refused(r)
    assert not out.exists()
    data["events"]["6"]["claims"][0]["amount"] = 191
    ok = run("export", "-f", "bulk", "--db", str(_write_store(tmp_path, data, "ok.json")))
    assert ok.code == 0, ok
    assert any(doc.get("title", "").startswith("NaN and") for _, doc in _pairs(ok.out))


# -- the mappings --------------------------------------------------------------------------

TYPES = {"keyword", "text", "date", "double", "integer", "boolean", "nested", "object"}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _mapping(run, tmp_path, *extra):
    path = tmp_path / "mapping.json"
    r = run("export", "-f", "bulk", "-o", str(tmp_path / "kb.ndjson"), "--mapping", str(path), *extra)
    assert r.code == 0, r
    assert "mappings" in r.err
    return json.loads(path.read_text(encoding="utf-8"))


def _fields(properties: dict, prefix: str = ""):
    """Every mapped field as a dotted path with its mapping (objects and nested included)."""
    for name, spec in properties.items():
        path = prefix + name
        yield path, spec
        if "properties" in spec:
            yield from _fields(spec["properties"], path + ".")


def _paths(value, prefix: str = ""):
    """Every field of a document as (dotted path, value); list items share their field's path."""
    if isinstance(value, list):
        for item in value:
            yield from _paths(item, prefix)
        return
    if prefix:
        yield prefix[:-1], value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + key + ".")


def _fits(spec: dict, value) -> bool:
    kind = spec.get("type", "object")
    if value is None:
        return True  # null: no value, any type
    if kind in ("keyword", "text"):
        return isinstance(value, str)
    if kind == "date":
        assert spec["format"] == "strict_date"
        return isinstance(value, str) and bool(DAY.fullmatch(value)) and bool(date.fromisoformat(value))
    if kind == "double":
        return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool) and -2**31 <= value < 2**31
    if kind == "boolean":
        return isinstance(value, bool)
    return isinstance(value, dict)  # object or nested


def test_mapping_is_one_put_body_per_index_with_known_types(run, tmp_path):
    maps = _mapping(run, tmp_path, "--db", str(MINI))
    assert set(maps) == set(KINDS)
    for name, body in maps.items():
        assert set(body) == {"mappings"}, name
        assert body["mappings"]["dynamic"] is False
        fields = dict(_fields(body["mappings"]["properties"]))
        assert fields["id"] == {"type": "keyword"}
        for path, spec in fields.items():
            assert spec.get("type", "object") in TYPES, (name, path, spec)
            if spec.get("type") == "date":
                assert spec["format"] == "strict_date", path
            for sub in spec.get("fields", {}).values():
                assert sub["type"] == "keyword" and sub["ignore_above"] <= 8191
    events = dict(_fields(maps["kb-events"]["mappings"]["properties"]))
    assert events["start"]["type"] == events["end"]["type"] == "date"
    assert events["claims"]["type"] == "nested" and events["claims.amount"]["type"] == "double"
    for path in ("precision", "tags", "sources", "entity_ids"):
        assert events[path]["type"] == "keyword", path
    assert events["title"]["type"] == "text" and events["title"]["fields"]["keyword"]["type"] == "keyword"
    assert events["summary"]["type"] == "text"


def test_mapping_names_the_indices_of_the_body(run, tmp_path):
    maps = _mapping(run, tmp_path, "--index-prefix", "archive", "--db", str(MINI))
    body = (tmp_path / "kb.ndjson").read_text(encoding="utf-8")
    assert {a["_index"] for a, _ in _pairs(body)} == set(maps) == {"archive-sources", "archive-entities",
                                                                   "archive-events"}


@pytest.fixture
def rich_store(run, tmp_path):
    """A store with every optional field kb writes: a real ingest, then hand-made extras."""
    store = tmp_path / "rich.json"
    shutil.copyfile(MINI, store)
    note = tmp_path / "note.md"
    note.write_text("# Notes on 1981\n\nOn June 20, 1981, a large march took place in Tehran, organized by "
                    "the National Council of Resistance of Iran (NCRI). Last November, Ali Ghasemi, an "
                    "IRGC commander, said 1,500 people were arrested.\n", encoding="utf-8")
    assert run("ingest", str(note), "--db", str(store)).code == 0
    data = json.loads(store.read_text(encoding="utf-8"))
    # the far ends of what a store may hold: kb writes every day with four digits, 0001 to 9999
    data["events"]["1"]["date"] = {"edtf": "0800", "start": "0800-01-01", "end": "0800-12-31",
                                   "precision": "year", "text": "the year 800"}
    data["events"]["2"]["date"] = {"edtf": "9999-12-31", "start": "9999-12-31", "end": "9999-12-31",
                                   "precision": "day", "text": "the last day"}
    ev = data["events"]["5"]
    ev["aliases"] = ["1988-executions-old-id"]  # ids the event had before
    ev["citations"][0]["page"] = "iv"           # a PDF's page, and where the PDF's pages begin
    (paged,) = [s for s in data["sources"].values() if s.get("sha256")]
    paged["pages"], paged["page_labels"] = [0, 20], ["iv", "1"]
    ev["claims"].append({"amount": 12.5, "counts": "days the executions lasted", "measure": "duration",
                         "qualifier": "about", "section": "1988", "source": "s1", "subject": "length",
                         "value": "twelve and a half days", "low": 12, "high": 13, "unit": "day",
                         "attribution": "according to the fixture", "offsets": [0, 22], "page": "iv",
                         "date": {"anchor": "1988-07-28", "edtf": "1988-08", "end": "1988-08-31",
                                  "precision": "month", "rule": "relative", "start": "1988-08-01",
                                  "text": "a month later"}})
    ent = data["entities"]["2"]
    day = {"edtf": "1987-06-20", "end": "1987-06-20", "precision": "day", "start": "1987-06-20",
           "text": "June 20, 1987"}
    ent["roles"].append({"role": "commander", "of": "mek", "from": day, "to": copy.deepcopy(day),
                         "source": "s1", "section": "1987"})
    ent["roles"].append({"role": "leader", "of": "mek", "from": day,
                         "to": {**day, "edtf": "1990", "start": "1990-01-01", "end": "1990-12-31", "text": "1990"},
                         "source": "s1"})
    return _write_store(tmp_path, data)


def test_mapping_covers_every_field_kb_writes_with_a_value_of_its_type(run, tmp_path, rich_store):
    maps = _mapping(run, tmp_path, "--db", str(rich_store))
    docs = _pairs((tmp_path / "kb.ndjson").read_text(encoding="utf-8"))
    starts = {doc["start"] for _, doc in docs if doc["kind"] == "event"}
    assert {"0800-01-01", "9999-12-31"} <= starts
    seen = {name: set() for name in maps}
    for action, doc in docs:
        fields = dict(_fields(maps[action["_index"]]["mappings"]["properties"]))
        for path, value in _paths(doc):
            assert path in fields, f"{action['_index']}: {path} is not in the mapping"
            assert _fits(fields[path], value), (action["_index"], path, value, fields[path])
            seen[action["_index"]].add(path)
    # and the mapping names nothing kb never writes (the fixture holds every optional field)
    for name, body in maps.items():
        assert set(dict(_fields(body["mappings"]["properties"]))) == seen[name], name


def test_every_field_of_the_event_contract_is_mapped(run, tmp_path):
    """Straight from the record builder, every optional field on: its keys are the mapping's."""
    from kb.export.bulk import mappings
    from kb.model.records import entity_record, event_record, source_record

    day = {"start": "1988-07-28", "end": "1988-07-28", "precision": "day", "edtf": "1988-07-28",
           "text": "28 July 1988", "anchor": "1988-08-01", "rule": "relative"}
    ev = {"id": "e", "title": "t", "summary": "s", "date": day, "entities": ["a"], "places": ["p"],
          "tags": ["x"], "claims": [], "citations": [], "document": "d", "offsets": [1, 2], "extracted": True,
          "aliases": ["e-before"]}
    ent = {"id": "a", "name": "A", "extracted": True, "roles": []}
    src = {"id": "d", "published": day, "sha256": "0" * 64, "pages": [0, 9], "page_labels": ["i", "1"]}
    maps = mappings("kb")
    # The export adds the record's kind and its event count; a source's own kind is source_kind.
    source = set(source_record(src)) - {"kind"} | {"source_kind"}
    for index, keys in (("kb-events", set(event_record(ev, {}))),
                        ("kb-entities", set(entity_record(ent, {})) | {"events"}),
                        ("kb-sources", source | {"events"})):
        assert keys | {"kind"} == set(maps[index]["mappings"]["properties"]), index


# -- where the mapping goes ----------------------------------------------------------------

def test_mapping_goes_through_the_same_checks_as_the_output(run, tmp_path):
    store = tmp_path / "store.json"
    shutil.copyfile(MINI, store)
    before = store.read_bytes()
    out, maps = tmp_path / "kb.ndjson", tmp_path / "mapping.json"
    maps.write_text("old\n")
    db = ["--db", str(store)]
    refused(run("export", "-f", "bulk", "-o", str(out), "--mapping", str(maps), *db), "exists", "--force")
    assert not out.exists() and maps.read_text() == "old\n"  # refused before anything was written
    refused(run("export", "-f", "bulk", "--mapping", str(store), "--force", *db), "the store this export reads")
    assert store.read_bytes() == before
    refused(run("export", "-f", "bulk", "-o", str(maps), "--mapping", str(maps), "--force", *db), "same file")
    refused(run("export", "-f", "bulk", "--mapping", "-", *db), "stdout")
    refused(run("export", "-f", "bulk", "--mapping", str(tmp_path / "no" / "m.json"), *db), "no folder")
    r = run("export", "-f", "bulk", "-o", str(out), "--mapping", str(maps), "--force", *db)
    assert r.code == 0, r
    assert set(json.loads(maps.read_text())) == set(KINDS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb.ndjson", "mapping.json", "store.json"]


def test_mapping_to_stdout_beside_a_body_file(run, tmp_path):
    out = tmp_path / "kb.ndjson"
    r = run("export", "-f", "bulk", "-o", str(out), "--mapping", "-", "--db", str(MINI))
    assert r.code == 0, r
    assert set(json.loads(r.out)) == set(KINDS)
    assert _pairs(out.read_text(encoding="utf-8"))


def test_the_shipped_knowledge_base_exports_as_a_process(sub, tmp_path):
    maps = tmp_path / "mapping.json"
    p = sub("export", "-f", "bulk", "--mapping", str(maps))
    assert p.returncode == 0, p.stderr
    pairs = _pairs(p.stdout)
    kinds = {a["_index"] for a, _ in pairs}
    assert kinds == set(KINDS) == set(json.loads(maps.read_text(encoding="utf-8")))
    for index in KINDS:
        ids = [a["_id"] for a, _ in pairs if a["_index"] == index]
        assert len(ids) == len(set(ids))


def test_help_names_the_format_and_its_options(run):
    r = run("export", "--help")
    assert r.code == 0
    text = " ".join(r.out.split())
    for word in ("bulk", "--mapping", "--index-prefix", "PUT"):
        assert word in text, word
