"""``kb conflicts``: every disagreement between sources."""

from ..options import Options, output_options


@output_options
def conflicts(opts: Options) -> int:
    """Every disagreement between sources: each version with its source."""
    from ...output import columns

    rows = opts.kb().conflicts()
    opts.emit(columns.conflicts(rows))
    return opts.found(len({r["key"] for r in rows}), "disagreements")
