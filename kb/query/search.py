"""Search queries: what users type, turned into a safe SQLite FTS5 expression.

Users type ``Hanif-nejad``, ``PMOI/MEK``, ``Eje'i``, ``"death commissions``
and ``1988 AND massacre NOT Iraq``.  FTS5 has a syntax of its own in which
most punctuation is an error, so no user text ever reaches ``MATCH`` as it
is.  :func:`parse` reads the query with this grammar::

    query   := or_expr
    or_expr := and_expr ("OR" and_expr)*
    and_expr:= not_expr (["AND"] not_expr)*       # juxtaposition means AND
    not_expr:= primary ("NOT" primary)*
    primary := "(" or_expr ")" | '"' phrase '"' | word ["*"]

Operators count only in capitals, as in FTS5.  Anything else is a word: it
is split where the FTS5 tokenizer splits text (every character that is not a
letter or a digit), and quoted, so ``PMOI/MEK`` is the phrase "PMOI MEK".  A
word joined by a hyphen or apostrophe also matches its closed-up spelling
(``Hanif-nejad`` finds ``Hanifnejad``).  Unbalanced quotes and parentheses
are closed at the end of the query; an operator with nothing on one side is
dropped with a note.

Names are widened: a run of words that names exactly one entity (any of its
aliases, compared by :func:`kb.names.resolve.exact`)
becomes an OR of all that entity's aliases, so ``PMOI`` also finds text that
says ``Mujahedin-e Khalq``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..errors import KbError

_TOKEN = re.compile(r'\s*(?:(?P<quote>")|(?P<lp>\()|(?P<rp>\))|(?P<word>[^\s"()]+))')
_SPLIT = re.compile(r"[^\w]+|_+")
_JOINED = re.compile(r"\w[-'\u2019\u2010\u2011]\w")
OPERATORS = ("AND", "OR", "NOT")


@dataclass
class Term:
    """One phrase (a list of tokens); ``prefix`` makes its last token a prefix."""

    tokens: list[str]
    prefix: bool = False
    alternatives: list[list[str]] = field(default_factory=list)

    def fts(self) -> str:
        first = _phrase(self.tokens) + ("*" if self.prefix else "")
        if not self.alternatives:
            return first
        alts = dict.fromkeys([first] + [_phrase(a) for a in self.alternatives])
        return "(" + " OR ".join(alts) + ")"


@dataclass
class Op:
    op: str
    parts: list

    def fts(self) -> str:
        return "(" + f" {self.op} ".join(p.fts() for p in self.parts) + ")"


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def tokens_of(text: str) -> list[str]:
    """Split text where FTS5's unicode61 tokenizer splits it."""
    return [t for t in _SPLIT.split(text) if t]


@dataclass
class Parsed:
    """A parsed query: its FTS5 expression and any notes for the user."""

    expression: str
    notes: list[str]


def _lex(query: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    pos = 0
    while pos < len(query):
        m = _TOKEN.match(query, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
        if m.group("quote"):
            close = query.find('"', pos)
            end = len(query) if close < 0 else close
            out.append(("phrase", query[pos:end]))
            pos = end + 1
        elif m.group("lp"):
            out.append(("(", "("))
        elif m.group("rp"):
            out.append((")", ")"))
        else:
            w = m.group("word")
            out.append(("op", w) if w in OPERATORS else ("word", w))
    return out


class _Parser:
    def __init__(self, toks, expand):
        self.toks, self.i, self.notes, self.expand = toks, 0, [], expand

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def parse(self):
        node = self.or_expr()
        while self.i < len(self.toks):  # a stray ")" or operator: skip it and go on
            kind, val = self.toks[self.i]
            self.i += 1
            if kind == "op":
                self.notes.append(f"ignored {val} with nothing before it")
            rest = self.or_expr()
            node = _join("AND", node, rest)
        return node

    def or_expr(self):
        node = self.and_expr()
        while self.peek() == ("op", "OR"):
            self.i += 1
            right = self.and_expr()
            if right is None or node is None:
                self.notes.append("ignored OR with nothing on one side")
            node = _join("OR", node, right)
        return node

    def and_expr(self):
        node = self.not_expr()
        while True:
            kind, val = self.peek()
            if kind == "op" and val == "AND":
                self.i += 1
                right = self.not_expr()
                if right is None or node is None:
                    self.notes.append("ignored AND with nothing on one side")
                node = _join("AND", node, right)
            elif kind in ("word", "phrase", "("):
                node = _join("AND", node, self.not_expr())
            else:
                return node

    def not_expr(self):
        node = self.primary()
        while self.peek() == ("op", "NOT"):
            self.i += 1
            right = self.primary()
            if node is None:
                raise KbError("search: NOT needs a term before it, as in 'massacre NOT Iraq'")
            if right is None:
                self.notes.append("ignored NOT with nothing after it")
                continue
            node = Op("NOT", [node, right])
        return node

    def primary(self):
        kind, val = self.peek()
        if kind == "(":
            self.i += 1
            node = self.or_expr()
            if self.peek()[0] == ")":
                self.i += 1
            return node
        if kind == "phrase":
            self.i += 1
            toks = tokens_of(val)
            if not toks:
                return None
            return self.expand(val, Term(toks))
        if kind == "word":
            return self.words()
        return None

    def words(self):
        """A run of plain words; the longest sub-runs naming one entity are widened."""
        run = []
        while self.peek()[0] == "word":
            run.append(self.toks[self.i][1])
            self.i += 1
        nodes, j = [], 0
        while j < len(run):
            for k in range(min(len(run), j + 6), j, -1):
                chunk = run[j:k]
                if chunk[-1].endswith("*"):
                    continue
                widened = self.expand(" ".join(chunk), None) if k - j > 1 else None
                if widened is not None:
                    nodes.append(widened)
                    j = k
                    break
            else:
                node = self.word(run[j])
                if node is not None:
                    nodes.append(node)
                j += 1
        node = None
        for n in nodes:
            node = _join("AND", node, n)
        return node

    def word(self, w: str):
        prefix = w.endswith("*")
        core = w.rstrip("*")
        toks = tokens_of(core)
        if not toks:
            return None
        term = Term(toks, prefix=prefix)
        if _JOINED.search(core) and len(toks) > 1:
            term.alternatives.append(["".join(toks)])
        return term if prefix else self.expand(core, term)


def _join(op, left, right):
    if left is None:
        return right
    if right is None:
        return left
    if isinstance(left, Op) and left.op == op and op != "NOT":
        left.parts.append(right)
        return left
    return Op(op, [left, right])


def parse(query: str, aliases_for: Callable[[str], list[str] | None] = lambda s: None) -> Parsed:
    """Parse a user query; ``aliases_for(text)`` returns the aliases of the one
    entity ``text`` names, or None."""

    def expand(text: str, term: Term | None):
        aliases = aliases_for(text)
        if not aliases:
            return term
        base = term or Term(tokens_of(text))
        for a in aliases:
            toks = tokens_of(a)
            if toks and toks != base.tokens and toks not in base.alternatives:
                base.alternatives.append(toks)
        return base

    p = _Parser(_lex(query), expand)
    node = p.parse()
    if node is None:
        raise KbError(f"search: the query {query!r} has no words to search for")
    return Parsed(node.fts(), p.notes)
