"""Shaping a listing the user asked for: its order, its length and its fields.

Every listing command takes the same ``--sort FIELD``, ``--reverse``,
``--limit/-n N`` and ``--fields A,B,...`` (:func:`kb.cli.options.output_options`);
they arrive here as a :class:`Listing` and :func:`shape` applies them to the
command's :class:`~kb.output.report.Report`, the same way in every format:

* a field is a column's key or any key of the rows' JSON objects (so
  ``--fields id,summary`` works though ``summary`` is no column); a name that
  is neither is bad input (exit 2) with the nearest fields;
* ``--sort`` orders rows by a field's value (numbers as numbers, text
  case-blind, lists by their text, empty values last), stably, so rows equal
  under it keep the command's own order; ``--reverse`` turns the order round
  (with or without ``--sort``); ``--limit`` then keeps the first N;
* ``--fields`` picks the columns of a table, TSV and CSV, in the order given,
  and the keys of each JSON object.

A report whose JSON is one object holding the rows (``kb who``: the profile
and its ``events``) keeps the object and shapes the list inside it
(:meth:`~kb.output.report.Report.with_rows`).
"""

from __future__ import annotations

from dataclasses import dataclass

from .report import Column, Report


@dataclass(frozen=True)
class Listing:
    """What the user asked of a listing; each part None (or False) when not asked."""

    fields: tuple[str, ...] | None = None
    sort: str | None = None
    reverse: bool = False
    limit: int | None = None

    @classmethod
    def parse(cls, fields: str | None = None, sort: str | None = None, reverse: bool = False,
              limit: int | None = None) -> Listing:
        """From the command line: ``fields`` comma- or space-separated."""
        names = None
        if fields is not None:
            names = tuple(dict.fromkeys(f for f in fields.replace(",", " ").split() if f))
            if not names:
                from ..errors import KbError

                raise KbError("--fields: name at least one field")
        if sort is not None and not sort.strip():
            from ..errors import KbError

            raise KbError("--sort: name a field")
        return cls(names, sort.strip() if sort else None, reverse, limit)

    @property
    def reorders(self) -> bool:
        """Whether the rows' order changes, so a query must not cut them short itself."""
        return bool(self.sort or self.reverse)


def fields_of(report: Report) -> list[str]:
    """The fields a report offers: its columns' keys, then the other keys of its rows."""
    keys = [c.key for c in report.columns]
    for row in report.rows:
        keys.extend(row)
    return list(dict.fromkeys(keys))


def _check(report: Report, names, option: str) -> None:
    if not report.rows:  # nothing to show: the command says so (exit 1), whatever was asked
        return
    offered = fields_of(report)
    for name in names:
        if name not in offered:
            from ..query.vocab import unknown

            raise unknown("field", name, offered, option=option)


def _sort_key(value):
    """Empty values last; numbers before text; text case-blind; lists as their text."""
    if value is None or value == "" or value == []:
        return (2, 0, "")
    if isinstance(value, bool):
        return (0, int(value), "")
    if isinstance(value, (int, float)):
        return (0, value, "")
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    return (1, 0, str(value).casefold())


def shape(report: Report, listing: Listing | None) -> Report:
    """``report`` sorted, turned round, cut and narrowed as ``listing`` asks."""
    if listing is None or listing == Listing():
        return report
    rows = list(report.rows)
    if listing.sort:
        _check(report, [listing.sort], "--sort")
        rows.sort(key=lambda r: _sort_key(r.get(listing.sort)))
    if listing.reverse:
        rows.reverse()
    if listing.limit is not None:
        rows = rows[:listing.limit]
    columns = report.columns
    fields = listing.fields
    if fields:
        _check(report, fields, "--fields")
        by_key = {c.key: c for c in report.columns}
        columns = [by_key.get(f) or Column(f, f.replace("_", " ").capitalize()) for f in fields]
        rows_json = [{f: r.get(f) for f in fields} for r in rows]
    else:
        rows_json = rows
    return report.with_rows(rows, columns, rows_json)
