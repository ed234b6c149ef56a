"""A dateline at the top of an article is the article's date, for ``kb tag`` and ``kb ingest``.

:func:`kb.dates.dateline` reads it; :func:`kb.ingest.reader.read_document`
uses it when no label or meta date gives the publication date, before the
copyright-year fallback, so relative dates are anchored on it."""

import io
import json
from datetime import date

from kb.cli.app import main
from kb.cli.environment import Environment
from kb.dates import dateline
from kb.ingest.reader import read_document

STORY = ("Talks resume in Tehran\n\n"
         "TEHRAN, Iran, Aug. 11, 1998 (AP) -- Iran said yesterday that talks would resume next week.\n")


def test_the_dateline_may_follow_a_headline_and_a_byline():
    got = dateline("Talks resume\n\nBy A. Writer\nTEHRAN, Iran, Aug. 11, 1998 (AP) -- Iran said ...")
    assert (got.start, got.precision, got.rule) == (date(1998, 8, 11), "day", "dateline")
    assert dateline("Talks resume\n\nThe talks in TEHRAN, Iran, Aug. 11, 1998 went on.") is None
    assert dateline("a\nb\nc\nd\nTEHRAN, Iran, Aug. 11, 1998 (AP) -- late") is None     # not at the top


def test_ingest_reads_the_dateline_as_the_publication_date(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(STORY, encoding="utf-8")
    doc = read_document(str(f))
    assert (doc.published.start, doc.published.rule) == (date(1998, 8, 11), "dateline")


def test_a_label_comes_before_the_dateline_and_the_dateline_before_the_copyright(tmp_path):
    f = tmp_path / "labelled.txt"
    f.write_text("Published on: June 5, 2020\n" + STORY, encoding="utf-8")
    assert read_document(str(f)).published.start == date(2020, 6, 5)
    g = tmp_path / "copyright.txt"
    g.write_text(STORY + "\nCopyright 2003 Example News\n", encoding="utf-8")
    assert read_document(str(g)).published.start == date(1998, 8, 11)


def test_a_dateline_without_its_year_takes_the_copyright_year_or_gives_nothing(tmp_path):
    text = "WASHINGTON, August 11 (Xinhua) -- The talks went on.\n"
    f = tmp_path / "a.txt"
    f.write_text(text + "\nCopyright 2001 Xinhua\n", encoding="utf-8")
    got = read_document(str(f)).published
    assert (got.start, got.rule) == (date(2001, 8, 11), "dateline")
    g = tmp_path / "b.txt"
    g.write_text(text, encoding="utf-8")
    assert read_document(str(g)).published is None


def test_kb_tag_anchors_relative_dates_on_the_dateline(tmp_path):
    f = tmp_path / "story.txt"
    f.write_text(STORY, encoding="utf-8")
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["tag", str(f), "-k", "date", "-f", "json"], env) == 0, env.stderr.getvalue()
    rows = {r["text"]: r for r in json.loads(env.stdout.getvalue())}
    assert (rows["yesterday"]["start"], rows["yesterday"]["anchor"]) == ("1998-08-10", "1998-08-11")
    assert rows["next week"]["value"] == "1998-W34"
