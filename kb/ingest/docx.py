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
``word/document.xml`` ("not a Word .docx file"), a Word 97-2003 ``.doc`` or
a password-protected .docx (both are OLE compound files), a damaged package.
python-docx is imported here only, and this module only when a .docx is read.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from .failure import IngestError
from .layout import unligate

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # the header of a .doc, or of an encrypted .docx


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
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _breaks(paragraph) -> list[int]:
    """Where in the paragraph's text Word's last layout began a new page."""
    out = []
    for mark in paragraph.rendered_page_breaks:
        before = mark.preceding_paragraph_fragment
        out.append(len(before.text) if before is not None else 0)
    return out


def _blocks(doc):
    """The body's paragraphs and table rows, in order, as (style name, text, the places
    in the text where a page began)."""
    from docx.table import Table

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
            style = block.style.name if block.style is not None else ""
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
        raise IngestError(f"{name}: not a Word .docx file (not a ZIP package with a document part)")
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
        what = " ".join(str(e).split())[:120] or type(e).__name__
        raise IngestError(f"{name}: damaged Word file ({what})") from None
    if not paragraphs:
        raise IngestError(f"{name}: empty (no text in the Word file)")
    text = "\n\n".join(paragraphs) + "\n"
    pages = [min(p, len(text) - 1) for p in pages]
    return DocxText(text, heading or first_h1, title, created, pages if len(pages) > 1 else [])
