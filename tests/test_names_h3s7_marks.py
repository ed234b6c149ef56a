"""Combining marks and zero-width joiners belong to the word they stand in (issue 16): a name
written with a decomposed accent ("Mas\u0300soud") or with a ZWJ/ZWNJ inside a word is found
whole by every tokeniser (the name finder's words, kb.names.tokens), at offsets into the
text as given, and folds to the key of its precomposed spelling; a text without such
characters is cut into the same words as before."""

import random
import re
import sys
import unicodedata

from kb.ingest.entities import AliasTable, word_spans
from kb.ingest.extract import Extractor
from kb.names import fold, skeleton
from kb.names import marks
from kb.names.find import find_names
from kb.names.tokens import tokenize

GRAVE, ZWJ, ZWNJ = "\u0300", "\u200d", "\u200c"
DECOMPOSED = f"Masso{GRAVE}ud"          # "Massòud" with a combining grave
SPELLINGS = [DECOMPOSED, f"Mass{ZWJ}oud", f"Mass{ZWNJ}oud"]


def test_the_marks_are_the_marks_of_unicode():
    bmp = "".join(map(chr, range(0x10000)))
    astral = "".join(map(chr, range(0x10000, 0x20000))) + "".join(map(chr, range(0xE0000, 0xF0000)))
    held = set(re.findall(f"[{marks.MARKS_BMP}]", bmp)) | set(re.findall(f"[{marks.MARKS_ASTRAL}]", astral))
    if unicodedata.unidata_version == marks.UNICODE_VERSION:
        # (the marks of Unicode lie in planes 0, 1 and 14)
        assert held == {c for c in bmp + astral if unicodedata.category(c)[0] == "M"}
    assert held and all(unicodedata.category(c)[0] == "M" for c in held)
    assert marks.is_mark(GRAVE) and not marks.is_mark("o") and not marks.is_mark(ZWJ)
    assert marks.is_mark("\U000110b9") and not marks.is_mark("\U0001f600")   # beyond the first plane
    assert marks.unmarked(DECOMPOSED) == "Massoud" and marks.unmarked("Rajavi") == "Rajavi"
    assert marks.unmarked("a\U000110b9b\u200dc") == "abc"
    assert not marks.has_inner("Massoud Pérez, Zürich") and marks.has_inner(f"x{ZWNJ}y")


def test_a_name_folds_alike_however_its_accent_or_joiner_is_written():
    for name in ["Massòud", *SPELLINGS]:
        assert fold(f"{name} Rajavi") == "massoud rajavi", repr(name)
        assert skeleton(name) == skeleton("Massoud")
    assert fold("Devana\u093fgari") == "devanagari"       # a spacing mark (Mc) inside a word


def test_the_name_finders_words_keep_their_marks_and_joiners():
    for name in SPELLINGS:
        text = f"Yesterday {name} Rajavi spoke."
        spans, words = word_spans(text)
        assert words[1] == name and spans[1] == (10, 10 + len(name))
        t = tokenize(text)
        assert t.words[1] == name and (t.starts[1], t.ends[1]) == (10, 10 + len(name))
    # a joiner ends no word only inside it: at a word's end it is no part of the word
    assert word_spans(f"word{ZWJ} next")[1] == ["word", "next"]
    assert word_spans(f"{GRAVE}abc")[1] == ["abc"]       # a mark opens no word


def test_the_names_are_found_whole_at_offsets_into_the_text():
    for name in SPELLINGS:
        text = f"The talks were held in Geneva. Officials said {name} Rajavi had left for Paris."
        found = [(n.text, n.start, n.end) for n in find_names(text)]
        a = text.index(name)
        assert (f"{name} Rajavi", a, a + len(name) + 7) in found, found


def _extract(table: AliasTable, text: str):
    out = Extractor(table).extract(text, None)
    return out


def test_a_known_name_written_with_a_mark_or_joiner_is_that_entity():
    for name in SPELLINGS:
        table = AliasTable([{"id": "massoud-rajavi", "name": "Massòud Rajavi", "type": "person"}])
        out = _extract(table, f"On 3 May 2001 officials said {name} Rajavi had left for Paris.")
        assert "massoud-rajavi" in out.mentioned, (name, out.mentioned)
        assert not any(n.startswith("mass") for n in out.new_entities), out.new_entities
        assert out.new_aliases.get("massoud-rajavi") == {f"{name} Rajavi"}


def test_a_new_name_written_with_a_mark_is_one_entity_under_its_whole_spelling():
    out = _extract(AliasTable(), f"On 3 May 2001 officials said {DECOMPOSED} Rajavi had left. "
                                 f"Later Massòud Rajavi came back.")
    names = [e.name for e in out.new_entities.values()]
    assert f"{DECOMPOSED} Rajavi" in names and "Mass" not in names, names
    assert not any(n.startswith("Massòud") for n in names), names     # the same entity


def _old_words(text: str) -> list[tuple[int, int]]:
    old = re.compile(r"[^\W_]\w*+(?:[’'\-.](?=\w)\w*+)*+\.?")
    return [m.span() for m in old.finditer(text)]


def test_a_text_without_marks_or_joiners_is_cut_as_before():
    rnd = random.Random(7)
    alphabet = "abcXYZ019 .,-'’_()éßİ\u00a0\tк"
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 30)))
        assert word_spans(text)[0] == _old_words(text), repr(text)
