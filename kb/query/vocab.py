"""What a filter may name, and the nearest valid values when it names nothing.

A filter that names no tag, kind, type, source or field is a typing mistake,
not an empty result: :func:`unknown` makes the one-line error (exit 2) that
says so and lists the nearest valid values (``-k events`` answers ``no kind
'events'; nearest: event``), or when none is spelled alike, the commonest
ones (``-t massacre``: ``valid: statement, protest, ...``).
:func:`nearest` ranks candidates: by difflib's ratio for the short lists
(kinds, types, fields, a store's tags), and with RapidFuzz (loaded only on
that path) for long ones such as every id in a store.

:func:`looks_like_id` tells an id-shaped argument (``1988-masacre``: lower
case words joined by hyphens) from a name (``Maryam Rajavi``): ``kb show``
looks an id up exactly and never reads a near miss as a name.
"""

from __future__ import annotations

import re
from typing import Iterable

from ..errors import KbError

KINDS = ("event", "entity", "source")
_ID = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)+|[0-9]+")
_MANY = 200  # from this many candidates on, RapidFuzz ranks them


def looks_like_id(text: str) -> bool:
    """``1988-massacre``, ``000``, ``massoud-rajavi``: lower-case words joined by
    hyphens (or dots, underscores), or digits alone; not ``Tehran`` or ``MEK``."""
    return _ID.fullmatch(text) is not None


def nearest(word: str, choices: Iterable[str], n: int = 5) -> list[str]:
    """Up to ``n`` of ``choices`` nearest to ``word``, best first (case-blind)."""
    choices = list(dict.fromkeys(choices))
    if not choices:
        return []
    low = word.lower()
    starts = [c for c in choices if c.lower().startswith(low) or low.startswith(c.lower())]
    if len(choices) >= _MANY:
        from rapidfuzz import fuzz, process

        found = [c for c, _s, _i in process.extract(low, choices, scorer=fuzz.WRatio,
                                                     processor=str.lower, limit=n * 2, score_cutoff=60)]
    else:
        import difflib

        found = difflib.get_close_matches(low, [c.lower() for c in choices], n=n * 2, cutoff=0.6)
        lower = {c.lower(): c for c in choices}
        found = [lower[f] for f in found]
    return list(dict.fromkeys(starts[:n] + found))[:n]


def unknown(what: str, given: str, choices: Iterable[str], see: str | None = None,
            option: str | None = None) -> KbError:
    """The bad-input error for a ``what`` (tag, kind, type...) that names nothing,
    given to ``option`` (named first, when given)."""
    from ..output.safe import one_line  # stored values: shown, never obeyed

    choices = list(choices)
    near = nearest(given, choices)
    if near:
        hint = f"; nearest: {one_line(', '.join(near))}"
    else:  # nothing is spelled alike: the first few valid values (callers list the commonest first)
        hint = f"; valid: {one_line(', '.join(choices[:8]))}{', ...' if len(choices) > 8 else ''}" if choices else ""
    tail = f"; see '{see}'" if see else ""
    head = f"{option}: " if option else ""
    return KbError(f"{head}no {what} {quoted(given)}{hint}{tail}")


def quoted(text: str) -> str:
    """``text`` in quotes for a message, its unsafe characters escaped once (``'\\x1b[2J'``):
    ``repr`` of the escaped text doubled each backslash (``'\\\\x1b[2J'``)."""
    from ..output.safe import one_line

    return "'" + one_line(text).replace("'", "\\'") + "'"


def check_kinds(kinds: Iterable[str]) -> list[str]:
    """``kinds`` lower-cased, each one of :data:`KINDS`, or a bad-input error."""
    out = []
    for k in kinds:
        if k.lower() not in KINDS:
            raise unknown("kind", k, KINDS)
        out.append(k.lower())
    return out
