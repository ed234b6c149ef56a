"""Regular expressions compiled when first used: :func:`lazy`.

Python compiles a regular expression in Python code, 0.05 to 3 ms each; the
module-level patterns of the date and figure modules cost a process tens of
milliseconds together, though most texts ask only some of them (a dateline's,
a fiscal quarter's, the rule file's lines, a future tense's).  A module writes
``_X = lazy(r"...", re.IGNORECASE)`` where it would write ``re.compile``: the
pattern is compiled at its first use, and from then on its methods are the
compiled pattern's own, bound once (a call costs what a call of the compiled
pattern's method costs, plus a dictionary lookup).  ``pattern`` is known
without compiling; every other attribute (``flags``, ``groupindex``...) is the
compiled pattern's.  A lazy pattern is not a :class:`re.Pattern`: it is not
handed to ``re.sub`` and its kin, which want one or a string.
"""

from __future__ import annotations

import re

#: the methods bound on the instance once compiled: a call finds them in its dictionary
_METHODS = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner")


class Lazy:
    """A regular expression compiled on its first use (see the module docstring)."""

    def __init__(self, pattern: str, flags: int = 0, lead: bool = False):
        self.pattern = pattern
        self._flags = flags
        self._lead = lead

    def __getattr__(self, name: str):
        # only reached for what the instance does not hold yet: the first use
        if name.startswith("__") or name == "_compiled":
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if it was not yet)."""
        got = self.__dict__.get("_compiled")
        if got is None:
            got = re.compile(_led(self.pattern, self._flags) if self._lead else self.pattern, self._flags)
            self.__dict__.update({m: getattr(got, m) for m in _METHODS}, _compiled=got)
        return got

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self._flags!r})"


def lazy(pattern: str, flags: int = 0, lead: bool = False) -> Lazy:
    """``re.compile(pattern, flags)``, done at the pattern's first use.  ``lead``: the
    pattern is compiled behind a lookahead of the characters its matches can begin
    with (:func:`_led`), for a pattern searched through text that begins with a word
    boundary or a lookbehind, which keep the engine from passing over the places
    where it cannot start."""
    return Lazy(pattern, flags, lead)


def _led(pattern: str, flags: int) -> str:
    """``pattern`` behind a lookahead of the first characters of its matches, read from its
    syntax (:func:`kb.dates.prefilter.prefixes`, conservative: a place it rules out is one
    where the pattern cannot match, so the matches are the same), or as it is where they
    cannot be read or a match may begin with anything.  The tense words of
    :mod:`kb.dates.context` (``\\b(?:would|will|...)``): 1.5-1.9x faster through a sentence."""
    if flags & re.VERBOSE or re.match(r"\(\?[aiLmsux]+\)", pattern):
        return pattern          # whitespace ignored, or flags for the whole: left as written
    from .prefilter import _merge, prefixes

    got = prefixes(pattern, 1, flags)
    if got is None:
        return pattern
    return f"(?={_merge({s[0] for s in got[0]})})(?:{pattern})"
