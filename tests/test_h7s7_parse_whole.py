"""parse_date starts its form-by-form tries at the first form the scanner's alternation (one
pattern of every form, in order, compiled by any scan) lets read the string whole
(kb.dates.grammar.whole_from): the same first form, so the same DateSpan or the same error,
as trying every form from the first, and no form before it compiled."""

import functools
import random
from datetime import date

from kb.dates import DateError, grammar
from kb.dates import parse as parse_mod
from kb.dates.parse import parse_date

# each form's examples (the comments of grammar._FORMS and the like), and words to mix
_EXAMPLES = [
    "1988-07-01/1988-08-05", "1979/1981", "1988-07-15", "1988-07", "around 1988", "circa March 1988",
    "April, May, and June 2019", "both September and October 1988", "July 28 to August 5, 1988",
    "July 2 to 5, 1988", "2 to 5 July 1988", "28 July to 5 August 1988", "March 1981 to June 1982",
    "March to June 1981", "1979-1981", "1979-81", "from 1979 to 1981", "Sunday, May 17, 2020",
    "September 6th, 1965", "6 September 1965", "6th of September, 1965", "early August 2020",
    "mid-August of 2020", "August of 1971", "the fall of 1976", "the 1950s and 1960s",
    "the 1970s-1980s", "the late 1970s", "the 1980s", "1980's", "late 1981", "1988", "2020",
    "the past 12 months up to June 2019", "three years later", "some two weeks afterwards",
    "the next five years", "during the following years", "during the Revolution", "this time last year",
    "earlier this month", "over the past year", "this week", "last month", "last September",
    "yesterday", "Today", "April and May", "in April, May, and June", "late March", "the middle of May",
    "May 20", "June 20th", "Sept. 3", "16 November", "the 21st of July", "in November", "on Aug.",
    "since June", "September", "Jan.", "sept", "0476", "1500", "06.09.1965", "1965/09/06", "in 1988",
    "by 2001", "Finally, in July", "then on May 4", "12 March 2015", "Mar. 12, 1988", "1988-13", "may",
]
_WORDS = ["in", "on", "the", "early", "late", "mid", "of", "to", "-", "and", "July", "Jul.", "Sept.",
          "May", "4", "21st", "1988", "1990s", "81", "spring", "last", "next", "year", "months",
          "later", "past", "two", "Monday,", "around", "between", "from", "this", "week"]


def _strings():
    rnd = random.Random(13)
    out = list(_EXAMPLES)
    out += [" ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(1, 5))) for _ in range(300)]
    fill = {"m": ["July", "Jul.", "Sept.", "May", "march", "Dec"], "d": ["4", "21st", "31", "2nd", "0"],
            "y": ["1988", "2019", "1600", "2099", "1599"], "p": ["early", "mid", "late", "middle"],
            "s": ["spring", "fall", "winter"], "l": ["in", "on", "by", "since", "during", "finally, in", "then"],
            "w": ["this", "last", "past"], "u": ["week", "month", "year"], "n": ["two", "3", "a", "twelve"]}
    templates = ["{m} {d}, {y}", "{d} {m} {y}", "{l} {m} {d}", "{p} {m}", "{p}-{m} {y}", "the {p} {y}0s",
                 "the {s} of {y}", "{m} {d} to {m} {d}, {y}", "{y}-{y}", "{y} to {y}", "{w} {u}", "{l} {m}",
                 "{n} {u}s later", "the next {n} {u}s", "{m} and {m}", "{m}, {m} and {m} {y}", "{l} {y}",
                 "{d} {m}", "{m} of {y}", "{y}-0{d}", "around {m} {y}", "{l} the {y}0s"]
    for _ in range(400):
        t = rnd.choice(templates)
        for key, values in fill.items():
            while "{" + key + "}" in t:
                t = t.replace("{" + key + "}", rnd.choice(values), 1)
        out.append(t)
    tails = ["", ".", ",", " .", " ,", "..", " , ."]
    return [s + rnd.choice(tails) if k % 2 else s + tails[k % len(tails)] for k, s in enumerate(out)]


def _read(text, anchor):
    try:
        return parse_date(text, anchor)
    except DateError as e:
        return ("error", str(e))


def test_the_first_form_read_whole_is_the_one_of_every_form_tried_in_order(monkeypatch):
    grammar._alternation()                # a scan has compiled it
    anchor = date(1990, 6, 15)
    strings = _strings()
    got = [_read(s, anchor) for s in strings] + [_read(s, None) for s in strings[:200]]
    skipped = sum(grammar.whole_from(" ".join(s.split())) > 0 for s in strings)
    monkeypatch.setattr(parse_mod, "whole_from", lambda candidate: 0)       # the oracle: from the first form
    want = [_read(s, anchor) for s in strings] + [_read(s, None) for s in strings[:200]]
    assert got == want
    assert sum(not isinstance(g, tuple) for g in got) > 150 and skipped > 300


def test_whole_from_is_the_first_form_that_reads_the_string_whole():
    grammar._alternation()
    firsts = set()
    for s in _strings():
        t = " ".join(s.split())
        if not t:
            continue
        first = next((i for i, (name, _p) in enumerate(grammar._FORMS) if grammar.whole(name).match(t)),
                     len(grammar._FORMS))
        firsts.add(first)
        assert grammar.whole_from(t) <= first, t
        if not t.endswith((".", ",")):        # no end but the string's: exactly the first
            assert grammar.whole_from(t) == first, t
    assert len(firsts) > 32          # (of 36 forms and none)


def test_after_a_scan_a_string_compiles_only_its_own_form():
    grammar._alternation()
    grammar.whole.cache_clear()
    assert parse_date("in November", date(1990, 6, 15)).edtf == "1989-11"
    assert parse_date("1988").edtf == "1988"
    assert grammar.whole.cache_info().currsize == 2       # was 36: every form up to in_month, the last


def test_without_a_scan_no_alternation_is_compiled(monkeypatch):
    @functools.cache
    def never():
        raise AssertionError("the alternation was compiled")

    monkeypatch.setattr(grammar, "_alternation", never)
    assert grammar.whole_from("1988-07-15") == 0
    assert parse_date("1988-07-15").start == date(1988, 7, 15)


def test_the_copyright_year_is_parse_dates_reading_of_it():
    """kb.ingest.reader._copyright_year builds the year itself (no date form compiled before a
    text is scanned): the same span parse_date gives, for every year its pattern takes."""
    from kb.dates import parse_date
    from kb.ingest.reader import _copyright_year

    for y in range(1600, 2100):
        got = _copyright_year(f"Copyright (c) {y} The Agency")
        want = parse_date(str(y))
        assert (got.text, got.start, got.end, got.precision, got.edtf, got.rule) == (
            want.text, want.start, want.end, want.precision, want.edtf, "copyright")
    assert _copyright_year("© 1999-2004 x").edtf == "2004"
