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
and the others with the others.  Two figures *contradict* (:func:`contradicts`)
when their ranges (:func:`bounds`) do not overlap; a group differs when some
claim of it is contradicted source against source (:func:`against`): by a claim
of another source when neither source gives a figure the other agrees with
(so a page and its copy never differ, whatever else each counts), or by a claim
of its own source when both name their subject.  A figure a source attributes
to someone ("according to Amnesty International") is that one's voice, not the
source's own.  A figure's range comes from its ``low``/``high``
(an ingested "between 4,000 and 5,000", "tens of thousands"), else from its
amount and qualifier, the qualifier read from the value's own words first,
then from ``qualifier``:

* a bare number is itself: 140 and 142 differ;
* *about* (about, some, around, roughly, approximately, an estimated...): 5 %
  either side, so "some 1,500" and "1,500" agree and "about 7,000" and "around
  8,000" do not;
* *nearly* (nearly, almost, close to, just under): up to 10 % below;
* *a lower bound* (more than, over, at least, upwards of...): the number and
  up to 10 % above it.  A source that gives "more than 100,000" gives 100,000
  as its figure (one that knew of 120,000 would have said so), so "more than
  30,000" and 30,000 agree, while "more than 100,000" and 120,000, or "more
  than seventy towns" and 140 cities, are different figures and are listed
  as a disagreement, for the reader to judge;
* *an upper bound* (up to, at most, fewer than, less than, under, within...):
  the number and up to 10 % below it, by the same reasoning;
* *a magnitude* ("dozens", "hundreds", "thousands", "tens of thousands",
  "several thousand"...): the numbers of that many digits (thousands:
  1,000-9,999).

Only figures of one kind of unit are compared: durations (converted to days:
"more than a week" and "about five days" differ), shares (per cent) and counts.
A claim with no figure (a vague "many", "the only surviving leader")
contradicts no figure; a group where no claim has a figure differs when their
words do.  Words of a whole ("throughout a single summer", "all 31") make the
amount exact, whatever the qualifier field says.  Dates differ when two of their spans do
not overlap (a summer and the year that contains it agree; "June 1981" and
"20 June 1981" agree, "5 September 1965" and "6 September 1965" do not),
except two event dates (no subject) that both lie within a third claim of the
group spanning more than a month: days of one long event ("28 December 2017" and "early January 2018" of
protests from December 2017 to January 2018) do not contradict each other.

A figure told of one moment of a long event (rockets on a camp on 9 February
2013, an attack on 1 September 2013, both of "attacks on the camps, 1986-2016")
carries that moment (``when``) and is compared only with figures of the same
moment: seven dead on one day and 52 on another are two counts, not two versions.
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
    """``("", subject)`` for a claim that names its subject, else ``(event_id, measure)``,
    or ``(event_id, "measure on DAYS")`` for a figure of one moment of a long event
    (``when``: the retelling's own date, :func:`kb.ingest.reconcile.link_claims`)."""
    named = claim.get("subject")
    if named:
        return ("", named)
    when = claim.get("when")
    if when and not is_date(claim):
        return (event_id, f"{claim.get('measure') or '?'} on {when}")
    return (event_id, claim.get("measure") or "?")


def key_text(key: Key) -> str:
    """A key as one string: the subject, or ``EVENT/measure`` for an event's own measure."""
    scope, label = key
    return f"{scope}/{label}" if scope else label


def is_date(claim: dict) -> bool:
    """A date claim: measure ``date`` with a date (its span) to compare."""
    return claim.get("measure") == "date" and isinstance(claim.get("date"), dict)


def _days(claim: dict) -> int:
    from datetime import date

    d = claim["date"]
    return (date.fromisoformat(d["end"]) - date.fromisoformat(d["start"])).days + 1


#: the precisions of a date that tells how long something lasted, not only how precisely
#: its time is known: "from December 2017 to January 2018", "throughout the summer"
_SPANS = frozenset(("range", "season"))


def _stretches(among) -> list:
    """Each date claim of ``among`` that may hold two others (:func:`_within`), in order, as
    ``(claim, its date)``: the date None where its days cannot be counted (the error is
    raised when a question reaches it, as counting them there would)."""
    out = []
    for c in among:
        if not is_date(c):
            continue
        try:
            days = _days(c)
        except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
            out.append((c, None))
            continue
        if days > 31 and c["date"].get("precision") in _SPANS:
            out.append((c, c["date"]))
    return out


def _within(a: dict, b: dict, stretches: list) -> bool:
    """Whether ``a`` and ``b`` both lie within a claim of ``stretches`` (:func:`_stretches`)
    other than themselves: a third claim of the group that spans more than a month and is
    a stretch of time (a range or a season, :data:`_SPANS`).  Two such dates are the days
    of one long event ("28 December 2017" and "early January 2018" of protests from
    December 2017 to January 2018), which do not contradict each other, unless one names
    its subject (a start, an end: one moment).  A year or a month alone is only a coarser
    date ("1971" does not make "August 1971" and "the autumn of 1971" agree)."""
    for c, d in stretches:
        if c is a or c is b:
            continue
        if d is None:
            _days(c)  # raises, as it did where the stretches were gathered
            continue
        if all(d["start"] <= x["date"]["start"] and x["date"]["end"] <= d["end"] for x in (a, b)):
            return True
    return False


def _dates_differ(dates: list[dict]) -> bool:
    if len(dates) < 2:
        return False
    # Some two spans are disjoint exactly when the earliest end comes before the latest start.
    if min(c["date"]["end"] for c in dates) >= max(c["date"]["start"] for c in dates):
        return False
    return _sources_differ(dates, "date")


def _values_differ(claims: list[dict]) -> bool:
    ranges = [bounds(c) for c in claims]  # once a claim: a group may hold a million
    ranged = [c for c, r in zip(claims, ranges) if r is not None]
    if ranged:  # a vague "many" does not contradict a number
        return _sources_differ(ranged, "figure", [r for r in ranges if r is not None])
    return _sources_differ(claims, "words")


def _sources_differ(claims: list[dict], kind: str, ranges: list | None = None) -> bool:
    """Whether some claim of the group is contradicted (:func:`against`): ``any(against(c,
    claims) for c in claims)``, computed without comparing every claim with every voice's
    every claim (:mod:`kb.model.compare`).  ``kind``: the group's claims are all dates, all
    figures with a range (``ranges``, theirs) or all without one (``words``).  A range
    upside down (low above high: a hand-written store, "at least" or "nearly" a negative
    amount) breaks the order the computation stands on: then the definition, pairwise."""
    if kind == "figure" and any(r[1] > r[2] for r in ranges):
        return any(against(c, claims) for c in claims)
    from .compare import sources_differ

    stretches = []
    if kind == "figure":
        values = ranges
    elif kind == "date":
        values = [("", c["date"]["start"], c["date"]["end"]) for c in claims]
        stretches = [(i, c["date"]["start"], c["date"]["end"]) for i, c in enumerate(claims)
                     if c["date"].get("precision") in _SPANS and _days(c) > 31]
    else:
        values = [(claim_key(c),) for c in claims]
    return sources_differ([voice(c) for c in claims], [bool(c.get("subject")) for c in claims], kind,
                          values, stretches)


def voice(claim: dict) -> tuple[str, str]:
    """Whose claim it is: its source, and whom the source attributes it to (a page that
    gives Amnesty's figure and the government's speaks with two voices)."""
    return str(claim.get("source") or ""), str(claim.get("attribution") or "").lower()


def against(claim: dict, group: list[dict]) -> list[dict]:
    """The claims of ``group`` that contradict ``claim`` as one voice against another (a
    source, or a figure it attributes to someone: :func:`voice`):

    * a claim of another source that ``claim`` contradicts, where ``claim`` agrees with
      no claim of that source and that claim with no claim of ``claim``'s source: a
      page that gives several figures of one measure (146 cities one month, 323
      another) disagrees with another page only on a figure the other never gives,
      so a page and its copy never disagree;
    * a claim of the same source that it contradicts when both name their subject
      (a page that contradicts itself on one named thing)."""
    return _Group(group).against(claim)


_UNSET = object()  # a claim's key not found yet


class _Group:
    """One group's claims compared pair by pair (:func:`against`), what each pair needs of a
    claim found once a claim (its voice, date or range, key) and once the group (the
    stretches that may hold two dates, :func:`_stretches`), not once a pair."""

    __slots__ = ("group", "voices", "_stretches", "_facts", "_pairs")

    def __init__(self, group: list[dict]):
        self.group = group
        self.voices = [voice(c) for c in group]
        self._stretches = None
        self._facts: dict = {}  # id(claim) -> (is_date, bounds, key) as contradicts() reads them
        self._pairs: dict = {}  # (id(a), id(b)) -> contradicts(a, b, group)

    def against(self, claim: dict) -> list[dict]:
        group, voices = self.group, self.voices
        src = voice(claim)
        by_voice: dict = {}
        for c, vc in zip(group, voices):
            by_voice.setdefault(vc, []).append(c)
        mine = by_voice.get(src, [])
        out = []
        for v, vv in zip(group, voices):
            if v is claim or not self.contradicts(claim, v):
                continue
            if vv == src:
                if claim.get("subject") and v.get("subject"):
                    out.append(v)
                continue
            if all(self.contradicts(claim, t) for t in by_voice[vv]) and all(
                    self.contradicts(v, m) for m in mine):
                out.append(v)
        return out

    def _fact(self, c: dict) -> tuple:
        got = self._facts.get(id(c))
        if got is None:
            dated = is_date(c)
            got = self._facts[id(c)] = (dated, None, None) if dated else (dated, bounds(c), _UNSET)
        return got

    def contradicts(self, a: dict, b: dict) -> bool:
        """:func:`contradicts` ``(a, b, group)``, each pair found once."""
        k = (id(a), id(b))
        got = self._pairs.get(k)
        if got is None:
            got = self._pairs[k] = self._contradicts(a, b)
        return got

    def _contradicts(self, a: dict, b: dict) -> bool:
        fa, fb = self._fact(a), self._fact(b)
        if fa[0] or fb[0]:
            if not (fa[0] and fb[0]):
                return False
            da, db = a["date"], b["date"]
            if not (da["end"] < db["start"] or db["end"] < da["start"]):
                return False
            if a.get("subject") or b.get("subject"):
                return True
            if self._stretches is None:
                self._stretches = _stretches(self.group)
            return not _within(a, b, self._stretches)
        ba, bb = fa[1], fb[1]
        if ba is not None and bb is not None:
            return _disjoint(ba, bb)
        if ba is None and bb is None:
            return self._key(a, fa) != self._key(b, fb)
        return False

    def _key(self, c: dict, fact: tuple) -> str:
        if fact[2] is _UNSET:  # not found yet
            fact = self._facts[id(c)] = (fact[0], fact[1], claim_key(c))
        return fact[2]


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
    highest amount (a range's low and high ends), for dates the earliest start and the latest end, each with the
    sources that give it.  Nothing where the versions give fewer than two values."""
    out = []

    def ends(c):  # a range's ends (an ingested "between 4,000 and 5,000"), else the amount twice
        lo, hi = c.get("low"), c.get("high")
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)):
            return lo, hi
        n = c.get("amount")
        return (n, n) if isinstance(n, (int, float)) else None

    figures = [(c, e) for c in versions if not is_date(c) and (e := ends(c)) is not None]
    if len({float(x) for _c, e in figures for x in e}) > 1:
        low, high = min(e[0] for _c, e in figures), max(e[1] for _c, e in figures)
        out.append(_range(label, "figure", low, high,
                          [c for c, e in figures if e[0] == low], [c for c, e in figures if e[1] == high]))
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


# -- the range a figure stands for ----------------------------------------------------

#: qualifier words -> how they bound the number (see the module docstring)
QUALIFIERS: dict[str, str] = {
    **dict.fromkeys(("about", "around", "some", "roughly", "approximately", "approx.", "an estimated",
                     "estimated", "circa", "c.", "an approximate", "more or less", "close to",
                     "in the region of", "on the order of"), "about"),
    **dict.fromkeys(("nearly", "almost", "just under", "not quite", "just short of"), "nearly"),
    **dict.fromkeys(("more than", "over", "at least", "upwards of", "no fewer than", "no less than",
                     "not less than", "well over", "just over", "in excess of", "above", "beyond",
                     "a minimum of", "some more than"), "lower"),
    **dict.fromkeys(("up to", "at most", "fewer than", "less than", "under", "no more than",
                     "as many as", "within", "a maximum of", "not more than", "below"), "upper"),
    # words of a whole: the amount is all there is, whatever ``qualifier`` says
    **dict.fromkeys(("throughout", "all", "all of", "the whole", "the entire", "every", "each"), "exact"),
}

#: magnitude words -> (low, high): the numbers of that many digits
MAGNITUDES: dict[str, tuple[float, float]] = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (100, 999), "several hundred": (200, 999),
    "a few hundred": (200, 999), "thousands": (1000, 9999), "several thousand": (2000, 9999),
    "a few thousand": (2000, 9999), "tens of thousands": (10000, 99999),
    "hundreds of thousands": (100000, 999999), "millions": (1e6, 9999999),
}

#: a unit of time -> its length in days (durations are compared in days)
DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "month": 30.44, "summer": 91.3, "season": 91.3,
        "year": 365.25, "decade": 3652.5}

_QUAL = re.compile(r"^(?:%s)\b" % "|".join(
    re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True)), re.I)
_MAGNITUDE = re.compile(r"\b(%s)\b" % "|".join(
    re.escape(m).replace(r"\ ", r"\s+") for m in sorted(MAGNITUDES, key=len, reverse=True)), re.I)
_TIME_WORD = re.compile(r"\b(hour|day|week|month|summer|season|year|decade)s?\b", re.I)
_PER_CENT = re.compile(r"\bper\s*cent\b|\bpercent\b", re.I)


def qualifier_of(claim: dict) -> str:
    """How a claim's qualifier bounds its number: ``about``, ``nearly``, ``lower``, ``upper``
    or ``""``.  The value's own words first ("more than 30,000"), else ``qualifier``."""
    m = _QUAL.match(str(claim.get("value") or "").strip())
    q = m.group(0) if m else str(claim.get("qualifier") or "")
    how = QUALIFIERS.get(" ".join(q.lower().split()), "")
    return "" if how == "exact" else how


def unit_of(claim: dict) -> str:
    """The kind of unit a figure is in: ``day`` (a duration, in days), ``%`` or ``""`` (a count).

    ``unit`` names it; else a per cent sign in the value, or a unit of time that
    the measure is, or that ``counts`` begins with ("months over which...")."""
    u = str(claim.get("unit") or "")
    if not u:
        value = str(claim.get("value") or "")
        if "%" in value or _PER_CENT.search(value):
            return "%"
        for text in (claim.get("measure") or "", (claim.get("counts") or "").split(" ", 1)[0]):
            if _TIME_WORD.fullmatch(text.strip()):
                u = text
                break
        else:
            if claim.get("measure") == "duration":
                m = _TIME_WORD.search(value) or _TIME_WORD.search(str(claim.get("counts") or ""))
                u = m.group(1) if m else ""
    u = u.lower().rstrip("s")
    return "day" if u in DAYS else ("%" if u in ("%", "percent", "per cent") else "")


#: how far past its number a lower bound ("more than") or an upper bound ("up to") reaches
BOUND_BAND = 0.10


def bounds(claim: dict) -> tuple[str, float, float] | None:
    """``(unit, low, high)``: the range of numbers a figure claim stands for (module
    docstring), durations in days; None for a claim with no figure (or a date claim)."""
    if is_date(claim):
        return None
    unit = unit_of(claim)
    scale = 1.0
    if unit == "day":  # the length of the unit the figure counts in
        for text in (claim.get("unit") or "", claim.get("measure") or "",
                     (claim.get("counts") or "").split(" ", 1)[0], str(claim.get("value") or "")):
            m = _TIME_WORD.search(text)
            if m:
                scale = DAYS[m.group(1).lower()]
                break
    lo, hi = claim.get("low"), claim.get("high")
    if isinstance(lo, (int, float)) and isinstance(hi, (int, float)):
        return unit, lo * scale, hi * scale
    amount = claim.get("amount")
    if not isinstance(amount, (int, float)):
        m = _MAGNITUDE.search(str(claim.get("value") or ""))
        if m is None:
            return None
        lo, hi = MAGNITUDES[" ".join(m.group(1).lower().split())]
        return unit, lo * scale, hi * scale
    n = float(amount) * scale
    how = qualifier_of(claim)
    if how == "about":
        return unit, n * 0.95, n * 1.05
    if how == "nearly":
        return unit, n * 0.9, n
    if how == "lower":
        return unit, n, n * (1 + BOUND_BAND)
    if how == "upper":
        if str(claim.get("qualifier") or "").lower() == "within":
            return unit, 0.0, n     # "within two days": any time up to two days (24 hours too)
        return unit, n * (1 - BOUND_BAND), n
    return unit, n, n


def _disjoint(a: tuple[str, float, float], b: tuple[str, float, float]) -> bool:
    """Two ranges of one kind of unit that do not overlap (ranges of other units are not compared)."""
    return a[0] == b[0] and (a[2] < b[1] or b[2] < a[1])


def contradicts(a: dict, b: dict, among=()) -> bool:
    """Whether two claims of one comparison contradict each other: two dates whose spans
    do not overlap (unless both lie within a third claim of ``among``, their group, that
    spans more than a month), two figures whose ranges do not (:func:`bounds`).  A claim
    with no figure contradicts a figure never, another such claim when their words differ."""
    return _Group(list(among)).contradicts(a, b)
