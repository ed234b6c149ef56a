"""Figures: numbers that count something, with qualifier, range, measure, subject and
attribution (kb.ingest.figures), and the figure tagger of `kb tag`."""

from __future__ import annotations

from kb.ingest.figures import find_figures


def _one(text: str):
    [f] = find_figures(text)
    return f


def test_a_count_with_its_measure_from_the_verb_and_its_attribution():
    figs = find_figures("According to the group's own count, some 1500 marchers were killed, "
                        "4000 were hurt and a further 12000 were detained.")
    assert [(f.value, f.amount, f.qualifier, f.measure) for f in figs] == [
        ("some 1500", 1500, "some", "deaths"), ("4000", 4000, "", "injured"), ("12000", 12000, "", "arrests")]
    assert figs[0].subject == "marchers"
    assert all(f.attribution == "According to the group's own count" for f in figs)


def test_ranges_magnitudes_and_bounds():
    f = _one("In his memoirs, the cleric put the dead at between 2,800 and 3,800.")
    assert (f.low, f.high, f.qualifier, f.measure, f.attribution) == (2800, 3800, "between", "deaths",
                                                                      "In his memoirs")
    f = _one("Tens of thousands of supporters filled the hall, according to the organisers.")
    assert (f.low, f.high, f.measure, f.subject, f.attribution) == (
        10000, 99999, "participants", "supporters", "according to the organisers")
    f = _one("The unrest reached more than seventy towns.")
    assert (f.amount, f.qualifier, f.measure) == (70, "more than", "cities")


def test_durations_and_shares_carry_their_unit():
    week, half, pct = find_figures("The blackout lasted more than a week. Roughly half of the members "
                                   "were arrested; more than 80% were detained.")
    assert (week.value, week.amount, week.unit, week.measure) == ("more than a week", 1, "week", "duration")
    assert (half.amount, half.unit, half.measure) == (50, "%", "arrests")
    assert (pct.amount, pct.unit, pct.measure) == (80, "%", "arrests")


def test_an_elided_noun_counts_what_the_figure_before_it_counts():
    a, b = find_figures("Amnesty International said at least 304 people were killed; officials said 12.")
    assert (a.measure, a.attribution) == ("deaths", "Amnesty International said")
    assert (b.amount, b.measure, b.attribution) == (12, "deaths", "officials said")


def test_what_is_not_a_figure():
    text = "Flight PS752 was hit in 2020. The group marked its 55th anniversary. See No. 5 and $300."
    assert find_figures(text) == []
    assert find_figures("On 16 November 2019 protests began.", dates=[(3, 19)]) == []


def test_kb_tag_kind_figure(run, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("According to Amnesty International, at least 304 people were killed.\n")
    r = run("tag", "--kind", "figure", str(p), "-f", "json")
    assert r.code == 0, r
    import json
    [row] = json.loads(r.out)
    assert row["kind"] == "figure" and row["text"] == "at least 304"
    assert (row["amount"], row["qualifier"], row["measure"], row["subject"], row["attribution"]) == (
        304, "at least", "deaths", "people", "According to Amnesty International")
    text = p.read_text()
    assert text[row["offset"][0]:row["offset"][1]] == "at least 304"


def test_the_whole_a_count_is_taken_from_is_no_figure():
    figs = find_figures("The protests reached 25 of the country's 31 provinces and 3 out of 10 towns.")
    assert [f.value for f in figs] == ["25", "3"]
    assert figs[0].measure == "provinces"


def test_text_dense_with_numbers_costs_linear_time():
    """Each number's cue, clause and sentence are looked up near it (issue 16): four times
    the numbers, about four times the time, not sixteen."""
    import time

    from kb.ingest.figures import find_figures

    def took(n: int) -> float:
        text = "<b x=1 " * n
        start = time.process_time()
        find_figures(text)
        return time.process_time() - start

    took(100)
    small, large = took(1500), took(6000)
    assert large < 7 * small + 0.2, (small, large)
