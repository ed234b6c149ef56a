"""The figure finder's shortcuts of this round find what it found without them.

* Rule *no number, no figure* (kb.ingest.figure_gate.may_hold): a text with no digit and no
  number word outside its dates is told to hold no figure before anything else is read;
  the figures found with the rule are those found without it (digits, Persian digits,
  spelled-out numbers, "a day", "a third of", numbers inside dates, figures cut by the
  stretch's edges, a letter that folds to ASCII), in short texts and long ones.
* Runs.kept_by (a test C calls on each distinct run lower-cased) keeps what Runs.kept keeps;
  the prefix pattern of the cue words answers as the prefix test.
"""

import random
import re

from kb.ingest import figures as F
from kb.ingest.figure_gate import LONG_TEXT, may_hold
from kb.ingest.letter_runs import Runs

BITS = ["1988", "12", "5", "2,800", "۱۲۳", " ", ", ", ". ", "\n", " - ", " to ", " and ", " of ",
        " seven", " Seven", " twenty-one", " a dozen", " a day", " a third of", " tens of thousands",
        " thousands", " half", " several", " hundred", " people", " were killed", " arrested",
        " in ", " June ", " the ", " about ", " more than ", " cities", " protesters", " ſeven",
        " dayton", " often", " one", " years", " officials said"]


def _dates(rng, text):
    """Random date spans over digits and number words, in order, not overlapping."""
    spots = [m.span() for m in re.finditer(r"\d[\d,.]*|[A-Za-z]+", text)]
    spans = sorted(rng.sample(spots, k=rng.randint(0, len(spots))))
    spans = [(a, b + rng.choice((0, 0, 2))) for a, b in spans]
    return [d for i, d in enumerate(spans) if i == 0 or d[0] >= spans[i - 1][1]]


def _without_gate(*args):
    real = F.may_hold
    F.may_hold = lambda *a, **k: True
    try:
        return F.find_figures(*args)
    finally:
        F.may_hold = real


def test_no_number_no_figure_finds_what_was_found_without_it():
    rng = random.Random(16)
    told = {True: 0, False: 0}
    for _ in range(400):
        text = "".join(rng.choice(BITS) for _ in range(rng.randint(2, 20)))
        dates = _dates(rng, text)
        cut = sorted(rng.sample(range(len(text) + 1), 2)) if rng.random() < 0.3 else (0, len(text))
        args = (text, dates, cut[0], cut[1])
        plain = _without_gate(*args)
        assert F.find_figures(*args) == plain, args
        spans = sorted(dates)
        digits = list(map(re.Match.start, F._DIGIT.finditer(text, *cut)))
        dated = (lambda ps: all(any(a <= p < b for a, b in spans) for p in ps)) if spans else None
        held = may_hold(text, cut[0], cut[1], lambda: Runs(text, *cut), spans, dated, digits, F._NUMBER_WORDS,
                        F._TIME_UNITS)
        assert held or not plain          # told "none" only where none is
        told[held] += 1
    assert told[True] > 50 and told[False] > 50     # both answers met


def test_the_rule_on_long_texts_and_its_cases():
    words = " ".join(["Arrested For Left Its Prisons Abroad While And For Said"] * (LONG_TEXT // 50))
    assert len(words) > LONG_TEXT
    cases = {
        words + ".": False,                                     # no number at all
        words + " on 12 June 1988.": False,                     # digits only inside the date
        words + " in the first half of 1988.": False,           # a number word only inside the date
        words + ". Seven were killed.": True,                   # a number word outside any date
        words + ". About ſeven were killed.": True,            # ſ folds to s: not told
        words + ". Protests spread to ۱۲ cities.": True,       # a Persian digit
        words + ". It lasted a day.": True,                     # "a" counts a unit of time
    }
    for text, holds in cases.items():
        dates = [(m.start(), m.end()) for m in re.finditer(r"12 June 1988|the first half of 1988", text)]
        plain = _without_gate(text, dates)
        assert F.find_figures(text, dates) == plain
        assert bool(plain) == holds, text[-40:]


def test_figures_at_the_edges_of_a_stretch():
    text = "Officials said 300 people were arrested. Seven were killed in 1988. a third of the cities"
    for a in range(0, len(text), 3):
        for b in range(a, len(text) + 1, 5):
            assert F.find_figures(text, [], a, b) == _without_gate(text, [], a, b), (a, b)


def test_kept_by_keeps_what_kept_keeps():
    rng = random.Random(3)
    pool = sorted(F._FIRST) + ["About", "THE", "Seven", "killed", "Arrested", "x", "Dozens", "approx"]
    for _ in range(50):
        text = " ".join(rng.choice(pool) + rng.choice(["", ",", ".", "-", "'s"]) for _ in range(rng.randint(0, 60)))
        runs = Runs(text)
        assert runs.kept_by(F._FIRST.__contains__) == runs.kept(lambda w: w.lower() in F._FIRST)
        assert runs.kept_by(F._near_word_lower()) == runs.kept(F._near_word)
    near = F._near_word_lower()
    for w in ["kill", "killed", "Killing", "ARRESTS", "x", "people", "protesters", "deaths", "the", "zzz"]:
        assert bool(near(w.lower())) == F._near_word(w), w
