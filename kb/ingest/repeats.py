"""The name finder's answers for the sentences a document repeats, kept for the document.

A dense text says the same sentence again and again with other numbers in it ("On June
1, 1970 the council met in Tehran.", "On June 2, 1971 the council met in Tehran."...),
and a page copied into a file twice says all of its sentences again.
:class:`RepeatedMentions` asks the name finder (:meth:`kb.ingest.mentions.NameFinder.mentions`)
once and gives its answer again for such a sentence, when nothing the finder reads has
changed since:

* **Its words.**  The answer is kept under the sentence's text with each digit 0-9 made
  a 0 (and whether it is a heading, and whether its first word may be a name).  The
  same text again is the same question.  A text that differs only in its digits is the
  same question when the finder reads no digit's value in it: the table holds no alias
  with a digit (:meth:`kb.ingest.aliases.AliasTable.digit_free`: then no word with a
  digit begins an alias, and no alias walks over one), no run of capitalised words held a
  digit (``NameFinder.digit_run``), and the sentence has none of what the other rules
  read digits in: a parenthesis (acronyms), a quotation mark (titles), a four-digit number
  before a capitalised word ("the 1906 Earthquake") or glued to one by a dash ("2016-Lyon",
  a caption's year split from the name; "1516-Lyon" is not).  Every other test of the finder
  reads a digit as a digit, whichever it is.
* **What the finder has learnt.**  The alias table (its ``version``: every
  :meth:`~kb.ingest.aliases.AliasTable.add` counts) and the set of entities the document
  has named (which settles an ambiguous alias and a lone surname; it only grows, so its
  size tells) are as they were.  An answer is kept only from a call that changed
  neither: the finder's other writes (a new spelling of a known entity, the document's
  named set) are then ones a repeat would make again, to the same effect.

So a repeat gives the ids the finder would give, in the same order, and leaves the
document's result as the finder would (``tests/test_batch_mentions.py``).
"""

from __future__ import annotations

import re

#: each digit 0-9 made a 0: the key of a sentence that differs from another only in its digits
_ZEROS = str.maketrans("123456789", "000000000")
#: the same for an ASCII text, as bytes: one C loop over a table of 256, where :meth:`str.translate`
#: with a table of nine raises and catches a KeyError for every character that is no digit
_ZEROS_B = bytes(range(256)).translate(bytes.maketrans(b"123456789", b"000000000"))
#: what makes the finder read a digit's value (the module docstring): "(", a quotation mark, a year before a capital,
#: a year glued to a name by a dash ("2016-Lyon": kb.ingest.entities._DIGIT_GLUED splits it, "1516-Lyon" not)
_READS_DIGITS = re.compile(r"[(“\"‘]|\d{4}\s+[A-Z]|\d{4}[-–][A-Z]")


class RepeatedMentions:
    """:meth:`mentions` as :meth:`kb.ingest.mentions.NameFinder.mentions`, for one document
    (``lower_vocab`` is the document's), the answer for a repeated sentence kept."""

    __slots__ = ("names", "table", "_kept")

    def __init__(self, names):
        self.names = names
        self.table = names.table
        self._kept: dict = {}

    def mentions(self, text: str, s: int, e: int, heading: bool, first_word_ok: bool,
                 lower_vocab: set[str], out, doc_named: set[str]) -> list[str]:
        seg = text[s:e]
        zeros = seg.encode("ascii").translate(_ZEROS_B).decode("ascii") if seg.isascii() else seg.translate(_ZEROS)
        key = (zeros, heading, first_word_ok)
        table = self.table
        state = (table.version, len(doc_named))
        got = self._kept.get(key)
        if got is not None and got[1] == state and (
                got[0] == seg or not got[3] and _READS_DIGITS.search(seg) is None and table.digit_free()):
            return list(got[2])
        found = self.names.mentions(text, s, e, heading, first_word_ok, lower_vocab, out, doc_named)
        if (table.version, len(doc_named)) == state:
            self._kept[key] = (seg, state, tuple(found), self.names.digit_run)
        return found
