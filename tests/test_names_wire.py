"""The newswire check set for names (tests/data/names_wire/): each text and its gold agree.

Every ``NN_slug.txt`` there has a ``NN_slug.json`` with its gold names
(CoNLL-2003 types, ``[start, end)`` offsets into the text read as UTF-8 with
newlines kept) and the text's sha256; see that folder's README.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest

WIRE = Path(__file__).resolve().parent / "data" / "names_wire"
TEXTS = sorted(WIRE.glob("*.txt"))
GOLD = sorted(WIRE.glob("*.json"))
TYPES = {"PER", "ORG", "LOC", "MISC"}


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def test_the_set_is_complete():
    assert len(TEXTS) == 16 and len(GOLD) == 16
    assert [p.stem for p in TEXTS] == [p.stem for p in GOLD]
    assert all(re.fullmatch(r"\d\d_[a-z0-9_]+", p.stem) for p in TEXTS)
    assert (WIRE / "README.md").is_file()


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.stem)
def test_gold_is_well_formed_and_matches_its_text(path):
    data = json.loads(path.read_text(encoding="utf-8"))
    assert set(data) == {"doc", "sha256", "mentions"}
    assert data["doc"] == path.with_suffix(".txt").name
    text = _read(WIRE / data["doc"])
    assert hashlib.sha256(text.encode("utf-8")).hexdigest() == data["sha256"], "the text changed"
    assert 80 <= len(text.split()) <= 300
    assert data["mentions"], "every document of the set has names"
    end = 0
    for start, stop, typ, name in data["mentions"]:
        assert typ in TYPES, (typ, name)
        assert start >= end, f"{name!r} at {start} overlaps or precedes the previous name (ends {end})"
        assert name and name == name.strip()
        assert text[start:stop] == name, (start, stop, name, text[start:stop])
        # a name is whole words: no letter or digit glued on either side
        assert start == 0 or not text[start - 1].isalnum(), name
        assert stop == len(text) or not text[stop].isalnum(), name
        end = stop


def test_every_occurrence_of_an_annotated_string_is_annotated():
    """Repeated mentions count: an annotated string never appears un-annotated as a whole word."""
    left = []
    for path in GOLD:
        data = json.loads(path.read_text(encoding="utf-8"))
        text = _read(WIRE / data["doc"])
        covered = {i for s, e, _t, _n in data["mentions"] for i in range(s, e)}
        for name in {m[3] for m in data["mentions"]}:
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                if m.start() not in covered:
                    left.append((path.stem, name, m.start()))
    assert not left


def _bench():
    import sys

    sys.path.insert(0, str(WIRE.parent.parent / "benchmark"))
    import names_wire

    return names_wire


def test_the_benchmark_sorts_errors_into_their_kinds():
    nw = _bench()
    text = "Talks held\n\nROME 1996-12-01\n\nKenyan Daniel Moi met Acme in Paris.\n"
    at = {w: (text.index(w), text.index(w) + len(w)) for w in ("ROME", "Kenyan", "Daniel Moi", "Acme", "Paris", "met")}
    gold = {(*at["ROME"], "LOC"), (*at["Kenyan"], "MISC"), (*at["Daniel Moi"], "PER"), (*at["Acme"], "ORG"),
            (*at["Paris"], "LOC")}
    found = {(*at["ROME"], "PER"), (at["Kenyan"][0], at["Daniel Moi"][1], "PER"), (*at["Acme"], "ORG"),
             (*at["met"], "ORG")}
    got = sorted((k, detail, where) for k, detail, _d, _g, _p, where in nw.errors([("x", text, gold)], [found]))
    assert got == [("missed", "LOC", "prose"), ("spurious", "ORG", "prose"),
                   ("wrong span", "longer", "prose"), ("wrong span", "longer", "sentence start"),
                   ("wrong type", "LOC -> PER", "dateline")]


def test_the_tokenized_variant_moves_gold_with_its_text():
    nw = _bench()
    text = '"We won," said Mongolia\'s Bat (U.S.).\n'
    gold = {(text.index(w), text.index(w) + len(w), t) for w, t in (("Mongolia", "LOC"), ("Bat", "PER"), ("U.S.", "LOC"))}
    new, moved = nw.tokenized(text, gold)
    assert new == '" We won , " said Mongolia \'s Bat ( U.S. ) .\n'
    assert sorted(new[s:e] for s, e, _t in moved) == ["Bat", "Mongolia", "U.S."]
