"""``kb stats``: counts, and events per decade."""

from ...errors import EXIT_OK
from ..options import Options, record_options


@record_options
def stats(opts: Options) -> int:
    """Counts, and events per decade as a bar chart.

    \b
    Examples:
      kb stats                               on a terminal: a bar chart
      kb stats -f json | jq .events_per_decade
    """
    from ...output import columns

    opts.emit(columns.stats(opts.kb().stats()))
    return EXIT_OK
