"""Invisible characters that cut a name in two, and :func:`drop_invisible`, which the reader
applies to every text and HTML page's text (``kb ingest``, ``kb tag``).

"John\u200d Smith" was read as two names, "John" and "Smith", and "Raja\u00advi" as
"Raja": the name finder takes such a character for a word of its own.  Dropped are a
soft hyphen, word joiner or zero-width no-break space anywhere (each only hints at a line
break, or forbids one), and a zero-width space, joiner, non-joiner or direction mark
beside a space or at the text's edge, where it joins or marks nothing.  Inside a word
these stay: Persian writes a non-joiner there, and a zero-width space there is a word
break (Thai and other scripts written without spaces use it so).  Issue 16.
"""

from __future__ import annotations

_HINTS = "\u00ad\u2060\ufeff"                         # soft hyphen, word joiner, ZWNBSP
_MARKS = "\u200b\u200c\u200d\u200e\u200f"               # ZWSP, ZWNJ, ZWJ, LRM, RLM
INVISIBLE = _HINTS + _MARKS
#: every character str.isspace knows (tests/test_hostile_h12_inputs.py checks it)
_SPACES = "\x09\x0a\x0b\x0c\x0d\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"


def drop_invisible(text: str) -> str:
    """``text`` without the invisible characters that cut names (module docstring).  Only string
    searches, no regular expression: a text without any costs a search per character,
    and Persian, a joiner inside every other word, a few searches of its spaces (a
    pattern of them took 150 ms of CPU a megabyte)."""
    if not any(c in text for c in INVISIBLE):
        return text
    for h in _HINTS:
        if h in text:
            text = text.replace(h, "")
    marks = [c for c in _MARKS if c in text]
    if not marks:
        return text
    spaces = [c for c in _SPACES if c in text]
    n = len(text)
    found = [0] if text[0] in _MARKS else []
    if text[-1] in _MARKS:
        found.append(n - 1)
    for m in marks:
        for s in spaces:
            for pair, at in ((s + m, 1), (m + s, 0)):
                i = text.find(pair)
                while i >= 0:
                    found.append(i + at)
                    i = text.find(pair, i + 1)
    if not found:
        return text
    drop = set()
    for i in found:  # with the whole run of marks it stands in
        a = b = i
        while a > 0 and text[a - 1] in _MARKS:
            a -= 1
        while b < n and text[b] in _MARKS:
            b += 1
        drop.update(range(a, b))
    out, last = [], 0
    for i in sorted(drop):
        out.append(text[last:i])
        last = i + 1
    out.append(text[last:])
    return "".join(out)
