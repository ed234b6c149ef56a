"""The shape of a store's records: what every command that reads them relies on.

:mod:`kb.store.reader` makes sure a file is a store (JSON objects of records);
this module makes sure each record can be read: the index build
(:mod:`kb.index.build`) checks each record as it streams past, and a write
(:func:`kb.store.writing`, so ``kb ingest``) checks the whole store before it
changes anything.  A record that fails stops the command with one line that
names the file, the table, the record's document number and id, and the
fault, e.g.::

    kb.json: events record 7 (id '1988-massacre'): date start '1988-13-45' is not a day (YYYY-MM-DD)

What a record must hold (a field not listed may hold anything; a listed
field may be left out unless it is required):

* every record: ``id``, a non-empty string, not used by another record of
  its table;
* **events**: ``title`` (a string) and ``date`` (required); ``summary`` a
  string; ``entities``, ``places``, ``tags`` and ``aliases`` (former ids)
  lists of strings;
  ``citations`` a list of objects each with a ``source`` string (and a string
  ``section``); ``claims`` a list of objects whose ``source``, ``measure``,
  ``subject``, ``section``, ``value``, ``counts``, ``qualifier``, ``unit``
  and ``attribution`` are strings, ``amount``, ``low`` and ``high`` finite
  numbers or null (no NaN or infinity, no integer beyond a
  double's range) and ``date`` (if any) a date;
* **entities**: ``name`` (a non-empty string, required); ``type`` and
  ``description`` strings; ``aliases``, ``ambiguous`` and ``sources`` lists
  of strings; ``roles`` a list of objects whose ``role``, ``of``, ``source``
  and ``section`` are strings and whose ``from`` and ``to`` are dates;
* **sources**: ``title``, ``text``, ``publisher``, ``kind``, ``file``,
  ``format`` and ``sha256`` strings; ``published`` a date or null;
* a **date** is an object whose ``start`` and ``end`` are real days written
  ``YYYY-MM-DD``, ``end`` not before ``start``, with ``precision`` and
  ``edtf`` strings (required), ``text`` and ``rule`` strings and ``anchor`` a
  day.

The deeper checks of a curated knowledge base (dates that match their EDTF,
references that resolve, neutral words) are :mod:`kb.validate`'s.  These
checks are type tests and two date parses a record, a few per cent of the
time an index build spends on it.
"""

from __future__ import annotations

from datetime import date
from math import isfinite as _finite
from typing import Callable, Iterable

from ..errors import StoreError

_fromiso = date.fromisoformat
_KIND = {str: "a string", int: "a number", float: "a number", bool: "true/false", list: "a list",
         dict: "an object", type(None): "null"}


def show(value, limit: int = 60) -> str:
    """A value as one safe line: quoted, control characters escaped, cut to ``limit``."""
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def _kind(value) -> str:
    return _KIND.get(type(value), type(value).__name__)


def label(table: str, key, rec=None) -> str:
    """``events record 7 (id '1988-massacre')``: a record as a message names it."""
    number = key if isinstance(key, int) or (key.isdigit() and key.isascii() and len(key) <= 20) else show(key)
    out = f"{table} record {number}"
    rid = rec.get("id") if type(rec) is dict else None
    if type(rid) is str and rid:
        out += f" (id {show(rid)})"
    return out


# -- field tests: each returns a fault (a string) or None -------------------------------
# Written for speed (they run on every record of every index build): the tests
# are inline, and a message is only put together once a test has failed.
_NO_LIST: list = []  # what an absent list field reads as (never changed)
_ONLY_STR = frozenset({str}).issuperset
_NUMBER = frozenset({int, float, type(None)})


def _strings(*lists: list) -> bool:
    """Whether the lists hold only strings: ``str.join`` takes nothing else, and tests each
    item in C (a decoded JSON value is never a subclass of ``str``); the long way
    (:func:`_lists_fault`) says what else one holds."""
    try:
        for items in lists:
            _join(items)
    except TypeError:
        return False
    return True


_join = "".join


def _not(what: str, value, want: str) -> str:
    return f"{what} is {_kind(value)}, not {want}"


def _strs_fault(what: str, value) -> str:
    if type(value) is not list:
        return _not(what, value, "a list of strings")
    item = next(x for x in value if type(x) is not str)
    return f"{what} holds {_kind(item)} ({show(item, 30)}), not only strings"


def _day(value) -> bool:
    # fromisoformat also reads "2012-W01-1" (also ten characters; [7] is a digit)
    if type(value) is str and len(value) == 10 and value[4] == "-" == value[7]:
        try:
            _fromiso(value)
        except ValueError:
            return False
        return True
    return False


# The days met so far that passed :func:`_day`: a store's dates repeat (100,000 events hold
# about 30,000 days), so a day is parsed once a process, then found in a set.  Only strings
# go in, and only strings are looked up.
_DAYS: set[str] = set()


def _known_day(value: str) -> bool:
    """:func:`_day` of a string, remembered when true."""
    if _day(value):
        if len(_DAYS) < 1 << 20:
            _DAYS.add(value)
        return True
    return False


def date_fault(d, what: str = "date") -> str | None:
    """What is wrong with a stored date (:mod:`kb.dates` ``to_dict``), or None."""
    if type(d) is dict:  # the usual case, all at once; any doubt goes the long way below
        get = d.get
        start, end = get("start"), get("end")
        if (type(start) is str and type(end) is str and start <= end
                and (start in _DAYS or _known_day(start)) and (end in _DAYS or _known_day(end))
                and type(get("precision")) is str
                and type(get("edtf")) is str and type(get("text", "")) is str
                and type(get("rule", "")) is str and not get("anchor")):
            return None
    return _date_detail(d, what)


def _date_detail(d, what: str) -> str | None:
    if type(d) is not dict:
        return _not(what, d, "an object")
    get = d.get
    start, end = get("start"), get("end")
    if not _day(start):
        return f"{what} start {show(start)} is not a day (YYYY-MM-DD)"
    if not _day(end):
        return f"{what} end {show(end)} is not a day (YYYY-MM-DD)"
    if end < start:
        return f"{what} ends ({end}) before it starts ({start})"
    for key in ("precision", "edtf"):
        value = get(key)
        if type(value) is not str:
            return f"{what} has no {key}" if key not in d else _not(f"{what} {key}", value, "a string")
    text, rule, anchor = get("text", ""), get("rule", ""), get("anchor")
    if type(text) is not str:
        return _not(f"{what} text", text, "a string")
    if type(rule) is not str:
        return _not(f"{what} rule", rule, "a string")
    if anchor and not _day(anchor):
        return f"{what} anchor {show(anchor)} is not a day (YYYY-MM-DD)"
    return None


def _id_fault(rec: dict) -> str | None:
    rid = rec.get("id")
    if type(rid) is str and rid:
        return None
    return "no id" if rid is None or rid == "" else _not("id", rid, "a string")


def _texts_fault(rec: dict, keys: tuple[str, ...], what: str = "") -> str | None:
    """The first of ``keys`` that is there and not a string."""
    get = rec.get
    for key in keys:
        value = get(key, "")
        if type(value) is not str:
            return _not(what + key, value, "a string")
    return None


def _lists_fault(rec: dict, keys: tuple[str, ...]) -> str | None:
    """The first of ``keys`` that is there and not a list of strings."""
    get = rec.get
    for key in keys:
        value = get(key, _NO_LIST)
        if type(value) is not list or not _strings(value):
            return _strs_fault(key, value)
    return None


def _objects_fault(key: str, value) -> str | None:
    if type(value) is not list:
        return _not(key, value, "a list of objects")
    for item in value:
        if type(item) is not dict:
            return f"{key} holds {_kind(item)}, not only objects"
    return None


_CLAIM_TEXTS = ("source", "measure", "subject", "section", "value", "counts", "qualifier", "unit", "attribution")
_CLAIM_BLANKS = ("",) * len(_CLAIM_TEXTS)  # what an absent text of a claim reads as
_CLAIM_NUMBERS = ("amount", "low", "high")
# The largest number a JSON reader is sure to hold (a double, RFC 8259 section 6): Python
# reads a longer integer exactly, orjson, SQLite and jq as infinity.
_DOUBLE_MAX = int(1.7976931348623157e308)


def _number_fault(what: str, value) -> str | None:
    """A number or null, and finite: JSON has no NaN or infinity (Python's reader takes them)."""
    if type(value) not in _NUMBER:
        return _not(what, value, "a number")
    if type(value) is float and not _finite(value):
        shown = "NaN" if value != value else "Infinity" if value > 0 else "-Infinity"
        return f"{what} is {shown}, not a finite number"
    if type(value) is int and not -_DOUBLE_MAX <= value <= _DOUBLE_MAX:
        return f"{what} has {len(str(abs(value)))} digits, more than a JSON number holds (about 1.8e308)"
    return None


def event_fault(ev: dict) -> str | None:
    """What is wrong with an event record, or None."""
    get = ev.get
    rid, ents, places, tags = get("id"), get("entities", _NO_LIST), get("places", _NO_LIST), get("tags", _NO_LIST)
    aliases = get("aliases", _NO_LIST)
    if not (type(rid) is str and rid and type(get("title")) is str and type(get("summary", "")) is str
            and type(ents) is list and type(places) is list and type(tags) is list and type(aliases) is list
            and _strings(ents, places, tags, aliases) and date_fault(get("date")) is None):
        fault = _id_fault(ev)
        if fault:
            return fault
        title = get("title")
        if type(title) is not str:
            return "no title" if "title" not in ev else _not("title", title, "a string")
        if "date" not in ev:
            return "no date"
        fault = (date_fault(get("date")) or _texts_fault(ev, ("summary",))
                 or _lists_fault(ev, ("entities", "places", "tags", "aliases")))
        if fault:
            return fault
    cites, claims = get("citations", _NO_LIST), get("claims", _NO_LIST)
    if type(cites) is not list or type(claims) is not list:
        return _objects_fault("citations", cites) or _objects_fault("claims", claims)
    for c in cites:
        if type(c) is not dict or type(c.get("source")) is not str or type(c.get("section", "")) is not str:
            return _citation_fault(c)
    return _claims_fault(claims) if claims else None


def _claims_fault(claims: list) -> str | None:
    for c in claims:
        if type(c) is not dict:
            return _objects_fault("claims", claims)
        cget = c.get  # the usual claim at once: texts, no range, an amount a double holds, no date
        amount = cget("amount")
        if (cget("low") is None is cget("high") and not cget("date")
                and _ONLY_STR(map(type, map(cget, _CLAIM_TEXTS, _CLAIM_BLANKS)))
                and (amount is None or (type(amount) is int and -_DOUBLE_MAX <= amount <= _DOUBLE_MAX)
                     or (type(amount) is float and _finite(amount)))):
            continue
        fault = _texts_fault(c, _CLAIM_TEXTS, "a claim's ")
        if fault:
            return fault
        for key in _CLAIM_NUMBERS:
            fault = _number_fault(f"a claim's {key}", c.get(key))
            if fault:
                return fault
        if c.get("date"):
            fault = date_fault(c["date"], "a claim's date")
            if fault:
                return fault
    return None


def _citation_fault(c) -> str:
    if type(c) is not dict:
        return f"citations holds {_kind(c)}, not only objects"
    if type(c.get("source")) is not str:
        return f"a citation has no source string ({show(c.get('source'), 30)})"
    return _not("a citation's section", c.get("section"), "a string")


def entity_fault(ent: dict) -> str | None:
    """What is wrong with an entity record, or None."""
    fault = _id_fault(ent)
    if fault:
        return fault
    name = ent.get("name")
    if type(name) is not str:
        return "no name" if name is None else _not("name", name, "a string")
    if not name.strip():
        return f"no name (the name is {show(name)})"
    fault = (_texts_fault(ent, ("type", "description"))
             or _lists_fault(ent, ("aliases", "ambiguous", "sources")))
    if fault:
        return fault
    roles = ent.get("roles", _NO_LIST)
    if roles:
        fault = _objects_fault("roles", roles)
        if fault:
            return fault
        for r in roles:
            fault = _texts_fault(r, ("role", "of", "source", "section"), "a role's ")
            if fault:
                return fault
            for key in ("from", "to"):
                if r.get(key):
                    fault = date_fault(r[key], f"a role's {key} date")
                    if fault:
                        return fault
    elif type(roles) is not list:
        return _not("roles", roles, "a list of objects")
    return None


_SOURCE_TEXTS = ("title", "text", "publisher", "kind", "file", "format", "sha256")


def source_fault(src: dict) -> str | None:
    """What is wrong with a source record, or None."""
    fault = _id_fault(src) or _texts_fault(src, _SOURCE_TEXTS)
    if fault:
        return fault
    pub = src.get("published")
    if pub is not None:
        return date_fault(pub, "published date")
    return None


FAULTS = {"sources": source_fault, "entities": entity_fault, "events": event_fault}


def _sound(_rec: dict) -> None:
    """The test of a record known sound (:meth:`Checker.each` ``trusted``)."""
    return None


class Checker:
    """Checks the records of one store as they come, and remembers their ids.

    ``checker.event(key, rec)`` (and ``entity``, ``source``) returns the
    record when it is sound and raises :class:`~kb.errors.StoreError` (one
    line, see the module docstring) when it is not, or when its id was seen
    before in the same table.  ``key`` is the record's document number (or
    its position where there is none).
    """

    def __init__(self, path):
        self.path = path
        self._ids: dict[str, dict[str, object]] = {t: {} for t in FAULTS}

    def fault(self, table: str, key, rec: dict, why: str) -> StoreError:
        return StoreError(f"{self.path}: {label(table, key, rec)}: {why}")

    def unreadable(self, table: str, key, rec: dict, error: BaseException) -> StoreError:
        """A record that passed the checks and still could not be read (a deeper fault)."""
        why = "nested too deeply" if isinstance(error, RecursionError) else f"{type(error).__name__}: {error}"
        return self.fault(table, key, rec, f"cannot be read ({show(why, 120)[1:-1]})")

    def _seen(self, table: str, key, rec: dict) -> dict:
        ids = self._ids[table]
        other = ids.get(rec["id"])
        if other is None:
            ids[rec["id"]] = key
            return rec
        raise self.fault(table, key, rec, f"duplicate id (also {table} record {other})")

    def check(self, table: str, key, rec: dict) -> dict:
        why = FAULTS[table](rec)
        if why is not None:
            raise self.fault(table, key, rec, why)
        return self._seen(table, key, rec)

    def each(self, table: str, pairs: Iterable[tuple[str, dict]],
             take: Callable[[str, dict], None] | None = None, trusted: bool = False) -> StoreError | None:
        """Check the (number, record) ``pairs`` of ``table`` as :meth:`check` does, giving each
        sound one to ``take``; the first fault (the pairs after it left unread), or None.
        ``trusted``: the records are known sound (:mod:`kb.store.checked`): only ids are compared."""
        test, ids = (_sound if trusted else FAULTS[table]), self._ids[table]
        for key, rec in pairs:
            why = test(rec)
            if why is None:
                other = ids.get(rec["id"])
                if other is None:
                    ids[rec["id"]] = key
                    if take is not None:
                        take(key, rec)
                    continue
                why = f"duplicate id (also {table} record {other})"
            return self.fault(table, key, rec, why)
        return None

    def follows(self, table: str, key: str, rec, replaced: bool) -> bool:
        """Whether record ``key`` of ``table``, written after the records this checker saw,
        keeps the store sound: no fault, and an id of its own (``replaced``: the id of the record
        it replaces).  Never raises; its id is remembered."""
        if type(rec) is not dict or FAULTS[table](rec) is not None:
            return False
        ids, rid = self._ids[table], rec["id"]
        if replaced:
            return ids.get(rid) == key
        if rid in ids:
            return False
        ids[rid] = key
        return True

    def event(self, key, rec: dict) -> dict:
        why = event_fault(rec)
        if why is not None:
            raise self.fault("events", key, rec, why)
        return self._seen("events", key, rec)

    def entity(self, key, rec: dict) -> dict:
        why = entity_fault(rec)
        if why is not None:
            raise self.fault("entities", key, rec, why)
        return self._seen("entities", key, rec)

    def source(self, key, rec: dict) -> dict:
        why = source_fault(rec)
        if why is not None:
            raise self.fault("sources", key, rec, why)
        return self._seen("sources", key, rec)


def _numbered(records) -> Iterable[tuple[object, dict]]:
    """(document number, record) pairs from a table as TinyDB stores it, or (position, record)."""
    if isinstance(records, dict):
        return records.items()
    return ((getattr(rec, "doc_id", None) or i, rec) for i, rec in enumerate(records, 1))


def check_store(path, data: dict) -> None:
    """Raise :class:`~kb.errors.StoreError` at the first faulty record of ``data``.

    ``data`` maps table names to records: a table as TinyDB stores it (an
    object keyed by document number) or a list of records (TinyDB documents
    keep their ``doc_id``).
    """
    checker = Checker(path)
    for table in FAULTS:
        for key, rec in _numbered(data.get(table) or {}):
            checker.check(table, key, rec)


def faults(data: dict) -> list[str]:
    """Every shape fault of ``data`` (as :func:`check_store` takes it), one line each."""
    out = []
    for table, test in FAULTS.items():
        ids: dict[str, object] = {}
        for key, rec in _numbered(data.get(table) or {}):
            why = test(rec) if type(rec) is dict else f"it is {_kind(rec)}, not an object"
            if why is None:
                other = ids.get(rec["id"])
                if other is None:
                    ids[rec["id"]] = key
                else:
                    why = f"duplicate id (also {table} record {other})"
            if why is not None:
                out.append(f"{label(table, key, rec)}: {why}")
    return out
