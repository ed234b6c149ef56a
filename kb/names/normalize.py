"""Name keys: how ``kb`` decides that two spellings name the same thing.

Resolution compares *keys*, never raw strings.  Each alias of an entity is
stored under three keys, tried in the order :mod:`kb.names.resolve` gives:

``fold``
    case, accents and punctuation removed; apostrophes and hyphens join the
    word (``Hanif-nejad`` -> ``hanifnejad``, ``Eje'i`` -> ``ejei``; so do combining
    marks and zero-width joiners: ``Mas\\u0300soud`` -> ``massoud``), other
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

from .marks import unmarked

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
    """Lower-case, accent-free, punctuation-free form of a name.

    An ASCII text (most) is mapped character by character with one
    :meth:`str.translate` (joiners dropped, every other character but a letter or a
    digit made a space): the same as :func:`fold_plain`, which any other text takes."""
    if not text.isascii():
        return fold_plain(text)
    return " ".join(text.encode("ascii").translate(_ASCII_FOLD_B, _ASCII_JOINERS).decode("ascii").split())


def fold_plain(text: str) -> str:
    """:func:`fold` by its rules as written: accents stripped, lower case, joiners
    (:data:`_JOINERS`) removed, any other run of characters but ``0-9a-z`` a space."""
    t = unmarked(strip_accents(text).lower())      # and any mark or joiner left (kb.names.marks)
    t = _JOINERS.sub("", t)
    return " ".join(_NON_WORD.sub(" ", t).split())


# what fold() makes of each ASCII character after lower case: a joiner nothing, a letter
# or a digit itself, any other a space
_ASCII_FOLD = {c: (None if _JOINERS.fullmatch(chr(c)) else chr(c) if _NON_WORD.fullmatch(chr(c)) is None
                   else " ") for c in range(128)}
# the same as bytes, for one C loop (bytes.translate drops the joiners, then maps each byte
# after lower case to a letter, a digit or a space; the bytes past ASCII are never met)
_ASCII_JOINERS = bytes(c for c, v in _ASCII_FOLD.items() if v is None)
_ASCII_FOLD_B = bytes(ord(_ASCII_FOLD[ord(chr(c).lower())] or " ") for c in range(128)) + bytes(range(128, 256))


def skeleton(text: str) -> str:
    """Transliteration-tolerant key of a name (see the module docstring)."""
    return skeleton_of_fold(fold(text))


def skeleton_of_fold(folded: str) -> str:
    """:func:`skeleton` of a text already folded (``fold`` is idempotent, so the
    skeleton of a text is the skeleton of its fold).

    The same steps as :func:`skeleton_plain` (the rules as written), a few times
    cheaper: a run of one letter is collapsed by deleting each letter that repeats the
    one before it (a literal replacement, where ``\\1`` calls back into Python for each
    run); once runs are collapsed no ``oo`` or ``ee`` is left (nor made by ``ou`` ->
    ``u``), so ``ou`` and ``ei|ie|ey`` are what those rules find; a rule of one literal
    pair is a :meth:`str.replace`; and the late vowels are deleted by
    :meth:`str.translate`, which is the same unless a line break stands before one
    (never in a folded text: such a text takes the plain steps)."""
    t = folded.replace(" ", "")
    if "\n" in t:
        return skeleton_plain(folded)
    # (each substitution made only where a search in C finds what it rewrites: most names
    # have no doubled letter, and no "ei", "ie" or "ey")
    if _DOUBLE.search(t):
        t = _REPEAT.sub("", t)
    t = t.replace("ou", "u")
    if "ei" in t or "ie" in t or "ey" in t:    # (three searches for a literal pair: cheaper than _EI's)
        t = _EI.sub("i", t)
    t = t.replace("gh", "q").replace("kh", "k").replace("w", "v").replace("ph", "f")
    if t.isascii():     # a folded text (only 0-9, a-z): the late vowels dropped by bytes.translate
        t = t[:1] + t[1:].encode("ascii").translate(None, b"aeiouy").decode("ascii")
    else:
        t = t[:1] + t[1:].translate(_NO_VOWELS)
    return _REPEAT.sub("", t) if _DOUBLE.search(t) else t


_REPEAT = re.compile(r"(?<=(.))\1+")       # the letters that repeat the one before them
_DOUBLE = re.compile(r"(.)\1")             # a letter that repeats the one before it
_EI = re.compile(r"ei|ie|ey")
# every ASCII character mapped (a vowel to nothing, the rest to itself): str.translate
# looks a character up once a call, and one missing from the table costs a KeyError
_NO_VOWELS = {c: (None if chr(c) in "aeiouy" else chr(c)) for c in range(128)}
_COLLAPSE = re.compile(r"(.)\1+")


def skeleton_plain(folded: str) -> str:
    """:func:`skeleton_of_fold` by the rules as written (:data:`_VARIANTS`, then the late
    vowels dropped and runs collapsed): what the fast form is tested against."""
    t = folded.replace(" ", "")
    for rx, repl in _VARIANTS:
        t = rx.sub(repl, t)
    t = _LATE_VOWELS.sub("", t)
    return _COLLAPSE.sub(r"\1", t)


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
