"""What kb reads in a text, mention by mention: the taggers behind ``kb tag``.

A *tagger* is a module of this package that finds one or more kinds of
mention in a text.  It holds:

* ``KINDS``: a dict from each kind it yields to the names of that kind's own
  fields (after the fields every mention has: ``kind``, ``offset``, ``text``);
* ``tag(text, ctx) -> list[dict]``: the mentions it finds in ``text``, each a
  plain dict with ``kind``, ``offset`` (``[start, end)`` character offsets into
  ``text``), ``text`` (exactly ``text[start:end]``) and its kind's fields.

:data:`TAGGERS` maps every kind kb knows to the module that finds it; a
tagger is imported only when one of its kinds is asked for, so ``kb tag
--kind date`` loads no name finder.  :func:`tag` runs the taggers a request
needs and returns their mentions in text order.

The rows of ``kb tag`` add ``file``; their fields are a documented contract
(README, "kb tag").  Nothing here touches a store: a tagger that links names
to known entities reads the store through ``ctx.db``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any

from ..dates import DateSpan

#: kind -> the module (in this package) that finds it, in the order kinds are listed
TAGGERS: dict[str, str] = {
    "date": "dates",
    "time": "dates",
    "duration": "dates",
    "set": "dates",
    "figure": "figures",
    "name": "names",
}

#: the fields every mention has, before its kind's own
COMMON = ("kind", "offset", "text")


@dataclass(frozen=True)
class Context:
    """What a tagger may know besides the text.

    ``published``: the document's publication date (``--date``, else detected
    as ``kb ingest`` detects it), or None; ``anchor``: the day relative dates are
    read from (the first day of a day-precision publication date, else its last
    day), or None; ``db``: the store whose entities names are linked to (None:
    the default store).
    """

    published: DateSpan | None = None
    db: str | None = None

    @property
    def anchor(self) -> date | None:
        p = self.published
        if p is None:
            return None
        return p.start if p.precision == "day" else p.end


class UnknownKind(ValueError):
    """A kind no tagger finds; the message names the kinds there are."""


def kinds() -> list[str]:
    """Every kind kb can tag, in listing order."""
    return list(TAGGERS)


def _module(kind: str):
    if kind not in TAGGERS:
        raise UnknownKind(f"unknown kind {kind!r}; kinds: {', '.join(TAGGERS)}")
    return import_module(f"{__name__}.{TAGGERS[kind]}")


def fields(wanted: list[str]) -> list[str]:
    """The fields of a row of any of ``wanted`` kinds: the common ones, then each
    kind's own in the order kinds are listed, each once."""
    out = list(COMMON)
    for kind in wanted:
        for f in _module(kind).KINDS[kind]:
            if f not in out:
                out.append(f)
    return out


def tag(text: str, wanted: list[str] | None = None, ctx: Context | None = None) -> list[dict[str, Any]]:
    """The mentions of the ``wanted`` kinds (default: every kind) in ``text``, in
    text order (by start, the longer first, then by kind)."""
    wanted = list(dict.fromkeys(wanted or kinds()))
    ctx = ctx or Context()
    modules: dict[str, Any] = {}
    for kind in wanted:
        modules.setdefault(TAGGERS.get(kind, kind), _module(kind))
    keep = set(wanted)
    rows = [row for m in modules.values() for row in m.tag(text, ctx) if row["kind"] in keep]
    order = {k: i for i, k in enumerate(TAGGERS)}
    rows.sort(key=lambda r: (r["offset"][0], -r["offset"][1], order.get(r["kind"], 99)))
    return rows
