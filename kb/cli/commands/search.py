"""``kb search QUERY``: ranked full-text search."""

from typing import List

import typer

from .. import complete
from ..options import Options, output_options

DEFAULT_LIMIT = 20


@output_options
def search(
    opts: Options,
    query: str = typer.Argument(..., metavar="QUERY", help='Words, "phrases", prefix*, AND / OR / NOT.'),
    kind: List[str] = typer.Option(None, "--kind", "-k", metavar="KIND", autocompletion=complete.kinds,
                                   help="Only hits of this kind: event, entity, source (repeatable)."),
) -> int:
    """Ranked full-text search over events, entities and sources.

    The best 20 hits unless --limit says otherwise; --sort and --reverse
    re-order them (the best 20, or N if more) before --limit cuts.
    Columns: kind, id, score, title, snippet.

    \b
    Examples:
      kb search "death commissions"          a phrase
      kb search 'massacre NOT Iraq' -k event only events
      kb search 'Hanif*' -n 5                a prefix, five hits
      kb search 1500                         also finds "1,500"
    """
    from ...output import columns

    # the best N hits (20 by default); re-ordered, the best 20 (or N if more), then cut to N
    wanted = opts.query_limit or (max(opts.limit or 0, DEFAULT_LIMIT))
    hits, notes = opts.kb().search(query, kind or [], wanted)
    shown = opts.emit(columns.hits(hits))
    return opts.found(len(shown.rows), "hits", notes)  # one line: the count, and what was ignored
