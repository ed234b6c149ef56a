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
in the same TimeML form; see the README there).

Run it to print the corpus counts: ``python tests/benchmark/timeml.py``
(``python tests/benchmark/timeml.py own`` for the project's own documents).
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


if __name__ == "__main__":
    docs = own() if sys.argv[1:] == ["own"] else documents(tuple(sys.argv[1:]) or PARTS)
    counts: dict[str, int] = {}
    for d in docs:
        for t in d.timexes:
            counts[t.type] = counts.get(t.type, 0) + 1
    words = sum(len(d.text.split()) for d in docs)
    print(f"{len(docs)} documents, {words} words; TIMEX3 by type: {counts}")
