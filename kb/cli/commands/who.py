"""``kb who NAME``: an entity's profile."""

from dataclasses import replace

import typer

from ...errors import EXIT_NOT_FOUND, EXIT_OK
from .. import complete
from ..options import Options, output_options


@output_options
def who(
    opts: Options,
    name: str = typer.Argument(..., metavar="NAME", autocompletion=complete.names, help="A name in any spelling, an alias or an entity id."),
) -> int:
    """An entity's profile, its events, the entities it appears with, its sources.

    Columns (its events, as in timeline): start, end, id, title, entities,
    sources. --sort, --limit and --fields shape the events; JSON is the whole
    profile.

    \b
    Examples:
      kb who "Masoud Rajavi"                 any spelling finds Massoud Rajavi
      kb who PMOI                            acronyms too
      kb who Rajavi                          ambiguous: lists the candidates
      kb who MEK --sort title -n 10          ten of its events, by title
      kb who "Maryam Rajavi" -f json | jq .roles
    """
    from ...output import columns
    from ...query import Ambiguous

    try:
        profile = opts.kb().who(name, opts.query_limit)
    except Ambiguous as e:
        opts.note(f"{e}; name one of them")
        # the candidates are entities, not events: fields and sort name event columns and do not
        # apply, but --reverse and --limit shape any listing's rows (the note above names them all)
        plain = replace(opts, fields=None, sort=None)
        plain.emit(columns.candidates(e.candidates))
        return EXIT_NOT_FOUND
    opts.emit(columns.profile(profile, tty=opts.tty))
    return EXIT_OK
