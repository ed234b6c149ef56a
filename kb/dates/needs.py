"""What every match of a rule's pattern must contain: :func:`needs`.

Read from the pattern's syntax (``re._parser``), conservatively: a list of sets of
strings (lower case), each set such that every match contains one of its strings
(a literal run, a small character class, a group or branch of those, an item
repeated at least once).  The scanner (:mod:`kb.dates.scan`) does not try a rule
in a text that holds none of the strings of one of its sets: "stamp" needs a
clock time (":", "am", "noon"...), absent from most texts that name days.
Anything the reader does not know (a category, a lookaround) requires nothing.
"""
from re import _constants as C


LIMIT = 16


def _exact(items):
    """The finite set of strings a sequence matches exactly (lower case), or None."""
    out = {""}
    for op, av in items:
        got = _exact_item(op, av)
        if got is None:
            return None
        out = {a + b for a in out for b in got}
        if len(out) > LIMIT:
            return None
    return out


def _exact_item(op, av):
    if op is C.LITERAL:
        return {chr(av).lower()}
    if op is C.IN:
        chars = set()
        for o, a in av:
            if o is C.LITERAL:
                chars.add(chr(a).lower())
            else:
                return None
        return chars if len(chars) <= 4 else None
    if op is C.SUBPATTERN:
        return _exact(av[-1])
    if op is C.BRANCH:
        out = set()
        for b in av[1]:
            got = _exact(b)
            if got is None:
                return None
            out |= got
            if len(out) > LIMIT:
                return None
        return out
    return None


def _score(s):
    return (min(len(x) for x in s), -len(s)) if s else (0, 0)


def _seq(items):
    best = None
    items = list(items)
    exact = [_exact_item(op, av) for op, av in items]
    # runs of exactly-known items, as long as they go (a run that would grow past
    # LIMIT strings is kept as it is and a new one begins)
    runs, run = [], {""}
    for got in exact + [None]:
        if got is None:
            runs.append(run)
            run = {""}
            continue
        nxt = {a + b for a in run for b in got}
        if len(nxt) > LIMIT:
            runs.append(run)
            nxt = set(got)
        run = nxt
    for run in runs:
        if "" not in run and (best is None or _score(run) > _score(best)):
            best = run
    for i in range(len(items)):
        if exact[i] is not None:
            continue
        got = _item(*items[i])
        if got is not None and (best is None or _score(got) > _score(best)):
            best = got
    return best


def _item(op, av):
    if op is C.SUBPATTERN:
        return _seq(av[-1])
    if op is C.BRANCH:
        out = set()
        for b in av[1]:
            got = _seq(b)
            if got is None:
                return None
            out |= got
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _seq(av[2])
    if op is C.ATOMIC_GROUP:
        return _seq(av)
    return _exact_item(op, av) if op in (C.LITERAL, C.IN) else None


def needs(source: str, flags: int = 0) -> tuple:
    """The sets of strings (lower case) of which every match of ``source`` holds one
    string of each set; () if nothing can be read (or the syntax tree is unknown)."""
    from .prefilter import _parsed     # the syntax trees the prefixes were read from (cached)
    try:
        items = _parsed(source, flags)
    except Exception:       # noqa: BLE001 -- another Python's internals: require nothing
        return ()
    out = []
    for op, av in _top(items):
        got = _item(op, av)
        if got and "" not in got:
            out.append(frozenset(got))
    return tuple(out)


def _top(items):
    """The items of a sequence, with a group's own items in its place (they are all required)."""
    for op, av in items:
        if op is C.SUBPATTERN:
            yield from _top(av[-1])
        else:
            yield op, av
