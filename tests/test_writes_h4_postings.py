"""A bucket's postings (:func:`kb.ingest.postings._csr`), built from flat arrays, are the
postings of appending each event to its keys' lists one by one: for each key, its events in
increasing order, and nothing else."""

from __future__ import annotations

import random

import numpy as np

from kb.ingest.postings import _csr


def _plain(sets: list) -> dict:
    out: dict = {}
    for k, keys in enumerate(sets):
        for key in keys:
            out.setdefault(key, []).append(k)
    return out


def _lists(csr: tuple) -> dict:
    flat, spans = csr
    assert flat.dtype == np.intp
    assert sum(b - a for a, b in spans.values()) == len(flat)  # no posting outside a span
    return {key: flat[a:b].tolist() for key, (a, b) in spans.items()}


def test_postings_are_the_lists_of_appending_one_by_one():
    r = random.Random(7)
    vocab = [f"w{i}" for i in range(40)]
    for n in (1, 2, 17, 300):
        sets = [frozenset(r.sample(vocab, r.randrange(6))) for _ in range(n)]
        assert _lists(_csr(sets, n, np)) == _plain(sets)


def test_events_without_keys_give_empty_postings():
    assert _lists(_csr([frozenset(), set()], 2, np)) == {}
    flat, spans = _csr([frozenset(), {"a"}, frozenset(), {"a", "b"}], 4, np)
    assert _lists((flat, spans)) == {"a": [1, 3], "b": [3]}
