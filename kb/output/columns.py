"""Which columns each kind of result shows: the bridge from data to output.

Each function takes plain data from :mod:`kb.query` and returns a
:class:`~kb.output.report.Report`.  Column keys are the TSV/CSV column order
documented in the README; JSON always carries the whole objects.
"""

from __future__ import annotations

from ..model.claims import claim_value, range_text, subject
from .report import ChartReport, Column, ProfileReport, RecordReport, Report, StatsReport


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


def _names(row: dict) -> list[str]:
    return row.get("entities", []) + row.get("places", [])


def _date_cell(row: dict) -> str:
    """A long range on two lines ("7 Jun 1986–" / "31 Dec 2016"), so one long
    range does not widen the date column for every row."""
    text = row.get("date") or ""
    if len(text) > DATE_WIDTH and "–" in text:
        head, _, tail = text.partition("–")
        return f"{head}–\n{tail}"
    return text


DATE_WIDTH = 12   # "c. 31 Dec 2016": the longest single date shown
EVENT_COLUMNS = [
    Column("start", "Start", style="dim", no_wrap=True),
    Column("end", "End", style="dim", no_wrap=True),
    Column("id", "ID", style="dim", whole=True),
    Column("title", "Event", style="bold", min_width=20),
    Column("entities", "Who / where", plain=_names, max_width=40, drop=2, min_width=12),
    Column("sources", "Sources", drop=1),
]
# In a terminal the first two columns become one human date.
EVENT_TABLE = [Column("date", "Date", style="cyan", rich=_date_cell, no_wrap=True)] + EVENT_COLUMNS[3:5] + [
    Column("sources", "Src", drop=1), Column("id", "ID", style="dim", whole=True)]


def events(rows: list[dict], title: str | None = None, tty: bool = False) -> Report:
    return Report(rows, EVENT_TABLE if tty else EVENT_COLUMNS, title=title)


RELATED_COLUMNS = [Column("name", "Entity", min_width=16), Column("type", "Type", style="dim", drop=2),
                   Column("events", "Shared events", style="cyan", drop=1),
                   Column("id", "ID", style="dim", whole=True)]
SOURCE_COLUMNS = [
    Column("id", "ID", style="bold", whole=True),
    Column("published", "Published", style="cyan", no_wrap=True, drop=3,
           rich=lambda r: r.get("date") or r.get("published")),
    Column("kind", "Kind", drop=2), Column("title", "Title", min_width=20),
    Column("file", "File", style="dim", drop=4),
]


def profile(who: dict, tty: bool = False) -> ProfileReport:
    """``kb who``: the profile in JSON; its events as the rows of TSV/CSV."""
    return ProfileReport(who["events"], EVENT_TABLE if tty else EVENT_COLUMNS, payload=who,
                         role_lines=[role_text(r) for r in who.get("roles", [])],
                         related_columns=RELATED_COLUMNS, source_columns=SOURCE_COLUMNS)


def candidates(rows: list[dict]) -> Report:
    return Report(rows, ENTITY_COLUMNS, title="Candidates")


HIT_COLUMNS = [
    Column("kind", "Kind", style="dim", drop=2), Column("id", "ID", style="dim", whole=True),
    Column("score", "Score", style="cyan", drop=3), Column("title", "Title", style="bold", drop=1, min_width=16),
    Column("snippet", "Snippet", min_width=20),
]


def hits(rows: list[dict]) -> Report:
    return Report(rows, HIT_COLUMNS)


ENTITY_COLUMNS = [
    Column("id", "ID", style="dim", whole=True), Column("name", "Name", style="bold", min_width=16),
    Column("type", "Type", drop=2), Column("events", "Events", style="cyan", drop=3),
    Column("aliases", "Aliases", max_width=50, drop=1, min_width=16),
]


def entities(rows: list[dict]) -> Report:
    return Report(rows, ENTITY_COLUMNS)


SOURCE_LIST_COLUMNS = SOURCE_COLUMNS + [Column("events", "Events", style="cyan", drop=5)]


def sources(rows: list[dict]) -> Report:
    return Report(rows, SOURCE_LIST_COLUMNS)


CLAIM_COLUMNS = [Column("subject", "Subject", plain=subject, style="bold", min_width=14),
                 Column("value", "Value", style="cyan", min_width=10),
                 Column("counts", "What it counts", drop=2, min_width=14), Column("source", "Source", no_wrap=True),
                 Column("section", "Section", style="dim", drop=1, min_width=14)]
ELSEWHERE_COLUMNS = [Column("measure", "Subject", style="bold", min_width=14),
                     Column("value", "Value", style="cyan", min_width=10),
                     Column("counts", "What it counts", drop=1, min_width=14),
                     Column("source", "Source", no_wrap=True), Column("event", "Event", style="dim", whole=True)]
CITATION_COLUMNS = [Column("source", "Source", style="bold", no_wrap=True), Column("title", "Title", drop=1, min_width=14),
                    Column("section", "Section", style="dim", min_width=14)]
PAGE_COLUMN = Column("page", "Page", plain=lambda c: c.get("page", ""), no_wrap=True)  # a PDF's citations


def _claim_rows(claims: list[dict]) -> list[dict]:
    return [{**c, "value": claim_value(c)} for c in claims]


def _claim_line(c: dict) -> str:
    value = c["value"]
    what = f" ({c['counts']})" if c.get("counts") else ""
    return f"{subject(c)}: {value}{what} [{c.get('source', '?')}]"


def passage_line(p: dict) -> str:
    """``claim 2 [notes] 17:83: On 14 May 2021 ...`` or ``citation 1 [000]: <why there is none>``"""
    where = f"{p['for']} {p['n']} [{p['source']}]"
    if "text" in p:
        page = f" p. {p['page']}" if p.get("page") else ""   # a PDF's page (kb.model.pages)
        return f"{where} {p['start']}:{p['end']}{page}: {p['text']}"
    return f"{where}: {p.get('note', '')}"


PASSAGE_COLUMNS = [Column("for", "For", plain=lambda p: f"{p['for']} {p['n']}", no_wrap=True),
                   Column("source", "Source", no_wrap=True),
                   Column("offsets", "Offsets", plain=lambda p: f"{p['start']}:{p['end']}" if "text" in p else "",
                          no_wrap=True),
                   Column("text", "Passage", plain=lambda p: p.get("text") or f"({p.get('note', '')})",
                          min_width=20)]


def record(obj: dict) -> RecordReport:
    """``kb show``: one record; TSV is ``field<TAB>value`` lines, one per claim and citation too."""
    kind = obj["record"]
    shown = dict(obj)
    tables: dict = {}
    if kind == "event":
        fields = [("id", "id"), ("title", "title"), ("date", "date"), ("date_text", "as written"),
                  ("start", "start"), ("end", "end"), ("precision", "precision"), ("edtf", "edtf"),
                  ("date_rule", "date rule"), ("date_anchor", "anchored to"),
                  ("summary", "summary"), ("entities", "entities"), ("places", "places"),
                  ("tags", "tags"), ("sources", "sources"), ("aliases", "former ids"),
                  ("disputed", "DISPUTED"), ("range", "range")]
        claims = _claim_rows(obj["claims"])
        elsewhere = [{**c, "value": claim_value(c), "measure": m}
                     for m, cs in obj.get("disagreements", {}).items() for c in cs if c.get("event")]
        tables = {"Claims (figures are the sources' claims)": (claims, CLAIM_COLUMNS),
                  "Versions on other events": (elsewhere, ELSEWHERE_COLUMNS),
                  "Citations": (obj.get("cited", []), CITATION_COLUMNS
                                + [PAGE_COLUMN] * any(c.get("page") for c in obj.get("cited", [])))}
        others = {c["measure"] for c in elsewhere}
        shown["disputed"] = [f"{m}: the sources disagree (see the claims"
                             + (" and the versions on other events)" if m in others else ")")
                             for m in obj.get("disputed", [])]
        ranges = [range_text(r) for r in obj.get("range", [])]
        shown["range"] = "\n".join(ranges)
        extra_rows = [{"key": "range", "value": r} for r in ranges]
        extra_rows += [{"key": "claim", "value": _claim_line(c)} for c in claims]
        extra_rows += [{"key": "version", "value": f"{_claim_line(c)} on {c['event']}"} for c in elsewhere]
        extra_rows += [{"key": "citation", "value": f"{c['source']}: {c.get('section', '')}"
                        + (f", p. {c['page']}" if c.get("page") else "")} for c in obj.get("citations", [])]
        if "passages" in obj:
            extra_rows += [{"key": "passage", "value": passage_line(p)} for p in obj["passages"]]
            tables["Passages"] = (obj["passages"], PASSAGE_COLUMNS[:3]
                                  + [PAGE_COLUMN] * any(p.get("page") for p in obj["passages"])
                                  + PASSAGE_COLUMNS[3:])
    elif kind == "entity":
        fields = [("id", "id"), ("name", "name"), ("type", "type"), ("aliases", "aliases"),
                  ("ambiguous", "shared aliases"), ("description", "description"),
                  ("roles", "roles"), ("events", "events"), ("sources", "sources")]
        shown["roles"] = [role_text(r) for r in obj.get("roles", [])]
        extra_rows = []
    else:
        fields = [("id", "id"), ("title", "title"), ("publisher", "publisher"),
                  ("date", "published"), ("published", "published (EDTF)"), ("kind", "kind"),
                  ("file", "file"), ("events", "events")]
        extra_rows = []
    rows = [{"key": k, "value": shown.get(k)} for k, _ in fields
            if shown.get(k) not in (None, "", []) and k != "range"]  # ranges: one line each, below
    return RecordReport(rows + extra_rows, [Column("key", "Field"), Column("value", "Value")],
                        payload=obj, tables=tables, shown=shown,
                        fields=[Column(k, label) for k, label in fields])


def stats(st: dict) -> StatsReport:
    rows = [{"key": k, "value": st[k]} for k in
            ("events", "entities", "sources", "claims", "disputed_events", "first", "last")]
    rows += [{"key": f"type:{t}", "value": n} for t, n in st["entities_by_type"].items()]
    rows += [{"key": d["decade"], "value": d["events"]} for d in st["events_per_decade"]]
    return StatsReport(rows, [Column("key", "Key"), Column("value", "Value")], payload=st)


CONFLICT_COLUMNS = [
    Column("event", "Event ID", style="dim", whole=True), Column("measure", "Measure", style="bold", min_width=14),
    Column("source", "Source", style="cyan", no_wrap=True), Column("value", "Value", style="bold yellow", min_width=10),
    Column("counts", "What it counts", drop=2, min_width=14), Column("title", "Event", max_width=40, drop=1, min_width=14),
]


def conflicts(rows: list[dict]) -> Report:
    return Report(rows, CONFLICT_COLUMNS)


CLAIM_LIST_COLUMNS = [
    Column("event", "Event", style="dim", whole=True), Column("measure", "Measure", drop=3),
    Column("subject", "Subject", style="bold", min_width=14), Column("value", "Value", style="cyan", min_width=10),
    Column("counts", "What it counts", drop=2, min_width=14), Column("source", "Source", no_wrap=True),
    Column("section", "Section", style="dim", drop=1, min_width=14),
    Column("disputed", "Disputed", plain=lambda r: "disputed" if r.get("disputed") else "", drop=4),
]


def claims(rows: list[dict]) -> Report:
    """``kb claims``: one row per claim."""
    return Report(rows, CLAIM_LIST_COLUMNS)


TAG_COLUMNS = [Column("tag", "Tag", style="bold", whole=True), Column("events", "Events", style="cyan"),
               Column("first", "First", style="dim", no_wrap=True), Column("last", "Last", style="dim", no_wrap=True)]


def tags(rows: list[dict]) -> Report:
    """``kb tags``: one row per tag."""
    return Report(rows, TAG_COLUMNS)


CHART_COLUMNS = [Column("period", "Period", style="bold", no_wrap=True), Column("events", "Events", style="cyan")]
YEARS_AT_MOST = 40  # a chart of events spread over more years than this counts decades


def chart(years: list[tuple[int, int]], since: int | None = None, title: str = "Events") -> ChartReport:
    """``kb timeline --chart``: ``(year, events)`` counts (an event that began before
    the range asked, year ``since``, counts in that first year), per year, or per
    decade when they spread over more than :data:`YEARS_AT_MOST` years; every
    period between the first and the last is a row, empty ones too."""
    counts: dict[int, int] = {}
    for y, n in years:
        y = max(y, since or y)
        counts[y] = counts.get(y, 0) + n
    if not counts:
        return ChartReport([], CHART_COLUMNS, title=title)
    step = 1 if max(counts) - min(counts) < YEARS_AT_MOST else 10
    periods: dict[int, int] = {}
    for y, n in counts.items():
        periods[y - y % step] = periods.get(y - y % step, 0) + n
    first, last = min(periods), max(periods)
    out = [{"period": str(p) if step == 1 else f"{p}s", "events": periods.get(p, 0)}
           for p in range(first, last + 1, step)]
    return ChartReport(out, CHART_COLUMNS, title=f"{title} per {'year' if step == 1 else 'decade'}")
