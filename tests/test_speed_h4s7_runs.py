"""The figure finder's runs of letters: found once per text, nothing compiled per text,
the same places as the search of a pattern of the runs kept (the way it was done before)."""

import random
import re

from kb.ingest import figures
from kb.ingest.letter_runs import LETTER, Runs, runs, trie_alternation


def _by_pattern(text, start, end, keep):
    """The places as a pattern of the runs kept finds them (the former way)."""
    kept = [w for w in set(re.findall(r"[A-Za-z]+", text[start:end])) if keep(w)]
    if not kept:
        return []
    pattern = re.compile(trie_alternation(kept) + "(?![A-Za-z])")
    return [m.start() for m in pattern.finditer(text, start, end)
            if m.start() == start or text[m.start() - 1] not in LETTER]


def test_runs_are_the_places_a_pattern_of_the_kept_runs_finds():
    rng = random.Random(7)
    pieces = ["the", "The", "about", "killed", "report", "reported", "x", "İstanbul", "ſome", "Kelvin",
              "don't", "well-known", "42", "  ", "\n", ",", "é", "approx.", "ON", "in"]
    keeps = [lambda w: w.lower() in {"the", "about", "in", "on"}, lambda w: w.lower().startswith(("rep", "k")),
             lambda w: False, lambda w: True]
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "-", "."]) for _ in range(rng.randint(0, 30)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        found = Runs(text, start, end)
        for keep in keeps:
            assert runs(text, start, end, keep, found) == _by_pattern(text, start, end, keep), (text, start, end)


def test_runs_cut_by_the_window_and_at_its_edges():
    text = "abcdef about xyz"
    # a run the start cuts counts from the start, as the pattern's search did
    assert runs(text, 3, len(text), lambda w: w == "def") == [3]
    assert runs(text, 0, 5, lambda w: w == "abcde") == [0]
    assert Runs(text, 7, 12).words == ["about"]


def test_no_pattern_is_compiled_for_a_text(monkeypatch):
    # the process's own patterns are compiled at their first use: a first text of the same kind
    figures.find_figures("Nearly 3,000 marchers were detained in Abcd; the tally of Efgh rose to 12 dead.")
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k))
    text = "Nearly 4,000 marchers were detained in Qzxv; the tally of Wrrk rose to 57 dead."
    got = figures.find_figures(text)
    assert [(f.value, f.measure) for f in got] == [("Nearly 4,000", "arrests"), ("57", "deaths")]
    assert compiled == []
