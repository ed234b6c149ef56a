"""Claims and disagreements: what sources say, and where they differ.

A claim is one source's figure or date for something an event involves: the
number of dead, of cities, the day a thing began.  Claims are compared by
*subject* (what they count), never settled: where the versions differ, all of
them are reported, each with its source.
"""

from __future__ import annotations

import re


def claim_key(claim: dict) -> str:
    """What two claims must share to be compared: the measure, and for dates the day bounds."""
    if claim.get("measure") == "date" and claim.get("date"):
        d = claim["date"]
        return f"{d['start']}/{d['end']}"
    if claim.get("amount") is not None:
        n = float(claim["amount"])
        return str(int(n)) if n.is_integer() else repr(n)  # 1500 and 1500.0 are one figure
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


def claim_value(claim: dict):
    """A claim's value as shown: a date claim shows the date's words."""
    if claim.get("measure") == "date" and claim.get("date"):
        return claim["date"].get("text", claim.get("value"))
    return claim.get("value")
