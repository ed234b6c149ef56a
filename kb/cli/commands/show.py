"""``kb show ID``: one record in full."""

import typer

from ...errors import EXIT_OK
from ..options import Options, record_options


@record_options
def show(
    opts: Options,
    ident: str = typer.Argument(..., metavar="ID", help="Event, entity or source id (or an entity's name)."),
) -> int:
    """One event, entity or source in full, with its claims and citations."""
    from ...output import columns

    opts.emit(columns.record(opts.kb().show(ident)))
    return EXIT_OK
