"""``kb sources``: the source documents."""

from ..options import Options, output_options


@output_options
def sources(opts: Options) -> int:
    """The source documents the knowledge base cites."""
    from ...output import columns

    rows = opts.kb().sources()
    opts.emit(columns.sources(rows))
    return opts.found(len(rows), "sources")
