"""Fast paths of the date finders give the answers of the slow ones (issue 16, class 3)."""

from __future__ import annotations

import random
import re
from datetime import date

from kb.dates.find import _FOLDS_TO_ASCII, _TRIGGER, _TRIGGER_WORDS, _triggered, registry_dates


def test_only_the_listed_characters_fold_to_ascii_letters():
    # every character outside ASCII that re.IGNORECASE matches to an ASCII letter is listed,
    # so that str.lower plus the list is a sound stand-in for the pattern's case rule
    others = "".join(map(chr, range(0x80, 0xD800))) + "".join(map(chr, range(0xE000, 0x110000)))
    assert set(re.findall(r"[a-z]", others, re.IGNORECASE)) == set(_FOLDS_TO_ASCII)


def test_every_trigger_match_holds_a_listed_word():
    for words in ("ago", "the end of", "Beginning  of", "turn of", "Monday", "SATURDAY", "this spring",
                  "last fall", "coming Winter", "middle of", "close of", "start of", "past summer",
                  "next autumn"):
        m = _TRIGGER.search(f"x {words} y")
        assert m is not None
        assert any(w in m.group().lower() for w in _TRIGGER_WORDS), words


def test_triggered_agrees_with_the_pattern():
    rnd = random.Random(16)
    pieces = ["the", "end", "of", "ago", "Sunday", "days", "this", "fall", "spring", "turn", "close",
              "\u0130", "\u0131", "\u017f", "\u212a", "beg\u0130nning of", "\u017fpring", "thi\u017f \u017fummer",
              "a\u212aago", "x", ",", " ", "\n", "2019", "ends", "falling", "Mon-day"]
    for _ in range(400):
        text = "".join(rnd.choice(pieces) + rnd.choice(["", " ", "  "]) for _ in range(rnd.randint(0, 12)))
        assert _triggered(text) == (_TRIGGER.search(text) is not None), text
    # a text without any listed word is answered without the pattern, and rightly
    assert not _triggered("the group said that its members were arrested " * 1000)
    assert _triggered("at the \u017ftart of the year") == bool(_TRIGGER.search("at the \u017ftart of the year"))


def test_the_registry_still_adds_its_dates():
    text = "Four decades ago today, the crowd met. At the end of July a march took place. On Sunday they left."
    got = [(s, e, d.edtf, d.rule) for s, e, d in registry_dates(text, date(2021, 6, 20), [])]
    assert got == [(0, 22, "1981-06-20", "ago-deictic; registry"),
                   (42, 57, "2021-07-21/2021-07-31", "month; registry"),
                   (81, 87, "2021-06-20", "weekday; registry")]
    assert registry_dates("the group said that its members left " * 200, date(2021, 6, 20), []) == []


def test_guarded_places_give_the_matches_of_the_whole_pattern():
    from kb.dates.grammar import _FORMS, _HEAD, _TAIL
    from kb.dates.prefilter import Alternation

    alt = Alternation(_HEAD, _FORMS, _TAIL, re.IGNORECASE)
    alt.COMPILE_AFTER = alt.GUARD_AFTER = 1        # narrowed and guarded from the first place on
    alt.DIRECT_UPTO = 0                             # and filtered from the first text on
    text = ("the group met in the fall of 1976, the 1970s and 1980s, the late 1970s; the past 12 months "
            "to June 2019 and the following years. The theory of 2000 people: in May 2019, on 6 July "
            "1988, the early-2010s, the mid 1990s, in 1981-82, the next two years, thereafter. ") * 3
    got = [(m.start(), m.end(), m.lastgroup) for m in alt.finditer(text)]
    assert got == [(m.start(), m.end(), m.lastgroup) for m in alt.whole.finditer(text)]
    assert len(got) > 30 and alt._guards and any(alt._guards.values())


def test_a_date_begins_at_a_word_boundary():
    """The premise of ``word_start``: no first character of a form is a non-word character
    (every code point tried), so the boundary changes no place the scanner starts at."""
    import sys

    from kb.dates.grammar import _alternation
    from kb.dates.prefilter import _merge, prefixes

    alt = _alternation()
    found, kept = prefixes(alt.whole)
    firsts = re.compile(f"(?={_merge({s[0] for s in found})})\\W")
    every = "".join(map(chr, range(0xD800))) + "".join(map(chr, range(0xE000, sys.maxunicode + 1, 7)))
    assert firsts.search(every) is None
    assert any("\\w" in k and k.startswith("(?<!") for k in kept)
    plain = re.compile(alt.where.pattern.removeprefix("\\b"), alt.where.flags)
    assert alt.where.pattern.startswith("\\b")
    rnd = random.Random(4)
    pieces = ["the", "fall", "of", "1976", "-", "/", "’", "June", "5,", "x1988", "1988-", "é", "_", "(", " ", "\n"]
    for _ in range(300):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        assert [m.start() for m in alt.where.finditer(text)] == [m.start() for m in plain.finditer(text)], text


def test_iran_hint_is_asked_once_a_text(monkeypatch):
    from kb.dates import find, iran

    calls = []
    real = iran._hinted
    monkeypatch.setattr(iran, "_hinted", lambda t: calls.append(len(t)) or real(t))
    text = "On June 5, 1975 the group met in Tehran. " * 50
    scanned = find.scan(text)       # read once, as kb ingest reads a text: for its anchor, then its dates
    first = list(find.find_dates(text, scanned=scanned))
    again = list(find.find_dates(text, date(2020, 1, 1), scanned=scanned))
    assert len(calls) == 1 and len(first) == 50 and len(again) == 50
    assert first == list(find.find_dates(text)) and again == list(find.find_dates(text, date(2020, 1, 1)))
    assert len(calls) == 3          # without a scan to share, each call asks once
    persian = "On 12 Farvardin 1358 the vote was held. " * 3
    scanned = find.scan(persian)
    assert scanned.iran and list(find.find_dates(persian, scanned=scanned)) == list(find.find_dates(persian))
    assert len(calls) == 5          # one that names a month of Iran's calendars: once a scan (not again by iran_dates)
    assert any("Farvardin" in span.text for _s, _e, span in find.find_dates(persian))


def test_a_date_written_again_is_built_once(monkeypatch):
    from kb.dates import find

    text = " ".join(f"On June {1 + i % 3}, 1975 the group met; in May {1980 + i % 2} it left." for i in range(60))
    once = list(find.find_dates(text, date(2020, 1, 1)))
    calls = []
    real = find._build
    monkeypatch.setattr(find, "_build", lambda *a: calls.append(a[2]) or real(*a))
    assert list(find.find_dates(text, date(2020, 1, 1))) == once and len(once) == 120
    assert sorted(calls) == ["June 1, 1975", "June 2, 1975", "June 3, 1975", "May 1980", "May 1981"]
    # each span is the one built alone from its words
    for s, e, span in once:
        assert span == real(*_alone(find, text[s:e]))


def _alone(find, words):
    from kb.dates.grammar import _groups, scan_dates

    m = scan_dates(words)[0]
    return m.lastgroup, _groups(m), m.group().strip(), date(2020, 1, 1)
