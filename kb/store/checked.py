"""Stores whose every record was checked: the digest of their exact bytes, remembered.

A write (``kb ingest``) checks every record of the store it reads
(:mod:`kb.store.check`) before it changes anything, which at 100,000 events
costs more than reading them.  Most of those checks repeat the last run's:
the file is the one kb itself wrote, every record of it checked then.  So
once a write has checked the store it read, and the records it added or
replaced (decoded from the very bytes it wrote), it remembers the SHA-1 and
size of the file it wrote: one line in a small file of the cache folder
(``checked-<hash of the store's path>``, beside the index).  The next write
whose file has exactly those bytes (its size first, then its digest, over
the bytes it decodes) skips the record checks; ids are still compared, so a
duplicate is still found.

What is trusted is content, never a name or a time: any other bytes (an
edit by hand or by another program, whatever size and times it leaves) are
checked record by record, as are all bytes when the note is missing,
unreadable, of other rules, or for other bytes.  The note names the rules it
was made under (kb's version and a digest of :mod:`kb.store.check`'s source),
so a kb whose checks differ checks again.  A note can only be made to lie by
someone who can write the cache folder, who can as well write the index,
whose records are trusted the same way (:meth:`kb.store.edit.Edit.read`).
Reading the note never waits on a FIFO and follows no link to replace;
writing it is atomic (:mod:`kb.store.atomic`) and best effort: a cache that
cannot be written only means the next write checks again.
"""

from __future__ import annotations

import functools
from contextlib import suppress
from pathlib import Path

_LIMIT = 4096  # a note is one short line; more is not a note


def _place(target: Path) -> Path | None:
    """Where the note on the store at ``target`` lives (None: no usable cache folder)."""
    from .paths import cache_file

    return cache_file("checked", target)


@functools.lru_cache(maxsize=1)
def rules() -> str:
    """What the checks depend on: kb's version and the SHA-1 of :mod:`kb.store.check`'s
    source; "" (nothing trusted) when the source cannot be read."""
    import hashlib

    from .. import __version__
    from . import check

    try:
        source = Path(check.__file__).read_bytes()
    except (OSError, TypeError):  # no source file (a frozen build): always check
        return ""
    return f"{__version__}+{hashlib.sha1(source).hexdigest()[:16]}"


def _read(place: Path) -> str:
    from .paths import read_regular

    data = read_regular(place, _LIMIT)
    return "" if data is None else data.decode("ascii", "replace")


def note(size: int, digest: str) -> str:
    """The note's text for a file of ``size`` bytes with SHA-1 ``digest``."""
    return f"{rules()} {size} {digest}\n"


def trusted(target: Path, raw) -> bool:
    """Whether the bytes ``raw`` of the store at ``target`` are bytes whose every record a
    write checked, under the rules of this kb (module docstring)."""
    import hashlib

    tag = rules()
    place = _place(target)
    if not tag or place is None:
        return False
    parts = _read(place).split()
    if len(parts) != 3 or parts[0] != tag or parts[1] != str(len(raw)):
        return False
    return hashlib.sha1(raw).hexdigest() == parts[2]


def remember(target: Path, size: int, digest: str) -> None:
    """Note that the store at ``target``, ``size`` bytes of SHA-1 ``digest``, had every record
    checked; best effort (a cache that cannot be written leaves no note)."""
    from . import atomic

    place = _place(target)
    if not rules() or place is None:
        return
    with suppress(OSError):
        place.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(place, note(size, digest).encode("ascii"), follow=False)

