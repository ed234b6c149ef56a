"""Cue phrases are found at the places the case-ignoring match gives, also where case
folding lengthens a letter (``ß`` -> ``ss``, ``ﬁ`` -> ``fi``): a text whose folded copy
is ASCII but longer is not read by ``str.find`` in that copy (places after such a
letter would shift, and a figure would take a cue that is not in its clause)."""

from kb.ingest import figures as F

LIG = ("The " + "ﬁnal " * 19 + "report gave the death toll. "
       "Then 40 came here and stood in the square for an hour.")
TEXTS = [
    LIG,
    LIG.replace("ﬁnal", "ﬁnal ﬁnal", 1),
    ("Die Straße " * 12) + "report gave the death toll. Then 40 came here and stood for an hour.",
    "The ﬁnal death toll rose to 40. Then ﬂags: 40 came here for an hour.",
    "STRASSE ß " * 5 + "the death toll was 12 and 3 people were killed in a day.",
    "Plain ASCII: the death toll rose to 208, and 40 came for an hour.",
]


def _reference(text, *args):
    """find_figures with every cue phrase matched by the case-ignoring regex (the slow path)."""
    real = F._found_in
    F._found_in = F._matched_in
    try:
        return F.find_figures(text, *args)
    finally:
        F._found_in = real


def test_cue_phrases_are_where_the_case_ignoring_match_puts_them():
    for text in TEXTS:
        cues = F._Cues(text, 0, len(text))
        for ph, (_meas, where) in cues.phrases.items():
            assert where == F._matched_in(ph, "", text), (text, ph)


def test_figures_of_texts_with_lengthening_letters_are_those_of_the_slow_path():
    for text in TEXTS:
        assert F.find_figures(text) == _reference(text), text
        for a in range(0, len(text), 17):
            assert F.find_figures(text, [], a, len(text)) == _reference(text, [], a, len(text)), (text, a)


def test_the_ligature_text_of_the_review_gives_no_death_figure():
    got = [(f.start, f.end, f.measure) for f in F.find_figures(LIG)]
    assert all(m != "deaths" for _a, _b, m in got), got
