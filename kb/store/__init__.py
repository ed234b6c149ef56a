"""The store of record: one TinyDB JSON file of sources, entities and events.

One concept a module:

* :mod:`~kb.store.paths`: which file a command reads and which it writes;
* :mod:`~kb.store.atomic`: the one atomic file replacement (also used by the
  index and the exports);
* :mod:`~kb.store.storage`: the TinyDB storage, its on-disk layout;
* :mod:`~kb.store.reader`: what a store file is, its signature, reading it
  whole (:func:`load`) or record by record (:class:`Tables`);
* :mod:`~kb.store.check`: what each record must hold (:class:`Checker`,
  :func:`check_store`), for the index build and for every write;
* :mod:`~kb.store.checked`: the stores whose every record a write checked (the
  digest of their bytes, noted in the cache folder), which the next write need
  not check again;
* :mod:`~kb.store.saved`: what a write read of each record (its caller's rows) and where
  each record lies, saved for the exact bytes it wrote, so the next write reads neither;
* :mod:`~kb.store.writer`: changing it (checked first, then under a lock,
  written once), and what a write would start from (:func:`current`).

The names below are the package's interface.  Each module behind them is
imported when one of its names is first asked for (PEP 562), so a query that
only needs :func:`default_path` and :func:`signature` never loads the writer,
and TinyDB and filelock load only when a store is read whole or written.
"""

from importlib import import_module

_WHERE = {
    "default_path": "paths", "shipped_path": "paths", "user_path": "paths", "write_path": "paths",
    "TABLES": "reader", "Tables": "reader", "load": "reader", "signature": "reader",
    "writing": "writer", "editing": "writer", "peek": "writer", "current": "writer",
    "Checker": "check", "check_store": "check",
}
__all__ = tuple(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_WHERE))
