"""The retelling search's shortcuts give the answers of the plain search.

:func:`kb.ingest.dedupe.choose` skips a candidate whose score, at most
(:func:`kb.ingest.dedupe._bound`), could not count; :class:`kb.ingest.eventindex.EventIndex`
passes on only the events whose days meet a question's window and that share
something with it, and once a year's bucket is inverted (its words, entities and
measures -> its events) only those a rule may accept, with the words' weights
counted over every event near the question.  On random stored events and
questions (words from a small vocabulary, so that many candidates compete), all
must find the same event, score and rule as choose() over every event without
the skip, also while the run adds events of its own.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import pytest

from kb.ingest import dedupe
from kb.ingest.eventindex import EventIndex, _Bucket

_VOCAB = ("attack protest arrest killed village market rocket convoy border prison court march "
          "rally strike workers students mosque bridge harbour ministry police soldiers rebels "
          "election ballot pier flight resolution").split()
_ENTITIES = [f"ent-{i}" for i in range(8)]
_LENGTHS = (0, 0, 0, 5, 30, 90, 364, 800, 5000)


def _day(r: random.Random) -> date:
    return date(2000, 1, 1) + timedelta(days=r.randrange(3 * 365))


def _text(r: random.Random, n: int) -> str:
    return " ".join(r.choice(_VOCAB) for _ in range(n)) + (f" pier {r.randrange(3)}" if r.random() < 0.1 else "")


def _record(r: random.Random, n: int) -> dict:
    start = _day(r)
    end = start + timedelta(days=r.choice(_LENGTHS))
    claims = [{"measure": "deaths", "amount": r.choice((12, 40))}] if r.random() < 0.3 else []
    return {"id": f"ev-{n}", "title": _text(r, 4), "summary": _text(r, 10),
            "date": {"start": start.isoformat(), "end": end.isoformat(),
                     "precision": "day" if start == end else "month"},
            "entities": r.sample(_ENTITIES, r.randrange(3)),
            "citations": [{"source": f"s{r.randrange(20)}", "section": _text(r, 3) if r.random() < 0.3 else ""}],
            "claims": claims}


def _questions(r: random.Random, k: int):
    for _ in range(k):
        start = _day(r)
        end = start + timedelta(days=r.choice(_LENGTHS[:6]))
        measures = frozenset({"deaths", "deaths=40"}) if r.random() < 0.3 else frozenset()
        yield (start, end, "day" if start == end else "month", set(r.sample(_ENTITIES, r.randrange(3))),
               _text(r, r.randrange(3, 12)), r.random() < 0.2, f"s{r.randrange(20)}", measures)


def _plain(monkeypatch, entries, q):
    with monkeypatch.context() as m:
        m.setattr(dedupe, "_bound", lambda *a: math.inf)
        return dedupe.choose(entries, *q)


def test_choose_with_the_bound_is_choose_without(monkeypatch):
    r = random.Random(7)
    entries = [dedupe._Entry(_record(r, n), n) for n in range(300)]
    found = 0
    for q in _questions(r, 150):
        got = dedupe.choose(entries, *q)
        assert got == _plain(monkeypatch, entries, q)
        found += got[0] is not None
    assert found > 20  # the questions do find retellings


def test_event_index_finds_what_a_scan_of_every_event_finds(monkeypatch):
    r = random.Random(11)
    records = [_record(r, n) for n in range(300)]
    index = EventIndex(records)
    entries = [dedupe._Entry(rec, n) for n, rec in enumerate(records)]
    found = 0
    for q in _questions(r, 150):
        got = index.retold(*q)
        best, score, rule = _plain(monkeypatch, entries, q)
        assert (got and got["id"]) == (best and best._record["id"])
        assert index.last_match == {"score": round(score, 3), "rule": rule}
        found += got is not None
    assert found > 20


def test_choose_with_weights_given_is_choose(monkeypatch):
    r = random.Random(5)
    entries = [dedupe._Entry(_record(r, n), n) for n in range(200)]
    for q in _questions(r, 60):
        words = dedupe.content_words(q[4])
        lo, hi = dedupe.window(q[0], q[1])
        near = [e for e in entries if not (e.start > hi or e.end < lo)]
        given = dedupe._weights(words, near)
        assert dedupe.choose(entries, *q, words=words, weights=given) == dedupe.choose(entries, *q)


@pytest.mark.parametrize("least", [16, 90])  # every bucket inverted; some inverted, some read by tiers
def test_inverted_buckets_find_what_a_scan_finds_while_the_run_adds_events(monkeypatch, least):
    monkeypatch.setattr(_Bucket, "LEAST", least)
    r = random.Random(23)
    records = [_record(r, n) for n in range(320)]
    index = EventIndex(records[:200])
    entries = [dedupe._Entry(rec, n) for n, rec in enumerate(records[:200])]
    asked = []
    real = index._inverted
    monkeypatch.setattr(index, "_inverted", lambda *a: asked.append(real(*a)) or asked[-1])
    found = 0
    for n, q in enumerate(_questions(r, 120)):
        got = index.retold(*q)
        # in the index's order (on equal scores the first wins): by the first of the question's
        # years that holds an event, then as added; the events of more than WIDE years last
        y0 = dedupe.window(q[0], q[1])[0].year
        order = sorted(entries, key=lambda e: (e.end.year - e.start.year > EventIndex.WIDE,
                                               max(e.start.year, y0), e.seq))
        best, score, rule = _plain(monkeypatch, order, q)
        assert (got and got["id"]) == (best and best._record["id"])
        assert index.last_match == {"score": round(score, 3), "rule": rule}
        found += got is not None
        rec = records[200 + n]  # an event of the run, met by the questions after it
        index.add(rec)
        entries.append(dedupe._Entry(rec, len(entries)))
    inverted = [a for a in asked if a is not None]
    assert found > 20 and len(inverted) > 60
    assert sum(len(c) for c, _w in inverted) < sum(len(entries) for _ in inverted) / 4
