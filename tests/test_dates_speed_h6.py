"""The date scan's shortcuts keep its answers: a place's answer kept by its characters
(:meth:`kb.dates.prefilter.Alternation._asked`) finds what the whole pattern finds, and a
second reading of one :class:`kb.dates.find.Scan` with an anchor (``kb ingest``: the
anchor, then the dates) finds what a fresh reading finds."""

import random
import re
from datetime import date

from kb.dates import grammar
from kb.dates.find import find_dates, scan
from kb.dates.grammar import REFERENTIAL_FORMS, RELATIVE_FORMS, _groups, scan_dates
from kb.dates.parse import _build
from kb.dates.prefilter import Alternation
from kb.dates.span import DateError

_WORDS = ("On June 1, 1970 the members met", "in Tehran", "the fall of 1979", "the first week", "The 1980s",
          "then", "June 5", "Jun.", "jungle", "1988-07-01", "19 May", "mid-1990s", "early in 2001", "last year",
          "in March", "two years later", "One week later, on July 29th", "between 1979 and 1981",
          "April, May, and June", "March and June 2019", "yesterday", "in the past 12 months to May 2019",
          "about 1990", "since 2009", "2000 people", "the 1979 revolution", "Spring 2019", "10 may be",
          "May 3", "3 June", "late 1990s", "the following year", "in September the board will open")


def _text(seed: int, n: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) + rng.choice(["", ",", ".", ".\n"]) for _ in range(n))


def test_a_scan_of_kept_answers_finds_what_the_whole_pattern_finds():
    alt = Alternation(grammar._HEAD, grammar._FORMS, grammar._TAIL, re.IGNORECASE, word_start=True)
    alt.GUARD_AFTER = alt.COMPILE_AFTER = 2          # guards made at once, on a short text
    alt.DIRECT_UPTO = 0
    for text in (_text(7, 500), _text(8, 300) + " Jun", _text(9, 300) + " 19"):   # short keys at the end
        whole = [(m.span(), m.lastgroup) for m in alt.whole.finditer(text)]
        for _ in range(2):                           # the second scan answers from the kept table
            assert [(m.span(), m.lastgroup) for m in alt.finditer(text)] == whole
    assert alt._known and None in alt._known.values()        # places ruled out by a kept answer
    singles = [f for f in alt._known.values() if f is not None and getattr(f, "__self__", None) in alt._single]
    assert singles, "a place of one form tries that form's own pattern"


def test_a_second_reading_of_one_scan_finds_what_a_fresh_one_finds():
    text = _text(11, 400)
    sc = scan(text)
    first = list(find_dates(text, scanned=sc))       # the anchor's reading, no anchor
    assert first == list(find_dates(text))
    for anchor in (date(2021, 6, 20), date(2000, 2, 29)):     # one scan read with each anchor in turn
        for refs in (True, False):
            again = list(find_dates(text, anchor, refs, sc))
            assert again == list(find_dates(text, anchor, refs))
            assert any(span.anchor == anchor for _s, _e, span in again)     # relative dates read too


def test_a_form_outside_the_relative_ones_reads_no_anchor():
    # the cache of built spans leaves the anchor out of the key of these forms
    seen = set()
    for m in scan_dates(_text(13, 600)):
        form = m.lastgroup
        if form in RELATIVE_FORMS or form in REFERENTIAL_FORMS or form.startswith("month_list"):
            continue
        built = []
        for anchor in (None, date(2021, 6, 20), date(1970, 1, 1)):
            try:
                built.append(_build(form, _groups(m), m.group().strip(), anchor))
            except DateError as e:
                built.append(str(e))
        assert built[0] == built[1] == built[2], (form, m.group())
        seen.add(form)
    assert len(seen) >= 8, seen


def test_a_pattern_behind_its_lead_finds_what_it_finds_alone():
    # the tense words, led by a lookahead of their first characters (kb.dates.lazy._led), on
    # words with the letters re.IGNORECASE folds to ASCII ("ſaid" is "said") and the "'ll" that
    # begins with no letter
    from kb.dates import context
    from kb.dates.folds import FOLDS_TO_ASCII
    from kb.dates.lazy import _led

    rng = random.Random(17)
    words = ["was", "WERE", "said", "ſaid", "\u212aept", "opened", "\u0130ssued", "\u0131s", "we'll", "it 'll",
             "will", "going  to", "to be held", "are to meet", "the beginning of", "tomorrow", "next", "a", "1999",
             "-", "(was)", "last", "yesterday", "won't", "set for", "expects", "unplanned", "x", "_was", "2had"]
    text = " ".join(rng.choice(words) + rng.choice(["", ",", ".", "'"]) for _ in range(3000))
    assert all(c in text for c in FOLDS_TO_ASCII)
    for name in ("_FUTURE", "_PAST", "_STRONG_FUTURE", "_STRONG_PAST"):
        lazy_rx = getattr(context, name)
        alone = re.compile(lazy_rx.pattern, lazy_rx.flags)
        led = lazy_rx.compiled()
        assert led.pattern == _led(alone.pattern, alone.flags) != alone.pattern
        assert [m.span() for m in led.finditer(text)] == [m.span() for m in alone.finditer(text)], name
        assert any(True for _ in led.finditer(text))
    assert _led(r"(?i)was", 0) == r"(?i)was" and _led(r"\w*", 0) == r"\w*"     # left as written


def test_the_registry_scan_finds_its_places_led_by_the_character_before_them():
    # kb.dates.scan's places found by a pattern led by "\W" (kb.dates.prefilter.places_after)
    # are those of the lookbehind alone: at the very start too, and before "'" ("'90s")
    from kb.dates.prefilter import places_after
    from kb.dates.scan import scanner

    led = scanner().where
    assert led.pattern.startswith("\\W(?=")
    alone = re.compile(led.pattern[2:], led.flags)
    rng = random.Random(19)
    for start in ("Friday", "'90s", "  the", "x", "'", ""):
        text = start + " ".join(rng.choice(_WORDS + ("'90s", "the '80s", "(Friday)", "a--b", "Monday's"))
                                for _ in range(300))
        assert list(places_after(led, text)) == [m.start() for m in alone.finditer(text)], start
