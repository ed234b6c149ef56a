"""PDF ingest: a report written at test time (reportlab) with running headers and
footers, page numbers, hyphenated line ends, two columns written right column
first, ligatures and a dated title page; every page number right, no page
furniture left, the same events as the same text given as plain text."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

pytest.importorskip("pypdf")
canvas_mod = pytest.importorskip("reportlab.pdfgen.canvas")

from kb.ingest.extract import AliasTable, Extractor  # noqa: E402
from kb.ingest.reader import IngestError, read_document  # noqa: E402
from kb.model.pages import cite_page, page_of, pages_of  # noqa: E402

A4 = (595.27, 841.89)
TITLE = "Arrests after the Fuel Price Protests"
HEADER = "Fuel Price Protests: a Monitor Report"
ORG = "Human Rights Monitor"

# The report as printed: paragraphs as lists of lines.  A line ending in "|" ends in a
# word cut in two (printed with a hyphen; the plain text joins the halves); one ending
# in "-" ends in a hyphen of the word itself ("well-" "known").  Ligature letters are
# printed as ligature glyphs (the PDF's text layer gives U+FB01 and U+FB02).
P2 = [
    ["Introduction"],
    ["On 15 November 2019 the government raised the price of petrol, and protests began the",
     "same evening in Ahvaz and Mashhad. Amnesty International later counted the dead city by",
     "city, and the well-known lawyer Nasrin Sotoudeh spoke of a campaign of arrests. The demon|",
     "stration in Tehran on 16 November 2019 was the largest, according to witnesses who de|",
     "scribed of\ufb01cial \ufb01gures as incomplete."],
    ["Background"],
    ["Fuel prices had last been raised in May 2018, when Hassan Rouhani defended the subsidy",
     "reform before parliament, and economists in Tehran called the reform a well-",
     "known risk. The Central Bank of Iran warned of in\ufb02ation in a note dated 3 March 2019.",
     "The report that follows draws on interviews held in Istanbul and on court records from",
     "Shiraz, which the authors read between January and March 2020 with the help of local",
     "lawyers who asked not to be named in any public docu|",
     "ment because of the risks."],
]
P3_LEFT = [
    ["Arrests"],
    ["By 27 November 2019 the judiciary said that",
     "about 7,000 people had been detained, and",
     "families in Shiraz told the Monitor that",
     "relatives were held without charge for some",
     "weeks. A court in Karaj sentenced three young",
     "men on 9 December 2019 after a trial that",
     "lasted one day."],
]
P3_RIGHT = [
    ["Deaths"],
    ["On 16 December 2019 Amnesty International",
     "put the number of dead at 304, a figure the",
     "government disputed. Reuters reported a hig|",
     "her toll on 23 December 2019, citing three",
     "officials of the Interior Ministry, and the",
     "\ufb01gure was denied the next day in Tehran."],
]
P4 = [
    ["Conclusions"],
    ["The Monitor asks the judiciary to release those still held and to publish the names of",
     "the dead. A follow-up report on the trials in Karaj and Shiraz is planned for September",
     "2020, when the Monitor will return to the families it met in Istanbul."],
]
DATE_PAGE = {  # a date each dated sentence carries -> the page it is printed on
    "15 November 2019": 2, "16 November 2019": 2, "May 2018": 2, "3 March 2019": 2,
    "January and March 2020": 2, "27 November 2019": 3, "9 December 2019": 3,
    "16 December 2019": 3, "23 December 2019": 3, "September 2020": 4,
}


def _font():
    import reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        path = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"
        pdfmetrics.registerFont(TTFont("Vera", str(path)))
    return "Vera"


def printed(lines: list[str]) -> list[str]:
    """The lines as the page shows them."""
    return [ln[:-1] + "-" if ln.endswith("|") else ln for ln in lines]


def paragraph(lines: list[str]) -> str:
    """The lines as one paragraph of plain text."""
    out = ""
    for ln in lines:
        if out.endswith("|"):
            out = out[:-1] + ln
        elif out.endswith("-"):
            out += ln
        else:
            out = f"{out} {ln}" if out else ln
    return out.replace("\ufb01", "fi").replace("\ufb02", "fl").replace("\ufb03", "ffi")


def report_text() -> str:
    """The report as plain text: what the PDF must read back as (page furniture aside)."""
    paras = [[TITLE], [ORG], ["5 June 2020"], *P2, *P3_LEFT, *P3_RIGHT, *P4]
    return "\n\n".join(paragraph(p) for p in paras) + "\n"


def build_report(path: Path) -> Path:
    """The report as a 4-page PDF.  Page 1 is the title page (no header); pages 2-4 have
    a running header, a footer and a page number; page 3 has two columns, the right one
    written first."""
    from reportlab.pdfgen import canvas

    font = _font()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setTitle("Microsoft Word - monitor_report_final.docx")   # junk metadata title
    w, h = A4

    def furniture(n: int):
        c.setFont(font, 8)
        c.drawString(72, h - 40, HEADER)
        c.drawString(72, 30, ORG)
        c.drawRightString(w - 72, 30, f"Page {n} of 4")

    def body(paragraphs, x, y, spacing=13):
        for k, para in enumerate(paragraphs):
            heading = k % 2 == 0
            c.setFont(font, 13 if heading else 10)
            for line in printed(para):
                c.drawString(x, y, line)
                y -= spacing + (3 if heading else 0)
            y -= 8
        return y

    # title page
    c.setFont(font, 22)
    c.drawString(72, h - 200, TITLE)
    c.setFont(font, 12)
    c.drawString(72, h - 240, ORG)
    c.drawString(72, h - 260, "5 June 2020")
    c.showPage()
    furniture(2)
    c.setFont(font, 10)
    body(P2, 72, h - 90)
    c.showPage()
    furniture(3)
    body(P3_RIGHT, 320, h - 90)   # the right column first: the stream is not reading order
    body(P3_LEFT, 72, h - 90)
    c.showPage()
    furniture(4)
    body(P4, 72, h - 90)
    c.showPage()
    c.save()
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    return build_report(tmp_path_factory.mktemp("pdf") / "report.pdf")


@pytest.fixture(scope="module")
def doc(report):
    return read_document(str(report))


def test_the_fixture_has_the_damage_it_is_meant_to_have(report):
    import pypdf

    raw = [p.extract_text() for p in pypdf.PdfReader(str(report)).pages]
    assert len(raw) == 4
    assert all(HEADER in raw[k] and f"Page {k + 1} of 4" in raw[k] for k in (1, 2, 3))
    assert "demon-\nstration" in raw[1] and "well-\nknown" in raw[1] and "hig-\nher" in raw[2]
    assert "\ufb01" in raw[1] and "\ufb02" in raw[1]   # ﬁ and ﬂ glyphs
    assert raw[2].index("Deaths") < raw[2].index("Arrests")               # right column first


def test_the_text_reads_as_the_same_report_in_plain_text(doc):
    assert doc.format == "pdf"
    assert doc.text == report_text()


def test_no_running_header_footer_or_page_number_is_left(doc):
    for furniture in (HEADER, "Page 2", "of 4"):
        assert furniture not in doc.text
    assert doc.text.count(ORG) == 1     # on the title page, where it is not a footer


def test_title_and_date_from_the_title_page(doc):
    assert doc.title == TITLE           # not the junk metadata title
    assert doc.published.edtf == "2020-06-05" and doc.published.rule is None


def test_every_page_starts_where_it_should(doc):
    text = doc.text
    assert doc.pages == [0, text.index("Introduction"), text.index("Arrests\n"),
                         text.index("Conclusions")]
    assert page_of(doc.pages, text.index("5 June 2020")) == "1"
    assert page_of(doc.pages, len(text) - 2) == "4"


def _events(text: str, published):
    return Extractor(AliasTable()).extract(text, published)


def test_events_carry_the_page_of_their_sentence_and_match_plain_text(doc):
    ex = _events(doc.text, doc.published)
    twin = _events(report_text(), doc.published)
    got = [(e.start, e.end, e.date.start, e.date.end, sorted(e.entities)) for e in ex.events]
    assert got == [(e.start, e.end, e.date.start, e.date.end, sorted(e.entities)) for e in twin.events]
    assert sorted(ex.new_entities) == sorted(twin.new_entities)
    pages = {}
    for e in ex.events:
        for written, page in DATE_PAGE.items():
            if written in doc.text[e.start:e.end]:
                pages[written] = page_of(doc.pages, e.start)
                assert pages[written] == str(page), (written, e.text)
    assert set(pages) == set(DATE_PAGE)     # every dated sentence became an event
    for e in ex.events:                      # and no event holds page furniture
        assert HEADER not in e.text and "Page " not in e.text


def test_a_paragraph_and_a_word_running_over_a_page_break(tmp_path):
    """Page 2's last paragraph ends mid-word on page 2 and goes on at the top of page 3's
    left column: one paragraph, one word, its sentence on the page where it begins."""
    from reportlab.pdfgen import canvas

    font = _font()
    path = tmp_path / "run-on.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    first, lines = printed(P2[1]), printed(P2[3])
    cut = len(lines) - 1                 # "... in any public docu-" ends page 1
    for page, part in ((1, first + [""] + lines[:cut]), (2, lines[cut:])):
        c.setFont(font, 8)
        c.drawString(72, h - 40, HEADER)
        c.drawCentredString(w / 2, 30, f"- {page} -")
        c.setFont(font, 10)
        y = 60 + 13 * len(part) if page == 1 else h - 90   # page 1's text ends at its foot
        for line in part:
            if line:
                c.drawString(72, y, line)
            y -= 13
        c.showPage()
    c.save()
    d = read_document(str(path))
    # one paragraph over the break; "well-known" keeps its hyphen, as the text writes it
    assert d.text == paragraph(P2[1]) + "\n\n" + paragraph(P2[3]) + "\n"
    assert d.pages == [0, d.text.index("ment because")]
    assert page_of(d.pages, d.text.index("public document")) == "1"
    assert pages_of(d.pages, d.text.index("Fuel"), len(d.text)) == "1-2"
    assert cite_page("1-2") == "pp. 1-2"


def test_page_labels_of_the_pdf_are_the_cited_pages(tmp_path):
    """A PDF that numbers its pages itself (front matter i, ii, then 1, 2) is cited by
    those numbers."""
    import pypdf

    src = build_report(tmp_path / "plain.pdf")
    writer = pypdf.PdfWriter(clone_from=str(src))
    writer.set_page_label(0, 1, style="/r")
    writer.set_page_label(2, 3, style="/D", start=1)
    out = tmp_path / "labelled.pdf"
    writer.write(str(out))
    d = read_document(str(out))
    assert d.page_labels == ["i", "ii", "1", "2"]
    assert page_of(d.pages, d.text.index("By 27 November"), d.page_labels) == "1"
    assert page_of(d.pages, d.text.index("Introduction"), d.page_labels) == "ii"


def test_page_of_rules():
    pages = [0, 10, 10, 25]          # page 3 lost all its text
    assert page_of(pages, 0) == "1" and page_of(pages, 9) == "1"
    assert page_of(pages, 10) == "3" and page_of(pages, 24) == "3" and page_of(pages, 400) == "4"
    assert page_of([], 5) is None and page_of(pages, -1) is None
    assert pages_of(pages, 5, 12) == "1-3" and pages_of(pages, 10, 11) == "3"
    assert cite_page("34") == "p. 34" and cite_page(None) == ""


# --------------------------------------------------------------------------
# bad files: one line each, exit 2, the others still ingested

def _encrypted(path: Path, user: str) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=StandardEncryption(user, ownerPassword="owner"))
    c.drawString(72, 700, "On 15 November 2019 protests began in Ahvaz.")
    c.showPage()
    c.save()
    return path


def _scanned(path: Path) -> Path:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    for page in range(2):   # pages of drawing only, as a scan's images have no text
        for k in range(40):
            c.rect(72, 100 + 15 * k, 300 + 3 * k, 8, fill=1)
        c.showPage()
    c.save()
    return path


def test_a_pdf_encrypted_only_against_copying_is_read(tmp_path):
    d = read_document(str(_encrypted(tmp_path / "owner-only.pdf", "")))
    assert "15 November 2019" in d.text


@pytest.mark.parametrize("make, words", [
    (lambda p: _encrypted(p, "secret"), "encrypted PDF: it needs a password"),
    (_scanned, "no text layer (a scanned PDF?): it needs OCR"),
    (lambda p: p.write_bytes(b"%PDF-1.7\n" + os.urandom(3000)) and p, "damaged PDF"),
    (lambda p: p.write_text("<html><body>404 Not Found</body></html>") and p, "not a PDF"),
    (lambda p: p.write_bytes(b"") and p, "not a PDF"),
])
def test_bad_pdfs_are_refused_in_one_line(tmp_path, make, words):
    path = tmp_path / "bad.pdf"
    make(path)
    with pytest.raises(IngestError) as e:
        read_document(str(path))
    msg = str(e.value)
    assert words in msg and msg.startswith(f"{path}: ") and "\n" not in msg


def test_a_truncated_pdf_is_read_or_refused_never_a_traceback(report, tmp_path):
    data = report.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 40):
        path = tmp_path / f"cut{cut}.pdf"
        path.write_bytes(data[:cut])
        try:
            d = read_document(str(path))
        except IngestError as e:
            assert "\n" not in str(e) and str(path) in str(e)
        else:
            assert len(d.pages) >= 1 and d.text.strip()


def test_a_pdf_past_the_limit_is_refused_before_it_is_read(tmp_path):
    from kb.ingest.reader import MAX_PACKED_BYTES

    path = tmp_path / "huge.pdf"
    with open(path, "wb") as fh:       # sparse: no disk used, nothing read
        fh.write(b"%PDF-1.7\n")
        fh.truncate(MAX_PACKED_BYTES + 1)
    with pytest.raises(IngestError, match=r"too big \(50\.0 MiB; the limit is 50 MiB for a PDF"):
        read_document(str(path))


def test_ingest_of_good_and_bad_pdfs_exit_2_with_one_line_each(run, report, tmp_path):
    bad = _encrypted(tmp_path / "locked.pdf", "secret")
    scan = _scanned(tmp_path / "scan.pdf")
    fake = tmp_path / "fake.pdf"
    fake.write_text("plain words, no PDF")
    db = tmp_path / "kb.json"
    r = run("ingest", "--db", str(db), str(bad), str(report), str(scan), str(fake))
    assert r.code == 2, r
    errors = [ln for ln in r.err.splitlines() if ln.startswith("kb: error:")]
    assert len(errors) == 3 and "Traceback" not in r.err
    assert any("needs OCR" in e for e in errors) and any("password" in e for e in errors)
    store = json.loads(db.read_text())
    (src,) = store["sources"].values()
    assert src["format"] == "pdf" and src["title"] == TITLE
    events = list(store["events"].values())
    assert events and all(HEADER not in e["summary"] for e in events)


@pytest.fixture(scope="module")
def ingested(report, tmp_path_factory) -> str:
    """A store with the report ingested (read only by the tests that use it)."""
    import io

    from kb.cli.app import main
    from kb.cli.environment import Environment

    db = str(tmp_path_factory.mktemp("store") / "kb.json")
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["ingest", "--db", db, str(report)], env) == 0
    return db


def test_ingest_records_pages_on_the_source_and_each_citation(run, report, tmp_path):
    """The stored source keeps where each page begins; every event's citation names the
    page its sentence begins on, also when a later PDF retells a stored event."""
    db = tmp_path / "kb.json"
    assert run("ingest", "--db", str(db), str(report)).code == 0
    store = json.loads(db.read_text())
    (src,) = store["sources"].values()
    assert src["pages"] == read_document(str(report)).pages and "page_labels" not in src
    events = list(store["events"].values())
    for ev in events:
        (c,) = ev["citations"]
        assert c["page"] == page_of(src["pages"], ev["offsets"][0])
        for claim in ev["claims"]:      # a figure read from the PDF records its page too
            if claim.get("offsets"):
                assert claim["page"] == page_of(src["pages"], claim["offsets"][0]), claim
        found = [p for written, p in DATE_PAGE.items() if written in src["text"][slice(*ev["offsets"])]]
        assert found and c["page"] == str(found[0]), ev["summary"]
    # a second report whose page 2 retells the 16 December 2019 count: linked, with its page
    from reportlab.pdfgen import canvas

    other = tmp_path / "brief.pdf"
    c = canvas.Canvas(str(other), pagesize=A4)
    c.drawString(72, 700, "Briefing")
    c.showPage()
    c.drawString(72, 700, "On 16 December 2019 Amnesty International put the number of dead at 304.")
    c.showPage()
    c.save()
    assert run("ingest", "--db", str(db), str(other)).code == 0
    linked = [ev for ev in json.loads(db.read_text())["events"].values()
              if any(c["source"] == "brief" for c in ev["citations"])]
    assert linked and all(c["page"] == "2" for ev in linked for c in ev["citations"]
                          if c["source"] == "brief")


def test_kb_show_cites_the_page(run, ingested, monkeypatch):
    """``kb show`` gives a PDF citation's page: "p. 3" in TSV, a Page column on a
    terminal, ``page`` in each JSON citation; an unpaged source's citation has none."""
    import io

    from kb.cli.app import main
    from kb.cli.environment import Environment

    db = ingested
    rows = run("timeline", "--db", db, "2019-12-16", "-f", "json")
    (ev,) = [e for e in json.loads(rows.out) if "304" in e["summary"]]
    shown = json.loads(run("show", "--db", db, ev["id"], "-f", "json").out)
    assert shown["citations"] == [{"page": "3", "section": "Deaths", "source": "report"}]
    assert "citation\treport: Deaths, p. 3" in run("show", "--db", db, ev["id"]).out

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.setenv("COLUMNS", "160")
    out = Tty()
    env = Environment(stdin=io.StringIO(), stdout=out, stderr=io.StringIO(), environ={"COLUMNS": "160"})
    assert main(["show", "--db", db, ev["id"], "--no-color"], env) == 0
    citations = out.getvalue()[out.getvalue().index("Citations"):]
    assert "Page" in citations and "Deaths 3" in " ".join(citations.split())
    # the shipped knowledge base's citations have no page and no Page column
    out = Tty()
    env = Environment(stdin=io.StringIO(), stdout=out, stderr=io.StringIO(), environ={"COLUMNS": "160"})
    assert main(["show", "1988-massacre", "--no-color"], env) == 0
    assert "Page" not in out.getvalue()[out.getvalue().index("Citations"):]


def write_long_report(path: Path, pages: int = 200) -> Path:
    """A text report of ``pages`` pages (about 4,300 characters each, dated sentences
    naming people, places and organisations, a running header and a page-numbered
    footer): the benchmark of a long PDF.  ``python tests/test_pdf.py 200 big.pdf``."""
    import random

    from reportlab.pdfgen import canvas

    rnd = random.Random(1)
    words = ("the council report said that protesters gathered in the city square after the "
             "arrests and the government denied any of\ufb01cial \ufb01gures while witnesses "
             "described a large demonstration across several provinces").split()
    names = ["Amnesty International", "the United Nations", "Tehran", "Mashhad",
             "Hassan Rouhani", "Ebrahim Raisi"]
    months = ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"]
    font = _font()
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    for n in range(1, pages + 1):
        c.setFont(font, 8)
        c.drawString(72, h - 40, HEADER)
        c.drawString(72, 30, ORG)
        c.drawRightString(w - 72, 30, f"Page {n} of {pages}")
        c.setFont(font, 10)
        text = []
        for _ in range(40):
            s = " ".join(rnd.choice(words) for _ in range(rnd.randint(8, 18)))
            if rnd.random() < 0.5:
                s = (f"On {rnd.randint(1, 28)} {rnd.choice(months)} {rnd.randint(1979, 2020)}, "
                     f"{rnd.choice(names)} said {s}")
            text.append(s[0].upper() + s[1:] + ".")
        y, line = h - 80, ""
        for word in " ".join(text).split():
            if c.stringWidth(f"{line} {word}", font, 10) > w - 144:
                c.drawString(72, y, line)
                y, line = y - 13, word
                if y < 60:
                    break
            else:
                line = f"{line} {word}".strip()
        c.showPage()
    c.save()
    return path


if __name__ == "__main__":
    import sys

    write_long_report(Path(sys.argv[2]), int(sys.argv[1]))


def test_passages_and_the_source_give_pages(run, report, ingested):
    """``kb show ID --passages`` gives each passage of a PDF its page; ``kb show SOURCE``
    in JSON has the source's ``pages``; the bulk export's mapping names both."""
    db = ingested
    events = json.loads(run("timeline", "--db", db, "-f", "json").out)
    pages = json.loads(run("show", "--db", db, "report", "-f", "json").out)["pages"]
    assert pages == read_document(str(report)).pages
    for ev in events:
        shown = json.loads(run("show", "--db", db, ev["id"], "--passages", "-f", "json").out)
        (p,) = [p for p in shown["passages"] if p["for"] == "citation"]
        assert p["page"] == shown["citations"][0]["page"] == page_of(pages, p["start"])
    r = run("show", "--db", db, events[0]["id"], "--passages")
    assert any(line.startswith("passage\tcitation 1 [report] ") and " p. 2: " in line
               for line in r.out.splitlines()), r.out
    from kb.export.bulk import mappings

    maps = mappings()
    assert "page" in maps["kb-events"]["mappings"]["properties"]["citations"]["properties"]
    assert {"pages", "page_labels"} <= set(maps["kb-sources"]["mappings"]["properties"])


def test_chapter_headers_with_page_numbers_and_ragged_lines(tmp_path):
    """A book-like PDF: front matter, then chapters whose running header names the chapter
    and ends (odd pages) or begins (even pages) with the printed page number, which is the
    page's place less two; lines of a proportional font set ragged right.  No header
    is left, and each paragraph is one line of the text."""
    from reportlab.pdfgen import canvas

    font = _font()
    path = tmp_path / "book.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    w, h = A4
    cities = ["Geneva", "Vienna", "Oslo", "Paris", "Berlin", "Rome", "Madrid", "Lisbon"]

    def lines_of(n: int, k: int) -> list[str]:
        return [f"The committee met in {cities[n - 1]} on {k + 3} May 2021 and heard WITNESSES FROM",
                f"SEVERAL PROVINCES, whose accounts of the arrests in {cities[n - 2]} were",
                f"read into the record in full by {cities[-n]}."]

    for n in range(1, 9):
        if n > 2:
            part = (n - 1) // 2      # three chapters of two pages, each its own title
            printed, chapter = n - 2, f"Chapter {part}: {['Arrests', 'Hearings', 'Appeals'][part - 1]}"
            header = f"{chapter}  {printed}" if n % 2 else f"{printed}  {chapter}"
            c.setFont(font, 9)
            c.drawString(72, h - 40, header)
        c.setFont(font, 10)
        y = h - 90
        for k in range(2):
            for line in lines_of(n, k):
                c.drawString(72, y, line)
                y -= 13
            y -= 13
        c.showPage()
    c.save()
    d = read_document(str(path))
    assert "Chapter" not in d.text and "Hearings" not in d.text and "Appeals" not in d.text
    assert d.text == "\n\n".join(" ".join(lines_of(n, k)) for n in range(1, 9) for k in range(2)) + "\n"


def test_a_pdf_from_standard_input_and_the_limit_on_its_text(report, monkeypatch):
    import io

    from kb.ingest import reader

    d = read_document("-", stdin=io.BytesIO(report.read_bytes()))
    assert d.format == "pdf" and d.file == "<stdin>" and d.text == report_text()
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)     # the text limit, once the PDF is read
    with pytest.raises(IngestError, match=r"too big \(its text is more than"):
        read_document(str(report))


def test_kb_tag_gives_each_mention_in_a_pdf_its_page(report, doc):
    """kb tag reads a PDF as ingest does: offsets into the text kb extracts, and the page
    each mention begins on (the title page's date on page 1, the last paragraph's on 4)."""
    import io
    import json

    from kb.cli.app import main
    from kb.cli.environment import Environment

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["tag", str(report), "-k", "date", "-f", "json"], env) == 0, env.stderr.getvalue()
    rows = json.loads(env.stdout.getvalue())
    assert rows
    for row in rows:
        s, e = row["offset"]
        assert doc.text[s:e] == row["text"]
        assert row["page"] == page_of(doc.pages, s)
    assert {r["page"] for r in rows} >= {"1", "4"}


def test_sqlite_export_keeps_each_citations_page(run, ingested, tmp_path):
    """The SQLite export's citations table has the page a PDF citation records."""
    import sqlite3

    out = tmp_path / "kb.db"
    assert run("export", "--db", ingested, "-f", "sqlite", "-o", str(out)).code == 0
    con = sqlite3.connect(out)
    pages = dict(con.execute("SELECT source_id, page FROM citations WHERE source_id = 'report' AND page = '3'"))
    assert pages == {"report": "3"}
    assert con.execute("SELECT COUNT(*) FROM citations WHERE source_id = 'report' AND page IS NULL").fetchone()[0] == 0
