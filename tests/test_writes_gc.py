"""An ingest run hides what each document leaves alive from the cyclic garbage collector
(``gc.freeze``, :func:`kb.ingest.pipeline.ingest`) and gives it back when the run ends, how
ever it ends."""

from __future__ import annotations

import gc

import pytest

from kb.errors import KbError
from kb.ingest.pipeline import ingest


def test_a_run_leaves_nothing_frozen(tmp_path):
    doc = tmp_path / "note.md"
    doc.write_text("On 5 March 2004 workers in Tabriz went on strike over unpaid wages.\n", encoding="utf-8")
    before = gc.get_freeze_count()
    summary = ingest([str(doc)], db=str(tmp_path / "kb.json"))
    assert summary.files[0].status == "added"
    assert gc.get_freeze_count() == before == 0


def test_a_failed_run_leaves_nothing_frozen(tmp_path):
    doc = tmp_path / "note.md"
    doc.write_text("On 5 March 2004 workers in Tabriz went on strike.\n", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(KbError):
        ingest([str(doc)], db=str(bad))
    assert gc.get_freeze_count() == 0
    assert bad.read_text(encoding="utf-8") == "{not json"
