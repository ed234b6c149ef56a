"""kb ingest, in-process: reading, extraction, deduplication and safe writes.

Fixture documents under tests/fixtures/ingest/ are our own prose about an
invented harbor town; they cover every date form and every dedup case.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kb.dates import find_dates
from kb.errors import KbError
from kb.ingest import reader
from kb.ingest.dedupe import content_words, jaccard
from kb.ingest.eventindex import EventIndex
from kb.ingest.extract import AliasTable, Extractor, segments
from kb.ingest.pipeline import ingest
from kb.ingest.reader import IngestError, read_document
from kb.store import load

FIX = Path(__file__).parent / "fixtures" / "ingest"
HARBOR = str(FIX / "harbor.txt")
RETOLD = str(FIX / "harbor_retold.md")
BULLETIN = str(FIX / "bulletin.html")


def tables(path: Path) -> dict:
    return load(path)


def events_by_text(data: dict) -> dict:
    return {ev["date"]["text"]: ev for ev in data["events"]}


# ---------------------------------------------------------------- reader

def test_plain_text_title_and_published_line():
    doc = read_document(HARBOR)
    assert doc.title == "The Harbor Strikes of Port Halvard"  # byline and date line skipped
    assert doc.published.start == date(2020, 6, 5) and doc.published.precision == "day"
    assert doc.format == "text" and doc.file == "harbor.txt"
    assert len(doc.sha256) == 64


def test_a_line_of_tags_is_not_the_title(tmp_path):
    p = tmp_path / "page.txt"
    p.write_text("Harbor,Strikes,Port Halvard,Unions\n\nDock Strike Ends\n\nIn 1999 the quay was paved.\n")
    assert read_document(str(p)).title == "Dock Strike Ends"


def test_markdown_front_matter_and_heading():
    doc = read_document(RETOLD)
    assert doc.format == "markdown"
    assert doc.title == "A Short History of the Harbor Federation"
    assert doc.published.start == date(2021, 2, 1)


def test_markdown_leading_heading_without_front_matter(tmp_path):
    p = tmp_path / "note.md"
    p.write_text("Intro words\n\n# Notes on the Quay\n\nIn 1999 the quay was paved.\n")
    assert read_document(str(p)).title == "Notes on the Quay"


def test_html_text_title_and_meta_date():
    doc = read_document(BULLETIN)
    assert doc.format == "html"
    assert doc.title == "Bulletin of the Northern Ferry Company"
    assert doc.published.start == date(2021, 3, 14)
    assert "console.log" not in doc.text and "color: red" not in doc.text
    assert "Grey Heron on May 17, 2019" in doc.text
    assert "& never missed" in doc.text  # entities decoded


def test_title_and_date_overrides():
    doc = read_document(HARBOR, title="My Title", date="1 March 2019")
    assert doc.title == "My Title" and doc.published.start == date(2019, 3, 1)


def test_glued_published_line_and_copyright_fallback(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("By Published On: November 5, 2020Categories: NEWS\nHeadline Here\n\nText.\n")
    assert read_document(str(p)).published.start == date(2020, 11, 5)
    q = tmp_path / "b.txt"
    q.write_text("Some Page\n\nIn 1999 things happened.\nCopyright © 2018 Example Inc.\n")
    pub = read_document(str(q)).published
    assert (pub.start, pub.end, pub.rule) == (date(2018, 1, 1), date(2018, 12, 31), "copyright")


def test_stdin(tmp_path):
    import io

    doc = read_document("-", stdin=io.BytesIO(b"Quay Notes\n\nIn 1999 the quay was paved.\n"))
    assert doc.file == "<stdin>" and doc.title == "Quay Notes"


@pytest.mark.parametrize("name, message", [
    ("empty.txt", "empty"),
    ("blank.txt", "empty"),
    ("image.gif", "not a text file"),
    ("latin1.txt", "cannot be decoded"),
    ("missing.txt", "no such file"),
])
def test_bad_inputs_get_one_line_errors(name, message):
    with pytest.raises(IngestError) as e:
        read_document(str(FIX / name))
    assert message in str(e.value) and name in str(e.value) and "\n" not in str(e.value)


def test_huge_file_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    p = tmp_path / "big.txt"
    p.write_text("In 1999 the quay was paved. " * 100)
    with pytest.raises(IngestError, match="too big"):
        read_document(str(p))


def test_default_limit_is_documented():
    assert reader.MAX_BYTES == 20 * 1024 * 1024
    assert "20 MiB" in reader.__doc__


# ---------------------------------------------------------------- extraction

EXPECTED = {  # date text -> (start, end, precision)
    "September 6, 1965": ("1965-09-06", "1965-09-06", "day"),
    "August of 1971": ("1971-08-01", "1971-08-31", "month"),
    "the fall of 1976": ("1976-09-01", "1976-11-30", "season"),
    "The 1960s": ("1960-01-01", "1969-12-31", "decade"),
    "the late 1970s": ("1977-01-01", "1979-12-31", "decade"),
    "from July 2 to July 5, 1988": ("1988-07-02", "1988-07-05", "range"),
    "Between 1979 and 1981": ("1979-01-01", "1981-12-31", "range"),
    "1953": ("1953-01-01", "1953-12-31", "year"),
    "last November": ("2019-11-01", "2019-11-30", "month"),
    "Earlier this month": ("2020-06-01", "2020-06-05", "range"),
    "This time last year": ("2019-06-01", "2019-06-30", "month"),
    # "In September the school board will open ...": a future-tense sentence, so the coming September
    "In September": ("2020-09-01", "2020-09-30", "month"),
    "Around 1990": ("1989-01-01", "1991-12-31", "approximate"),
}


def test_every_date_form_becomes_an_event_with_offsets():
    doc = read_document(HARBOR)
    ex = Extractor(AliasTable()).extract(doc.text, doc.published)
    got = {ev.date.text: ev for ev in ex.events}
    for text, (start, end, precision) in EXPECTED.items():
        ev = got[text]
        assert (ev.date.start.isoformat(), ev.date.end.isoformat(), ev.date.precision) == (start, end, precision), text
        assert doc.text[ev.start:ev.end] == ev.text and text in ev.text
    # "2000 workers" is a count, not a year; the byline and the date line are not events
    assert not any("2000 workers" in ev.text for ev in ex.events)
    assert not any("Published" in ev.text for ev in ex.events)
    assert len(ex.events) == len(EXPECTED)


def test_relative_dates_follow_the_anchor():
    doc = read_document(HARBOR, date="2021-02-10")
    ex = Extractor(AliasTable()).extract(doc.text, doc.published)
    got = {ev.date.text: ev.date for ev in ex.events}
    assert got["last November"].start == date(2020, 11, 1)
    assert got["last November"].anchor == date(2021, 2, 10)


def test_clauses_split_and_coordinated_dates():
    text = ("Notes\n\nThe quay opened in 1961; the crane followed in 1964. "
            "Storms hit in November 2019 and January 2020.\n")
    ex = Extractor(AliasTable()).extract(text, None)
    spans = [(ev.date.edtf, ev.text) for ev in ex.events]
    assert ("1961", "The quay opened in 1961;") in spans
    assert ("1964", "the crane followed in 1964.") in spans
    assert {e for e, _ in spans} >= {"2019-11", "2020-01"}


def test_a_passive_relative_clause_is_its_own_event():
    text = ("Notes\n\nA report on May 3, 2001, gave the count of 40 boats that was announced "
            "by the guild on April 2, 2001.\n")
    ex = Extractor(AliasTable()).extract(text, None)
    assert [(ev.date.edtf, ev.text[:22]) for ev in ex.events] == [
        ("2001-05-03", "A report on May 3, 200"), ("2001-04-02", "that was announced by ")]


def test_undated_narrative_anchors_month_without_year_on_preceding_date():
    text = "History\n\nThe strike began on June 2, 1981. On July 29, the leaders left the town.\n"
    ex = Extractor(AliasTable()).extract(text, None)
    assert [ev.date.start for ev in ex.events] == [date(1981, 6, 2), date(1981, 7, 29)]
    assert "narrative" in ex.events[1].date.rule


def test_undated_narrative_stays_in_its_section():
    text = ("Strikes\n\nDockers struck on August 7, 2018. Drivers joined on August 28, 2018.\n"
            "Floods\n\nOn May 20, the levee broke. The tally to June 2019 counts 30 towns.\n"
            "Unrest, November 2019 and January 2020\n\nCrowds gathered in November 2019 and "
            "January 2020. The rally in November filled the square. A notice followed on "
            "20 January 2020.\nNotes\n\nRain fell in April, May, and June.\n")
    ex = Extractor(AliasTable()).extract(text, None)
    got = {ev.date.text: ev.date for ev in ex.events}
    # the nearest date of its own section is after it: May 2019, not May 2018
    assert got["May 20"].start == date(2019, 5, 20)
    assert "nearest date in the section" in got["May 20"].rule
    # a month the section named with its year keeps that year
    assert (got["in November"].start, got["in November"].end) == (date(2019, 11, 1), date(2019, 11, 30))
    assert "same month" in got["in November"].rule
    # a section with no date of its own: the latest day the text names (20 January 2020)
    floods = got["in April, May, and June"]
    assert (floods.start, floods.end) == (date(2019, 4, 1), date(2019, 6, 30))
    assert "latest day" in floods.rule


def test_undated_counts_never_start_from_a_guessed_date():
    text = ("History\n\nThe siege began in May 1990. On June 3 the walls fell. Two days later the city "
            "surrendered. The treaty was signed on 4 July 2001.\n"
            "Truce\n\nThe ceasefire collapsed on 12 March 2015. Within the last month, 40 people died.\n")
    ex = Extractor(AliasTable()).extract(text, None)
    got = {ev.date.text: ev.date for ev in ex.events}
    assert got["June 3"].start == date(1990, 6, 3)
    assert "Two days later" not in got          # its reference is itself a guess
    window = got["Within the last month"]
    assert (window.start, window.end) == (date(2015, 2, 13), date(2015, 3, 12))


def test_since_and_as_of_open_a_state_not_an_event():
    text = ("Notes\n\nSince 1971 the guild has kept its charter. As of January 2019 the count "
            "stood at 800. The hall burned in 1972.\n")
    ex = Extractor(AliasTable()).extract(text, None)
    assert [ev.date.text for ev in ex.events] == ["1972"]


def test_names_found_beyond_capitalised_runs():
    doc = read_document(str(FIX / "gazette.txt"))
    ex = Extractor(AliasTable()).extract(doc.text, None)
    new = {n.name: n.type for n in ex.new_entities.values()}
    assert new["Oriel Vantress-Mbeki"] == "person"              # the byline
    assert new["VidTube"] == "other"                            # inner capitals, even in a heading
    assert new["1961 Strike"] == "event-name"                   # a year and an event word
    assert new["Norvish army"] == new["Norvish government"] == "government-body"
    assert new["Kowalczyki"] == "person"                        # a surname in -i before its apposition
    assert "Quayside" in new and "State-run Quayside" not in new
    assert "Ninety Years of Harbor Work" in new                 # a quoted title
    assert "Brest sur Mer" in new                               # a caption's date split off
    assert new["halvard-gazette.com"] == new["tideclips.tv"] == "media"
    assert {"Tidewire", "Salt Ledger Weekly", "Normandy"} <= set(new)   # quoted names, a glued year
    # words that open a sentence or a quotation, counts and ordinals are not names
    assert not {"Back", "Even Dorrance", "28-day", "Normandy1961"} & set(new)
    # title-case headings still name nothing by their capitals alone
    assert "Harbor Notes" not in new and "The Halvard Gazette" not in new


def test_name_rules_leave_look_alikes_alone():
    text = ("Notes\n\nBy Staff Writer\n\nIn 2016 the minister said, \"We Will Win This War,\" and left. "
            "Traffic police closed the road in 2010. The Christian police came in 2011. "
            "In 2001 the 12-Year-Old Smith won a report called “Salt and Iron” at the fair.\n")
    new = {n.name for n in Extractor(AliasTable()).extract(text, None).new_entities.values()}
    assert "Salt and Iron" in new and "Smith" in new
    assert not {"Staff Writer", "We Will Win This War", "Traffic police", "Christian police",
                "Year-Old Smith"} & new


def test_segments_keep_abbreviations_together():
    text = "Dr. Marquez met Mr. Okafor in the U.S. capital. Then they left."
    segs = segments(text)
    assert [text[s.start:s.end] for s in segs] == [
        "Dr. Marquez met Mr. Okafor in the U.S. capital.", "Then they left."]


def test_known_entities_by_alias_and_transliteration():
    table = AliasTable([
        {"id": "massoud-rahimi", "name": "Masoud Rahimi", "aliases": ["Masoud Rahimi"], "type": "person"},
        {"id": "cwf", "name": "Coastal Workers Federation", "aliases": ["CWF"], "type": "organization"},
    ])
    text = "News\n\nIn 1999 Massoud Rahimi joined the CWF’s board.\n"
    ex = Extractor(table).extract(text, None)
    assert ex.events[0].entities == ["massoud-rahimi", "cwf"]
    assert ex.new_aliases == {"massoud-rahimi": {"Massoud Rahimi"}}
    assert not ex.new_entities


def test_new_entities_acronyms_and_names_are_extracted():
    doc = read_document(HARBOR)
    ex = Extractor(AliasTable()).extract(doc.text, doc.published)
    new = {n.name: n for n in ex.new_entities.values()}
    assert new["Coastal Workers Federation"].aliases == ["Coastal Workers Federation", "CWF"]
    assert new["Coastal Workers Federation"].type == "organization"
    assert new["Lena Marquez"].type == "person"
    assert new["Port Halvard"].type == "place"
    assert "Around 1990" not in new and not any(n.startswith("The ") for n in new)


def test_ambiguous_alias_is_not_guessed():
    table = AliasTable([
        {"id": "ana-vidal", "name": "Ana Vidal", "aliases": ["Vidal"], "type": "person"},
        {"id": "rui-vidal", "name": "Rui Vidal", "aliases": ["Vidal"], "type": "person"},
    ])
    ex = Extractor(table).extract("T\n\nIn 1990 the mayor met Vidal.\n", None)
    assert ex.events[0].entities == []
    ex = Extractor(table).extract("T\n\nRui Vidal spoke. In 1990 the mayor met Vidal.\n", None)
    assert ex.events[-1].entities == ["rui-vidal"]


def test_retelling_rules():
    stored = {"id": "e1", "title": "Charter signed", "summary": "The three founding families signed the town charter.",
              "date": {"start": "1965-09-06", "end": "1965-09-06", "precision": "day"},
              "entities": ["port-halvard"]}
    idx = EventIndex([stored])
    d = date(1965, 9, 6)
    assert idx.retold(d, d, "day", {"port-halvard"}, "Founded by three families, the town charter was signed.") is stored
    assert idx.retold(d, d, "day", set(), "A whale was seen in the bay.") is None
    other = date(1966, 9, 6)
    assert idx.retold(other, other, "day", {"port-halvard"}, "The three founding families signed the town charter.") is None
    assert jaccard(content_words("town charter signed"), content_words("charter signed by the town")) == 1.0


def test_a_heading_retells_the_event_told_under_the_same_heading():
    stored = {"id": "e2", "title": "Ferry line moves", "summary": "On June 7, 1986, the ferry line left Halvard.",
              "date": {"start": "1986-06-07", "end": "1986-06-07", "precision": "day"},
              "citations": [{"source": "a", "section": "1986: The Ferry Line Moves North"}]}
    idx = EventIndex([stored])
    y0, y1 = date(1986, 1, 1), date(1986, 12, 31)
    heading = "1986: The Ferry Line Moves North"
    assert idx.retold(y0, y1, "year", set(), heading, heading=True) is stored
    # as a sentence only by rule 5 (its words and the stored title), not under another
    # heading, not when the stored event lies outside
    assert idx.retold(y0, y1, "year", set(), heading) is stored and idx.last_match["rule"] == "retelling"
    assert idx.retold(y0, y1, "year", set(), heading, source="a") is None  # a page does not retell itself
    assert idx.retold(y0, y1, "year", set(), "1986: A Storm Wrecks the Quay", heading=True) is None
    assert idx.retold(date(1987, 1, 1), date(1987, 12, 31), "year", set(), heading, heading=True) is None


# ---------------------------------------------------------------- the pipeline and the store

def test_ingest_writes_source_events_entities(tmp_path):
    db = tmp_path / "kb.json"
    summary = ingest([HARBOR], store_path=db)
    data = tables(db)
    [src] = data["sources"]
    assert src["kind"] == "ingested document" and src["file"] == "harbor.txt"
    assert src["published"]["start"] == "2020-06-05" and src["sha256"] == read_document(HARBOR).sha256
    assert src["text"] == read_document(HARBOR).text
    assert len(data["events"]) == len(EXPECTED) == summary.files[0].events_added
    for ev in data["events"]:
        a, b = ev["offsets"]
        assert ev["extracted"] is True and ev["document"] == src["id"]
        assert src["text"][a:b] == ev["summary"]
        assert ev["citations"] == [{"source": src["id"], "section": "The Harbor Strikes of Port Halvard"}]
    ents = {e["name"]: e for e in data["entities"]}
    assert ents["Lena Marquez"]["extracted"] is True and ents["Lena Marquez"]["sources"] == [src["id"]]


def test_reingest_changes_nothing(tmp_path):
    db = tmp_path / "kb.json"
    ingest([HARBOR, RETOLD, BULLETIN], store_path=db)
    before = db.read_bytes()
    summary = ingest([HARBOR, RETOLD, BULLETIN], store_path=db)
    assert [f.status for f in summary.files] == ["unchanged"] * 3
    assert db.read_bytes() == before
    # the same text under another name is the same document
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(HARBOR).read_bytes())
    assert ingest([str(copy)], store_path=db).files[0].status == "unchanged"
    assert db.read_bytes() == before


def test_retold_events_link_instead_of_duplicating(tmp_path):
    db = tmp_path / "kb.json"
    ingest([HARBOR], store_path=db)
    n_before = len(tables(db)["events"])
    summary = ingest([RETOLD], store_path=db)
    f = summary.files[0]
    assert (f.events_added, f.events_linked) == (1, 2)  # only "In 2019 ... museum" is new
    data = tables(db)
    assert len(data["events"]) == n_before + 1
    evs = events_by_text(data)
    charter = evs["September 6, 1965"]
    assert [c["source"] for c in charter["citations"]] == ["harbor", "harbor-retold"]
    strike = evs["from July 2 to July 5, 1988"]
    assert "lena-marquez" in strike["entities"]  # entities of the retelling are merged


def test_retelling_within_one_run_and_one_document(tmp_path):
    db = tmp_path / "kb.json"
    p = tmp_path / "twice.txt"
    p.write_text("Twice\n\nThe quay was paved in 1999 by the harbor guild.\n\n"
                 "The quay was paved in 1999 by the harbor guild.\n")
    summary = ingest([str(p), HARBOR, RETOLD], store_path=db)
    assert summary.files[0].events_added == 1 and summary.files[0].events_linked == 1
    assert summary.files[2].events_linked == 2


def test_dry_run_writes_nothing(tmp_path):
    db = tmp_path / "kb.json"
    summary = ingest([HARBOR], store_path=db, dry_run=True)
    assert not db.exists() and summary.files[0].events_added == len(EXPECTED)
    ingest([HARBOR], store_path=db)
    before = db.read_bytes()
    summary = ingest([RETOLD], store_path=db, dry_run=True)
    assert summary.files[0].events_linked == 2 and db.read_bytes() == before


def test_crash_mid_write_leaves_previous_store(tmp_path, monkeypatch):
    import os

    db = tmp_path / "kb.json"
    ingest([HARBOR], store_path=db)
    before = db.read_bytes()

    def boom(*a, **k):
        raise OSError("disk on fire")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk on fire"):
        ingest([BULLETIN], store_path=db)
    monkeypatch.undo()
    assert db.read_bytes() == before
    assert len(tables(db)["sources"]) == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # temp file cleaned


def test_exception_inside_run_writes_nothing(tmp_path, monkeypatch):
    from kb.ingest import pipeline

    db = tmp_path / "kb.json"
    ingest([HARBOR], store_path=db)
    before = db.read_bytes()
    monkeypatch.setattr(pipeline._Run, "apply", lambda self, db: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        ingest([BULLETIN], store_path=db)
    assert db.read_bytes() == before


def test_bad_files_fail_alone(tmp_path):
    db = tmp_path / "kb.json"
    summary = ingest([str(FIX / "image.gif"), HARBOR, str(FIX / "empty.txt"), str(FIX / "latin1.txt")],
                     store_path=db)
    assert [f.status for f in summary.files] == ["failed", "added", "failed", "failed"]
    assert len(tables(db)["sources"]) == 1


def test_bad_date_option_is_bad_input(tmp_path):
    with pytest.raises(KbError, match="--date"):
        ingest([HARBOR], store_path=tmp_path / "kb.json", date="not a date")


def test_shipped_store_is_never_written(tmp_path):
    from kb.store import shipped_path

    with pytest.raises(KbError, match="never written"):
        ingest([HARBOR], store_path=shipped_path())


def test_find_dates_grammar_additions():
    t = "The 1950s and 1960s passed. In the past 12 months up to June 2019 strikes grew."
    got = [(d.start.isoformat(), d.end.isoformat(), d.edtf) for _, _, d in find_dates(t)]
    assert got == [("1950-01-01", "1969-12-31", "195X/196X"), ("2018-07-01", "2019-06-30", "2018-07/2019-06")]
