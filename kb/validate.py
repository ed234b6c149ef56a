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
  quotation marks;
* an event's former ids (``aliases``) are no other event's id or former id.

With the seed documents at hand (``../shared/seeds`` beside the repository,
or the folder ``$KB_SEEDS`` names; :func:`seed_folder`), every record that
cites a source whose ``file`` is there is also checked against its text
(:func:`check_seeds`):

* every citation, claim and role names a ``section`` that is a heading of its
  source: a line of it, the end of a line (a heading glued to a caption), or,
  written cut short with "…", the start of one;
* a cited heading is not bare, and the passage under it holds at least one
  of the event's own names (its entities' and places' names and aliases) or
  figures (its claims' values and amounts, its date's words, the years of its
  bounds): a heading with nothing under it supports nothing;
* every claim's value is in its source, as the source words it (whitespace,
  quotes, dashes and case aside), under the heading it cites;
* every source an entity lists names it (a name inside a longer name of
  another entity does not count: "Reza Pahlavi" in "Mohammad Reza Pahlavi");
* every sentence of an event's title and summary that gives a figure of one
  of its claims says whose figure it is: it names a source ("000", "the
  page") or uses a verb of attribution (says, reports, according to, ...).

A heading, in a source's text, is a line of at most :data:`HEADING_MAX`
characters that does not end a sentence (no final ``. ! ? : ; ,``, also
inside closing quotes), is not a list item or a byline, and whose longer
words are capitalised ("The MEK and the Iran-Iraq War"); a line that repeats
within four lines (a photo caption printed around a title) is not one.  A
heading is *bare* when the next line with text is another heading.  The
passage of a cited heading runs to the next *section*: a line that a section
of the store names, or a heading printed three times or more ("Continue
Reading"); a sub-heading inside it (a speaker's name, say) does not end it.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path

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


def seed_folder() -> Path | None:
    """The folder of seed documents: ``$KB_SEEDS``, else ``../shared/seeds`` beside
    the repository; None when it is not there."""
    named = os.environ.get("KB_SEEDS")
    folder = Path(named) if named else Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
    return folder if folder.is_dir() else None


def validate(data: dict, seeds: Path | None = None) -> list[str]:
    """Every problem of a store's records: ``data`` maps each table to a list of
    records, or to its records by document number as the file holds them.
    With ``seeds`` (a folder of the sources' files), the records are also
    checked against the sources' text (:func:`kb.validate_seeds.check`)."""
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
    problems += _former_ids(data["events"])
    if seeds is not None:
        problems += check_seeds(data, seeds)
    return problems


def _former_ids(events: list[dict]) -> list[str]:
    out = []
    ids = {ev["id"] for ev in events}
    seen: dict[str, str] = {}
    for ev in events:
        for alias in ev.get("aliases", []):
            if alias in ids:
                out.append(f"event {ev['id']}: former id {alias!r} is the id of an event")
            elif alias in seen and seen[alias] != ev["id"]:
                out.append(f"event {ev['id']}: former id {alias!r} is also a former id of {seen[alias]}")
            seen[alias] = ev["id"]
    return out


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


# -- checks against the sources' text ---------------------------------------------------

HEADING_MAX = 160
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = {**dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'"),
           **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"), '"')}
_ENDS_SENTENCE = re.compile(r"[.!?:;,][\"')\]]*$")
_LIST_ITEM = re.compile(r"^(?:[-•*·▪●]|\d+[.)])\s")
_BYLINE = re.compile(r"(?:by|written by|posted by|photo credit)\b", re.I)
# Words a title leaves in lower case ("A Failed Coup within the MEK").
_SMALL_WORDS = frozenset("""about above across after against along among around before behind below beside
    between beyond during from into like near onto over past since than that their then this through
    toward towards under until upon with within without when where while whose""".split())
_CUT = re.compile(r"(?:…|\.\.\.)[\"')\]]*$")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w)|(?<![\w.,])\d+(?:\.\d+)?(?:st|nd|rd|th|%)?(?![\w,])")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_DATE_NUMBER = re.compile(r"(?:%s)\s+\d{1,2}\b|\b\d{1,2}\s+(?:%s)" % ("|".join(_MONTHS), "|".join(_MONTHS)))
# Verbs that say whose words these are, and the words kb uses for a source ("the page says").
# Forms that are also common nouns ("the state", "a list") are left out; a past participle
# after a form of "be" is passive ("deaths were reported") and names no one.
ATTRIBUTION = ("say", "says", "said", "report", "reports", "reported", "according to", "claim", "claims",
               "claimed", "describe", "describes", "described", "write", "writes", "wrote", "gives",
               "gave", "puts", "cite", "cites", "cited", "stated", "quote", "quotes", "quoted", "calls",
               "estimates", "tell", "tells", "told", "speaks of", "spoke of", "attributes", "attributed",
               "adds", "added", "noted", "recounts", "alleges", "alleged", "credits", "credited",
               "acknowledge", "acknowledges", "acknowledged", "admit", "admits", "admitted",
               "argue", "argues", "argued", "in the words of")
SOURCE_WORDS = ("page", "pages", "article", "articles", "source", "sources", "listing", "caption",
                "teaser", "item", "interview", "speech", "statement", "book")
_ATTRIBUTED = re.compile(r"\b(?:(?P<be>(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?)?(?P<verb>%s)|(?:%s))\b"
                         % ("|".join(re.escape(w) for w in ATTRIBUTION), "|".join(SOURCE_WORDS)))
_SENTENCE_END = re.compile(r"[.!?][\"')\]’”]*\s+(?=[\"'(\[‘“]?[A-Z0-9])")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "mt", "no", "vs", "gen", "col", "lt", "sgt", "jr", "sr"}


def _attributed(sentence: str) -> bool:
    """Whether a sentence says whose words it gives (see :data:`ATTRIBUTION`)."""
    for m in _ATTRIBUTED.finditer(sentence.lower()):
        if not (m.group("be") and m.group("verb")):
            return True
    return False


def _sentences(text: str) -> list[str]:
    """``text`` cut into sentences, not after "Mr." or initials ("U.S.", "F.")."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        word = text[start:m.start()].rsplit(None, 1)[-1] if text[start:m.start()].strip() else ""
        if word.lower() in _ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word):
            continue
        out.append(text[start:m.end()].strip())
        start = m.end()
    return out + [text[start:].strip()]


def _plain(text: str) -> str:
    """Text as compared with a source: NFKC, one kind of quote and dash, lower case, single spaces."""
    import unicodedata

    t = unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_QUOTES)
    return " ".join(t.lower().split())


def _heading_like(raw: str) -> bool:
    """A line that reads as a heading: short, no sentence end, not a list item or
    byline, its longer words capitalised ("The MEK and the Iran-Iraq War")."""
    line = raw.strip()
    if not 0 < len(line) <= HEADING_MAX or _ENDS_SENTENCE.search(line) or _LIST_ITEM.match(line):
        return False
    if _BYLINE.match(line):
        return False
    return all(not w[0].islower() or w.lower() in _SMALL_WORDS for w in re.findall(r"[^\W\d_][\w'’-]{3,}", line))


class _Text:
    """One source's text as lines: its headings, the sections the store names, passages."""

    def __init__(self, text: str):
        raw = text.splitlines()
        self.lines = [_plain(line) for line in raw]
        self.whole = " ".join(line for line in self.lines if line)
        at: dict[str, list[int]] = {}
        for i, line in enumerate(self.lines):
            at.setdefault(line, []).append(i)
        # A caption printed on both sides of a title repeats within four lines: not a heading.
        self.heads = {i for i, line in enumerate(raw) if _heading_like(line)
                      and not any(j != i and abs(j - i) <= 4 for j in at[self.lines[i]])}
        # A heading printed three times or more ("Continue Reading") separates sections.
        self.sections = {i for i in self.heads if len(at[self.lines[i]]) >= 3}
        self._found: dict[str, list[int]] = {}

    def find(self, section: str) -> list[int]:
        """The lines that hold ``section`` as a heading (see the module docstring).
        Call it for every section the store names before asking for a passage."""
        if section not in self._found:
            s = _plain(section)
            cut = _CUT.search(s)
            want = s[:cut.start()].rstrip() if cut else s
            hits = []
            for i, line in enumerate(self.lines):
                if not want:
                    break
                if cut:
                    at = line.find(want)
                    if at == 0 or (at > 0 and len(line) - at <= HEADING_MAX):
                        hits.append(i)
                elif line == want or (len(want.split()) >= 3 and line.endswith(want)):
                    hits.append(i)
            self._found[section] = hits
            self.heads.update(hits)  # a line the store names as a section is a heading
            self.sections.update(hits)
        return self._found[section]

    def bare(self, lines: list[int]) -> bool:
        """Whether every one of these heading lines is followed by another heading
        (blank lines aside) or by nothing: a heading with no text of its own."""
        for i in lines:
            j = next((j for j in range(i + 1, len(self.lines)) if self.lines[j]), None)
            if j is not None and j not in self.heads:
                return False
        return True

    def passage(self, lines: list[int]) -> str:
        """The text of the sections at ``lines``, each to the next section (a
        sub-heading, a heading no record names, does not end it)."""
        out = []
        for i in lines:
            for j in range(i + 1, len(self.lines)):
                if j in self.sections:
                    break
                out.append(self.lines[j])
        return " ".join(x for x in out if x)


def _has(haystack: str, needle: str) -> bool:
    """``needle`` in ``haystack`` (both plain) as whole words."""
    return bool(needle) and re.search(r"(?<!\w)" + re.escape(needle) + r"(?!\w)", haystack) is not None


def _figures(claim: dict) -> set[str]:
    out = {_plain(str(claim.get("value") or ""))}
    amount = claim.get("amount")
    if isinstance(amount, (int, float)) and not isinstance(amount, bool):
        n = int(amount) if float(amount).is_integer() else amount
        out |= {str(n), f"{n:,}"}
    return {x for x in out if x}


def _event_marks(ev: dict, names_of: dict[str, list[str]]) -> set[str]:
    """An event's own names and figures, as plain text."""
    marks = {_plain(n) for eid in ev.get("entities", []) + ev.get("places", []) for n in names_of.get(eid, [])}
    for c in ev.get("claims", []):
        marks |= _figures(c)
        if isinstance(c.get("date"), dict) and c["date"].get("text"):
            marks.add(_plain(c["date"]["text"]))
    d = ev.get("date", {})
    marks |= {_plain(d.get("text", "")), d.get("start", "")[:4], d.get("end", "")[:4]}
    return {m for m in marks if len(m) > 1}


def check_seeds(data: dict, seeds: Path) -> list[str]:
    """The checks against the sources' text (module docstring); ``data`` as
    :func:`validate` has read it.  Sources whose file is not in ``seeds`` are
    not checked."""
    texts: dict[str, _Text] = {}
    for s in data["sources"]:
        path = seeds / s["file"] if s.get("file") else None
        if path and path.is_file():
            texts[s["id"]] = _Text(path.read_text(encoding="utf-8"))
    if not texts:
        return []
    names_of = {e["id"]: list(dict.fromkeys([e["name"], *e.get("aliases", [])])) for e in data["entities"]}
    problems: list[str] = []

    def heading(where: str, sid: str, section) -> list[int]:
        lines = texts[sid].find(section or "")
        if not lines:
            problems.append(f"{where}: no heading {section!r} in source {sid}")
        return lines

    for ev in data["events"]:  # first every heading the store names, so that each ends a passage
        for c in ev.get("citations", []) + ev.get("claims", []):
            if c.get("source") in texts:
                texts[c["source"]].find(c.get("section") or "")
    for ev in data["events"]:
        where = f"event {ev['id']}"
        marks = _event_marks(ev, names_of)
        for c in ev.get("citations", []):
            sid = c.get("source")
            if sid in texts:
                lines = heading(f"{where} citation", sid, c.get("section"))
                if not lines:
                    continue
                if texts[sid].bare(lines):
                    problems.append(f"{where}: cites {sid} {c.get('section')!r}, a heading with no text under it")
                elif not any(_has(texts[sid].passage(lines), m) for m in marks):
                    problems.append(f"{where}: cites {sid} {c.get('section')!r}, whose text names none of "
                                    "the event's entities, places or figures")
        for c in ev.get("claims", []):
            sid = c.get("source")
            if sid in texts:
                value = _plain(str(c.get("value") or ""))
                if not value:
                    continue
                if value not in texts[sid].whole:
                    problems.append(f"{where}: claim {subject_of(c)!r} value {c.get('value')!r} is not in source {sid}")
                elif c.get("section"):
                    lines = heading(f"{where} claim {subject_of(c)!r}", sid, c["section"])
                    if lines and not any(value in texts[sid].lines[i] for i in lines) \
                            and value not in texts[sid].passage(lines):
                        problems.append(f"{where}: claim {subject_of(c)!r} value {c.get('value')!r} is not "
                                        f"under {sid} {c['section']!r}")
        problems += _unattributed(ev, where, set(texts))
    for e in data["entities"]:
        for r in e.get("roles", []):
            if r.get("source") in texts and r.get("section"):
                heading(f"entity {e['id']} role {r.get('role')!r}", r["source"], r["section"])
    problems += _unnamed(data["entities"], texts)
    return problems


def subject_of(claim: dict) -> str:
    return claim.get("subject") or claim.get("measure") or "?"


def _unnamed(entities: list[dict], texts: dict[str, "_Text"]) -> list[str]:
    """Entities that list a source which never names them.  At each place the
    longest name counts, and the names inside it that belong to entities of
    another type ("Ahwaz" in "Ahwaz steelworkers union"); one of the same type
    does not ("Reza Pahlavi" in "Mohammad Reza Pahlavi")."""
    wanted = {sid for e in entities for sid in e.get("sources", []) if sid in texts}
    if not wanted:
        return []
    owner: dict[str, set[str]] = {}
    kind = {e["id"]: e.get("type", "other") for e in entities}
    for e in entities:
        for n in dict.fromkeys([e["name"], *e.get("aliases", [])]):
            if len(_plain(n)) > 1:
                owner.setdefault(_plain(n), set()).add(e["id"])
    named_by: dict[str, set[str]] = {}
    for name, ids in owner.items():
        kinds = {kind[i] for i in ids}
        words = list(re.finditer(r"\w+", name))
        inner = {name[a.start():b.end()] for x, a in enumerate(words) for b in words[x:]}
        named_by[name] = set(ids) | {i for part in inner for i in owner.get(part, ()) if kind[i] not in kinds}
    pattern = re.compile(r"(?<!\w)(?:%s)(?!\w)" % "|".join(map(re.escape, sorted(owner, key=len, reverse=True))))
    named = {sid: set().union(*(named_by[m.group()] for m in pattern.finditer(texts[sid].whole)))
             for sid in wanted}
    return [f"entity {e['id']}: source {sid} never names it" for e in entities
            for sid in e.get("sources", []) if sid in named and e["id"] not in named[sid]]


def _numbers(sentence: str) -> set[float]:
    """The figures a sentence gives (not the days and years of its dates)."""
    bare = _DATE_NUMBER.sub(" ", sentence.lower())
    out = set()
    for m in _NUMBER.finditer(bare):
        text = m.group()
        digits = re.sub(r"(?:st|nd|rd|th|%)$", "", text)
        if re.fullmatch(r"1[89]\d\d|20\d\d", digits):  # a year, not a figure
            continue
        out.add(float(digits.replace(",", "")))
    return out


def _unattributed(ev: dict, where: str, source_ids: set[str]) -> list[str]:
    """Sentences of kb's own title and summary that give a claim's figure, or a source's
    characterisation (a word of ``kb/resources/characterising.txt``, outside quotation
    marks), as a fact: neither attributed nor naming a source."""
    amounts = {float(c["amount"]) for c in ev.get("claims", [])
               if isinstance(c.get("amount"), (int, float)) and not isinstance(c.get("amount"), bool)
               and c.get("measure") != "date"}
    out = []
    # a source's id as a word of its own, not the end of a figure ("75,000" does not name 000)
    ids = re.compile(r"(?<![\w.])(?<!\d,)(?:%s)(?!\w|[.,]\d)" % "|".join(map(re.escape, sorted(source_ids))))
    characterising = _characterising()
    for part in ("title", "summary"):
        for sentence in _sentences(ev.get(part) or ""):
            if _attributed(sentence) or ids.search(sentence):
                continue
            given = _numbers(sentence) & amounts
            if given:
                figure = min(given)
                shown = f"{int(figure):,}" if figure.is_integer() else str(figure)
                out.append(f"{where}: {part} gives the figure {shown} without saying whose it is: "
                           f"{sentence[:80]!r}")
                continue
            word = characterising.search(_QUOTED.sub("", sentence))
            if word:
                out.append(f"{where}: {part} characterises ({word.group().lower()!r}) without saying "
                           f"whose words these are: {sentence[:80]!r}")
    return out


def _characterising() -> re.Pattern:
    """The words of ``kb/resources/characterising.txt`` as one pattern (a word of their own)."""
    from pathlib import Path

    text = (Path(__file__).parent / "resources" / "characterising.txt").read_text(encoding="utf-8")
    words = [w.strip() for w in text.splitlines() if w.strip() and not w.lstrip().startswith("#")]
    return re.compile(r"\b(?:%s)\b" % "|".join(map(re.escape, words)), re.IGNORECASE)


def main(argv: list[str] | None = None) -> int:
    from .errors import EXIT_BAD_INPUT, KbError
    from .store import Tables, shipped_path

    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else shipped_path()
    seeds = seed_folder()
    try:
        problems = validate(Tables(path, digest=False).document() or {}, seeds)
    except KbError as e:  # not a store: one line, as kb itself says it
        print(f"kb.validate: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    for p in problems:
        print(p)
    against = f"checked against the seeds in {seeds}" if seeds else "no seeds found: citations not checked"
    print(f"{path}: {len(problems)} problem(s) ({against})", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
