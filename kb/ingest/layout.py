"""Repairing the layout damage of a paged document before it is read.

A PDF's text layer holds lines placed on pages, not paragraphs.  Read as they
come, they would give kb running headers and footers as sentences, page
numbers inside the text, the two columns of a page interleaved, words cut in
two at line ends and ligature characters no search matches.  The rules, each
applied to lines that carry their page, position and font size
(:class:`Line`, from any reader: nothing here knows PDF):

* **ligatures** (:func:`unligate`): the presentation forms ``ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ``
  become their letters; a soft hyphen (U+00AD) inside a line is dropped.
* **running headers and footers** (:func:`strip_furniture`): among the three
  lines nearest the top and the three nearest the bottom of each page, within
  :data:`BAND` of the page's height, a line whose text (digits and Roman
  numerals read as one number sign, case and spacing ignored) and font size
  recur on several pages (:func:`_enough`: 2 pages of a document of up to 3,
  else 3) is page furniture and is dropped on every page; so is any such
  line that is only a page number ("12", "- 12 -", "Page 12 of 200", "xii"),
  and a short one that begins or ends with its page's printed number, when
  the printed numbers run with the pages (on as many pages, a margin line
  carries the page's index plus one same offset): a running header that
  changes with each chapter ("Chapter 2: Rules 3", "4 Chapter 2: Rules").
  Titles on a title page differ in size from the running header that repeats
  them, so they stay.
* **columns** (:func:`order_columns`): a page where at least three lines (and
  a fifth of them) start right of 40% of its width while as many others stay
  left of 60% is read as two columns: lines across both columns above them
  first, then the left column, then the right, then the rest, each in the
  order the page gives them.
* **paragraphs** (:func:`reflow`): a page's lines are joined into paragraphs,
  one paragraph per line of the stored text with a blank line between (kb
  reads a line as a unit: a short line is a heading).  A paragraph ends at a
  change of font size, before a bullet item, at a vertical gap of more than
  1.5 times the document's usual line spacing, and after a line that ends
  short of its column (its right edge, measured with the font's widths, short
  of 80% of the width three quarters of the column's lines reach; a column of
  fewer than three lines has the document's median width), unless that line
  ends in a word cut in two.
  A paragraph that runs on to the next page or column goes on.
* **hyphenation** (:func:`_join`): a line that ends in a letter and a hyphen,
  followed by one that begins with a lower-case letter, is one word cut in
  two ("demon-" + "stration"): the hyphen goes, unless the document itself
  writes that word with a hyphen elsewhere and never without ("well-known").
  Before a capital or a digit the hyphen stays ("Franco-" + "Prussian").

:func:`reflow` returns the text and, for each page, the offset in it where the
page's first kept line begins (:mod:`kb.model.pages`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from statistics import median

BAND = 0.15          # running headers and footers lie within this share of the page's height


@dataclass(frozen=True)
class Line:
    """One line of a page: its text, where it begins (points from the page's lower
    left corner), its font size, its page (from 0), once ordered its column, and
    where it ends when the reader knows (else 0: estimated, :func:`_right_edge`)."""

    text: str
    x: float
    y: float
    size: float
    page: int
    col: int = 0
    right: float = 0.0


_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def unligate(text: str) -> str:
    """Ligatures as letters, spacing runs as one space, soft hyphens inside a line gone."""
    text = text.translate(_LIGATURES)
    if "\u00ad" in text[:-1]:
        text = text[:-1].replace("\u00ad", "") + text[-1]
    return _SPACES.sub(" ", text).strip()


# --------------------------------------------------------------------------
# running headers and footers

_ROMAN = re.compile(r"\b[ivxlcdm]{1,7}\b")
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^[\W_]*(?:(?:page|p\.?|pg\.?)\s*)?(?:\d{1,5}|[ivxlcdm]{1,7})"
                          r"(?:\s*(?:of|/)\s*\d{1,5})?[\W_]*$", re.IGNORECASE)


def _key(line: Line) -> tuple[str, int]:
    text = _DIGITS.sub("#", " ".join(line.text.lower().split()))
    return _ROMAN.sub("#", text), round(line.size)


def _margin_lines(lines: list[Line], height: float) -> list[Line]:
    """The three lines nearest the top and the three nearest the bottom, within the band."""
    by_y = sorted(lines, key=lambda ln: -ln.y)
    top = [ln for ln in by_y[:3] if ln.y >= height * (1 - BAND)]
    bottom = [ln for ln in by_y[-3:] if ln.y <= height * BAND and ln not in top]
    return top + bottom


def _enough(n_pages: int) -> int:
    """On how many pages a margin line must recur to be a running header or footer."""
    return 2 if n_pages <= 3 else 3


_EDGE_NUMBER = re.compile(r"^\W*(\d{1,4})\b|\b(\d{1,4})\W*$")


def _edge_number(line: Line) -> int | None:
    """The number a short line begins or ends with ("3 Chapter 2", "Chapter 2: Rules 3")."""
    if len(line.text.split()) > 15:
        return None
    m = _EDGE_NUMBER.search(line.text)
    return int(m.group(1) or m.group(2)) if m else None


def _numbering(margins: list[list[Line]], need: int) -> int | None:
    """How the printed page numbers run: the offset ``d`` such that on at least ``need``
    pages a margin line begins or ends with the number ``page index + d``."""
    pages_with: Counter = Counter()
    for i, page in enumerate(margins):
        offsets = {n - i for n in map(_edge_number, page) if n is not None}
        pages_with.update(offsets)
    best = pages_with.most_common(1)
    return best[0][0] if best and best[0][1] >= need else None


def strip_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """The pages without running headers, footers and page numbers (module docstring)."""
    margins = [_margin_lines(lines, h) for lines, h in zip(pages, heights)]
    seen = Counter(k for page in margins for k in {_key(ln) for ln in page})
    need = _enough(len(pages))
    offset = _numbering(margins, need)
    out = []
    for i, (lines, margin) in enumerate(zip(pages, margins)):
        drop = {id(ln) for ln in margin
                if seen[_key(ln)] >= need or _PAGE_NUMBER.match(ln.text.strip())
                or (offset is not None and _edge_number(ln) == i + offset)}
        out.append([ln for ln in lines if id(ln) not in drop])
    return out


# --------------------------------------------------------------------------
# columns

def _right_edge(line: Line) -> float:
    """Where a line ends: as the reader measured it, else half an em a character."""
    return line.right or line.x + 0.5 * line.size * len(line.text)


def order_columns(lines: list[Line], width: float) -> list[Line]:
    """A page's lines in reading order, with their column (module docstring)."""
    if len(lines) < 6 or width <= 0:
        return lines
    right = [ln for ln in lines if ln.x >= 0.4 * width]
    left = [ln for ln in lines if ln.x < 0.4 * width and _right_edge(ln) <= 0.6 * width]
    if len(right) < 3 or len(left) < 3 or len(right) < len(lines) / 5:
        return lines
    top = max(ln.y for ln in right + left)
    right_ids, left_ids = {id(ln) for ln in right}, {id(ln) for ln in left}

    def band(ln: Line) -> int:
        if id(ln) in left_ids:
            return 1
        if id(ln) in right_ids:
            return 2
        return 0 if ln.y > top else 3

    ordered = sorted(lines, key=band)         # stable: each band keeps the page's order
    return [replace(ln, col=band(ln)) for ln in ordered]


# --------------------------------------------------------------------------
# paragraphs and hyphenation

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_BULLET = re.compile(r"(?:[-*•·▪–]|\d{1,2}[.)])\s")
_ENDS_SENTENCE = re.compile(r"[.!?:;][\"”’)\]]*$")


class _Vocabulary:
    """The words of a document, to tell a line-end hyphen that cuts a word from one that
    belongs to it."""

    def __init__(self, lines: list[Line]):
        self.closed: set[str] = set()
        self.hyphenated: set[str] = set()
        for ln in lines:
            for w in _WORD.findall(ln.text.lower()):
                (self.hyphenated if "-" in w else self.closed).add(w)

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        joined, with_hyphen = (head + tail).lower(), f"{head}-{tail}".lower()
        return with_hyphen in self.hyphenated and joined not in self.closed


_TRAILING = re.compile(r"([^\W\d_]+)[-\u00ad]$")
_LEADING = re.compile(r"[^\W\d_]+")


def _join(prev: str, nxt: str, vocab: _Vocabulary) -> tuple[bool, str]:
    """How the line ``prev`` and the next line of its paragraph meet: whether the
    last character of ``prev`` (a hyphen) goes, and the separator between them."""
    m = _TRAILING.search(prev[-80:])
    if m:
        if prev.endswith("\u00ad"):
            return True, ""
        n = _LEADING.match(nxt)
        if n and nxt[0].islower():
            return not vocab.keeps_hyphen(m.group(1), n.group(0)), ""
        if nxt[:1].isupper() or nxt[:1].isdigit():
            return False, ""
    return False, " "


def _leading(lines: list[Line]) -> float:
    gaps = [a.y - b.y for a, b in zip(lines, lines[1:])
            if a.page == b.page and a.col == b.col and 0 < a.y - b.y < 3 * max(a.size, 1)]
    return median(gaps) if gaps else 0.0


def _columns(lines: list[Line]) -> dict[tuple[int, int], tuple[float, float]]:
    """Where each column of each page begins and ends: its leftmost start, and the right
    edge three quarters of its lines reach (a line that overflows does not widen it).
    A column of fewer than three lines (too few to know) takes the document's median
    width."""
    groups: dict[tuple[int, int], list[Line]] = {}
    for ln in lines:
        groups.setdefault((ln.page, ln.col), []).append(ln)
    spans: dict[tuple[int, int], tuple[float, float]] = {}
    for k, group in groups.items():
        if len(group) >= 3:
            rights = sorted(_right_edge(ln) for ln in group)
            spans[k] = (min(ln.x for ln in group), rights[(3 * len(rights)) // 4])
    known = [right - left for left, right in spans.values()]
    width = median(known) if known else max((_right_edge(ln) - ln.x for ln in lines), default=0.0)
    for k, group in groups.items():
        if k not in spans:
            left = min(ln.x for ln in group)
            spans[k] = (left, left + width)
    return spans


def _breaks(prev: Line, ln: Line, leading: float, columns: dict) -> bool:
    """Does a new paragraph begin at ``ln``, after ``prev``?"""
    if abs(ln.size - prev.size) > 0.15 * max(ln.size, prev.size, 1):
        return True
    if _BULLET.match(ln.text):
        return True
    same_column = ln.page == prev.page and ln.col == prev.col and ln.y < prev.y
    if same_column and leading and prev.y - ln.y > 1.5 * leading:
        return True
    if _TRAILING.search(prev.text[-80:]) and ln.text[:1].islower():
        return False                      # a word cut in two: its paragraph goes on
    left, right = columns[prev.page, prev.col]
    return _right_edge(prev) - left < 0.8 * (right - left)


def reflow(pages: list[list[Line]]) -> tuple[str, list[int]]:
    """The text of ordered, cleaned pages as paragraphs, and where each page begins in it."""
    lines = [replace(ln, text=unligate(ln.text)) for page in pages for ln in page]
    lines = [ln for ln in lines if ln.text]
    vocab = _Vocabulary(lines)
    leading = _leading(lines)
    columns = _columns(lines)
    parts: list[str] = []        # the text so far, in pieces
    size = 0                     # its length
    starts: dict[int, int] = {}
    prev: Line | None = None
    for ln in lines:
        if prev is not None:
            if _breaks(prev, ln, leading, columns):
                parts.append("\n\n")
                size += 2
            else:
                drop, sep = _join(prev.text, ln.text, vocab)
                if drop:
                    parts[-1] = parts[-1][:-1]
                    size -= 1
                parts.append(sep)
                size += len(sep)
        starts.setdefault(ln.page, size)
        parts.append(ln.text)
        size += len(ln.text)
        prev = ln
    text = "".join(parts) + "\n"
    out, nxt = [0] * len(pages), len(text)
    for p in range(len(pages) - 1, -1, -1):   # a page with no text begins where the next does
        nxt = out[p] = starts.get(p, nxt)
    if out:
        out[0] = 0
    return text, out


def title_by_size(lines: list[Line]) -> str:
    """The title of a title page: its lines in the largest font, when that font is larger
    than the page's usual one (the first run of such lines, at most three)."""
    if not lines:
        return ""
    big = max(ln.size for ln in lines)
    if big < 1.2 * median(ln.size for ln in lines):
        return ""
    run: list[str] = []
    for ln in lines:
        if abs(ln.size - big) <= 0.05 * big:
            run.append(unligate(ln.text))
            if len(run) == 3:
                break
        elif run:
            break
    title = " ".join(t for t in run if t)
    return title if len(title) <= 200 else ""
