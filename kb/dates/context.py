"""What a date's words mean in their sentence: tense, and the date they count from.

A date without its year ("Aug. 7"), a weekday ("Friday") or a season is read
in the direction its sentence points (:func:`tense`): the nearest tense word
of the sentence before the date decides (the nearest after it when there is
none before), future words (``will``, ``'ll``, ``shall``, ``would`` (not
``would have``), ``going to``, ``expects``, ``plans``, ``planning``,
``scheduled``, ``next``, ``tomorrow``, the
earliest-time phrases ``as soon as``, ``as early as``, ``no later than``, the
present of a scheduled event ``expires``, ``begins``, ``meet``, ``takes
effect``, not after "to"...) or past
ones (``was``, ``were``, ``had``, ``did``, ``said``, ``ago``, ``last``,
``yesterday``, a verb in ``-ed``; not an adjective in un-...-ed, "an
unspecified date").  With no tense word the date is the one
nearest the anchor (:mod:`kb.dates.forms`).  A plan word in ``-ed`` is past
where it is the sentence's past verb: after the date, before "to" and with
no auxiliary or comma before it ("On Friday, the government planned to pay":
rule *plan-made*; not "Friday's vote, scheduled to begin..."), or as a
participle after a noun ("a service planned for Saturday") when the first
auxiliary after the date is past ("was canceled": rule *plan-over*).  A title
or "vs." ends no sentence ("Roe vs. Wade", "Gen. Smith").

Rule *deadline* (:meth:`Ctx.deadline`): a day after "until", "to", "by" or
"through" in a sentence that gives, extends or sets a term before it ("has
given the relatives until 9 a.m. Tuesday", "extended to Nov. 20 its offer",
"loans through January") is the first such day on or after the anchor: a term
is set for a day to come, whatever the tense of the granting.

"A year earlier", "that year" count from the date before them in the same
paragraph (:meth:`Ctx.reference`): the last mention that names days of the
calendar, within :data:`REACH` characters; else from the anchor.  "A year
ago" and "a year earlier" in a sentence that states a figure, "last year" in
one that compares figures (:meth:`Ctx.financial`), and the adjectives
"year-ago", "year-earlier" anywhere, are the same period of the year before:
the period the text reports on, the last quarter or half named before them
(:meth:`Ctx.topic`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .lazy import lazy

REACH = 400
_APPOSED_YEAR = lazy(r",\s*(?:in\s+|during\s+|by\s+)?", re.IGNORECASE)
_DETERMINED = lazy(r"\b(?:the|a|an|its|their|his|her|our)\s+$", re.IGNORECASE)
#: days after a reference time given whole within which a day without its year is read in its year
#: (rule day-after-reference)
AFTER_REFERENCE = 92
#: how far down a chronology a year's heading reaches, in characters (rule year-heading)
HEADING_REACH = 4000
#: characters from the text's start within which it says what period it covers (rule covered-period)
COVER_REACH = 1000
_COVERS = lazy(r"\b(?:covers|covered|covering|reviews|reports\s+on)\b", re.IGNORECASE)
_PERIOD = lazy(r"\d{4}-[QH]\d$")
_COMPARED = lazy(r"\b(?:from|compared|than|versus|vs|against|with)\b", re.IGNORECASE)
_FIGURE = lazy(r"[$#%£€]|\b(?:cents?|a share|percent|billion|million)\b", re.IGNORECASE)

_ENDED = lazy(r"\s+(?:that\s+)?ended\b")     # "the fourth quarter ended Sept. 30": a fiscal quarter over
_REPORTED = lazy(r"\b(?:reported|posted|announced)\b", re.IGNORECASE)
# a title or "vs." before a name ends no sentence ("the Roe vs. Wade decision", "Gen. Schwarzkopf")
_TITLES = ("Mr", "Mrs", "Ms", "Dr", "St", "Gen", "Gov", "Sen", "Rep", "Lt", "Col", "Sgt", "Capt", "Prof", "Rev", "vs",
           "Mt", "Ft", "Adm", "Maj")
_NOT_TITLE = "".join(rf"(?<!\b(?:{'|'.join(t for t in _TITLES if len(t) == n)})\.)"      # one look back per length
                     for n in sorted({len(t) for t in _TITLES}))
_SENTENCE_END = lazy(r"(?:[!?]|\." + _NOT_TITLE + r")[\"”’')]*\s+(?=[\"“‘'(]*[A-Z0-9])|\n\s*\n")
# past forms of common irregular verbs (not those that are also present forms: set, cut, put, hit, read)
_IRREGULAR = ("became|came|went|told|took|made|met|began|left|fell|rose|held|gave|saw|won|lost|sent|paid|"
              "brought|bought|sold|thought|found|spoke|wrote|ran|struck|fought|led|grew|knew|kept|stood|"
              "broke|chose|drove|flew|forgot|froze|hung|meant|sought|taught|threw|understood|woke|wore|"
              "withdrew|arose|swore|spent|built|sank|fled|dealt|felt|slid|shot|ate|drew|rode|stole")
_FUTURE = lazy(r"\b(?:would(?!\s+have\b)|will|won't|shall|going\s+to|expects?|expected|plans?|planned|scheduled|"
               r"intends?|planning|upcoming|tomorrow|next|due|aims?|hopes?|set\s+to|"
               r"as\s+(?:soon|early)\s+as|no\s+later\s+than|"
               r"(?<!\bto\s)(?:expire|begin|resume|convene|meet|arrive|depart)s?|starts|opens|"
               r"(?<!\bthe\s)(?:beginning|starting)(?!\s+(?:of|in)\b)|"
               r"takes?\s+effect|go(?:es)?\s+into\s+effect|"
               # rule plan-arranged: an arrangement for a day to come ("are to meet", "is set for",
               # "to be held"; "agreed to meet again Tuesday": kb.dates.forms_relative.weekday)
               r"(?:is|are)\s+to(?=\s+[a-z])|set\s+for|slated|"
               r"to\s+be\s+(?:held|[a-z]+ed)(?=\s))\b|'ll\b",
               re.IGNORECASE, lead=True)      # lead: tried only where a tense word can begin
_PAST = lazy(r"\b(?:was|were|had|did|said|says|ago|last|yesterday|earlier|previously|recently|"
             r"[a-z]{3,}ed|" + _IRREGULAR + r")\b", re.IGNORECASE, lead=True)
# a plan word after these, and before "to", "for" or the date, was a plan of the past
# ("had been scheduled to expire Friday", "as previously planned Saturday night"):
# reading plan-over
_PLAN_OVER = lazy(r"\b(?:had(?:\s+been)?|previously|originally)\s+$", re.IGNORECASE)
_DEADLINE_AT = lazy(r"\b(?:until|till|through|to|by)\s+(?:(?:at|on)\s+)?$", re.IGNORECASE)
_DEADLINE_WORD = lazy(r"\b(?:deadlines?|extend(?:s|ed|ing)?|give[ns]?|gave|grant(?:s|ed)?)\b", re.IGNORECASE)
_IRREGULAR_SET = frozenset(_IRREGULAR.split("|"))
# "to be held" is a plan, not after a verb of saying or finding ("reported to be injured Tuesday":
# what is said of a day behind us)
_EVIDENTIAL = lazy(r"\b(?:reported|believed|said|thought|known|alleged|claimed|feared|presumed|seemed|"
                   r"appeared|found|shown|confirmed)\s+$", re.IGNORECASE)
# a participle after "be", or after a verb of staying that says what state lasts ("will stay closed
# until the spring", "remain shut"), is no past verb (rule participle-state)
_PASSIVE = lazy(r"\b(?:be|been|being|to|stay|stays|remain|remains|keep|keeps)\s+$", re.IGNORECASE)
_NOT_PAST = lazy(r"(?:expected|scheduled|planned|proposed|united|based|limited|related|"
                 r"unexpected|reported|listed)$"
                 # words that end in -ed and are no verb: whole words only ("hovered",
                 # "offered", "described", "bombed" are past verbs)
                 r"|^(?:need|speed|seed|feed|red|bed|hundred)$"
                 # reading un-participle: "an unspecified date", "the unsolved shootings" are
                 # adjectives, no past (not the verbs "unveiled", "unearthed", "undermined")
                 r"|^un(?!veil|earth|load|leash|lock|fold|cover|ravel|seat|wrap|pack|roll|seal|der)[a-z]+ed$",
                 re.IGNORECASE)


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``text[start:end]`` (at most 300 characters each way)."""
    lo = max(0, start - 300)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), start + 4)):     # a sentence may begin at the date
        if m.end() <= start:
            s = m.end()
    m = _SENTENCE_END.search(text, end, end + 300)
    return s, (m.start() + 1 if m else min(len(text), end + 300))


_STRONG_FUTURE = lazy(r"\b(?:will|won't|shall|going\s+to|tomorrow|next)\b|'ll\b", re.IGNORECASE, lead=True)
_STRONG_PAST = lazy(r"\b(?:was|were|had|did|ago|last|yesterday)\b", re.IGNORECASE, lead=True)


# a plan word in its past form; before it, a word that makes it no finite past verb
_PLAN_ED = lazy(r"(?:planned|scheduled|expected)$")
_AUX = lazy(r"(?:\b(?:is|are|am|be|been|being|has|have|had|was|were|will|would)|['’](?:s|re))\s+$", re.IGNORECASE)
_FINITE_PLAN = lazy(r"\s+to\s+[a-z]", re.IGNORECASE)     # "planned to pay", not "planned for noon"
_COMMA = lazy(r",\s*$")          # "Friday's vote, scheduled to...": a participle, no past verb
_REDUCED = lazy(r"\s+(?:for|at|on|in)\b", re.IGNORECASE)       # "the vote planned for Saturday"


def _main_past(text: str, end: int, e: int) -> bool:
    """Is the first auxiliary after ``end`` (before ``e``) a past one ("was canceled")?"""
    m = _FIRST_AUX.search(text, end, e)
    return bool(m) and m.group().lower() in ("was", "were", "had")


_FIRST_AUX = lazy(r"\b(?:was|were|had|is|are|will|would|has|have)\b|['’]ll\b", re.IGNORECASE)


def tense(text: str, start: int, end: int, strong: bool = False) -> str | None:
    """``"future"``, ``"past"`` or None: the nearest tense word of the sentence before
    the words, else the nearest after them (``strong``: only auxiliaries and time words, not verbs in -ed or "expects")."""
    s, e = sentence(text, start, end)
    best = None
    markers = ((_STRONG_FUTURE, "future"), (_STRONG_PAST, "past")) if strong else ((_FUTURE, "future"), (_PAST, "past"))
    for rx, which in markers:
        for m in rx.finditer(text, s, e):
            if start <= m.start() < end:
                continue
            w = which
            low = m.group().lower()
            if w == "future" and low.startswith("to") and _EVIDENTIAL.search(text, max(s, m.start() - 14), m.start()):
                continue        # rule plan-arranged: "reported to be injured Tuesday" is no plan
            if w == "future" and _PLAN_OVER.search(text, max(s, m.start() - 24), m.start()) and (
                    m.end() <= start and (not text[m.end():start].strip()
                                          or re.match(r"\s+(?:to|for)\b", text[m.end():start]))):
                w = "past"      # "had been due to expire Friday": the plan's day is behind us
            elif w == "future" and _PLAN_ED.match(low) and not _AUX.search(text, max(s, m.start() - 10), m.start()):
                if m.start() >= end and _FINITE_PLAN.match(text, m.end()) and not _COMMA.search(text, s, m.start()):
                    w = "past"  # plan-made: "On Friday, the government planned to...": a plan made that day
                elif _REDUCED.match(text, m.end()) and _main_past(text, end, e):
                    w = "past"  # plan-over: "a service planned for Saturday was canceled"
            verb = low.endswith("ed") or low in _IRREGULAR_SET
            if which == "past" and verb and (
                    low.endswith("ed") and _NOT_PAST.search(low)
                    or _PASSIVE.search(text, max(s, m.start() - 12), m.start())):
                continue        # "will be held in the fall": a participle after "be" is no past
            # a tense word before the date first (the verb that governs a date comes before it
            # in English: "will double its flights by August in a search untouched by..."),
            # else the nearest after it
            d = start - m.end() if m.end() <= start else m.start() - end + len(text)
            if best is None or d < best[0]:
                best = (d, w)
    return best[1] if best else None


@dataclass
class Ctx:
    """One match in its text: the anchor, the mentions before it, the tense on demand."""

    text: str
    start: int
    end: int
    anchor: date | None
    before: list = field(default_factory=list)      # earlier mentions of the text
    _tense: object = False
    used_anchor: bool = False

    def tense(self, strong: bool = False) -> str | None:
        if strong:
            return tense(self.text, self.start, self.end, strong=True)
        if self._tense is False:
            self._tense = tense(self.text, self.start, self.end)
        return self._tense

    def deadline(self) -> bool:
        """Is the date a deadline given or moved: after "until", "to", "by" or "through"
        (and "at"/"on"), in a sentence that gives, extends or sets a term before it
        ("given the relatives until 9 a.m. Tuesday", "extended its offer to Nov. 20",
        "revolving loans through January")?  Rule deadline: a term is set for a day to
        come, so it is read forward, whatever the tense of the granting."""
        if not _DEADLINE_AT.search(self.text, max(0, self.start - 12), self.start):
            return False
        s, _ = sentence(self.text, self.start, self.end)
        return bool(_DEADLINE_WORD.search(self.text, max(s, self.start - 160), self.start))

    def left(self, n: int) -> str:
        return self.text[max(0, self.start - n):self.start]

    def right(self, n: int) -> str:
        return self.text[self.end:self.end + n]

    def topic(self):
        """The period the text reports on so far: the last quarter or half named before
        that is over: one that ended by the anchor, or that the text says has ended ("the
        fourth quarter ended Sept. 30", "reported fourth-quarter earnings": a fiscal
        quarter); "will result in a fourth-quarter charge" in October is a forecast."""
        for m in reversed(self.before):
            if _PERIOD.match(m.value) and m.rule in ("quarter", "half") and (
                    self.anchor is None or m.span is None or m.span.end <= self.anchor
                    or _ENDED.match(self.text, m.end) or self._reported(m)):
                return m
        return None

    def _reported(self, m) -> bool:
        """Is mention ``m`` in a past-tense sentence or one that reports results?"""
        s, _ = sentence(self.text, m.start, m.end)
        return tense(self.text, m.start, m.end) == "past" or bool(_REPORTED.search(self.text, s, m.start))

    def financial(self, compared: bool = True) -> bool:
        """Does the sentence state a figure (an amount, a share, a percentage) and, when
        ``compared``, compare it with another ("from", "compared with", "than"...)
        before these words?"""
        s, e = sentence(self.text, self.start, self.end)
        return bool(_FIGURE.search(self.text, s, e)) and (
            not compared or bool(_COMPARED.search(self.text, s, self.start)))

    def covered(self) -> int | None:
        """Rule covered-period: the year a report says it covers, when that year is over by
        the anchor.  A text that opens (within :data:`COVER_REACH` characters) with a
        sentence saying what it covers ("This report covers the visits made between 1
        January 2015 and 31 December 2015", "The review covers 2015") and names days of one
        calendar year there is that year's report: an annual report published in January
        says "during the year", "the first quarter", "in March" of the year it reports on,
        as TimeML reads an anaphoric unit from the reference time (the period the text is
        about), not the page's date.  None elsewhere."""
        if self.anchor is None:
            return None
        m = _COVERS.search(self.text, 0, min(COVER_REACH, self.start))
        if m is None:
            return None
        s, e = sentence(self.text, m.start(), m.end())
        if e > self.start:
            return None
        years = {y for x in self.before if s <= x.start < e and x.span is not None and x.kind == "date"
                 and x.anchor is None for y in (x.span.start.year, x.span.end.year)}     # dates given whole
        if len(years) != 1 or min(years) >= self.anchor.year:
            return None
        return years.pop()

    def heading_year(self) -> int | None:
        """Rule year-heading: the year of a heading above, a year alone on its line ("2002",
        "## 2003") within :data:`HEADING_REACH` characters, as a chronology sets its entries
        ("2002\\nAug. 14: ..."); None when there is none."""
        for m in reversed(self.before):
            if self.start - m.end > HEADING_REACH:
                return None
            if m.rule != "year" or m.span is None or not m.value.isdigit():
                continue
            line_start = self.text.rfind("\n", 0, m.start) + 1
            line_end = self.text.find("\n", m.end)
            line = self.text[line_start:line_end if line_end >= 0 else len(self.text)]
            if line.strip(" \t#*_:") == m.text:
                return int(m.value)
        return None

    def after_reference(self, m: int, d: int) -> int | None:
        """Rule day-after-reference: the year of a day named without it ("c. 26 oct", "20 apr")
        that falls within :data:`AFTER_REFERENCE` days after the reference time, when the text
        gives that whole as one day or one month ("22/9/1980 iraq invades. ... khorramshahr falls
        c. 26 oct"; "april 1988 issues ... the last strike I found: 20 apr"), as notes and
        chronologies go on from the date just named; None otherwise (the anchor decides), and
        where such a day lies within as many days of the anchor, unless it is still to come in
        a sentence in the past ("Iraq's invasion of Kuwait on Aug. 2" in news of 15 August 1990
        is that Aug. 2, whatever August 1988 the text named before)."""
        ref = self.reference()
        if ref is None or ref.anchor is not None or (ref.span.end - ref.span.start).days > 31 \
                or _DETERMINED.search(self.text, max(0, ref.start - 8), ref.start):
            return None         # "the August 1988 cease-fire": a date that names a thing, no time the text is at
        if self.anchor is not None:
            for y in (self.anchor.year - 1, self.anchor.year, self.anchor.year + 1):
                try:
                    gap = (date(y, m, d) - self.anchor).days
                except ValueError:
                    continue
                if abs(gap) <= AFTER_REFERENCE and (gap <= 0 or self.tense() != "past"):
                    return None
        for y in (ref.span.start.year, ref.span.start.year + 1):
            try:
                if 0 <= (date(y, m, d) - ref.span.start).days <= AFTER_REFERENCE:
                    return y
            except ValueError:
                continue
        return None

    def apposed_year(self) -> int | None:
        """Rule month-apposed-year: a month without its year set right after a year the text
        gives alone ("In 2019, in November, they cut the internet"; "1981, in June") is of that
        year; None otherwise."""
        if not self.before:
            return None
        m = self.before[-1]
        if m.rule != "year" or m.anchor is not None or not m.value.isdigit() \
                or not _APPOSED_YEAR.fullmatch(self.text, m.end, self.start):
            return None
        return int(m.value)

    def that_year(self) -> int:
        """Rule day-that-year: the year of "21 march that year", the reference time's (the last
        date of the paragraph); LookupError without one (the words are then read apart)."""
        ref = self.reference()
        if ref is None:
            raise LookupError("that year: no reference time")
        return ref.span.start.year

    def reference(self, across: bool = False):
        """The last earlier mention of the paragraph (``across``: or of the paragraph
        before, for words that open a paragraph) that names calendar days, or None."""
        for m in reversed(self.before[-6:]):
            if self.start - m.end > REACH or (not across and "\n\n" in self.text[m.end:self.start]):
                break
            if m.span is not None and m.kind in ("date", "time") and m.value[:1].isdigit() \
                    and m.rule not in _ANAPHORS:
                return m
        return None


# "the evening", "the year": read from the anchor for want of a better one, anaphors
# themselves, never the reference time of what follows them ("By the evening we knew.
# The next day..." in a memoir of 1981 is no day after the page's date)
_ANAPHORS = frozenset({"part-of-day", "anaphoric-unit"})
