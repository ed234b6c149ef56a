"""Choosing a format and writing a report to a stream.

The format is ``--format`` if given, else ``table`` when the stream is a
terminal and ``tsv`` when it is not.  Plain formats (:mod:`kb.output.plain`)
never import rich; the table format (:mod:`kb.output.terminal`) does, only
when it is used.

Colour: off with ``--no-color``, with the ``NO_COLOR`` environment variable
set to anything, and whenever the output is not a terminal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import IO, Mapping

from .report import Report

FORMATS = ("table", "tsv", "csv", "json", "jsonl")


@dataclass(frozen=True)
class OutputOptions:
    """How to render: a format (None: by the stream) and whether colour is refused."""

    format: str | None = None
    no_color: bool = False

    def resolved_format(self, stream: IO[str]) -> str:
        if self.format:
            return self.format
        return "table" if stream.isatty() else "tsv"

    def color(self, stream: IO[str], environ: Mapping[str, str] = os.environ) -> bool:
        return not (self.no_color or "NO_COLOR" in environ) and stream.isatty()


def emit(report: Report, opts: OutputOptions, stream: IO[str],
         environ: Mapping[str, str] = os.environ) -> None:
    """Write ``report`` to ``stream`` in the format ``opts`` resolve to there."""
    fmt = opts.resolved_format(stream)
    if fmt == "table":
        from .terminal import render

        render(report, stream, color=opts.color(stream, environ))
    else:
        from . import plain

        plain.write(report, fmt, stream)
    stream.flush()
