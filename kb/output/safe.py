"""Stored text made harmless for a terminal: control characters shown, not obeyed.

Titles, names and summaries come from documents kb did not write.  A control
character among them would act on the terminal instead of being shown: ESC
starts the sequences that set a window's title (``ESC ]0;...BEL``) or clear
the screen (``ESC [2J``), C1 controls such as CSI (U+009B) do the same on some
terminals, and the bidirectional embeddings, overrides and isolates
(U+202A-U+202E, U+2066-U+2069) reorder the text that follows them.  Every
format that writes text for a terminal or a pipe shows each such character as
its Python escape instead: ``\\x1b``, ``\\x9b``, ``\\u202e``.

* :data:`UNSAFE` is a pattern matching any of them (tab and newline
  included: callers that keep those as layout say so);
* :func:`escapes` builds a :meth:`str.translate` table for the ones a format
  must escape;
* :func:`one_line` escapes all of them, newline and tab too, for text set
  into a one-line message;
* :func:`json_text` escapes the characters JSON itself leaves raw (DEL, C1,
  bidi) as ``\\uXXXX``, which changes nothing a JSON parser reads.

Letters, marks and the joiners Persian needs (ZWNJ, ZWJ, LRM, RLM) are left as
they are.
"""

from __future__ import annotations

import re

# C0 controls, DEL, C1 controls, bidi embeddings/overrides and isolates, and the bytes
# of a file name or argument that were not UTF-8 (Python keeps them as the surrogates
# U+DC80-U+DCFF: written out, they would be those raw bytes, 0x9b a C1 CSI to an 8-bit
# terminal, and JSON that is not UTF-8).
UNSAFE_CLASS = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udcff"
UNSAFE = f"[{UNSAFE_CLASS}]"  # a pattern: compiled where it is used (re caches it)
_UNSAFE_CHARS = [chr(c) for c in (*range(0x20), *range(0x7F, 0xA0), *range(0x202A, 0x202F),
                                  *range(0x2066, 0x206A), *range(0xDC80, 0xDD00))]


def escape(ch: str) -> str:
    """``"\\x1b"`` for ESC, ``"\\u202e"`` for RIGHT-TO-LEFT OVERRIDE, ``"\\xe9"`` for the
    byte 0xE9 of a name that was not UTF-8 (as :func:`kb.ingest.reader.valid_text` keeps it)."""
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escapes(keep: str = "", extra: dict[str, str] | None = None) -> dict[int, str]:
    """A :meth:`str.translate` table escaping every unsafe character not in ``keep``.

    ``extra`` maps further characters to their replacements (and wins over the
    escapes).
    """
    table = {ord(ch): escape(ch) for ch in _UNSAFE_CHARS if ch not in keep}
    table.update({ord(k): v for k, v in (extra or {}).items()})
    return table


_ALL = escapes()


def one_line(text: str) -> str:
    """``text`` with every unsafe character escaped, newlines and tabs included."""
    return text.translate(_ALL) if re.search(UNSAFE, text) else text


_JSON_RAW = "[\x7f-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udcff]"


def _json_escape(m: re.Match) -> str:
    code = ord(m.group())
    if 0xDC80 <= code <= 0xDCFF:        # a byte that was not UTF-8: the text "\\xe9"
        return f"\\\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def json_text(text: str) -> str:
    """JSON text with DEL, C1 and bidi controls written as ``\\uXXXX`` escapes.

    ``json.dumps`` already escapes C0 controls; these can only occur inside
    strings, where an escape reads back as the same character.  A byte of a
    name that was not UTF-8 (a surrogate U+DC80-U+DCFF) becomes the text
    ``\\xe9``, as kb stores such names: JSON out is always UTF-8.
    """
    if not re.search(_JSON_RAW, text):
        return text
    return re.sub(_JSON_RAW, _json_escape, text)
