"""The derived index: SQLite tables and an FTS5 full-text table over a store.

The TinyDB file is the store of record; parsing it whole on every command
would make a large store slow, so every query reads this index instead.

* :mod:`~kb.index.schema`: the tables, and the version an index is built under;
* :mod:`~kb.index.build`: filling an empty database from a store;
* :mod:`~kb.index.freshness`: where an index lives, and opening it only when
  it matches the store and the version (rebuilding it otherwise);
* :mod:`~kb.index.update`: after a write, the records it added or changed
  applied to the index in place, so the next command builds nothing.
"""

from .freshness import cache_dir, index_path, open_index
from .schema import SCHEMA_VERSION, version

__all__ = ("SCHEMA_VERSION", "cache_dir", "index_path", "open_index", "version")
