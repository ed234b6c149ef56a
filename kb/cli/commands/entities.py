"""``kb entities``: every entity, by name."""

from typing import List

import typer

from .. import complete
from ..options import Options, output_options


@output_options
def entities(
    opts: Options,
    type: List[str] = typer.Option(None, "--type", "-T", metavar="TYPE", autocompletion=complete.types,
                                   help="Only this type: person, organization, place... (repeatable)."),
) -> int:
    """All entities, by name.

    Columns: id, name, type, events, aliases (also in JSON: description,
    roles, sources, ambiguous).

    \b
    Examples:
      kb entities --type camp                the camps
      kb entities --sort events -r -n 10     the ten in most events
      kb entities -f csv --fields id,name,type > entities.csv
    """
    from ...output import columns

    shown = opts.emit(columns.entities(opts.kb().entities(type or [])))
    return opts.found(len(shown.rows), "entities")
