"""``kb who NAME``: an entity's profile."""

from typing import Optional

import typer

from ...errors import EXIT_NOT_FOUND, EXIT_OK
from ..options import Options, output_options


@output_options
def who(
    opts: Options,
    name: str = typer.Argument(..., help="A name in any spelling, an alias or an entity id."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many events."),
) -> int:
    """An entity's profile, its events, the entities it appears with, its sources."""
    from ...output import columns
    from ...query import Ambiguous

    try:
        profile = opts.kb().who(name, limit)
    except Ambiguous as e:
        opts.note(f"{e}; name one of them")
        opts.emit(columns.candidates(e.candidates))
        return EXIT_NOT_FOUND
    opts.emit(columns.profile(profile, tty=opts.tty))
    return EXIT_OK
