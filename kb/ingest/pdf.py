"""Reading a PDF's text layer (pypdf): positioned lines per page, title and date metadata.

:func:`read_pdf` turns the bytes of a PDF into :class:`~kb.ingest.layout.Line`
objects, page by page: the text pypdf extracts, cut at the line ends pypdf
finds, each line with the position (``x``, ``y`` in points from the page's
lower left corner) and the font size where it begins.  Layout damage
(running headers and footers, page numbers, columns, hyphenation,
ligatures) is repaired afterwards by :mod:`kb.ingest.layout`, which knows
nothing of PDF.

Refused, each with one line (an :class:`~kb.ingest.reader.IngestError`):

* a file whose first 1,024 bytes hold no ``%PDF-`` header: "not a PDF";
* a PDF pypdf cannot parse (truncated, damaged objects): "damaged PDF";
* a PDF encrypted with a password (one that opens with the empty password,
  which only restricts printing or copying, is read);
* a PDF with no text layer at all (a scan), or one whose fonts map most of
  its characters to nothing (U+FFFD: fonts without a Unicode table): "needs
  OCR", which kb does not do;
* a PDF that would take without end to read ("too big"): more than
  :data:`MAX_PAGES` pages (counted in its page tree before any is read: a
  600 KB file can list 100,000 pages), page contents that unpack to more
  than :data:`MAX_CONTENT` bytes in all (a small file of compressed blank
  space), or more than :data:`MAX_PAGE_OPERATORS` drawing operators on a
  page or :data:`MAX_OPERATORS` in all, counted as they are read (a
  drawing reused thousands of times, a stream of millions of operators).
  pypdf reads some 20,000 to 100,000 operators a second (fewer inside a
  reused drawing); a text page has a few hundred (a 200-page report: 75,000
  in all, 11 characters of text each), so the limits leave room for the
  20 MiB of text kb takes, stop a hostile page within seconds and a hostile
  file within a minute or two.

pypdf is imported here only, and this module only when a PDF is read.
pypdf's own warnings about damaged files go nowhere: the one line is kb's.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from dataclasses import dataclass, field

from .layout import Line
from .failure import IngestError


MAX_PAGES = 10_000
MAX_CONTENT = 50 * 2**20          # the page contents, unpacked: what the file itself may hold packed
MAX_PAGE_OPERATORS = 100_000
MAX_OPERATORS = 2_000_000


class _Stall(Exception):
    """Raised from pypdf's visitor when a page or the file passes an operator limit."""


@dataclass
class PdfText:
    """What a PDF gives kb before its layout is repaired."""

    pages: list[list[Line]]
    widths: list[float]                 # page width in points, per page
    heights: list[float]                # page height in points, per page
    title: str = ""                     # from the metadata (/Title), when it looks like one
    date: str = ""                      # the metadata's creation date, "YYYY-MM-DD"
    labels: list[str] = field(default_factory=list)   # the PDF's own page labels, if any


def _mul(a, b):
    """The product of two PDF matrices (a, b, c, d, e, f): ``a`` then ``b``."""
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _widths():
    """A function giving the width of a text in a font, in ems (pypdf's font metrics,
    cached by font); half an em a character where the metrics cannot be had."""
    try:
        from pypdf.generic._font import Font
    except ImportError:   # an older pypdf: the estimate
        Font = None
    fonts: dict[int, object] = {}

    def width(text: str, font) -> float:
        metrics = fonts.get(id(font), 0)
        if metrics == 0:
            try:
                metrics = Font.from_font_resource(font) if Font is not None and font else None
            except Exception:   # a font kb cannot measure: the estimate, not a failed file
                metrics = None
            fonts[id(font)] = metrics
        if metrics is not None:
            try:
                return metrics.get_text_width(text) / 1000
            except Exception:   # as above
                fonts[id(font)] = None
        return 0.5 * len(text)

    return width


def _page_count(reader, limit: int) -> int:
    """The pages the page tree lists, as pypdf counts them (a page listed twice is two
    pages), counting no further than one past ``limit``: pypdf's own count copies each
    page's dictionary first.  A node of the tree met twice is walked once (pypdf refuses
    a tree that loops)."""
    root = reader.trailer["/Root"]["/Pages"].get_object()
    stack, seen, count = [root], set(), 0
    while stack and count <= limit:
        node = stack.pop()
        kids = node.get("/Kids") if hasattr(node, "get") else None
        if kids is None or node.get("/Type") == "/Page":
            count += 1
            continue
        ref = getattr(node, "indirect_reference", None)
        key = (ref.idnum, ref.generation) if ref is not None else id(node)
        if key not in seen:
            seen.add(key)
            stack.extend(k.get_object() for k in kids.get_object())
    return count


def _page_lines(page, number: int, width=None, ops=None) -> list[Line]:
    """The lines of one page, in the order of its content stream.

    pypdf calls the visitor with each piece of text it extracts, the matrices in
    force, the font and its size; the pieces, joined, are the page's text, and a
    line begins after each line end pypdf put in it.  A line's right edge is the
    furthest a piece of it reaches (its start plus its width in the font)."""
    width = width or _widths()
    lines: list[Line] = []
    parts: list[str] = []
    where: list = []                  # x, y, size of the current line's first piece
    right = [0.0]

    def close():
        lines.append(Line("".join(parts), where[0], where[1], where[2], number, right=right[0]))
        parts.clear()
        where.clear()
        right[0] = 0.0

    def visit(text, cm, tm, font, size):
        if not text:
            return
        m = _mul(tm, cm)
        em = abs(size or 0) * math.hypot(m[2], m[3]) or abs(size or 0)
        pos = (m[4], m[5], em)
        pieces = text.split("\n")
        for k, piece in enumerate(pieces):
            if piece and not where:
                where.extend(pos)
            if piece.strip():
                right[0] = max(right[0], m[4] + em * width(piece.rstrip(), font))
            parts.append(piece)
            if k < len(pieces) - 1 and where:
                close()
            elif k < len(pieces) - 1:
                parts.clear()

    page.extract_text(visitor_text=visit, visitor_operand_before=ops)
    if where:
        close()
    return [ln for ln in lines if ln.text.strip()]


_PDF_DATE = re.compile(r"D?:?(\d{4})(\d\d)?(\d\d)?")
_JUNK_TITLE = re.compile(r"^(?:microsoft\s+\w+\s*-\s*|untitled\b)|\.(?:docx?|pdf|indd|tex|odt|rtf)$",
                         re.IGNORECASE)


def _meta(reader) -> tuple[str, str]:
    """The metadata's title (unless it is a file name or "Untitled") and creation date."""
    try:
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip()
        raw = str(info.get("/CreationDate") or "")
    except Exception:   # a damaged info dictionary: no metadata, the text still counts
        return "", ""
    if _JUNK_TITLE.search(title) or len(title) > 200:
        title = ""
    date = ""
    m = _PDF_DATE.match(raw.strip())
    if m and 1000 < int(m.group(1)) < 3000:
        month, day = m.group(2) or "", m.group(3) or ""
        if month and 1 <= int(month) <= 12:
            date = f"{m.group(1)}-{month}" + (f"-{day}" if day and 1 <= int(day) <= 31 else "")
        else:
            date = m.group(1)
    return " ".join(title.split()), date


def _labels(reader, n: int) -> list[str]:
    """The PDF's page labels when it defines its own (/PageLabels), else []."""
    try:
        if "/PageLabels" not in reader.trailer["/Root"]:
            return []
        labels = [str(x) for x in reader.page_labels]
    except Exception:   # a damaged label tree: pages are numbered 1, 2, 3...
        return []
    if len(labels) != n or labels == [str(k + 1) for k in range(n)]:
        return []
    return labels


def read_pdf(name: str, data: bytes) -> PdfText:
    """The positioned lines of every page of a PDF (see the module docstring)."""
    if b"%PDF-" not in data[:1024]:
        raise IngestError(f"{name}: not a PDF (no PDF header), though its name says so")
    import pypdf
    from pypdf.errors import FileNotDecryptedError

    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL + 1)      # damaged-file warnings: kb says it in one line
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                reader = pypdf.PdfReader(io.BytesIO(data))
                if reader.is_encrypted and not reader.decrypt(""):
                    raise IngestError(f"{name}: encrypted PDF: it needs a password "
                                      "(save a copy without one to ingest it)")
                listed = _page_count(reader, MAX_PAGES)
                if listed > MAX_PAGES:
                    raise IngestError(f"{name}: too big (more than {MAX_PAGES:,} pages; "
                                      f"kb reads PDFs of up to {MAX_PAGES:,})")
                n = len(reader.pages)
                pages, widths, heights = [], [], []
                measure = _widths()
                unpacked, counted = 0, [0, 0]    # operators: on this page, in all

                def count(*_args):
                    counted[0] += 1
                    counted[1] += 1
                    if counted[0] > MAX_PAGE_OPERATORS or counted[1] > MAX_OPERATORS:
                        raise _Stall

                for i, page in enumerate(reader.pages):
                    box = page.mediabox
                    widths.append(float(box.width))
                    heights.append(float(box.height))
                    content = page.get_contents()
                    unpacked += len(content.get_data()) if content is not None else 0
                    if unpacked > MAX_CONTENT:
                        raise IngestError(f"{name}: too big (its pages' contents unpack to more than "
                                          f"{MAX_CONTENT // 2**20} MiB by page {i + 1})")
                    counted[0] = 0
                    try:
                        lines = _page_lines(page, i, measure, count)
                    except _Stall:
                        what = (f"page {i + 1} draws more than {MAX_PAGE_OPERATORS:,} operators"
                                if counted[0] > MAX_PAGE_OPERATORS else
                                f"its pages draw more than {MAX_OPERATORS:,} operators")
                        raise IngestError(f"{name}: too big to read ({what}; kb stops there)") from None
                    # positions are from the box's lower left corner
                    x0, y0 = float(box.left), float(box.bottom)
                    pages.append([Line(ln.text, ln.x - x0, ln.y - y0, ln.size, i,
                                       right=ln.right - x0 if ln.right else 0.0) for ln in lines])
                title, date = _meta(reader)
                labels = _labels(reader, n)
            except IngestError:
                raise
            except FileNotDecryptedError:
                raise IngestError(f"{name}: encrypted PDF: it needs a password "
                                  "(save a copy without one to ingest it)") from None
            except RecursionError:
                raise IngestError(f"{name}: damaged PDF (its objects nest without end)") from None
            except Exception as e:   # pypdf raises many kinds on a damaged file; each is one line
                what = " ".join(str(e).split())[:120] or type(e).__name__
                if isinstance(e, KeyError) and e.args:   # pypdf looked up an entry that is not there
                    what = f"it lacks the {str(e.args[0])[:40]} entry it needs"
                if "cryptography" in what.lower():
                    raise IngestError(f"{name}: encrypted PDF (AES): reading it needs the "
                                      "'cryptography' package") from None
                raise IngestError(f"{name}: damaged PDF ({what})") from None
    finally:
        log.setLevel(level)
    if n == 0:
        raise IngestError(f"{name}: empty (a PDF with no pages)")
    if not any(ln.text.strip() for page in pages for ln in page):
        raise IngestError(f"{name}: no text layer (a scanned PDF?): it needs OCR, "
                          "which kb does not do")
    letters = sum(len(ln.text) - ln.text.count(" ") for page in pages for ln in page)
    unknown = sum(ln.text.count("\ufffd") for page in pages for ln in page)
    if unknown * 2 > letters:
        raise IngestError(f"{name}: its text layer cannot be read ({unknown:,} of {letters:,} characters "
                          "have no Unicode mapping in its fonts): it needs OCR, which kb does not do")
    return PdfText(pages, widths, heights, title, date, labels)
