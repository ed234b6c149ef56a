"""The name finder's cheaper paths give the answers of the plain ones: words placed by one
split (kb.ingest.entities.word_spans), the alias walk of an ASCII sentence, the persons of a
document kept by surname, and segments without a capital passed over when no alias in
lower case can begin in them."""

import random

from kb.ingest.entities import _WORD, _WORD_MARKED, AliasTable, PhraseKeys, _split_glued, fold, longest_alias, word_spans
from kb.ingest.extract import Extraction
from kb.ingest.mentions import NameFinder
from kb.names.marks import compiled, has_inner

_PIECES = ["Massoud", "rajavi", "MEK’s", "U.S.", " ", "  ", "-", "--", "’", "'", "Pérez", "e\u0301", "Σ", "İran",
           ", ", "_", "__x", "a_b", "ﬁ", "...", "1988", "\n", "<b x=1 ", ".", "x.", "Mr.", "٣", "漢字", "ℂanada"]


def test_words_are_placed_as_finditer_places_them():
    rnd = random.Random(11)
    for _ in range(3_000):
        seg = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 14)))
        # (a word with a combining mark keeps it: kb.names.marks, the pattern with marks)
        rx = compiled(_WORD_MARKED) if has_inner(seg) else _WORD
        want = [m.span() for m in rx.finditer(seg)]
        assert word_spans(seg) == (want, [seg[a:b] for a, b in want]), seg


_SYLLABLES = ["ma", "sou", "d", "ra", "ja", "vi", "sa", "eed", "gh", "kh", "ph", "ou", "oo", "ei", "w", "nejad", "a"]
_GAPS = [" ", " ", " ", ", ", "-", "--", " (", ". ", "'s ", "... ", " '", "`", "_"]


def _word(rnd: random.Random) -> str:
    w = "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(1, 3)))
    return w.capitalize() if rnd.random() < 0.6 else w.upper() if rnd.random() < 0.1 else w


def _plain(table: AliasTable, seg: str, toks, i: int):
    """Every run from word i looked up, longest first (AliasTable.lookup)."""
    a = toks[i][0]
    for n in range(min(table.max_words + 2, len(toks) - i), 0, -1):
        p = seg[a:toks[i + n - 1][1]].rstrip(".")
        p = p[:-2] if p.endswith(("'s", "’s")) else p
        ids = table.lookup(p, any(c.isupper() for c in p))
        if ids:
            return n, ids, p
    return None


def test_the_walk_of_an_ascii_sentence_finds_what_every_lookup_finds():
    rnd = random.Random(8)
    hits = 0
    for round_ in range(3):
        table = AliasTable()
        for k in range(120):
            words = [_word(rnd) for _ in range(rnd.randint(1, 4))]
            table.add(f"e{k}", " ".join(words), [w.lower() for w in words[:2]] if rnd.random() < 0.15 else [])
        for _ in range(150):
            seg = "".join(_word(rnd) + rnd.choice(_GAPS) for _ in range(rnd.randint(3, 12))).strip()
            toks = _split_glued(seg, word_spans(seg)[0])
            keys = PhraseKeys(seg, toks)
            assert keys.ascii
            for i in range(len(toks)):
                want = _plain(table, seg, toks, i)
                assert longest_alias(table, keys, seg, toks, i) == want, (seg, i)
                hits += want is not None
    assert hits > 75        # the tables are dense enough to be found often


def _plain_person(finder: NameFinder, word: str, doc_named: set[str]):
    """The scan the surname index replaces: every person of the document read again."""
    hits = {eid for eid in doc_named if finder.table.types.get(eid) == "person"
            and len(ws := fold(finder.table.names.get(eid, "")).split()) > 1 and ws[-1] == fold(word)}
    return next(iter(hits)) if len(hits) == 1 else None


def test_a_surname_finds_the_person_the_plain_scan_finds():
    rnd = random.Random(3)
    table = AliasTable()
    finder = NameFinder(table)
    surnames = ["Dubois", "Okafor", "Roe", "Rajavi", "Pérez"]
    for doc in range(4):
        named: set[str] = set()
        for k in range(60):
            eid = f"d{doc}-{k}"
            name = f"{rnd.choice(['Jane', 'Ali', 'Claire', 'Maryam'])} {rnd.choice(surnames)}"
            if rnd.random() < 0.2:
                name = rnd.choice(surnames)             # one word: no surname of a full name
            if rnd.random() < 0.15:
                named.add(eid)                          # named before the table holds it
            table.add(eid, name, [], rnd.choice(["person", "person", "place"]))
            named.add(eid)
            for word in surnames + ["pérez", "Nobody"]:
                assert finder._person_named(word, named) == _plain_person(finder, word, named), (doc, k, word)


def _finds(finder: NameFinder, segs: list[str]):
    out, named = Extraction(), set()
    found = [finder.mentions(seg, 0, len(seg), False, False, {"the"}, out, named) for seg in segs]
    return found, sorted(out.new_entities), sorted(out.new_aliases)


def test_a_segment_without_a_capital_is_passed_over_only_when_nothing_can_be_found(monkeypatch):
    entities = [{"id": "hezbollah", "name": "Hezbollah", "aliases": ["hezbollah"]},
                {"id": "un", "name": "United Nations", "aliases": ["un agency"]},
                {"id": "y", "name": "1988 massacre", "aliases": ["1988 massacre"]},
                {"id": "nato", "name": "NATO"}]
    segs = ["the hezbollah fighters left", "a un agency said", "in the 1988 massacre they", "nato met",
            "<b x=1 " * 50, "the ℂanada office said", "the “ℂhronicle of ℂities” report called",
            "an ℍotel in ℂanada", "über die straße", "ⓐ ⓑ", "Ⓐ Ⓑ Ⓒ of ℂanada Post"]
    fast = _finds(NameFinder(AliasTable(entities)), segs)
    monkeypatch.setattr(NameFinder, "_lower_starts", lambda self, seg: True)
    assert _finds(NameFinder(AliasTable(entities)), segs) == fast
    found = fast[0]
    assert found[0] == ["hezbollah"] and found[2] == ["y"] and found[3] == [] and found[4] == []
    assert found[5]         # a capital that lower() keeps (ℂ) is a capital


def test_the_walk_asks_beginnings_that_answer_for_themselves():
    """A table whose beginnings are asked of the index (kb.ingest.asked.AskedStarts, a
    Beginnings that holds only the run's own keys) is walked as the plain table is."""
    from kb.ingest.asked import AskedStarts

    rnd = random.Random(9)
    table = AliasTable()
    for k in range(150):
        table.add(f"e{k}", " ".join(_word(rnd) for _ in range(rnd.randint(2, 4))))
    plain_fold, plain_skel = table.fold_starts, table.skel_starts
    table.fold_starts = AskedStarts(plain_fold.__contains__, " ")
    table.skel_starts = AskedStarts(plain_skel.__contains__)
    hits = 0
    for _ in range(150):
        seg = "".join(_word(rnd) + rnd.choice(_GAPS) for _ in range(rnd.randint(3, 12))).strip()
        toks = _split_glued(seg, word_spans(seg)[0])
        keys = PhraseKeys(seg, toks)
        for i in range(len(toks)):
            want = _plain(table, seg, toks, i)
            assert longest_alias(table, keys, seg, toks, i) == want, (seg, i)
            hits += want is not None and want[0] > 1
    assert hits > 4          # runs of two words or more, found through the asked beginnings
