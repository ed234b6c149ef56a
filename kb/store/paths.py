"""Where stores live: the shipped knowledge base, the user's store, ``--db``.

Which store a command reads:

1. ``--db PATH`` or the ``KB_DB`` environment variable;
2. otherwise the user store, ``$XDG_DATA_HOME/kb/kb.json`` (by default
   ``~/.local/share/kb/kb.json``), once something has been written there;
3. otherwise the knowledge base shipped inside the package, opened read-only.

Writes (``kb ingest``) go to the user store, which is first seeded with a copy
of the shipped knowledge base; a new file named with ``--db`` starts empty.
The shipped file is never written.

Files kb keeps of its own in the cache folder are named and read here too:
:func:`cache_file` (a store's file of one kind, named by the store's path) and
:func:`read_regular` (a file's bytes when it is a regular file of its own).
"""

from __future__ import annotations

import os
from pathlib import Path


def shipped_path() -> Path:
    """The knowledge base inside the installed package (or the checkout's data/)."""
    here = Path(__file__).resolve().parent.parent  # the kb package
    packaged = here / "data" / "kb.json"
    if packaged.exists():
        return packaged
    return here.parent / "data" / "kb.json"


def home() -> str:
    """The user's home folder: ``HOME`` when it is an absolute path, else the password
    database's (an empty or relative ``HOME`` would put a store where the command runs).
    A user with neither (a container run as a user id the password database lacks, with
    ``HOME`` unset) gets ``/``, as ``login`` gives a user whose home it cannot find: the
    shipped knowledge base is read and the index kept in memory (``/`` is not theirs to
    write), where ``Path.home()`` raised a traceback from every command."""
    env = os.environ.get("HOME", "")
    if os.path.isabs(env):
        return env
    try:
        import pwd

        return pwd.getpwuid(os.getuid()).pw_dir or "/"
    except KeyError:
        return "/"
    except ImportError:  # not POSIX: the platform's own rule
        try:
            return str(Path.home())
        except RuntimeError:
            return os.path.abspath(os.sep)


def xdg_dir(variable: str, *default: str) -> str:
    """An XDG base folder: the variable when it is an absolute path (the XDG spec has
    relative ones ignored), else ``default`` under :func:`home`."""
    value = os.environ.get(variable, "")
    return value if os.path.isabs(value) else os.path.join(home(), *default)


def cache_dir(environ=None) -> Path:
    """kb's cache folder (the index, the place names): ``KB_CACHE_DIR``, else ``kb``
    under the XDG cache folder (``XDG_CACHE_HOME`` when absolute, else ``~/.cache``).

    ``KB_CACHE_DIR`` must name an absolute path (a leading ``~`` is read as the shell
    reads it: :func:`expand_home`): a relative one would be read against whatever folder
    kb runs in, leaving an index in each (and ``~/c`` quoted, a folder named ``~`` there),
    so it is refused (:class:`~kb.errors.KbError`, exit 2) before anything is created."""
    environ = os.environ if environ is None else environ
    value = environ.get("KB_CACHE_DIR", "")
    if value:
        value = str(expand_home(value, "KB_CACHE_DIR"))
        if not os.path.isabs(value):
            from ..errors import KbError

            raise KbError(f"KB_CACHE_DIR must be an absolute path, not {value!r} (a relative one would "
                          "put a cache in every folder kb runs in)")
        return Path(value)
    return Path(xdg_dir("XDG_CACHE_HOME", ".cache")) / "kb"


def expand_home(value: str, what: str) -> Path:
    """``value`` as a path, a leading ``~`` read as the shell would (``~/x``: :func:`home`;
    ``~user/x``: that user's home folder).  A user the system does not know is bad input, one
    line naming ``what`` (the option), as the shell would have left the ``~`` as it is."""
    if value == "~" or value.startswith(("~/", "~" + os.sep)):
        return Path(home(), value[2:])
    if value.startswith("~"):
        done = os.path.expanduser(value)
        if done == value:
            from ..errors import KbError

            user = value[1:].replace(os.sep, "/").split("/", 1)[0]
            raise KbError(f"{what}: {value!r} starts with the home folder of {user!r}, "
                          "a user this system does not know")
        return Path(done)
    return Path(value)


def user_path() -> Path:
    return Path(xdg_dir("XDG_DATA_HOME", ".local", "share")) / "kb" / "kb.json"


def default_path(db: str | None = None) -> Path:
    """The store a command reads (see the module docstring for the order)."""
    if db:
        return expand_home(db, "--db")
    env = os.environ.get("KB_DB")
    if env:
        return expand_home(env, "KB_DB")
    user = user_path()
    return user if user.exists() else shipped_path()


def write_path(db: str | None = None) -> Path:
    """The store a writing command changes: never the shipped one."""
    if db or os.environ.get("KB_DB"):
        return default_path(db)
    return user_path()


def cache_file(kind: str, target: Path) -> Path | None:
    """The cache folder's file of ``kind`` (``checked``, ``rows``) for the store at
    ``target``, named by the store's path; None when there is no usable cache folder (the
    command that uses the folder says why)."""
    import zlib

    from ..errors import KbError

    p = os.fsencode(target)
    try:
        return cache_dir() / f"{kind}-{zlib.crc32(p):08x}{zlib.adler32(p):08x}"
    except KbError:
        return None


def read_regular(path: Path, limit: int = -1) -> bytes | None:
    """The bytes of ``path`` when it is a regular file of its own: no link followed, a FIFO
    never waited on; None otherwise, on any OSError, or when it holds more than ``limit``
    bytes (a ``limit`` of -1: any size)."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read() if limit < 0 else fh.read(limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if 0 <= limit < len(data) else data
