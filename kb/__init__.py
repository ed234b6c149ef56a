"""kb: a command-line explorer for a knowledge base of historical events.

Modules, one concept each: :mod:`kb.dates` (the date model), :mod:`kb.names`
(name keys), :mod:`kb.storages` and :mod:`kb.store` (the TinyDB store of
record), :mod:`kb.index` (the derived SQLite index), :mod:`kb.search` (query
syntax), :mod:`kb.queries` (the query layer), :mod:`kb.records` and
:mod:`kb.views` (what users see), :mod:`kb.output` (formats), :mod:`kb.cli`.
"""

__version__ = "0.1.0"
