"""The retelling search's saved features: what a bucket's postings hold of a store's events, kept
in one file beside the store's index, so that a run decodes only the stored events a question keeps.

A run of many documents asks :class:`kb.ingest.eventindex.EventIndex` about date windows
that meet nearly every stored event, and each stored event it inverts
(:class:`kb.ingest.postings._Postings`) must first be decoded into the rules' form
(:class:`kb.ingest.dedupe._Entry`: 35-50 µs an event, most of the search's cost at 100,000
events).  This file holds, for each bucket of stored events (a year, or the wide ones), what
its postings are made of: each event's days (as ordinals), whether of day precision, its
document number, and the events of each word, title word, entity and measure (one array of row
numbers in the order of the keys, the keys as numbers into one vocabulary, and where each key's
rows end).  A run reads a bucket's postings from it (:meth:`Saved.postings`), decoding a stored
event only when a question keeps it, and adds its own events one by one as before.

It is a derived cache, like the index: ``retold-<hash of the store's path>.npz`` in kb's cache
folder (numpy's uncompressed zip of arrays; no pickled objects are read), written atomically
(:mod:`kb.store.atomic`), best effort.  It names the store it describes by the store's signature
(:func:`kb.store.signature`) and the rules it was made under (:func:`rules`: kb's version and a
digest of the sources the features come from).  A file that is missing, unreadable, not a
regular file, of other rules, or of another signature is not used: the run decodes its stored
events as it would without one.  So is a bucket whose rows are not exactly the stored events
the run holds for it (their document numbers and days), or whose arrays are not well formed
(:meth:`Saved.part`): that bucket is made by decoding, and the file is not written again from it.

After a write (:func:`save`, under the store's lock, once the file system's clock has passed the
write: :func:`kb.store.atomic.past_tick`), the file is made for the new store from the one the
run read: the rows of the events the write replaced are dropped and made again from their new
records, the added events' rows made from theirs, every other bucket copied.  A run that had no
file writes one when it has decoded nearly every stored event anyway (:data:`DECODED`), from
those entries.
"""

from __future__ import annotations

import functools
import json
import os
import stat
from datetime import date
from pathlib import Path

from .postings import KINDS, _Postings, _Rows

FORMAT = 1
WIDE = -1  # the number of the wide bucket in the file (years are 1 to 9999)
DECODED = 0.9  # the share of the stored events a run without a file must have decoded to write one
# the sources the features are made by: content words, stems, measures, their canonical names
_SOURCES = ("ingest/dedupe.py", "ingest/reconcile.py", "ingest/figures.py", "ingest/features.py",
            "ingest/postings.py", "names/__init__.py", "names/normalize.py", "names/marks.py",
            "resources/figures/measures.txt", "resources/figures/counted.txt")
_ROW = ("key", "start", "end", "day")  # per row: document number, days (ordinals), day precision
_FIELDS = ("words", "title", "entities", "measures")  # an entry's sets, by kind of KINDS


def place(target: Path) -> Path | None:
    """Where the feature file of the store at ``target`` lives (beside its index); None when
    there is no usable cache folder."""
    from ..errors import KbError
    from ..index.freshness import index_path

    try:
        p = index_path(target)
    except KbError:  # a KB_CACHE_DIR kb refuses: the command that uses it says so
        return None
    return p.with_name("retold-" + p.name.removeprefix("index-")).with_suffix(".npz")


@functools.lru_cache(maxsize=1)
def rules() -> str:
    """What the features depend on: the file's format, kb's version and a digest of the sources
    that make them; "" (no file used or written) when a source cannot be read."""
    import hashlib

    from .. import __version__

    h = hashlib.sha1()
    root = Path(__file__).resolve().parent.parent
    try:
        for name in _SOURCES:
            h.update((root / name).read_bytes())
    except OSError:
        return ""
    import unicodedata  # folding follows the Unicode tables of the Python that runs kb

    h.update(unicodedata.unidata_version.encode())
    return f"{FORMAT}+{__version__}+{h.hexdigest()[:16]}"


def _bucket_of(name) -> int:
    return WIDE if name == "wide" else int(name)


class Saved:
    """A feature file read for one store: its arrays, its vocabulary, its buckets by name."""

    def __init__(self, arrays: dict, vocab: list[str]):
        self.arrays, self.vocab = arrays, vocab
        self.where = {int(b): k for k, b in enumerate(arrays["names"].tolist())}
        self.broken = False  # a bucket was not what the run holds: not to be saved from
        self._parts: dict = {}

    @classmethod
    def open(cls, target: Path, st: os.stat_result) -> "Saved | None":
        """The feature file of the store at ``target`` whose status is ``st`` (the file a run
        read), if there is one for exactly that file under these rules; else None."""
        from ..store import signature

        path, tag = place(target), rules()
        if path is None or not tag:
            return None
        try:
            sig = signature(target, st)
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        except (OSError, ValueError):
            return None
        import zipfile

        import numpy as np

        try:  # a folder or a device at its place is no file of ours (fdopen refuses a folder)
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            regular = False
        if not regular:
            os.close(fd)
            return None
        with os.fdopen(fd, "rb") as fh:
            try:
                with np.load(fh, allow_pickle=False) as npz:
                    meta = json.loads(npz["meta"].tobytes())
                    if meta.get("rules") != tag or meta.get("signature") != sig:
                        return None
                    arrays = {k: npz[k] for k in npz.files if k != "meta"}
                vocab = arrays.pop("vocab").tobytes().decode("utf-8").split("\0")
                saved = cls(arrays, vocab)
                saved._check()
            except (OSError, ValueError, KeyError, TypeError, EOFError, AttributeError, zipfile.BadZipFile,
                    NotImplementedError, RuntimeError, MemoryError):  # a ZIP directory asking for a
                return None  # feature or a password, an array header claiming terabytes: the run decodes
        return saved

    def _check(self) -> None:
        """The arrays' shapes fit together (each bucket's contents are checked when read)."""
        a, nb = self.arrays, len(self.arrays["names"])
        rows = a["rows"]
        if rows.shape != (nb + 1,) or rows[0] != 0 or (nb and (rows[1:] <= rows[:-1]).any()):
            raise ValueError("rows")
        if any(a[f].shape != (int(rows[-1]),) for f in _ROW):
            raise ValueError("row arrays")
        for kind in KINDS:
            at, kat = a[f"{kind}.at"], a[f"{kind}.kat"]
            if at.shape != (nb + 1,) or kat.shape != (nb + 1,) or at[0] or kat[0] or (
                    at[-1] != len(a[f"{kind}.flat"]) or kat[-1] != len(a[f"{kind}.keys"])
                    or len(a[f"{kind}.keys"]) != len(a[f"{kind}.ends"])):
                raise ValueError(kind)
            if (at[1:] < at[:-1]).any() or (kat[1:] < kat[:-1]).any():
                raise ValueError(kind)

    def has(self, name) -> bool:
        """Whether the file holds bucket ``name`` (a year, or ``"wide"``)."""
        return _bucket_of(name) in self.where

    def part(self, name) -> dict | None:
        """Bucket ``name``'s arrays (``key`` as text, ``start``, ``end``, ``day``, and per kind of
        :data:`KINDS` ``(rows, key numbers, ends)``), checked to be well formed: each key's rows
        increasing and within the bucket, its keys increasing and in the vocabulary; None (and
        the file :attr:`broken`) if not."""
        import numpy as np

        b = self.where.get(_bucket_of(name))
        if b is None:
            return None
        got = self._parts.get(b)
        if got is not None:
            return got
        a = self.arrays
        r0, r1 = int(a["rows"][b]), int(a["rows"][b + 1])
        n = r1 - r0
        out = {f: a[f][r0:r1] for f in _ROW}
        out["key"] = out["key"].astype(np.int64)
        out["start"], out["end"] = out["start"].astype(np.int64), out["end"].astype(np.int64)
        out["day"] = out["day"].astype(bool)
        ok = n > 0 and bool((out["start"] <= out["end"]).all()) and len(set(out["key"].tolist())) == n
        for kind in KINDS:
            at, kat = a[f"{kind}.at"], a[f"{kind}.kat"]
            flat = a[f"{kind}.flat"][int(at[b]):int(at[b + 1])].astype(np.intp)
            keys = a[f"{kind}.keys"][int(kat[b]):int(kat[b + 1])]
            ends = a[f"{kind}.ends"][int(kat[b]):int(kat[b + 1])].astype(np.intp)
            if len(keys):
                ok = ok and ends[-1] == len(flat) and ends[0] > 0 and bool((ends[1:] > ends[:-1]).all()) and (
                    keys[0] >= 0 and keys[-1] < len(self.vocab) and bool((keys[1:] > keys[:-1]).all()))
                if ok and len(flat):
                    step = np.ones(len(flat), bool)
                    step[ends[:-1]] = False  # the first row of each key but the first key's
                    step[0] = False
                    ok = flat.min() >= 0 and flat.max() < n and bool((flat[1:] > flat[:-1])[step[1:]].all())
            else:
                ok = ok and not len(flat)
            if not ok:
                break
            out[kind] = (flat, keys, ends)
        if not ok:
            self.broken = True
            return None
        self._parts[b] = out
        return out

    def postings(self, name, stored: list, entry) -> _Postings | None:
        """The postings of bucket ``name`` whose stored events are ``stored`` (``(start, end,
        (seq, key))``, days as ordinals), read from the file, each event decoded by ``entry``
        when a question keeps it; None (the file :attr:`broken`) unless its rows are exactly
        those events, with those days."""
        import numpy as np

        part = self.part(name)
        if part is None:
            return None
        by_key = {t[2][1]: t for t in stored}
        keys = list(map(str, part["key"].tolist()))
        rows = list(map(by_key.get, keys))
        if len(by_key) != len(stored) or len(keys) != len(by_key) or None in rows or not (
                np.array([t[0] for t in rows], np.int64) == part["start"]).all() or not (
                np.array([t[1] for t in rows], np.int64) == part["end"]).all():
            self.broken = True
            return None
        vocab = self.vocab
        kinds = {kind: (flat, [vocab[c] for c in codes.tolist()], ends)
                 for kind, (flat, codes, ends) in ((k, part[k]) for k in KINDS)}
        return _Postings.saved(_Rows([t[2] for t in rows], entry), part["start"], part["end"], part["day"],
                               kinds)

    def whole(self) -> dict | None:
        """Every bucket's arrays (:meth:`part`), by bucket number; None if one is not well formed."""
        out = {}
        for b, k in self.where.items():
            got = self.part("wide" if b == WIDE else b)
            if got is None:
                return None
            out[b] = got
        return out


def _block(entries: list, vocab: list[str]) -> dict:
    """The rows of ``entries`` (``(key, entry)``): per row its fields, and per kind of
    :data:`KINDS` its keys' numbers in ``vocab`` (a key not in it added), the rows one after
    another (``.codes``, from ``.off``)."""
    import numpy as np
    from itertools import chain
    from operator import attrgetter

    n = len(entries)
    es = [e for _k, e in entries]
    keys = [k for k, _e in entries]
    if not all(type(k) is str and k.isdigit() and str(int(k)) == k for k in keys):
        raise ValueError("a document number the file cannot hold")
    out = {"key": np.array(list(map(int, keys)), np.int64),
           "start": np.fromiter(map(date.toordinal, map(attrgetter("start"), es)), np.int64, n),
           "end": np.fromiter(map(date.toordinal, map(attrgetter("end"), es)), np.int64, n),
           "day": np.fromiter(map("day".__eq__, map(attrgetter("precision"), es)), bool, n)}
    code = dict(zip(vocab, range(len(vocab))))
    for kind, field in zip(KINDS, _FIELDS):
        sets = list(map(attrgetter(field), es))
        for key in sorted(set().union(*sets).difference(code)):
            if type(key) is not str or "\0" in key:
                raise ValueError("a key the file cannot hold")
            code[key] = len(vocab)
            vocab.append(key)
        sizes = np.fromiter(map(len, sets), np.int64, n)
        out[f"{kind}.off"] = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        out[f"{kind}.codes"] = np.fromiter(map(code.__getitem__, chain.from_iterable(sets)), np.int64,
                                           int(sizes.sum()))
    return out


def _bucket(part: dict | None, keep, new, block: dict) -> dict:
    """A bucket's arrays (as :meth:`Saved.part` gives them): the rows of ``part`` that ``keep``
    marks (none without a part), then rows ``new`` of ``block``; each key's rows increasing
    (the part's, in order, then the new ones: merged into the part's pairs sorted by key)."""
    import numpy as np

    if part is not None:
        kept = np.flatnonzero(keep)
        renum = np.full(len(keep), -1, np.int64)
        renum[kept] = np.arange(len(kept))
    m = len(kept) if part is not None else 0
    out = {f: np.concatenate(([part[f][kept]] if part is not None else []) + [block[f][new]]) for f in _ROW}
    for kind in KINDS:
        off = block[f"{kind}.off"]
        starts, lens = off[new], off[new + 1] - off[new]
        at = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(int(lens.sum()))
        c, r = block[f"{kind}.codes"][at], m + np.repeat(np.arange(len(new), dtype=np.int64), lens)
        # stable, by a radix sort where the numbers fit in 16 bits (numpy's for small integers)
        order = np.argsort(c.astype(np.uint16) if len(c) and c.max() < 1 << 16 else c, kind="stable")
        c, r = c[order], r[order]
        if part is not None:
            flat, keys, ends = part[kind]
            co = np.repeat(keys.astype(np.int64), np.diff(ends, prepend=0))
            ok = keep[flat]
            co, ro = co[ok], renum[flat[ok]]
            at = np.searchsorted(co, c, side="right")
            c, r = np.insert(co, at, c), np.insert(ro, at, r)
        firsts = np.flatnonzero(np.diff(c, prepend=-1))  # where each key's rows begin
        out[kind] = (r, c[firsts], np.append(firsts[1:], len(c)).astype(np.int64) if len(c) else firsts)
    return out


def _no_words(_section: str) -> frozenset:
    """A cited heading's words, not read: the file does not hold them (only a dated heading's
    question asks for them, and it reads the event's entry)."""
    return frozenset()


def _names_of(first: int, last: int, wide: int) -> list[int]:
    """The buckets of an event whose days span years ``first`` to ``last``, as
    :class:`~kb.ingest.eventindex.EventIndex` files it: each year, or the wide bucket when
    they are more than ``wide`` years apart."""
    return [WIDE] if last - first > wide else list(range(first, last + 1))


def _grouped(block: dict, wide: int) -> dict:
    """Bucket number -> the rows of ``block`` it holds, in order (as :class:`EventIndex` files an
    event: under each year it spans, or the wide bucket when it spans more than ``wide``)."""
    import numpy as np

    years = [(block[f] - 719163).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
             for f in ("start", "end")]
    first, last = years
    one = np.flatnonzero(first == last)
    order = one[np.argsort(first[one], kind="stable")]
    ys, at = np.unique(first[order], return_index=True)
    out = {int(y): part for y, part in zip(ys.tolist(), np.split(order, at[1:]))}
    more: dict = {}
    multi = first != last
    for j, a, b in zip(np.flatnonzero(multi).tolist(), first[multi].tolist(), last[multi].tolist()):
        for y in _names_of(a, b, wide):
            more.setdefault(y, []).append(j)
    for y, rows in more.items():
        out[y] = np.sort(np.concatenate([out.get(y, np.zeros(0, np.int64)), np.array(rows, np.int64)]))
    return out


def save(edit, index) -> bool:
    """Write the feature file of the store ``edit`` has just written (:func:`kb.store.writer.editing`'s
    ``written``), from ``index`` (the run's :class:`~kb.ingest.eventindex.EventIndex`): from the
    file the run read and the events the write added or replaced, else, when the run decoded
    nearly every stored event (:data:`DECODED`), from those (module docstring).  Best effort:
    whether a file was written."""
    target = edit.target
    path, tag = place(target), rules()
    if path is None or not tag:
        return False
    saved = index._saved
    old = saved.whole() if saved is not None and not saved.broken else None
    changed = dict(edit.added.get("events", ()))
    changed.update(edit.replaced.get("events", {}))
    if old is None:
        stored = index.stored(DECODED)
        if stored is None:
            return False
    from ..store import atomic, signature
    from .dedupe import _Entry

    try:
        added = [(k, _Entry(rec, 0, k, _no_words)) for k, rec in changed.items()]
        if old is None:
            parts = _first(stored, added, changed, index.posted())
        else:
            parts = _next(old, list(saved.vocab), added, edit)
    except (ValueError, KeyError, TypeError):  # a record or key the file cannot hold
        return False
    vocab = parts.pop(None)
    if not parts or not atomic.past_tick(target, f"{target}.lock"):
        return False  # the file's times do not yet tell its next change: no signature to trust
    try:
        _write(path, parts, vocab, {"rules": tag, "signature": signature(target)})
    except (OSError, ValueError):
        return False
    return True


def _next(old: dict, vocab: list[str], added: list, edit) -> dict:
    """The buckets (and, under None, the vocabulary) of the new store from a file's (``old``,
    ``vocab``) and the events the write added or replaced (``added``: ``(key, entry)``)."""
    import numpy as np

    from .eventindex import EventIndex

    added.sort(key=lambda t: int(t[0]))
    block = _block(added, vocab)
    new = _grouped(block, EventIndex.WIDE)
    gone = np.array([int(k) for k in edit.replaced.get("events", {})], np.int64)
    parts: dict = {None: vocab}
    for b in sorted(set(old) | set(new)):
        part = old.get(b)
        keep = None
        if part is not None:  # the rows of the events not replaced
            keys = part["key"]
            keep = np.ones(len(keys), bool) if not len(gone) else ~np.isin(keys, gone, kind="table")
        if part is not None and keep.all() and b not in new:
            parts[b] = part
        else:
            parts[b] = _bucket(part, keep, new.get(b, np.zeros(0, np.int64)), block)
            if not len(parts[b]["key"]):  # every event of it replaced, and filed elsewhere now
                del parts[b]
    return parts


def _first(stored: list, added: list, changed: dict, posted: dict) -> dict:
    """The buckets (and, under None, the vocabulary) of the new store when the run read no file,
    from ``stored`` (``(key, entry)`` of every stored event), ``added`` (``(key, entry)`` of
    the events the write added or replaced, ``changed``) and ``posted`` (bucket name ->
    postings of the run holding every stored event of the bucket,
    :meth:`~kb.ingest.eventindex.EventIndex.posted`): a bucket's stored rows are read from its
    postings (each key numbered once for all buckets, not once a bucket or an event), the others'
    made from their entries; the arrays are those the entries alone give (:func:`_block`, :func:`_bucket`)."""
    import numpy as np
    from itertools import chain, count
    from operator import attrgetter

    from .eventindex import EventIndex

    held = {_bucket_of(name): got for name, (post, stored) in posted.items()
            if (got := _held(post, stored, changed)) is not None}
    wide, rest = EventIndex.WIDE, []
    for k, e in stored:  # the stored events some bucket of which is not read from its postings
        if k not in changed:
            y, last = e.start.year, e.end.year
            if not (y in held if y == last else held.keys() >= set(_names_of(y, last, wide))):
                rest.append((k, e))
    entries = sorted(rest + added, key=lambda t: int(t[0]))
    vocab: list[str] = []
    code: dict = {}
    numbers = {}  # kind -> bucket -> its held keys' numbers in vocab
    for kind, field in zip(KINDS, _FIELDS):  # as _block numbers them: each kind's new keys sorted
        # the held buckets' keys met once (each key -> where first met), numbered once each
        names = list(chain.from_iterable(h[1][kind][0] for h in held.values()))
        first: dict = {}
        met = np.fromiter(map(first.setdefault, names, count()), np.intp, len(names))
        keys = set(first).union(*map(attrgetter(field), (e for _k, e in entries)))
        for key in sorted(keys.difference(code)):
            if type(key) is not str or "\0" in key:
                raise ValueError("a key the file cannot hold")
            code[key] = len(vocab)
            vocab.append(key)
        number = np.zeros(len(names), np.int64)
        number[np.fromiter(first.values(), np.intp, len(first))] = np.fromiter(
            map(code.__getitem__, first), np.int64, len(first))
        number, at = number[met], 0
        numbers[kind] = {}
        for b, h in held.items():
            numbers[kind][b], at = number[at:at + len(h[1][kind][0])], at + len(h[1][kind][0])
    block = _block(entries, vocab)
    new = _grouped(block, wide)
    parts: dict = {None: vocab}
    for b in sorted(set(held) | set(new)):
        rows = new.get(b, np.zeros(0, np.int64))
        if b not in held:
            parts[b] = _bucket(None, None, rows, block)
            continue
        fields, kinds = held.pop(b)
        rows = rows[~np.isin(block["key"][rows], fields["key"])]  # the run's and other buckets'
        m = len(fields["key"])
        pairs = {}
        for kind in KINDS:
            names, at, size, pos, r = kinds[kind]
            number = np.zeros(size, np.int64)
            number[at] = numbers[kind][b]
            off = block[f"{kind}.off"]
            starts, lens = off[rows], off[rows + 1] - off[rows]
            got = np.repeat(starts - (np.cumsum(lens) - lens), lens) + np.arange(int(lens.sum()))
            pairs[kind] = (np.concatenate([number[pos], block[f"{kind}.codes"][got]]),
                           np.concatenate([r, m + np.repeat(np.arange(len(rows), dtype=np.int64), lens)]))
        fields = {f: np.concatenate([fields[f], block[f][rows]]) for f in _ROW}
        parts[b] = _sorted(fields, pairs)
        if not len(parts[b]["key"]):
            del parts[b]
    return parts


def _held(post, stored: int, changed: dict) -> tuple[dict, dict] | None:
    """The rows of a bucket's postings (:class:`~kb.ingest.postings._Postings`) that are stored
    events the write kept (not in ``changed``), in the order of their document numbers: their
    fields (:data:`_ROW`), and per kind of :data:`KINDS` (the keys they hold, those keys'
    numbers in the postings, how many numbers, and per pair its key's number and its row);
    None unless the postings hold ``stored`` stored events (the bucket's)."""
    import numpy as np
    from itertools import compress

    keys = [e.key for e in post.entries]
    if len(keys) - keys.count(None) != stored:
        return None
    take = [i for i, k in enumerate(keys) if k is not None and k not in changed]
    got = [keys[i] for i in take]
    ints = list(map(int, got))  # (a number written as no decimal digits raises ValueError)
    if list(map(str, ints)) != got or (ints and min(ints) < 0):  # digits only, as str() writes them
        raise ValueError("a document number the file cannot hold")
    nums = np.array(ints, np.int64)
    order = np.argsort(nums, kind="stable")
    idx = np.array(take, np.intp)[order]
    row = np.full(len(keys), -1, np.int32)  # (32 bits: a bucket's pairs are held until written)
    row[idx] = np.arange(len(idx))
    fields = {"key": nums[order], "start": post.start[idx], "end": post.end[idx], "day": post.day[idx]}
    kinds = {}
    for kind in KINDS:
        flat, spans = getattr(post, kind)
        size = len(spans.ends)
        pos = np.repeat(np.arange(size, dtype=np.int32), np.diff(spans.ends, prepend=0)) if size else (
            np.zeros(0, np.int32))
        r = row[flat]
        ok = r >= 0
        pos, r = pos[ok], r[ok]
        live = np.zeros(size, bool)
        live[pos] = True
        at = np.fromiter(spans.first.values(), np.intp, len(spans.first))
        lv = live[at] if size else np.zeros(0, bool)
        kinds[kind] = (list(compress(spans.first, lv.tolist())), at[lv], size, pos, r)
    return fields, kinds


def _sorted(fields: dict, pairs: dict) -> dict:
    """A bucket's arrays (as :meth:`Saved.part` gives them) from its rows' ``fields`` in any
    order and, per kind, its pairs (key numbers, rows): the rows in the order of their document
    numbers, each kind's pairs by key, then row."""
    import numpy as np

    order = np.argsort(fields["key"], kind="stable")
    out = {f: fields[f][order] for f in _ROW}
    m = len(order)
    renum = np.empty(m, np.int64)
    renum[order] = np.arange(m)
    for kind in KINDS:
        c, r = pairs[kind]
        r = renum[r]
        o = np.argsort(c * m + r)
        c, r = c[o], r[o]
        firsts = np.flatnonzero(np.diff(c, prepend=-1))
        out[kind] = (r, c[firsts], np.append(firsts[1:], len(c)).astype(np.int64) if len(c) else firsts)
    return out



def _write(path: Path, parts: dict, vocab: list[str], meta: dict) -> None:
    """The file: ``parts`` (bucket number -> arrays, :meth:`Saved.part`'s form) in one npz."""
    import numpy as np

    names = sorted(parts)
    ps = [parts[b] for b in names]
    arrays = {"meta": np.frombuffer(json.dumps(meta).encode(), np.uint8),
              "vocab": np.frombuffer("\0".join(vocab).encode(), np.uint8),
              "names": np.array(names, np.int32),
              "rows": np.concatenate([[0], np.cumsum([len(p["key"]) for p in ps])]).astype(np.int64),
              "key": _small(np.concatenate([p["key"] for p in ps])),
              "start": np.concatenate([p["start"] for p in ps]).astype(np.int32),
              "end": np.concatenate([p["end"] for p in ps]).astype(np.int32),
              "day": np.concatenate([p["day"] for p in ps]).astype(bool)}
    for kind in KINDS:
        flats, keys, ends = zip(*(p[kind] for p in ps))
        arrays[f"{kind}.flat"] = _small(np.concatenate(flats))
        arrays[f"{kind}.keys"] = _small(np.concatenate(keys))
        arrays[f"{kind}.ends"] = _small(np.concatenate(ends))
        arrays[f"{kind}.at"] = np.concatenate([[0], np.cumsum(list(map(len, flats)))]).astype(np.int64)
        arrays[f"{kind}.kat"] = np.concatenate([[0], np.cumsum(list(map(len, keys)))]).astype(np.int64)
    from ..store import atomic

    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic.replacing(path, follow=False) as tmp:
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)


def _small(a):
    """``a`` (numbers from 0) in the smallest unsigned type of 16, 32 or 64 bits that holds them."""
    import numpy as np

    top = int(a.max()) if len(a) else 0
    return a.astype(np.uint16 if top < 1 << 16 else np.uint32 if top < 1 << 32 else np.uint64)
