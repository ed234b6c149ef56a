"""``kb show ID``: one record in full."""

import typer

from ...errors import EXIT_OK
from ..options import Options, record_options


@record_options
def show(
    opts: Options,
    ident: str = typer.Argument(..., metavar="ID", help="Event, entity or source id (or an entity's name)."),
) -> int:
    """One event, entity or source in full, with its claims and citations.

    An argument written like an id (1988-massacre) is looked up as an id; a
    name (Maryam Rajavi) is resolved as kb who resolves it.

    \b
    Examples:
      kb show 1988-massacre                  an event
      kb show "Maryam Rajavi"                an entity, by name
      kb show 000                            a source
      kb show 1988-massacre -f json | jq .claims
      kb timeline 1988 | cut -f3 | xargs -n1 kb show
    """
    from ...output import columns

    opts.emit(columns.record(opts.kb().show(ident)))
    return EXIT_OK
