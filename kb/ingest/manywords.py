"""The content words of many texts at once, as numbers: :func:`pairs`.

:class:`kb.ingest.eventindex._Postings` inverts a year's events (each word -> the events
that use it).  Reading every event's words as a set of strings
(:func:`kb.ingest.dedupe.content_words`) costs a few Python objects per word, for events
most of which no rule will compare one by one.  Here the ASCII texts (nearly all) are read
in one pass over their bytes with numpy: each word of four letters or more found at once,
the words of at most :data:`PACKED` letters packed exactly into one integer (base 37), so
each distinct word is stemmed once (:func:`kb.ingest.dedupe._final`, remembered by its
number across calls); longer words, and texts that are not ASCII, are read as
:func:`kb.ingest.dedupe.content_words` reads them.  The words are that function's, kinds
of event included, so a set built later when a rule reads an event holds exactly the
words counted here (a test compares the two).
"""

from __future__ import annotations

from itertools import chain, count

from . import dedupe

PACKED = 12  # letters of a word packed into one integer: 37**12 < 2**63


def _tables(np):
    global _TABLES
    if _TABLES is None:
        fold = np.frombuffer(dedupe._FOLD, np.uint8).copy()
        fold[list(b"'`-")] = 0  # the joiners: deleted
        digit = np.zeros(256, np.int64)
        for k, c in enumerate(b"0123456789abcdefghijklmnopqrstuvwxyz"):
            digit[c] = k + 1
        _TABLES = fold, digit
    return _TABLES


_TABLES = None
_BY_NUMBER: dict[int, str] = {}  # a packed word -> its stem, or "" for none (a stopword)


def pairs(texts: list, code: dict, np) -> tuple:
    """(text numbers, word numbers): each word of each of ``texts`` (a string, or a set of
    words already read) once, words numbered by ``code`` (a word -> its number, added to)."""
    fold, digit = _tables(np)
    n = len(texts)
    fast = [type(t) is str and t.isascii() for t in texts]
    lens = np.fromiter((len(t) + 1 if ok else 1 for t, ok in zip(texts, fast)), np.intp, n)
    raw = (" ".join([t if ok else "" for t, ok in zip(texts, fast)]) + " " * (PACKED + 1)).encode()
    b = fold.take(np.frombuffer(raw, np.uint8))
    owner = np.repeat(np.arange(n + 1), np.append(lens, PACKED))
    if (b == 0).any():  # the joiners deleted: "don't" is "dont"
        keep = b != 0
        b, owner = b[keep], owner[keep]
    edge = np.diff((b != 32).view(np.int8), prepend=np.int8(0))
    starts, ends = np.flatnonzero(edge == 1), np.flatnonzero(edge == -1)
    size = ends - starts
    four = size >= 4  # a shorter word is no content word
    starts, ends, size = starts[four], ends[four], size[four]
    short = size <= PACKED
    tx, wd = [owner[starts[short]]], []
    if short.any():
        s, k = starts[short], size[short]
        values = np.zeros(len(s), np.int64)
        for j in range(PACKED):  # letter j of each word, 0 past its end: base 37, most significant first
            values *= 37
            values += np.where(k > j, digit.take(b.take(s + j)), 0)
        order = np.argsort(values)
        ordered = values[order]
        new = np.empty(len(values), bool)
        new[0] = True
        np.not_equal(ordered[1:], ordered[:-1], out=new[1:])
        uniq, first = ordered[new], order[new]  # each distinct word, and where one is
        inv = np.empty(len(values), np.intp)
        inv[order] = np.cumsum(new) - 1
        got = list(map(_BY_NUMBER.get, uniq.tolist()))
        if None in got:
            text = b.tobytes()
            for j in [j for j, g in enumerate(got) if g is None]:
                a = int(s[first[j]])
                got[j] = _stemmed(text[a:a + int(k[first[j]])])
                if len(_BY_NUMBER) > 200_000:
                    _BY_NUMBER.clear()
                _BY_NUMBER[int(uniq[j])] = got[j]
        wd.append(np.array([code.setdefault(g, len(code)) if g else -1 for g in got], np.intp)[inv])
    else:
        wd.append(np.zeros(0, np.intp))
    if not short.all():  # the longer words, one by one
        text = b.tobytes()
        tx.append(owner[starts[~short]])
        wd.append(np.array([(code.setdefault(g, len(code)) if (g := _stemmed(text[a:e])) else -1)
                            for a, e in zip(starts[~short].tolist(), ends[~short].tolist())], np.intp))
    tx, wd = np.concatenate(tx), np.concatenate(wd)
    word = wd >= 0
    tx, wd = tx[word], wd[word]
    # the texts read one by one, and the sets given: numbered in one pass over their words
    rest = [k for k, ok in enumerate(fast) if not ok]
    sets = [dedupe.content_words(t) if type(t) is str else t for t in map(texts.__getitem__, rest)]
    code.update(zip([w for w in dict.fromkeys(chain.from_iterable(sets)) if w not in code], count(len(code))))
    kinds = [(v, code.setdefault(dedupe._KIND[w], len(code))) for w, v in list(code.items()) if w in dedupe._KIND]
    if kinds:  # rule *kinds of event*: a text with "rockets" has "~attack" too
        kind = np.full(len(code), -1, np.intp)
        kind[[v for v, _k in kinds]] = [k for _v, k in kinds]
        has = kind[wd] >= 0
        tx, wd = np.concatenate([tx, tx[has]]), np.concatenate([wd, kind[wd[has]]])
    sizes = np.fromiter(map(len, sets), np.intp, len(sets))
    total = int(sizes.sum())
    if total:
        tx = np.concatenate([tx, np.repeat(np.array(rest, np.intp), sizes)])
        wd = np.concatenate([wd, np.fromiter(map(code.__getitem__, chain.from_iterable(sets)), np.intp, total)])
    m = max(len(code), 1)
    key = distinct(tx * m + wd, np)
    return key // m, key % m


def distinct(values, np):
    """The distinct ``values`` in increasing order (as ``np.unique`` gives them, by sorting)."""
    if len(values) < 2:
        return np.sort(values)
    s = np.sort(values)
    keep = np.empty(len(s), bool)
    keep[0] = True
    np.not_equal(s[1:], s[:-1], out=keep[1:])
    return s[keep]


def _stemmed(token: bytes) -> str:
    """A word's stem as :func:`kb.ingest.dedupe.content_words` keeps it ("" for none)."""
    got = dedupe._FINAL.get(token)
    if got is None:
        got = dedupe._final(token.decode())
    return got
