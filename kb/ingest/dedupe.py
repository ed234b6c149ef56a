"""No duplicates: the same document, and events that another document retells.

Contracts:

**Same document.**  A document whose text has the SHA-256 of a source already
in the store (or met earlier in the same run) is not ingested again: the run
reports it as *unchanged* and writes nothing for it, so ingesting a file twice
leaves the store byte for byte as it was.  The hash is over the text as kept
(see :mod:`kb.ingest.reader`), so an HTML file and the same HTML with other
markup but the same visible text count as the same document.

**Retold events.**  A new extracted event *retells* a stored event (from
an earlier run, from the shipped knowledge base, or from an earlier document
of this run) when their date bounds overlap and one of these holds, tried in
this order, the best-scoring candidate winning:

1. *same wording*: the content words of the two texts (folded words of four
   letters or more, minus stopwords) have a Jaccard similarity of at least
   0.5 (0.6 if the bounds are not identical);
2. *same facts*: identical bounds, at least two shared entities and a word
   similarity of at least 0.15 (a paraphrase such as a curated summary);
3. *same day*: identical bounds at day precision, at least one shared
   entity and a word similarity of at least 0.2;
4. *same section*: the new event is a dated heading ("1986: The Group Moves
   to Iraq"), the stored event lies within the heading's bounds, and the
   stored event was told under a heading of the same wording (similarity at
   least 0.5): a page retelling another keeps its section titles.

A retelling adds a citation ``{source, section}`` to the stored event (if that
source is not cited yet) instead of creating a new event; for an extracted
stored event, the entities the new text names are added too.
"""

from __future__ import annotations

import re
from datetime import date

from .. import names as namekeys

_STOP = frozenset(
    "that this with from have were which their there they them then than when what were will "
    "would could should been being into onto over under after before since until about also "
    "more most some such only other these those while where whom whose just like said says "
    "page source describes reports according".split())
_WORDS = re.compile(r"[a-z0-9]{4,}")


def content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORDS.findall(namekeys.fold(text)) if w not in _STOP)


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class _Entry:
    __slots__ = ("record", "start", "end", "precision", "entities", "words", "sections")

    def __init__(self, record: dict):
        d = record["date"]
        self.record = record
        self.start = date.fromisoformat(d["start"])
        self.end = date.fromisoformat(d["end"])
        self.precision = d.get("precision", "")
        self.entities = set(record.get("entities", [])) | set(record.get("places", []))
        self.words = content_words(f"{record.get('title', '')} {record.get('summary', '')}")
        self.sections = [content_words(c["section"]) for c in record.get("citations", [])
                         if c.get("section")]


class EventIndex:
    """Stored events bucketed by year, for finding the one a new event retells."""

    WIDE = 12  # events spanning more years than this go to one list scanned always

    def __init__(self, events: list[dict] = ()):
        self.by_year: dict[int, list[_Entry]] = {}
        self.wide: list[_Entry] = []
        self.ids: set[str] = set()
        for ev in events:
            if ev.get("id") and ev.get("date"):
                self.add(ev)

    def add(self, record: dict) -> None:
        e = _Entry(record)
        self.ids.add(record["id"])
        if e.end.year - e.start.year > self.WIDE:
            self.wide.append(e)
            return
        for y in range(e.start.year, e.end.year + 1):
            self.by_year.setdefault(y, []).append(e)

    def _candidates(self, start: date, end: date):
        seen = set()
        for y in range(start.year, min(end.year, start.year + self.WIDE) + 1):
            for e in self.by_year.get(y, ()):
                if id(e) not in seen:
                    seen.add(id(e))
                    yield e
        yield from self.wide

    def retold(self, start: date, end: date, precision: str, entities: set[str],
               text: str, heading: bool = False) -> dict | None:
        """The stored event this one retells, or None (rules in the module docstring)."""
        words = content_words(text)
        best, best_score = None, 0.0
        for e in self._candidates(start, end):
            if e.start > end or e.end < start:
                continue
            same = e.start == start and e.end == end
            sim = jaccard(words, e.words)
            shared = len(entities & e.entities)
            ok = (sim >= (0.5 if same else 0.6)
                  or (same and shared >= 2 and sim >= 0.15)
                  or (same and precision == "day" and e.precision == "day" and shared >= 1
                      and sim >= 0.2))
            if not ok and heading and start <= e.start and e.end <= end:
                ok = any(jaccard(words, w) >= 0.5 for w in e.sections)
            if ok:
                score = sim + 0.05 * shared + (0.1 if same else 0)
                if score > best_score:
                    best, best_score = e.record, score
        return best


def cite(record: dict, source: str, section: str) -> bool:
    """Add a citation of ``source`` to an event record; False if it was cited already."""
    cites = record.setdefault("citations", [])
    if any(c.get("source") == source for c in cites):
        return False
    cites.append({"source": source, "section": section})
    return True


def source_id(file: str, sha256: str, taken: set[str]) -> str:
    """A stable id for a new source: the file's stem as a slug, made unique by the hash."""
    stem = file.rsplit(".", 1)[0] if "." in file.strip(".") else file
    base = namekeys.slugify(stem) if stem not in ("<stdin>", "") else "stdin"
    if base not in taken:
        return base
    for n in (8, 12, 16, 64):
        candidate = f"{base}-{sha256[:n]}"
        if candidate not in taken:
            return candidate
    raise ValueError("no free source id")  # pragma: no cover
