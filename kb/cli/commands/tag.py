"""``kb tag [FILE...|-]``: what kb reads in a text, mention by mention.

Nothing is stored: this shows what ``kb ingest`` would read in each file (dates
now; names and figures as their taggers are registered in :mod:`kb.tag`).
One row per mention: ``file``, ``kind``, ``offset`` (``[start, end)``
character offsets into the file as decoded: :mod:`kb.tag.source`), ``text``,
then the fields of its kind (:func:`kb.tag.fields`), and ``page`` (the page of
a PDF the mention begins on; empty for a text without pages).

Exit codes: 0 when something was found; 1 when nothing was; 2 when a file
could not be read (one line on stderr each; the other files are still
tagged), a ``--date`` is not a date, or a ``--kind`` is unknown.
"""

from typing import List, Optional

import typer

from ...errors import EXIT_BAD_INPUT
from ..options import Options, output_options


@output_options
def tag(
    opts: Options,
    files: List[str] = typer.Argument(None, metavar="[FILE]...",
                                      help="Text, Markdown or HTML files; '-' (or none) reads standard input."),
    date: Optional[str] = typer.Option(None, "--date", metavar="DATE",
                                       help="Publication date: the anchor of relative dates ('last year'). "
                                            "Default: detected as kb ingest detects it."),
    kind: List[str] = typer.Option(None, "--kind", "-k", metavar="KIND",
                                   help="Only mentions of this kind (repeatable). Default: every kind."),
) -> int:
    """Show the dates, names and figures kb reads in a text, before anything is stored.

    Examples:

      kb tag report.txt --date 2019-11-20

      echo "Three days later, on 19 July 1988, ..." | kb tag --kind date -f json
    """
    from ...errors import KbError
    from ...output import Column, Report
    from ...tag import Context, UnknownKind, fields, kinds
    from ...tag import tag as run
    from ...tag.source import read

    published = None
    if date is not None:
        from ...dates import DateError, parse_bound
        from ...dates.tag import date_line

        try:
            published = parse_bound(date)  # as timeline reads a date: ISO shapes strictly
        except DateError as e:
            published = date_line(date.strip())     # a creation time: "2013-03-22T10:00:00", "20130322"
            if published is None:
                opts.env.error(f"--date: {e}")
                return EXIT_BAD_INPUT
    wanted = list(dict.fromkeys(k.lower() for k in (kind or []))) or kinds()
    try:
        keys = ["file", *fields(wanted), "page"]
    except UnknownKind as e:
        opts.env.error(f"--kind: {e}")
        return EXIT_BAD_INPUT
    names = list(files or ["-"])
    if names.count("-") > 1:  # standard input is read whole the first time (as kb ingest says)
        opts.env.error("'-' (standard input) can be given once")
        return EXIT_BAD_INPUT
    if names == ["-"] and opts.env.stdin.isatty():
        opts.env.error("no input: give files, or pipe text in ('kb tag --help' has examples)")
        return EXIT_BAD_INPUT
    rows: list[dict] = []
    failed = 0
    for name in names:
        try:
            src = read(name, published, stdin=getattr(opts.env.stdin, "buffer", opts.env.stdin))
        except KbError as e:
            opts.env.error(str(e))
            failed += 1
            continue
        ctx = Context(published=src.published, db=opts.db)
        for row in src.remap(run(src.text, wanted, ctx)):
            rows.append({"file": name, **row})
    columns = [Column(k, k, plain=_plain(k)) for k in keys]
    shown = opts.emit(Report(rows, columns))
    if failed:
        return EXIT_BAD_INPUT
    return opts.found(len(shown.rows), "mentions")


def _plain(key: str):
    if key == "offset":
        return lambda row: "{}:{}".format(*row["offset"])
    return lambda row: row.get(key)
