"""``kb export``: the whole store as JSON Lines, CSV (events), a SQLite database, or a bulk
body for OpenSearch/Elasticsearch with its index mappings.

The formats and their columns are documented in :mod:`kb.export`.
"""

from enum import Enum
from typing import Optional

import typer

from ...errors import EXIT_OK, KbError
from ..options import Options, store_options


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"
    bulk = "bulk"


@store_options
def export(
    opts: Options,
    format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", case_sensitive=False, metavar="FORMAT",
                                        help="jsonl (everything, one object a line), csv (events), "
                                             "sqlite (a database file; needs -o) or bulk (an "
                                             "OpenSearch/Elasticsearch _bulk body)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="PATH",
                                         help="File to write (atomically). Default: stdout."),
    force: bool = typer.Option(False, "--force", help="Replace the file -o or --mapping names if it exists "
                                                    "(never kb's own files)."),
    mapping: Optional[str] = typer.Option(None, "--mapping", metavar="PATH",
                                          help="With bulk: also write the index mappings (one PUT "
                                               "body per index) to PATH ('-' for stdout, with -o)."),
    index_prefix: Optional[str] = typer.Option(None, "--index-prefix", metavar="PREFIX",
                                               help="With bulk: index names PREFIX-sources, "
                                                    "PREFIX-entities, PREFIX-events. Default: kb."),
) -> int:
    """Export the store as JSON Lines, CSV (events), a SQLite database or a bulk body for a search cluster.

    \b
    Examples:
      kb export > kb.jsonl                   everything, one object a line
      kb export -f csv -o events.csv         the events, with a header
      kb export -f sqlite -o kb.db && datasette kb.db
      kb export -f bulk -o kb.ndjson --mapping kb-mappings.json
    """
    from ...export import export as write_export
    from ...export import export_mappings, target

    fmt = format.value if isinstance(format, ExportFormat) else str(format)
    for given, name in ((mapping, "--mapping"), (index_prefix, "--index-prefix")):
        if given is not None and fmt != "bulk":
            raise KbError(f"export: {name} is for --format bulk")
    if index_prefix is not None:
        from ...export.bulk import index_names

        index_names(index_prefix)  # refuses a prefix that makes no valid index name
    kb = opts.kb()
    # Both checked before the store is read.
    to = target(output, fmt, store=kb.path, force=force)
    maps = target(mapping, fmt, store=kb.path, force=force, option="--mapping") if mapping is not None else None
    if maps is not None:
        _apart(to, maps, output, mapping)
    try:
        counts = kb.using(lambda con: write_export(con, fmt, to, opts.env.stdout, index_prefix=index_prefix))
    finally:
        kb.close()
    if maps is not None:
        export_mappings(maps, opts.env.stdout, index_prefix=index_prefix)
    if to.path is not None:
        plural = {"source": "sources", "entity": "entities", "event": "events"}
        what = ", ".join(f"{v} {k if v == 1 else plural[k]}" for k, v in counts.items())
        opts.note(f"exported {what} to {output}")
    if maps is not None and maps.path is not None:
        opts.note(f"wrote the index mappings to {mapping}")
    return EXIT_OK


def _apart(to, maps, output, mapping) -> None:
    """The bulk body and the mappings need places of their own."""
    from ...export.target import same_file

    if to.path is None and maps.path is None:
        raise KbError("export: the bulk body and --mapping cannot both go to stdout; name a file for one")
    if to.path is not None and maps.path is not None and same_file(to.path, maps.path):
        raise KbError(f"export: -o {output} and --mapping {mapping} name the same file")
