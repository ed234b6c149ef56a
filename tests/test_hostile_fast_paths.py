"""The fast paths of ingest on long hostile input find what the plain ones found (issue 16).

* Figures: where a figure may begin and where a cue word may be are found by one
  search of the text (not a step a word); the matches are those of trying every
  word and digit.  A number with no cue word, counted noun or cue phrase within
  its reach is passed over before its checks; one after a figure of its
  sentence still counts what that one counts, however far apart they are.
* Names: a word in lower case that begins no alias written in lower case is not
  looked up where no capital is within an alias's reach (no alias can match there).
* HTML: the text after a page's last ``>`` (140,000 unclosed tags) is handed to
  the parser's result as one piece of data; the text is what the parser makes
  of it with each ``<`` given as ``&lt;``.
* Both are linear: four times the input takes about four times the time.

Every input is generated here, at test time.
"""

from __future__ import annotations

import random
import re
import time

from kb.ingest import figures
from kb.ingest.figures import FIGURE, find_figures
from kb.ingest.reader import _HTMLText, html_to_text


def _plain_figures(text: str, start: int, end: int):
    """The matches of FIGURE tried at every word and digit (the plain form of figures._figures)."""
    at = start
    for t in re.finditer(r"[A-Za-z]+|\d", text[:end]):
        p = t.start()
        if p < start or p < at or not (t.group(0).isdigit() or t.group(0).lower() in figures._FIRST):
            continue
        m = FIGURE.match(text, p, end)
        if m is not None and m.end() > p:
            at = m.end()
            yield m


_PIECES = ["about", "About", "300", "1,500", "12", "people", "killed", "were", "arrested", "the", "-", "--", "'",
           "’", " ", " ", " ", "\n", ",", ";", ".", "five-people", "peoplex", "x1", "a", "an", "hour", "between",
           "and", "4,000", "to", "%", "percent", "of", "31", "provinces", "death toll", "took part", "partook",
           "$5", "No. 7", "dozens", "tens of thousands", "ſome", "İ", "é", "2019", "more than", "half", "day"]


def _random_text(rnd: random.Random) -> str:
    return "".join(rnd.choice(_PIECES) + rnd.choice(" \n,'-") for _ in range(rnd.randint(1, 40)))


def test_figure_matches_are_those_of_trying_every_word():
    rnd = random.Random(16)
    for _ in range(700):
        text = _random_text(rnd)
        a, b = sorted((rnd.randint(0, len(text)), rnd.randint(0, len(text))))
        for start, end in ((0, len(text)), (a, b)):
            assert [m.span() for m in figures._figures(text, start, end)] == \
                   [m.span() for m in _plain_figures(text, start, end)], (text, start, end)


def test_cue_words_are_those_of_every_word():
    rnd = random.Random(17)
    nouns, verbs, _p, _c = figures._vocabulary()
    for _ in range(600):
        text = _random_text(rnd)
        a, b = sorted((rnd.randint(0, len(text)), rnd.randint(0, len(text))))
        for start, end in ((0, len(text)), (a, b)):
            cues = figures._Cues(text, start, end)
            plain = [(m.start(), m.group(0).lower()) for m in figures._WORDRE.finditer(text, start, end)
                     if m.group(0).lower() in verbs or m.group(0).lower() in nouns]
            assert list(zip(cues.pos, cues.words)) == plain, (text, start, end)
            assert all(cues.may_count(p, p + 1) for p, _w in plain)


def test_a_number_far_from_any_cue_is_no_figure_but_one_after_a_figure_of_its_sentence_counts():
    filler = " ".join(["x=1"] * 400)       # 1,600 characters of numbers and no word that counts
    text = f"About 300 people were killed; officials said 12 {filler} and later 15. Then 7 {filler}."
    found = find_figures(text)
    assert [(f.value, f.measure) for f in found][:2] == [("About 300", "deaths"), ("12", "deaths")]
    # every number of the first sentence counts deaths (what the figure before it counts) ...
    assert found[-1].value == "15" and all(f.measure == "deaths" for f in found)
    # ... and none after its end: no cue word is near them
    assert all(f.start < text.index("Then") for f in found)


def _parsed(html: str) -> tuple[str, str, list[str]]:
    """What html_to_text gives when the text after the last '>' goes through the parser
    (rule unclosed-comment: a comment begun there, or one the parser holds open at the
    end, is no text)."""
    last = html.rfind(">")
    tail = html[last + 1:]
    tail = tail[:tail.find("<!--")] if "<!--" in tail else tail
    p = _HTMLText()
    p.feed(html[:last + 1] + tail.replace("<", "&lt;"))
    if p.cdata_elem is None and p.rawdata.startswith("<!--"):
        p.rawdata = ""
    p.close()
    lines = [" ".join(line.split()) for line in "".join(p.parts).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    return text, " ".join("".join(p.title_parts).split()) or p.og_title or p.h1, p.dates


def test_text_after_the_last_tag_is_what_the_parser_makes_of_it():
    rnd = random.Random(18)
    bits = ["<p>", "</p>", "<h1>", "</h1>", "<title>", "</title>", "<script>", "</script>", "<style>", "<b x=1 ",
            "<", ">", "&amp;", "&lt", "&", "a > b", "Words here. ", "<!-- c", "-->", "<!DOCTYPE html>", "\n",
            "&#39;", "<br/>", '<meta name="date" content="2020-01-02">', "é", "&foo", ";"]
    for _ in range(1_200):
        html = "".join(rnd.choice(bits) for _ in range(rnd.randint(1, 25)))
        assert html_to_text(html) == _parsed(html), html


def _seconds(fn, arg) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - start)
    return best


def test_figures_and_html_take_linear_time_on_unclosed_tags_with_numbers():
    small = "<html><body>" + "<b x=1 " * 4_000
    large = "<html><body>" + "<b x=1 " * 16_000
    for fn in (find_figures, html_to_text):
        fn(small)                                   # warm (patterns compiled)
        a, b = _seconds(fn, small), _seconds(fn, large)
        # four times the text: about four times the time (quadratic work would be sixteen)
        assert b < 7 * a + 0.05, (fn.__name__, a, b)


def test_words_in_lower_case_are_passed_over_only_where_no_alias_can_match():
    """The name finder skips a word in lower case that begins no alias written in lower
    case when no capital is within an alias's reach: the names found are the same."""
    from kb.ingest.entities import AliasTable
    from kb.ingest.extract import Extraction
    from kb.ingest.mentions import NameFinder

    entities = [{"id": "guardian", "name": "The Guardian", "aliases": ["the guardian newspaper"]},
                {"id": "regime", "name": "the regime", "aliases": []},
                {"id": "said-org", "name": "Said Group", "aliases": ["SAID"]}]
    words = ["the", "The", "guardian", "Guardian", "regime", "said", "Said", "group", "newspaper", "x", "1988",
             "of", "the’s", "Régime"]
    rnd = random.Random(19)
    for _ in range(120):
        seg = " ".join(rnd.choice(words) for _ in range(rnd.randint(1, 30)))
        found = []
        for skip in (True, False):
            finder = NameFinder(AliasTable(entities))
            if not skip:
                finder._lower_first = lambda: None
            out = Extraction()
            found.append((finder.mentions(seg, 0, len(seg), False, True, set(), out, set()),
                          sorted(out.new_entities), {k: sorted(v) for k, v in out.new_aliases.items()}))
        assert found[0] == found[1], seg


def test_a_number_opening_its_sentence_far_from_the_cue_before_still_counts():
    """Rule elliptical count reaches back over the whole sentence before: the skip of
    numbers with no cue near leaves such a number to it."""
    text = "Two guards were shot " + "qq " * 150 + "zz. And so 45."
    assert [(f.value, f.measure) for f in find_figures(text)] == [("Two", "deaths"), ("45", "deaths")]
    # more than three words after the sentence end: no elliptical count, and no cue near
    assert [f.value for f in find_figures(text.replace("And so 45", "And so it was 45"))] == ["Two"]
