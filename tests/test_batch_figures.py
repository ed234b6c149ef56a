"""The figure finder passes over the digits of a date whose reach holds only digits of dates
(kb.ingest.dated_places): the figures are those it finds trying every place, on dense dated
text (one sentence a line, all on one line), on figures next to dates and inside them, and on
random strings of numbers, dates and words."""

import random

import pytest

from kb.dates import find_dates
from kb.ingest import figures as F
from kb.ingest.dated_places import passed_over


def _every_place(text, dates):
    real = F._figures
    try:
        F._figures = lambda *a, **k: real(*a[:5])      # no place inside a date passed over
        return F.find_figures(text, dates)
    finally:
        F._figures = real


def _same(text):
    dates = [(s, e) for s, e, _span in find_dates(text)]
    got = F.find_figures(text, dates)
    assert got == _every_place(text, dates), text
    return got


@pytest.mark.parametrize("text", [
    "\n".join(f"On June {1 + i % 28}, {1970 + i % 50} the council met in Tehran." for i in range(40)),
    " ".join(f"On June {1 + i % 28}, {1970 + i % 50} the council met in Tehran." for i in range(40)),
    "On June 1, 1970 300 people marched. On June 2-5, 1971 2,000 protesters were arrested.",
    "Between 1 and 3 May 1988 some 4,000 prisoners were killed; on 12 May 1988 12 more.",
    "From 1 June 1990 to 2 June 1991 about 5,000 people were held, 10 to 20 percent of them women.",
    "In 1990 2,000 people left; in 1991, 3 to 4 thousand. On 3/4/1992 15 died. On 1992-05-06 7 were shot.",
    "On 5 June 1990 thousands marched, and on 6 June 1990 five hundred were arrested.",
], ids=["lines", "one-line", "beside", "between", "from-to", "numeric", "words"])
def test_dense_dates_give_the_same_figures(text):
    _same(text)


def test_figures_beside_dates_are_kept():
    got = _same("On June 1, 1970 300 people marched. On June 2, 1971 some 2,000 protesters were arrested.")
    assert [(f.value, f.measure) for f in got] == [("300", "participants"), ("some 2,000", "arrests")]


def test_random_dated_strings():
    rng = random.Random(11)
    bits = ["June 1, 1970", "5 May 1988", "1988", "12", "2,800", "1.5", " - ", "–", " to ", " and ", " thousand",
            " %", " per cent", " people", " were killed", " between ", " from ", " about ", ", ", ". ", "\n", " in ",
            " June ", " on ", " the ", " cities", " of ", " protesters", " arrested", "-3", " 1971", " 10"]
    for _ in range(100):
        _same(" ".join(rng.choice(bits) for _ in range(rng.randint(3, 25))))


def test_passed_over_needs_only_dated_digits_within_reach():
    text = "On June 1, 1970 the council met. On June 1, 1970 300 people met."
    dates = [(3, 15), (36, 48)]

    def dated(p):
        return any(a <= p < b for a, b in dates)
    where = [text.index("1,"), text.index("1970"), text.index("the")]
    assert passed_over(text, where[0], where, 1, dated)      # "1": its reach holds "1970" only
    second = text.index("1,", 36)
    where = [second, text.index("1970", 36), text.index("300")]
    assert not passed_over(text, second, where, 1, dated)    # "1, 1970 300": a figure within reach


def test_qualifiers_before_a_number_found_without_asking_each():
    """_no_number_follows answers a qualifier whose greedy words end right at a number without
    asking _number_follows: the same places as asking it of every one."""
    rng = random.Random(5)
    bits = ["about", "more than", "On June", "in the region of", "up to", "12", "1,000", " ", "  ", ". ", "x.",
            "the whole", "at least", "\n", "some", "nearly all", "5", "x.more", "U.S.about", "a.b"]
    for _ in range(300):
        text = " ".join(rng.choice(bits) for _ in range(rng.randint(2, 14)))
        words = [i for i in range(len(text)) if text[i].isalpha() and (i == 0 or not text[i - 1].isalpha())]
        cores = sorted(rng.sample(words, k=len(words) // 3) + [i for i in range(len(text)) if text[i].isdigit()
                                                                    and (i == 0 or not text[i - 1].isdigit())])
        qual = [w for w in words if w not in cores]
        assert F._no_number_follows(text, qual, cores) == {p for p in qual if not F._number_follows(text, p, cores)}
