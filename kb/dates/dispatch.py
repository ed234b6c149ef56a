"""Which of several patterns can begin with a text's next characters: :class:`Dispatch`.

The date scanner (:mod:`kb.dates.prefilter`, :mod:`kb.dates.scan`) asks, at a place
of a text, which of its forms can begin there: each form's prefixes (read from its
syntax by :func:`kb.dates.prefilter.prefixes`) are merged into one tree walked a
character at a time, and nothing is compiled for it.
"""

from __future__ import annotations

import re


class Dispatch:
    """Which of several patterns can begin with a text's next characters: the prefixes
    of each (:func:`prefixes`, ``None`` for one that can begin anywhere) merged into one
    tree that is walked in Python, a character at a time (each node keeps, by character,
    the children that character takes it to), so that no pattern is compiled for it.
    :meth:`which` answers what ``compile_prefixes(found_i).match(key)`` answers for each
    pattern ``i``, and costs microseconds for a key it has not met before."""

    def __init__(self, found: list):
        self.always: set[int] = set()
        self.members: set[int] = set()          # the patterns added
        self.root = ({}, set(), {})             # (fragment -> child, patterns ending here, char -> children)
        self._fragments: dict[str, re.Pattern] = {}
        for i, f in enumerate(found):
            self.add(i, f)

    def add(self, i: int, found) -> None:
        """Pattern ``i`` with its prefixes ``found`` (None: it can begin anywhere) in the
        tree; the answers already given for the other patterns stay true (a node that
        gets a new child forgets what it learnt by character)."""
        self.members.add(i)
        if found is None:
            self.always.add(i)
            return
        for seq in found:
            node = self.root
            for frag in seq:
                child = node[0].get(frag)
                if child is None:
                    child = node[0][frag] = ({}, set(), {})
                    node[2].clear()
                elif type(child) is list:
                    child = node[0][frag] = _opened(child)
                node = child
            node[1].add(i)

    def dump(self) -> dict:
        """The tree as plain data (what :meth:`load` reads back), without what was learnt."""
        def node(n) -> list:
            if type(n) is list:
                return n            # a node :meth:`load` read and no walk has opened: as it was dumped
            return [{frag: node(child) for frag, child in n[0].items()}, sorted(n[1])]
        return {"always": sorted(self.always), "root": node(self.root)}

    @classmethod
    def load(cls, data: dict, n: int) -> Dispatch:
        """The :class:`Dispatch` of patterns ``0..n-1`` whose tree :meth:`dump` gave as
        ``data`` (kept in kb's cache folder by :mod:`kb.dates.scan`): the same answers as
        the one it was dumped from, without reading or merging the prefixes again.  A node
        is made a node of the tree when a walk first reaches it (:func:`_opened`): a short
        text reaches a few hundred of the 11,000 of the registry's rules."""
        got = cls([])
        got.root = _opened(data["root"])
        got.always = {int(i) for i in data["always"]}
        got.members = set(range(n))
        return got

    def _children(self, node, ch: str) -> tuple:
        kids, _ends, memo = node
        got = []
        for frag, child in kids.items():
            rx = self._fragments.get(frag)
            if rx is None:
                rx = self._fragments[frag] = re.compile(frag)
            if rx.match(ch):
                if type(child) is list:     # (the same keys: the dictionary may change so)
                    child = kids[frag] = _opened(child)
                got.append(child)
        got = memo[ch] = tuple(got) if got else ()       # () is one object: most characters lead nowhere
        return got

    def which(self, key: str) -> tuple[int, ...]:
        """The patterns (their indices, ascending) whose prefixes ``key`` begins with."""
        out = set(self.always)
        nodes = [self.root]
        for ch in key:
            following = []
            for node in nodes:
                out |= node[1]
                got = node[2].get(ch)
                following += got if got is not None else self._children(node, ch)
            nodes = following
            if not nodes:
                break
        else:
            for node in nodes:
                out |= node[1]
        return tuple(sorted(out))


def _opened(x: list) -> tuple:
    """A node as :meth:`Dispatch.dump` wrote it (``[children, ends]``) made a node of the tree:
    its children stay as they were written till a walk reaches them."""
    kids, ends = x
    if not isinstance(kids, dict):
        raise TypeError("a node's children are a dictionary")
    return kids, {int(i) for i in ends}, {}
