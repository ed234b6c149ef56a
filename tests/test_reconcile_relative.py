"""Rule *a date's relative clause* (kb.ingest.relative): a figure in a relative clause after
a later date counts what happened at that date.  Texts written for these tests."""

from __future__ import annotations

from kb.dates import parse_date
from kb.ingest.entities import AliasTable
from kb.ingest.extract import Extractor
from kb.ingest.pipeline import ingest
from kb.query import KB


def _events(text):
    ex = Extractor(AliasTable()).extract(text, parse_date("2021-06-01"))
    return [(ev.date.text, " ".join(ev.text.split()), [f.value for f in ev.figures]) for ev in ex.events]


def test_the_figure_of_a_later_dates_relative_clause_is_that_dates():
    assert _events("The strike of May 2021 was shorter than the walkout in March 2016 that spread to 300 towns.") == [
        ("May 2021", "The strike of May 2021 was shorter than the walkout in March 2016 that spread to 300 towns.", []),
        ("March 2016", "the walkout in March 2016 that spread to 300 towns", ["300"])]
    got = _events("In May 2021 the union held a strike, larger than the march of June 2005, which drew 20,000 "
                  "protesters.")
    assert got[1] == ("June 2005", "the march of June 2005, which drew 20,000 protesters", ["20,000"])
    assert got[0][2] == []
    got = _events("The rally of May 2021 was calmer than the riots of June 2005, where 40 people were killed, "
                  "and in 2007.")
    assert [g[0] for g in got] == ["May 2021", "June 2005", "2007"]     # in text order
    assert got[1][2] == ["40"]


def test_no_event_without_a_figure_in_the_clause_nor_for_a_date_of_saying():
    assert [g[0] for g in _events("The strike of May 2021 was shorter than the walkout in March 2016 that "
                                  "everyone remembers.")] == ["May 2021"]
    assert _events("In May 2021 the minister said in January 2018 that 140 cities had joined.") == [
        ("May 2021", "In May 2021 the minister said in January 2018 that 140 cities had joined.", ["140"])]


def test_a_page_naming_its_own_earlier_event_again_adds_its_figure_there(tmp_path):
    db = tmp_path / "kb.json"
    a = tmp_path / "history.txt"
    a.write_text("In December 2015, strikes broke out in towns across Norland. Within weeks the strikes spread "
                 "to 300 towns.\n"
                 "The May 2021 rally came five years after the general strike in January 2016 that spread to "
                 "310 towns across Norland.\n")
    b = tmp_path / "news.txt"
    b.write_text("The strikes in January 2016 spread to 400 towns across Norland.\n")
    ingest([str(a), str(b)], store_path=db, date="2021-06-01")
    rows = sorted((r["source"], r["value"]) for r in KB(path=db).conflicts())
    assert rows == [("history", "300"), ("history", "310"), ("news", "400")]
    assert len({r["event"] for r in KB(path=db).conflicts()}) == 1
