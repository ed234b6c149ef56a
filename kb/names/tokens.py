"""Segmentation for the name finder: words with offsets, lines by kind, sentence starts.

:func:`tokenize` cuts a text into :class:`Tokens` (parallel lists, for speed:
a word's ``[start, end)``, its text, its line) and marks, for every word,
whether it *opens a sentence*, where a capital says nothing about a name:

* the first word of the text, of a paragraph, of a heading or list item, and
  of a line after a line that ends a sentence or is short (a byline, a
  dateline, a table row);
* a word after ``.``, ``!``, ``?`` or ``:`` (a dot that is part of a word,
  "U.S." or "Corp.", ends nothing), after a dash or ``_`` that closes a
  dateline ("ROME (Reuters) - Japan ..."), or after an opening quotation mark
  (one with a word right after it; in tokenized text, where every quotation
  mark stands between spaces, the first, third... of a line).

Hard-wrapped lines are joined before sentences are cut: a line that follows a
line of 40 or more characters not ending a sentence continues that sentence,
so "Field" at the start of the second line of "the survey team went into the
| Field ..." is not read as a sentence's first word.

Every line gets a *kind* (:data:`PROSE`, :data:`CAPS`, :data:`TITLE`,
:data:`TABLE`): in an all-capital line (a headline, "JAPAN GET LUCKY WIN") and
a title-case heading ("Notes On The Paris Trip") capitals say nothing, so only
names attested elsewhere are taken there (:mod:`kb.names.candidates`); in a
table row ("Japan 2 Syria 1") every capitalised word is a cell, not the start
of a sentence.

Words: letters and digits with inner ``' ’ & .`` and hyphens, combining marks and
zero-width joiners (:mod:`kb.names.marks`); a dotted acronym
("U.S.", "U.N.") with its last dot; an abbreviation in kb's lists ("Corp.",
"Calif.", "Mr.") or an initial ("C.") with its dot; a possessive ``'s`` is a
word of its own.  A hyphenated word is kept whole when every part is
capitalised ("Hewlett-Packard") or it opens with a particle ("al-Maliki"),
and otherwise cut after its capitalised parts ("Miami" of "Miami-based"); two
known names joined by a hyphen ("American-Hungarian") are two words.
Punctuation marks are words of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon
from .marks import INNER_JOINER, MARKS, compiled, has_inner

PROSE, CAPS, TITLE, TABLE = "prose", "caps", "title", "table"

_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_](?:[\w&]|[’'\-.](?=[^\W_]))*|\S")
# the same where a combining mark after a word character, and a zero-width joiner inside a
# word, belong to the word ("Masso\u0300ud" is one word, :mod:`kb.names.marks`): for a line
# that has one, compiled then
_TOKEN_MARKED = rf"(?:[A-Za-z]\.){{2,}}|[^\W_](?:[\w&{MARKS}]|{INNER_JOINER}|[’'\-.](?=[^\W_]))*|\S"
_POSS = re.compile(r"[’']s$|(?<=s)[’']$")
_ABBREV = frozenset(
    "mr mrs ms dr st jr sr inc co corp ltd cos bros gen col lt sgt capt sen rep gov prof rev mt ft "
    "adm maj cmdr gov no vs ave blvd messrs".split())
_PARTICLE = frozenset("al el ad ar as ash at az an bin ibn abu bint ben de da di du van von la le".split())
_ENDS = frozenset(".!?:")
_OPENERS = frozenset("\"“‘`'«")
_MARKS = frozenset(("#", "*", "•", ">", "-", "–"))       # what opens a heading or a list item
_DASHES = frozenset(("-", "–", "—", "_", "--"))
_BULLET = re.compile(r"[ \t]*(?:[#>*•·▪–-]+|\d{1,2}[.)])[ \t]")
_LINE_END = re.compile(r"[.!?:;\"”’)]\s*$")


@dataclass
class Tokens:
    text: str
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    line: list[int] = field(default_factory=list)        # index into kinds
    opens: list[bool] = field(default_factory=list)      # opens a sentence
    kinds: list[str] = field(default_factory=list)       # kind of each line
    line_first: list[int] = field(default_factory=list)  # first token of each line

    def gap(self, k: int) -> str:
        """The text between token ``k - 1`` and token ``k``."""
        return self.text[self.ends[k - 1]:self.starts[k]] if k > 0 else ""


def _split_word(word: str, a: int, out: list) -> None:
    """Append the word (or its parts) as ``(start, end, text)``; see the module docstring."""
    if "-" in word and not word.startswith("-"):
        parts = word.split("-")
        caps = [p[:1].isupper() for p in parts]
        if caps[0] and caps[-1] and len(parts) > 2:
            caps = [True] * len(parts)           # "Dar-es-Salaam": one name
        if all(caps):
            dem = lexicon.demonyms()
            if len(parts) == 2 and all(p.lower() in dem for p in parts) and not parts[1].endswith("s"):
                # "American-Hungarian" (two adjectives): two names; "Cuban-Americans": one
                out.append((a, a + len(parts[0]), parts[0]))
                out.append((a + len(parts[0]), a + len(parts[0]) + 1, "-"))
                b = a + len(parts[0]) + 1
                out.append((b, a + len(word), parts[1]))
                return
        elif caps[0] and not all(caps):
            n = 0
            while n < len(parts) and caps[n]:
                n += 1
            head = "-".join(parts[:n])          # "Miami" of "Miami-based"
            out.append((a, a + len(head), head))
            out.append((a + len(head), a + len(word), word[len(head):]))
            return
    poss = _POSS.search(word)
    if poss and len(word) > 2:
        out.append((a, a + poss.start(), word[:poss.start()]))
        out.append((a + poss.start(), a + len(word), word[poss.start():]))
        return
    out.append((a, a + len(word), word))


def _kind(words: list[str], line: str) -> str:
    alpha = [w for w in words if len(w) > 1 and w[0].isalpha()]
    if len(alpha) >= 2:
        upper = sum(w.isupper() for w in alpha)
        if upper >= 0.8 * len(alpha) and upper >= 2:
            return CAPS
    digits = sum(w[0].isdigit() for w in words)
    lower = sum(w[0].islower() for w in alpha)
    if digits >= 2 and digits * 4 >= len(words) and lower <= 1:
        return TABLE
    if len(alpha) >= 3 and not _LINE_END.search(line):
        long_ = [w for w in alpha if len(w) > 3]
        if len(long_) >= 3 and sum(w[0].isupper() for w in long_) >= 0.75 * len(long_) and \
                sum(w[0].isupper() for w in alpha) >= 3 and len(words) <= 14:
            return TITLE
    return PROSE


def _opening(line: str, i: int) -> bool:
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    return (before.isspace() or before in _OPENERS or before in "([") and not after.isspace()


def _spaced(line: str, i: int) -> bool:
    """A quotation mark standing alone between spaces (or a line's ends), as tokenized text
    writes every one: ``" We did n't bat well , " Taylor said``."""
    return (i == 0 or line[i - 1].isspace()) and (i + 1 >= len(line) or line[i + 1].isspace())


def tokenize(text: str) -> Tokens:
    t = Tokens(text)
    starts, ends, words, line_of, opens = t.starts, t.ends, t.words, t.line, t.opens
    pos = 0
    prev_line = ""          # the last non-blank line
    prev_blank = True
    prev_kind = PROSE
    n_lines = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        base = pos
        pos += len(raw)
        if not line.strip():
            prev_blank = True
            continue
        pieces: list = []
        for m in (compiled(_TOKEN_MARKED) if has_inner(line) else _TOKEN).finditer(line):
            w = m.group()
            a = base + m.start()
            if w[0].isalpha() and m.end() < len(line) and line[m.end()] == "." and \
                    (w.lower() in _ABBREV or (len(w) == 1 and w.isupper()) or w + "." in lexicon.place_abbrevs()):
                pieces.append((a, a + len(w) + 1, w + "."))
                continue
            if "-" in w or "'" in w or "’" in w:
                _split_word(w, a, pieces)
            else:
                pieces.append((a, a + len(w), w))
        # a dot swallowed above belongs to the word; skip the "." token that follows it
        cleaned = []
        for p in pieces:
            if p[2] == "." and cleaned and cleaned[-1][1] > p[0]:
                continue
            cleaned.append(p)
        pieces = cleaned
        if not pieces:
            continue
        # a quotation mark opens only where a word follows it and none comes right before
        # ("``Being" opens; "early,''" closes)
        spaced = 0          # quotation marks with a space on each side ("tokenized" text): by turns
        marked = []
        for a, b, w in pieces:
            if w in _OPENERS:
                if _spaced(line, a - base):
                    spaced += 1
                    opening = spaced % 2 == 1
                else:
                    opening = _opening(line, a - base)
                if not opening:
                    w = "\x00" + w
            marked.append((a, b, w))
        pieces = marked
        kind = _kind([p[2] for p in pieces], line)
        li = n_lines
        n_lines += 1
        t.kinds.append(kind)
        t.line_first.append(len(words))
        continues = (not prev_blank and prev_kind == PROSE and len(prev_line.strip()) >= 40
                     and not _LINE_END.search(prev_line) and kind == PROSE and not _BULLET.match(line))
        first = True
        after_open = False      # the last word was an opening quotation mark
        for a, b, w in pieces:
            opener = w in _OPENERS
            if w[0] == "\x00":
                w = w[1:]
            if first:
                op = not continues or opener or w in _MARKS
            else:
                p = words[-1]
                op = p in _ENDS or after_open or (p in _DASHES and len(words) >= 2 and words[-2] in (")", "_"))
            starts.append(a)
            ends.append(b)
            words.append(w)
            line_of.append(li)
            opens.append(op)
            after_open = opener
            if not (opener or w in _MARKS):
                first = False
        prev_line = line
        prev_kind = kind
        prev_blank = False
    return t
