"""What a command has to say, before it is rendered: reports and their columns.

A :class:`Report` holds plain rows, the columns to show of them, and the JSON
payload.  Every format reads the same report: TSV and CSV print the rows'
columns, JSON prints the payload, and a terminal draws a table, or, for the
report kinds below, a layout of its own.  The report kinds carry what their
layout needs as typed fields, never as loose keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable


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
    # On a narrow terminal (kb.output.terminal): ``whole`` text never wraps or
    # shortens (an id you copy into ``kb show``); a column with ``drop`` > 0 gives
    # way, the highest first, when the table does not fit; ``min_width`` is the
    # least a wrapping column is given before the table gives way.
    whole: bool = False
    drop: int = 0
    min_width: int | None = None


@dataclass
class Report:
    """Rows for listings, a payload for JSON (the rows themselves when None).

    On a terminal a plain report is one table, titled ``title``.
    """

    rows: list[dict]
    columns: list[Column]
    payload: Any = None
    title: str | None = None

    def json_payload(self) -> Any:
        return self.rows if self.payload is None else self.payload

    def with_rows(self, rows: list[dict], columns: list[Column], rows_json: list[dict]) -> Report:
        """A copy showing ``rows`` in ``columns``, whose JSON lists ``rows_json``
        (:func:`kb.output.shape.shape`)."""
        return replace(self, rows=rows, columns=columns,
                       payload=self._payload_with(rows_json if rows_json is not rows else None))

    def _payload_with(self, rows_json: list[dict] | None) -> Any:
        """The payload once the rows are shaped: a payload of its own stays."""
        return self.payload if self.payload is not None else rows_json


@dataclass
class ProfileReport(Report):
    """``kb who``: the rows are the entity's events, the payload its whole profile.

    A terminal shows a panel of the entity (with ``role_lines``), then its
    events, the entities it appears with (``related_columns`` of
    ``payload["related"]``) and its sources (``source_columns`` of
    ``payload["sources"]``).
    """

    role_lines: list[str] = field(default_factory=list)
    related_columns: list[Column] = field(default_factory=list)
    source_columns: list[Column] = field(default_factory=list)

    def with_rows(self, rows: list[dict], columns: list[Column], rows_json: list[dict]) -> Report:
        return replace(self, rows=rows, columns=columns, payload={**self.payload, "events": rows_json})


@dataclass
class RecordReport(Report):
    """``kb show``: the rows are ``key``/``value`` lines, the payload the record.

    A terminal shows a panel of ``fields`` (each a column whose key is read
    from ``shown``, the record as displayed), then each of ``tables``, a title
    mapped to its rows and columns (claims, citations).
    """

    fields: list[Column] = field(default_factory=list)
    shown: dict = field(default_factory=dict)
    tables: dict[str, tuple[list[dict], list[Column]]] = field(default_factory=dict)


@dataclass
class StatsReport(Report):
    """``kb stats``: the rows are ``key``/``value`` counts; the payload has
    ``events_per_decade``, drawn as a bar chart on a terminal."""


@dataclass
class ChartReport(Report):
    """``kb timeline --chart``: rows of ``period`` and ``events``, drawn as a bar
    chart on a terminal under ``title``; plain rows in every other format."""
