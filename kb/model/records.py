"""Records as users see them: the JSON contract, built from store records.

The store keeps ids; users want names.  These pure functions turn a stored
event, entity or source into the plain object every command prints.  The
index stores their results, so each is computed once per store change, not
once per query.

Event objects always carry ``id``, ``title``, ``summary``, ``start``/``end``
(ISO days, inclusive), ``precision``, ``edtf``, ``date_text``, ``entities``
and ``places`` (canonical names), ``sources`` (source ids), ``tags``,
``claims``, ``citations`` and ``disputed`` (the subjects on which its claims
disagree with other claims, on this event or, for a named subject, on any
event: :mod:`kb.model.claims`); ``aliases`` (ids the event had before) when
it has any.
"""

from __future__ import annotations

from .claims import disagreements


def event_record(ev: dict, names: dict[str, str], disputed: list[str] | None = None) -> dict:
    """The contract's event object.  ``disputed``: the labels of its disputed
    subjects as the whole store decides them; by default, as its own claims do."""
    from ..dates import DateSpan  # the date grammar is costly to load: only where it is used

    d = ev["date"]
    span = DateSpan.from_dict(d)
    sources = sorted({c["source"] for c in ev.get("citations", [])}
                     | {c["source"] for c in ev.get("claims", []) if c.get("source")})
    out = {
        "id": ev["id"],
        "title": ev["title"],
        "summary": ev.get("summary", ""),
        "start": d["start"],
        "end": d["end"],
        "precision": d["precision"],
        "edtf": d["edtf"],
        "date_text": d.get("text", d["edtf"]),
        "date": span.display(),
        "entities": [names.get(e, e) for e in ev.get("entities", [])],
        "places": [names.get(e, e) for e in ev.get("places", [])],
        "entity_ids": list(ev.get("entities", [])) + list(ev.get("places", [])),
        "sources": sources,
        "tags": list(ev.get("tags", [])),
        "claims": list(ev.get("claims", [])),
        "citations": list(ev.get("citations", [])),
        "disputed": sorted(disagreements(ev.get("claims", []), ev["id"]) if disputed is None else disputed),
    }
    if ev.get("aliases"):
        out["aliases"] = list(ev["aliases"])
    for extra in ("anchor", "rule"):
        if d.get(extra):
            out[f"date_{extra}"] = d[extra]
    for extra in ("document", "offsets", "extracted"):
        if ev.get(extra) is not None:
            out[extra] = ev[extra]
    return out


def role_record(role: dict, names: dict[str, str]) -> dict:
    out = {"role": role.get("role", ""), "of": names.get(role.get("of"), role.get("of"))}
    start, end = role.get("from"), role.get("to")
    if start and end and (start.get("start"), start.get("end")) == (end.get("start"), end.get("end")):
        out["as_of"] = start.get("start")  # the source names the post on one date only
        out["as_of_text"] = start.get("text")
    else:
        if start:
            out["from"], out["from_text"] = start.get("start"), start.get("text")
        if end:
            out["to"], out["to_text"] = end.get("end"), end.get("text")
    out["source"] = role.get("source")
    return {k: v for k, v in out.items() if v is not None}


def entity_record(ent: dict, names: dict[str, str]) -> dict:
    return {
        "id": ent["id"],
        "name": ent["name"],
        "type": ent.get("type", "other"),
        "aliases": [a for a in ent.get("aliases", []) if a != ent["name"]],
        "ambiguous": list(ent.get("ambiguous", [])),
        "description": ent.get("description", ""),
        "roles": [role_record(r, names) for r in ent.get("roles", [])],
        "sources": list(ent.get("sources", [])),
        **({"extracted": True} if ent.get("extracted") else {}),
    }


def source_record(src: dict) -> dict:
    pub = src.get("published") or {}
    return {
        "id": src["id"],
        "title": src.get("title", ""),
        "publisher": src.get("publisher", ""),
        "published": pub.get("edtf", ""),
        "published_text": pub.get("text", ""),
        "date": display_published(pub),
        "kind": src.get("kind", ""),
        "file": src.get("file", ""),
        **({"sha256": src["sha256"]} if src.get("sha256") else {}),
        **{k: list(src[k]) for k in ("pages", "page_labels") if src.get(k)},  # a PDF (kb.model.pages)
    }


def display_published(pub: dict) -> str:
    if not pub:
        return ""
    from ..dates import DateSpan

    return DateSpan.from_dict(pub).display()
