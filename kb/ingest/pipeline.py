"""The ingest run: read every input, extract, deduplicate, write once.

Contract of :func:`ingest`:

* Inputs are read first, outside the lock; an input that cannot be read
  (see :mod:`kb.ingest.reader`) is reported as *failed* with its one-line
  message, and the others go on.
* The store is :func:`kb.store.write_path` (``--db``/``KB_DB``, else the user
  store, seeded from the shipped knowledge base on its first write).  The
  whole run then happens under :func:`kb.store.writer.editing`: the store is
  read and checked, the cross-process lock is taken (the store is read again
  if it changed meanwhile), the changes are computed and applied, and the
  file is replaced atomically once, at the end.  Two runs at once therefore
  serialise and lose nothing; a run that fails or is interrupted before the
  replace leaves the previous file as it was.
* The cost of a run follows its documents, not the store: the store is read
  once, keeping only what the run looks records up by (source hashes and
  ids, the alias table, event ids, the years of events), never every record
  (the alias table, :class:`kb.ingest.asked.KeyedAliasTable`, is made at once from the
  name keys a fresh index holds, else from each name folded once);
  a stored record is read again only to be compared (the events of the
  years a new event falls in, :class:`kb.ingest.eventindex.EventIndex`) or
  changed; the write copies the records it does not change
  (:meth:`kb.store.writer.Edit.write`).  With a fresh index and documents
  small beside the store (:data:`ASK_RATIO`) the store is not read at all:
  each lookup is asked of the index when first made (:mod:`kb.ingest.asked`),
  so one document into a large store pays for the names, years and subjects
  it touches.  The run knows each record it adds
  and each it changes (:class:`_Run`'s ``new_*`` and ``changed_*``, then the
  edit's ``added`` and ``replaced``).
* The store must be one kb can read, every record sound: the file and its
  records are checked (:mod:`kb.store.check`, the same checks as the index
  build's) before the lock is taken, and a store that fails is reported in
  one line (:class:`~kb.errors.StoreError`, exit 2) and left untouched.
* ``dry_run`` reads and checks the store without the lock
  (:func:`kb.store.writer.peek`) and writes nothing; the summary is the same as a
  real run would report.
* What is added: one source per new document (``text``, ``sha256``,
  ``file``, ``title``, ``published``, ``kind: "ingested document"``), one event
  per dated sentence or clause that no stored event already tells
  (:mod:`kb.ingest.dedupe`), one entity per new name; known entities gain the
  new source in ``sources`` and any new spelling in ``aliases``.
* The result is a :class:`Summary`: plain data, one row per input.
"""

from __future__ import annotations

import functools
import gc
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from ..collector import paused
from .. import names as namekeys
from ..dates import DateError, DateSpan, parse_bound
from ..errors import KbError
from ..store import write_path
from ..model.pages import page_field
from .dedupe import cite, measures_of, source_id
from .eventindex import EventIndex
from .extract import AliasTable, Extractor
from . import reconcile
from .reader import Document, IngestError, read_document

KIND = "ingested document"
# Store bytes per character of input above which a run asks a fresh index for what it looks up
# rather than reading every record (kb.ingest.asked): measured break-even points of about 140
# (10,000 events, ~40 documents) and 900 (100,000 events, ~60 documents); both ways write the same.
ASK_RATIO = 500
# The members of a stored record that _Run's readers (_source, _entity, _event) look at.
READS = {"sources": ("id", "sha256"), "entities": ("id", "name", "aliases", "type"),
         "events": ("id", "date.start", "date.end", "claims")}


@dataclass
class FileResult:
    """What happened to one input."""

    file: str
    status: str                      # "added", "unchanged", "failed"
    source: str = ""
    title: str = ""
    published: str = ""
    events_added: int = 0
    events_linked: int = 0
    entities_added: int = 0
    error: str = ""
    #: one line per claim of this file that contradicts a version in the store
    #: (:func:`kb.ingest.reconcile.line`): "date (1965-mek-founded): 5 September 1965 here, September 6, 1965 in 000"
    disagreements: list[str] = field(default_factory=list)
    #: one line per event of this file linked to a stored one, with the rule's score
    #: ("'In June 1981 I joined the great march...' -> 1981-06-20-demonstration (0.49, retelling)")
    links: list[str] = field(default_factory=list)


@dataclass
class Summary:
    store: str
    dry_run: bool
    files: list[FileResult] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)      # new event records
    entities: list[dict] = field(default_factory=list)    # new entity records
    #: each retelling linked to a stored event: file, event, score, rule, offsets, text
    links: list[dict] = field(default_factory=list)
    #: each contradicted claim (:func:`kb.ingest.reconcile.conflicts` rows) with its file
    conflicts: list[dict] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    def totals(self) -> dict:
        return {k: sum(getattr(f, k) for f in self.files)
                for k in ("events_added", "events_linked", "entities_added")} | {
            "sources_added": sum(f.status == "added" for f in self.files),
            "unchanged": sum(f.status == "unchanged" for f in self.files),
            "failed": len(self.failed)}

    def rows(self) -> list[dict]:
        return [asdict(f) for f in self.files]


# where a clause ends: a semicolon, colon, dash or bracket, or a comma before a word that opens
# a clause (a comma inside a list, "grain, timber and salt", is no break)
_BREAK = re.compile(r"\s*(?:[;:(]|\s[–—-]\s|,(?=\s+(?:and|but|or|where|which|who|whom|whose|while|"
                    r"when|after|before|as|until|because|since|although|though|whereas|so|then|"
                    r"according|killing|leaving|including|prompting)\b))\s*")


def _title(text: str, limit: int = 90) -> str:
    """A short whole clause: the sentence when it is short, else its longest beginning
    (at least 25 characters) that ends at a clause break (``_BREAK``) within ``limit``,
    else its first clause (up to twice ``limit``), else the whole sentence; never cut
    mid-phrase."""
    t = " ".join(text.split()).rstrip(".")
    if len(t) <= limit:
        return t
    cuts = [m.start() for m in _BREAK.finditer(t)]
    fit = [c for c in cuts if 25 <= c <= limit]
    if fit:
        return t[:fit[-1]]
    later = [c for c in cuts if c > limit]
    return t[:later[0]] if later and later[0] <= 2 * limit else t


def _summary(text: str, limit: int = 700) -> str:
    """The passage, whole (it is bounded: :data:`kb.ingest.extract.PASSAGE_CHARS`); a longer
    text ends at its last sentence end within ``limit``."""
    t = " ".join(text.split())
    if len(t) <= limit:
        return t
    cut = t[:limit]
    k = max(cut.rfind(". "), cut.rfind("; "))
    return cut[:k + 1] if k > 0 else cut.rsplit(" ", 1)[0]


def _source_row(s: dict) -> list:
    """What :meth:`_Run._source` keeps of a source: its id and hash."""
    return [s["id"], s.get("sha256") or ""]


def _entity_row(e: dict, known: dict | None = None) -> list:
    """What :meth:`_Run._entity` keeps of an entity, and the keys of its names
    (:func:`kb.ingest.aliases.name_keys`); ``known``: entity id -> a row read, whose keys are
    taken again when its names are the same."""
    entity = (e["id"], e.get("name", e["id"]), e.get("type", "other"), e.get("aliases", []))
    was = known.get(entity[0]) if known else None
    if was is not None and was[1] == entity[1] and was[3] == entity[3]:
        return [*entity, was[4]]
    from .aliases import name_keys

    return [*entity, [(how, key) for how, key, _eid in name_keys((entity,))]]


def _event_row(ev: dict) -> list:
    """What :meth:`_Run._event` keeps of an event: its id, days and subject claims."""
    d = ev["date"]
    return [ev["id"], d["start"], d["end"],
            [c for c in ev.get("claims") or () if isinstance(c, dict) and c.get("subject")]]


@functools.lru_cache(maxsize=1)
def _rows_tag() -> str:
    """A digest of the code that makes and reads rows (this module, the name keys): rows saved
    by another (:mod:`kb.store.saved`) are not read; "" (none read) when a source cannot be."""
    import hashlib

    from ..names import marks, normalize
    from . import aliases

    h = hashlib.sha1()
    try:
        for mod in (__file__, aliases.__file__, namekeys.__file__, normalize.__file__, marks.__file__):
            h.update(Path(mod).read_bytes())
    except (OSError, TypeError, AttributeError):
        return ""
    return h.hexdigest()[:16]


class _Run:
    """The changes of one run, computed against the store's current records.

    Made while the store is read (``edit``: a :class:`kb.store.writer.Edit`,
    or None for no store); keeps lookups, not records (module docstring).
    """

    def __init__(self, edit=None, text_size: int = 0):
        self.edit = edit
        self.sha: dict[str, str] = {}
        self.source_ids: set[str] = set()
        self.table = AliasTable()
        self.entity_key: dict[str, str] = {}    # stored entity id -> document number
        self.event_key: dict[str, str] = {}     # stored event id -> document number
        self.event_ids: set[str] = set()        # new in this run
        self._next_n: dict[str, int] = {}
        # a named subject -> [(event id, claim)]: every claim of the store and of this run that
        # names it, so a claim that takes a subject is compared with them all
        self.by_subject: dict[str, list] = {}
        loads = (None, None) if edit is None else (
            lambda key: edit.record("events", key), lambda key: edit.exact("events", key))
        # Asking the index costs per document what reading the store costs per record: it is
        # asked when the documents are small beside the store (ASK_RATIO), else the store is read.
        few = edit is not None and edit.stat is not None and text_size * ASK_RATIO <= edit.stat.st_size
        asker = edit.ask() if few else None
        saved = None
        if asker is None and edit is not None and edit.stat is not None:
            # the stored events' saved features, if fresh (a run that asks the index decodes
            # only the years it meets, and does not pay for reading or writing them)
            from .features import Saved

            saved = Saved.open(edit.target, edit.stat)
        self.index = EventIndex(load=loads[0], exact=loads[1], asker=asker, saved=saved)
        if asker is not None:  # a fresh index: asked what the run looks up, as it does
            self._ask(asker)
        elif edit is not None:
            self._entities: list[tuple[str, str, str, list[str]]] = []
            self._keys: list[tuple[str, str, str]] | None = None  # the name keys the rows held
            self._rows_read: dict[str, list] = {}  # entity id -> its row, as read
            with paused():  # what is kept of every record makes many objects and no cycles
                edit.read({"sources": self._source, "entities": self._entity, "events": self._event},
                          only=READS, keys=True,  # from a fresh index when there is one
                          rows=self._rows())  # else saved by the last write, or from the file
                self._alias_table(edit.name_keys if self._keys is None else self._keys)
        self.extractor = Extractor(self.table)
        self.new_sources: list[dict] = []
        self.new_events: list[dict] = []
        self.new_entities: dict[str, dict] = {}
        self.changed_events: dict[str, dict] = {}     # document number -> record (changed)
        self.changed_entities: dict[str, dict] = {}   # stored id -> record (changed)
        self._stored: dict[str, dict] = {}            # stored entity id -> record, once read
        self._sources_of: dict[str, set[str]] = {}    # entity id -> its sources, once asked
        self.links: list[dict] = []
        self.conflicts: list[dict] = []

    # -- reading the store: what the run looks things up by --------------------------------
    def _ask(self, asker) -> None:
        """The lookups as :mod:`kb.ingest.asked` mappings over the index (``asker``): the
        same answers as the tables :meth:`_source`, :meth:`_entity` and :meth:`_event` fill."""
        from .asked import Asked, AskedAliasTable, AskedSet

        self.sha = Asked(asker.source_of_hash)
        self.source_ids = AskedSet(asker.has_source)
        self.table = AskedAliasTable(asker)
        self.entity_key = Asked(lambda eid: (asker.entity(eid) or (None,))[0])
        self.event_key = Asked(asker.event_key)
        self.by_subject = Asked(asker.claims_about)

    def _source(self, key: str, s: dict) -> None:
        self._source_from(key, _source_row(s))

    def _entity(self, key: str, e: dict) -> None:
        self.entity_key[e["id"]] = key
        self._entities.append((e["id"], e.get("name", e["id"]), e.get("type", "other"), e.get("aliases", [])))

    # Rows (kb.store.edit.Rows): what the readers above keep of a record, as plain data the
    # next write may read instead of the store (kb.store.saved); the id first.
    def _rows(self):
        from ..store.saved import Rows

        known = self._rows_read  # entity id -> its row, as read (no cycle through the run)
        return Rows({"sources": _source_row, "entities": lambda e: _entity_row(e, known),
                     "events": _event_row},
                    {"sources": self._source_from, "entities": self._entity_from,
                     "events": self._event_from}, _rows_tag())

    def _source_from(self, key: str, row: list) -> None:
        if row[1]:
            self.sha[row[1]] = row[0]
        self.source_ids.add(row[0])

    def _entity_from(self, key: str, row: list) -> None:
        eid = row[0]
        self.entity_key[eid] = key
        self._rows_read[eid] = row
        self._entities.append((eid, row[1], row[2], row[3]))
        if self._keys is None:
            self._keys = []
        self._keys += [(how, k, eid) for how, k in row[4]]

    def _event_from(self, key: str, row: list) -> None:
        eid = row[0]
        self.event_key[eid] = key
        for c in row[3]:
            self.by_subject.setdefault(c["subject"], []).append((eid, c))
        self.index.add_stored(key, row[1], row[2])

    def _alias_table(self, keys: list | None) -> None:
        """The alias table of the stored entities, made at once
        (:class:`kb.ingest.asked.KeyedAliasTable`) from their name keys: the index's when the
        records came from the index, else each name folded (:func:`kb.ingest.aliases.name_keys`)."""
        from .aliases import name_keys
        from .asked import KeyedAliasTable

        self.table = KeyedAliasTable(self._entities, name_keys(self._entities) if keys is None else keys)
        del self._entities

    def _event(self, key: str, ev: dict) -> None:
        self._event_from(key, _event_row(ev))

    def _entity_record(self, eid: str) -> dict | None:
        """The record of entity ``eid``: new in this run, or stored (read once, to be changed)."""
        rec = self.new_entities.get(eid) or self._stored.get(eid)
        if rec is None and eid in self.entity_key:
            rec = self._stored[eid] = self.edit.exact("entities", self.entity_key[eid])
        return rec

    def _cites(self, eid: str, rec: dict, sid: str) -> bool:
        """Add source ``sid`` to an entity's sources; False if it was there."""
        have = self._sources_of.get(eid)
        if have is None:
            have = self._sources_of[eid] = set(rec.setdefault("sources", []))
        if sid in have:
            return False
        have.add(sid)
        rec["sources"].append(sid)
        return True

    def _event_id(self, span: DateSpan, title: str) -> str:
        words = [w for w in namekeys.fold(title).split() if w not in namekeys.STOPWORDS][:6]
        base = f"{span.start.isoformat()}-{'-'.join(words)}"[:70].rstrip("-")
        # The first free of base, base-2, base-3...; ids are never freed, so the search
        # for a base goes on from where it last stopped.
        n = self._next_n.get(base, 1)
        eid = base if n == 1 else f"{base}-{n}"
        while eid in self.event_ids or eid in self.event_key:
            n += 1
            eid = f"{base}-{n}"
        self._next_n[base] = n
        self.event_ids.add(eid)
        return eid

    def add(self, doc: Document, result: FileResult) -> None:
        if doc.sha256 in self.sha:
            result.status, result.source = "unchanged", self.sha[doc.sha256]
            return
        sid = source_id(doc.file, doc.sha256, self.source_ids)
        self.source_ids.add(sid)
        self.sha[doc.sha256] = sid
        result.source = sid
        ex = self.extractor.extract(doc.text, doc.published)
        src = {"id": sid, "title": doc.title, "file": doc.file, "text": doc.text,
               "sha256": doc.sha256, "kind": KIND, "format": doc.format,
               "published": doc.published.to_dict() if doc.published else None,
               "publisher": ""}
        src.update((k, v) for k, v in (("pages", doc.pages), ("page_labels", doc.page_labels)) if v)
        self.new_sources.append(src)
        result.published = doc.published.edtf if doc.published else ""

        for ne in ex.new_entities.values():
            rec = {"id": ne.id, "name": ne.name, "type": ne.type, "aliases": list(ne.aliases),
                   "ambiguous": [], "description": "", "roles": [], "sources": [sid],
                   "extracted": True}
            self.new_entities[ne.id] = rec
            result.entities_added += 1
        for eid in ex.mentioned:
            rec = self._entity_record(eid)
            if rec is None:
                continue
            if self._cites(eid, rec, sid):
                if eid not in self.new_entities:
                    self.changed_entities[eid] = rec
        for eid, spellings in ex.new_aliases.items():
            rec = self._entity_record(eid)
            if rec is None:
                continue
            aliases = rec.setdefault("aliases", [])
            for s in sorted(spellings):
                if s not in aliases and s != rec.get("name"):
                    aliases.append(s)
                    if eid not in self.new_entities:
                        self.changed_entities[eid] = rec

        types = self.table.types
        shown: dict[tuple[int, int], tuple[str, str]] = {}   # passage -> (title, summary), once each
        told: list[tuple[int, dict, bool, int]] = []   # (start, record, linked, passage end) a document
        for ev in ex.events:
            ents = set(ev.entities)
            claims = reconcile.figure_claims(ev, sid)
            passage = doc.text[ev.start:ev.passage_end]
            old = self.index.retold(ev.date.start, ev.date.end, ev.date.precision, ents, ev.text,
                                     ev.heading, "" if ev.inner else sid, measures_of(claims))
            if old is not None:
                changed = cite(old, sid, ev.section, **page_field(doc.pages, doc.page_labels, ev.start))
                if old.get("extracted"):
                    have = set(old.get("entities", [])) | set(old.get("places", []))
                    for e in ev.entities:
                        if e not in have:
                            key = "places" if types.get(e) == "place" else "entities"
                            old.setdefault(key, []).append(e)
                            changed = True
                ds, de = ev.date_offsets
                dated = doc.text[max(ev.start, ds - 60):min(ev.end, de + 40)]   # the words around the date
                added = reconcile.link_claims(old, [reconcile.date_claim(ev, sid, doc.text)], dated)
                added += reconcile.link_claims(old, claims, passage)
                changed = changed or bool(added)
                if changed and old["id"] in self.event_key:
                    self.changed_events[self.event_key[old["id"]]] = old
                result.events_linked += 1
                self.links.append({"file": doc.file, "event": old["id"], "offsets": [ev.start, ev.passage_end],
                                   "text": ev.text, **self.index.last_match})
                short = " ".join(ev.text.split())
                short = short if len(short) <= 60 else short[:60].rsplit(" ", 1)[0] + "..."
                result.links.append(f"'{short}' -> {old['id']} ({self.index.last_match.get('score', 0):.2f}, "
                                    f"{self.index.last_match.get('rule', '')})")
                self._disagreements(old, added, result, doc.file)
                told.append((ev.start, old, True, ev.passage_end))
                continue
            got = shown.get((ev.start, ev.passage_end))
            if got is None:
                got = shown[ev.start, ev.passage_end] = (
                    ev.section if ev.heading else _title(ev.text), _summary(passage))
            title, summary = got
            rec = {
                "id": self._event_id(ev.date, title),
                "title": title,
                "summary": summary,
                "date": ev.date.to_dict(),
                "entities": [e for e in ev.entities if types.get(e) != "place"],
                "places": [e for e in ev.entities if types.get(e) == "place"],
                "tags": [],
                "claims": claims,
                "citations": [{"source": sid, "section": ev.section,
                               **page_field(doc.pages, doc.page_labels, ev.start)}],
                "document": sid,
                "offsets": [ev.start, ev.end],
                "extracted": True,
            }
            self.new_events.append(rec)
            self.index.add(rec)
            result.events_added += 1
            # a claim with a subject of its own (a total) is compared store-wide, linked or not
            self._disagreements(rec, [c for c in claims if c.get("subject")], result, doc.file)
            told.append((ev.start, rec, False, ev.passage_end))
        self._loose(ex.loose, told, doc, sid, result)
        if doc.pages:   # a PDF: a claim read from it records its page, as its citations do
            for rec in (*self.new_events, *self.changed_events.values()):
                for c in rec.get("claims", ()):
                    if c.get("source") == sid and c.get("offsets") and "page" not in c:
                        c.update(page_field(doc.pages, doc.page_labels, c["offsets"][0]))
        result.status = "added"

    def _loose(self, figures, told, doc, sid: str, result: FileResult) -> None:
        """Each figure no event's passage holds joins the event of its document that already
        counts that measure (in the same kind of unit): the nearest before it, else after it.
        A figure no event counts is left out (:func:`kb.ingest.reconcile.homes`)."""
        for f, rec in zip(figures, reconcile.homes(figures, told, doc.text, sid)):
            if rec is None:
                continue
            [claim] = reconcile.figure_claims_of([f], sid, rec["citations"][-1].get("section", ""))
            linked = any(r is rec and was for _s, r, was, _e in told)
            if linked:
                added = reconcile.link_claims(rec, [claim], doc.text[max(0, f.start - 200):f.end + 100])
                if rec["id"] in self.event_key:
                    self.changed_events[self.event_key[rec["id"]]] = rec
                self._disagreements(rec, added, result, doc.file)
            else:
                rec["claims"].append(claim)
                if claim.get("subject"):
                    self._disagreements(rec, [claim], result, doc.file)

    def _disagreements(self, record: dict, added: list[dict], result: FileResult, file: str) -> None:
        """Compare each claim a document added to ``record`` with the versions in the store."""
        eid = record["id"]
        for c in added:
            versions = [(eid, v) for v in record.get("claims", [])]
            if c.get("subject"):
                versions += [x for x in self.by_subject.get(c["subject"], ()) if x[0] != eid]
            row = reconcile.conflicts(eid, c, versions)
            if row is not None:
                result.disagreements.append(reconcile.line(row))
                self.conflicts.append({"file": file, **row})
            if c.get("subject"):
                self.by_subject.setdefault(c["subject"], []).append((eid, c))

    def apply(self, edit) -> None:
        """Hand the changes to the edit of the store (inside :func:`kb.store.writer.editing`)."""
        if not (self.new_sources or self.changed_events or self.changed_entities):
            return
        for table, records in (("sources", self.new_sources), ("entities", self.new_entities.values()),
                               ("events", self.new_events)):
            for rec in records:
                edit.add(table, rec)
        for key, rec in self.changed_events.items():
            edit.replace("events", key, rec)
        for eid, rec in self.changed_entities.items():
            edit.replace("entities", self.entity_key[eid], rec)


def _read_all(inputs: Iterable[str], title: str | None, published: DateSpan | None,
              stdin) -> list[tuple[str, Document | None, str]]:
    out = []
    for name in inputs:
        try:
            out.append((name, read_document(name, title=title, date=published, stdin=stdin), ""))
        except IngestError as e:
            out.append((name, None, str(e)))
    return out


def parse_published(date: str | None) -> DateSpan | None:
    if date is None:
        return None
    try:
        return parse_bound(date)  # as timeline reads a date: ISO shapes strictly, kb's own EDTF
    except DateError as e:
        raise KbError(f"--date: {e}") from None


def ingest(inputs: list[str], db: str | None = None, title: str | None = None,
           date: str | None = None, dry_run: bool = False,
           progress: Callable[[str], None] | None = None, stdin=None,
           store_path: Path | None = None) -> Summary:
    """Ingest ``inputs`` into the store (see the module docstring)."""
    published = parse_published(date)
    if inputs.count("-") > 1:
        raise KbError("'-' (standard input) can be given once")
    path = store_path or write_path(db)
    summary = Summary(store=str(path), dry_run=dry_run)
    docs = _read_all(inputs, title, published, stdin)

    def run(r: _Run) -> _Run:
        for name, doc, error in docs:
            res = FileResult(file=name, status="failed", error=error)
            if doc is not None:
                res.title = doc.title
                r.add(doc, res)
                # What a document leaves alive (the store's lookups, stored events read to be
                # compared, the run's records) lives to the end of the run: the cyclic
                # collector is told not to walk it again and again (on a store of 100,000
                # events its full passes took more time than the search itself).
                gc.freeze()
            summary.files.append(res)
            if progress:
                progress(name)
        summary.events = r.new_events
        summary.entities = list(r.new_entities.values())
        summary.links, summary.conflicts = r.links, r.conflicts
        return r

    from functools import partial

    from ..store.writer import editing, peek

    make = partial(_Run, text_size=sum(len(doc.text) for _n, doc, _e in docs if doc is not None))
    try:
        if dry_run:
            run(peek(path, make))
            return summary
        if not any(doc for _n, doc, _e in docs):
            run(_Run())  # nothing readable: report, write nothing
            return summary
        from .features import save

        runs: list[_Run] = []  # the run whose changes are written (made again if the store changed)
        with editing(path, make, written=lambda edit: save(edit, runs[-1].index)) as (edit, r):
            runs.append(r)
            run(r).apply(edit)
        return summary
    finally:
        gc.unfreeze()
