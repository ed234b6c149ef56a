"""Word (.docx) ingest: a document written at test time (python-docx) with a title,
headings, a table, a running header and footer and ligature characters; the same
events as the same text given as plain text; bad files refused in one line."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from kb.ingest.extract import AliasTable, Extractor  # noqa: E402
from kb.ingest.reader import IngestError, read_document  # noqa: E402

TITLE = "Interview Notes: the Ashraf Camp, 2009-2013"
BODY = [
    ("Heading 1", "The first raid"),
    ("", "On 28 July 2009 Iraqi forces entered Camp Ashraf, and the residents told "
         "Amnesty International that eleven people died. Maryam Rajavi called for an "
         "inquiry the same week."),
    ("Heading 1", "Liberty"),
    ("", "In February 2012 the first residents moved to Camp Liberty near Baghdad, "
         "under an agreement with the United Nations signed on 25 December 2011."),
    ("", "The interviewee described the transfer as di\ufb03cult and the \ufb01nal convoy as slow."),
]
TABLE = [["Date", "Place"], ["1 September 2013", "Camp Ashraf"]]


def build(path: Path, *, with_title: bool = True, created: dt.datetime | None = None) -> Path:
    d = docx.Document()
    if with_title:
        d.add_paragraph(TITLE, style="Title")
    for style, text in BODY:
        d.add_paragraph(text, style=style or None)
    table = d.add_table(rows=len(TABLE), cols=2)
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    section = d.sections[0]
    section.header.paragraphs[0].text = "Confidential: interview notes, page header"
    section.footer.paragraphs[0].text = "Printed 2 May 2021"
    d.core_properties.title = "Notes (metadata title)"
    d.core_properties.created = created or dt.datetime(2014, 3, 2, 10, 0)
    d.save(str(path))
    return path


def plain_text(with_title: bool = True) -> str:
    paras = ([TITLE] if with_title else []) + [t for _s, t in BODY] + [" | ".join(r) for r in TABLE]
    return "\n\n".join(paras).replace("\ufb03", "ffi").replace("\ufb01", "fi") + "\n"


@pytest.fixture(scope="module")
def notes(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("docx") / "notes.docx")


def test_body_text_in_order_without_header_or_footer(notes):
    d = read_document(str(notes))
    assert d.format == "docx" and d.text == plain_text()
    assert "Confidential" not in d.text and "Printed" not in d.text
    assert d.pages == []          # a Word file has no fixed pages


def test_title_from_the_text_then_the_metadata(notes, tmp_path):
    d = read_document(str(notes))
    assert d.title == TITLE
    # no Title paragraph: the first Heading 1 is the text's title
    d = read_document(str(build(tmp_path / "b.docx", with_title=False)))
    assert d.title == "The first raid"


def test_date_from_the_metadata_when_the_text_gives_none(notes):
    d = read_document(str(notes))
    assert d.published.edtf == "2014-03-02" and d.published.rule == "metadata"
    d = read_document(str(notes), date="2013-10-01")
    assert d.published.edtf == "2013-10-01"


def test_the_same_events_as_the_plain_text(notes, tmp_path):
    d = read_document(str(notes))
    twin = tmp_path / "notes.txt"
    twin.write_text(plain_text())
    t = read_document(str(twin))
    assert t.text == d.text
    a = Extractor(AliasTable()).extract(d.text, d.published)
    b = Extractor(AliasTable()).extract(t.text, d.published)
    assert [(e.start, e.end, e.date.start, e.date.end) for e in a.events] == \
           [(e.start, e.end, e.date.start, e.date.end) for e in b.events]
    assert len(a.events) >= 2 and sorted(a.new_entities) == sorted(b.new_entities)


def test_a_docx_from_standard_input(notes):
    data = notes.read_bytes()
    d = read_document("-", stdin=io.BytesIO(data))
    assert d.format == "docx" and d.file == "<stdin>" and d.text == plain_text()


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_text("just words") and p, "not a Word .docx file"),
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)) and p,
     "Word 97-2003 (.doc) or password-protected Word file"),
    (lambda p: p.write_bytes(b"PK\x03\x04" + bytes(300)) and p, "not a Word .docx file"),
    (lambda p: _zip(p, {"word/document.xml": b"<not-xml"}), "damaged Word file"),
    (lambda p: _zip(p, {"content.xml": b"<office/>"}), "not a Word .docx file"),
])
def test_bad_word_files_are_refused_in_one_line(tmp_path, make, words):
    path = tmp_path / "bad.docx"
    make(path)
    with pytest.raises(IngestError) as e:
        read_document(str(path))
    assert words in str(e.value) and str(e.value).startswith(f"{path}: ") and "\n" not in str(e.value)


def test_an_empty_word_file(tmp_path):
    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(IngestError, match="empty"):
        read_document(str(path))


def test_a_doc_file_is_named_as_such(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(IngestError, match=r"Word 97-2003 \(\.doc\)"):
        read_document(str(path))


def test_ingest_a_word_file_beside_a_bad_one(run, notes, tmp_path):
    good = notes
    bad = tmp_path / "bad.docx"
    bad.write_text("not a package")
    db = tmp_path / "kb.json"
    r = run("ingest", "--db", str(db), str(good), str(bad))
    assert r.code == 2 and "Traceback" not in r.err
    assert len([ln for ln in r.err.splitlines() if ln.startswith("kb: error:")]) == 1
    (src,) = json.loads(db.read_text())["sources"].values()
    assert src["format"] == "docx" and src["title"] == TITLE and "pages" not in src


def test_pages_where_word_last_broke_them(tmp_path):
    """Word records where its pages broke (w:lastRenderedPageBreak): each starts a page,
    at a paragraph's start or inside one; the citations of ingest name those pages."""
    from docx.oxml import OxmlElement

    d = docx.Document()
    d.add_paragraph("Interview notes", style="Title")
    d.add_paragraph("On 28 July 2009 Iraqi forces entered Camp Ashraf, the witness said.")
    p = d.add_paragraph()
    p.add_run("In February 2012 the residents moved to Camp Liberty, ")
    mid = p.add_run("and on 25 December 2011 the United Nations signed the agreement.")
    mid._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))      # page 2 begins inside
    q = d.add_paragraph()
    r = q.add_run("On 1 September 2013 the last residents left Camp Ashraf.")
    r._r.insert(0, OxmlElement("w:lastRenderedPageBreak"))        # page 3 begins with it
    path = tmp_path / "paged.docx"
    d.save(str(path))
    doc = read_document(str(path))
    text = doc.text
    assert doc.pages == [0, text.index("and on 25 December"), text.index("On 1 September")]
    db = tmp_path / "kb.json"
    from kb.cli.app import main
    from kb.cli.environment import Environment

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["ingest", "--db", str(db), str(path)], env) == 0
    store = json.loads(db.read_text())
    assert list(store["sources"].values())[0]["pages"] == doc.pages
    pages = {ev["date"]["start"]: ev["citations"][0]["page"] for ev in store["events"].values()}
    assert pages["2009-07-28"] == "1" and pages["2013-09-01"] == "3"
    # the sentence that runs over the break is cited where it begins
    assert pages.get("2012-02-01", "1") == "1"


def test_a_word_file_without_layout_marks_has_no_pages(notes):
    assert read_document(str(notes)).pages == []
