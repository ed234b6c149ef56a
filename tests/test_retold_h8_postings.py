"""A bucket's word postings read from its texts at once (:func:`kb.ingest.wordpostings.word_postings`)
are those of each event's :func:`kb.ingest.dedupe.content_words`, and a stored event the
postings hold unread becomes the entry a full read makes when a question keeps it."""

from __future__ import annotations

import random

import numpy as np

from kb.ingest import dedupe
from kb.ingest.dedupe import _Entry, content_words
from kb.ingest.wordpostings import Postings, _csr, word_postings

TEXTS = [
    ("Rockets fell on the city", "Missile attacks; gunmen stormed the embassy's gate."),
    ("", ""),
    ("Über die Grenze", "Protesters in Zürich marched — café owners were arrested"),
    ("Dies and tried", "x\x01y attacks in don't-stop e-mail"),
    ("Prisoners executed", ""),
    ("AAAA bbbb CCCC", "aaaa BBBB the that which 1988 12345 ab abc"),
]


def _spans(csr) -> dict:
    flat, spans = csr
    return {w: flat[a:b].tolist() for w, (a, b) in spans.items()}


def _expected(texts):
    titles = [content_words(t) for t, _s in texts]
    words = [tw | content_words(s) if s else tw for tw, (_t, s) in zip(titles, texts)]
    n = len(texts)
    return _spans(_csr(words, n, np)), _spans(_csr(titles, n, np)), [len(w) for w in words], [len(t) for t in titles]


def test_the_postings_are_those_of_each_events_words():
    rng = random.Random(3)
    vocab = "attacked attacks killed dies stormed embassy city tehran iran prison protest 1988 the and".split()
    texts = TEXTS + [(" ".join(rng.choices(vocab, k=4)).title(), " ".join(rng.choices(vocab, k=12)))
                     for _ in range(60)]
    rng.shuffle(texts)
    words, titles, nwords, ntitle = word_postings(texts, np)
    want = _expected(texts)
    assert (_spans(words), _spans(titles)) == want[:2]
    assert nwords.tolist() == want[2] and ntitle.tolist() == want[3]
    assert "~attack" in _spans(words) and "~kill" in _spans(titles)


def test_no_text_and_one_text():
    for texts in ([], [("", "")], [("Gunmen stormed", "")]):
        words, titles, nwords, ntitle = word_postings(texts, np)
        want = _expected(texts)
        assert (_spans(words), _spans(titles), nwords.tolist(), ntitle.tolist()) == want


def _record(n: int, title: str, summary, day="1988-07-20") -> dict:
    return {"id": f"e{n}", "date": {"start": day, "end": day, "precision": "day"}, "title": title,
            "summary": summary, "entities": [f"p{n % 3}"], "places": ["evin"],
            "claims": [{"measure": "killed", "amount": 30 + n}], "citations": [{"source": "s"}]}


def test_a_stored_event_is_read_whole_only_when_kept():
    recs = {f"k{n}": _record(n, t, s) for n, (t, s) in enumerate(TEXTS + [("Count", 1988)])}
    loaded = []

    def load(key):
        loaded.append(key)
        return recs[key]

    made = _Entry(recs["k0"], 0, "k0")
    items = [made] + [(n, key, "1988-07-20", "1988-07-20") for n, key in enumerate(recs) if n]
    post = Postings(items[::-1], load)
    assert [post.entries[0] is made] == [True] and len(loaded) == len(recs) - 1
    want = _expected([(r["title"], f"{r['summary']}") for r in recs.values()])
    assert _spans(post.words) == want[0] and _spans(post.titles) == want[1]
    assert _spans(post.ents) == {"p0": [0, 3, 6], "p1": [1, 4], "p2": [2, 5], "evin": list(range(7))}
    assert sorted(_spans(post.meas)) == sorted(dedupe.measures_of(recs["k0"]["claims"]) |
                                               {m for r in recs.values() for m in dedupe.measures_of(r["claims"])})
    e = post.entry(6, lambda item: _Entry(load(item[1]), item[0], item[1]))
    assert isinstance(e, _Entry) and post.entry(6, None) is e and e.words == content_words("Count 1988")
