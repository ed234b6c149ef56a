"""``kb claims``: every claim of every event, one row each."""

from typing import List

import typer

from .. import complete
from ..options import Options, output_options


@output_options
def claims(
    opts: Options,
    measure: List[str] = typer.Option(None, "--measure", "-m", metavar="MEASURE",
                                      help="Only claims of this measure: deaths, cities, date... (repeatable)."),
    source: List[str] = typer.Option(None, "--source", "-s", metavar="ID", autocompletion=complete.source_ids,
                                     help="Only claims made by this source (repeatable)."),
    event: List[str] = typer.Option(None, "--event", "-E", metavar="ID", autocompletion=complete.event_ids,
                                    help="Only the claims of this event (repeatable)."),
    disputed: bool = typer.Option(False, "--disputed", help="Only claims on which the sources disagree."),
) -> int:
    """Every claim a source makes, one row each, in the order of their events.

    A figure is a source's claim, never a fact kb asserts. Columns: event,
    measure, subject, value, counts, source, section, disputed (also in JSON:
    amount, qualifier, date, start, end, title, and claim_date for a date
    claim).

    \\b
    Examples:
      kb claims --measure deaths             every death toll, with its source
      kb claims --disputed --fields event,subject,value,source
      kb claims -E 1988-massacre             the claims of one event
      kb claims -s 002 -f csv > claims-002.csv
    """
    from ...output import columns

    rows = opts.kb().claims(measure or [], source or [], event or [], disputed, opts.query_limit)
    shown = opts.emit(columns.claims(rows))
    return opts.found(len(shown.rows), "claims")
