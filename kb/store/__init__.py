"""The store of record: one TinyDB JSON file of sources, entities and events.

One concept a module:

* :mod:`~kb.store.paths`: which file a command reads and which it writes;
* :mod:`~kb.store.atomic`: the one atomic file replacement (also used by the
  index and the exports);
* :mod:`~kb.store.storage`: the TinyDB storage, its on-disk layout;
* :mod:`~kb.store.reader`: the file's signature, reading it whole
  (:func:`load`) or record by record (:class:`Tables`);
* :mod:`~kb.store.writer`: changing it under a lock, written once.

The names below are the package's interface; the modules behind them import
TinyDB and filelock only when a store is read whole or written.
"""

from .paths import default_path, shipped_path, user_path, write_path
from .reader import TABLES, Tables, load, signature
from .writer import writing

__all__ = ["TABLES", "Tables", "default_path", "load", "shipped_path", "signature", "user_path",
           "write_path", "writing"]
