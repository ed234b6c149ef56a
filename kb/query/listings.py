"""Claims and tags as things to list: the questions behind ``kb claims`` and ``kb tags``.

Each function takes a :class:`~kb.query.kb.KB` and returns plain rows:

* :func:`claims`: every claim of every event (one row each: its event, the
  event's date and title, the claim's fields, ``subject`` as shown, and
  ``disputed``), filtered by measure, source, event and disagreement;
* :func:`tags`: every tag with its number of events and the first and last
  day they cover.

A filter that names nothing (a measure no claim has, an unknown source or
event) is bad input with the nearest valid values (:mod:`kb.query.vocab`).
"""

from __future__ import annotations

import json

from ..model.claims import claim_value, subject


def claims(kb, measures: list[str] = (), sources: list[str] = (), events: list[str] = (),
           disputed: bool = False, limit: int | None = None) -> list[dict]:
    """Claims in the order of their events (date, then id) and their place in the event."""
    from .vocab import unknown

    con = kb.con
    where, args = [], []
    if measures:
        known = [r[0] for r in con.execute(
            "SELECT json_extract(doc, '$.measure') m FROM claims GROUP BY m ORDER BY COUNT(*) DESC, m")]
        lower = {m.lower(): m for m in known if m}
        picked = []
        for m in measures:
            if m.lower() not in lower:
                raise unknown("measure", m, known, see="kb claims --fields measure")
            picked.append(lower[m.lower()])
        where.append("json_extract(c.doc, '$.measure') IN (%s)" % ",".join("?" * len(picked)))
        args += picked
    if sources:
        ids = [kb.source_id(s) for s in sources]
        where.append("c.source IN (%s)" % ",".join("?" * len(ids)))
        args += ids
    if events:
        ids = [_event_id(kb, e) for e in events]
        where.append("c.event_id IN (%s)" % ",".join("?" * len(ids)))
        args += ids
    if disputed:
        where.append("c.disputed")
    sql = ("SELECT c.event_id, c.doc, c.disputed, e.start, e.end, json_extract(e.doc, '$.date'), "
           "json_extract(e.doc, '$.title') FROM claims c JOIN events e ON e.id = c.event_id "
           + ("WHERE " + " AND ".join(where) if where else "")
           + " ORDER BY e.start, e.end, e.id, c.pos")
    if limit:
        sql += " LIMIT ?"
        args.append(min(limit, 2**63 - 1))
    rows = []
    for eid, doc, dis, start, end, shown, title in con.execute(sql, args):
        c = json.loads(doc)
        rows.append({"event": eid, "measure": c.get("measure", ""), "subject": subject(c),
                     "value": claim_value(c), "amount": c.get("amount"), "qualifier": c.get("qualifier", ""),
                     "counts": c.get("counts", ""), "source": c.get("source", ""),
                     "section": c.get("section", ""), "disputed": bool(dis),
                     "date": shown, "start": start, "end": end, "title": title,
                     **({"claim_date": c["date"]} if c.get("date") else {})})
    return rows


def _event_id(kb, text: str) -> str:
    """An event's id from its id or a former id; else bad input with the nearest ids."""
    row = (kb.con.execute("SELECT id FROM events WHERE id=?", (text,)).fetchone()
           or kb.con.execute("SELECT event_id FROM event_aliases WHERE alias=?", (text,)).fetchone())
    if row:
        return row[0]
    from .vocab import unknown

    ids = [r[0] for r in kb.con.execute("SELECT id FROM events")]
    raise unknown("event", text, ids, see="kb timeline")


def tags(kb) -> list[dict]:
    """Every tag: how many events carry it, and the first and last day they cover."""
    return [{"tag": t, "events": n, "first": lo, "last": hi} for t, n, lo, hi in kb.con.execute(
        "SELECT tag, COUNT(*), MIN(start), MAX(end) FROM event_tags GROUP BY tag ORDER BY tag")]
