"""Issue 12: the rules that let a retelling in other words, or dated in other words, be
linked (stems and kinds of event; the registry's dates; a past story's own year) and the
reading of two coarse dates.  Texts written for these tests."""

from datetime import date

from kb.dates.find import find_dates, merged, registry_dates
from kb.ingest.dedupe import content_words
from kb.ingest.entities import AliasTable
from kb.ingest.extract import Extractor
from kb.model.claims import contradicts


def test_inflections_and_kinds_of_event_are_shared_words():
    a = content_words("Rockets fell on the camp, killing four guards")
    b = content_words("Missile attacks on the camps caused deaths")
    assert {"camp", "~attack", "~kill"} <= a & b
    assert content_words("the leaders moved abroad") & content_words("the leadership moves abroad") >= {"mov"}
    assert "kil" not in content_words("killed")            # a double l stays
    assert content_words("he died") & content_words("she dies") == {"dy", "~kill"}


def _registry(text, anchor, guessed=False):
    found = list(find_dates(text, anchor))
    return [(d[2].text, d[2].start, d[2].end) for d in registry_dates(text, anchor, found, guessed)]


def test_ago_with_a_date_of_the_present_moves_that_date_back():
    assert _registry("Three decades ago today, the bridge opened.", date(2015, 4, 2)) == [
        ("Three decades ago today", date(1985, 4, 2), date(1985, 4, 2))]
    got = _registry("Twenty years ago this spring, the dam was finished.", date(2010, 5, 1))
    assert got == [("Twenty years ago this spring", date(1990, 3, 1), date(1990, 5, 31))]


def test_registry_supplement_reads_what_the_grammar_lacks_and_refuses_the_rest():
    assert _registry("At the end of March the ferry sank.", date(2016, 6, 1)) == [
        ("the end of March", date(2016, 3, 21), date(2016, 3, 31))]
    assert _registry("Storms hit the coast early on Tuesday morning.", date(2016, 6, 2)) == [
        ("Tuesday morning", date(2016, 5, 31), date(2016, 5, 31))]
    # modifiers, a time of day alone, a time told before, a season with no year, the present
    for text in ("the November strike spread.", "Tuesday's vote was close.", "By the evening it was over.",
                 "The town was quiet that year.", "A second wave came in the autumn.", "Today the town is quiet."):
        assert _registry(text, date(2016, 6, 2)) == [], text
    # read against a guessed anchor: left out
    assert _registry("At the end of March the ferry sank.", date(2016, 6, 1), guessed=True) == []


def test_a_found_date_inside_a_registry_date_gives_way():
    found = [(10, 15, "today")]
    assert merged(found, [(0, 15, "x")]) == [(0, 15, "x")]
    assert merged(found, []) == found


def _dates(text, published):
    from kb.dates import parse_date

    ex = Extractor(AliasTable()).extract(text, parse_date(published))
    return [(ev.date.text, ev.date.start, ev.date.end) for ev in ex.events]


def test_a_past_story_keeps_its_year():
    text = ("Published: 3 April 2017\n\nIn May 1990 we moved to the coast with our parents.\n\n"
            "On 12 June the harbour flooded and the school closed. At the end of July the water went down.")
    got = _dates(text, "3 April 2017")
    assert ("12 June", date(1990, 6, 12), date(1990, 6, 12)) in got
    assert ("the end of July", date(1990, 7, 21), date(1990, 7, 31)) in got


def test_a_recent_story_reads_against_the_publication_day():
    text = ("Published: 3 April 2017\n\nIn December 2016 the council raised fares.\n\n"
            "On 12 February the drivers walked out.")
    assert ("12 February", date(2017, 2, 12), date(2017, 2, 12)) in _dates(text, "3 April 2017")


def _d(start, end, precision):
    return {"measure": "date", "source": "x", "date": {"start": start, "end": end, "precision": precision}}


def test_a_coarser_date_does_not_reconcile_two_finer_ones_a_stretch_does():
    a, b = _d("1971-08-01", "1971-08-31", "month"), _d("1971-09-01", "1971-11-30", "season")
    a["source"] = "y"
    assert contradicts(a, b, [a, b, _d("1971-01-01", "1971-12-31", "year")])
    assert not contradicts(a, b, [a, b, _d("1971-07-01", "1971-12-31", "range")])


def test_within_a_time_is_any_time_up_to_it():
    from kb.model.claims import bounds

    a = {"measure": "duration", "value": "within two days", "amount": 2, "qualifier": "within", "unit": "day",
         "source": "x"}
    b = {"measure": "duration", "value": "24 hours", "amount": 24, "qualifier": "", "unit": "hour", "source": "y"}
    assert bounds(a)[1] == 0.0
    assert not contradicts(a, b)
    assert contradicts(a, dict(b, amount=96, value="96 hours"))


def test_a_date_in_a_later_coordinated_clause_dates_that_clause_only():
    text = ("Published: 3 April 2017\n\nThe strike began on 2 March 2016 at the port. Within a week it had reached "
            "some 40 depots, and on 9 March the ministry closed the harbour.")
    ex = Extractor(AliasTable()).extract(text, None)
    first, second = ex.events
    assert second.text.startswith("on 9 March")
    assert "some 40" in [f.value for f in first.figures]      # the passage before goes on
    assert not second.figures


def test_a_nearby_day_with_nothing_named_in_common_is_another_event():
    from datetime import date as d

    from kb.ingest.dedupe import _Entry, choose

    stored = _Entry({"title": "Relief group publishes its flood toll", "summary": "The relief group said the "
                     "floods killed 90 people.", "entities": ["relief-group"], "date": {
                         "start": "2016-05-10", "end": "2016-05-10", "precision": "day"},
                     "citations": [{"source": "a"}]}, 0)
    text = "The health ministry published its flood toll: 40 people killed by the floods."
    best, _s, _r = choose([stored], d(2016, 5, 11), d(2016, 5, 11), "day", {"health-ministry"}, text, source="b")
    assert best is None
    best, _s, _r = choose([stored], d(2016, 5, 11), d(2016, 5, 11), "day", {"relief-group"},
                          "The relief group published its flood toll: 40 people killed by the floods.", source="b")
    assert best is stored


def test_figures_of_moments_of_a_long_event_are_compared_moment_by_moment():
    from kb.ingest.reconcile import link_claims
    from kb.model.claims import comparison_key

    rec = {"id": "camp-raids", "date": {"start": "1990-01-01", "end": "2010-12-31"}, "claims": []}

    def day(src, iso, at):
        return {"measure": "date", "value": iso, "source": src, "offsets": [at, at + 10],
                "date": {"start": iso, "end": iso, "precision": "day"}}

    def dead(src, n, at):
        return {"measure": "deaths", "value": str(n), "amount": n, "qualifier": "", "source": src,
                "offsets": [at, at + 2]}

    link_claims(rec, [day("a", "2003-05-02", 0)], "")
    first = link_claims(rec, [dead("a", 7, 30)], "")[0]
    link_claims(rec, [day("a", "2008-09-01", 100)], "")
    second = link_claims(rec, [dead("a", 52, 130)], "")[0]
    assert first["when"] == "2003-05-02" and second["when"] == "2008-09-01"
    assert comparison_key(first, "camp-raids") != comparison_key(second, "camp-raids")
    short = {"id": "one-day", "date": {"start": "2003-05-02", "end": "2003-05-02"}, "claims": []}
    assert "when" not in link_claims(short, [dead("b", 5, 10)], "")[0]


def test_the_same_exact_count_is_a_sign_of_one_event():
    from kb.ingest.dedupe import measures_of

    got = measures_of([{"measure": "deaths", "amount": 176, "qualifier": ""},
                       {"measure": "cities", "amount": 40, "qualifier": "some"},
                       {"measure": "deaths", "amount": 3, "qualifier": ""}])
    assert got == {"deaths", "deaths=176", "cities"}


def test_an_event_set_in_another_country_is_not_a_retelling():
    from datetime import date as d

    from kb.ingest.dedupe import _Entry, choose, scenes

    assert scenes("In Lebanon, crowds blocked roads; others marched in Tehran") == {"lebanon"}
    stored = _Entry({"title": "Fuel protests across Iran", "summary": "Protesters blocked roads and burned "
                     "banks across Iran after the fuel price rise.", "places": ["iran"], "entities": [],
                     "date": {"start": "2019-11-01", "end": "2019-11-30", "precision": "month"},
                     "citations": [{"source": "a"}]}, 0)
    abroad = "In Lebanon, protesters blocked roads and burned banks after the fuel price rise."
    home = "In Iran, protesters blocked roads and burned banks after the fuel price rise."
    args = (d(2019, 11, 19), d(2019, 11, 19), "day", set())
    assert choose([stored], *args, abroad, source="b")[0] is None
    assert choose([stored], *args, home, source="b")[0] is stored


def test_a_date_counted_from_a_story_date_moves_with_it():
    text = ("Published: 3 April 2017\n\nIn May 1990 we moved to the coast.\n\n"
            "On 12 June the harbour flooded. A week later the school closed. At the end of July the water went down.")
    got = _dates(text, "3 April 2017")
    assert any(t == "A week later" and s.year == 1990 for t, s, _e in got), got
    assert ("the end of July", date(1990, 7, 21), date(1990, 7, 31)) in got
