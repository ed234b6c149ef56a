"""Unit tests of the extraction heuristics, each with its own fixture text."""

from __future__ import annotations

from datetime import date

from kb.dates import parse_date
from kb.ingest.extract import AliasTable, Extractor


def _events(text: str, published: str = "2021-03-01"):
    return Extractor(AliasTable()).extract(text, parse_date(published)).events


def test_year_used_as_modifier_is_not_an_event_date():
    text = ("Veterans still talk about the 1956 flood in the valley.\n"
            "Post-1962 reforms were modest.\n"
            "The dam was finished in 1962 after six years of work.\n")
    evs = _events(text)
    assert [(e.date.start, e.text[:13]) for e in evs] == [(date(1962, 1, 1), "The dam was f")]


def test_year_as_modifier_keeps_other_dates_of_the_sentence():
    evs = _events("After the 1956 flood, the council met on March 3, 1957 to plan a dam.\n")
    assert [e.date.start for e in evs] == [date(1957, 3, 3)]


def test_tag_line_is_not_an_event():
    text = ("1999 Floods,Weather,River Authority,Dam Safety\n"
            "Engineers inspected the dam in 2003 and found cracks.\n")
    ex = Extractor(AliasTable()).extract(text, parse_date("2021-03-01"))
    assert [e.date.start.year for e in ex.events] == [2003]
