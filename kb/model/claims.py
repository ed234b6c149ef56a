"""Claims and disagreements: what sources say, and where they differ.

A claim is one source's figure or date for something an event involves: the
number of dead, of cities, the day a thing began.  Claims are compared, never
settled: where the versions differ, all of them are reported, each with its
source.

Which claims are compared (:func:`comparison_key`): a claim that names its
``subject`` (what exactly it counts) is compared with every claim of the
store that names the same subject, on whatever event; a claim without one is
compared only with the claims of its own event under the same measure (a
bare measure such as "deaths" means nothing across events).

When they differ (:func:`differ`): date claims are compared with date claims
and the others with the others.  Figures differ when their amounts do ("some
1,500" and "1,500" agree; a vague "many" contradicts no number); claims that
are all vague differ when their words do; dates differ when two of their spans
do not overlap (a summer and the year that contains it agree).
"""

from __future__ import annotations

import re

# A key is (scope, label): scope "" for a named subject (compared store-wide),
# else the id of the one event whose claims it compares.
Key = tuple[str, str]


def claim_key(claim: dict) -> str:
    """What two compared claims must share to agree: the amount, else the folded
    words; for a date claim its day bounds."""
    if is_date(claim):
        d = claim["date"]
        return f"{d['start']}/{d['end']}"
    if claim.get("amount") is not None:
        n = float(claim["amount"])
        return str(int(n)) if n.is_integer() else repr(n)  # 1500 and 1500.0 are one figure
    return re.sub(r"\W+", "", str(claim.get("value", "")).lower())


def subject(claim: dict) -> str:
    """What a claim counts, as shown: its ``subject``, else its measure."""
    return claim.get("subject") or claim.get("measure") or "?"


def comparison_key(claim: dict, event_id: str) -> Key:
    """``("", subject)`` for a claim that names its subject, else ``(event_id, measure)``."""
    named = claim.get("subject")
    if named:
        return ("", named)
    return (event_id, claim.get("measure") or "?")


def key_text(key: Key) -> str:
    """A key as one string: the subject, or ``EVENT/measure`` for an event's own measure."""
    scope, label = key
    return f"{scope}/{label}" if scope else label


def is_date(claim: dict) -> bool:
    """A date claim: measure ``date`` with a date (its span) to compare."""
    return claim.get("measure") == "date" and isinstance(claim.get("date"), dict)


def _dates_differ(dates: list[dict]) -> bool:
    # Some two spans are disjoint exactly when the earliest end comes before the latest start.
    return len(dates) > 1 and min(c["date"]["end"] for c in dates) < max(c["date"]["start"] for c in dates)


def _values_differ(claims: list[dict]) -> bool:
    numeric = [c for c in claims if c.get("amount") is not None]
    if numeric:  # a vague "many" does not contradict a number
        return len({claim_key(c) for c in numeric}) > 1
    return len({claim_key(c) for c in claims}) > 1


def differ(claims: list[dict]) -> bool:
    """Whether claims compared under one key disagree (see the module docstring)."""
    dates = [c for c in claims if is_date(c)]
    if len(dates) == len(claims):
        return _dates_differ(dates)
    if not dates:
        return _values_differ(claims)
    return _dates_differ(dates) or _values_differ([c for c in claims if not is_date(c)])


def disagreements(claims: list[dict], event_id: str = "") -> dict[str, list[dict]]:
    """One event's claims grouped by :func:`comparison_key`, kept where they differ,
    by label (:func:`subject`).  Claims on other events are not seen: the store-wide
    comparison is the index's (:mod:`kb.index.build`)."""
    groups: dict[Key, list[dict]] = {}
    for c in claims:
        groups.setdefault(comparison_key(c, event_id), []).append(c)
    out: dict[str, list[dict]] = {}
    for (_scope, label), cs in groups.items():
        if differ(cs):
            out.setdefault(label, []).extend(cs)
    return out


def spread(label: str, versions: list[dict]) -> list[dict]:
    """The low-high range of a disputed key's versions: for figures the lowest and
    highest amount, for dates the earliest start and the latest end, each with the
    sources that give it.  Nothing where the versions give fewer than two values."""
    out = []
    figures = [c for c in versions if not is_date(c) and isinstance(c.get("amount"), (int, float))]
    if len({float(c["amount"]) for c in figures}) > 1:
        low, high = min(c["amount"] for c in figures), max(c["amount"] for c in figures)
        out.append(_range(label, "figure", low, high,
                          [c for c in figures if c["amount"] == low], [c for c in figures if c["amount"] == high]))
    dates = [c for c in versions if is_date(c)]
    if len({(c["date"]["start"], c["date"]["end"]) for c in dates}) > 1:
        low, high = min(c["date"]["start"] for c in dates), max(c["date"]["end"] for c in dates)
        out.append(_range(label, "date", low, high, [c for c in dates if c["date"]["start"] == low],
                          [c for c in dates if c["date"]["end"] == high]))
    return out


def _range(label: str, kind: str, low, high, lows: list[dict], highs: list[dict]) -> dict:
    def ids(cs):
        return sorted({c.get("source") or "?" for c in cs})

    def whole(n):
        return int(n) if isinstance(n, float) and n.is_integer() else n

    if kind == "figure":
        low, high = whole(low), whole(high)
    return {"subject": label, "kind": kind, "low": low, "high": high,
            "low_sources": ids(lows), "high_sources": ids(highs)}


def range_text(r: dict) -> str:
    """``MEK members killed: 100,000 [000] – 120,000 [000, 004]``"""
    def shown(v):
        return f"{v:,}" if isinstance(v, (int, float)) else str(v)

    return (f"{r['subject']}: {shown(r['low'])} [{', '.join(r['low_sources'])}]"
            f" – {shown(r['high'])} [{', '.join(r['high_sources'])}]")


def claim_value(claim: dict):
    """A claim's value as shown: a date claim shows the date's words."""
    if claim.get("measure") == "date" and claim.get("date"):
        return claim["date"].get("text", claim.get("value"))
    return claim.get("value")
