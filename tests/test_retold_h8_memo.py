"""Rule *asked before* (:class:`kb.ingest.eventindex.EventIndex`): a question asked again
is answered from the run's memory while no event added since meets its window, with the
answer the full search gives."""

from __future__ import annotations

import random
from datetime import date

import pytest

from kb.ingest import eventindex
from kb.ingest.eventindex import EventIndex


def _event(eid: str, day: str, title: str, summary: str = "", ents=(), source="a") -> dict:
    return {"id": eid, "date": {"start": day, "end": day, "precision": "day"}, "title": title,
            "summary": summary, "entities": list(ents), "citations": [{"source": source}]}


@pytest.fixture
def counted(monkeypatch):
    calls = []
    real = eventindex.choose

    def choose(*a, **k):
        calls.append(a[1])
        return real(*a, **k)

    monkeypatch.setattr(eventindex, "choose", choose)
    return calls


def _ask(ix: EventIndex, day: str, text: str, ents=(), source="b"):
    d = date.fromisoformat(day)
    got = ix.retold(d, d, "day", set(ents), text, source=source)
    return (got or {}).get("id"), dict(ix.last_match)


def test_a_question_asked_again_is_answered_without_a_search(counted):
    ix = EventIndex([_event("e1", "1988-07-20", "Prisoners executed in Evin", ents=["evin"])])
    first = _ask(ix, "1988-07-20", "Prisoners were executed in Evin prison.", ["evin"])
    assert first[0] == "e1" and len(counted) == 1
    # the same words, countries and numbered things: other short words do not change the question
    again = _ask(ix, "1988-07-20", "The prisoners were executed in Evin prison.", ["evin"])
    assert again == first and len(counted) == 1


def test_an_event_added_near_the_question_makes_it_asked_anew(counted):
    ix = EventIndex([_event("e1", "1988-07-20", "Ministers gathered in Geneva")])
    text = "Prisoners were executed in Evin prison on that day."
    assert _ask(ix, "1988-07-20", text, ["evin"])[0] is None
    ix.add(_event("far", "1990-01-05", "Prisoners executed elsewhere"))  # outside the window
    _ask(ix, "1988-07-20", text, ["evin"])
    assert len(counted) == 1
    ix.add(_event("e2", "1988-07-20", "Prisoners executed in Evin prison", ents=["evin"]))
    assert _ask(ix, "1988-07-20", text, ["evin"])[0] == "e2" and len(counted) == 2
    assert _ask(ix, "1988-07-20", text, ["evin"])[0] == "e2" and len(counted) == 2


def test_what_tells_the_question_apart_is_kept():
    ix = EventIndex([_event("e1", "1981-06-20", "Fire at Pier 3 destroyed the harbour warehouses",
                            ents=["portx"])])
    text = "Fire at Pier 3 destroyed the harbour warehouses."
    assert _ask(ix, "1981-06-22", text, ["portx"])[0] == "e1"
    # the same words, another numbered thing; the same question from the event's own source
    assert _ask(ix, "1981-06-22", text.replace("Pier 3", "Pier 4"), ["portx"])[0] is None
    assert _ask(ix, "1981-06-22", text, ["portx"], source="a")[0] is None
    assert _ask(ix, "1981-06-22", text, ["portx"])[0] == "e1"


def test_the_same_answers_as_a_search_each_time(monkeypatch):
    """A run of repeated dated sentences (many told again), with the memory and without."""
    rng = random.Random(7)
    fill = ["arrested", "the", "left", "abroad", "while", "prisons", "others", "wrote"]
    lines = [(f"1970-06-{rng.randint(1, 9):02d}", f"On that day the {rng.choice(fill)} met in Tehran.",
              rng.choice([(), ("tehran",)])) for _ in range(150)]

    def run() -> list:
        ix, out = EventIndex(), []
        for n, (day, text, ents) in enumerate(lines):
            got = _ask(ix, day, text, ents, source="doc")
            out.append(got)
            if got[0] is None:
                ix.add(_event(f"ev{n}", day, text, ents=ents, source="doc"))
        return out

    remembered = run()
    monkeypatch.setattr(EventIndex, "_unchanged", lambda self, k, lo, hi: False)
    assert run() == remembered
    assert sum(r[0] is not None for r in remembered) > 50
