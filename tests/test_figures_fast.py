"""The figure finder's shortcuts find what it found without them: the figure pattern's
word lists written as trees match what the flat lists, longest first, match (the same
spans and groups on every number word, qualifier, magnitude and fraction, in both cases,
with odd spacing, glued and cut), and digits inside dates that are not tried change no figure."""

import re

from kb.ingest import figures as F
from kb.model.claims import MAGNITUDES, QUALIFIERS


def _flat() -> re.Pattern:
    word = "|".join(sorted((re.escape(w) for w in F.WORDS), key=len, reverse=True))
    quals = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in sorted(QUALIFIERS, key=len, reverse=True)
                     if QUALIFIERS[q] != "exact")
    mag = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(MAGNITUDES, key=len, reverse=True))
    frac = "|".join(re.escape(f) for f in sorted(F._FRACTIONS, key=len, reverse=True))
    src = F.FIGURE.pattern
    for tree, flat in ((F._QUALS, quals), (F._MAG, mag), (F._FRAC, frac), (F._WORD, word)):
        assert tree in src
        src = src.replace(tree, flat)
    return re.compile(src, re.IGNORECASE)


def _text() -> str:
    parts = []
    for q in [q for q in QUALIFIERS if QUALIFIERS[q] != "exact"]:
        parts += [f"{q} 40 people", f"{q.upper()}  twenty-one days", f"{q.replace(' ', chr(10))} a dozen men"]
    for w in F.WORDS:
        parts += [f"{w} cities", f"{w.title()} hundred", f"between {w} and {w} thousand", f"{w}x", f"x{w}"]
    for m in MAGNITUDES:
        parts += [f"{m} of protesters", f"{m.replace(' ', '   ')} were killed"]
    for f in F._FRACTIONS:
        parts += [f"{f} of them", f"{f.upper()} OF the", f"{f}s"]
    parts += ["from 2,800 to 3,800 thousand", "5-10 million", "30 per cent", "80%", "1,000,5", "more than"]
    return ". ".join(parts)


def test_tree_lists_match_as_the_flat_lists():
    text, flat = _text(), _flat()
    tree = F.FIGURE.compiled()
    assert tree.pattern != flat.pattern
    n = 0
    for p in [0] + [i for i in range(1, len(text)) if not text[i - 1].isalpha()]:   # (else no match)
        a, b = tree.match(text, p), flat.match(text, p)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text[p:p + 40]
        n += a is not None
    assert n > 1000


def test_digits_inside_dates_skipped_without_changing_the_figures():
    """A digit inside a date is not tried where its match could not reach the next place
    (kb.ingest.figures._figures, ``dated``): the figures found are those of trying it."""
    import random

    rng = random.Random(7)
    bits = ["1988", "12", "5", "2,800", "1.5", "-", " - ", "–", " to ", " and ", " thousand", " million", " %",
            " per cent", " percent", " people", " were killed", " between ", " from ", " about ", ", ", ". ",
            "\n", " in ", " June ", " the ", " cities", "thousands", " of ", " protesters", " arrested"]
    for _ in range(300):
        text = "".join(rng.choice(bits) for _ in range(rng.randint(3, 25)))
        digits = [m.span() for m in re.finditer(r"\d[\d,.]*", text)]
        dates = sorted(rng.sample(digits, k=rng.randint(0, len(digits))))
        dates = [(a, b + rng.choice((0, 0, 3))) for a, b in dates]
        dates = [d for i, d in enumerate(dates) if i == 0 or d[0] >= dates[i - 1][1]]
        real = F._figures
        try:
            F._figures = lambda *a, **k: real(*a[:5])      # every place tried, as before
            plain = F.find_figures(text, dates)
        finally:
            F._figures = real
        assert F.find_figures(text, dates) == plain, (text, dates)
