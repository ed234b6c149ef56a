"""Segmentation: a text cut into headings and sentences, with offsets.

The text is cut into lines; a *heading* is a short line (at most 12 words, no
closing ``.``/``?``/``!``, not a bullet item) and names the section of what
follows it.  Other lines are cut into sentences after ``.``, ``?`` or ``!``
followed by space and a capital, digit or quote, except after abbreviations
(``Dr.``, ``U.S.``, ``Sept.``, single initials...).  Hard-wrapped lines are
joined first: a line that starts with a lower-case letter continues the line
before it when that one ends no sentence (:func:`_continues`), so a wrapped
paragraph is cut into its sentences, not its lines.  Every segment keeps its
``[start, end)`` character offsets into the document text.  Bylines,
"Published On:" lines and copyright notices are not segments.  Also here: what
marks a bullet item (``_BULLET``) and a line of tags (:func:`tag_list`), page
furniture that is no prose.  Every rule here takes time linear in the length
of a line, however long and whatever its punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ABBREV = frozenset(
    "dr mr mrs ms st jr sr prof gen col lt sgt capt sen rep gov no vs etc e.g i.e al inc co corp "
    "ltd dept univ approx fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev hon".split())
_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
# Page furniture, not sentences: a publication label ("Published on June 5, 2020",
# "Posted: ...", "Updated on ...", and the same after an empty byline "By Published On ..."),
# a copyright line ("Copyright © 2020", "All rights reserved") or a list of categories.
_SKIP_LINE = re.compile(r"^\s*(?:(?:by\s+)?(?:published|posted|updated|last\s+updated)(?:\s+on\b|\s*:)|"
                        r"copyright\b|©|all rights reserved\b|categories\s*:)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")
# a bullet item ("- ...", "1. ...") is never a heading; one with no date of its own inherits the
# date of the sentence that introduces its list (a sentence ending in ":"), or of the one before
_BULLET = re.compile(r"[ \t]*(?:[-*•·▪–]|\d{1,2}[.)])\s+")


_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")     # "u.s": initials, not a sentence's end


@dataclass
class Segment:
    start: int
    end: int
    heading: bool
    section: str
    section_id: int = 0


def tag_list(text: str, start: int = 0, end: int | None = None) -> bool:
    r"""Is ``text[start:end]`` a line of tags or keywords ("Elections,Iran Protests,Human
    Rights")?  Three commas in a row with no space after them, each closing a field
    that does not start with a space (the first only needs some non-space): page
    furniture, not prose.  The same test as the pattern
    ``(?:[^,\s][^,]*,(?=\S)){3}``, in time linear in the length of the line, where a
    search with that pattern is quadratic on a long line with few commas."""
    s = text[start:end]
    if s.count(",") < 3:
        return False
    fields = s.split(",")
    last = len(fields) - 1
    # a field "leads" when it is not empty and does not start with a space
    lead = [bool(f) and not f[0].isspace() for f in fields]
    for i in range(last - 2):
        if lead[i + 1] and lead[i + 2] and (lead[i + 3] or (i + 3 < last and not fields[i + 3])) \
                and fields[i] and not fields[i].isspace():
            return True
    return False


def _last_word(line: str, lo: int, at: int) -> str:
    """The run of non-space characters that ends at ``line[at]``, not reaching before
    ``lo``.  Scanned backwards: the runs of successive boundaries do not overlap, so
    cutting a line costs time linear in its length, however long it is."""
    j = at
    while j > lo and not line[j - 1].isspace():
        j -= 1
    return line[j:at + 1]


def _split_line(line: str, base: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _BOUNDARY.finditer(line):
        word = _last_word(line, pos, m.start()).rstrip(".").lower()
        if word in _ABBREV or (len(word) == 1 and word.isalpha()) or _DOTTED.fullmatch(word):
            continue
        out.append((base + pos, base + m.start() + 1))
        pos = m.end()
    if line[pos:].strip():
        out.append((base + pos, base + len(line.rstrip())))
    return out


def _continues(line: str, nxt: str) -> bool:
    """Does ``nxt`` continue the sentence ``line`` leaves open (a hard-wrapped line)?  So
    it does when ``line`` is prose that ends no sentence (no ``.``/``?``/``!``, nor the
    ``:`` that opens a list) and ``nxt`` starts with a lower-case letter: "... where the
    regional" / "council had met".  A heading is followed by a capital, so it stays one."""
    s, n = line.strip(), nxt.strip()
    return bool(s) and n[:1].islower() and not _SENTENCE_END.search(s) and not s.endswith(":") \
        and not s.startswith("#") and not _BULLET.match(n) and not _SKIP_LINE.match(n)


def segments(text: str) -> list[Segment]:
    """Headings and sentences of a text, with offsets (see the module docstring)."""
    out: list[Segment] = []
    section = ""
    sid = 0
    pos = 0
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        base, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped or _SKIP_LINE.match(stripped):
            continue
        # a hard-wrapped paragraph: the lines that continue this one join it
        last, joined = line, False
        while i < len(lines) and _continues(last, lines[i]):
            last, joined = lines[i], True
            pos += len(last) + 1
            i += 1
        if joined:
            line = text[base:pos - 1]
        lead = len(line) - len(line.lstrip())
        if not joined and len(stripped.split()) <= 12 and not _SENTENCE_END.search(stripped) \
                and not _BULLET.match(stripped):
            clean = stripped.lstrip("#").strip()
            section = clean[:120]
            sid += 1
            out.append(Segment(base + lead, base + lead + len(stripped), True, section, sid))
            continue
        for s, e in _split_line(line, base):
            # trim leading space inside the sentence
            while s < e and text[s].isspace():
                s += 1
            out.append(Segment(s, e, False, section, sid))
    return out
