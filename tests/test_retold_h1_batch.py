"""Stored events read many at once (kb.ingest.manywords) and decoded lazily (dedupe._Entry):
the same words, postings and answers as reading each event's sets one by one."""

from __future__ import annotations

import random
from datetime import date

import numpy as np

from kb.ingest import dedupe, eventindex, manywords

_WORDS = ("Internationalization counterrevolutionaries rockets Missiles shot executed don't U.S. O'Brien "
          "well-known 1988 19880720 abcdefghijkl abcdefghijklm ABCDEFGHIJKL0 zzzzzzzzzzzz 999999999999 "
          "the that would Café naïve — “quoted” arrested protesters demonstrations dies died tries "
          "killing stopped `x` a-b-c-d gunmen stormed rally \x01 tab\there line\nbreak").split(" ")


def _texts(n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [" ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(0, 25))) for _ in range(n)]


def test_pairs_are_content_words_of_each_text():
    texts = _texts(300, 1) + ["", " ", "abcd", "ABCD-EFGH", "it's", "x" * 40, "rockets fell"]
    given = [dedupe.content_words("rocket attacks on the city"), frozenset()]
    code: dict = {}
    text, word = manywords.pairs(texts + given, code, np)
    names = {v: w for w, v in code.items()}
    got: dict = {}
    for t, w in zip(text.tolist(), word.tolist()):
        got.setdefault(t, set()).add(names[w])
    for k, t in enumerate(texts):
        assert got.get(k, set()) == dedupe.content_words(t), t
    assert got.get(len(texts), set()) == given[0] and len(texts) + 1 not in got
    # each (text, word) once, ordered by text then word number
    key = text * len(code) + word
    assert (np.diff(key) > 0).all()


def _record(title: str, summary: str, n: int) -> dict:
    day = date(2001, 1 + n % 12, 1 + n % 28).isoformat()
    return {"title": title, "summary": summary, "date": {"start": day, "end": day, "precision": "day"},
            "entities": [f"e{n % 7}"], "places": [f"p{n % 5}"],
            "citations": [{"source": f"s{n % 3}", "section": f"Part {n % 4}"}]}


def _dump(csr) -> dict:
    flat, spans = csr
    return {k: flat[a:b].tolist() for k, (a, b) in spans.items() if b > a}


def test_postings_of_lazy_entries_are_those_of_their_sets():
    titles, summaries = _texts(400, 2), _texts(400, 3)
    records = [_record(t, s, n) for n, (t, s) in enumerate(zip(titles, summaries))]
    records.append({**_record("", "", 400), "title": 5, "summary": None})  # not strings: read as text
    stored = [dedupe._Entry(r, n, key=str(n)) for n, r in enumerate(records)]
    for e in stored[::3]:
        assert e.words is not None  # some read already (a question met them one by one)
    post = eventindex._Postings(list(stored))
    words, titles_ = [e.words for e in post.entries], [e.title for e in post.entries]
    n = len(words)
    assert _dump(post.words) == _dump(eventindex._csr(words, n, np))
    assert _dump(post.titles) == _dump(eventindex._csr(titles_, n, np))
    assert post.nwords.tolist() == [len(w) for w in words]
    assert post.ntitle.tolist() == [len(w) for w in titles_]
    # a stored entry read late holds what an entry read at once holds
    for e, r in zip(post.entries, records):
        now = dedupe._Entry(r, e.seq)
        assert (e.words, e.title, e.sources, e.sections, e.entities, e.measures) == (
            now.words, now.title, now.sources, now.sections, now.entities, now.measures)


def test_run_entries_keep_what_their_record_held():
    rec = _record("Rockets hit the port", "Gunmen stormed the harbour", 1)
    e = dedupe._Entry(rec, 0)
    rec["citations"].append({"source": "later", "section": "Other"})  # the run cites it afterwards
    assert e.sources == {"s1"} and len(e.sections) == 1
