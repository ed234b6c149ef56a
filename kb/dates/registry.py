"""The rule registry: date forms read from resource files, in HeidelTime's manner.

``kb/resources/dates/rules.txt`` holds one named rule per line::

    // EXAMPLE: Monday @ 1998-05-01 (in: He will leave Monday.) => 1998-05-04 [1998-05-04..1998-05-04]
    weekday: (?:(?P<r>%relword) )?(?P<w>%weekday) -> weekday

* ``name: pattern -> builder``: the pattern is a Python regular expression,
  case-insensitive, in which a space stands for one or more spaces
  (``\\s+``), ``%name`` for a word list of ``words/name.txt`` (an
  alternation of its words, longest first; a word's trailing ``.`` is
  optional in text) or a macro of ``patterns.txt``, and ``%Name``
  (capitalised) for the same words capitalised, case-sensitive ("May" the
  month, not "may" the verb); ``%NAME`` (in capitals) the same, or the words
  in capitals (a heading's "MONDAY, MAR. 3": rules that use it have a day's
  number beside the name).  The lists of :data:`ANY_CASE` read their words in
  any case besides (rule month-any-case).  Named groups are the rule's own.  The builder
  is a function of :mod:`kb.dates.forms` that turns a match into a TimeML
  value; words after it are its arguments.
* ``// EXAMPLE:`` lines above a rule are its examples: the words, ``@`` the
  anchor, optionally ``(in: ...)`` a sentence around them (``\\n`` a line
  end), ``=>`` the value
  expected, and optionally ``[start..end]`` the days expected.
  ``tests/test_dates_rules.py`` runs every example.
* Lines starting with ``#`` are comments.

Word lists hold ``word value`` per line (the value is the last field).
Rules are tried where their first letters match; at one place the longest
match wins, then the rule written first (:mod:`kb.dates.scan`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from .lazy import lazy

RESOURCES = Path(__file__).resolve().parent.parent / "resources" / "dates"


@dataclass(frozen=True)
class Example:
    text: str
    anchor: str
    value: str
    bounds: tuple[str, str] | None = None
    context: str | None = None


@dataclass(frozen=True)
class Rule:
    name: str
    source: str            # the pattern as written
    pattern: str           # expanded, with the rule's groups renamed (unique in the scanner)
    builder: str
    args: tuple[str, ...]
    groups: dict = field(default_factory=dict)      # scanner group name -> the rule's own name
    examples: tuple[Example, ...] = ()
    line: int = 0


@functools.cache
def words(name: str) -> dict[str, str]:
    """A word list: lower-case word (without its trailing ".") -> value."""
    out = {}
    for line in (RESOURCES / "words" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, value = line.rpartition(" ")
        out[word.lower().rstrip(".") if word.endswith(".") and len(word) > 2 else word.lower()] = value
    return out


def lookup(name: str, text: str) -> str:
    """The value of ``text`` in word list ``name`` (spaces and case as in the list)."""
    key = " ".join(text.lower().split())
    table = words(name)
    if key in table:
        return table[key]
    return table[key.rstrip(".")]


@functools.cache
def _alternation(name: str, capitalised: bool | str) -> str:
    raw = []
    for line in (RESOURCES / "words" / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            raw.append(line.rpartition(" ")[0])
    alts, free = [], []
    cased = words("cased") if capitalised and name in ANY_CASE else None
    for w in sorted(set(raw), key=lambda w: (-len(w), w)):
        dot = w.endswith(".") and len(w) > 2
        base = w[:-1] if dot else w
        forms = [base]
        if capitalised:
            # "%NAME": "Monday", and in a heading's capitals "MONDAY" (rule caps-heading)
            forms = [base[:1].upper() + base[1:]] + ([base.upper()] if capitalised == "caps" else [])
        for f in forms:
            body = r"\s+".join(re.escape(p) for p in f.split(" ")).replace(r"\-", "-")
            alts.append(body + (r"\.?" if dot else ""))
        if cased is not None and not dot and base not in cased:
            # rule month-any-case: "september", "SEPTEMBER", "ſeptember" (re.IGNORECASE reads ſ as s)
            free.append(r"\s+".join(re.escape(p) for p in base.split(" ")))
        elif cased is not None and not dot:
            # rule month-lower: "may", "march" in lower case, months only where the words
            # around them say so (kb.dates.cased, asked by kb.dates.tag for every hit)
            free.append(f"(?-i:{re.escape(base)})")
    joined = "|".join(alts)
    if free:
        return f"(?:(?-i:{joined})|{'|'.join(free)})"
    return f"(?-i:{joined})" if capitalised else f"(?:{joined})"


#: rule month-any-case (and weekday-any-case: "monday", "MONDAY" in a post or a headline, names
#: no other thing): the capitalised word lists (``%Name``) whose words are read in any
#: case ("september" in lower-case notes, "SEPTEMBER" in a headline in capitals, "ſeptember"
#: in old type), except their abbreviations ("DEC" the company, "mar" the verb) and the words
#: of ``words/cased.txt`` that are also common words ("may", "march"), which are read only
#: capitalised (or, for ``%NAME``, in capitals beside a day's number); a month so written
#: alone needs a date word before it (:func:`kb.dates.forms.month`)
ANY_CASE = ("months", "persian_months", "weekdays")


@functools.cache
def macros() -> dict[str, str]:
    out = {}
    for line in (RESOURCES / "patterns.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, pat = line.partition(" = ")
            out[name.strip()] = pat.strip()
    return out


_REF = lazy(r"%([A-Za-z_]+)")


def expand(pattern: str, depth: int = 0) -> str:
    """A rule's pattern with its word lists and macros written out, spaces as ``\\s+``."""
    if depth > 5:
        raise ValueError(f"macros nest too deep in {pattern!r}")

    def one(m: re.Match) -> str:
        name = m.group(1)
        if name in macros():
            return "(?:" + expand(macros()[name], depth + 1) + ")"
        low = name.lower()
        if (RESOURCES / "words" / f"{low}.txt").exists():
            return _alternation(low, "caps" if name.isupper() else name[0].isupper())
        raise ValueError(f"unknown word list or macro %{name}")

    return _REF.sub(one, pattern.replace(" ", r"\s+"))


_EXAMPLE = lazy(r"^//\s*EXAMPLE:\s*(?P<text>.+?)\s+@\s+(?P<anchor>\d{4}-\d\d-\d\d)"
                r"(?:\s+\(in:\s*(?P<ctx>.+?)\))?\s+=>\s+(?P<value>\S+)"
                r"(?:\s+\[(?P<s>[\d-]+)\.\.(?P<e>[\d-]+)\])?\s*$")
_RULE = lazy(r"^(?P<name>[a-z][a-z0-9_-]*):\s+(?P<pat>.+?)\s+->\s+(?P<builder>[a-z_]+)(?P<args>(?:\s+\S+)*)\s*$")
_GROUP = lazy(r"\(\?P<([A-Za-z_]\w*)>")
_BACKREF = lazy(r"\(\?P=([A-Za-z_]\w*)\)")


@functools.cache
def rules() -> tuple[Rule, ...]:
    """Every rule of ``rules.txt``, in file order."""
    out, pending = [], []
    path = RESOURCES / "rules.txt"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("//"):
            m = _EXAMPLE.match(line)
            if not m:
                raise ValueError(f"{path.name}:{n}: not an example line: {line!r}")
            bounds = (m.group("s"), m.group("e")) if m.group("s") else None
            ctx = m.group("ctx").replace("\\n", "\n") if m.group("ctx") else None
            pending.append(Example(m.group("text"), m.group("anchor"), m.group("value"), bounds, ctx))
            continue
        m = _RULE.match(line)
        if not m:
            raise ValueError(f"{path.name}:{n}: not a rule: {line!r}")
        k = len(out)
        body = expand(m.group("pat"))
        groups = {f"g{k}_{g}": g for g in _GROUP.findall(body)}
        body = _BACKREF.sub(lambda b: f"(?P=g{k}_{b.group(1)})", _GROUP.sub(lambda g: f"(?P<g{k}_{g.group(1)}>", body))
        out.append(Rule(m.group("name"), m.group("pat"), body, m.group("builder"),
                        tuple(m.group("args").split()), groups, tuple(pending), n))
        pending = []
    names = [r.name for r in out]     # (each pattern compiles in tests/test_dates_rules.py)
    dup = {x for x in names if names.count(x) > 1}
    if dup:
        raise ValueError(f"{path.name}: rules named twice: {sorted(dup)}")
    return tuple(out)
