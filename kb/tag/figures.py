"""The figure tagger of ``kb tag``: numbers that count something.

Each mention is a :class:`kb.ingest.figures.Figure` found by
:func:`kb.ingest.figures.find_figures` (its rules are there), as a row:
``value`` (the words as written, qualifier included: "more than 30,000"),
``amount`` (the number, or null), ``low`` and ``high`` (a range's ends, or a
magnitude word's: "tens of thousands" is 10,000-99,999), ``qualifier`` (as
written: about, more than, between...), ``unit`` (``%``, a unit of time, or
empty for a count), ``measure`` (deaths, arrests, injured, participants, cities,
provinces, countries, duration... or the counted noun), ``subject`` (the
counted noun as written, with the words that qualify it) and ``attribution``
(whose figure the sentence says it is: "according to Amnesty International").
Numbers inside dates are not figures: the text's dates are found first.
"""

from __future__ import annotations

_FIELDS = ("value", "amount", "low", "high", "qualifier", "unit", "measure", "subject", "attribution")
KINDS = {"figure": _FIELDS}


def tag(text: str, ctx) -> list[dict]:
    from ..dates import find_dates
    from ..ingest.figures import find_figures

    dates = [(s, e) for s, e, _span in find_dates(text, ctx.anchor)]
    rows = []
    for f in find_figures(text, dates):
        d = f.to_dict()
        row = {"kind": "figure", "offset": [f.start, f.end], "text": text[f.start:f.end]}
        row.update({k: d[k] for k in _FIELDS})
        rows.append(row)
    return rows
