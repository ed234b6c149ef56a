"""A date mention as :func:`kb.dates.tag_dates` reports it (the rows of ``kb tag``).

:class:`Mention`: where the words are (``[start, end)`` offsets, TimeML extent:
no leading preposition), what kind of time they name (``date``, ``time``,
``duration``, ``set``), the TimeML value (``1998-03``, ``1989-Q3``,
``PRESENT_REF``, ``P3Y``, ``XXXX-WXX-1``) and, for a mention that names a
stretch of the calendar, its first and last day (inclusive), precision and
EDTF, as :class:`kb.dates.DateSpan` has them; the rule that read it and the
anchor it was resolved against.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .calendar import value_span
from .span import DateSpan

KINDS = ("date", "time", "duration", "set")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    kind: str
    value: str
    rule: str
    anchor: date | None = None
    mod: str | None = None
    span: DateSpan | None = None     # the calendar days it names, when it names any

    @property
    def dates_event(self) -> bool:
        """Can this mention date an event?  Only a date or time that names days of the
        calendar; a vague reference (PRESENT_REF...), a duration or a set cannot."""
        return self.kind in ("date", "time") and self.span is not None

    def to_dict(self) -> dict:
        d = {"kind": self.kind, "offset": [self.start, self.end], "text": self.text, "value": self.value}
        if self.span is not None:
            d.update(start=self.span.start.isoformat(), end=self.span.end.isoformat(),
                     precision=self.span.precision, edtf=self.span.edtf)
        d["rule"] = self.rule
        d["anchor"] = self.anchor.isoformat() if self.anchor else None
        return d


def make(start: int, end: int, text: str, kind: str, value: str, rule: str,
         anchor: date | None = None, mod: str | None = None, span: DateSpan | None = None) -> Mention:
    """A mention whose days come from its value when ``span`` is not given."""
    if span is None and kind in ("date", "time"):
        got = value_span(value, mod)
        if got is not None:
            span = DateSpan(text, *got, anchor=anchor, rule=rule)
    return Mention(start, end, text, kind, value, rule, anchor, mod, span)
