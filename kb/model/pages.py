"""Pages of a paged source: which page an offset into the stored text falls on.

A source read from a PDF keeps ``pages``: the character offset, in the text
kb stored, at which each page begins (``pages[0] == 0``; a page with no text
left once its layout was repaired begins where the next one does).  Offsets of
events, claims and names point into that same text, so the page of anything
found in it is computed from them: :func:`page_of`.  A citation made at ingest
also records its page (:func:`page_field`), because a citation added to an
event that an earlier document told has no offsets of its own.

``page_labels``, when the PDF names its pages itself (front matter "iv",
then "1", "2"...: the numbers printed on the page, which a reader cites), is
a list of the same length; otherwise pages are numbered from 1.

:func:`cite_page` is the form a citation shows ("p. 34").
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Sequence


def page_index(pages: Sequence[int], offset: int) -> int | None:
    """The 0-based index of the page ``offset`` falls on, or None for an unpaged source
    (no ``pages``) or a negative offset.  An offset past the last page's start is on the
    last page."""
    if not pages or offset is None or offset < 0:
        return None
    return max(bisect_right(pages, offset) - 1, 0)


def page_of(pages: Sequence[int], offset: int, labels: Sequence[str] | None = None) -> str | None:
    """The page (as the document numbers it: its label, else 1, 2, 3...) on which
    character ``offset`` of the stored text falls; None for an unpaged source."""
    k = page_index(pages, offset)
    if k is None:
        return None
    if labels and k < len(labels) and labels[k]:
        return str(labels[k])
    return str(k + 1)


def pages_of(pages: Sequence[int], start: int, end: int,
             labels: Sequence[str] | None = None) -> str | None:
    """The page, or the span of pages ("34-35"), that ``[start, end)`` covers."""
    first = page_of(pages, start, labels)
    if first is None:
        return None
    last = page_of(pages, max(start, end - 1), labels)
    return first if last == first else f"{first}-{last}"


def cite_page(page: str | int | None) -> str:
    """A page as a citation shows it: "p. 34", "pp. 34-35"; "" for none."""
    if page is None or page == "":
        return ""
    page = str(page)
    return f"pp. {page}" if "-" in page else f"p. {page}"


def source_pages(source: dict, start: int, end: int | None = None) -> str | None:
    """The page(s) of ``[start, end)`` in a stored ``source`` record (its ``pages`` and
    ``page_labels``); None when the source is not paged."""
    pages = source.get("pages") or []
    labels = source.get("page_labels")
    if end is None:
        return page_of(pages, start, labels)
    return pages_of(pages, start, end, labels)


def page_field(pages: Sequence[int], labels: Sequence[str] | None, offset: int) -> dict:
    """``{"page": "34"}`` for a citation of the text at ``offset`` in a paged source, else
    ``{}`` (a citation of an unpaged source has no ``page``)."""
    page = page_of(pages, offset, labels)
    return {"page": page} if page is not None else {}
