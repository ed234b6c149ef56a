"""The output layer: one renderer for every command.

Commands build a :class:`View` (plain rows, the columns to show, and the JSON
payload) and call :func:`emit`.  The format is ``--format`` if given, else
``table`` when stdout is a terminal and ``tsv`` when it is not.  Plain formats
(:mod:`kb.output.plain`) never import rich; the table format
(:mod:`kb.output.rich_views`) does, only when it is used.

Colour: off with ``--no-color``, with the ``NO_COLOR`` environment variable
set to anything, and whenever the output is not a terminal.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Callable

FORMATS = ("table", "tsv", "csv", "json", "jsonl")


@dataclass
class Column:
    """One column: ``key`` in each row, its header, and how it reads as text."""

    key: str
    header: str
    plain: Callable[[dict], Any] | None = None  # value in tsv/csv (default: row[key])
    rich: Callable[[dict], Any] | None = None   # value in a table (default: plain)
    style: str | None = None
    max_width: int | None = None
    no_wrap: bool = False


@dataclass
class View:
    """What a command has to say: rows for listings, a payload for JSON.

    ``layout`` names the terminal rendering: ``table`` (a listing), ``profile``
    (``kb who``), ``record`` (``kb show``) or ``stats``.
    """

    rows: list[dict]
    columns: list[Column]
    payload: Any = None
    layout: str = "table"
    title: str | None = None
    extra: dict = field(default_factory=dict)

    def json_payload(self) -> Any:
        return self.rows if self.payload is None else self.payload


@dataclass
class OutputOptions:
    format: str | None = None
    no_color: bool = False

    def resolved_format(self, stream=None) -> str:
        if self.format:
            return self.format
        stream = stream or sys.stdout
        return "table" if stream.isatty() else "tsv"

    def color(self, stream=None) -> bool:
        stream = stream or sys.stdout
        return not (self.no_color or "NO_COLOR" in os.environ) and stream.isatty()


def emit(view: View, opts: OutputOptions, stream=None) -> None:
    stream = stream or sys.stdout
    fmt = opts.resolved_format(stream)
    if fmt == "table":
        from .rich_views import render

        render(view, stream, color=opts.color(stream))
    else:
        from . import plain

        plain.write(view, fmt, stream)
    stream.flush()
