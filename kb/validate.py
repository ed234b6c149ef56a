"""Validation of a store: the checks every record of the knowledge base passes.

:func:`validate` returns a list of problems (empty when the store is sound).
The test suite runs it on the shipped knowledge base; ``python -m
kb.validate [PATH]`` runs it by hand.  The checks:

* first, the shape of every record (:mod:`kb.store.check`, what every command
  relies on); a store whose records fail it gets those faults only, as the
  checks below assume sound records;
* every date parses: its EDTF is readable, its bounds are in order, its
  precision is one of :data:`kb.dates.PRECISIONS`, and its bounds are the
  EDTF's bounds (approximate dates may be wider, never narrower);
* every entity an event or role names exists, and every cited source exists;
* no id is used twice, and no two events tell the same thing (same folded
  title, or same dates, same entities and near-same title);
* no alias belongs to two entities unless both mark it ``ambiguous``;
* the knowledge base's own words are neutral: the source's loaded words
  (:data:`LOADED`) appear in titles, summaries and descriptions only inside
  quotation marks.
"""

from __future__ import annotations

import re
import sys
from datetime import date

from .dates import PRECISIONS, DateError, parse_edtf
from .names import fold

LOADED = ("martyr", "regime", "mullah", "thug", "heroic", "brutal", "henchm", "terrorist-in-chief",
          "suppressive forces", "savage", "butcher", "criminal regime", "valiant")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")


def check_date(d: dict, where: str) -> list[str]:
    out = []
    try:
        start, end = date.fromisoformat(d["start"]), date.fromisoformat(d["end"])
    except (KeyError, TypeError, ValueError):
        return [f"{where}: date bounds missing or not ISO days: {d!r}"]
    if end < start:
        out.append(f"{where}: date ends before it starts ({d['start']} > {d['end']})")
    if d.get("precision") not in PRECISIONS:
        out.append(f"{where}: unknown precision {d.get('precision')!r}")
    try:
        s, e = parse_edtf(d.get("edtf", ""))
    except DateError as err:
        return out + [f"{where}: {err}"]
    if d.get("precision") == "approximate":
        if not (start <= s and e <= end):
            out.append(f"{where}: approximate bounds {start}..{end} narrower than EDTF {d['edtf']}")
    elif (s, e) != (start, end):
        out.append(f"{where}: bounds {start}..{end} are not those of EDTF {d['edtf']} ({s}..{e})")
    if not d.get("text"):
        out.append(f"{where}: the date keeps no text")
    return out


def _records(table) -> list[dict]:
    return list(table.values()) if isinstance(table, dict) else list(table or [])


def _title_words(t: str) -> set[str]:
    return {w for w in fold(t).split() if len(w) > 2}


def validate(data: dict) -> list[str]:
    """Every problem of a store's records: ``data`` maps each table to a list of
    records, or to its records by document number as the file holds them."""
    from .store.check import faults

    problems = faults(data)  # no id, duplicate ids, wrong types, impossible dates
    if problems:
        return problems
    data = {t: _records(data.get(t)) for t in ("sources", "entities", "events")}
    sources = {s["id"] for s in data["sources"]}
    entities = {e["id"]: e for e in data["entities"]}

    for s in data["sources"]:
        if s.get("published"):
            problems += check_date(s["published"], f"source {s['id']}")

    owners: dict[str, set[str]] = {}
    for e in data["entities"]:
        where = f"entity {e['id']}"
        for key in ("name", "type", "description"):
            if not e.get(key):
                problems.append(f"{where}: no {key}")
        for alias in dict.fromkeys([e["name"], *e.get("aliases", [])]):
            owners.setdefault(fold(alias), set()).add(e["id"])
        for r in e.get("roles", []):
            if r.get("of") and r["of"] not in entities:
                problems.append(f"{where}: role of unknown entity {r['of']!r}")
            for k in ("from", "to"):
                if r.get(k):
                    problems += check_date(r[k], f"{where} role {r.get('role')!r} {k}")
            if r.get("source") and r["source"] not in sources:
                problems.append(f"{where}: role cites unknown source {r['source']!r}")
        for sid in e.get("sources", []):
            if sid not in sources:
                problems.append(f"{where}: unknown source {sid!r}")
        problems += _loaded(e.get("description", ""), where)

    for key, ids in owners.items():
        if len(ids) > 1:
            marked = [i for i in ids if key in {fold(a) for a in entities[i].get("ambiguous", [])}]
            if len(marked) != len(ids):
                problems.append(f"alias {key!r} belongs to {sorted(ids)} but is not marked ambiguous in all")

    by_title: dict[str, str] = {}
    for ev in data["events"]:
        where = f"event {ev.get('id')}"
        if "date" not in ev:
            problems.append(f"{where}: no date")
            continue
        problems += check_date(ev["date"], where)
        for eid in ev.get("entities", []) + ev.get("places", []):
            if eid not in entities:
                problems.append(f"{where}: unknown entity {eid!r}")
        if not ev.get("citations"):
            problems.append(f"{where}: no citation")
        for c in ev.get("citations", []) + ev.get("claims", []):
            if c.get("source") not in sources:
                problems.append(f"{where}: cites unknown source {c.get('source')!r}")
        for c in ev.get("claims", []):
            if c.get("date"):
                problems += check_date(c["date"], f"{where} date claim")
            if not c.get("measure"):
                problems.append(f"{where}: a claim has no measure")
        t = fold(ev.get("title", ""))
        if t in by_title:
            problems.append(f"{where}: same title as {by_title[t]}")
        by_title[t] = ev["id"]
        problems += _loaded(ev.get("title", "") + " " + ev.get("summary", ""), where)
    problems += _near_duplicates(data["events"])
    return problems


def _near_duplicates(events: list[dict]) -> list[str]:
    out = []
    groups: dict[tuple, list[dict]] = {}
    for ev in events:
        d = ev.get("date", {})
        groups.setdefault((d.get("start"), d.get("end"),
                           tuple(sorted(ev.get("entities", [])))), []).append(ev)
    for evs in groups.values():
        for i, a in enumerate(evs):
            for b in evs[i + 1:]:
                wa, wb = _title_words(a["title"]), _title_words(b["title"])
                if wa and wb and len(wa & wb) / len(wa | wb) > 0.8:
                    out.append(f"events {a['id']} and {b['id']} look like one event told twice")
    return out


def _loaded(text: str, where: str) -> list[str]:
    bare = _QUOTED.sub(" ", text).lower()
    return [f"{where}: loaded word {w!r} outside a quotation" for w in LOADED if w in bare]


def main(argv: list[str] | None = None) -> int:
    from pathlib import Path

    from .errors import EXIT_BAD_INPUT, KbError
    from .store import Tables, shipped_path

    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else shipped_path()
    try:
        problems = validate(Tables(path, digest=False).document() or {})
    except KbError as e:  # not a store: one line, as kb itself says it
        print(f"kb.validate: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for p in problems:
        print(p)
    print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
