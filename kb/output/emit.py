"""Choosing a format and writing a report to a stream.

The format is ``--format`` if given, else ``table`` when the stream is a
terminal and ``tsv`` when it is not.  Plain formats (:mod:`kb.output.plain`)
never import rich; the table format (:mod:`kb.output.terminal`) does, only
when it is used.

Colour: off with ``--no-color``, with the ``NO_COLOR`` environment variable
set to anything, and whenever the output is not a terminal.

On a real terminal, output longer than the screen goes through a pager
(:mod:`kb.output.pager`) unless ``--no-pager`` says not to.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Mapping

from .report import Report

if TYPE_CHECKING:
    from .shape import Listing

FORMATS = ("table", "tsv", "csv", "json", "jsonl")


@dataclass(frozen=True)
class OutputOptions:
    """How to render: a format (None: by the stream), whether colour is refused,
    the shape asked of a listing (:mod:`kb.output.shape`) and whether TSV starts
    with a header line."""

    format: str | None = None
    no_color: bool = False
    listing: Listing | None = None
    header: bool = False
    pager: bool = True

    def resolved_format(self, stream: IO[str]) -> str:
        if self.format:
            return self.format
        return "table" if stream.isatty() else "tsv"

    def color(self, stream: IO[str], environ: Mapping[str, str] = os.environ) -> bool:
        return not (self.no_color or "NO_COLOR" in environ) and stream.isatty()


def emit(report: Report, opts: OutputOptions, stream: IO[str],
         environ: Mapping[str, str] = os.environ) -> Report:
    """Write ``report``, shaped as ``opts.listing`` asks, to ``stream`` in the
    format ``opts`` resolve to there; return the report as written."""
    if opts.listing is not None:
        from .shape import shape

        report = shape(report, opts.listing)
    fmt = opts.resolved_format(stream)
    out = stream
    paging = False
    if opts.pager and stream.isatty():
        from .pager import is_terminal

        paging = is_terminal(stream)
    if paging:  # rendered whole first, to see whether it fits the screen
        import io
        import shutil

        out = io.StringIO()
    if fmt == "table":
        from .terminal import render

        render(report, out, color=opts.color(stream, environ),
               width=shutil.get_terminal_size().columns if paging else None)
    else:
        from . import plain

        plain.write(report, fmt, out, header=opts.header)
    if paging:
        from .pager import show

        show(out.getvalue(), stream, environ)
    stream.flush()
    return report
