"""``kb ingest FILE...``: add documents to your store.

:mod:`kb.ingest` and rich are imported inside the command's body, so ``kb``
starts as fast with it as without it.

Output: a summary of what was (or, with ``--dry-run``, would be) added goes
to stderr, one line per file and a total (:mod:`kb.output.ingest_lines`);
each claim of a file that contradicts a version in the store gets a line of
its own.  Under a progress bar there is no line per file, only the
contradictions, failures and the total; ``--quiet`` leaves only failures.
``--dry-run`` also lists on stdout the events, names and figures that would be
added, one tab-separated line each.  With ``--format``, stdout gets one
row per file (``file``, ``status``, ``source``, ``title``, ``published``,
``events_added``, ``events_linked``, ``entities_added``, ``error``); with
``--format json`` and ``--dry-run`` the JSON also carries the new ``events``
and ``entities``.  A progress bar is drawn on stderr when it is a terminal and
there are more than :data:`PROGRESS_MIN` files.

Exit codes: 0 when every file was ingested or was already in the store; 2 when
any file failed (each failure is one line on stderr; the other files are
still ingested) or the arguments are bad.
"""

from typing import List, Optional

import typer

from ...errors import EXIT_BAD_INPUT, EXIT_OK
from ..options import Options, record_options

PROGRESS_MIN = 5
ROW_KEYS = ("file", "status", "source", "title", "published", "events_added", "events_linked",
            "entities_added", "error")


@record_options
def ingest(
    opts: Options,
    files: List[str] = typer.Argument(..., metavar="FILE...",
                                      help="Plain text, Markdown or HTML files; '-' reads standard input."),
    title: Optional[str] = typer.Option(None, "--title", metavar="TITLE", help="Title to use instead of the detected one."),
    date: Optional[str] = typer.Option(None, "--date", metavar="DATE", help="Publication date to use (e.g. 2020-06-05, 'June 5, 2020'); "
                                                            "relative dates in the text are read from it."),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="List the events, names and figures that "
                                                                "would be added; write nothing."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Say nothing but errors."),
) -> int:
    """Add documents: their text, dated events and entities, to your store.

    \b
    Examples:
      kb ingest notes.md                     one document
      kb ingest --dry-run report.html        what would be added; nothing written
      kb ingest -q articles/*.txt            many, quietly
      curl -s URL | kb ingest - --title "A page"
    """
    from ...ingest.pipeline import ingest as run_ingest
    from ...output import Column, Report

    _not_the_store(files, opts.db)
    env = opts.env
    progress = None
    bar = None
    if len(files) > PROGRESS_MIN and env.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        bar = Progress(transient=True, console=Console(file=env.stderr))
        bar.start()
        task = bar.add_task("ingesting", total=len(files))

        def progress(_name):
            bar.advance(task)
    try:
        summary = run_ingest(list(files), db=opts.db, title=title, date=date, dry_run=dry_run,
                             progress=progress, stdin=getattr(env.stdin, "buffer", env.stdin))
    finally:
        if bar is not None:
            bar.stop()

    from ...ingest.reader import valid_text
    from ...output import ingest_lines

    for f in summary.files:     # names as given, which may hold bytes that are not UTF-8
        f.file = valid_text(f.file)
    for f in summary.files:
        if f.status == "failed":
            env.error(f.error)
        elif not quiet:  # under a progress bar, no line per file: only the disagreements
            for line in ingest_lines.per_file(f, dry_run, status=bar is None):
                opts.note(line)
    if not quiet:
        opts.note(ingest_lines.total(summary, dry_run))
    if dry_run and not opts.format:
        for line in ingest_lines.would_add(summary):
            print(line, file=env.stdout)
    if opts.format:
        payload = None
        if opts.format == "json":
            payload = {"store": summary.store, "dry_run": dry_run, "files": summary.rows(),
                       "totals": summary.totals(), "events": summary.events, "entities": summary.entities}
        opts.emit(Report(summary.rows(), [Column(k, k) for k in ROW_KEYS], payload=payload))
    return EXIT_BAD_INPUT if summary.failed else EXIT_OK


def _not_the_store(files: List[str], db: Optional[str]) -> None:
    """Refuse a file that is the store this ingest writes (or its lock file): read as a
    document, the store's own JSON became a source titled '{' with names taken from its
    keys.  Bad arguments: one line, exit 2, nothing read or written."""
    import os

    from ...errors import KbError
    from ...store.paths import write_path

    store = write_path(db)
    for f in files:
        if f == "-":
            continue
        for own in (store, store.with_name(store.name + ".lock")):
            try:
                same = os.path.samefile(f, own)
            except (OSError, ValueError):  # either is missing or unreadable: not one file
                same = False
            if same:
                from ...output.safe import one_line

                raise KbError(f"{one_line(f)}: is {'the store' if own == store else 'the lock file of the store'} "
                              f"this ingest writes ({one_line(str(store))}); it is not a document")
