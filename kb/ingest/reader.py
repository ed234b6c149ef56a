"""Reading a document: bytes in, a :class:`Document` out, or one clear error.

Contract of :func:`read_document`:

* **Input**: a path, or ``-`` for standard input.  A PDF (``%PDF-`` in its
  first 1,024 bytes, or a ``.pdf`` name) is read by :mod:`kb.ingest.pdf` and
  repaired by :mod:`kb.ingest.layout`; a Word file (a ZIP package with a
  ``word/document.xml`` part, or a ``.docx`` name) by :mod:`kb.ingest.docx`.
  Otherwise the format is told by the file name (``.html``/``.htm``/``.xhtml``,
  ``.md``/``.markdown``) or, failing that, by the content (a leading
  ``<!doctype html`` / ``<html`` is HTML).  Anything else is plain text.
* **Refused**, each with an :class:`IngestError` whose message is one line
  naming the file, so the other files of the run still go in:

  - bigger than :data:`MAX_BYTES` (20 MiB), or for a PDF or Word file
    :data:`MAX_PACKED_BYTES` (50 MiB, and 20 MiB of text once read): "too big";
  - a PDF or Word file that is encrypted, damaged, not what its name says,
    or (a PDF) has no text layer: see :mod:`kb.ingest.pdf`, :mod:`kb.ingest.docx`;
  - a socket, a directory, a symbolic link to a missing file or one of a loop:
    "is a socket, not a file", "is a directory", "a symbolic link to a missing
    file", "cannot be read (Too many levels of symbolic links)";
  - a NUL byte, or more than 1% control characters, in the first 64 KiB:
    "not a text file";
  - not UTF-8 (a UTF-8, UTF-16 or UTF-32 byte-order mark is honoured, and
    UTF-16 without one is told by its NUL bytes; an HTML page is read in the
    charset its ``<meta>`` declares, :mod:`kb.ingest.html`): "cannot be decoded";
    an HTML page declaring a charset kb does not know: "not UTF-8, and the charset
    it declares ... is not one kb knows";
  - nothing but white space once read: "empty".

* **Text kept**: for plain text and Markdown, the file's text exactly as
  decoded (line ends normalised to ``\\n``); for HTML, the visible text
  (scripts, styles and the head are dropped, block elements end lines);
  for a PDF or Word file, its paragraphs, one a line with a blank line
  between (the PDF's layout repaired first).  Character offsets of extracted
  events point into this text, which is stored in the source record; for a
  PDF (and a Word file that holds Word's page-break marks),
  :attr:`Document.pages` holds where each page begins in it (and
  :attr:`Document.page_labels` the PDF's own page names), so that the page of
  any offset is known (:mod:`kb.model.pages`).
* **Title**, first that applies: ``--title``; HTML ``<title>`` (else
  ``og:title``, else the first ``<h1>``); a Markdown front-matter ``title:``
  or leading ``# heading``; in plain text, the first short non-empty line that
  is not a byline, a metadata line ("By ...", "Published On: ...",
  "Categories: ...") or a line of tags ("Elections,Iran Protests,Human
  Rights"); else the file name.  For a PDF: the title page's lines in its
  largest font (when larger than its usual font); for a Word file, the first
  paragraph in the style Title, else Heading 1; then, when the text gives
  none, the metadata's title (not one that is a file name, "Microsoft Word -
  ...", "Untitled"), then the plain-text rule.
* ``--title`` is kept as one line (white space runs become a space, other
  control characters go; left empty, it counts as not given).
* **File name** kept in the record: the name without its folders; bytes of a
  name that are not UTF-8 are kept as ``\\xe9`` escapes (:func:`valid_text`),
  as are those of a ``--title``.
* **Publication date**, first that applies: ``--date`` (any form
  :func:`kb.dates.parse_date` reads); HTML ``<meta>`` dates
  (``article:published_time``, ``datePublished``, ``date``, ``DC.date``,
  ``pubdate``...) or ``<time datetime>``; front-matter ``date:``; a
  "Published On: June 5, 2020" / "Posted on ..." / "Date: ..." line in the
  first 2,000 characters; then a dateline opening the article ("TEHRAN, Iran,
  Aug. 11, 1998 (AP) --", :func:`kb.dates.dateline`, rule ``dateline``; without
  its year, the year of the copyright notice when there is one); last, a
  copyright notice ("Copyright © 2020", precision year, rule ``copyright``).  For a PDF or Word file, first a line
  of the title page (the PDF's first page, a Word file's first page as
  Word laid it out, else its first 2,000 characters) that is only a date ("5 June 2020", "June 2020"), then a label
  on the title page, the copyright notice, and last the metadata's creation
  date (rule ``metadata``).  Otherwise ``None``: no date is invented here.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field
from datetime import date as _date  # a function here takes an argument named date
from pathlib import Path
from stat import S_ISSOCK

from ..dates import DateError, DateSpan, find_dates, parse_bound, parse_date
from ..errors import KbError
from .failure import IngestError
from .html import CHARSET_SCAN, _HTMLText, declared_encoding, decode_declared, html_to_text, is_html  # noqa: F401
from .invisible import drop_invisible
from .segment import tag_list

MAX_BYTES = 20 * 1024 * 1024
MAX_PACKED_BYTES = 50 * 1024 * 1024     # a PDF or .docx (pictures make them big; text is checked after)
SNIFF = 64 * 1024
PDF_SUFFIXES = (".pdf",)
DOCX_SUFFIXES = (".docx", ".docm", ".dotx")


@dataclass
class Document:
    """A document as read: the text that is stored and searched, and what is known of it."""

    name: str            # as the user gave it (a path, or "-")
    file: str            # file name kept in the source record ("<stdin>" for -)
    text: str
    title: str
    published: DateSpan | None
    sha256: str
    format: str          # "text", "markdown", "html", "pdf" or "docx"
    pages: list[int] = field(default_factory=list)   # where each page begins in text (PDF)
    page_labels: list[str] = field(default_factory=list)  # the PDF's own page names, if any


def valid_text(text: str) -> str:
    """``text`` as valid Unicode, fit for the store and for JSON: a file name or an
    argument that was not UTF-8 reaches Python with its bytes as surrogates
    (``surrogateescape``); those bytes are kept as ``\\xe9`` escapes.  The name itself
    still opens the file: only what is stored and shown is changed."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:              # a lone surrogate that stands for no byte
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------
# bytes -> str

def _packed(name: str, head: bytes) -> bool:
    """Is the input a PDF or a Word file (by its first bytes, else its name)?"""
    return (head.startswith((b"%PDF-", b"PK\x03\x04", b"\xd0\xcf\x11\xe0"))
            or (name != "-" and Path(name).suffix.lower() in PDF_SUFFIXES + DOCX_SUFFIXES))


def _too_big(name: str, limit: int, size: float | None = None) -> IngestError:
    what = f"{size / 2**20:.1f} MiB" if size is not None else f"more than {limit // 2**20} MiB"
    kind = " for a PDF or Word file" if limit == MAX_PACKED_BYTES else ""
    return IngestError(f"{name}: too big ({what}; the limit is {limit // 2**20} MiB{kind})")


def read_bytes(name: str, stdin=None) -> bytes:
    """The input's bytes, read at most one byte past its limit: :data:`MAX_BYTES` for
    text, :data:`MAX_PACKED_BYTES` for a PDF or Word file."""
    if name == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        head = stream.read(8)
        if isinstance(head, str):
            head = head.encode("utf-8")
            limit = MAX_BYTES
            data = head + stream.read(limit + 1).encode("utf-8")
        else:
            limit = MAX_PACKED_BYTES if _packed(name, head) else MAX_BYTES
            data = head + stream.read(limit + 1 - len(head))
    else:
        if not name:
            raise IngestError("'': an empty file name")
        p = Path(name)
        if p.is_dir():
            raise IngestError(f"{name}: is a directory")
        try:
            st = p.stat()
            size = st.st_size
        except FileNotFoundError:
            if p.is_symlink():
                raise IngestError(f"{name}: a symbolic link to a missing file") from None
            raise IngestError(f"{name}: no such file") from None
        except OSError as e:
            raise IngestError(f"{name}: cannot be read ({e.strerror or e})") from None
        if S_ISSOCK(st.st_mode):   # open() would say "No such device or address"
            raise IngestError(f"{name}: is a socket, not a file")
        if size > MAX_PACKED_BYTES:
            raise _too_big(name, MAX_PACKED_BYTES if _packed(name, b"") else MAX_BYTES, size)
        try:
            # Read at most one byte past the limit: a device or a pipe
            # (/dev/zero, <(cmd)) reports no size and may never end.
            with _open_input(name, p) as fh:
                head = fh.read(8)
                limit = MAX_PACKED_BYTES if _packed(name, head) else MAX_BYTES
                if size > limit:
                    raise _too_big(name, limit, size)
                data = head + fh.read(limit + 1 - len(head))
        except OSError as e:
            raise IngestError(f"{name}: cannot be read ({e.strerror or e})") from None
    if len(data) > limit:
        raise _too_big(name, limit)
    return data


PIPE_WAIT = 5.0  # seconds a pipe may stay silent before it is given up


def _open_input(name: str, p: Path):
    """``p`` opened for reading; a pipe (``mkfifo``, ``<(cmd)``) only once something came
    through it, or it closed, within :data:`PIPE_WAIT` seconds: a named pipe nobody
    writes to would otherwise block the open for ever.  The file is opened without
    blocking and what was opened is asked what it is (``fstat``), so a file swapped for a
    pipe after kb looked at it cannot hang the open either."""
    import os
    import select
    import stat

    fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)
    try:
        if stat.S_ISFIFO(os.fstat(fd).st_mode):
            poll = select.poll()
            poll.register(fd, select.POLLIN)
            if not poll.poll(int(PIPE_WAIT * 1000)):
                raise IngestError(f"{name}: nothing came through the pipe in {PIPE_WAIT:g} s (is anything writing to it?)")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _wide_encoding(data: bytes) -> str:
    """The codec of a file opening with a UTF-32 or UTF-16 byte-order mark, or of UTF-16
    without one, told by its NULs: Latin-script text has one in every other byte (the odd
    ones little-endian, the even ones big-endian) and almost none between; else ""."""
    for mark, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(mark):
            return codec
    head = data[:SNIFF] if len(data) % 2 == 0 or len(data) > SNIFF else b""
    if (half := len(head) // 2) < 2 or b"\x00" not in head:
        return ""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.3 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return ""


def decode(name: str, data: bytes, line_ends: bool = True) -> str:
    """UTF-8 (or UTF-16 or UTF-32 with a byte-order mark, or UTF-16 without one:
    :func:`_wide_encoding`; or, for an HTML page that is not UTF-8, the charset it
    declares: :func:`kb.ingest.html.declared_encoding`) to text; refuse binary and
    undecodable input.
    Line ends are normalised to ``\n`` unless ``line_ends`` is false (``kb tag`` maps its
    offsets back to the text exactly as decoded)."""
    wide = _wide_encoding(data)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            raise IngestError(f"{name}: cannot be decoded as {wide.upper()} text") from None
        text = text.removeprefix("\ufeff")
    else:
        if b"\x00" in data[:SNIFF]:
            raise IngestError(f"{name}: not a text file (it contains NUL bytes)")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            page = is_html(name, data)
            codec = declared_encoding(name, data) if page else None
            if codec is None or codec == "utf-8":
                said = (" and declares no other charset in its first "
                        f"{CHARSET_SCAN // 1024} KiB" if page and codec is None else "")
                raise IngestError(f"{name}: cannot be decoded as UTF-8 (bad byte at offset {e.start}){said}; "
                                  "convert it to UTF-8 first") from None
            text = decode_declared(name, data, codec)
    head = text[:SNIFF]
    if head and len(_CONTROL.findall(head)) > len(head) / 100:
        raise IngestError(f"{name}: not a text file (too many control characters)")
    if line_ends:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if not text.isascii():  # invisible characters that cut names; issue 16
            text = drop_invisible(text)
    if not text.strip():
        raise IngestError(f"{name}: empty")
    return text


# --------------------------------------------------------------------------
# title and date in text

_META_LINE = re.compile(r"^\s*(?:by\b|published\b|posted\b|updated\b|date\s*:|categories\s*:|"
                        r"tags\s*:|filed under\b|written by\b|author\s*:)", re.IGNORECASE)
_PUBLISHED = re.compile(r"(?:published|posted|updated|dated?|released)(?:\s+on)?\s*:?\s*",
                        re.IGNORECASE)
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def _date_after_label(text: str) -> DateSpan | None:
    head = text[:2000]
    for m in _PUBLISHED.finditer(head):
        # "November 5, 2020Categories": a word glued to the date ends it
        rest = re.sub(r"(\d)([A-Za-z])", r"\1 \2", head[m.end():m.end() + 60])
        for start, _end, span in find_dates(rest):
            if start == 0 and span.precision in ("day", "month", "year"):
                return span
            break
    return None


_COPYRIGHT = re.compile(r"(?:copyright|©|\(c\))\s*(?:©\s*)?(?:(?:1[6-9]|20)\d\d\s*[-–]\s*)?((?:1[6-9]|20)\d\d)\b",
                        re.IGNORECASE)


def _copyright_year(text: str) -> DateSpan | None:
    # every notice holds "copyright", "(c)" or "©": an ASCII text without them (most) is not
    # searched (the pattern, ignoring case, is tried at each character: ~30 ms a MB)
    if text.isascii() and "(c)" not in (low := text.lower()) and "copyright" not in low:
        return None
    found = _COPYRIGHT.findall(text)
    if not found:
        return None
    y = max(int(x) for x in found)  # 1600 to 2099: the whole year as parse_date reads it, built here so
    # that no date form is compiled before the text's scan
    return DateSpan(str(y), _date(y, 1, 1), _date(y, 12, 31), "year", str(y), rule="copyright")


def _dateline(text: str, copyright_: DateSpan | None) -> DateSpan | None:
    """The date a news file gives at its top, as ``kb tag`` reads it
    (:func:`kb.dates.tag.document_date`): a line that is only a date ("March 3,
    2004", "2004-03-03") among its first lines, else its dateline ("TEHRAN, Iran,
    Aug. 11, 1998 (AP) --"): its day; a dateline without its year ("WASHINGTON,
    August 11 (Xinhua)") takes the year of the page's copyright notice, when it
    has one (read as the such day nearest the middle of that year), else gives
    nothing."""
    from ..dates.tag import document_date
    from datetime import date as _date
    near = _date(copyright_.start.year, 7, 2) if copyright_ is not None else None
    return document_date(text, near)


def _parse_meta_date(value: str) -> DateSpan | None:
    value = value.strip()
    m = re.match(r"(\d{4}-\d{2}-\d{2})", value)
    try:
        return parse_date(m.group(1) if m else value)
    except DateError:
        return None


_LINE_BREAK = re.compile("[\n\u2028\u2029]")


def _plain_title(text: str) -> str:
    """The first short line that is not page furniture: not a metadata line, a tag list,
    a line that is only a date (the publication date a news file opens with,
    :func:`kb.dates.tag.date_line`, read by :func:`_dateline`) or only a news wire's
    document id (:func:`kb.dates.tag.wire_id`, which dates the file too)."""
    from ..dates.tag import date_line, wire_id

    for line in _LINE_BREAK.split(text, 40)[:40]:      # U+2028/U+2029 end a line as a newline does
        s = line.strip().lstrip("#").strip()
        if (not s or _META_LINE.match(s) or tag_list(s) or date_line(s) is not None
                or wire_id(s) is not None):
            continue
        if len(s) <= 150:
            return s
        return ""
    return ""


_HEADING_MARK = re.compile(r"^#{1,2}(?=\s)", re.MULTILINE)
_SPACE_RUN = re.compile(r"\s+")


def _markdown_heading(text: str, start: int) -> str:
    """The first ``#`` or ``##`` heading of a Markdown text, without its closing hashes:
    what ``re.search(r"^#{1,2}\\s+(.+?)\\s*#*\\s*$", text, re.M).group(1)`` finds, in
    linear time (that search is quadratic on a long line of hashes or spaces).

    The marker's spaces may run over blank lines; the heading is the rest of the line
    where they end, less the longest tail of spaces, hashes and spaces, but at least
    one character.  When only white space follows the marker, the search settles on
    the last such character that is not a line end."""
    for mark in _HEADING_MARK.finditer(text, start):
        p = _SPACE_RUN.match(text, mark.end()).end()
        if p == len(text):
            k = len(text) - 1
            while k > mark.end() and text[k] == "\n":
                k -= 1
            if k > mark.end():
                return text[k]
            continue
        eol = text.find("\n", p)
        eol = len(text) if eol < 0 else eol
        line = text[p:eol]
        # the tail to drop: spaces, then hashes, then spaces (searched from the right)
        body = line.rstrip()
        body = body.rstrip("#")
        body = body.rstrip()
        return line[:max(len(body), 1)]
    return ""


def detect_format(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if suffix in (".md", ".markdown", ".mdown"):
        return "markdown"
    if re.match(r"\s*<(?:!doctype\s+html|html)\b", text[:500], re.IGNORECASE):
        return "html"
    return "text"


def _packed_kind(name: str, data: bytes) -> str | None:
    """"pdf" or "docx" when the input is one (by its bytes, else its name), else None.
    A ZIP package is a .docx when it holds a Word document part; an OLE file (a
    Word 97-2003 .doc, or an encrypted .docx) named .doc or .docx is sent to the Word
    reader to be refused by name.  A Word package is told before a PDF header is sought."""
    suffix = "" if name == "-" else Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04") and suffix not in PDF_SUFFIXES:
        from .docx import is_docx
        if is_docx(data):   # before the PDF header test: its first part may be a PDF
            return "docx"
    if b"%PDF-" in data[:1024] or suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in DOCX_SUFFIXES or (suffix == ".doc" and data.startswith(b"\xd0\xcf\x11\xe0")):
        return "docx"
    return None


@dataclass
class _Packed:
    """A PDF or Word file's text before its title and date are chosen."""

    text: str
    heading: str           # the title the text shows (largest font, style Title)
    first_page_end: int    # where the title page ends in the text
    meta_title: str
    meta_date: str
    pages: list[int]
    labels: list[str]


def _read_packed(name: str, data: bytes, kind: str) -> _Packed:
    if kind == "docx":
        from .docx import read_docx

        d = read_docx(name, data)
        end = d.pages[1] if len(d.pages) > 1 else 2000   # the title page, as Word laid it out
        return _Packed(d.text, d.heading, end, d.title, d.date, d.pages, [])
    from . import layout
    from .pdf import read_pdf

    raw = read_pdf(name, data)
    heading = layout.title_by_size(raw.pages[0])
    pages = layout.strip_furniture(raw.pages, raw.heights)
    pages = [layout.order_columns(lines, w) for lines, w in zip(pages, raw.widths)]
    text, starts = layout.reflow(pages)
    if not text.strip():
        raise IngestError(f"{name}: empty (no text left once page headers and numbers are dropped)")
    end = starts[1] if len(starts) > 1 else len(text)
    return _Packed(text, heading, end, raw.title, raw.date, starts, raw.labels)


def _title_page_date(text: str, end: int) -> DateSpan | None:
    """A line of the title page that is only a date ("June 2020", "5 June 2020")."""
    for line in text[:end].split("\n"):
        s = line.strip().strip(".,;:")
        if not s or len(s) > 40:
            continue
        for start, stop, span in find_dates(s):
            if start == 0 and stop >= len(s) and span.precision in ("day", "month", "year"):
                return span
            break
    return None


def _meta_date(value: str) -> DateSpan | None:
    span = _parse_meta_date(value) if value else None
    return DateSpan(span.text, span.start, span.end, span.precision, span.edtf,
                    rule="metadata") if span else None


def read_document(name: str, title: str | None = None, date: str | DateSpan | None = None,
                  stdin=None, data: bytes | None = None) -> Document:
    """Read one input (see the module docstring for every rule); ``data``, when
    given, is its bytes as :func:`read_bytes` read them (a pipe is read once)."""
    if data is None:
        data = read_bytes(name, stdin)
    kind = _packed_kind(name, data)
    packed = _read_packed(name, data, kind) if kind else None
    if packed is not None and len(packed.text.encode("utf-8")) > MAX_BYTES:
        raise IngestError(f"{name}: too big (its text is more than {MAX_BYTES // 2**20} MiB)")
    raw = packed.text if packed else decode(name, data)
    fmt = kind or detect_format(name, raw)
    published: DateSpan | None = None
    found_title = ""
    if fmt == "html":
        text, found_title, meta_dates = html_to_text(raw)
        text = text if text.isascii() else drop_invisible(text)  # written as entities (&shy;)
        if not text.strip():
            raise IngestError(f"{name}: empty (no visible text in the HTML)")
        for value in meta_dates:
            published = _parse_meta_date(value)
            if published:
                break
    elif packed is not None:
        text = raw
        found_title = packed.heading or packed.meta_title or _plain_title(text)
    else:
        text = raw
        front = _FRONT.match(text) if fmt == "markdown" else None
        if front:
            for line in front.group(1).split("\n"):
                k, _, v = line.partition(":")
                v = v.strip().strip("'\"")
                if k.strip().lower() == "title" and v:
                    found_title = v
                elif k.strip().lower() == "date" and v and not published:
                    published = _parse_meta_date(v)
        if not found_title and fmt == "markdown":
            found_title = _markdown_heading(text, front.end() if front else 0)
        if not found_title:
            found_title = _plain_title(text)
    if published is None and packed is not None:
        published = (_title_page_date(text, packed.first_page_end)
                     or _date_after_label(text[:packed.first_page_end]))
    if published is None and packed is None:
        published = _date_after_label(text)
    copyright_, looked = None, False      # (a long text's notice is looked for once)
    if published is None and packed is None:
        copyright_, looked = _copyright_year(raw if fmt == "html" else text), True
        published = _dateline(text, copyright_)
    if published is None:
        published = copyright_ if looked else _copyright_year(raw if fmt == "html" else text)
    if published is None and packed is not None:
        published = _meta_date(packed.meta_date)
    if date is not None:
        try:
            published = date if isinstance(date, DateSpan) else parse_bound(date)
        except DateError as e:
            raise KbError(f"--date: {e}") from None
    file = "<stdin>" if name == "-" else valid_text(Path(name).name)
    title = " ".join(drop_invisible(_CONTROL.sub("", valid_text(title))).split()) if title else title
    return Document(name=name, file=file, text=text, title=title or found_title or file,
                    published=published, sha256=sha256_text(text), format=fmt,
                    pages=packed.pages if packed else [],
                    page_labels=packed.labels if packed else [])
