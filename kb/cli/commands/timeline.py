"""``kb timeline [FROM [TO]]``: events in date order."""

from typing import List, Optional

import typer

from ..options import Options, output_options


@output_options
def timeline(
    opts: Options,
    bounds: List[str] = typer.Argument(None, metavar="[FROM [TO]]",
                                       help="Year, year-month, day or written date ('July 1988'). "
                                            "One bound: that period. '..' leaves an end open."),
    entity: List[str] = typer.Option(None, "--entity", "-e", help="Only events involving this entity (repeatable: all must match)."),
    tag: List[str] = typer.Option(None, "--tag", "-t", help="Only events with this tag (repeatable)."),
    source: List[str] = typer.Option(None, "--source", "-s", help="Only events citing this source id (repeatable)."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many events."),
) -> int:
    """Events in date order whose dates overlap FROM..TO."""
    from ...output import columns
    from ...query import parse_range

    lo, hi = parse_range(bounds or [])
    rows = opts.kb().timeline(lo, hi, entity or [], tag or [], source or [], limit)
    opts.emit(columns.events(rows, tty=opts.tty))
    return opts.found(len(rows), "events")
