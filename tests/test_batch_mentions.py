"""A repeated sentence's names, kept for the document (kb.ingest.repeats), are what the name
finder gives it sentence by sentence: the same ids in the same order, the same new entities,
spellings and named set, on sentences that repeat with other dates and on those whose digits
the finder reads (an alias or a name with a digit, a year before a capitalised word, a quoted
title), on a name cut by a sentence boundary, and when what the finder has learnt changes
between two repeats (a new alias, an entity named that settles an ambiguous alias)."""

import pytest

from kb.ingest import repeats
from kb.ingest.entities import AliasTable
from kb.ingest.extract import Extraction, Extractor
from kb.ingest.mentions import NameFinder


def _table(entities=()) -> AliasTable:
    return AliasTable([{"id": i, "name": n, "aliases": a, "type": t} for i, n, a, t in entities])


def _run(segments, entities=(), kept=True, vocab=frozenset()):
    """Each segment's ids, then the document's result, the finder asked through the kept
    answers (``kept``) or itself."""
    table = _table(entities)
    finder = NameFinder(table)
    ask = repeats.RepeatedMentions(finder).mentions if kept else finder.mentions
    out, named, got = Extraction(), set(), []
    for seg in segments:
        heading = seg.startswith("#")
        got.append(ask(seg, 0, len(seg), heading, False, set(vocab), out, named))
    return got, ({k: vars(v) for k, v in out.new_entities.items()}, out.new_aliases, named, dict(table.names))


def _same(segments, entities=(), vocab=frozenset()):
    kept = _run(segments, entities, True, vocab)
    assert kept == _run(segments, entities, False, vocab)
    return kept[0]


def test_dated_repeats_give_the_same_names():
    segs = [f"On June {1 + i % 28}, {1970 + i % 50} the council met in Tehran." for i in range(60)]
    got = _same(segs)
    assert got[0] == ["tehran"] and all(g == ["tehran"] for g in got)


def test_repeats_are_answered_without_asking_again(monkeypatch):
    calls = []
    real = NameFinder.mentions
    monkeypatch.setattr(NameFinder, "mentions", lambda self, *a: calls.append(a[1]) or real(self, *a))
    segs = [f"On May {d}, 19{d + 50} the council met in Tehran." for d in range(10, 30)]
    assert _run(segs)[0] == [["tehran"]] * 20
    # the first names Tehran (the table grows), the second is kept, the rest are repeats
    assert len(calls) == 2


@pytest.mark.parametrize("a, b, entities", [
    # an alias with a digit ("Apollo 11"): the table is not digit-free
    ("They saw Apollo 12 on May 1.", "They saw Apollo 11 on May 1.",
     [("apollo", "Apollo", [], "other"), ("apollo-11", "Apollo 11", [], "event-name")]),
    # a run of capitalised words with a digit in it: "1990" makes it no name, "1590" does not
    ("They met the Summit 1990-Group in May.", "They met the Summit 1590-Group in May.", []),
    # a year before a capitalised event word: "1906 Massacre" is a name, "1506" is no year
    ("They saw the 1506 Massacre site.", "They saw the 1906 Massacre site.", []),
    # a year glued to a name by a dash: "2016-Lyon" is split (a caption's date), "1516-Lyon" is not
    ("Reporters saw the caption 1516-Lyon on 3 May 1990.", "Reporters saw the caption 2016-Lyon on 2 May 1990.",
     [("lyon", "Lyon", [], "place")]),
])
def test_digits_the_finder_reads_are_not_passed_over(a, b, entities):
    """``a`` twice (the second is kept: the finder learns nothing from it), then ``b``, which
    differs from it only in a digit the finder reads (each case read by one of the tests of
    kb.ingest.repeats alone): asked again, it names otherwise."""
    got = _same([a, a, b, a, b], entities)
    assert got[1] != got[2]


@pytest.mark.parametrize("segs, entities", [
    (["The G8 met on 1 May.", "The G8 met on 1 May.", "The G7 met on 1 May."], [("g7", "G7", [], "organization")]),
    (['A report called "Forty 40 Days" came out.'] * 2 + ['A report called "Forty 41 Days" came out.'], []),
    (["The Group 7 Council (GC) met."] * 2 + ["The Group 8 Council (GC) met."], []),
])
def test_other_digits_the_finder_reads(segs, entities):
    _same(segs, entities)


def test_what_the_finder_learns_between_repeats():
    ents = [("mohammad-a", "Mohammad Ali", ["Mohammad"], "person"),
            ("mohammad-b", "Mohammad Reza", ["Mohammad"], "person")]
    # "Mohammad" is ambiguous until one of them is named in the document
    segs = ["Mohammad spoke on 1 May.", "Mohammad spoke on 2 May.", "Mohammad Reza arrived.",
            "Mohammad spoke on 3 May.", "Claire Dubois came.", "They saw Dubois on 4 May.",
            "They saw Dubois on 5 May."]
    got = _same(segs, ents)
    # the named set grew (the table did not): the third "Mohammad" is asked again
    assert got[0] == [] and got[1] == [] and got[3] == ["mohammad-b"]
    assert got[5] == got[6] == got[4][-1:]


def test_headings_lower_case_and_first_words():
    segs = ["# Council Met In Tehran 1990", "# Council Met In Tehran 1991", "the council met in 1990.",
            "the council met in 1991.", "Council met in Tehran in 1990.", "Council met in Tehran in 1991."]
    _same(segs, [("council", "the council", [], "organization")], vocab={"council"})


def _extract(text: str, kept: bool, monkeypatch):
    if not kept:
        monkeypatch.setattr(repeats.RepeatedMentions, "mentions", lambda self, *a: self.names.mentions(*a))
    ex = Extractor(AliasTable()).extract(text, None)
    monkeypatch.undo()
    return ([(e.start, e.end, e.date.edtf, e.entities, e.passage_end) for e in ex.events],
            {k: vars(v) for k, v in ex.new_entities.items()}, ex.mentioned, ex.new_aliases)


@pytest.mark.parametrize("text", [
    # one sentence a line, then the same on one line: segment boundaries in both
    "\n".join(f"On June {d}, {1960 + d} the council met in Tehran." for d in range(1, 25)),
    " ".join(f"On June {d}, {1960 + d} the council met in Tehran." for d in range(1, 25)),
    # a name cut by a sentence boundary, then whole; the same clause in two sentences
    "On 2 May 1990 they met Jane. Roe spoke on 3 May 1990. On 4 May 1990 they met Jane Roe. "
    "Roe spoke on 5 May 1990. In 1991 the police came, and on 6 May 1992 the council met in Tehran. "
    "In 1993 the police came, and on 7 May 1994 the council met in Tehran.",
    # repeats with other dates around new names, headings between them
    "# Events\n" + "\n".join(f"On {d} March {1980 + d} the Tehran Council met Ali Rahimi. Rahimi spoke."
                             for d in range(1, 12)) + "\n# More\nOn 3 March 1990 the Tehran Council met.",
    # a document naming Lyon, then a glued caption twice with a year the glued form does not split, then one it does
    "On 1 May 1990 the council of Lyon met. " + "Reporters saw the caption 1516-Lyon on 3 May 1990. " * 2
    + "Reporters saw the caption 2016-Lyon on 2 May 1990.",
], ids=["lines", "one-line", "cut-name", "new-names", "glued-year"])
def test_extraction_the_same_with_and_without_kept_answers(text, monkeypatch):
    assert _extract(text, True, monkeypatch) == _extract(text, False, monkeypatch)


def test_table_version_and_digits():
    t = _table([("tehran", "Tehran", [], "place")])
    v = t.version
    assert t.digit_free()
    t.add("tehran", "Tehran", ["Teheran"])
    assert t.version > v and t.digit_free()
    t.add("g7", "G7")
    assert not t.digit_free()
    keyed = AliasTable()
    keyed.fold["apollo 11"] = {"apollo-11"}     # filled as kb.ingest.asked.KeyedAliasTable fills it
    assert not keyed.digit_free()
    asked = AliasTable()
    asked.fold = type("Asked", (), {"get": lambda self, k, d=None: d})()
    assert not asked.digit_free()                # asked of the index: it cannot tell
