"""``kb conflicts``: every disagreement between sources."""

from ..options import Options, output_options


@output_options
def conflicts(opts: Options) -> int:
    """Every disagreement between sources: each version with its source.

    Columns: event, measure, source, value, counts, title (also in JSON:
    key, date, start, end, amount, section).

    \b
    Examples:
      kb conflicts                           every disagreement
      kb conflicts --fields event,source,value -n 6
      kb conflicts -f json | jq 'group_by(.key) | length'
    """
    from ...output import columns

    shown = opts.emit(columns.conflicts(opts.kb().conflicts()))
    return opts.found(len({r.get("key") for r in shown.rows}), "disagreements")
