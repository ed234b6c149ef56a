"""The word lists of the name finder, read once from ``kb/resources/names/``.

Each list is a text file, one or more entries a line, ``#`` starting a comment:

* ``titles.txt``: titles, ranks and roles before a person's name ("Mr.",
  "President", "Defender"), never part of it;
* ``common.txt``: function words, adverbs, verbs and time words that open
  sentences in capitals ("The", "However", "Monday");
* ``generic.txt``: common nouns a headline or a table capitalises ("Field",
  "Results", "Police"): no name alone;
* ``given.txt``: given names ("Claire", "Nadim");
* ``org_cues.txt``, ``loc_cues.txt``, ``misc_cues.txt``: words that type a
  name ("Party", "River", "Cup");
* ``demonyms.txt``: nationality, creed and language words ("Iranian",
  "Shiite", "Farsi"), typed MISC;
* ``regions.txt`` and ``place_abbrev.txt``: places a gazetteer of cities and
  countries does not hold ("Middle East", "Calif.", "U.S.").

Lists of words are folded to lower case without a final dot; the two lists of
places keep their spelling (looked up by :func:`kb.names.normalize.fold`).
"""

from __future__ import annotations

import functools
from pathlib import Path

from .normalize import fold as _fold

#: the fold of a name (:func:`kb.names.normalize.fold`), cached: a text repeats its names
fold = functools.lru_cache(maxsize=1 << 16)(_fold)

DIR = Path(__file__).resolve().parent.parent / "resources" / "names"


def _entries(name: str, by_line: bool = False) -> list[str]:
    out: list[str] = []
    for line in (DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out += [line] if by_line else line.split()
    return out


def _words(name: str) -> frozenset[str]:
    return frozenset(w.lower().rstrip(".") for w in _entries(name))


@functools.lru_cache(maxsize=None)
def titles() -> frozenset[str]:
    return _words("titles.txt")


@functools.lru_cache(maxsize=None)
def common() -> frozenset[str]:
    return _words("common.txt")


@functools.lru_cache(maxsize=None)
def generic() -> frozenset[str]:
    return _words("generic.txt")


@functools.lru_cache(maxsize=None)
def given() -> frozenset[str]:
    return _words("given.txt")


@functools.lru_cache(maxsize=None)
def cues() -> dict[str, str]:
    """word -> the type it gives a name when it ends it (ORG, LOC or MISC)."""
    out: dict[str, str] = {}
    for kind, name in (("MISC", "misc_cues.txt"), ("LOC", "loc_cues.txt"), ("ORG", "org_cues.txt")):
        for w in _words(name):
            out.setdefault(w, kind)
    return out


@functools.lru_cache(maxsize=None)
def demonyms() -> frozenset[str]:
    """Demonyms folded (apostrophes and hyphens dropped), with their plurals."""
    out = set()
    for w in _entries("demonyms.txt"):
        f = fold(w)
        out |= {f, f + "s", f + "es"}
        if f.endswith("man"):
            out.add(f[:-3] + "men")
    return frozenset(out)


@functools.lru_cache(maxsize=None)
def regions() -> frozenset[str]:
    return frozenset(fold(p) for p in _entries("regions.txt", by_line=True))


@functools.lru_cache(maxsize=None)
def place_abbrevs() -> frozenset[str]:
    return frozenset(_entries("place_abbrev.txt"))
