"""The date tagger of ``kb tag``: dates, times, durations and sets.

Each mention is what :func:`kb.dates.tag_dates` finds (TimeML extents: no
leading preposition), as a row: ``value`` (the TimeML value: ``1998-03``,
``1989-Q3``, ``PRESENT_REF``, ``P3Y``...), and for a mention that names days of
the calendar its ``start`` and ``end`` (ISO days, inclusive), ``precision``
and ``edtf``; the ``rule`` that read it and the ``anchor`` it was read
against.  Without an anchor (no ``--date``, none detected), a relative mention
is still reported, its value unresolved (``XXXX-WXX-5``, ``XXXX-10-23``) and
without days or anchor.  Durations and sets never date an event in ``kb ingest``.
"""

from __future__ import annotations

from ..dates import tag_dates

_FIELDS = ("value", "start", "end", "precision", "edtf", "rule", "anchor")
KINDS = {"date": _FIELDS, "time": _FIELDS, "duration": _FIELDS, "set": _FIELDS}


def tag(text: str, ctx) -> list[dict]:
    return [m.to_dict() for m in tag_dates(text, ctx.anchor, unresolved=True)]
