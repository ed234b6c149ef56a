"""The name finder's byline, acronym and modifier patterns (kb.ingest.entities: _BYLINE,
_ACRONYM, _MODIFIER_WORD) take a combining mark or a joiner inside a word into the word,
as its word split does: "By Masso\u0300ud Rajavi" and "the Natio\u0301nal Council of
Resistance (NCR)" are not cut at the accent.  Each is a kb.names.marks.Marked: its plain
pattern for a text without marks (the same matches as before), its twin for one with."""

import random
import re

from kb.ingest.entities import _ACRONYM, _BYLINE, _MODIFIER_WORD, AliasTable
from kb.ingest.extract import Extractor
from kb.names import marks

GRAVE, ACUTE, ZWNJ = "\u0300", "\u0301", "\u200c"
DECOMPOSED = f"Masso{GRAVE}ud"


def _extract(text: str, table: AliasTable | None = None):
    return Extractor(table or AliasTable()).extract(text, None)


def test_a_byline_with_a_separate_accent_is_one_person():
    out = _extract(f"By {DECOMPOSED} Rajavi\n\nOn 3 May 2001 the talks were held in Geneva.\n")
    names = [e.name for e in out.new_entities.values()]
    assert f"{DECOMPOSED} Rajavi" in names, names
    assert [m.group(1) for m in _BYLINE.finditer(f"By Mass{ZWNJ}oud Raja{ACUTE}vi\n")] == [f"Mass{ZWNJ}oud Raja{ACUTE}vi"]


def test_an_acronyms_expansion_with_a_separate_accent_is_whole():
    text = f"On 3 May 2001 the Natio{ACUTE}nal Council of Resistance (NCR) met in Paris. The NCR said so."
    assert [m.groups() for m in _ACRONYM.finditer(text)] == [(f"Natio{ACUTE}nal Council of Resistance ", "NCR")]
    out = _extract(text)
    aliases = {a for e in out.new_entities.values() for a in [e.name, *e.aliases]}
    assert f"Natio{ACUTE}nal Council of Resistance" in aliases and "NCR" in aliases, aliases


def test_a_modifier_with_a_separate_accent_is_a_modifier():
    assert _MODIFIER_WORD.fullmatch(f"Ste{ACUTE}-run") and _MODIFIER_WORD.fullmatch("State-run")
    assert not _MODIFIER_WORD.fullmatch(f"Ste{ACUTE}-runner")


def _marked(word: str, rnd: random.Random) -> str:
    """``word`` with a mark or joiner after some of its letters (the letters of its name part:
    not an acronym's, a modifier's fixed ending or the byline's "By")."""
    name, sep, rest = word.partition("-")
    if name.isupper() or not name[:1].isupper() or name == "By":
        return word
    last = len(name) - 1            # (a joiner stands between letters: at a word's end it is none of it)
    marked = "".join(c + (rnd.choice([GRAVE, ACUTE, "\U000110b9"] + [ZWNJ] * (k < last)) if k and rnd.random() < 0.3
                          else "") for k, c in enumerate(name))
    return marked + sep + rest


def test_with_marks_the_same_matches_as_without_them():
    # a text with marks inserted inside its names reads as the text without them does
    rnd = random.Random(11)
    words = ["By", "Massoud", "Rajavi", "National", "Council", "of", "Resistance", "(NCR)", "the",
             "State-run", "Agency", "(IRNA)", "said", "\n", "Iran", "Press", "Media-backed", "(P/ Quds)"]
    seen = 0
    for _ in range(300):
        plain = [rnd.choice(words) for _ in range(rnd.randint(2, 12))]
        text = " ".join(_marked(w, rnd) for w in plain)
        plain = " ".join(plain)
        assert marks.unmarked(text) == plain
        for rx in (_BYLINE, _ACRONYM, _MODIFIER_WORD):
            with_marks = [marks.unmarked(m.group()) for m in rx.finditer(text)]
            assert with_marks == [m.group() for m in rx.plain.finditer(plain)], (rx.plain.pattern, text)
            seen += len(with_marks)
    assert seen > 100


def test_a_text_without_marks_is_read_by_the_plain_pattern():
    for rx in (_BYLINE, _ACRONYM, _MODIFIER_WORD):
        assert rx.to_read("By Massòud Rajavi, Zürich (Z)") is rx.plain
        assert rx.to_read(f"By {DECOMPOSED}") is not rx.plain
    assert re.compile(_BYLINE.plain.pattern, re.MULTILINE).pattern == \
        r"^[ \t]*By\s+([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]+){1,3})[ \t]*$"
