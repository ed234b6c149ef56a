"""A file to tag: its text as kb reads it, and offsets into the file as decoded.

``kb tag`` reads a file as ``kb ingest`` does (:func:`kb.ingest.reader.read_document`:
the same formats, limits, refusals and publication-date detection), and
reports offsets into the file's text **exactly as decoded**.  Without
``--date``, when the reader finds no day of publication, a news file's top
is read as well (:func:`_top_date`): a line that is only a date (a
document-creation time: "March 12, 1998", "1998-03-12 14:05", "11/02/89")
or a dateline is the day relative dates are read from, else a news wire's
document id on a line of its own or as the file's name ("APW19980818.0515").  Offsets: a plain-text or
Markdown file whose lines end in ``\\r\\n`` or ``\\r`` is read with its line
ends normalised (as ingest stores it), or holding invisible characters the reader
drops (a soft hyphen anywhere, a zero-width joiner beside a space: they cut names),
and each offset is mapped back to the
decoded file, so ``text == decoded[start:end]`` holds for every row.  A
UTF-8 or UTF-16 byte-order mark is not text and is not counted.  For HTML
(and other formats whose text kb extracts, such as PDF) the offsets are into
the text kb extracts, which is the text ``kb ingest`` stores; a mention in
a PDF also has the ``page`` it begins on (as the document numbers its pages).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import DateSpan


@dataclass
class Source:
    """One input: ``name`` as given, ``text`` tagged, the detected or given
    publication date, and ``raw``, the decoded file when offsets into ``text``
    must be mapped to it (else None)."""

    name: str
    text: str
    published: DateSpan | None
    raw: str | None = None
    pages: list[int] | None = None          # where each page begins in ``text`` (PDF)
    page_labels: list[str] | None = None    # the pages' own names ("iii", "12")

    def page(self, offset: int) -> str | None:
        """The page (as the document numbers it) character ``offset`` of ``text`` is on;
        None for a text without pages."""
        if not self.pages:
            return None
        from ..model.pages import page_of

        return page_of(self.pages, offset, self.page_labels)

    def positions(self) -> list[int] | None:
        """``pos[i]``: where character ``i`` of ``text`` begins in ``raw``
        (``pos[len(text)] == len(raw)``), or None when the two are the same."""
        if self.raw is None:
            return None
        from ..ingest.invisible import INVISIBLE

        raw, pos, j, n = self.raw, [], 0, len(self.raw)
        for ch in self.text:
            while j < n and raw[j] != ch and raw[j] in INVISIBLE:  # a character the reader drops
                j += 1
            pos.append(j)
            j += 2 if raw.startswith("\r\n", j) else 1
        pos.append(n)
        return pos

    def remap(self, rows: list[dict]) -> list[dict]:
        """``rows`` with their ``page`` (from offsets into ``text``), then with offsets and
        text of the decoded file (see the module docstring)."""
        for row in rows:
            row["page"] = self.page(row["offset"][0])
        pos = self.positions()
        if pos is None:
            return rows
        for row in rows:
            s, e = row["offset"]
            end = pos[e] if e == s else pos[e - 1] + (2 if self.raw.startswith("\r\n", pos[e - 1]) else 1)
            row["offset"] = [pos[s], end]          # (not pos[e]: a dropped joiner may come between)
            row["text"] = self.raw[pos[s]:end]
        return rows


def _top_date(text: str, found: DateSpan | None, name: str = "-") -> DateSpan | None:
    """The day a news file gives at its top (:func:`kb.dates.tag.document_date`: a line
    that is only a date, "March 12, 1998" or "1998-03-12 14:05", a dateline, or a news
    wire id on a line of its own), when the reader found no day, else the day of the
    wire id the file is named after (:func:`_named_day`: "APW19980818.0515.txt").  A
    year-less dateline is read nearest the day of the file's name, else in the year
    the reader found (a copyright notice)."""
    from datetime import date as _date

    from ..dates.tag import document_date

    named = _named_day(name)
    near = named.start if named is not None else _date(found.start.year, 7, 2) if found is not None else None
    return document_date(text, near) or named


def _named_day(name: str) -> DateSpan | None:
    """The day of the news wire id a file is named after, with or without its
    extensions ("XIE19980808.0188.txt", "AP_20130322.tml"); None for stdin and any
    other name."""
    import os

    from ..dates.tag import wire_id

    if name == "-":
        return None
    base = os.path.basename(name)
    for _ in range(3):
        got = wire_id(base)
        if got is not None or "." not in base:
            return got
        base = base.rsplit(".", 1)[0]
    return None


def read(name: str, date: DateSpan | str | None = None, stdin=None) -> Source:
    """Read ``name`` (a path, or ``-`` for ``stdin``) as ``kb ingest`` reads it.

    Raises :class:`kb.ingest.reader.IngestError` (one line naming the file) or
    :class:`kb.errors.KbError` (a bad ``date``)."""
    from ..ingest.reader import decode, read_bytes, read_document

    data = read_bytes(name, stdin)      # read once: a named pipe cannot be opened again for the raw bytes
    doc = read_document(name, date=date, data=data)
    published = doc.published
    if date is None and (published is None or published.precision != "day"):
        published = _top_date(doc.text, published, name) or published
    raw = None
    if doc.format in ("text", "markdown"):
        if b"\r" in data or not data.isascii():  # line ends, or joiners beside a space, made one
            raw = decode(name, data, line_ends=False)
            raw = None if raw == doc.text else raw
    return Source(name, doc.text, published, raw, doc.pages or None,
                  doc.page_labels or None)
