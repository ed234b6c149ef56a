"""Records as users see them: the JSON contract, built from store records.

The store keeps ids; users want names.  These pure functions turn a stored
event, entity or source into the plain object every command prints, and
find the disagreements between claims.  The index stores their results, so
each is computed once per store change, not once per query.

Event objects always carry ``id``, ``title``, ``summary``, ``start``/``end``
(ISO days, inclusive), ``precision``, ``edtf``, ``date_text``, ``entities``
and ``places`` (canonical names), ``sources`` (source ids), ``tags``,
``claims``, ``citations`` and ``disputed`` (the measures on which claims
disagree).
"""

from __future__ import annotations

import re


def claim_key(claim: dict) -> str:
    """What two claims must share to be compared: the measure, and for dates the day bounds."""
    if claim.get("measure") == "date" and claim.get("date"):
        d = claim["date"]
        return f"{d['start']}/{d['end']}"
    if claim.get("amount") is not None:
        return str(claim["amount"])
    return re.sub(r"\W+", "", str(claim.get("value", "")).lower())


def subject(claim: dict) -> str:
    """What a claim counts, for comparison: its ``subject``, else its measure."""
    return claim.get("subject") or claim.get("measure", "?")


def _differ(claims: list[dict]) -> bool:
    if claims[0].get("measure") == "date":
        spans = [(c["date"]["start"], c["date"]["end"]) for c in claims if c.get("date")]
        return any(a[1] < b[0] or b[1] < a[0] for a in spans for b in spans)
    numeric = [c for c in claims if c.get("amount") is not None]
    if numeric:  # a vague "many" does not contradict a number
        return len({claim_key(c) for c in numeric}) > 1
    return len({claim_key(c) for c in claims}) > 1


def disagreements(claims: list[dict]) -> dict[str, list[dict]]:
    """Claims grouped by subject, kept only where the versions differ.

    Figures differ when their amounts do ("some 1,500" and "1,500" agree; a
    vague "many" contradicts no number); dates differ when their spans do not
    overlap (a summer and the year that contains it agree).
    """
    by_subject: dict[str, list[dict]] = {}
    for c in claims:
        by_subject.setdefault(subject(c), []).append(c)
    return {m: cs for m, cs in by_subject.items() if _differ(cs)}


def event_view(ev: dict, names: dict[str, str]) -> dict:
    from .dates import DateSpan  # the date grammar is costly to load: only where it is used

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
        "disputed": sorted(disagreements(ev.get("claims", []))),
    }
    for extra in ("anchor", "rule"):
        if d.get(extra):
            out[f"date_{extra}"] = d[extra]
    for extra in ("document", "offsets", "extracted"):
        if ev.get(extra) is not None:
            out[extra] = ev[extra]
    return out


def role_view(role: dict, names: dict[str, str]) -> dict:
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


def role_text(role: dict) -> str:
    """``co-secretary general, MEK, from 1985-03-10``"""
    text = role["role"] + (f", {role['of']}" if role.get("of") else "")
    if role.get("as_of"):
        text += f", as of {role['as_of']}"
    if role.get("from"):
        text += f", from {role['from']}"
    if role.get("to"):
        text += f", until {role['to']}"
    return text


def entity_view(ent: dict, names: dict[str, str]) -> dict:
    return {
        "id": ent["id"],
        "name": ent["name"],
        "type": ent.get("type", "other"),
        "aliases": [a for a in ent.get("aliases", []) if a != ent["name"]],
        "ambiguous": list(ent.get("ambiguous", [])),
        "description": ent.get("description", ""),
        "roles": [role_view(r, names) for r in ent.get("roles", [])],
        "sources": list(ent.get("sources", [])),
        **({"extracted": True} if ent.get("extracted") else {}),
    }


def source_view(src: dict) -> dict:
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
    }


def display_published(pub: dict) -> str:
    if not pub:
        return ""
    from .dates import DateSpan

    return DateSpan.from_dict(pub).display()


def claim_value(claim: dict):
    """A claim's value as shown: a date claim shows the date's words."""
    if claim.get("measure") == "date" and claim.get("date"):
        return claim["date"].get("text", claim.get("value"))
    return claim.get("value")
