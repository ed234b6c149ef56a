"""Python's cyclic garbage collector, paused while kb makes many objects that hold no cycles.

Decoding a store, reading the index's lookups, extracting a document and
answering a retelling question each make hundreds of thousands of small
objects (dicts, lists, strings, sets) and no reference cycles; every pass of
the collector during that work would walk them and everything the run keeps,
for nothing.  :class:`paused` is the one way kb turns it off for such a stretch.
"""

from __future__ import annotations

import gc


class paused:
    """``with paused(): ...``: the collector off inside, back on after (also on an error) if it
    was on before; nested uses leave it to the outermost one."""

    __slots__ = ("was",)

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc) -> None:
        if self.was:
            gc.enable()
