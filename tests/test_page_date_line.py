"""The line that dates a news file is no event; a timeline's day headings still are."""

import io

from kb.cli.app import main
from kb.cli.environment import Environment
from kb.store import load


def _titles(tmp_path, text):
    f, db = tmp_path / "doc.txt", tmp_path / "st" / "kb.json"
    f.write_text(text, encoding="utf-8")
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["ingest", "--db", str(db), str(f)], env) == 0, env.stderr.getvalue()
    return sorted(e["title"] for e in load(db)["events"])


def test_a_news_files_date_line_dates_the_page_not_an_event(tmp_path):
    titles = _titles(tmp_path, "March 3, 2004\n\nA rally was held on Monday in Tehran.\n")
    assert titles == ["A rally was held on Monday in Tehran"]


def test_a_timelines_day_headings_stay_events(tmp_path):
    text = ("June 20, 1981\nA march in Tehran was fired on.\n\n"
            "June 21, 1981\nArrests followed in Tehran.\n")
    assert _titles(tmp_path, text) == ["June 20, 1981", "June 21, 1981"]


def test_a_wire_id_line_dates_the_source_and_is_not_its_title(tmp_path):
    f, db = tmp_path / "doc.txt", tmp_path / "st" / "kb.json"
    f.write_text("APW19980818.0515\n\nProtest in Tabriz\n\nA rally was held on Monday in Tabriz.\n",
                 encoding="utf-8")
    env = Environment(stdin=io.StringIO(""), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["ingest", "--db", str(db), str(f)], env) == 0, env.stderr.getvalue()
    (src,) = load(db)["sources"]
    assert src["title"] == "Protest in Tabriz"
    assert (src["published"]["start"], src["published"]["rule"]) == ("1998-08-18", "wire-id")
