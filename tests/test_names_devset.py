"""The name development set (tests/data/names/): each file is well formed and agrees with the TimeML loader.

Every ``*.json`` there holds one TimeBank/AQUAINT document's gold names
(CoNLL-2003 types, ``[start, end)`` offsets into the text that
``tests/benchmark/timeml.py`` gives).  The checks that need the text skip when
the corpus (``../shared/corpora/timebank``) is not on the machine.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NAMES = ROOT / "tests" / "data" / "names"
sys.path.insert(0, str(ROOT / "tests" / "benchmark"))
import timeml  # noqa: E402

FILES = sorted(NAMES.glob("*.json"))
TYPES = {"PER", "ORG", "LOC", "MISC"}


def test_there_is_a_development_set():
    assert len(FILES) >= 25
    assert (NAMES / "README.md").is_file()


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_file_is_well_formed(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"doc", "sha256", "mentions"}
    assert path.stem == data["doc"].replace("/", "__")
    assert len(data["sha256"]) == 64
    assert data["mentions"], "a document of the set has at least one name"
    end = 0
    for start, stop, typ, text in data["mentions"]:
        assert typ in TYPES, (typ, text)
        assert start >= end, f"{text!r} at {start} overlaps or comes before the previous name (ends {end})"
        assert stop - start == len(text) and text == text.strip() and text
        end = stop


@pytest.mark.skipif(not timeml.CORPUS.is_dir(), reason="TimeML corpus not on this machine")
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_offsets_match_the_loader_text(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    part, stem = data["doc"].split("/")
    text = timeml.load(timeml.CORPUS / part / f"{stem}.tml").text
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == data["sha256"], "the loader's text changed"
    for start, stop, typ, name in data["mentions"]:
        assert text[start:stop] == name, (start, stop, name, text[start:stop])
