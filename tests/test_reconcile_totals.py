"""Rule *cumulative total* (kb.ingest.totals): a figure whose scope is a long stretch of
time is a total of (group, measure), compared across sources whatever event it sits on.
Texts written for these tests."""

from __future__ import annotations

from kb.dates import parse_date
from kb.ingest.entities import AliasTable
from kb.ingest.extract import Extractor
from kb.ingest.pipeline import ingest
from kb.query import KB


def _totals(text, published="2020-06-01"):
    ex = Extractor(AliasTable()).extract(text, parse_date(published))
    figs = [f for ev in ex.events for f in ev.figures] + list(ex.loose)
    return sorted((f.value, f.total, f.scope) for f in figs if f.total)


_PAGE = ("The Halvard Front was founded in the port on 6 September 1965. The Halvard Front grew fast.\n"
         "{}\n")


def test_a_figure_over_a_long_stretch_is_a_total_of_the_group_the_page_is_about():
    got = _totals(_PAGE.format("Since the 1979 revolution, 4,000 of its members have been executed."))
    assert got == [("4,000", "Halvard Front deaths, in total", "Since the 1979 revolution")]
    got = _totals(_PAGE.format("Its founders chose a path that would cost them about 9,000 lives."))
    assert got == [("about 9,000", "Halvard Front deaths, in total", "over what followed")]
    got = _totals(_PAGE.format("Over four decades, more than 2,000 members were arrested."))
    assert got == [("more than 2,000", "Halvard Front arrests, in total", "Over four decades")]


def test_a_short_stretch_a_year_of_its_own_or_another_group_is_no_total():
    for line in ("Since the start of the protests, 300 of its members have been killed.",
                 "Since 2015, 300 of its members have been killed.",       # five years: not long
                 "In the last couple of years, 300 of its members were killed.",
                 "Since 1979, 300 of its members were killed in 1988.",
                 "Since the 1979 revolution, 5,000 soldiers were killed.",
                 "Since the 1979 revolution the port has hosted 40 fairs."):
        assert _totals(_PAGE.format(line)) == [], line


def test_totals_of_one_group_are_compared_across_sources_whatever_event_they_sit_on(tmp_path):
    db = tmp_path / "kb.json"
    a = tmp_path / "history.txt"
    a.write_text("The Halvard Front was founded in the port on 6 September 1965. Its founders chose a path "
                 "that would cost them more than 9,000 lives.\n")
    b = tmp_path / "interview.txt"
    b.write_text("In March 2019 the Halvard Front held its congress in the port.\n"
                 "If you belong to this organization, you are jailed or you are hanged. "
                 "And so 12,000 since the beginning of the revolution.\n")
    c = tmp_path / "copy.txt"
    c.write_text("On 6 September 1965 the Halvard Front was founded in the port. The path its founders chose "
                 "would cost them more than 9,000 lives.\n")
    summary = ingest([str(a), str(b), str(c)], store_path=db, date="2020-01-01")
    said = {r.file.rsplit("/", 1)[-1]: r.disagreements for r in summary.files}
    # the ingest summary says it per file as it arrives, whether or not the event was linked
    assert any("in total" in line and "12,000 here" in line for line in said["interview.txt"])
    rows = [(r["source"], r["value"]) for r in KB(path=db).conflicts() if r["measure"].endswith("in total")]
    assert sorted(rows) == [("copy", "more than 9,000"), ("history", "more than 9,000"),
                            ("interview", "12,000")]
    assert {r["event"] for r in KB(path=db).conflicts() if r["source"] == "interview"} != {
        r["event"] for r in KB(path=db).conflicts() if r["source"] == "history"}


def test_agreeing_totals_are_no_disagreement(tmp_path):
    db = tmp_path / "kb.json"
    a = tmp_path / "one.txt"
    a.write_text("The Halvard Front was founded in the port on 6 September 1965. Since the 1979 revolution, "
                 "some 12,000 of its members have been executed.\n")
    b = tmp_path / "two.txt"
    b.write_text("In March 2019 the Halvard Front met in the port. Over four decades, 12,000 of its members "
                 "were killed.\n")
    ingest([str(a), str(b)], store_path=db, date="2020-01-01")
    assert KB(path=db).conflicts() == []


def test_a_total_read_by_ingest_is_compared_with_the_curated_totals_of_the_shipped_knowledge_base(tmp_path):
    # a total's subject is '<the group's name in the store> <measure>, in total', curated or read
    import shutil

    from kb.store import shipped_path

    db = tmp_path / "kb.json"
    shutil.copyfile(shipped_path(), db)
    page = tmp_path / "page.txt"
    page.write_text("The Mojahedin were founded in Tehran on 6 September 1965. Since the 1979 revolution, "
                    "some 90,000 of its members have been executed, the group says.\n")
    summary = ingest([str(page)], store_path=db, date="2021-01-01")
    [said] = [line for r in summary.files for line in r.disagreements]
    assert "in total" in said and "some 90,000 here" in said and "more than 100,000 in 000" in said
    [key] = {r["key"] for r in KB(path=db).conflicts() if r["source"] == "page"}
    assert {r["source"] for r in KB(path=db).conflicts() if r["key"] == key} == {"page", "000", "004"}
