"""Hostile input: long lines, odd scripts and bytes, impossible bounds, forged lines.

* Ingest takes time linear in its input, whatever the text: every kind of line
  that once made a pattern or a loop quadratic is ingested at two sizes and
  the larger may take only about four times as long (and stays well under a
  few seconds).  The faster forms of those patterns are checked against the
  plain ones on random text, so they find exactly what they found.
* Arguments and file names that are not UTF-8 (surrogate escapes), timeline
  bounds that name no real day, control characters in echoed names and
  ASCII-only locales: one line on stderr, a documented exit code, never a
  traceback.

Every input is generated here, at test time.
"""

from __future__ import annotations

import io
import random
import re
import time

import pytest

from kb.cli.app import main
from kb.cli.environment import Environment

# --------------------------------------------------------------------------
# class 3: linear time on any line

_WORDS = "the of and people city government report protest said group members years".split()
_PERSIAN = "این یک متن آزمایشی است که در آن هیچ نقطه ای وجود ندارد و فقط".split()
_NAMES = "Tehran Iran Rajavi NCRI Council Mojahedin Camp Ashraf Paris".split()


def _fill(n: int, word) -> str:
    out, size = [], 0
    while size < n:
        w = word()
        out.append(w)
        size += len(w) + 1
    return " ".join(out)


def _hostile(kind: str, n: int) -> tuple[str, str]:
    """A generated document of about ``n`` characters: (file suffix, text)."""
    rnd = random.Random(kind)
    year = lambda: str(rnd.randint(1950, 2020))  # noqa: E731
    texts = {
        # one line, no punctuation at all
        "words": lambda: _fill(n, lambda: rnd.choice(_WORDS)),
        # Persian with the Arabic comma and no full stop
        "persian": lambda: _fill(n, lambda: rnd.choice(_PERSIAN) + ("،" if rnd.random() < 0.2 else "")),
        "commas": lambda: "," * n,
        # a run of capitalised words, many of them known names
        "capitals": lambda: _fill(n, lambda: rnd.choice(_NAMES)),
        "capital_letters": lambda: "A" * n,
        "digits": lambda: "1" * n,
        # initials: a sentence boundary at every word that is never a boundary
        "initials": lambda: "A. " * (n // 3),
        "apostrophes": lambda: "a'" * (n // 2),
        # many dates in one sentence, a clause for each
        "clauses": lambda: _fill(n, lambda: f"in {year()} the group moved;"),
        # an undated page: relative dates read in one long section
        "relative": lambda: "On June 5, 2020 it began. " + _fill(n, lambda: rnd.choice(
            ["in May the group met,", "last November they left,", "in September it rained,"])),
        # dated headings, each with a dated sentence
        "headings": lambda: "".join(f"{year()}: Events of the year\nIn {year()} the people of the city "
                                    "went to the square.\n" for _ in range(n // 90)),
        "html_unclosed": lambda: "<html><body>" + "<a " * (n // 3),
        "markdown_hashes": lambda: "# a" + "#" * n + "b\n",
    }
    suffix = ".html" if kind.startswith("html") else ".md" if kind.startswith("markdown") else ".txt"
    return suffix, texts[kind]() + "\n"


KINDS = ["words", "persian", "commas", "capitals", "capital_letters", "digits", "initials", "apostrophes",
         "clauses", "relative", "headings", "html_unclosed", "markdown_hashes"]
SMALL, LARGE = 20_000, 80_000


def _env() -> Environment:
    return Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})


def _ingest_seconds(tmp_path, kind: str, n: int) -> float:
    suffix, text = _hostile(kind, n)
    doc = tmp_path / f"{kind}-{n}{suffix}"
    doc.write_text(text, encoding="utf-8")
    env = _env()
    start = time.process_time()
    code = main(["ingest", "--db", str(tmp_path / "kb.json"), "--dry-run", str(doc)], env)
    took = time.process_time() - start
    assert code == 0, env.stderr.getvalue()
    assert "Traceback" not in env.stderr.getvalue()
    return took


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """One small ingest first, so that compiling the date grammar is not timed."""
    path = tmp_path_factory.mktemp("warm")
    _ingest_seconds(path, "words", 200)


@pytest.mark.parametrize("kind", KINDS)
def test_ingest_takes_linear_time_on_hostile_lines(kind, tmp_path, warm):
    small = _ingest_seconds(tmp_path, kind, SMALL)
    large = _ingest_seconds(tmp_path, kind, LARGE)
    # four times the text: about four times the time (quadratic work would be sixteen)
    assert large < 7 * small + 0.4, (kind, small, large)
    assert large < 4.0, (kind, large)


def test_tag_list_is_the_pattern_it_replaces():
    from kb.ingest.segment import tag_list

    pattern = re.compile(r"(?:[^,\s][^,]*,(?=\S)){3}")
    rnd = random.Random(1)
    alphabet = ["a", "b", " ", ",", ",", "\n", "\u00a0", "\u2003", "\t"]
    for _ in range(20_000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        a, b = sorted((rnd.randint(0, len(s)), rnd.randint(0, len(s))))
        assert tag_list(s, a, b) == bool(pattern.search(s, a, b)), (s, a, b)


def test_acronym_pattern_finds_what_the_plain_one_found():
    from kb.ingest.entities import _ACRONYM

    plain = re.compile(r"((?:[A-Z][\w’'\-]*\s+(?:(?:of|the|for|and|de|in|on|e)\s+)*){1,9})\(\s*([A-Z][A-Z0-9&]{1,9})"
                       r"(?:\s*/\s*[A-Z][\w &]{0,15})?\s*\)")
    rnd = random.Random(2)
    pieces = ["A", "B", "Ab", "aB", "x", "of", "the", "e", " ", " ", "(", ")", "AB", "/", "’", "-", "é", "É",
              "_", "1", "&", "\n", "al-", "Mc"]
    for _ in range(20_000):
        s = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25)))
        assert [m.groups() + (m.span(1),) for m in _ACRONYM.finditer(s)] == \
            [m.groups() + (m.span(1),) for m in plain.finditer(s)], s


def test_markdown_heading_is_the_pattern_it_replaces():
    from kb.ingest.reader import _markdown_heading

    pattern = re.compile(r"^#{1,2}\s+(.+?)\s*#*\s*$", re.MULTILINE)
    rnd = random.Random(3)
    alphabet = ["#", "#", " ", "\n", "a", "\t", "b", "\u00a0", "-"]
    for _ in range(20_000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        m = pattern.search(s)
        assert _markdown_heading(s, 0) == (m.group(1) if m else ""), s


def test_name_keys_of_a_phrase_are_those_of_the_phrase_itself():
    from kb import names
    from kb.ingest.entities import _WORD, PhraseKeys, skeleton_of_fold

    rnd = random.Random(4)
    pieces = ["Massoud", "rajavi", "MEK’s", "U.S.", " ", "  ", "-", "’", "Pérez", "e\u0301", "Σ", "İran", ", ",
              "al-Maliki", "x", "’’", "1988", "_", "ﬁ"]
    for _ in range(3_000):
        seg = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        toks = [(m.start(), m.end()) for m in _WORD.finditer(seg)]
        if not toks:
            continue
        i = rnd.randrange(len(toks))
        ends = sorted(rnd.randint(toks[i][0] + 1, toks[-1][1]) for _ in range(3))
        for end, (f, cap) in zip(ends, PhraseKeys(seg, toks).folds(i, ends)):
            phrase = seg[toks[i][0]:end]
            assert f == names.fold(phrase) and cap == any(c.isupper() for c in phrase), (seg, phrase)
            assert skeleton_of_fold(f) == names.skeleton(phrase)


def test_a_skeleton_keeps_what_it_began_with_as_letters_are_added():
    """The property that lets alias lookups stop early (kb.ingest.entities.longest_alias)."""
    from kb.names import skeleton

    rnd = random.Random(5)
    letters = "aeiouyghkpwtqsf1"
    for _ in range(5_000):
        x = "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 10)))
        y = "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 6)))
        assert skeleton(x + y).startswith(skeleton(x)[:-1]), (x, y)


def test_the_date_prefilter_never_skips_a_date():
    from kb.dates.grammar import _scanner, scan_dates
    from kb.dates.prefilter import scan, starts

    assert starts(_scanner()) is not None       # the grammar's syntax was read
    text = " ".join(_hostile(k, 3_000)[1] for k in ("clauses", "relative", "headings", "words"))
    text += " between 1979 and 1981, c. 1975, the 1970s, 6.9.1965, last November, 2019-07, 3 days later"
    assert [(m.span(), m.lastgroup) for m in scan_dates(text)] == \
        [(m.span(), m.lastgroup) for m in _scanner().finditer(text)]
    rnd = random.Random(6)
    atoms = ["a", "b", "A", "[ab]", "[^a]", r"\d", r"\s", r"\w", ".", "(?i:a)", "(?-i:B)", "x?", "(?:ab|c)",
             "a*", "b+", r"\b", "(?=a)", "(?<!b)", "(?:a|)", "[0-3]?", "(?:ab){2,3}", "(?:a?){0,5}", "(?>ab)",
             "a*+", "(?:c|d)*?"]
    for _ in range(1_500):
        src = "".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 5)))
        pattern = re.compile(src, rnd.choice([0, re.IGNORECASE]))
        pre = starts(pattern, rnd.choice([1, 2, 3]))
        for _ in range(4):
            s = "".join(rnd.choice("aAbBcd0 1xİı") for _ in range(rnd.randint(0, 12)))
            found = list(pattern.finditer(s))
            if any(m.end() == m.start() for m in found):
                where = {m.start() for m in pre.finditer(s)} if pre else set(range(len(s) + 1))
                assert all(m.start() in where for m in found if m.end() > m.start()), (src, s)
            else:
                assert [m.span() for m in scan(pattern, pre, s)] == [m.span() for m in found], (src, s)
