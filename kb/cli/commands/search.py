"""``kb search QUERY``: ranked full-text search."""

from typing import List

import typer

from ..options import Options, output_options


@output_options
def search(
    opts: Options,
    query: str = typer.Argument(..., help='Words, "phrases", prefix*, AND / OR / NOT.'),
    kind: List[str] = typer.Option(None, "--kind", "-k", help="Only hits of this kind: event, entity, source (repeatable)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="At most this many hits."),
) -> int:
    """Ranked full-text search over events, entities and sources."""
    from ...output import columns

    hits, notes = opts.kb().search(query, [k.lower() for k in kind or []], limit)
    for n in notes:
        opts.note(n)
    opts.emit(columns.hits(hits))
    return opts.found(len(hits), "hits")
