"""From a claim to its passage: ``kb show ID --passages`` gives each claim and
citation the passage of its source when the store holds the source's text, with
its offsets, and says plainly when it does not; ``kb search 1500`` and
``kb search 1,500`` find the same records."""

import json

import pytest

from conftest import MINI, refused

TEXT = ("Fixture history page\n\n"
        "1988\n\n"
        "In the summer the prisons were emptied. The page puts the dead at 30,000 prisoners. "
        "Families were not told.\n\n"
        "Fixture section\n\n"
        "Hearings lasted minutes.\nThe condemned were hanged in groups.\n\n"
        "Later\n\nNothing more.\n")


@pytest.fixture
def store(tmp_path):
    data = json.loads(MINI.read_text(encoding="utf-8"))
    for src in data["sources"].values():
        if src["id"] == "s1":
            src.update(text=TEXT, sha256="0" * 64)
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return ["--db", str(path)]


def _passages(run, db, ident="1988-executions"):
    r = run("show", ident, "--passages", "-f", "json", *db)
    assert r.code == 0, r
    return json.loads(r.out)["passages"]


def test_a_claim_gets_the_sentence_holding_its_value_with_offsets(run, store):
    claim = _passages(run, store)[0]
    assert (claim["for"], claim["n"], claim["source"]) == ("claim", 1, "s1")
    assert claim["text"] == "The page puts the dead at 30,000 prisoners."
    assert TEXT[claim["start"]:claim["end"]] == claim["text"]


def test_a_citation_gets_the_paragraph_under_its_section(run, store):
    cite = [p for p in _passages(run, store) if p["for"] == "citation"][0]
    assert cite["source"] == "s1" and TEXT[cite["start"]:cite["end"]] == cite["text"]
    assert cite["text"] == "Hearings lasted minutes.\nThe condemned were hanged in groups."


def test_a_source_without_its_text_is_said_plainly(run, store):
    s2 = [p for p in _passages(run, store) if p["source"] == "s2"]
    assert len(s2) == 2 and all("text" not in p and "not in the store" in p["note"] for p in s2)


def test_offsets_a_record_carries_win(run, store, tmp_path):
    db = json.loads(open(store[1], encoding="utf-8").read())
    for ev in db["events"].values():
        if ev["id"] == "1988-executions":
            ev["claims"][0]["offsets"] = [TEXT.index("30,000"), TEXT.index("30,000") + 6]
    path = tmp_path / "offsets.json"
    path.write_text(json.dumps(db), encoding="utf-8")
    assert _passages(run, ["--db", str(path)])[0]["text"] == "30,000"


def test_tsv_and_table_show_the_passages(run, store, monkeypatch):
    out = run("show", "1988-executions", "--passages", *store).out
    lines = [line for line in out.splitlines() if line.startswith("passage\t")]
    start = TEXT.index("The page puts")
    assert lines[0] == f"passage\tclaim 1 [s1] {start}:{start + 43}: The page puts the dead at 30,000 prisoners."
    assert lines[1].startswith("passage\tclaim 2 [s2]: the source's text is not in the store")
    monkeypatch.setenv("COLUMNS", "120")
    table = run("show", "1988-executions", "--passages", "-f", "table", *store).out
    assert "Passages" in table and "30,000 prisoners" in table


def test_without_passages_nothing_changes(run, store):
    assert "passage" not in run("show", "1988-executions", *store).out
    assert "passages" not in json.loads(run("show", "1988-executions", "-f", "json", *store).out)


def test_passages_of_an_entity_is_bad_input(run, store):
    refused(run("show", "tehran", "--passages", *store), "--passages", "entity")


def test_the_shipped_knowledge_base_says_its_texts_are_not_shipped(run):
    r = run("show", "1988-massacre", "--passages")
    assert r.code == 0 and "passage\tclaim 1 [000]: the source's text is not in the store" in r.out


@pytest.mark.parametrize("a,b", [("1500", "1,500"), ("120000", "120,000"), ("30000", "30.000")])
def test_a_number_finds_the_same_records_however_it_is_grouped(run, a, b):
    first = run("search", a, "--fields", "id", "-n", "100")
    second = run("search", b, "--fields", "id", "-n", "100")
    assert first.code == 0 and first.out and sorted(first.out.split()) == sorted(second.out.split())


def test_number_forms():
    from kb.query.search import number_forms

    assert number_forms("1,500") == [["1500"]]
    assert number_forms("1500") == [["1", "500"]]
    assert number_forms("1234567") == [["1", "234", "567"]]
    assert number_forms("150") == [] and number_forms("1.5") == []
