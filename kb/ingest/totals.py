"""Cumulative totals: figures whose scope is a stretch of time, not one happening.

Rule *cumulative total* (:func:`mark_totals`, run by :mod:`kb.ingest.extract` once
the figures of a document are found).  A figure of what happens to people
(deaths, arrests, injuries, sentences) whose own words give it a long stretch
of time as its scope, not one happening, is a claim about a total:

* "since" a beginning: "since the beginning of the revolution", "since its
  founding", "since the 1979 revolution", "since 1981" (a year at least
  :data:`LONG_YEARS` before the document's anchor);
* a long span: "over four decades", "in the past thirty years" (at least
  :data:`LONG_YEARS` years), "over the last century", "throughout its history";
* what a course of things "would cost" a group, told from its start (the future
  in the past): "their choice would lead to exile and cost them some 3,000 lives":
  the figure is about what followed the date, not what happened at it.

A stretch of time holds many happenings, so the figure belongs to none of the
events its page dates; it is compared with the totals of the same measure and
the same group from every source, whatever event each sits on
(``subject``: ``"<group> <measure>, in total"``, the group by its entity's name in the
store, :func:`kb.model.claims.comparison_key`; the shipped knowledge base's curated
totals are written in the same form, so a page's total meets them).
A shorter stretch ("since Friday", "in the last couple of years", "since the
start of the protests") is the count of one happening and stays on its event.

The group a total counts (its subject): the organisation its counted noun names
("120,000 MEK members" -> the MEK), else, when its sentence or one of the two
before it in its paragraph names an organisation or points back to one ("them",
"their", "this organization", "the group", "members"), the organisation the
document names in the most sentences (the one it is about: the antecedent of
"them" on a page about a movement).  A figure whose counted noun is some other
thing ("5,000 soldiers") is no total of an organisation, and one with no group
found is no total at all (it stays an event's figure).  Not handled: a total
whose group is the one that does the killing ("the group has killed 12,000
since 1979" on a page about it is counted as its own losses; kb reads no agent).
"""

from __future__ import annotations

import re
from bisect import bisect_right

#: a stretch of at least this many years is long (a "since <year>" or "in the past N years")
LONG_YEARS = 10

_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "several": 3, "many": 3, "a": 1}
_LONG_THING = (r"(?:revolution|regime|republic|dictatorship|monarchy|war|occupation|movement|"
               r"organi[sz]ation|group|party|resistance|struggle|century|rule|conflict|insurgency)")
_SCOPE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:very\s+)?(?:beginning|start|outset|founding|inception|creation|establishment|"
    rf"birth|dawn|advent)\s+of\s+(?:the\s+|its\s+|their\s+)?(?:[\w’'-]+\s+)?{_LONG_THING}s?\b"
    r"|\bsince\s+(?:its|their|the\s+(?:group|organi[sz]ation|movement|party)[’']s)\s+"
    r"(?:founding|inception|creation|establishment|birth|beginnings?)\b"
    rf"|\bsince\s+the\s+(?:(?:\d{{4}}|[\w-]+)\s+)?{_LONG_THING}\b"
    r"|\bsince\s+(?P<year>1[5-9]\d\d|20\d\d)\b(?!\s*[–—-])"
    r"|\b(?:over|in|during|across|throughout|for)\s+(?:the\s+)?(?:past\s+|last\s+|previous\s+)?"
    r"(?:(?P<count>\d+|[a-z]+)\s+)?(?P<unit>decades|centur(?:y|ies)|years)\b"
    r"|\b(?:over|in|throughout|during)\s+(?:its|their|the\s+[\w’'-]+[’']s)\s+(?:history|existence|lifetime)\b",
    re.IGNORECASE)
#: "... would ... cost them" right before the figure
_WOULD_COST = re.compile(r"\bwould\b[^.;:!?]{0,160}?\bcost\s+(?:them|it|us|him|her|(?:the|its|their)\s+[\w’'-]+)"
                         r"\s+$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)\b")
_POINTS_BACK = re.compile(r"\b(?:them|their|its|this\s+(?:organi[sz]ation|group|movement)|the\s+(?:organi[sz]ation|"
                          r"group|movement)|members?|supporters)\b", re.IGNORECASE)
#: counted nouns that name no group of their own ("120,000 lives", "300 people")
_PEOPLE = frozenset("lives people persons men women members supporters victims activists dead".split())
#: the measures a total may be of: what happens to people
_HAPPENINGS = frozenset(("deaths", "arrests", "injured", "sentences"))


def scope(text: str, f, sentence: tuple[int, int], anchor_year: int | None) -> str:
    """The words of the long stretch that is the scope of figure ``f`` in its
    ``sentence`` (``[start, end)``), or "" (module docstring)."""
    lo, hi = sentence
    before = text[max(lo, f.start - 200):f.start]
    if _WOULD_COST.search(before):
        return "over what followed"
    # the comma-bounded stretch the figure is in, or the sentence's opening phrase ("Since 1979, ...")
    a = max(text.rfind(",", lo, f.start) + 1, lo)
    b = text.find(",", f.end, hi)
    b = hi if b < 0 else b
    if _YEAR.search(_SCOPE.sub(" ", text[a:b])):
        return ""       # a year of its own in its stretch: the figure of that year
    for part in ((a, b), (lo, text.find(",", lo, hi))):
        for m in _SCOPE.finditer(text, *part) if part[1] > part[0] else ():
            if _long(m, anchor_year):
                return " ".join(m.group(0).split())
    return ""


def _long(m: re.Match, anchor_year: int | None) -> bool:
    if m.group("year"):
        return anchor_year is not None and anchor_year - int(m.group("year")) >= LONG_YEARS
    unit = (m.group("unit") or "").lower()
    if unit == "years":
        count = (m.group("count") or "").lower()
        n = int(count) if count.isdigit() else _NUMBERS.get(count)
        return n is not None and n >= LONG_YEARS
    return True


def mark_totals(text: str, figures: list, segs: list, seg_ents: dict, table, anchor_year: int | None) -> None:
    """Set ``total`` (the subject, ``"<group> <measure>, in total"``) and ``scope`` on each
    figure of ``figures`` that is a cumulative total (module docstring)."""
    if not figures:
        return
    body = [s for s in segs if not s.heading]
    starts = [s.start for s in body]
    main = None
    for f in figures:
        if f.measure not in _HAPPENINGS or f.unit:
            continue
        k = bisect_right(starts, f.start) - 1
        if k < 0 or f.start >= body[k].end:
            continue
        words = scope(text, f, (body[k].start, body[k].end), anchor_year)
        if not words:
            continue
        group = _named_group(f.subject, table)
        if group is None:
            if f.subject and f.subject.split()[-1].lower() not in _PEOPLE:
                continue    # "5,000 soldiers": counted, but not as a group's own
            window = [body[k]]
            while len(window) < 3 and k - len(window) >= 0 and "\n" not in text[
                    body[k - len(window)].end:window[-1].start]:
                window.append(body[k - len(window)])
            if not any(_POINTS_BACK.search(text, s.start, s.end) or _orgs(seg_ents.get(s.start, ()), table)
                       for s in window):
                continue
            if main is None:
                main = _main_organisation(body, seg_ents, table) or ""
            group = main
        if group:
            f.total, f.scope = f"{group} {f.measure}, in total", words


def _orgs(ids, table) -> list[str]:
    return [e for e in ids if table.types.get(e) == "organization"]


def _named_group(counted: str, table) -> str | None:
    """The organisation a counted noun's words name ("MEK members"), by the alias table."""
    words = (counted or "").split()[:-1]
    for n in range(min(3, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            ids = [e for e in table.lookup(" ".join(words[i:i + n]), True) if table.types.get(e) == "organization"]
            if len(ids) == 1:
                return table.names.get(ids[0]) or ids[0]
    return None


def _main_organisation(body: list, seg_ents: dict, table) -> str | None:
    """The organisation named in the most sentences of the document (the first named of equals)."""
    count: dict[str, int] = {}
    for s in body:
        for e in set(_orgs(seg_ents.get(s.start, ()), table)):
            count[e] = count.get(e, 0) + 1
    if not count:
        return None
    best = max(count, key=count.get)      # dicts keep the order of first mention: ties go to the first
    return table.names.get(best) or best
