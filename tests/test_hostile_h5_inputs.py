"""Hostile input found by a fifth pass over issue 16's classes (an outside tester's view).

* A claim amount written as an integer too long for a double (``10**400``) is a
  fault of the record (JSON readers other than Python's read it as infinity);
  one that fits a double but not SQLite's 64-bit integers (``10**30``) is
  exported to SQLite as a real, and a store's unchecked fields (a citation's
  ``page``) holding a list or an object as their JSON.
* ``--fields`` / ``--sort`` naming nothing are refused before a command reads
  anything (``kb tag --fields ,`` with empty input gave two error lines).
* A Word file whose parts unpack to more than ``MAX_UNPACKED`` (a "zip bomb")
  is refused before python-docx holds it; a paragraph's style is looked up
  once per style, not among all styles per paragraph (a 5 MB document took
  16 s for that alone).

Every store and document is built here, in tmp_path.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile

import pytest

from conftest import run_in
from kb.store.paths import shipped_path


_run = run_in


def _store(tmp_path, change) -> str:
    doc = json.loads(shipped_path().read_bytes())
    change(doc)
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    return str(path)


def _claimed(doc) -> list[dict]:
    return [e for e in doc["events"].values() if e.get("claims")]


def test_an_integer_amount_beyond_a_double_is_a_fault_of_its_record(tmp_path):
    def change(doc):
        _claimed(doc)[0]["claims"][0]["amount"] = 10 ** 400

    db = _store(tmp_path, change)
    before = open(db, "rb").read()
    code, out, err = _run("timeline", "--db", db)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "401 digits" in err and "amount" in err
    code, _out, err = _run("ingest", "--db", db, "-", stdin="On June 20, 1981, a march in Tehran.\n")
    assert code == 2 and "Traceback" not in err
    assert open(db, "rb").read() == before


def test_sqlite_export_takes_numbers_beyond_64_bits_and_unchecked_lists(tmp_path):
    def change(doc):
        ev = _claimed(doc)[0]
        ev["claims"][0]["amount"] = 10 ** 30
        ev["citations"][0]["page"] = {"from": 3, "to": [4, 5]}
        _claimed(doc)[1]["citations"][0]["page"] = 2 ** 70

    db = _store(tmp_path, change)
    out = tmp_path / "out.sqlite"
    code, _out, err = _run("export", "-f", "sqlite", "-o", str(out), "--db", db)
    assert code == 0, err
    con = sqlite3.connect(out)
    try:
        assert con.execute("SELECT max(amount) FROM claims").fetchone()[0] == 1e30
        pages = [json.loads(p) for (p,) in con.execute("SELECT page FROM citations WHERE page IS NOT NULL")]
        assert {"from": 3, "to": [4, 5]} in pages
        assert pytest.approx(2.0 ** 70) in pages   # a TEXT column: SQLite keeps 15 digits
    finally:
        con.close()


@pytest.mark.parametrize("option", [("--fields", ",,,"), ("--sort", " ")])
def test_an_empty_listing_option_is_refused_before_any_input_is_read(option):
    code, out, err = _run("tag", *option)     # stdin is empty: reading it would fail too
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and option[0] in err


docx = pytest.importorskip("docx")


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_paragraph("A Title", style="Title")
    d.add_paragraph("The first part", style="Heading 1")
    d.add_paragraph("On June 20, 1981, a march took place in Tehran.")
    d.add_paragraph("A quote.", style="Quote")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_word_file_that_unpacks_beyond_the_limit_is_refused_unread(monkeypatch):
    from kb.ingest import docx as reader
    from kb.ingest.failure import IngestError

    data = _docx_bytes()
    assert reader.read_docx("ok.docx", data).heading == "A Title"
    unpacked = reader.unpacked_size(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert unpacked == sum(i.file_size for i in z.infolist()) > len(data)
    monkeypatch.setattr(reader, "MAX_UNPACKED", unpacked - 1)
    monkeypatch.setattr(docx, "Document", lambda *a: pytest.fail("python-docx must not open a bomb"))
    with pytest.raises(IngestError, match="too big once unpacked"):
        reader.read_docx("bomb.docx", data)


def test_paragraph_style_names_are_python_docx_own():
    from kb.ingest.docx import _style_names

    d = docx.Document(io.BytesIO(_docx_bytes()))
    name = _style_names(d)
    seen = [(name(p._p.style), p.style.name) for p in d.paragraphs]
    assert [mine for mine, _theirs in seen] == [theirs for _mine, theirs in seen]
    assert [mine for mine, _theirs in seen] == ["Title", "Heading 1", "Normal", "Quote"]
    assert name("NoSuchStyle") == "Normal"   # an unknown id: the default paragraph style, as python-docx


def test_a_number_of_5000_digits_is_a_fault_and_a_5000_digit_key_a_number(tmp_path):
    raw = json.dumps(json.loads(shipped_path().read_bytes()), indent=1)
    bad = tmp_path / "bad.json"
    bad.write_text(raw.replace('"amount": 40,', '"amount": ' + "9" * 5000 + ",", 1), encoding="utf-8")
    code, out, err = _run("timeline", "--db", str(bad))
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "too long to read" in err and "events record" in err

    doc = json.loads(raw)
    doc["events"]["9" * 5000] = doc["events"].pop(next(iter(doc["events"])))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    code, out, err = _run("timeline", "1988", "--db", str(good))
    assert code == 0 and err == "" and out
    doc["events"]["0" + "9" * 5000] = doc["events"]["9" * 5000]    # the same number written twice
    good.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    code, out, err = _run("timeline", "1988", "--db", str(good))
    assert code == 2 and "appears twice" in err and len(err) < 400


def test_ingest_into_a_store_nested_too_deeply_to_write_is_one_line_and_no_change(tmp_path):
    """A compact store (not in kb's layout) is written whole; a value 600 lists deep in a
    field kb does not check reads, but no step of the write can follow it that far."""
    raw = json.dumps(json.loads(shipped_path().read_bytes()))
    at = raw.index('"id": ', raw.index('"events"'))
    db = tmp_path / "kb.json"
    db.write_text(raw[:at] + '"extra": ' + "[" * 600 + "]" * 600 + ", " + raw[at:], encoding="utf-8")
    before = db.read_bytes()
    code, _out, err = _run("ingest", "--db", str(db), "-", stdin="On June 20, 1981, a march in Tehran.\n")
    assert code == 2 and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("kb: error:") and "nested too deeply" in err
    assert db.read_bytes() == before
