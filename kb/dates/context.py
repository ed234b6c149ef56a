"""What a date's words mean in their sentence: tense, and the date they count from.

A date without its year ("Aug. 7"), a weekday ("Friday") or a season is read
in the direction its sentence points (:func:`tense`): the nearest tense word
of the sentence before the date decides (the nearest after it when there is
none before), future words (``will``, ``'ll``, ``shall``, ``going
to``, ``expects``, ``plans``, ``scheduled``, ``next``, ``tomorrow``, the
earliest-time phrases ``as soon as``, ``as early as``, ``no later than``, the
present of a scheduled event ``expires``, ``begins``, ``meet``, ``takes
effect``, not after "to"...) or past
ones (``was``, ``were``, ``had``, ``did``, ``said``, ``ago``, ``last``,
``yesterday``, a verb in ``-ed``).  With no tense word the date is the one
nearest the anchor (:mod:`kb.dates.forms`).

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

REACH = 400
_PERIOD = re.compile(r"\d{4}-[QH]\d$")
_COMPARED = re.compile(r"\b(?:from|compared|than|versus|vs|against|with)\b", re.IGNORECASE)
_FIGURE = re.compile(r"[$#%£€]|\b(?:cents?|a share|percent|billion|million)\b", re.IGNORECASE)

_ENDED = re.compile(r"\s+(?:that\s+)?ended\b")     # "the fourth quarter ended Sept. 30": a fiscal quarter over
_REPORTED = re.compile(r"\b(?:reported|posted|announced)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+(?=[\"“‘'(]*[A-Z0-9])|\n\s*\n")
# past forms of common irregular verbs (not those that are also present forms: set, cut, put, hit, read)
_IRREGULAR = ("became|came|went|told|took|made|met|began|left|fell|rose|held|gave|saw|won|lost|sent|paid|"
              "brought|bought|sold|thought|found|spoke|wrote|ran|struck|fought|led|grew|knew|kept|stood|"
              "broke|chose|drove|flew|forgot|froze|hung|meant|sought|taught|threw|understood|woke|wore|"
              "withdrew|arose|swore|spent|built|sank|fled|dealt|felt|slid|shot|ate|drew|rode|stole")
_FUTURE = re.compile(r"\b(?:will|won't|shall|going\s+to|expects?|expected|plans?|planned|scheduled|"
                     r"intends?|upcoming|tomorrow|next|due|aims?|hopes?|set\s+to|"
                     r"as\s+(?:soon|early)\s+as|no\s+later\s+than|"
                     r"(?<!\bto\s)(?:expire|begin|resume|convene|meet|arrive|depart)s?|starts|opens|"
                     r"takes?\s+effect|go(?:es)?\s+into\s+effect)\b|'ll\b",
                     re.IGNORECASE)
_PAST = re.compile(r"\b(?:was|were|had|did|said|says|ago|last|yesterday|earlier|previously|recently|"
                   r"[a-z]{3,}ed|" + _IRREGULAR + r")\b", re.IGNORECASE)
# a plan word after these, and before "to", "for" or the date, was a plan of the past
# ("had been scheduled to expire Friday", "as previously planned Saturday night"):
# reading plan-over
_PLAN_OVER = re.compile(r"\b(?:had(?:\s+been)?|previously|originally)\s+$", re.IGNORECASE)
_IRREGULAR_SET = frozenset(_IRREGULAR.split("|"))
_PASSIVE = re.compile(r"\b(?:be|been|being|to)\s+$", re.IGNORECASE)
_NOT_PAST = re.compile(r"(?:expected|scheduled|planned|need|proposed|united|based|limited|related|"
                       r"unexpected|reported|listed|speed|seed|feed|red|bed|hundred)$", re.IGNORECASE)


def sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the sentence around ``text[start:end]`` (at most 300 characters each way)."""
    lo = max(0, start - 300)
    s = lo
    for m in _SENTENCE_END.finditer(text, lo, min(len(text), start + 4)):     # a sentence may begin at the date
        if m.end() <= start:
            s = m.end()
    m = _SENTENCE_END.search(text, end, end + 300)
    return s, (m.start() + 1 if m else min(len(text), end + 300))


_STRONG_FUTURE = re.compile(r"\b(?:will|won't|shall|going\s+to|tomorrow|next)\b|'ll\b", re.IGNORECASE)
_STRONG_PAST = re.compile(r"\b(?:was|were|had|did|ago|last|yesterday)\b", re.IGNORECASE)


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
            if which == "future" and _PLAN_OVER.search(text, max(s, m.start() - 24), m.start()) and (
                    m.end() <= start and (not text[m.end():start].strip()
                                          or re.match(r"\s+(?:to|for)\b", text[m.end():start]))):
                which = "past"      # "had been due to expire Friday": the plan's day is behind us
            low = m.group().lower()
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
                best = (d, which)
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

    def reference(self, across: bool = False):
        """The last earlier mention of the paragraph (``across``: or of the paragraph
        before, for words that open a paragraph) that names calendar days, or None."""
        for m in reversed(self.before[-6:]):
            if self.start - m.end > REACH or (not across and "\n\n" in self.text[m.end:self.start]):
                break
            if m.span is not None and m.kind in ("date", "time") and m.value[:1].isdigit():
                return m
        return None
