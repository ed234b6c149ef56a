"""The anchor of ``kb tag FILE`` without ``--date``: what a news file's top says.

A line that is only a date (a document-creation time, as news feeds and saved
articles open with one) or a dateline gives the day relative dates are read
from (:func:`kb.dates.tag.document_date`, used by :mod:`kb.tag.source` when the
reader finds no day); with nothing to go by, relative dates are still
reported, unresolved."""

import io
import json
from datetime import date

import pytest

from kb.cli.app import main
from kb.cli.environment import Environment
from kb.dates.tag import date_line, document_date, wire_id

BODY = "The company said Friday that it would report results next week.\n"


def tag(tmp_path, text: str, *args: str) -> dict:
    f = tmp_path / "story.txt"
    f.write_text(text, encoding="utf-8")
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["tag", str(f), "-k", "date", "-f", "json", *args], env) == 0, env.stderr.getvalue()
    return {r["text"]: r for r in json.loads(env.stdout.getvalue())}


@pytest.mark.parametrize("line,day", [
    ("March 12, 1998", date(1998, 3, 12)),
    ("Thursday, March 12, 1998", date(1998, 3, 12)),
    ("12 March 1998", date(1998, 3, 12)),
    ("1998-03-12", date(1998, 3, 12)),
    ("1998-03-12 14:05", date(1998, 3, 12)),
    ("1998-03-12T14:05:00Z", date(1998, 3, 12)),
    ("03/12/1998 08:17:00", date(1998, 3, 12)),
    ("11/02/89", date(1989, 11, 2)),
    ("19980312", date(1998, 3, 12)),
    ("980312", date(1998, 3, 12)),
    ("1998/03/12", date(1998, 3, 12)),
    ("19980312T140500", date(1998, 3, 12)),
    ("March 12, 1998 10:32 AM ET", date(1998, 3, 12)),
    ("130322", date(2013, 3, 22)),
    ("10-26-89 2356EDT", date(1989, 10, 26)),
    ("Mar. 12, 1998, 10:30 a.m. EST", date(1998, 3, 12)),
    ("Date: 1998-03-12", date(1998, 3, 12)),
])
def test_a_line_that_is_only_a_date(line, day):
    got = date_line(line)
    assert (got.start, got.end, got.precision, got.rule) == (day, day, "day", "date-line")


@pytest.mark.parametrize("line", ["March 12, 1998 was a cold day", "August 9", "1998-13-12", "Sales rose 12%",
                                  "In 1998 the firm grew", "123456", "9803120", "98031"])
def test_a_line_that_is_more_or_less_than_a_day_is_no_date_line(line):
    assert date_line(line) is None


def test_the_date_line_may_come_after_a_headline_but_not_deep_in_the_text():
    assert document_date("Talks resume\n\nMarch 12, 1998\n\n" + BODY).start == date(1998, 3, 12)
    assert document_date("a\nb\nc\nd\nMarch 12, 1998\n" + BODY) is None
    assert document_date("TEHRAN, Iran, Aug. 11, 1998 (AP) -- " + BODY).rule == "dateline"


def test_kb_tag_reads_relative_dates_from_the_date_line_at_the_top(tmp_path):
    rows = tag(tmp_path, "Profits slip\n\nThursday, March 12, 1998\n\n" + BODY)
    assert (rows["Friday"]["value"], rows["Friday"]["anchor"]) == ("1998-03-06", "1998-03-12")
    assert rows["next week"]["value"] == "1998-W12"
    assert "March 12, 1998" not in rows or rows["March 12, 1998"]["value"] == "1998-03-12"


def test_kb_tag_reads_a_creation_time_line_and_date_wins_over_it(tmp_path):
    rows = tag(tmp_path, "02/27/1998 08:17:00\n\n" + BODY)
    assert rows["Friday"]["anchor"] == "1998-02-27"
    rows = tag(tmp_path, "02/27/1998 08:17:00\n\n" + BODY, "--date", "1998-03-12")
    assert rows["Friday"]["anchor"] == "1998-03-12"


def test_a_day_at_the_top_beats_a_copyright_year(tmp_path):
    rows = tag(tmp_path, "March 12, 1998\n\n" + BODY + "\nCopyright 1998 Example News\n")
    assert rows["Friday"]["anchor"] == "1998-03-12"


def test_without_any_date_relative_dates_are_reported_unresolved(tmp_path):
    rows = tag(tmp_path, "NAIROBI (AP) --\n\n" + BODY + "Talks will resume on Oct. 23, and ended on June 5, 1997.\n")
    assert (rows["Friday"]["value"], rows["Friday"]["anchor"], rows["Friday"].get("start")) == ("XXXX-WXX-5", None, None)
    assert rows["next week"]["value"] == "XXXX-WXX"
    assert rows["Oct. 23"]["value"] == "XXXX-10-23"
    assert (rows["June 5, 1997"]["value"], rows["June 5, 1997"]["start"]) == ("1997-06-05", "1997-06-05")


@pytest.mark.parametrize("given", ["2013-03-22T10:00:00", "2013-03-22 10:00", "20130322"])
def test_date_may_be_given_as_a_creation_time(tmp_path, given):
    rows = tag(tmp_path, BODY, "--date", given)
    assert (rows["Friday"]["value"], rows["Friday"]["anchor"]) == ("2013-03-22", "2013-03-22")


def test_a_date_that_is_none_is_still_refused(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(BODY, encoding="utf-8")
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["tag", str(f), "--date", "soon-ish"], env) == 2
    assert env.stderr.getvalue().count("\n") == 1 and "--date" in env.stderr.getvalue()


@pytest.mark.parametrize("given,day", [
    ("APW19980818.0515", date(1998, 8, 18)),
    ("NYT19980206.0460", date(1998, 2, 6)),
    ("CNN19980126.1600.1104", date(1998, 1, 26)),
    ("AP_20130322", date(2013, 3, 22)),
    ("AP900815-0044", date(1990, 8, 15)),
    ("ea980120.1830.0071", date(1998, 1, 20)),
    ("DOCID: XIE19980808.0188", date(1998, 8, 8)),
])
def test_a_news_wire_document_id_gives_the_day_it_was_filed(given, day):
    got = wire_id(given)
    assert (got.start, got.end, got.precision, got.rule) == (day, day, "day", "wire-id")


@pytest.mark.parametrize("given", ["wsj_0006", "img200101", "APW19981332.0001", "SJMN91-06338157",
                                   "Kenya 19980818", "AP900815", "The APW19980818.0515 story"])
def test_anything_else_is_no_wire_id(given):
    assert wire_id(given) is None


def test_a_wire_id_at_the_top_dates_the_file_and_the_year_of_a_dateline_without_one():
    # the id is the day the wire filed the story; the dateline's own day wins, in the id's year
    top = "XIE19980808.0188\n\nCuba condemns blasts\n\nHAVANA, August 7 (Xinhua) --\n\n" + BODY
    got = document_date(top)
    assert (got.start, got.rule) == (date(1998, 8, 7), "dateline")
    assert document_date("APW19980818.0515\n\nNAIROBI, Kenya (AP) _\n\n" + BODY).start == date(1998, 8, 18)
    # a line that is only a date comes first; an id deep in the text is not read
    assert document_date("APW19980818.0515\n\n08/17/1998 23:10:00\n\n" + BODY).start == date(1998, 8, 17)
    assert document_date("a\nb\nc\nd\nAPW19980818.0515\n" + BODY) is None


def test_kb_tag_reads_the_day_of_the_wire_id_a_file_is_named_after(tmp_path):
    f = tmp_path / "XIE19980812.0062.txt"
    f.write_text("WASHINGTON, August 11 (Xinhua) --\n\n" + BODY, encoding="utf-8")
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["tag", str(f), "-k", "date", "-f", "json"], env) == 0, env.stderr.getvalue()
    rows = {r["text"]: r for r in json.loads(env.stdout.getvalue())}
    assert (rows["Friday"]["anchor"], rows["Friday"]["value"]) == ("1998-08-11", "1998-08-07")
    f = tmp_path / "NYT19980206.0460"          # no dateline: the name's day
    f.write_text("WASHINGTON _ " + BODY, encoding="utf-8")
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["tag", str(f), "-k", "date", "-f", "json"], env) == 0, env.stderr.getvalue()
    rows = {r["text"]: r for r in json.loads(env.stdout.getvalue())}
    assert rows["Friday"]["anchor"] == "1998-02-06"
