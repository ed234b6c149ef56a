"""Reading a Word (.docx) file (python-docx): its body as paragraphs, title and date metadata.

:func:`read_docx` gives the text of the document's body in order, paragraphs
and tables alike: one paragraph per line with a blank line between (kb reads
a line as a unit, as it reads the paragraphs of a PDF), a table row as one
line with its cells joined by " | ".  Headers, footers and comments are not
body text and are left out; ligature characters and soft hyphens are
repaired as in a PDF (:func:`kb.ingest.layout.unligate`).

Pages: a Word file has no fixed pages (they depend on the printer and the
fonts), but Word writes where its pages broke when it last laid the document
out (``w:lastRenderedPageBreak``).  When the file holds those marks, each
starts a page (:attr:`DocxText.pages`, as a PDF's); a file without them (one
written by another program) has no pages, rather than wrong ones: a hard page
break alone says nothing of the pages that filled up before it.

Title: the first paragraph in the style "Title" (else the first "Heading 1")
when the text has one; :attr:`DocxText.title` is the metadata's (core
properties) title, used when the text gives none; :attr:`DocxText.date` its
creation date.

Refused, each with one line: a file that is not a ZIP package holding
``word/document.xml`` ("not a Word .docx file", and whether it is no ZIP
package, one cut short, or one without that part), a Word 97-2003 ``.doc`` or
a password-protected .docx (both are OLE compound files), a package whose
parts unpack to more than :data:`MAX_UNPACKED` (a "zip bomb"), a damaged package.
A damaged package's line is kb's own (:func:`damage`): "not a readable Word
document", the part at fault and what is wrong with it in a few words (cut
short, tags that do not match, not the encoding it declares, entities that
expand without end, nesting too deep, a part or the main-document link
missing), never the XML parser's message.
python-docx is imported here only, and this module only when a .docx is read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from .failure import IngestError
from .layout import unligate

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # the header of a .doc, or of an encrypted .docx
# The most a package may unpack to.  python-docx holds every part in memory and parses the
# XML whole, so a small ZIP that unpacks to gigabytes (a "zip bomb") would take minutes and
# all the memory; Word's XML is a few times the text it holds, so this leaves room for the
# 20 MiB of text ingest takes (kb.ingest.reader.MAX_BYTES).  ZIP readers stop a part at
# the size its entry declares (a part that lies fails its checksum), so the sum is a bound.
MAX_UNPACKED = 100 * 2**20
# What opening a damaged ZIP package raises: besides BadZipFile, a directory entry whose
# "version needed" or flags ask for a ZIP feature Python lacks raises NotImplementedError
# (a byte changed in the directory is enough), one cut short EOFError.
_ZIP_FAULTS = (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError)


@dataclass
class DocxText:
    text: str
    heading: str       # the text's own title (style Title, else Heading 1), or ""
    title: str         # the metadata's title, or ""
    date: str          # the metadata's creation date, "YYYY-MM-DD", or ""
    pages: list[int]   # where each page Word last laid out begins in text, or []


def is_docx(data: bytes) -> bool:
    """A ZIP package with a Word document part."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except _ZIP_FAULTS:
        return False


def unpacked_size(data: bytes) -> int:
    """What the parts of a ZIP package add up to unpacked, as its directory declares."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return sum(info.file_size for info in z.infolist())


def _breaks(paragraph) -> list[int]:
    """Where in the paragraph's text Word's last layout began a new page."""
    out = []
    for mark in paragraph.rendered_page_breaks:
        before = mark.preceding_paragraph_fragment
        out.append(len(before.text) if before is not None else 0)
    return out


def _style_names(doc):
    """The name of a paragraph's style by its ``w:pStyle`` id (None: no style given, or one
    that is not a paragraph style), as ``Paragraph.style`` names it: read once, since
    python-docx looks a paragraph's style up among all the styles each time it is asked."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = doc.styles
    default = styles.default(WD_STYLE_TYPE.PARAGRAPH)
    names = {s.style_id: s.name for s in styles if s.type == WD_STYLE_TYPE.PARAGRAPH}
    fallback = default.name if default is not None else ""
    return lambda style_id: names.get(style_id, fallback) if style_id is not None else fallback


def _blocks(doc):
    """The body's paragraphs and table rows, in order, as (style name, text, the places
    in the text where a page began)."""
    from docx.table import Table

    style_name = _style_names(doc)
    for block in doc.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(unligate(p.text) for p in cell.paragraphs if p.text.strip())
                    if text and (not cells or cells[-1] != text):   # a merged cell repeats
                        cells.append(text)
                if cells:
                    yield "", " | ".join(cells), []
        else:
            style = style_name(block._p.style)
            breaks, at = _breaks(block), 0
            for part in block.text.split("\n"):       # a line break inside a paragraph
                text, end = unligate(part), at + len(part)
                # a break in this part: where it falls in the repaired text (spaces aside)
                mine = [len(unligate(part[:b - at])) for b in breaks if at <= b <= end]
                yield style or "", text, [m + (m > 0) if 0 < m < len(text) else m for m in mine]
                at = end + 1


def read_docx(name: str, data: bytes) -> DocxText:
    """The body text of a .docx file (see the module docstring)."""
    if data.startswith(OLE):
        raise IngestError(f"{name}: a Word 97-2003 (.doc) or password-protected Word file: "
                          "kb reads unprotected .docx files (save it as .docx or PDF)")
    if not is_docx(data):
        raise IngestError(f"{name}: not a Word .docx file ({_not_docx(data)})")
    size = unpacked_size(data)
    if size > MAX_UNPACKED:
        raise IngestError(f"{name}: too big once unpacked ({size / 2**20:.0f} MiB of parts in a "
                          f"{len(data) / 2**20:.1f} MiB file; the limit is {MAX_UNPACKED // 2**20} MiB)")
    import docx

    try:
        doc = docx.Document(io.BytesIO(data))
        paragraphs, heading, first_h1, pages, size = [], "", "", [0], 0
        for style, text, breaks in _blocks(doc):
            pages += [min(size + b, size + len(text)) for b in breaks]
            if not text:
                continue
            paragraphs.append(text)
            size += len(text) + 2
            if not heading and style == "Title":
                heading = text
            if not first_h1 and style == "Heading 1":
                first_h1 = text
        props = doc.core_properties
        title = " ".join((props.title or "").split())
        created = props.created.date().isoformat() if props.created else ""
    except IngestError:
        raise
    except Exception as e:   # python-docx and lxml raise many kinds on a damaged package
        raise IngestError(f"{name}: not a readable Word document: {damage(data, e)} "
                          "(a damaged Word file)") from None
    if not paragraphs:
        raise IngestError(f"{name}: empty (no text in the Word file)")
    text = "\n\n".join(paragraphs) + "\n"
    pages = [min(p, len(text) - 1) for p in pages]
    return DocxText(text, heading or first_h1, title, created, pages if len(pages) > 1 else [])


def _not_docx(data: bytes) -> str:
    """Why bytes that are not a Word package are not: no ZIP at all, a ZIP cut short or
    damaged, or a ZIP without the document part."""
    if not data.startswith(b"PK\x03\x04"):
        return "not a ZIP package"
    try:
        with zipfile.ZipFile(io.BytesIO(data)):
            pass
    except _ZIP_FAULTS:
        return "a ZIP package cut short or damaged: its table of contents cannot be read"
    return "a ZIP package with no word/document.xml part"


# What libxml2 says of a part that is not well-formed XML, in kb's words (first match wins).
_XML_FAULTS = (
    ("amplification", "defines entities that expand without end"),
    ("entity reference loop", "defines entities that refer to each other without end"),
    ("not defined", "uses an entity it does not define"),
    ("excessive depth", "nests its elements too deeply"),
    ("encoding", "is not in the character encoding it declares"),
    ("premature end", "is cut short"),
    ("end of start tag", "is cut short"),
    ("not found", "is cut short"),
    ("tag mismatch", "has closing tags that do not match its opening tags"),
    ("extra content", "has text after its end"),
)


def _xml_fault(raw: bytes, message: str) -> str:
    """What is wrong with an XML part that does not parse, in a few words."""
    if not raw.strip():
        return "is empty"
    if not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return "is not XML"
    low = message.lower()
    for words, said in _XML_FAULTS:
        if words in low:
            return said
    return "is not well-formed XML"


def damage(data: bytes, error: BaseException) -> str:
    """What is wrong with a Word package python-docx failed on, in kb's words: the part
    at fault and its fault.  Only on that failure: for a part that does not unpack or does
    not parse, each part is unpacked (and its XML parsed again, as python-docx parses it)
    to find the first that fails, the document part first."""
    from lxml import etree

    text = str(error)
    if isinstance(error, KeyError) and "no item named" in text:
        missing = text.split("named", 1)[1].split("in the archive")[0].strip(" '\"")
        return f"its package lacks the part {missing[:80]}"
    if "no relationship" in text and "officeDocument" in text:
        return "its package does not say which part is its main document"
    xml = isinstance(error, etree.XMLSyntaxError)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            found = _bad_part(z, xml)
    except _ZIP_FAULTS:
        return "its ZIP package is damaged"
    if found:
        return found
    if isinstance(error, RecursionError):
        return "its parts nest too deeply"
    return "its parts are not laid out as a Word document's"


def _bad_part(z: zipfile.ZipFile, xml: bool) -> str:
    """The first part of the package that does not unpack, or (``xml``) whose XML does
    not parse, or a document part whose top element is not a document's; "" if none."""
    from lxml import etree

    from docx.oxml.parser import oxml_parser

    for part in sorted(z.namelist(), key=lambda n: (n != "word/document.xml", n)):
        try:
            raw = z.read(part)
        except Exception as e:   # BadZipFile (a bad checksum), zlib.error, EOFError: damage
            if "encrypted" in str(e).lower() or "password" in str(e).lower():
                return f"its part {part} is encrypted"
            return f"its part {part} does not unpack (its compressed data is damaged)"
        if part == "word/document.xml" or (xml and part.endswith((".xml", ".rels"))):
            try:
                root = etree.fromstring(raw, oxml_parser)
            except etree.XMLSyntaxError as e:
                return f"its part {part} {_xml_fault(raw, str(e))}"
            name = etree.QName(root).localname
            if part == "word/document.xml" and name != "document":
                return f"its part {part} is not a Word document body (its top element is <{name[:40]}>)"
    return ""
