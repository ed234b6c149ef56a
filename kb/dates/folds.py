"""The letters outside ASCII that ``re.IGNORECASE`` matches to ASCII ones: :data:`FOLDS_TO_ASCII`
and :data:`FOLD`, which makes each the ASCII letter it matches.

A module of its own, so that reading a date (:mod:`kb.dates.parse`) does not load the date
scanner's prefilter (:mod:`kb.dates.prefilter`) to learn four letters.
"""

from __future__ import annotations

#: the characters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter (İ ı ſ K):
#: a prefix's "[sS]" does not match them (tests/test_dates_prefilter_h8.py)
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")

#: each letter of :data:`FOLDS_TO_ASCII` as the ASCII letter ``re.IGNORECASE`` matches it to
#: (tests/test_h7s7_scan_folds.py checks it against ``re``)
FOLD = str.maketrans({"\u017f": "s", "\u212a": "k", "\u0130": "i", "\u0131": "i"})
