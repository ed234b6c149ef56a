"""A stored event read for the retelling search costs less and reads the same: its title's
and text's words (:func:`kb.ingest.dedupe.text_words`) are those
:func:`kb.ingest.dedupe.content_words` gives each; its sources and cited headings are those
the record had when the entry was made; a bucket's postings answer as a dictionary of spans
would."""

from __future__ import annotations

import random

import numpy as np

from kb.ingest import dedupe
from kb.ingest.dedupe import _Entry, content_words, text_words
from kb.ingest.postings import _csr

TEXTS = [
    ("Rockets fell on the city", "Missile attacks; gunmen stormed the embassy's gate."),
    ("", ""),
    ("Über die Grenze", "Protesters in Zürich marched, café owners were arrested"),
    ("Prisoners executed", ""),
    ("", "Hundreds died in the riots"),
    ("AAAA bbbb CCCC", "aaaa BBBB the that which 1988 12345 ab abc"),
    ("the that", "with from"),
    ("Kämpfe", "killed"),
]


def test_text_words_are_those_of_title_and_summary_read_apart():
    r = random.Random(3)
    vocab = "attack attacked rockets strike strikes killed the council met Tehran with arrested dies".split()
    texts = TEXTS + [(" ".join(r.choices(vocab, k=r.randrange(6))), " ".join(r.choices(vocab, k=r.randrange(12))))
                     for _ in range(200)]
    for title, summary in texts:
        dedupe._FINAL.clear()  # words met for the first time, then again
        for _ in range(2):
            tw = content_words(title)
            assert text_words(title, summary) == (tw, tw | content_words(summary) if summary else tw)


def _record(**kw) -> dict:
    rec = {"id": "e", "title": "Strike in Abadan", "summary": "Oil workers struck in Abadan.",
           "date": {"start": "1978-10-01", "end": "1978-10-01", "precision": "day"},
           "entities": ["oil-workers"], "places": ["abadan"],
           "citations": [{"source": "a", "section": "1978: Strikes"}], "claims": []}
    rec.update(kw)
    return rec


def test_an_entry_keeps_its_sources_and_headings_as_they_were_when_made():
    rec = _record()
    e = _Entry(rec, 0)
    dedupe.cite(rec, "b", "Oil")
    rec["places"].append("iran")
    assert e.sources == {"a"}
    assert e.sections == [content_words("1978: Strikes")]
    assert e.entities == {"oil-workers", "abadan"}
    stored = _Entry(_record(), 1, key="7", sections=lambda s: frozenset({s}))
    assert stored.sections == [frozenset({"1978: Strikes"})] and stored.sources == {"a"}
    assert _Entry(_record(citations=[]), 2).sources == set()


def test_postings_spans_answer_as_a_dictionary():
    r = random.Random(5)
    vocab = [f"w{i}" for i in range(30)]
    sets = [frozenset(r.sample(vocab, r.randrange(5))) for _ in range(120)]
    flat, spans = _csr(sets, len(sets), np)
    plain: dict = {}
    for k, keys in enumerate(sets):
        for key in keys:
            plain.setdefault(key, []).append(k)
    assert {key: flat[a:b].tolist() for key, (a, b) in spans.items()} == plain
    assert len(spans) == len(plain) and set(spans) == set(plain)
    for key in vocab:
        assert (key in spans) == (key in plain)
        got = spans.get(key)
        assert (got is None) == (key not in plain)
        if got is not None:
            assert spans[key] == got and flat[got[0]:got[1]].tolist() == plain[key]
