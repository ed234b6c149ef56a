"""Plain formats for pipes and programs: TSV, CSV, JSON and JSON Lines.

TSV has no header (unless asked: ``--header``), no colour and no truncation: one record a line, fields
separated by tabs, tabs and newlines inside a field turned into spaces, lists
joined by ``"; "``.  CSV has a header row.  JSON prints the report's payload;
JSON Lines prints one object a line (the payload's items, or the payload
itself when it is one object).  Search highlights become ``[`` and ``]``.

No format lets stored text command a terminal (:mod:`kb.output.safe`): in
TSV and CSV every other control character and bidi override is shown as its
escape (``\\x1b``); JSON escapes C0 controls itself and here C1 and bidi
controls too, as ``\\u009b``, which reads back as the same text.
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from .report import Report
from .safe import UNSAFE_CLASS, escapes, json_text

HIGHLIGHT = str.maketrans({"\x02": "[", "\x03": "]"})
# Highlight marks to brackets; other controls but whitespace to escapes
# (whitespace, tabs and newlines included, is then collapsed by str.split).
_CELL = escapes(keep="".join(c for c in map(chr, range(0xA0)) if c.isspace()),
                extra={"\x02": "[", "\x03": "]"})


# A string that is already one clean TSV cell: no tabs, newlines or other
# whitespace runs, no highlight marks or other controls, nothing to strip.
# (``\s`` here and ``str.split`` agree on what whitespace is.)
_CLEAN = re.compile(rf"[^\s{UNSAFE_CLASS}]+(?: [^\s{UNSAFE_CLASS}]+)*")


def cell(value: Any) -> str:
    if value.__class__ is str and _CLEAN.fullmatch(value):
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).translate(_CELL).split())


def values(report: Report, row: dict) -> list[str]:
    return [cell(c.plain(row) if c.plain else row.get(c.key)) for c in report.columns]


def clean(obj: Any) -> Any:
    if isinstance(obj, str):
        return obj.translate(HIGHLIGHT)
    if isinstance(obj, list):
        return [clean(o) for o in obj]
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    return obj


def write(report: Report, fmt: str, stream, header: bool = False) -> None:
    """``report`` in ``fmt``; with ``header``, TSV's first line is the column keys."""
    if fmt == "tsv":
        if header:
            stream.write("\t".join(c.key for c in report.columns) + "\n")
        for row in report.rows:
            stream.write("\t".join(values(report, row)) + "\n")
    elif fmt == "csv":
        w = csv.writer(stream, lineterminator="\n")
        w.writerow([c.key for c in report.columns])
        for row in report.rows:
            w.writerow(values(report, row))
    elif fmt == "json":
        stream.write(json_text(json.dumps(clean(report.json_payload()), ensure_ascii=False, indent=2)))
        stream.write("\n")
    elif fmt == "jsonl":
        payload = report.json_payload()
        items = payload if isinstance(payload, list) else [payload]
        for item in items:
            stream.write(json_text(json.dumps(clean(item), ensure_ascii=False)) + "\n")
    else:  # pragma: no cover - the CLI validates formats
        raise ValueError(fmt)
