"""TimeML documents (TimeBank and AQUAINT, ``../shared/corpora/timebank/``) as plain text.

One loader for every benchmark that reads the corpus, so that the date and the
name benchmarks, and the name annotations kept in ``tests/data/names/``, agree
on one text and one set of offsets:

* the **text** of a document is the content of its ``<TEXT>`` element with
  every tag removed and the XML entities (``&amp;``, ``&lt;``...) decoded,
  nothing else changed (line ends and spaces as in the file);
* each ``TIMEX3`` inside it becomes a :class:`Timex` with ``[start, end)``
  offsets into that text, its type, value and attributes;
* the document's creation time (``functionInDocument="CREATION_TIME"``, in
  ``<DCT>``) is its ``dct``, the anchor a page's publication date plays;
  ``dct_text`` is that date as the file writes it ("11/02/89", "1999-03-13")
  and ``title`` the ``<TITLE>`` element's text (empty when there is none),
  for a benchmark that renders the document as a user's file would have it.

The same loader reads the project's own annotated documents in
``tests/data/dates_own/`` (:func:`own`: written and annotated by hand, blind,
in the same TimeML form; see the README there) and the held-out set in
``tests/data/dates_blind/`` (:func:`blind`: the same, but no rule may ever be
fitted to it), the second held-out set in ``tests/data/dates_blind2/``
(:func:`blind2`: documents on Iran's modern political history), and the
development set of the same field in ``tests/data/dates_field/`` (:func:`field`:
its errors are read, so that the rules can be improved on text like the
documents kb's users bring).
:func:`problems` checks an annotated document against the TimeML value syntax
(:data:`SYNTAX`) and the conventions the sets share; their tests use it.

Run it to print the corpus counts: ``python tests/benchmark/timeml.py``
(``python tests/benchmark/timeml.py own``, ``blind``, ``blind2`` or ``field`` for the project's own sets).
"""

from __future__ import annotations

import html
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(os.environ.get("KB_TIMEBANK", Path(__file__).resolve().parents[3] / "shared" / "corpora" / "timebank"))
PARTS = ("TimeBank", "AQUAINT")
OWN = Path(__file__).resolve().parents[1] / "data" / "dates_own"
BLIND = Path(__file__).resolve().parents[1] / "data" / "dates_blind"
BLIND2 = Path(__file__).resolve().parents[1] / "data" / "dates_blind2"
FIELD = Path(__file__).resolve().parents[1] / "data" / "dates_field"

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>")
_ATTR = re.compile(r'([A-Za-z]+)="([^"]*)"')
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_DCT = re.compile(r"<DCT>.*?value=\"([^\"]+)\"[^>]*>([^<]*)<", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)


@dataclass
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str
    attrs: dict = field(default_factory=dict)


@dataclass
class Doc:
    name: str          # "TimeBank/ABC19980108.1830.0711"
    text: str
    dct: str           # "1998-01-08"
    timexes: list[Timex]
    dct_text: str = ""     # "11/02/89": the creation time as the file writes it
    title: str = ""


def strip(xml: str) -> tuple[str, list[tuple[str, dict, int, int]]]:
    """``xml`` without its tags (entities decoded) and each element's (tag, attrs, start, end)."""
    out: list[str] = []
    n = 0
    open_: list[tuple[str, dict, int]] = []
    elements = []
    pos = 0
    for m in _TAG.finditer(xml):
        piece = html.unescape(xml[pos:m.start()])
        out.append(piece)
        n += len(piece)
        pos = m.end()
        closing, tag, rest = m.group(1), m.group(2), m.group(3)
        if closing:
            for k in range(len(open_) - 1, -1, -1):
                if open_[k][0] == tag:
                    t, attrs, s = open_.pop(k)
                    elements.append((t, attrs, s, n))
                    break
        elif not rest.rstrip().endswith("/"):
            open_.append((tag, dict(_ATTR.findall(rest)), n))
    piece = html.unescape(xml[pos:])
    out.append(piece)
    return "".join(out), elements


def load(path: Path) -> Doc:
    raw = path.read_text(encoding="utf-8")
    body = _TEXT.search(raw)
    text, elements = strip(body.group(1) if body else "")
    dct = _DCT.search(raw)
    timexes = [Timex(s, e, text[s:e], a.get("type", ""), a.get("value", ""), a)
               for tag, a, s, e in elements if tag == "TIMEX3"]
    timexes.sort(key=lambda t: t.start)
    title = _TITLE.search(raw)
    return Doc(f"{path.parent.name}/{path.stem}", text, dct.group(1)[:10] if dct else "", timexes,
               dct.group(2).strip() if dct else "", strip(title.group(1))[0].strip() if title else "")


def documents(parts: tuple[str, ...] = PARTS) -> list[Doc]:
    """Every document of ``parts``, in a fixed order (by part, then file name)."""
    if not CORPUS.is_dir():
        raise SystemExit(f"timeml: no corpus at {CORPUS} (set KB_TIMEBANK)")
    return [load(p) for part in parts for p in sorted((CORPUS / part).glob("*.tml"))]


def own() -> list[Doc]:
    """The project's own annotated documents (``tests/data/dates_own/``), by file name;
    their names start ``dates_own/``."""
    return [load(p) for p in sorted(OWN.glob("*.tml"))]


def blind() -> list[Doc]:
    """The held-out set (``tests/data/dates_blind/``), by file name; names start
    ``dates_blind/``.  Read its totals only: no rule is fitted to it."""
    return [load(p) for p in sorted(BLIND.glob("*.tml"))]


def blind2() -> list[Doc]:
    """The second held-out set (``tests/data/dates_blind2/``: documents on Iran's
    modern political history), by file name; names start ``dates_blind2/``.
    Read its totals only: no rule is fitted to it."""
    return [load(p) for p in sorted(BLIND2.glob("*.tml"))]


def field() -> list[Doc]:
    """The development set of the field (``tests/data/dates_field/``: documents on
    Iran's modern history as kb's users bring them), by file name; names start
    ``dates_field/``.  Unlike :func:`blind` and :func:`blind2`, its errors are read."""
    return [load(p) for p in sorted(FIELD.glob("*.tml"))]


# TimeML 1.2.1 value syntax, per TIMEX3 type (ISO 8601 and TIDES extensions)
_DAY = r"(?:\d\d|XX)"
_DATE = (r"(?:\d{4}|\d{3}|\d{2}|XXXX|FY\d{4})"
         r"(?:-(?:\d\d|XX)(?:-" + _DAY + r")?|-W(?:\d\d|XX)(?:-(?:[1-7]|WE))?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?")
_TIME = r"T(?:\d\d(?::\d\d(?::\d\d)?)?|MO|AF|EV|NI|DT)"
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:(?:{_NUM}(?:Y|M|W|D|Q|DE|CE))+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)"
_REF = r"(?:PRESENT|PAST|FUTURE)_REF"
SYNTAX = {
    "DATE": re.compile(rf"^(?:{_DATE}|{_REF})$"),
    "TIME": re.compile(rf"^{_DATE}{_TIME}$"),
    "DURATION": re.compile(rf"^{_DURATION}$"),
    "SET": re.compile(rf"^(?:{_DURATION}|{_DATE}(?:{_TIME})?|XXXX-XX-XX{_TIME}|{_TIME})$"),
}
MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_PREPOSITION = re.compile(r"(?i)(?!at least)(in|on|at|since|from|by|during|until|for|within)\s")


def problems(doc: Doc) -> list[str]:
    """What breaks the shared conventions of the project's annotated sets in ``doc``:
    a creation time that is no ISO day, a span whose offsets do not give back its
    text or that has spaces at its ends, overlapping spans, a type outside
    :data:`SYNTAX` or a value not in its syntax, an unknown ``mod``, a leading
    preposition inside a span, a weekday named in a span that is not the weekday
    of its value.  Empty when the document is well formed."""
    from datetime import date

    out = []
    try:
        date.fromisoformat(doc.dct)
    except ValueError:
        out.append(f"creation time {doc.dct!r} is no ISO day")
    if not doc.dct_text:
        out.append("no creation time text")
    last = 0
    for t in doc.timexes:
        where = f"{t.text!r} at {t.start}"
        if doc.text[t.start:t.end] != t.text or t.text != t.text.strip():
            out.append(f"offsets and text disagree: {where}")
        if t.start < last:
            out.append(f"overlapping TIMEX3: {where}")
        last = max(last, t.end)
        if t.type not in SYNTAX:
            out.append(f"type {t.type!r}: {where}")
        elif not SYNTAX[t.type].match(t.value):
            out.append(f"{t.type} value {t.value!r}: {where}")
        if t.attrs.get("mod", "APPROX") not in MODS:
            out.append(f"mod {t.attrs['mod']!r}: {where}")
        if _PREPOSITION.match(t.text):
            out.append(f"a leading preposition is outside the span: {where}")
        named = [i for i, w in enumerate(_WEEKDAYS) if w in t.text.lower()]
        if named and re.match(r"^\d{4}-\d\d-\d\d", t.value) and \
                date.fromisoformat(t.value[:10]).weekday() != named[0]:
            out.append(f"weekday of {t.value}: {where}")
    return out


if __name__ == "__main__":
    sets = {"own": own, "blind": blind, "blind2": blind2, "field": field}
    docs = sets[sys.argv[1]]() if sys.argv[1:2] and sys.argv[1] in sets else documents(tuple(sys.argv[1:]) or PARTS)
    counts: dict[str, int] = {}
    for d in docs:
        for t in d.timexes:
            counts[t.type] = counts.get(t.type, 0) + 1
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words} words; TIMEX3 by type: {counts}")
