"""``kb ingest FILE...``: add documents to your store.

:mod:`kb.ingest` and rich are imported inside the command's body, so ``kb``
starts as fast with it as without it.

Output: a summary of what was (or, with ``--dry-run``, would be) added goes
to stderr, one line per file and a total.  With ``--format``, stdout gets one
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
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Show what would be added; write nothing."),
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

    for f in summary.files:     # names as given, which may hold bytes that are not UTF-8
        f.file = valid_text(f.file)
    verb = "would add" if dry_run else "added"
    for f in summary.files:
        if f.status == "failed":
            env.error(f.error)
        elif f.status == "unchanged":
            opts.note(f"{f.file}: already in the store as source {f.source}; nothing changed")
        else:
            opts.note(f"{f.file}: {verb} source {f.source} ({f.title!r}): {f.events_added} events, "
                      f"{f.events_linked} linked to events already there, {f.entities_added} new entities")
    t = summary.totals()
    opts.note(f"{'dry run, nothing written: ' if dry_run else ''}{verb} {t['sources_added']} documents, "
              f"{t['events_added']} events, {t['entities_added']} entities; {t['events_linked']} retold "
              f"events linked; {t['unchanged']} unchanged, {t['failed']} failed"
              f"{'' if dry_run else ' (store: ' + summary.store + ')'}")
    if opts.format:
        payload = None
        if opts.format == "json":
            payload = {"store": summary.store, "dry_run": dry_run, "files": summary.rows(),
                       "totals": t, "events": summary.events, "entities": summary.entities}
        opts.emit(Report(summary.rows(), [Column(k, k) for k in ROW_KEYS], payload=payload))
    return EXIT_BAD_INPUT if summary.failed else EXIT_OK
