"""The query layer: every question a command asks, answered as plain data.

* :mod:`~kb.query.kb`: the :class:`KB` facade over a store's index;
* :mod:`~kb.query.bounds`: timeline bounds as users type them;
* :mod:`~kb.query.search`: the search query language, turned into FTS5;
* :mod:`~kb.query.vocab`: what a filter may name, and the nearest valid values;
* :mod:`~kb.query.listings`: claims and tags as listings;
* :mod:`~kb.query.passages`: from a claim or citation to its source's passage.
"""

from .bounds import parse_range
from .kb import KB, Ambiguous, Unknown

__all__ = ["KB", "Ambiguous", "Unknown", "parse_range"]
