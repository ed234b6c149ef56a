"""Terminal rendering with rich: tables, profile panels, records and bar charts.

Imported only when the format is ``table``, so piped commands never pay for
rich.  Every layout reads the same :class:`~kb.output.report.Report` the
plain formats read; a report's kind picks its layout.

Stored text is never markup and never a command to the terminal: every value
becomes a :class:`~rich.text.Text` (so ``[bold]`` in a title is shown, not
parsed), with control characters other than tab and newline, and bidi
overrides, shown as escapes (:mod:`kb.output.safe`).
"""

from __future__ import annotations

import re

from rich import box
from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .report import ChartReport, Column, ProfileReport, RecordReport, Report, StatsReport
from .safe import UNSAFE, escapes

_UNSAFE = re.compile(UNSAFE)
_ESCAPES = escapes(keep="\t\n")


def _console(stream, color: bool, width: int | None = None) -> Console:
    """A console on ``stream``; ``width`` when it is not the terminal itself (a pager's buffer)."""
    return Console(file=stream, no_color=not color, highlight=False, soft_wrap=False, width=width,
                   force_terminal=(True if width else None) if color else False, emoji=False,
                   _environ=_sizes_rich_reads())


def _sizes_rich_reads() -> dict | None:
    """The variables Rich is to read: the process's (None), or a copy without a ``COLUMNS`` or
    ``LINES`` that Rich would fail on.  Rich takes either when ``str.isdigit`` says it is
    digits, and ``int`` then refuses some that it says so of (``²``, ``①``: digits, but not
    decimal ones); a size kb cannot read is a size not given."""
    import os

    odd = [v for v in ("COLUMNS", "LINES") if os.environ.get(v, "").isdigit() and not os.environ[v].isdecimal()]
    if not odd:
        return None
    env = dict(os.environ)
    for v in odd:
        del env[v]
    return env


def _text(value) -> Text:
    if isinstance(value, Text):
        return value
    if value is None:
        return Text("")
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    s = str(value)
    if not _UNSAFE.search(s):  # the usual case: nothing to mark or escape
        return Text(s)
    if "\x02" not in s:
        return Text(s.translate(_ESCAPES))
    out = Text()  # search highlights between \x02 and \x03
    for i, part in enumerate(s.replace("\x03", "\x02").split("\x02")):
        out.append(part.translate(_ESCAPES), style="bold yellow" if i % 2 else None)
    return out


def _title(name, ident, width: int | None = None) -> Text:
    """A panel's title: the record's name in bold, its id dimmed; the name alone
    when both do not fit ``width`` (the id is then the panel's first line)."""
    name, ident = _text(name), _text(ident)
    name.stylize("bold")
    ident.stylize("dim")
    if width is not None and len(name.plain) + len(ident.plain) + 8 > width:
        name.truncate(max(10, width - 8), overflow="ellipsis")
        return name
    return Text.assemble(name, " ", ident)


def _cell(col: Column, row: dict):
    if col.rich:
        return _text(col.rich(row))
    return _text(col.plain(row) if col.plain else row.get(col.key))


def _table(rows: list[dict], columns: list[Column], title: str | None,
           widths: list[int | None] | None = None) -> Table:
    t = Table(title=_text(title) if title else None, box=box.SIMPLE_HEAD, header_style="bold",
              title_justify="left", title_style="bold", expand=False, pad_edge=False)
    for c, w in zip(columns, widths or [None] * len(columns)):
        t.add_column(c.header, style=c.style, max_width=c.max_width, no_wrap=c.no_wrap or c.whole,
                     min_width=c.min_width, width=w, overflow="ignore" if c.whole else "fold")
    for row in rows:
        t.add_row(*[_cell(c, row) for c in columns])
    return t


def table(rows: list[dict], columns: list[Column], title: str | None = None, width: int | None = None):
    """A table of ``rows`` that fits ``width`` (None: any width).

    Columns give way, the one with the highest ``drop`` first, until the
    least width each needs (:func:`_least`) fits; ``whole`` columns (ids) and
    other unwrapped ones get their longest line, and the wrapping ones share
    the rest, each at least its least.  If the table cannot fit even so, each
    row is set on lines of its own (:func:`_stacked`).
    """
    cols = list(columns)
    if width is None:
        return _table(rows, cols, title)
    cells = {id(c): [_cell(c, r).plain for r in rows] for c in cols}
    least = {id(c): _least(c, cells[id(c)]) for c in cols}
    while sum(least[id(c)] for c in cols) + _PAD * len(cols) > width:
        droppable = [c for c in cols if c.drop]
        if not droppable:
            return _stacked(rows, cols, title)
        cols.remove(max(droppable, key=lambda c: c.drop))
    natural = {id(c): max(least[id(c)], _natural(c, cells[id(c)])) for c in cols}
    avail = width - _PAD * len(cols)
    if sum(natural.values()) <= avail:
        return _table(rows, cols, title)
    spare = avail - sum(least[id(c)] for c in cols)
    want = {i: natural[i] - least[i] for i in natural}
    total = sum(want.values()) or 1
    widths = [least[id(c)] + spare * want[id(c)] // total for c in cols]
    return _table(rows, cols, title, widths)


_PAD = 3  # per column in a SIMPLE_HEAD table: padding either side and a separator (edges less)


def _natural(col: Column, cells: list[str]) -> int:
    """The width ``col`` takes when nothing wraps (at most ``max_width``)."""
    longest = max((len(line) for c in cells for line in c.splitlines()), default=0)
    longest = max(longest, len(col.header))
    return min(longest, col.max_width) if col.max_width and not col.whole else longest


def _least(col: Column, cells: list[str]) -> int:
    """The least width ``col`` can have: its header, and its longest line if it
    never wraps, else its longest word (at least ``min_width``, at most ``max_width``)."""
    if col.whole or col.no_wrap:
        longest = max((len(line) for c in cells for line in c.splitlines()), default=0)
    else:
        longest = max((len(w) for c in cells for w in c.split()), default=0)
        longest = max(longest, col.min_width or 0)
        if col.max_width:
            longest = min(longest, col.max_width)
    return max(longest, len(col.header))


def _stacked(rows: list[dict], columns: list[Column], title: str | None):
    """Rows too wide for a table: per row, its short and whole fields on one line
    (an id is never broken), then each wrapping field below, indented."""
    head = [c for c in columns if c.whole or c.no_wrap]
    body = [c for c in columns if c not in head]
    parts = [Text(title, style="bold")] if title else []
    for row in rows:
        pieces = []
        for c in head:
            cell = _cell(c, row)
            cell = Text(cell.plain.replace("–\n", "–"), style=c.style or "") if "\n" in cell.plain else cell
            cell.stylize(c.style or "")
            pieces += [cell, Text("  ")]
        line = Text.assemble(*pieces[:-1], no_wrap=True, overflow="ignore")
        parts.append(line)
        for c in body:
            cell = _cell(c, row)
            if cell.plain:
                cell.stylize(c.style or "")
                parts.append(Padding(cell, (0, 0, 0, 2)))
    return Group(*parts)


def _kv(pairs: list[tuple[str, object]]) -> Table:
    t = Table.grid(padding=(0, 2))
    t.add_column(style="bold cyan", no_wrap=True)
    t.add_column()
    for k, v in pairs:
        if v not in (None, "", [], {}):
            t.add_row(_text(k), _text(v))
    return t


def render(report: Report, stream, color: bool, width: int | None = None) -> None:
    console = _console(stream, color, width)
    layout = _LAYOUTS.get(type(report))
    if layout:
        console.print(layout(report, console.width))
    else:
        console.print(table(report.rows, report.columns, report.title, width=console.width))


def _profile(report: ProfileReport, width: int):
    """``kb who``: the entity's panel, then its events, companions and sources."""
    p = report.payload
    head = _kv([("id", p["id"]), ("type", p["type"]), ("aliases", p["aliases"]),
                ("description", p["description"]),
                ("roles", "\n".join(report.role_lines))])
    parts = [Panel(head, title=_title(p["name"], p["id"], width), title_align="left",
                   box=box.ROUNDED)]
    parts.append(table(report.rows, report.columns, title=f"Events ({len(report.rows)})", width=width))
    if p.get("related"):
        parts.append(table(p["related"], report.related_columns, title="Appears most with", width=width))
    if p.get("sources"):
        parts.append(table(p["sources"], report.source_columns, title="Sources", width=width))
    return Group(*parts)


def _record(report: RecordReport, width: int):
    """``kb show``: every field of one record, then its claims and citations."""
    p = report.shown or report.payload
    pairs = [(c.header, p.get(c.key)) for c in report.fields]
    title = _title(p.get("title") or p.get("name"), p["id"], width)
    parts = [Panel(_kv(pairs), title=title, title_align="left", box=box.ROUNDED)]
    for name, (rows, cols) in report.tables.items():
        if rows:
            parts.append(table(rows, cols, title=name, width=width))
    return Group(*parts)


def _stats(report: StatsReport, width: int):
    """``kb stats``: the counts, then events per decade as a bar chart."""
    p = report.payload
    counts = _kv([(r["key"], r["value"]) for r in report.rows if not r["key"].endswith("0s")])
    chart = _bars([(d["decade"], d["events"]) for d in p["events_per_decade"]], width)
    return Group(Panel(counts, title="[bold]kb stats[/]", title_align="left", box=box.ROUNDED),
                 Panel(chart, title="Events per decade", title_align="left", box=box.ROUNDED))


def _bars(items: list[tuple[str, int]], width: int | None = None) -> Table:
    """A bar chart: a label, a bar as long as its share of the largest, the count."""
    top = max((n for _l, n in items), default=1) or 1
    label = max((len(lbl) for lbl, _n in items), default=0)
    digits = len(str(top))
    longest = max(10, min(40, (width or 80) - label - digits - 8))
    chart = Table.grid(padding=(0, 1))
    chart.add_column(justify="right", style="bold", no_wrap=True)
    chart.add_column(no_wrap=True)
    chart.add_column(justify="right", no_wrap=True)
    for lbl, n in items:
        bar = "█" * max(1 if n else 0, round(longest * n / top))
        chart.add_row(_text(lbl), Text(bar, style="cyan"), str(n))
    return chart


def _chart(report: ChartReport, width: int):
    """``kb timeline --chart``: events per period as bars."""
    chart = _bars([(str(r["period"]), r["events"]) for r in report.rows], width)
    return Panel(chart, title=_text(report.title or "Events"), title_align="left", box=box.ROUNDED)


_LAYOUTS = {ProfileReport: _profile, RecordReport: _record, StatsReport: _stats, ChartReport: _chart}
