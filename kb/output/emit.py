"""Choosing a format and writing a report to a stream.

The format is ``--format`` if given, else ``table`` when the stream is a
terminal and ``tsv`` when it is not.  Plain formats (:mod:`kb.output.plain`)
never import rich; the table format (:mod:`kb.output.terminal`) does, only
when it is used.

Colour: off with ``--no-color``, with the ``NO_COLOR`` environment variable
set to anything but the empty string (no-color.org: an empty value is as if unset),
and whenever the output is not a terminal.

On a real terminal, output longer than the screen goes through a pager
(:mod:`kb.output.pager`) unless ``--no-pager`` says not to.

Width of a table: the terminal's, or ``COLUMNS``; ``COLUMNS=0`` is no width at all
(POSIX leaves it undefined; ``shutil`` reads it as unset), so the terminal's or 80 (Rich
drew a table 0 columns wide: nothing, the rows lost), and a width below
:data:`MIN_WIDTH` is raised to it (at ``COLUMNS=1`` Rich drew a column of single letters).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Mapping

from .report import Report

if TYPE_CHECKING:
    from .shape import Listing

FORMATS = ("table", "tsv", "csv", "json", "jsonl")
MIN_WIDTH = 20  # columns: the narrowest a table is drawn (each column gets a few letters)


def table_width(environ: Mapping[str, str]) -> int | None:
    """The width a table is drawn at: None (Rich's own choice: ``COLUMNS``, else the
    terminal's) unless ``COLUMNS`` is 0 or below :data:`MIN_WIDTH` (module docstring)."""
    cols = environ.get("COLUMNS", "").strip()
    if not (cols.isascii() and cols.isdigit()) or int(cols) >= MIN_WIDTH:  # "²" is a digit to isdigit
        return None
    if int(cols) == 0:
        import shutil

        return max(MIN_WIDTH, shutil.get_terminal_size().columns)  # it reads COLUMNS=0 as unset
    return MIN_WIDTH


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
        return not (self.no_color or environ.get("NO_COLOR")) and stream.isatty()


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
               width=shutil.get_terminal_size().columns if paging else table_width(environ))
    else:
        from . import plain

        plain.write(report, fmt, out, header=opts.header)
    if paging:
        from .pager import show

        show(out.getvalue(), stream, environ)
    stream.flush()
    return report
