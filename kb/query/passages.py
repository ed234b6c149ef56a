"""From a claim or citation to the passage of its source that it rests on.

``kb show ID --passages`` asks :func:`passages` for an event's claims and
citations.  A source's text is in the store when the source was ingested
(``kb ingest`` keeps every document's text; the index holds it as the
source's full-text body); the shipped knowledge base's sources are cited by
file and section only, and their text is not shipped.  For each claim and
citation, in this order of evidence:

1. offsets it carries itself (``offsets``: a claim read from a document, or an
   event's own ``offsets`` into its ``document`` for the citation of that
   document) give the passage exactly;
2. else, for a claim, its value as the source words it, found in the text
   (under its section's heading when the heading is found), widened to the
   sentence around it;
3. else, for a citation, the paragraph under its section's heading.

Each passage carries ``start`` and ``end``, character offsets into the
source's text (``text[start:end]``), and for a PDF its ``page``.  When the text is not in the store, or
nothing above finds the passage, the row says so in ``note`` and has no
text: never a guess.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+|\n\s*\n")
_PARAGRAPH_END = re.compile(r"\n\s*\n")
MAX_PASSAGE = 600  # characters of a paragraph shown for a citation


def source_text(con, source_id: str) -> str | None:
    """The text of a source the store holds (an ingested document), else None."""
    row = con.execute("SELECT body FROM fts WHERE kind='source' AND id=?", (source_id,)).fetchone()
    if not row or not row[0]:
        return None
    doc = con.execute("SELECT json_extract(doc, '$.sha256') FROM sources WHERE id=?", (source_id,)).fetchone()
    return row[0] if doc and doc[0] else None   # only an ingested document's body is its text


def passages(con, event: dict) -> list[dict]:
    """One row per claim and citation of ``event``: where its passage is, and the passage."""
    texts: dict[str, str | None] = {}

    def text_of(sid):
        if sid not in texts:
            texts[sid] = source_text(con, sid) if sid else None
        return texts[sid]

    rows = []
    for i, claim in enumerate(event.get("claims", [])):
        sid = claim.get("source", "")
        row = {"for": "claim", "n": i + 1, "source": sid, "section": claim.get("section", ""),
               "value": claim.get("value", "")}
        rows.append({**row, **_locate(text_of(sid), claim.get("offsets"), claim.get("value"), row["section"])})
    own = event.get("offsets") if event.get("document") else None
    for i, cite in enumerate(event.get("citations", [])):
        sid = cite.get("source", "")
        row = {"for": "citation", "n": i + 1, "source": sid, "section": cite.get("section", "")}
        offsets = cite.get("offsets") or (own if sid == event.get("document") else None)
        rows.append({**row, **_locate(text_of(sid), offsets, None, row["section"])})
    return _paged(con, rows)


def _paged(con, rows: list[dict]) -> list[dict]:
    """Each passage of a PDF with its ``page`` ("34", or "34-35" over a page break), from
    the pages its source keeps (:mod:`kb.model.pages`)."""
    import json

    from ..model.pages import pages_of

    known: dict[str, tuple] = {}
    for row in rows:
        sid = row["source"]
        if "start" not in row or not sid:
            continue
        if sid not in known:
            doc = con.execute("SELECT doc FROM sources WHERE id=?", (sid,)).fetchone()
            src = json.loads(doc[0]) if doc else {}
            known[sid] = (src.get("pages") or [], src.get("page_labels"))
        page = pages_of(known[sid][0], row["start"], row["end"], known[sid][1])
        if page:
            row["page"] = page
    return rows


def _locate(text: str | None, offsets, value: str | None, section: str) -> dict:
    if text is None:
        return {"note": "the source's text is not in the store (kb keeps the text of ingested documents only)"}
    if offsets and len(offsets) == 2 and 0 <= offsets[0] <= offsets[1] <= len(text):
        start, end = offsets
        return {"start": start, "end": end, "text": text[start:end]}
    base = _heading_end(text, section)
    if value:
        at = _find(text, value, base)
        if at is None and base:
            at = _find(text, value, 0)
        if at is not None:
            start, end = _sentence(text, *at)
            return {"start": start, "end": end, "text": text[start:end]}
        return {"note": f"the value {value!r} is not found in the source's text"}
    if section and base is not None:
        end = _PARAGRAPH_END.search(text, base + 1)
        stop = min(end.start() if end else len(text), base + MAX_PASSAGE)
        start = len(text) - len(text[base:].lstrip())
        if start < stop:
            return {"start": start, "end": stop, "text": text[start:stop]}
    return {"note": "no offsets, and the section's heading is not found in the source's text"}


def _heading_end(text: str, section: str) -> int | None:
    """Where the text under ``section``'s heading begins, if the heading is in the text."""
    if not section:
        return None
    words = r"\W+".join(re.escape(w) for w in re.findall(r"\w+", section.rstrip("…. ")))
    m = re.search(rf"^\W*{words}[^\n]*\n", text, re.M | re.I) if words else None
    return m.end() if m else None


def _find(text: str, value: str, base: int | None) -> tuple[int, int] | None:
    """``value`` in ``text`` from ``base`` on, whitespace, case and dashes aside."""
    words = [re.escape(w) for w in re.findall(r"\w+", value)]
    if not words:
        return None
    m = re.compile(r"\W+".join(words), re.I).search(text, base or 0)
    return (m.start(), m.end()) if m else None


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around ``start..end``."""
    lo = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end)
    hi = m.start() + len(m.group().rstrip()) if m else len(text)
    return lo, max(hi, end)
