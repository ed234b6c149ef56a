"""Claims of an ingested document, and where they disagree with the store.

Contract (used by :mod:`kb.ingest.pipeline`):

* :func:`figure_claims`: an extracted event's figures as claims of the new
  source: ``measure``, ``value`` (as written), ``amount``, ``qualifier``,
  ``counts`` (the counted noun, else the measure), ``source``, ``section``,
  and when there are any ``low``/``high`` (a range), ``unit`` (``%`` or a unit of
  time), ``attribution`` and ``offsets`` (``[start, end)`` in the document).
* :func:`homes`: a figure that no event's passage holds (an undated paragraph
  after the dated one: "Amnesty said it had recorded 208 deaths") belongs to
  the event of its document whose curated claims (not extracted ones) already
  count its measure (a duration only when its sentence shares a word with what
  the stored one measures: anything lasts), the nearest before it, else after
  it; else to the event whose passage ends the paragraph just before its own
  (the next paragraph goes on telling it); with none it is left out.
* :func:`link_claims`: when the event retells a stored one, its claims join the
  stored event's, each under the comparison the stored event already makes
  for that measure (*adoption*): a stored claim of the same measure (measures
  are matched through ``kb/resources/figures/measures.txt``, so "executions"
  is deaths and "days" a duration) lends its ``subject``, or its measure's
  name when it has none; among several subjects, the one sharing most words
  with the new sentence (none when no subject shares a word).  The new source's date is kept as a date claim: a
  date said to start something ("began", "starting", "from") takes the
  stored date claim whose subject starts something, one said to end something
  the one that ends it; any other is the event's own date, and the stored
  event's date becomes a claim of the source it cites first (once), so the
  two can be compared.
* :func:`conflicts`: for each claim added, the versions it contradicts source
  against source (:func:`kb.model.claims.against`) among the claims compared with it
  (:func:`kb.model.claims.comparison_key`: the same event and measure, or the
  same subject anywhere in the store), from other sources; one line per claim
  for the ingest summary: ``founding date 5 Sep 1965 here, 6 Sep 1965 in 000``.
"""

from __future__ import annotations

import re

from ..model.claims import against, bounds, comparison_key, is_date, voice

_START = re.compile(r"\b(?:began|begin|begins|beginning|started|start|starts|starting|opened|launched|"
                    r"commenced|from|onset)\b", re.IGNORECASE)
_END = re.compile(r"\b(?:ended|end|ends|ending|until|concluded|finished|stopped|halted)\b", re.IGNORECASE)


def canonical(measure: str) -> str:
    """A measure's name in :mod:`kb.ingest.figures`' vocabulary ("executions" -> deaths)."""
    from .figures import _vocabulary

    nouns, verbs, _p, _c = _vocabulary()
    m = (measure or "").lower()
    if m in ("duration", "days", "hours", "years", "decades", "months", "weeks"):
        return "duration"
    return nouns.get(m) or verbs.get(m) or m


def figure_claims(ev, sid: str) -> list[dict]:
    return figure_claims_of(ev.figures, sid, ev.section)


def figure_claims_of(figures, sid: str, section: str) -> list[dict]:
    out = []
    for f in figures:
        c = {"measure": f.measure, "value": f.value, "amount": f.amount, "qualifier": f.qualifier,
             "counts": f.subject or f.measure, "source": sid, "section": section}
        if f.low is not None:
            c["low"], c["high"] = f.low, f.high
        if f.unit:
            c["unit"] = f.unit
        if f.attribution:
            c["attribution"] = f.attribution
        if getattr(f, "total", ""):     # a cumulative total (kb.ingest.totals): compared store-wide
            c["subject"] = f.total
            c["counts"] = f"{c['counts']} {f.scope}"
        c["offsets"] = [f.start, f.end]
        out.append(c)
    return out


_TIME_WORDS = frozenset("hour hours days weeks months years decades period time long length over "
                        "within throughout".split())


def _sentence(text: str, start: int, end: int) -> str:
    lo = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    ends = [k for k in (text.find(". ", end), text.find("\n", end)) if k >= 0]
    return text[lo:min(ends) if ends else len(text)]


def homes(figures, told: list[tuple[int, dict, bool, int]], text: str, source: str) -> list:
    """For each figure no passage holds, the event of its document it belongs to (or None):
    the nearest event before it, else after it, whose curated claims (not extracted ones:
    two copies of a page place their figures alike) already count the figure's measure in
    its kind of unit (a length of time, which anything has,
    only when its sentence shares a word, units of time aside, with what a stored length
    measures); else the event whose passage ends the paragraph just
    before the figure's.  ``told``: ``(start, record, linked, passage end)`` of the
    document's events in text order."""
    from bisect import bisect_right

    where: dict[tuple[str, str], list[int]] = {}   # (measure, unit) -> indexes into told
    about: dict[int, set[str]] = {}                 # told index -> words of its stored durations
    for i, (_s, rec, _l, _e) in enumerate(told):
        keys = set()
        for c in rec.get("claims", ()):
            if is_date(c) or c.get("source") == source or c.get("offsets") is not None:
                continue    # a curated claim of another source (an extracted one has offsets)
            keys.add((canonical(c.get("measure", "")), (bounds(c) or ("",))[0]))
            if canonical(c.get("measure", "")) == "duration":
                about.setdefault(i, set()).update(_words(f"{c.get('subject', '')} {c.get('counts', '')}"))
        for k in keys:
            where.setdefault(k, []).append(i)
    starts = [t[0] for t in told]
    out = []
    for f in figures:
        if getattr(f, "total", "") and told:   # a total is of no one event: the nearest before it, else after
            k = bisect_right(starts, f.start)
            out.append(told[k - 1 if k else 0][1])
            continue
        mine = canonical(f.measure)
        unit = "%" if f.unit == "%" else ("day" if f.unit else "")
        at = where.get((mine, unit), [])
        if mine == "duration":  # anything lasts: a length joins only a length of the same thing
            said = _words(_sentence(text, f.start, f.end)) - _TIME_WORDS
            at = [i for i in at if said & (about.get(i, set()) - _TIME_WORDS)]
        pos = [starts[i] for i in at]
        k = bisect_right(pos, f.start)
        if at:  # the nearest before it, else (all are after it) the first after it
            out.append(told[at[k - 1 if k else 0]][1])
            continue
        # the paragraph right after an event's passage goes on telling it
        j = bisect_right(starts, f.start)
        rec = None
        if j:
            _s, last, _l, end = told[j - 1]
            para = text.rfind("\n", 0, f.start) + 1
            gap = text[end:para]
            if end <= para and not gap.strip() and gap.count("\n") <= 2:
                rec = last
        out.append(rec)
    return out


def date_claim(ev, sid: str, text: str) -> dict:
    s, e = ev.date_offsets
    return {"measure": "date", "value": text[s:e] if e > s else ev.date.text, "amount": None,
            "qualifier": "", "counts": "the date the source gives", "source": sid,
            "section": ev.section, "date": ev.date.to_dict(), "offsets": [s, e] if e > s else [ev.start, ev.start]}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{4,}", text.lower())}


def _adopt(claim: dict, stored: list[dict], sentence: str) -> None:
    """Put ``claim`` under the comparison the stored event makes for its measure."""
    if is_date(claim):
        # the stored date claims that name a start or an end: none (the common case) asks no cue
        named = [c for c in stored if c.get("subject") and is_date(c)] if stored else stored
        if not named:
            return      # no start or end of the event to put it under (the sentence is not read)
        cue = "start" if _START.search(sentence) else ("end" if _END.search(sentence) else "")
        if cue:
            for c in named:
                if re.search(r"\bstart|\bbegin|\bbeginning|\bonset" if cue == "start" else r"\bend\b",
                             c["subject"], re.IGNORECASE):
                    claim["subject"] = c["subject"]
                    return
        return
    if claim.get("subject"):
        return      # a cumulative total names its own subject
    mine = canonical(claim["measure"])
    unit = (bounds(claim) or ("",))[0]
    same = [c for c in stored if not is_date(c) and canonical(c.get("measure", "")) == mine
            and (bounds(c) or (unit,))[0] == unit]
    if not same:
        return
    words = _words(sentence)
    share = {id(c): len(words & _words(f"{c.get('subject', '')} {c.get('counts', '')}")) for c in same}
    best = max(same, key=lambda c: share[id(c)])
    if share[id(best)] == 0 and len({c.get("subject") or c.get("measure") for c in same}) > 1:
        return  # several things of that measure, none named in the sentence: none chosen
    if best.get("subject"):
        claim["subject"] = best["subject"]
    else:
        claim["measure"] = best["measure"]


def own_date_claim(record: dict) -> dict | None:
    """The stored event's own date as a claim of the source it cites first."""
    cites = record.get("citations") or []
    if not cites:
        return None
    d = record["date"]
    return {"measure": "date", "value": d.get("text") or d.get("edtf", ""), "amount": None,
            "qualifier": "", "counts": "the event's date as stored", "source": cites[0].get("source", ""),
            "section": cites[0].get("section", ""), "date": dict(d)}


def link_claims(record: dict, claims: list[dict], sentence: str) -> list[dict]:
    """Add ``claims`` (of a new source) to the stored event ``record``; returns them as added."""
    stored = record.setdefault("claims", [])
    if not claims:
        return []       # nothing to add (a retelling without figures): the stored ones untouched
    # the claims stored before these (one claim, the common case, is compared with them as they are)
    before = list(stored) if len(claims) > 1 else stored
    added = []
    long = None         # whether the event is a long one, when a claim first asks
    for c in claims:
        _adopt(c, before, sentence)
        if not is_date(c) and not c.get("subject") and (long if long is not None else (long := _long(record))):
            moment = _moment(stored, c)
            if moment:
                c["when"] = moment
        if any(x.get("source") == c["source"] and x.get("measure") == c["measure"]
               and x.get("value") == c["value"] and x.get("subject") == c.get("subject") for x in stored):
            continue  # the page says it again (a repeated paragraph): one claim
        if is_date(c) and not c.get("subject") and not any(
                is_date(x) and not x.get("subject") for x in stored):
            own = own_date_claim(record)
            if own is not None and own["source"] != c["source"]:
                stored.append(own)
                if before is not stored:
                    before.append(own)
        stored.append(c)
        added.append(c)
    return added


#: an event longer than this many days is a stretch with moments of its own
LONG_DAYS = 366
#: a retelling's date this many days long at most is one moment of a long event
MOMENT_DAYS = 31


def _long(record: dict) -> bool:
    """Whether an event lasts longer than :data:`LONG_DAYS` days."""
    from datetime import date

    d = record.get("date") or {}
    try:
        return (date.fromisoformat(d["end"]) - date.fromisoformat(d["start"])).days >= LONG_DAYS
    except (KeyError, TypeError, ValueError):
        return False


def _moment(stored: list[dict], claim: dict) -> str:
    """Rule *moments of a long event*: the figure ``claim`` a retelling gives of an event
    longer than :data:`LONG_DAYS` days ("attacks on the camps, 1986-2016") counts the moment
    its source dates last before it on that event ("On 9 February 2013 rockets fell ...,
    killing seven"), when that date is at most :data:`MOMENT_DAYS` days long: ``YYYY-MM-DD``
    or ``start/end`` (``when``, :func:`kb.model.claims.comparison_key`); else ""."""
    from datetime import date

    at = (claim.get("offsets") or [None])[0]
    best = None
    for c in stored:
        if is_date(c) and c.get("source") == claim.get("source") and c.get("offsets") and (
                at is None or c["offsets"][0] <= at) and (best is None or c["offsets"][0] >= best["offsets"][0]):
            best = c
    if best is None:
        return ""
    cd = best["date"]
    try:
        days = (date.fromisoformat(cd["end"]) - date.fromisoformat(cd["start"])).days + 1
    except (KeyError, TypeError, ValueError):
        return ""
    return cd["start"] if days == 1 else f"{cd['start']}/{cd['end']}" if days <= MOMENT_DAYS else ""


def _short(claim: dict) -> str:
    if is_date(claim):
        return str(claim.get("value") or claim["date"].get("text") or "")
    return str(claim.get("value", ""))


def conflicts(event_id: str, claim: dict, versions: list[tuple[str, dict]]) -> dict | None:
    """The versions (``(event id, claim)``) that ``claim`` on ``event_id`` contradicts, as a
    row: ``event``, ``label``, ``here`` and ``there`` (``[value, source, event]`` each);
    None when it contradicts none."""
    key = comparison_key(claim, event_id)
    group = [(eid, v) for eid, v in versions if comparison_key(v, eid) == key]
    if not any(v is claim for _e, v in group):
        group.append((event_id, claim))
    hit = {id(v) for v in against(claim, [v for _e, v in group])}
    there = [[_short(v), _whose(v), eid] for eid, v in group
             if id(v) in hit and voice(v) != voice(claim)]
    if not there:
        return None
    label = claim.get("subject") or claim.get("measure") or "?"
    if claim.get("when") and not claim.get("subject"):
        label = f"{label} on {claim['when']}"       # one moment of a long event
    if is_date(claim) and not claim.get("subject"):
        label = "date"
    return {"event": event_id, "label": label, "here": _short(claim), "there": there}


def _whose(claim: dict) -> str:
    """``000``, or ``d06 (according to Amnesty International)`` for an attributed figure."""
    who = claim.get("attribution")
    return f"{claim.get('source', '?')} ({who})" if who else str(claim.get("source", "?"))


def line(row: dict) -> str:
    """``date of 1965-mek-founded: 5 Sep 1965 here, 6 Sep 1965 in 000``"""
    seen, parts = set(), []
    for value, source, _eid in row["there"]:
        if (value, source) not in seen:
            seen.add((value, source))
            parts.append(f"{value} in {source}")
    return f"{row['label']} ({row['event']}): {row['here']} here, {', '.join(parts)}"
