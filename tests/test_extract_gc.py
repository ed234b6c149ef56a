"""Extraction pauses Python's cycle collector while it runs and gives it back as it was,
also when extraction fails (kb.ingest.extract.Extractor.extract)."""

import gc

import pytest

from kb.ingest import extract as X
from kb.ingest.entities import AliasTable

TEXT = "On 3 March 2019 about 200 protesters were arrested in Tehran, officials said.\n"


def test_collector_paused_during_extraction_and_restored(monkeypatch):
    seen = []
    real = X.segments
    monkeypatch.setattr(X, "segments", lambda text: (seen.append(gc.isenabled()), real(text))[1])
    ex = X.Extractor(AliasTable([]))
    assert gc.isenabled()
    got = ex.extract(TEXT, None)
    assert seen == [False] and gc.isenabled()
    assert [e.date.edtf for e in got.events] == ["2019-03-03"] and got.events[0].figures
    gc.disable()
    try:
        ex.extract(TEXT, None)
        assert not gc.isenabled()        # left off when it was off
    finally:
        gc.enable()


def test_collector_restored_when_extraction_fails(monkeypatch):
    def boom(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(X, "segments", boom)
    with pytest.raises(RuntimeError):
        X.Extractor(AliasTable([])).extract(TEXT, None)
    assert gc.isenabled()
