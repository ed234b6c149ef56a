"""Long texts read faster with the same answers (issue 16, class 3): the date scanner's
prefilter and guards, the runs of letters, the figure finder's qualifier test and clause
ends, and the reader's copyright notice, each checked against the direct way."""

import random
import re
from bisect import bisect_right

from kb.dates import grammar
from kb.dates.prefilter import Alternation, starts
from kb.ingest import figures as F
from kb.ingest.letter_runs import LETTERS, Runs
from kb.ingest.reader import _COPYRIGHT, _copyright_year

_WORDS = ("the fall of 1979", "the group", "The 1980s", "in June", "in prisons", "about 300", "about",
          "June 5, 1975", "Jun.", "jungle", "1988-07-01", "19 May", "mid-1990s", "early in 2001", "last year",
          "spring", "Sept. 3", "five hundred", "at least 12", "some", "and", "-", "/", "3-", "x1988", "3,000")


def _text(rng, n):
    return " ".join(rng.choice(_WORDS) + rng.choice(["", ",", ".", ";", "\n", " -"]) for _ in range(n))


def _scanner():
    alt = Alternation(grammar._HEAD, grammar._FORMS, grammar._TAIL, re.IGNORECASE, word_start=True)
    alt.GUARD_AFTER = alt.COMPILE_AFTER = 2          # narrowed patterns and guards at once
    alt.DIRECT_UPTO = 0
    return alt


def test_the_prefilter_from_the_forms_is_the_whole_patterns():
    alt = grammar._alternation()
    assert alt.where.pattern == starts(alt.whole, word_start=True).pattern


def test_places_after_a_non_word_character_are_the_prefilters_places():
    alt = grammar._alternation()
    rng = random.Random(4)
    for _ in range(200):
        text = _text(rng, rng.randint(0, 30))
        assert list(alt._places(text)) == [m.start() for m in alt.where.finditer(text)], text


def test_a_text_without_dates_reads_only_the_forms_it_asks_for():
    alt = _scanner()
    text = "the group met in prisons about the country " * 50
    assert list(alt.finditer(text)) == []
    assert alt._guards, "no guard was made"
    read = {alt.forms[i][0] for i in alt._deep_dispatch.members}
    assert read and not read & {"m_my", "d_dm_y", "mdy", "dmy"}     # the large forms: no place asks for them


def test_a_scan_finds_what_the_whole_pattern_finds():
    alt = _scanner()
    rng = random.Random(6)
    for n in (1, 40, 300):
        text = _text(rng, n)
        assert [(m.span(), m.lastgroup) for m in alt.finditer(text)] == [
            (m.span(), m.lastgroup) for m in alt.whole.finditer(text)]


def test_runs_from_one_split():
    rng = random.Random(1)
    for _ in range(500):
        text = "".join(rng.choice("ab Z1-’\n.é") for _ in range(rng.randint(0, 40)))
        s = rng.randint(0, len(text))
        e = rng.randint(s, len(text))
        runs = Runs(text, s, e)
        assert runs.words == LETTERS.findall(text, s, e)
        assert runs.starts == [m.start() for m in LETTERS.finditer(text, s, e)]
        kept = runs.kept(lambda w: "a" in w)
        assert kept == ([m.start() for m in LETTERS.finditer(text, s, e) if "a" in m.group()],
                        [w for w in LETTERS.findall(text, s, e) if "a" in w])


def test_qualifiers_ruled_out_in_bulk_are_those_the_direct_test_rules_out():
    rng = random.Random(2)
    for _ in range(150):
        text = _text(rng, rng.randint(1, 30))
        words = [m.start() for m in LETTERS.finditer(text)]
        for cores in ([], sorted(rng.sample(range(len(text)), min(3, len(text))))):
            qual = [p for p in words if p not in cores]
            assert F._no_number_follows(text, qual, cores) == {
                p for p in qual if not F._number_follows(text, p, cores)}, (text, cores)
            k = bisect_right(cores, 0)
            assert k <= len(cores)


def test_clause_ends_as_the_alternation_found_them():
    old = re.compile(r"[.;:!?]\s|[.;:!?]$|\n")
    rng = random.Random(3)
    for _ in range(3000):
        text = "".join(rng.choice("a .;\n!\t?:") for _ in range(rng.randint(0, 12)))
        s = rng.randint(0, len(text))
        e = rng.randint(s, len(text))
        assert [m.span() for m in F._CLAUSE_END.finditer(text, s, e)] == [m.span() for m in old.finditer(text, s, e)]


def test_copyright_notice_with_and_without_the_search():
    texts = ["Copyright 2019 MEK", "(C) 1999-2004 the site", "COPYRIGHT © 2020", "© 2018 x", "(c)2001",
             "copyrıght 2019", "no notice here 2019", "(c 2019)", "Kopyright 2011", "CopyRight\n2012 x"]
    for t in texts + [t * 3 + " filler" for t in texts]:
        found = _COPYRIGHT.findall(t)
        got = _copyright_year(t)
        assert (got.edtf if got else None) == (str(max(map(int, found))) if found else None), t
