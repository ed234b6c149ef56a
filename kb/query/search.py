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
(``Hanif-nejad`` finds ``Hanifnejad``), and a number of four or more digits
its other spelling (``1500`` finds ``1,500`` and ``1,500`` finds ``1500``:
:func:`number_forms`).  Unbalanced quotes and parentheses
are closed at the end of the query; an operator with nothing on one side is
dropped with a note.

Names are widened: a run of words that names exactly one entity (any of its
aliases, compared by :func:`kb.names.resolve.exact`)
becomes an OR of all that entity's aliases, so ``PMOI`` also finds text that
says ``Mujahedin-e Khalq``.

No query is too deep or too long to answer with one line.  The parser runs
on an explicit stack (each rule is a generator that yields the rule it calls,
and :func:`_run` drives them), so parentheses nest as deep as memory allows.
The expression it builds is kept shallow: ``a AND (b AND c)`` is one AND of
three, ``a NOT b NOT c`` is ``a NOT (b OR c)``, and a term that repeats in an
AND or OR is written once.  What is still nested deeper than
:data:`MAX_DEPTH` (FTS5's parser overflows its stack a little beyond that)
and a query of more than :data:`MAX_TERMS` different words or phrases are refused
with a one-line :class:`~kb.errors.KbError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Generator

from ..errors import KbError

_TOKEN = re.compile(r'\s*(?:(?P<quote>")|(?P<lp>\()|(?P<rp>\))|(?P<word>[^\s"()]+))')
_SPLIT = re.compile(r"[^\w]+|_+")
_JOINED = re.compile(r"\w[-'\u2019\u2010\u2011]\w")
_SEARCHABLE = re.compile(r"[^\W_]")  # a character FTS5 keeps in a token
_GROUPED = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f]\d{3})+")  # 1,500 / 30.000: thousands grouped
_PLAIN_NUMBER = re.compile(r"\d{4,}")
OPERATORS = ("AND", "OR", "NOT")
MAX_DEPTH = 30  # nested groups in the FTS5 expression; FTS5's parser stack holds about 32
MAX_TERMS = 1000  # different words and phrases in one query; each is looked up as a name


@dataclass
class Term:
    """One phrase (a list of tokens); ``prefix`` makes its last token a prefix."""

    tokens: list[str]
    prefix: bool = False
    alternatives: list[list[str]] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return 1 if self.alternatives else 0

    def fts(self) -> str:
        first = _phrase(self.tokens) + ("*" if self.prefix else "")
        if not self.alternatives:
            return first
        alts = dict.fromkeys([first] + [_phrase(a) for a in self.alternatives])
        return "(" + " OR ".join(alts) + ")"


@dataclass
class Op:
    """``parts`` joined by ``op``; a NOT has two parts (what to keep, what to take away)."""

    op: str
    parts: list
    depth: int = 0  # set by _join and _subtract: 1 + the deepest part

    def fts(self) -> str:
        # A part that repeats in an AND or OR changes nothing: write it once.
        parts = list(dict.fromkeys(p.fts() for p in self.parts)) if self.op != "NOT" else \
            [p.fts() for p in self.parts]
        return parts[0] if len(parts) == 1 else "(" + f" {self.op} ".join(parts) + ")"


def _phrase(tokens: list[str]) -> str:
    return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'


def tokens_of(text: str) -> list[str]:
    """Split text where FTS5's unicode61 tokenizer splits it."""
    return [t for t in _SPLIT.split(text) if t]


def shown(query: str, width: int = 60) -> str:
    """The query as quoted in a message: cut short, so an error stays one short line."""
    return repr(query if len(query) <= width else query[:width] + "…")


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


Rule = Generator["Rule", object, object]  # a grammar rule: yields the rules it calls, returns a node


def _run(rule: Rule):
    """Drive a rule and the rules it calls on an explicit stack (no Python recursion).

    A rule ``yield``\\ s the rule it calls and is sent back that rule's result,
    so ``node = yield self.and_expr()`` reads as the call it stands for.
    """
    stack, value = [rule], None
    while stack:
        try:
            called = stack[-1].send(value)
        except StopIteration as done:
            stack.pop()
            value = done.value
        else:
            stack.append(called)
            value = None
    return value


class _Parser:
    def __init__(self, toks, expand):
        self.toks, self.i, self.notes, self.expand = toks, 0, [], expand

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def parse(self) -> Rule:
        node = yield self.or_expr()
        while self.i < len(self.toks):  # a stray ")" or operator: skip it and go on
            kind, val = self.toks[self.i]
            self.i += 1
            if kind == "op":
                self.notes.append(f"ignored {val} with nothing before it")
            rest = yield self.or_expr()
            node = _join("AND", node, rest)
        return node

    def or_expr(self) -> Rule:
        node = yield self.and_expr()
        while self.peek() == ("op", "OR"):
            self.i += 1
            right = yield self.and_expr()
            if right is None or node is None:
                self.notes.append("ignored OR with nothing on one side")
            node = _join("OR", node, right)
        return node

    def and_expr(self) -> Rule:
        node = yield self.not_expr()
        while True:
            kind, val = self.peek()
            if kind == "op" and val == "AND":
                self.i += 1
                right = yield self.not_expr()
                if right is None or node is None:
                    self.notes.append("ignored AND with nothing on one side")
                node = _join("AND", node, right)
            elif kind in ("word", "phrase", "("):
                node = _join("AND", node, (yield self.not_expr()))
            else:
                return node

    def not_expr(self) -> Rule:
        node = yield self.primary()
        taken = None  # a NOT b NOT c is a NOT (b OR c): one level, however many NOTs
        while self.peek() == ("op", "NOT"):
            self.i += 1
            right = yield self.primary()
            if node is None:
                raise KbError("search: NOT needs a term before it, as in 'massacre NOT Iraq'")
            if right is None:
                self.notes.append("ignored NOT with nothing after it")
                continue
            taken = _join("OR", taken, right)
        return node if taken is None else _subtract(node, taken)

    def primary(self) -> Rule:
        kind, val = self.peek()
        if kind == "(":
            self.i += 1
            node = yield self.or_expr()
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
        if not prefix and core[:1].isdigit():
            term.alternatives += [f for f in number_forms(core) if f != toks and f not in term.alternatives]
        return term if prefix else self.expand(core, term)


def number_forms(word: str) -> list[list[str]]:
    """The other spelling of a number of four or more digits, as tokens: ``1,500``
    (or ``1.500``, ``1 500``) -> ``["1500"]``; ``1500`` -> ``["1", "500"]``, the
    tokens ``1,500`` has in the text.  So both find the same records."""
    if _GROUPED.fullmatch(word):
        return [[re.sub(r"\D", "", word)]]
    if _PLAIN_NUMBER.fullmatch(word):
        head = len(word) % 3 or 3
        return [[word[:head]] + [word[i:i + 3] for i in range(head, len(word), 3)]]
    return []


def _join(op: str, left, right):
    """``left op right`` for AND and OR, which are associative: an Op already
    joined by ``op`` on either side takes the other in, so the tree stays flat."""
    if left is None:
        return right
    if right is None:
        return left
    if isinstance(left, Op) and left.op == op:
        left.parts.extend(right.parts if isinstance(right, Op) and right.op == op else [right])
        left.depth = max(left.depth, right.depth + (not (isinstance(right, Op) and right.op == op)))
        return left
    if isinstance(right, Op) and right.op == op:
        right.parts.insert(0, left)
        right.depth = max(right.depth, left.depth + 1)
        return right
    return Op(op, [left, right], 1 + max(left.depth, right.depth))


def _subtract(keep, taken) -> Op:
    return Op("NOT", [keep, taken], 1 + max(keep.depth, taken.depth))


def _counted(notes: list[str]) -> list[str]:
    """Each note once, with how many times it was made."""
    counts: dict[str, int] = {}
    for n in notes:
        counts[n] = counts.get(n, 0) + 1
    return [n if c == 1 else f"{n} ({c} times)" for n, c in counts.items()]


def parse(query: str, aliases_for: Callable[[str], list[str] | None] = lambda s: None) -> Parsed:
    """Parse a user query; ``aliases_for(text)`` returns the aliases of the one
    entity ``text`` names, or None."""
    looked_up: dict[str, list[str] | None] = {}

    def expand(text: str, term: Term | None):
        if text not in looked_up:
            looked_up[text] = aliases_for(text)
        aliases = looked_up[text]
        if not aliases:
            return term
        base = term or Term(tokens_of(text))
        for a in aliases:
            toks = tokens_of(a)
            if toks and toks != base.tokens and toks not in base.alternatives:
                base.alternatives.append(toks)
        return base

    toks = _lex(query)
    terms = len({val for kind, val in toks if kind in ("word", "phrase") and _SEARCHABLE.search(val)})
    if terms > MAX_TERMS:
        raise KbError(f"search: the query has {terms} different words and phrases; at most {MAX_TERMS}")
    p = _Parser(toks, expand)
    node = _run(p.parse())
    if node is None:
        raise KbError(f"search: the query {shown(query)} has no words to search for")
    if node.depth > MAX_DEPTH:
        raise KbError(f"search: query nested too deeply (limit {MAX_DEPTH})")
    return Parsed(node.fts(), _counted(p.notes))
