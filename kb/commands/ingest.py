"""``kb ingest FILE...``: add documents to your store.

:func:`register` only defines the command; :mod:`kb.ingest` and rich are
imported inside its body, so ``kb`` starts as fast with it as without it.

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

from __future__ import annotations

from typing import List, Optional

import typer

PROGRESS_MIN = 5


def register(app: typer.Typer) -> None:
    from ..cli import output_options

    @app.command()
    @output_options
    def ingest(
        files: List[str] = typer.Argument(..., metavar="FILE...",
                                          help="Plain text, Markdown or HTML files; '-' reads standard input."),
        title: Optional[str] = typer.Option(None, "--title", help="Title to use instead of the detected one."),
        date: Optional[str] = typer.Option(None, "--date", help="Publication date to use (e.g. 2020-06-05, 'June 5, 2020'); "
                                                                "relative dates in the text are read from it."),
        dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Show what would be added; write nothing."),
    ):
        """Add documents: their text, dated events and entities, to your store."""
        return _run(files, title, date, dry_run)


def _run(files, title, date, dry_run) -> int:
    import sys

    from ..cli import STATE, _emit, note
    from ..errors import EXIT_BAD_INPUT, EXIT_OK
    from ..ingest.pipeline import ingest
    from ..output import Column, View

    progress = None
    bar = None
    if len(files) > PROGRESS_MIN and sys.stderr.isatty():
        from rich.progress import Progress

        bar = Progress(transient=True, console=None)
        bar.start()
        task = bar.add_task("ingesting", total=len(files))

        def progress(_name):
            bar.advance(task)
    try:
        summary = ingest(list(files), db=STATE.db, title=title, date=date, dry_run=dry_run,
                         progress=progress)
    finally:
        if bar is not None:
            bar.stop()

    verb = "would add" if dry_run else "added"
    for f in summary.files:
        if f.status == "failed":
            print(f"kb: error: {f.error}", file=sys.stderr)
        elif f.status == "unchanged":
            note(f"{f.file}: already in the store as source {f.source}; nothing changed")
        else:
            note(f"{f.file}: {verb} source {f.source} ({f.title!r}): {f.events_added} events, "
                 f"{f.events_linked} linked to events already there, {f.entities_added} new entities")
    t = summary.totals()
    note(f"{'dry run, nothing written: ' if dry_run else ''}{verb} {t['sources_added']} documents, "
         f"{t['events_added']} events, {t['entities_added']} entities; {t['events_linked']} retold "
         f"events linked; {t['unchanged']} unchanged, {t['failed']} failed"
         f"{'' if dry_run else ' (store: ' + summary.store + ')'}")
    if STATE.format:
        cols = [Column(k, k) for k in ("file", "status", "source", "title", "published",
                                       "events_added", "events_linked", "entities_added", "error")]
        payload = None
        if STATE.format == "json":
            payload = {"store": summary.store, "dry_run": dry_run, "files": summary.rows(),
                       "totals": t, "events": summary.events, "entities": summary.entities}
        _emit(View(summary.rows(), cols, payload=payload))
    return EXIT_BAD_INPUT if summary.failed else EXIT_OK
