"""Plain formats for pipes and programs: TSV, CSV, JSON and JSON Lines.

TSV has no header, no colour and no truncation: one record a line, fields
separated by tabs, tabs and newlines inside a field turned into spaces, lists
joined by ``"; "``.  CSV has a header row.  JSON prints the report's payload;
JSON Lines prints one object a line (the payload's items, or the payload
itself when it is one object).  Search highlights become ``[`` and ``]``.
"""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from .report import Report

HIGHLIGHT = str.maketrans({"\x02": "[", "\x03": "]"})


# A string that is already one clean TSV cell: no tabs, newlines or other
# whitespace runs, no highlight marks, nothing to strip.  (``\s`` here and
# ``str.split`` agree on what whitespace is.)
_CLEAN = re.compile(r"[^\s\x02\x03]+(?: [^\s\x02\x03]+)*")


def cell(value: Any) -> str:
    if value.__class__ is str and _CLEAN.fullmatch(value):
        return value
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return " ".join(str(value).translate(HIGHLIGHT).split())


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


def write(report: Report, fmt: str, stream) -> None:
    if fmt == "tsv":
        for row in report.rows:
            stream.write("\t".join(values(report, row)) + "\n")
    elif fmt == "csv":
        w = csv.writer(stream, lineterminator="\n")
        w.writerow([c.key for c in report.columns])
        for row in report.rows:
            w.writerow(values(report, row))
    elif fmt == "json":
        json.dump(clean(report.json_payload()), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
    elif fmt == "jsonl":
        payload = report.json_payload()
        items = payload if isinstance(payload, list) else [payload]
        for item in items:
            stream.write(json.dumps(clean(item), ensure_ascii=False) + "\n")
    else:  # pragma: no cover - the CLI validates formats
        raise ValueError(fmt)
