"""``kb timeline [FROM [TO]]``: events in date order."""

from typing import List

import typer

from .. import complete
from ..options import Options, output_options


@output_options
def timeline(
    opts: Options,
    bounds: List[str] = typer.Argument(None, metavar="[FROM [TO]]",
                                       help="Year, year-month, day or written date ('July 1988'). "
                                            "One bound: that period. '..' leaves an end open."),
    entity: List[str] = typer.Option(None, "--entity", "-e", metavar="NAME", autocompletion=complete.names,
                                     help="Only events involving this entity (repeatable: all must match)."),
    tag: List[str] = typer.Option(None, "--tag", "-t", metavar="TAG", autocompletion=complete.tags, help="Only events with this tag (repeatable)."),
    source: List[str] = typer.Option(None, "--source", "-s", metavar="ID", autocompletion=complete.source_ids,
                                     help="Only events citing this source (repeatable)."),
    within: bool = typer.Option(False, "--within", help="Only events that lie wholly inside FROM..TO "
                                                        "(not those that merely overlap it)."),
    chart: bool = typer.Option(False, "--chart", help="Count the events per year (per decade over more "
                                                      "than 40 years): a bar chart on a terminal, rows of "
                                                      "period and events otherwise."),
) -> int:
    """Events in date order whose dates overlap FROM..TO.

    Columns: start, end, id, title, entities, sources (on a terminal: date,
    title, entities, sources, id). --fields and --sort also take any key of
    the JSON objects: summary, tags, precision, edtf, date_text... With
    --chart: period, events.

    \b
    Examples:
      kb timeline 1979 1988                  events overlapping 1979-1988
      kb timeline "July 1988" --within       only those inside July 1988
      kb timeline 2017 .. -t protest         from 2017 on, tagged protest
      kb timeline -e "Masoud Rajavi" -n 5    the first five with him
      kb timeline 1988 -f tsv | cut -f3      ids, for xargs kb show
      kb timeline 2017 2020 --chart          events per year as bars
    """
    from ...output import columns
    from ...query import parse_range

    lo, hi = parse_range(bounds or [])
    if chart:
        years = opts.kb().timeline_years(lo, hi, entity or [], tag or [], source or [], within=within)
        shown = opts.emit(columns.chart(years, since=lo.year if bounds else None))
        return opts.found(sum(r["events"] for r in shown.rows), "events")
    rows = opts.kb().timeline(lo, hi, entity or [], tag or [], source or [], opts.query_limit, within=within)
    shown = opts.emit(columns.events(rows, tty=opts.tty))
    return opts.found(len(shown.rows), "events")
