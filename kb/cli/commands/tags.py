"""``kb tags``: every tag, with its number of events."""

from ..options import Options, output_options


@output_options
def tags(opts: Options) -> int:
    """Every tag events carry, with how many and the days they cover.

    Columns: tag, events, first, last.

    \\b
    Examples:
      kb tags                                every tag
      kb tags --sort events -r -n 5          the five commonest
      kb timeline -t protest                 the events of one tag
    """
    from ...output import columns

    shown = opts.emit(columns.tags(opts.kb().tags()))
    return opts.found(len(shown.rows), "tags")
