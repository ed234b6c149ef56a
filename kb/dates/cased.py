"""Rules month-lower and weekday-any-case: when "may" and "march" in lower case are months, a weekday in capitals a day.

The month names that are also common words (``words/cased.txt``: the verb
"may", the verb and noun "march") are read as months when capitalised
("May", "March"; :mod:`kb.dates.registry`).  Notes, chat and social posts
write months in lower case ("may 2020", "since march", "mid-march", "21
march"), so the registry's patterns read the lower-case words too, and
:func:`lower_month_ok` keeps only those whose words around them make them a
month:

* a year after it ("may 2020", "march 21, 1988", "march '88");
* "mid-" before it ("mid-march"), or "early"/"late" with no article before;
* a day's number after it where a date opens ("on march 21", "- may 3: ...");
* a day's number before it ("21 march", "on 3 may"), or a date preposition
  before it ("since march", "in may", "until march"), when no word follows
  that makes it the verb or the noun ("3 may be freed", "in march on the
  capital", "those in may have");
* another month joined to it ("april, not march", "march or april", "april
  and may", "from march to june").

"Hundreds march on the capital", "the march on Washington", "they may 2x
their output", "you may in time", "a late march" stay words.

It also keeps a weekday written alone in capitals (rule weekday-any-case) only where a
headline puts a day ("TALKS WILL RESUME SATURDAY IN GENEVA", "ON MONDAY."), not in a
name ("THE SUNDAY TIMES"); beside a day's number it is a heading's (rule caps-heading).
"""

from __future__ import annotations

import re

from .lazy import lazy

#: the words a hit may hold that are dates only in their context: lower-case "may" and "march",
#: a weekday in capitals (rule weekday-any-case)
LOWER = lazy(r"\b(?:may|march|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAYS?)\b")
# a weekday alone in capitals is one where a headline writes a day ("TALKS RESUME SATURDAY IN
# GENEVA", "ON MONDAY"), not in a name ("THE SUNDAY TIMES", "SUNDAY EXPRESS")
_CAPS_BEFORE = lazy(r"\b(?:THE|A|AN)\s+$")
_CAPS_AFTER = lazy(r"(?:S?\s*(?:$|[.,;:!?)\]\-–—\n])|S?\s+(?:ON|IN|AT|TO|AND|OR|FOR|BY|NIGHT|MORNING|EVENING|AFTERNOON|"
                   r"NOON|\d)\b)")
_OTHER = r"(?:january|february|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|oct|nov|dec)\b"
_YEAR_AFTER = lazy(r"\s*,?\s*(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?,?\s+)?(?:(?:1[5-9]|20)\d\d(?!\d)|'\d\d\b)")
_PART_BEFORE = lazy(r"(?:\bmid-?\s*|(?<!\ba\s)(?<!\bthe\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)(?<!\bits\s)"
                    r"\b(?:early|late)\s+)$", re.IGNORECASE)
_DAY_BEFORE = lazy(r"(?:^|[^\w.,])(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s+of)?\s+$", re.IGNORECASE)
# a day's number before it with a lower-case word after ("3 may attend", "20 march each day") is a count
# and the verb unless a date's preposition or the start of a line (a bullet's), a bracket comes before the number
# ("on 3 may for the holiday", "(21 march, verify)")
_WORD_AFTER = lazy(r"\s+[a-z]")
_DAY_OPENS = lazy(r"(?:(?:^|[\n(\[])\s*(?:[-*•–]\s+)?|\b(?:on|in|since|until|till|through|from|by|before|after|during|of)\s+)"
                  r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?:\s+of)?\s+$", re.IGNORECASE)
# a year's number after it that is a distance or a count ("march 1500 kilometres"), or a modal before it
# ("will march 1500 ..."): the verb
_UNIT_AFTER = lazy(r"\s*\d+\s+(?:kilomet(?:er|re)s?|km|miles?|met(?:er|re)s?|feet|ft|yards?|steps?|paces?)\b", re.IGNORECASE)
_MODAL_BEFORE = lazy(r"\b(?:will|would|can|could|shall|should|must|might|may|did|do|does|'ll)\s+$", re.IGNORECASE)
_PREP_BEFORE = lazy(r"\b(?:in|since|until|till|through|from|by|before|after|during|of)\s+$", re.IGNORECASE)
# a day's number after it, before no figure's word ("on march 21", not "may 5 percent")
_DAY_AFTER = lazy(r"\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d%]|[.,:]\d|\s*(?:%|percent|per|times|more|or|to|of)\b)")
_ON_BEFORE = lazy(r"(?:^|[\n(\[:;,-]\s*|\b(?:on|by|until|till|from|since|before|after)\s+)$", re.IGNORECASE)
_LIST_BEFORE = lazy(r"\b" + _OTHER + r"\.?\s*(?:,\s*(?:not\s+|or\s+|and\s+)?|\s+(?:and|or|to|through|until|till|not)\s+|-|–)\s*$",
                    re.IGNORECASE)
_LIST_AFTER = lazy(r"\s*(?:,\s*(?:not\s+|or\s+|and\s+)?|\s+(?:and|or|to|through|until|till)\s+|-|–)\s*" + _OTHER,
                   re.IGNORECASE)
# what makes the word the verb or the noun: an infinitive or an adverb after the modal "may",
# a particle or a preposition of motion after "march", or a noun "march" qualifies ("march formation",
# "march duty", "march music")
_VERB_AFTER = lazy(r"\s+(?:be|been|have|has|had|not|also|well|still|never|even|only|just|now|then|soon|"
                   r"yet|already|need|want|get|go|come|take|make|do|see|say|seem|become|remain|lose|face|"
                   r"on|through|into|in|toward|towards|past|down|up|along|across|against|with|from|to|"
                   r"behind|around|out|off|of|organi[sz]ers?|routes?|formations?|step|pace|band|music|duty|discipline|"
                   r"was|were|is|are|will|would)\b",
                   re.IGNORECASE)


def lower_month_ok(text: str, start: int, end: int, hit_end: int = 0) -> bool:
    """Whether the lower-case "may" or "march" at ``text[start:end]`` is a month (rule
    month-lower; see the module's docstring); ``hit_end``, the end of the hit that holds it,
    when the words after it are the date's own ("21 march that year")."""
    left = text[max(0, start - 30):start]
    if _YEAR_AFTER.match(text, end) and not (_UNIT_AFTER.match(text, end) or _MODAL_BEFORE.search(left)):
        return True
    if _LIST_BEFORE.search(left) or _LIST_AFTER.match(text, end):
        return True
    if _DAY_AFTER.match(text, end) and _ON_BEFORE.search(left):
        return True
    if _VERB_AFTER.match(text, end):
        return False
    if _DAY_BEFORE.search(left):
        return hit_end > end or not _WORD_AFTER.match(text, end) or bool(_DAY_OPENS.search(text[max(0, start - 40):start]))
    return bool(_PART_BEFORE.search(left) or _PREP_BEFORE.search(left))


def hit_ok(text: str, start: int, end: int) -> bool:
    """Whether every lower-case "may" or "march" inside the hit ``text[start:end]`` is a
    month (most hits hold none: one search of the hit's words)."""
    for m in LOWER.finditer(text, start, end):
        if m.group()[0].isupper():      # a weekday in capitals: beside a day's number, or where a headline puts a day
            # only a hit the weekday opens: one a word opens is that word's ("GOOD FRIDAY", "EASTER SUNDAY")
            if m.start() == start and not any(c.isdigit() for c in text[start:end]) and (
                    _CAPS_BEFORE.search(text, max(0, m.start() - 4), m.start())
                    or not _CAPS_AFTER.match(text, m.end())):
                return False
        elif not lower_month_ok(text, m.start(), m.end(), end):
            return False
    return True
