"""Where an export may go: stdout, a device or pipe, or a file it may replace.

:func:`target` checks ``-o PATH`` before the store is read or anything is
written, and refuses with one line (exit 2), leaving PATH as it was:

* one of kb's own files: the store the export reads, your store, the shipped
  knowledge base, or the index of the store read.  PATH is one of them when
  it names the same file once symlinks are resolved, or the same device and
  inode (a hard link), whatever ``--force`` says;
* an existing regular file, unless ``force`` (``--force``) is given;
* a folder, or a file in a folder that does not exist;
* a device or a pipe for ``--format sqlite``, which needs a file.

A device or a named pipe (a FIFO) has nothing to replace: it is opened and
written as it is, and so is any name under ``/dev``: ``-o /dev/stdout`` writes
to standard output even when the shell sent that to a file (``>> log``).  A
named pipe nobody reads from is given :data:`PIPE_WAIT` seconds for a reader
to come (:func:`open_stream`), then refused in one line (an open would wait
for ever).  A
symlink to a file is followed, so the file it points to is replaced and the
link stays a link.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..errors import KbError

_DEVICES = Path("/dev")  # devices and the process's own streams (/dev/stdout, /dev/fd/3)
PIPE_WAIT = 5.0  # seconds a named pipe may go without a reader (as ingest waits for a writer)


def open_stream(path: Path, wait: float | None = None):
    """A device or pipe opened to append text to; a named pipe once a reader has it open,
    tried every 50 ms for ``wait`` (:data:`PIPE_WAIT`) seconds (:class:`KbError` after that)."""
    import errno
    import time

    wait = PIPE_WAIT if wait is None else wait
    try:
        fifo = stat.S_ISFIFO(os.stat(path).st_mode)
    except OSError:
        fifo = False
    if not fifo:
        return open(path, "a", encoding="utf-8", newline="")  # noqa: SIM115 - the caller closes it
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as e:
            if e.errno != errno.ENXIO or time.monotonic() >= deadline:
                if e.errno == errno.ENXIO:
                    raise KbError(f"export: no reader opened the pipe {path} in {wait:g} s "
                                  "(is anything reading it?)") from None
                raise
            time.sleep(0.05)
    os.set_blocking(fd, True)
    return os.fdopen(fd, "a", encoding="utf-8", newline="")


@dataclass(frozen=True)
class Target:
    """Where the export goes: ``path`` None is stdout; ``stream`` is a device
    or pipe, written in place rather than replaced."""

    path: Path | None = None
    stream: bool = False


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as e:  # a symlink loop
        raise KbError(f"export: cannot follow {path} ({getattr(e, 'strerror', None) or e})") from None


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file: by path after symlinks, or by device and inode."""
    if _resolved(a) == _resolved(b):
        return True
    try:
        sa, sb = os.stat(a), os.stat(b)
    except OSError:
        return False
    return (sa.st_dev, sa.st_ino) == (sb.st_dev, sb.st_ino)


def own_files(store: Path) -> list[tuple[Path, str]]:
    """kb's own files, which no export may replace, each with what to call it."""
    from ..index import index_path
    from ..store import shipped_path, user_path

    return [(store, "the store this export reads"), (user_path(), "your kb store"),
            (shipped_path(), "the shipped knowledge base"),
            (index_path(store), "kb's index of the store")]


def target(output: str | None, fmt: str, *, store: Path, force: bool = False, option: str = "-o") -> Target:
    """Check ``-o output`` for an export in ``fmt`` of ``store``; raise :class:`KbError` to refuse
    (``option`` is the option named in the message: ``--mapping`` for the mappings' file)."""
    if output is None or output == "-":
        if fmt == "sqlite":
            raise KbError("export: --format sqlite writes a database file; name it with -o PATH")
        return Target()
    if not output.strip():
        raise KbError(f"export: {option} needs a file name")
    if output.endswith(("/", os.sep)) or os.path.basename(output) in (".", ".."):
        # pathlib drops a final '/' or '.': 'new/' would be written as a file named 'new'
        raise KbError(f"export: {output} names a folder (it ends in '/', '.' or '..'); name a file")
    from ..store.paths import expand_home

    path = expand_home(output, f"export: {option}")
    for own, what in own_files(store):
        if same_file(path, own):
            raise KbError(f"export: {output} is {what}; choose another file")
    real = _resolved(path)
    try:
        mode = os.stat(path).st_mode  # what the name leads to, through any symlinks
    except FileNotFoundError:
        if not real.parent.is_dir():
            raise KbError(f"export: no folder {path.parent}") from None
        return Target(real)
    except OSError as e:
        raise KbError(f"export: cannot use {output} ({e.strerror or e})") from None
    if stat.S_ISDIR(mode):
        raise KbError(f"export: {output} is a folder; name a file")
    if stat.S_ISREG(mode) and _DEVICES not in Path(os.path.abspath(path)).parents:
        if not force:
            raise KbError(f"export: {output} exists; use --force to replace it")
        return Target(real)
    if fmt == "sqlite":
        raise KbError(f"export: {output} is a device or pipe; --format sqlite needs a regular file")
    # Opened by the name given: /dev/stdout resolves to /proc/self/fd/1 and on to
    # no path at all ("pipe:[...]"), but opening the name works.
    return Target(path, stream=True)
