"""``kb entities``: every entity, by name."""

from typing import List

import typer

from ..options import Options, output_options


@output_options
def entities(
    opts: Options,
    type: List[str] = typer.Option(None, "--type", "-T", help="Only this type: person, organization, place... (repeatable)."),
) -> int:
    """All entities, by name."""
    from ...output import columns

    rows = opts.kb().entities(type or [])
    opts.emit(columns.entities(rows))
    return opts.found(len(rows), "entities")
