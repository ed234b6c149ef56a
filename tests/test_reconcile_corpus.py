"""The reconcile corpus (tests/data/reconcile): gold.json is well formed, up to
date with its hand-written spec, and every id, quote and file it names exists."""
from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "reconcile"
DOCS = CORPUS / "docs"
GOLD = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))
KB = json.loads((ROOT / "data" / "kb.json").read_text(encoding="utf-8"))
EVENT_IDS = {e["id"] for e in KB["events"].values()} | {
    a for e in KB["events"].values() for a in e.get("aliases", [])}
SOURCE_IDS = {s["id"] for s in KB["sources"].values()}
DOC_NAMES = sorted(GOLD["documents"])
PAIR_KEYS = ("measure", "event", "subject", "here", "there", "source", "versions", "quote")


def text_of(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_every_document_in_the_gold_exists_and_every_document_is_in_the_gold():
    on_disk = sorted(p.name for p in DOCS.iterdir() if p.is_file())
    assert DOC_NAMES == on_disk
    assert {Path(n).suffix for n in DOC_NAMES} == {".txt", ".md", ".html"}


@pytest.mark.parametrize("name", DOC_NAMES)
def test_document_is_short_and_dated(name):
    text = text_of(name)
    words = len(re.findall(r"[A-Za-z0-9][\w'-]*", re.sub(r"<[^>]+>", " ", text)))
    assert 150 <= words <= 400, words
    # a publication date a reader sees: a labelled line, front matter or a meta/time tag
    assert re.search(r"(Published|Released|Updated|updated|revised|edited)\b.{0,20}\d{4}"
                     r"|^date: \d{4}-\d\d-\d\d|published_time|name=\"date\"", text, re.M)


@pytest.mark.parametrize("name", DOC_NAMES)
def test_document_gold_is_well_formed(name):
    doc = GOLD["documents"][name]
    assert set(doc) == {"links", "unlinked", "figures", "disagreements", "agreements"}
    for link in doc["links"]:
        assert set(link) == {"text", "event"} and link["text"] and link["event"]
    assert all(isinstance(q, str) and q for q in doc["unlinked"])
    assert not {x["text"] for x in doc["links"]} & set(doc["unlinked"])
    for kind in ("disagreements", "agreements"):
        for pair in doc[kind]:
            assert set(PAIR_KEYS) <= set(pair), pair
            assert pair["versions"], pair
            assert (pair["there"], pair["source"]) == (
                pair["versions"][0]["value"], pair["versions"][0]["source"])
            assert all(v["value"] and v["source"] for v in pair["versions"])
    for fig in doc["figures"]:
        assert {"quote", "event", "measure", "subject", "value", "low", "high"} <= set(fig)


@pytest.mark.parametrize("name", DOC_NAMES)
def test_every_event_id_is_in_the_shipped_knowledge_base(name):
    doc = GOLD["documents"][name]
    named = [x["event"] for x in doc["links"]] + [
        x["event"] for k in ("disagreements", "agreements", "figures") for x in doc[k]]
    assert set(named) - EVENT_IDS == set()


@pytest.mark.parametrize("name", DOC_NAMES)
def test_every_quote_occurs_in_its_document(name):
    doc, text = GOLD["documents"][name], text_of(name)
    quotes = [x["text"] for x in doc["links"]] + doc["unlinked"] + [
        x["quote"] for k in ("disagreements", "agreements", "figures") for x in doc[k]]
    assert [q for q in quotes if q not in text] == []


@pytest.mark.parametrize("name", DOC_NAMES)
def test_every_source_is_a_stored_source_or_an_earlier_document(name):
    doc = GOLD["documents"][name]
    earlier = set(DOC_NAMES[:DOC_NAMES.index(name)])
    for pair in doc["disagreements"] + doc["agreements"]:
        for v in pair["versions"]:
            for src in [v["source"], *v.get("also", [])]:
                assert src in SOURCE_IDS or src in earlier, (name, src)
                if src in earlier:  # the other document holds that value for that subject
                    assert any(f["subject"] == pair["subject"] and f["value"] == v["value"]
                               for f in GOLD["documents"][src]["figures"])


def test_gold_is_what_the_spec_builds():
    spec = importlib.util.spec_from_file_location("build_gold", CORPUS / "build_gold.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    built = mod.build()
    assert built["documents"] == GOLD["documents"]


def test_corpus_plants_enough_of_every_kind():
    c = GOLD["counts"]
    docs = GOLD["documents"].values()
    assert c["documents"] == len(DOC_NAMES) >= 10
    assert c["links"] == sum(len(d["links"]) for d in docs) >= 20
    assert c["unlinked"] == sum(len(d["unlinked"]) for d in docs) >= 8
    assert c["disagreements"] == sum(len(d["disagreements"]) for d in docs) >= 20
    assert c["agreements"] == sum(len(d["agreements"]) for d in docs) >= 10
    assert c["disagreements_between_documents"] >= 5
    measures = {p["measure"] for d in docs for p in d["disagreements"]}
    assert {"date", "deaths", "cities", "arrests", "participants", "provinces"} <= measures


def test_public_style_expectations_name_real_quotes_and_events():
    folder = CORPUS / "public_style"
    want = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["documents"]
    assert sorted(want) == sorted(p.name for p in folder.glob("p*.md"))
    for name, exp in want.items():
        text = (folder / name).read_text(encoding="utf-8")
        for link in exp["links"]:
            assert link["text"] in text and link["event"] in EVENT_IDS, link
        for d in exp["disagreements"]:
            assert d["here"] in text and d["event"] in EVENT_IDS, d
