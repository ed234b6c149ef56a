"""kb: a command-line explorer for a knowledge base of historical events.

One concept per package or module:

* :mod:`kb.cli`: the Typer app, its commands and shared options;
* :mod:`kb.query`: the query layer (plain data in, plain data out) and the
  search query language;
* :mod:`kb.output`: reports and how each format renders them;
* :mod:`kb.model`: the JSON contract of records; claims and disagreements;
* :mod:`kb.names`: name keys and the resolution order;
* :mod:`kb.dates`: the date model and grammar;
* :mod:`kb.store`: the TinyDB store of record, and the one atomic write;
* :mod:`kb.index`: the derived SQLite index;
* :mod:`kb.export`: JSON Lines, CSV and SQLite exports;
* :mod:`kb.ingest`: reading documents into the store;
* :mod:`kb.errors`: the errors users see, and the exit codes;
* :mod:`kb.validate`: checks of the shipped knowledge base.
"""

__version__ = "0.1.0"
