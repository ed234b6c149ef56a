"""``kb sources``: the source documents."""

from ..options import Options, output_options


@output_options
def sources(opts: Options) -> int:
    """The source documents the knowledge base cites.

    Columns: id, published, kind, title, file, events (also in JSON:
    publisher, date, published_text).

    \b
    Examples:
      kb sources                             every source document
      kb sources --sort events -r --fields id,title,events
    """
    from ...output import columns

    shown = opts.emit(columns.sources(opts.kb().sources()))
    return opts.found(len(shown.rows), "sources")
