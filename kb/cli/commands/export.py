"""``kb export``: the whole store as JSON Lines, CSV (events) or a SQLite database.

The formats and their columns are documented in :mod:`kb.export`.
"""

from enum import Enum
from typing import Optional

import typer

from ...errors import EXIT_OK
from ..options import Options, store_options


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"


@store_options
def export(
    opts: Options,
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", case_sensitive=False,
                                        help="jsonl (everything, one object a line), csv (events) "
                                             "or sqlite (a database file; needs -o)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="PATH",
                                         help="File to write (atomically). Default: stdout."),
    force: bool = typer.Option(False, "--force", help="Replace PATH if it exists (never kb's own files)."),
) -> int:
    """Export the store as JSON Lines, CSV (events) or a SQLite database."""
    from ...export import export as write_export
    from ...export import target

    fmt = format.value if isinstance(format, ExportFormat) else str(format)
    kb = opts.kb()
    to = target(output, fmt, store=kb.path, force=force)  # before the store is read
    try:
        counts = kb.using(lambda con: write_export(con, fmt, to, opts.env.stdout))
    finally:
        kb.close()
    if to.path is not None:
        plural = {"source": "sources", "entity": "entities", "event": "events"}
        what = ", ".join(f"{v} {k if v == 1 else plural[k]}" for k, v in counts.items())
        opts.note(f"exported {what} to {output}")
    return EXIT_OK
