"""Name keys: how ``kb`` decides that two spellings name the same thing.

Resolution compares *keys*, never raw strings.  Each alias of an entity is
stored under three keys, tried in the order :mod:`kb.names.resolve` gives:

``fold``
    case, accents and punctuation removed; apostrophes and hyphens join the
    word (``Hanif-nejad`` -> ``hanifnejad``, ``Eje'i`` -> ``ejei``), other
    punctuation separates words (``PMOI/MEK`` -> ``pmoi mek``).
``skeleton``
    the folded name without spaces, with common transliteration variants
    mapped together: doubled letters collapse, ``ou``/``oo`` -> ``u``,
    ``ee``/``ei``/``ie`` -> ``i``, ``gh`` -> ``q``, ``kh`` -> ``k``, ``w`` ->
    ``v``, then vowels after the first letter drop.  So Masoud/Massoud,
    Saeed/Saeid, Rouhollah/Ruhollah and Mojahedin/Mujahedin share a skeleton.
``words``
    each folded word of an alias, so that a surname alone ("Rajavi") finds
    every entity that bears it; more than one is an ambiguity, never a guess.
"""

from __future__ import annotations

import re
import unicodedata

_JOINERS = re.compile(r"[\u2019\u2018'`´ʼʻ\u2010\u2011\-]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_VARIANTS = [
    (re.compile(r"(.)\1+"), r"\1"),
    (re.compile(r"ou|oo"), "u"),
    (re.compile(r"ee|ei|ie|ey"), "i"),
    (re.compile(r"gh"), "q"),
    (re.compile(r"kh"), "k"),
    (re.compile(r"w"), "v"),
    (re.compile(r"ph"), "f"),
]
_LATE_VOWELS = re.compile(r"(?<=.)[aeiouy]")

# Small words that never identify an entity on their own.
STOPWORDS = frozenset(
    "a an and at by for in of on the to de e al el ol ul van von la le s".split())


def strip_accents(text: str) -> str:
    if text.isascii():          # nothing to strip (most names): skip the decomposition
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a name."""
    t = strip_accents(text).lower()
    t = _JOINERS.sub("", t)
    return " ".join(_NON_WORD.sub(" ", t).split())


def skeleton(text: str) -> str:
    """Transliteration-tolerant key of a name (see the module docstring)."""
    return skeleton_of_fold(fold(text))


def skeleton_of_fold(folded: str) -> str:
    """:func:`skeleton` of a text already folded (``fold`` is idempotent, so the
    skeleton of a text is the skeleton of its fold)."""
    t = folded.replace(" ", "")
    for rx, repl in _VARIANTS:
        t = rx.sub(repl, t)
    t = _LATE_VOWELS.sub("", t)
    return re.sub(r"(.)\1+", r"\1", t)


def words(text: str) -> list[str]:
    """The folded words of a name that can identify it (no stopwords, 3+ letters)."""
    return [w for w in fold(text).split() if w not in STOPWORDS and len(w) >= 3]


def keys(alias: str) -> tuple[str, str]:
    f = fold(alias)
    return f, skeleton_of_fold(f)


def slugify(text: str) -> str:
    """Stable ASCII slug for ids: ``Massoud Rajavi`` -> ``massoud-rajavi``."""
    return fold(text).replace(" ", "-")[:80] or "x"


def split_compound(name: str) -> list[str]:
    """Parts of a slash-joined name such as ``PMOI/MEK``; one part if none."""
    parts = [p.strip() for p in re.split(r"\s*/\s*", name) if p.strip()]
    return parts if len(parts) > 1 else [name]
