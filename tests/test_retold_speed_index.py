"""The retelling search's shortcuts (kb.ingest.eventindex) against the paths they replace: days
read once per distinct day (_ordinals), rows that share one word and no entity left out before
they are scored (_maybe), and a saved bucket's events filed in its tiers only when the tiers answer."""

import random
from datetime import date, timedelta

import pytest

from kb.ingest import eventindex
from kb.ingest.dedupe import content_words
from kb.ingest.eventindex import EventIndex, _ordinals
from kb.ingest.postings import _Postings

WORDS = ("attack rocket embassy protest march arrest prison border treaty summit election ballot "
         "flood storm harbour bridge factory strike union minister council court trial verdict").split()
PEOPLE = ["Ann Lee", "Bo Chan", "Cy Diaz", "Di Moss", "Ed Ruiz"]


def _record(rnd, k: int, year: int = 1986) -> dict:
    start = date(year, 1, 1) + timedelta(days=rnd.randrange(330))
    end = start + timedelta(days=rnd.choice([0, 0, 0, 3, 20, 45]))
    words = rnd.sample(WORDS, rnd.randrange(1, 7))
    return {"id": f"e{k}", "title": " ".join(words[:2]), "summary": " ".join(words[2:]),
            "date": {"start": start.isoformat(), "end": end.isoformat(),
                     "precision": "day" if start == end else "range"},
            "entities": rnd.sample(PEOPLE, rnd.randrange(0, 2)), "places": [],
            "citations": [{"source": f"s{k % 7}", "section": " ".join(words[:1])}], "claims": []}


def _index(records: dict, saved=None) -> EventIndex:
    idx = EventIndex(load=records.__getitem__, saved=saved)
    for key, rec in records.items():
        idx.add_stored(key, rec["date"]["start"], rec["date"]["end"])
    return idx


def _questions(rnd, n: int):
    for _ in range(n):
        start = date(1986, 1, 1) + timedelta(days=rnd.randrange(330))
        end = start + timedelta(days=rnd.choice([0, 0, 10]))
        words = frozenset(rnd.sample(WORDS, rnd.randrange(1, 9)))
        yield start, end, words, set(rnd.sample(PEOPLE, rnd.randrange(0, 2)))


def test_ordinals_as_fromisoformat_one_by_one():
    rnd = random.Random(5)
    days = [(date(1, 1, 1) + timedelta(days=rnd.randrange(3_000_000))).isoformat() for _ in range(300)]
    days += days[:100]  # repeated days
    assert _ordinals(days) == [date.fromisoformat(d).toordinal() for d in days]
    with pytest.raises(ValueError):
        _ordinals(days + ["1986-02-30"])


def test_rows_sharing_one_word_and_no_entity_left_out_change_no_answer(monkeypatch):
    rnd = random.Random(7)
    records = {str(k): _record(rnd, k) for k in range(400)}
    new, old = _index(records), _index(records)
    asked = list(_questions(rnd, 150))
    # one word of a two-word event on its own day: similarity 1 / (1 + 2 - 1), rule 1's 0.5
    pairs = [r for r in records.values() if len(content_words(r["title"])) == 2 and not r["summary"]
             and r["date"]["start"] == r["date"]["end"] and len(content_words(r["title"].split()[0])) == 1]
    for r in pairs:
        day = date.fromisoformat(r["date"]["start"])
        asked.append((day, day, content_words(r["title"].split()[0]), set()))
    got = []
    for start, end, words, ents in asked:
        lo, hi = eventindex.window(start, end)
        got.append(new._inverted(lo, hi, start, end, "day", words, ents, frozenset()))
    monkeypatch.setattr(eventindex, "_maybe", lambda inter, shared, nwords, nq: (inter > 0) | (shared > 0))
    kept = 0
    for (start, end, words, ents), mine in zip(asked, got):
        lo, hi = eventindex.window(start, end)
        theirs = old._inverted(lo, hi, start, end, "day", words, ents, frozenset())
        if mine is None:
            assert theirs is None
            continue
        assert [e.seq for e in mine[0]] == [e.seq for e in theirs[0]]
        assert mine[1] == theirs[1]
        kept += len(mine[0])
    assert kept > 50  # the questions do find candidates
    assert pairs and all(got[-k - 1] and any(e.key == r["id"][1:] for e in got[-k - 1][0])
                         for k, r in enumerate(reversed(pairs)))  # each kept by rule 1 alone


class _Saved:
    """A stand-in for a feature file that holds every bucket: its postings made from the stored
    events it is given, whose days it checks against their records."""

    def __init__(self, records: dict):
        self.records, self.asked = records, []

    def has(self, name) -> bool:
        return True

    def postings(self, name, stored, entry):
        for s, e, (seq, key) in stored:
            d = self.records[key]["date"]
            assert (s, e) == (date.fromisoformat(d["start"]).toordinal(), date.fromisoformat(d["end"]).toordinal())
        self.asked.append(name)
        return _Postings([entry(t[2]) for t in stored])


def test_a_saved_bucket_files_its_events_in_its_tiers_when_a_heading_asks():
    rnd = random.Random(11)
    records = {str(k): _record(rnd, k) for k in range(300)}
    saved = _Saved(records)
    with_file, without = _index(records, saved), _index(records)
    asked = list(_questions(rnd, 40))
    for n, (start, end, words, ents) in enumerate(asked):
        lo, hi = eventindex.window(start, end)
        for idx in (with_file, without):
            idx.retold(start, end, "day", ents, " ".join(words))
        if n % 4 == 0:  # an event of this run, added between questions
            rec = _record(rnd, 1000 + n)
            for idx in (with_file, without):
                idx.add(dict(rec))
    assert 1986 in saved.asked and not with_file.by_year[1986].tiers[0].starts  # read, not filed
    for start, end, words, ents in asked:  # dated headings' questions: the tiers answer
        lo, hi = eventindex.window(start, end)
        a = with_file._candidates(lo, hi, words, ents, True)
        b = without._candidates(lo, hi, words, ents, True)
        assert [e.seq for e in a] == [e.seq for e in b]
    assert any(e.key is None for e in with_file._candidates(
        date(1986, 1, 1), date(1986, 12, 31), frozenset(WORDS), set(PEOPLE), True))  # the run's own
    # and the ordinary questions after them still answer as the index without a file does
    for start, end, words, ents in _questions(rnd, 30):
        assert with_file.retold(start, end, "day", ents, " ".join(words)) == without.retold(
            start, end, "day", ents, " ".join(words))
        assert with_file.last_match == without.last_match
