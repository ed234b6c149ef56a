"""Where a regular expression can start: a prefilter that makes long scans cheap.

The date scanner of :mod:`kb.dates.grammar` is one large alternation; trying
it at every position of a text costs microseconds a position, most of them
spent where no date can begin.  :func:`starts` reads a compiled pattern's own
syntax tree (``re._parser``) and derives the first few characters any match
can begin with, as a small pattern of its own; :func:`scan` runs the full
pattern only where that one matches.  The matches are those of
``pattern.finditer(text)``, in the same order: the prefilter is a necessary
condition, derived conservatively (a lookaround or an anchor is ignored, an
unknown construct stops the prefix there), so it never skips a position where
the pattern could match.

:class:`Alternation` goes one step further for a pattern made of named
forms, as the date scanner is: at each place, only the forms that can begin
with the next characters are tried.

If the syntax tree cannot be read (another Python's internals),
:func:`starts` returns None and :func:`scan` is plain ``finditer``.
"""

from __future__ import annotations

import functools
import itertools
import re
from typing import Iterator

from .dispatch import Dispatch
from .folds import FOLDS_TO_ASCII

WIDTH = 3   # characters of prefix: enough to tell "July" from "June" and "just"


_State = tuple[tuple[str, ...], bool]       # (character classes so far, may grow)


def _syntax():
    from re import _constants as c
    from re import _parser as p

    cats = {c.CATEGORY_DIGIT: r"\d", c.CATEGORY_NOT_DIGIT: r"\D", c.CATEGORY_SPACE: r"\s",
            c.CATEGORY_NOT_SPACE: r"\S", c.CATEGORY_WORD: r"\w", c.CATEGORY_NOT_WORD: r"\W"}
    return c, p, cats


def _class(items, c, cats) -> str | None:
    """A character set of the syntax tree written back as ``[...]``, or None."""
    parts = []
    for op, av in items:
        if op is c.NEGATE:
            parts.insert(0, "^")
        elif op is c.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is c.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is c.CATEGORY and av in cats:
            parts.append(cats[av])
        else:
            return None
    return "[" + "".join(parts) + "]"


class _Prefixes:
    """The prefixes (up to :data:`WIDTH` characters, each a character class written
    with its own case rule) that the matches of a syntax tree can start with."""

    def __init__(self, width: int):
        self.width = width
        self.c, self.p, self.cats = _syntax()

    def seq(self, states: set[_State], items, icase: bool) -> set[_State]:
        # the prefixes that stopped growing pass every item unchanged: they are set
        # aside, and only the growing ones go through the items
        done = {st for st in states if not st[1]}
        growing = states - done if done else states
        for op, av in items:
            if not growing:
                break
            states = self.item(growing, op, av, icase)
            stopped = {st for st in states if not st[1]}
            if stopped:
                done |= stopped
                growing = states - stopped
            else:
                growing = states
        return done | growing

    def item(self, states: set[_State], op, av, icase: bool) -> set[_State]:
        c = self.c
        growing = {(s, True) for s, grow in states if grow}
        done = {st for st in states if not st[1]}
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return states                       # zero width: ignoring it only widens
        if op is c.SUBPATTERN:
            _group, add, remove, sub = av
            if (add | remove) & ~re.IGNORECASE:
                return done | {(s, False) for s, _ in growing}
            inner = (icase or bool(add & re.IGNORECASE)) and not remove & re.IGNORECASE
            return done | self.seq(growing, sub.data, inner)
        if op is c.ATOMIC_GROUP:
            return done | self.seq(growing, av.data, icase)
        if op is c.BRANCH:
            out = set(done)
            for alt in av[1]:
                out |= self.seq(growing, alt.data, icase)
            return out
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return done | self.repeat(growing, *av, icase)
        if op is c.LITERAL:                     # a character: itself, or [aA] ignoring case
            ch = chr(av)
            frag = (f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]" if icase and ch.lower() != ch.upper()
                    else re.escape(ch))
        else:
            if op is c.NOT_LITERAL:
                frag = f"[^{re.escape(chr(av))}]"
            elif op is c.ANY:
                frag = "(?s:.)"
            elif op is c.IN:
                frag = _class(av, c, self.cats)
            else:
                frag = None
            if frag is None:                    # unknown: the prefix ends here
                return done | {(s, False) for s, _ in growing}
            frag = f"(?{'i' if icase else '-i'}:{frag})"
        return done | {(s + (frag,), len(s) + 1 < self.width) for s, _ in growing}

    def repeat(self, growing: set[_State], lo: int, hi: int, sub, icase: bool) -> set[_State]:
        """Every state after ``lo`` to ``hi`` repeats of ``sub``."""
        out = set(growing) if lo == 0 else set()
        cur, n = growing, 0
        while n < hi:
            if not any(grow for _, grow in cur):
                if n < lo:
                    out |= cur                  # finished prefixes stay as they are
                break
            if n > self.width:                  # only empty repeats get here: more may
                out |= {(s, False) for s, _ in cur}     # follow, so these end here
                break
            n += 1
            cur = self.seq(cur, sub.data, icase)
            if n >= lo:
                out |= cur
        return out


def _guard(walker: _Prefixes, op, av, icase: bool) -> str | None:
    """A lookaround at the very start of the pattern, written back, if it is a plain
    run of characters (a lookbehind must keep its width)."""
    c = walker.c
    if op not in (c.ASSERT, c.ASSERT_NOT):
        return None
    direction, sub = av
    frags = []
    for op2, av2 in sub.data:
        states = walker.item({((), True)}, op2, av2, icase)
        if len(states) != 1:
            return None
        (s, _grow), = states
        if len(s) != 1:
            return None
        frags.append(s[0])
    kind = ("=" if op is c.ASSERT else "!") if direction == 1 else ("<=" if op is c.ASSERT else "<!")
    return f"(?{kind}{''.join(frags)})"


@functools.lru_cache(maxsize=256)
def _parsed(source: str, flags: int) -> tuple:
    """The syntax tree of a pattern's source (its top-level items), read once: the
    scanner reads each form's prefixes at two widths (:meth:`Alternation._at`,
    :meth:`Alternation._deep`), and the tree is only read, never changed."""
    from re import _parser as p

    return tuple(p.parse(source, flags).data)


def _leading_guards(source: str, flags: int) -> list[str] | None:
    """The lookarounds that make up ``source`` written back as :func:`prefixes` keeps
    them, or None when it holds anything else (or its syntax cannot be read)."""
    try:
        walker = _Prefixes(WIDTH)
        kept = []
        for op, av in _parsed(source, flags):
            g = _guard(walker, op, av, bool(flags & re.IGNORECASE))
            if g is None:
                return None
            kept.append(g)
    except Exception:   # noqa: BLE001 - another Python's internals: the whole pattern is read instead
        return None
    return kept


def prefixes(pattern: re.Pattern | str, width: int = WIDTH, flags: int = 0) -> tuple[set, list[str]] | None:
    """The prefixes (tuples of character-class fragments) that ``pattern``'s matches can
    begin with, and the lookarounds it begins with; None when its syntax cannot be
    read or a match could begin with anything.  ``pattern`` may be the source of a
    pattern not compiled (with its ``flags``): its syntax is read without compiling it."""
    if isinstance(pattern, str):
        source = pattern
    else:
        source, flags = pattern.pattern, pattern.flags
    try:
        icase = bool(flags & re.IGNORECASE)
        walker = _Prefixes(max(width, 1))
        items = list(_parsed(source, flags))
        kept = []
        while items and (g := _guard(walker, *items[0], icase)) is not None:
            kept.append(g)
            items.pop(0)
        states = walker.seq({((), True)}, items, icase)
    except Exception:   # noqa: BLE001 - another Python's internals: no prefilter, same matches
        return None
    found = {s for s, _ in states}
    if not found or () in found:
        return None                             # could start anywhere: nothing to gain
    return found, kept


def compile_prefixes(found: set, kept: list[str] = (), flags: int = 0, word_start: bool = False,
                     after: bool = False) -> re.Pattern:
    """The zero-width pattern of a set of prefixes (:func:`prefixes`): the first
    character alone rules out most positions, then the leading lookarounds, then the
    prefixes written as a tree (shared first characters written once), so that a place
    is checked character by character, not prefix by prefix.  ``word_start``: the
    caller knows that every match begins with a word character after a non-word one
    (its lookarounds say so); a word boundary, the cheapest test of all, then comes
    first and rules out the inside of every word (same places, a third less time).
    ``after``: the pattern begins with ``\\W``, the character before the place (its match
    ends at the place), for lookarounds that ask for no word character before it: the
    engine finds that character by a class test a character (:func:`places_after`)."""
    firsts = _merge({s[0] for s in found})
    boundary = r"\b" if word_start else ""
    lead = r"\W" if after else ""
    return re.compile(f"{lead}{boundary}(?={firsts}){''.join(kept)}(?={_tree(found)})", flags & (re.UNICODE | re.ASCII))


def places_after(after: re.Pattern, text: str) -> Iterator[int]:
    """Where the zero-width pattern that ``after`` leads with ``\\W`` (:func:`compile_prefixes`
    with ``after``) matches in ``text``, in order: at 0 when ``after`` matches behind a space
    put before the text (a lookbehind finds no word character there, as at the start; the
    prefixes it looks ahead at are a few characters long), then at the end of each of
    its matches (~30% less time on news than the lookbehind tried at every character)."""
    first = [0] if after.match(" " + text[:64]) is not None else []
    return itertools.chain(first, map(re.Match.end, after.finditer(text)))


def starts(pattern: re.Pattern, width: int = WIDTH, guards: bool = True,
           word_start: bool = False) -> re.Pattern | None:
    """A zero-width pattern that matches wherever ``pattern`` could start a match
    (and maybe elsewhere), or None when the pattern's syntax cannot be read.
    ``guards``: keep the lookarounds the pattern begins with (else they are
    dropped, which only widens the prefilter); ``word_start``: as for
    :func:`compile_prefixes`."""
    got = prefixes(pattern, width)
    if got is None:
        return None
    found, kept = got
    return compile_prefixes(found, kept if guards else [], pattern.flags, word_start and bool(kept))


def _tree(seqs) -> str:
    """An alternation of sequences of fragments with their common starts factored out:
    the same strings as ``(?:a|b|...)``, tried in far fewer steps."""
    by_first: dict[str, list] = {}
    ends = False
    for s in seqs:
        if not s:
            ends = True
        else:
            by_first.setdefault(s[0], []).append(s[1:])
    alts = [f + _tree(rest) if any(rest) else f for f, rest in sorted(by_first.items())]
    if ends:
        alts.append("")
    return "(?:" + "|".join(alts) + ")" if len(alts) > 1 or ends else (alts[0] if alts else "")


def _merge(frags: set[str]) -> str:
    """One alternation of single-character fragments: plain characters and the plain
    classes of each case rule merged into one class each."""
    merged: dict[str, list[str]] = {}
    rest = []
    for f in sorted(frags):
        if f.startswith("(?i:"):
            case, body = "(?i:", f[4:-1]
        elif f.startswith("(?-i:"):
            case, body = "(?-i:", f[5:-1]
        else:
            case, body = "", f                  # a character, or [aA]
        if body.startswith("[^") or body.startswith("(?"):
            rest.append(f)
        elif body.startswith("["):
            merged.setdefault(case, []).append(body[1:-1])
        else:
            merged.setdefault(case, []).append(body)
    parts = [f"{case}[{''.join(bodies)}]{')' if case else ''}" for case, bodies in sorted(merged.items())] + rest
    return "(?:" + "|".join(parts) + ")"


def scan(pattern: re.Pattern, prefilter: re.Pattern | None, text: str) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, trying ``pattern`` only where ``prefilter`` matches.
    The pattern's matches must not be empty (true of every date form)."""
    if prefilter is None:
        yield from pattern.finditer(text)
        return
    end = 0
    for cand in prefilter.finditer(text):
        at = cand.start()
        if at < end:
            continue
        m = pattern.match(text, at)
        if m is not None:
            if m.end() == at:
                raise ValueError("scan() needs a pattern whose matches are not empty")
            end = m.end()
            yield m


class Alternation:
    """A pattern ``head (?:(?P<a>...)|(?P<b>...)|...) tail`` made of named forms, as the
    date scanner is, scanned where it can start (:func:`starts`) and, at each such
    place, with only the forms that can start there: those whose own first
    characters match the text's next :data:`WIDTH` characters.  The forms keep
    their order, so the first that matches is the one the whole pattern would take;
    matches are those of the whole pattern's ``finditer``, and ``lastgroup`` names
    the form.  A narrowed pattern is compiled once its characters have come
    :data:`COMPILE_AFTER` times (the whole pattern serves till then), so a short
    text does not pay for compiling what a long one saves.

    Once a place's characters have come :data:`GUARD_AFTER` times, the narrowed
    pattern gets a guard: which of its forms can start there, :data:`GUARD_WIDTH`
    characters deep (:class:`_Guard`, conservative like every prefilter here), so that
    "the group", which no form can begin, is passed over in a dictionary lookup
    instead of one try of each form that begins with "the", and "the fall" tries
    only the forms that begin so (a text of 1 MB holds "the" ~25,000 times; a form's
    prefixes that deep cost 0.1-16 ms to read, once a process, and a guard saves 2-5 µs
    a place it rules out; made as soon as the narrowed pattern, it also spares the
    compile of forms no place reaches, ~3 ms each: "the group" asked for 16 of them;
    a short text pays for none).  The
    prefilter itself (:attr:`where`) is derived once the texts scanned have passed
    :data:`DIRECT_UPTO` characters; till then the whole pattern scans them as they
    are, with the same matches.
    ``word_start``: every form begins with a word character and ``head`` forbids one
    before it (see :func:`compile_prefixes`)."""

    COMPILE_AFTER = 16
    GUARD_AFTER = 16
    GUARD_WIDTH = 6
    #: characters the whole pattern scans unfiltered before the prefilter is built: a scan
    #: costs ~2 ms a KB unfiltered and ~0.3 ms filtered, the prefilter ~25 ms to derive, so
    #: a short text (one document of a few KB) is scanned as it is and the prefilter is
    #: built once the texts of a process have passed this many characters
    DIRECT_UPTO = 16_000

    def __init__(self, head: str, forms: list[tuple[str, str]], tail: str, flags: int, word_start: bool = False):
        self.head, self.forms, self.tail, self.flags = head, forms, tail, flags
        self.whole = self._compile(tuple(range(len(forms))))
        self._word_start = word_start
        self._direct = 0                       # characters scanned unfiltered so far
        self._firsts: list | None = None      # each form's own first characters, when needed
        self._by_text: dict[str, re.Pattern] = {}
        self._by_forms: dict[tuple, re.Pattern] = {tuple(range(len(forms))): self.whole}
        self._single: list[re.Pattern | None] = [None] * len(forms)
        self._seen: dict[str, int] = {}
        self._guards: dict[str, re.Pattern | bool] = {}     # key -> its guard, False for none
        self._guard_of: dict[_Narrowed, _Guard] = {}    # narrowed pattern -> its guard
        self._deep_of: dict[int, set | None] = {}     # form -> its prefixes, GUARD_WIDTH deep
        self._known: dict[str, object] = {}     # GUARD_WIDTH characters -> the match to try (_asked)

    @functools.cached_property
    def where(self) -> re.Pattern | None:
        """Where a match can start (:func:`starts`), derived when first needed: from the
        head's lookarounds and each form's own prefixes (:attr:`_form_prefixes`, which
        :meth:`_at` reads too), when the head is only lookarounds and no form can begin
        with nothing, else from the whole pattern.  The forms' prefixes are those of
        the whole after its head, or shorter where a form is shorter than
        :data:`WIDTH` and the tail would have gone on (a wider prefilter, never a
        narrower one); the whole's syntax, as long as all the forms', is not read."""
        kept = _leading_guards(self.head, self.flags)
        found = self._form_prefixes
        if kept is None or any(f is None for f in found):
            return starts(self.whole, word_start=self._word_start)
        return compile_prefixes(set().union(*found), kept, self.flags, self._word_start and bool(kept))

    @functools.cached_property
    def _form_prefixes(self) -> list[set | None]:
        """Each form's prefixes, :data:`WIDTH` deep, read from its syntax (nothing compiled)."""
        return [f[0] if (f := prefixes(f"(?:{p})", WIDTH, self.flags)) is not None else None
                for _n, p in self.forms]

    def _source(self, which: tuple) -> str:
        body = "|".join(f"(?P<{self.forms[i][0]}>{self.forms[i][1]})" for i in which)
        return f"{self.head}(?:{body}){self.tail}"

    def _compile(self, which: tuple) -> re.Pattern:
        return re.compile(self._source(which), self.flags)

    def _form(self, i: int) -> re.Pattern:
        """Form ``i`` alone between the head and the tail, compiled once when first asked."""
        got = self._single[i]
        if got is None:
            got = self._single[i] = self._compile((i,))
        return got

    def _at(self, key: str) -> _Narrowed | None:
        """The pattern of the forms that can start with ``key``."""
        if self._firsts is None:
            self._firsts = Dispatch(self._form_prefixes)
        got = self._by_text[key] = self._narrowed(self._firsts.which(key))
        return got

    def _narrowed(self, which: tuple) -> _Narrowed | None:
        """The forms ``which`` as one pattern (None for no form), made once."""
        if not which:
            return None
        got = self._by_forms.get(which)
        if got is None:
            got = self._by_forms[which] = _Narrowed(self, which)
        return got

    def _guard(self, key: str, pattern: _Narrowed) -> _Guard:
        """The guard of ``key``'s narrowed ``pattern``: where one of its forms can start,
        :data:`GUARD_WIDTH` characters deep, read from the forms' prefixes (all forms'
        prefixes are read once, the first time a guard is asked for; nothing compiled)."""
        got = self._guard_of.get(pattern)
        if got is None:
            which = getattr(pattern, "_which", None) or tuple(range(len(self.forms)))   # or the whole
            got = self._guard_of[pattern] = _Guard(self, which, self._deep_for(which))
        self._guards[key] = got
        return got

    @functools.cached_property
    def _deep_dispatch(self) -> Dispatch:
        """One :class:`Dispatch` of the forms' prefixes, :data:`GUARD_WIDTH` deep, that all
        guards share (each keeps the forms of its own set): a tree of a guard's own forms,
        made for each, cost a process of many guards ten times as much (the large forms'
        thousands of prefixes walked again in every set), and its answers per character
        were learnt again by each (a form's answer is its own prefixes' in either tree).
        It holds the forms of the guards made so far (:meth:`_deep_for`), not all: a text
        without a date's digits or month names asks for none of the large forms ("the
        group" and "in prisons" only for those that begin with "the" and "in"), whose
        prefixes are most of the ~0.1 s that reading and placing all of them costs."""
        return Dispatch([])

    def _deep_for(self, which) -> Dispatch:
        """:attr:`_deep_dispatch` with the forms ``which`` in it (each added once)."""
        deep = self._deep_dispatch
        for i in which:
            if i not in deep.members:
                deep.add(i, self._deep(i))
        return deep

    def _deep(self, i: int) -> set | None:
        """Form ``i``'s prefixes, :data:`GUARD_WIDTH` characters deep (None: any start)."""
        if i not in self._deep_of:
            got = prefixes(f"(?:{self.forms[i][1]})", self.GUARD_WIDTH, self.flags)
            self._deep_of[i] = got[0] if got is not None else None
        return self._deep_of[i]

    @functools.cached_property
    def _after(self) -> re.Pattern:
        """:attr:`where` after the character before the place: with ``word_start`` that is
        a non-word character, which the engine finds by a class test a character (a word's
        inside passed over in C), where :attr:`where` alone is tried at every place of the
        text (its first test a word boundary): the same places, ~30% less time."""
        return re.compile(r"\W" + self.where.pattern, self.where.flags)

    def _places(self, text: str) -> Iterator[int]:
        """Where :attr:`where` matches in ``text``, in order."""
        if not self._word_start:
            return map(re.Match.start, self.where.finditer(text))
        first = [0] if self.where.match(text) is not None else []
        return itertools.chain(first, map(re.Match.end, self._after.finditer(text)))

    def finditer(self, text: str) -> Iterator[re.Match]:
        if "where" not in self.__dict__ and self._direct + len(text) <= self.DIRECT_UPTO:
            self._direct += len(text)           # short texts so far: no prefilter yet
            yield from self.whole.finditer(text)
            return
        if self.where is None or any(c in text for c in FOLDS_TO_ASCII):
            # (a prefix's "[sS]" misses the "ſ" that opens "ſept. 1988": such a text, rare, is
            # scanned whole, tests/test_speed_h4s7_guards.py)
            yield from self.whole.finditer(text)
            return
        known, width, end = self._known, self.GUARD_WIDTH, 0
        for at in self._places(text):
            if at < end:
                continue
            key = text[at:at + width]
            match = known.get(key, False)
            if match is False:
                match = self._asked(key, text, at)
            if match is None:
                continue
            m = match(text, at)
            if m is not None:
                if m.end() == at:
                    raise ValueError("Alternation needs forms whose matches are not empty")
                end = m.end()
                yield m

    def _asked(self, deep: str, text: str, at: int):
        """The ``match`` to try at ``at`` (None: no form can start there), whose next
        :data:`GUARD_WIDTH` characters are ``deep``; once its :data:`WIDTH` characters
        have their narrowed pattern and its guard (or no form at all), the answer is
        the same wherever ``deep`` comes and is kept (:attr:`_known`), so that a place
        costs one dictionary lookup: a 1 MB text of dated lines ("On June 1, 1970 the
        members met in Tehran.") has ~120,000 places, and the steps asked each time
        before cost ~40% of its scan."""
        key = deep[:WIDTH]
        by_text = self._by_text
        pattern = by_text.get(key, self.whole)
        if key not in by_text:
            seen = self._seen[key] = self._seen.get(key, 0) + 1
            if seen >= self.COMPILE_AFTER:
                pattern = self._at(key)
            return pattern.match if pattern is not None else None
        if pattern is not None:
            guard = self._guards.get(key)
            if guard is None:
                seen = self._seen[key] = self._seen.get(key, 0) + 1
                if seen < self.GUARD_AFTER:
                    return pattern.match
                guard = self._guard(key, pattern)
            pattern = guard.match(text, at)     # the forms that can start here, or None
        got = self._known[deep] = _matcher(pattern)
        return got


def _matcher(pattern):
    """``pattern.match``, or the one form's own when ``pattern`` narrows to one (None for None)."""
    if pattern is None:
        return None
    which = getattr(pattern, "_which", ())
    if len(which) == 1:
        return pattern._alternation._form(which[0]).match
    return pattern.match


class _Narrowed:
    """The forms ``which`` of an :class:`Alternation` (a place's candidates) as one
    pattern: :meth:`match` tries each form's own pattern (``head (?P<form>...) tail``,
    compiled once for the whole process) in their order and answers with the first
    that matches, which is what the alternation of those forms would answer (an
    alternation tries its branches in order, each against the tail, before the
    next), its ``lastgroup`` the form.  Nothing is compiled for the set itself: a
    set of forms that only a few places select would cost a compile of all of them.
    ``pattern`` and ``flags`` are the alternation's (what a guard is derived from)."""

    def __init__(self, alternation: Alternation, which: tuple):
        self.pattern = alternation._source(which)
        self.flags = alternation.flags
        self._matches = None
        self._alternation, self._which = alternation, which

    def match(self, text: str, at: int):
        matches = self._matches
        if matches is None:
            matches = self._matches = [self._alternation._form(i).match for i in self._which]
        for match in matches:
            m = match(text, at)
            if m is not None:
                return m
        return None


class _Guard:
    """Which of the forms ``which`` of an :class:`Alternation` can start at a place,
    :data:`Alternation.GUARD_WIDTH` characters deep (``deep``: the prefixes of the
    alternation's forms, ``which`` among them, a :class:`Dispatch` asked for those of ``which``): :meth:`match` is None where none can, else those that can (a
    :class:`_Narrowed`), at a place the alternation's head (its leading lookbehinds)
    already passed (the alternation keeps each run of characters' answer,
    :meth:`Alternation._asked`).  A prefix reads a letter ignoring case as the letter in either case ("[sS]"),
    which is what ``re.IGNORECASE`` matches but for four letters outside ASCII (İ ı ſ and
    the Kelvin sign, :data:`FOLDS_TO_ASCII`): where the characters hold one of those, all
    the forms are tried."""

    def __init__(self, alternation: Alternation, which: tuple, deep: Dispatch):
        self._alternation, self._which, self._deep = alternation, which, deep
        self._members = frozenset(which)
        self._all = alternation._by_forms[which]
        self._width = alternation.GUARD_WIDTH

    def match(self, text: str, at: int):
        key = text[at:at + self._width]
        if FOLDS_TO_ASCII.intersection(key):
            return self._all
        # the forms of ``which`` whose prefixes the key begins with
        return self._alternation._narrowed(tuple(i for i in self._deep.which(key) if i in self._members))
