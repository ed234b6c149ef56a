"""EDTF dates with unspecified digits, read as the period they leave open.

``198X`` is the 1980s, ``19XX`` 1900-1999, ``1XXX`` 1000-1999 (``0XXX`` starts at 0001: there is no
year 0000), ``1985-XX`` and ``1985-XX-XX`` the year 1985, ``1985-04-XX`` April
1985; an EDTF qualifier after it (``~`` approximate, ``?`` uncertain, ``%`` both)
keeps the bounds, as for ``1988~``.  Digits unspecified out of order (``19X``,
``19XX-04``, ``1985-XX-04``, ``XXXX``) are not read.

The one reading behind both ``kb timeline``'s quick bounds (:mod:`kb.query.bounds`,
which must not load the grammar) and :func:`kb.dates.parse_bound` (``--date``);
standard library only.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# A pattern compiled on first use (re caches it): most bounds are plain ISO and never need it.
_UNSPECIFIED = r"(?:(\d{1,3})(X{1,3})|(\d{4})-(?:XX(?:-XX)?|(0[1-9]|1[0-2])-XX))[~?%]?"


def unspecified(text: str) -> tuple[date, date, str] | None:
    """The first and last day of the period ``text`` leaves open, and its precision
    (``decade``; ``range`` for a century or a millennium; ``year``, ``month``); None for
    anything else."""
    m = re.fullmatch(_UNSPECIFIED, text)
    if not m:
        return None
    if m[1] is not None:
        if len(m[1]) + len(m[2]) != 4:
            return None
        step = 10 ** len(m[2])
        first = int(m[1]) * step
        return date(max(first, 1), 1, 1), date(first + step - 1, 12, 31), "decade" if step == 10 else "range"
    y = int(m[3])
    if y == 0:
        return None
    if m[4] is None:
        return date(y, 1, 1), date(y, 12, 31), "year"
    mo = int(m[4])
    last = date(y, 12, 31) if mo == 12 else date(y, mo + 1, 1) - timedelta(days=1)
    return date(y, mo, 1), last, "month"
