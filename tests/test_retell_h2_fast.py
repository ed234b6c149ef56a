"""The retelling search's faster paths give the plain answers: content words read as bytes
(:func:`kb.ingest.dedupe.content_words`) are those of the regular expression
(:func:`kb.ingest.dedupe._plain_words`); an event's words are its title's and its summary's;
buckets asked with days as ordinals and postings whose first years make the "met first
here" test needless find what a scan of every event finds; the collector is paused only
while a question is answered."""

from __future__ import annotations

import gc
import math
import random
from datetime import date, timedelta

from kb.ingest import dedupe
from kb.ingest.eventindex import EventIndex, _Bucket

_PIECES = ["Attacked", "ATTACKS", "don't", "co-operation", "x`y", "1988", "12345", "the", "those", "killing",
           "rockets", "Missiles", "stopped", "dies", "é", "Ñandú", "naïve", "\u2019s", "İstanbul", "ﬁnal", "\t",
           "\n", ",", ".", "-", "'", "_", "ab_cd", "Straße", "ΣΟΦΙΑΣ", "über", "abc", "abcd", "\x00", "\x7f",
           "~attack", "raid", "Mojahedin", "Tehran's", "according", "protesters", "ARRESTS", "dy", "A1B2"]


def _texts(r: random.Random, k: int):
    for _ in range(k):
        yield "".join(r.choice(_PIECES) + r.choice(["", " ", " ", "-", "'", "\u2010"])
                      for _ in range(r.randint(0, 12)))


def test_content_words_are_those_of_the_regular_expression():
    r = random.Random(2)
    seen = 0
    for text in _texts(r, 1500):
        got = dedupe.content_words(text)
        assert got == dedupe._plain_words(text), repr(text)
        assert dedupe.content_words(text) == got  # asked again: from the remembered words
        seen += bool(got)
    assert seen > 1000
    assert dedupe.content_words("Rockets attacked the villages") == {"rocket", "~attack", "attack", "villag"}


def test_an_events_words_are_its_titles_and_its_summarys():
    r = random.Random(4)
    for title, summary in zip(_texts(r, 500), _texts(r, 500)):
        rec = {"id": "e", "title": title, "summary": summary,
               "date": {"start": "1990-01-01", "end": "1990-01-01", "precision": "day"}}
        e = dedupe._Entry(rec, 0)
        assert e.words == dedupe._plain_words(f"{title} {summary}"), (title, summary)
        assert e.title == dedupe._plain_words(title)


def _record(r: random.Random, n: int) -> dict:
    # days near the turn of a year, some spanning two or three years, so that a question's
    # later buckets hold events met first in an earlier one
    start = date(2001, 12, 1) + timedelta(days=r.randrange(-400, 400))
    end = start + timedelta(days=r.choice((0, 0, 3, 40, 200, 500, 900, 6000)))
    vocab = "attack protest arrest village market rocket convoy border prison court rally strike".split()
    return {"id": f"ev-{n}", "title": " ".join(r.sample(vocab, 3)), "summary": " ".join(r.sample(vocab, 6)),
            "date": {"start": start.isoformat(), "end": end.isoformat(),
                     "precision": "day" if start == end else "month"},
            "entities": r.sample(["a", "b", "c", "d"], r.randrange(3)),
            "citations": [{"source": f"s{r.randrange(9)}", "section": ""}]}


def test_buckets_across_years_find_what_a_scan_finds(monkeypatch):
    monkeypatch.setattr(_Bucket, "LEAST", 8)
    r = random.Random(31)
    records = [_record(r, n) for n in range(260)]
    index = EventIndex(records[:200])
    entries = [dedupe._Entry(rec, n) for n, rec in enumerate(records[:200])]
    found = 0
    for n in range(60):
        q = _record(r, 1000 + n)
        start, end = date.fromisoformat(q["date"]["start"]), date.fromisoformat(q["date"]["end"])
        if end - start > timedelta(days=800):
            end = start
        args = (start, end, "day" if start == end else "month", set(q["entities"]), q["summary"], False,
                f"s{r.randrange(9)}", frozenset())
        got = index.retold(*args)
        y0 = dedupe.window(start, end)[0].year
        order = sorted(entries, key=lambda e: (e.end.year - e.start.year > EventIndex.WIDE,
                                               max(e.start.year, y0), e.seq))
        with monkeypatch.context() as m:
            m.setattr(dedupe, "_bound", lambda *a: math.inf)
            best, score, rule = dedupe.choose(order, *args)
        assert (got and got["id"]) == (best and best._record["id"])
        assert index.last_match == {"score": round(score, 3), "rule": rule}
        found += got is not None
        index.add(records[200 + n])
        entries.append(dedupe._Entry(records[200 + n], len(entries)))
    assert found > 10
    inverted = [b.post for b in index.by_year.values() if b.post is not None]
    assert any(p.low < p.top for p in inverted)  # some buckets do need the "met first here" test


def test_the_collector_is_paused_only_while_a_question_is_answered():
    index = EventIndex([_record(random.Random(1), n) for n in range(20)])
    args = (date(2001, 12, 1), date(2001, 12, 1), "day", set(), "rally strike border", False, "s1", frozenset())
    assert gc.isenabled()
    index.retold(*args)
    assert gc.isenabled()
    gc.disable()
    try:
        index.retold(*args)
        assert not gc.isenabled()
    finally:
        gc.enable()
