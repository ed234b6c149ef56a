"""The name finder on long input: where glued words can be (kb.ingest.entities._suspects)
is found by a search that skips most characters in C; same places as _SUSPECT.finditer."""

import random

from kb.ingest import entities as E
from kb.ingest.entities import AliasTable
from kb.ingest.extract import Extraction
from kb.ingest.mentions import NameFinder


def test_suspects_are_the_matches_of_suspect():
    rnd = random.Random(5)
    alphabet = "aZbq1.-–B9 é٣_"
    for _ in range(20000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 16)))
        assert E._suspects(s) == [m.start() for m in E._SUSPECT.finditer(s)], s
    text = "LisbonAfter the talks ParisWhen 2016-Lyon France1990 x.Yz a1 b2-C " * 50
    assert E._suspects(text) == [m.start() for m in E._SUSPECT.finditer(text)]


def test_lower_case_text_tries_suspect_nowhere(monkeypatch):
    calls = []
    real = E._SUSPECT

    class Counting:
        def match(self, *a):
            calls.append(a)
            return real.match(*a)

    monkeypatch.setattr(E, "_SUSPECT", Counting())
    assert E._suspects("the group said that its members were held abroad " * 2000) == []
    assert calls == []


def test_names_in_a_long_segment():
    """Capitalised runs and a particle name are found in a long segment as in a short one."""
    short = "Reports said Maryam Rajavi met al-Sadr in Tirana while others left. "
    finder = NameFinder(AliasTable())
    one = finder.mentions(short, 0, len(short), False, False, set(), Extraction(), set())
    text = "the group said that its members were held " * 500 + short
    finder = NameFinder(AliasTable())
    many = finder.mentions(text, 0, len(text), False, False, set(), Extraction(), set())
    assert one == many and len(one) == 3


def test_no_name_words_joins_the_lists_once():
    from kb.ingest import mentions as M
    from kb.names import lexicon

    stop = lexicon.titles() | lexicon.generic() | lexicon.common()
    for words in (["Staff", "Writer"], ["Tehran"], ["Results", "Table"], ["Jane", "Roe"], ["President"]):
        assert M._no_name_words(words) == all(w.lower().rstrip(".") in stop for w in words)
    M._no_name_words(["Tehran"])
    assert M._no_name_stop.cache_info().currsize == 1 and M._no_name_stop() == stop
