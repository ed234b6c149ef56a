"""The environment a run of kb works in: its streams and its variables.

As httpie does, :func:`kb.cli.app.main` takes an :class:`Environment` and
hands it to every command (through :class:`kb.cli.options.Options`), so no
command reads ``sys.stdout`` or ``os.environ`` itself, and a test can run kb
against streams of its own (a fake terminal, a closed pipe) by passing one.

Also here: :func:`printable`, which every message that echoes what a user
typed or named goes through (a file name holding a newline must not forge a
second line), and :func:`tolerant`, which keeps the process's streams from
raising UnicodeEncodeError in an ASCII-only locale.
"""

from __future__ import annotations

import functools
import io
import os
import re
import sys
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import IO, Mapping

# what must not reach a terminal raw inside a one-line message: control characters (a
# newline would forge a second line), line and paragraph separators, the bidirectional
# overrides and isolates, and lone surrogates (bytes of an argument that is not UTF-8)


@functools.cache
def _unshowable() -> re.Pattern:
    """Compiled on first use: most runs echo nothing, and start-up stays fast."""
    return re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


_NAMED = MappingProxyType({"\n": "\\n", "\r": "\\r", "\t": "\\t"})


def _escape(m: re.Match) -> str:
    c = m.group()
    cp = ord(c)
    if c in _NAMED:
        return _NAMED[c]
    if 0xDC80 <= cp <= 0xDCFF:          # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{cp - 0xDC00:02x}"
    return f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}"


def printable(text: str) -> str:
    """``text`` safe to echo inside one line of a message: control characters and the
    like become escapes (``\\n``, ``\\x1b``, ``\\u202e``), and a byte of an argument that
    was not UTF-8 is shown as ``\\xe9``; past 1,000 characters its middle is cut (a 100 KB
    argument echoed back); such a byte as ``repr`` writes it (``'\\udce9'``, in a message
    made with ``!r``) is shown the same way.  Everything else is left as it is."""
    t = _unshowable().sub(_escape, text)
    if "\\udc" in t:  # such a byte as repr() writes it (click's messages, !r): shown as above
        t = re.sub(r"\\udc([89a-f][0-9a-f])", r"\\x\1", t)
    return t if len(t) <= 1000 else t[:700] + " [...] " + t[-250:]


# error handlers that write any character somehow, so a stream with one never raises
_TOLERANT = frozenset({"backslashreplace", "replace", "xmlcharrefreplace", "namereplace", "ignore"})
_WHOLE_UNICODE = frozenset({"utf-8", "utf-16", "utf-32", "utf-8-sig"})


def present(stream: IO[str] | None, mode: str) -> IO[str]:
    """``stream``, or the null device when the process was started with it closed
    (``kb timeline >&-``, ``kb ingest - <&-``): Python then has None there.  Output
    to a closed stdout is dropped, and a closed stdin reads as empty."""
    if stream is not None:
        return stream
    return open(os.devnull, mode, encoding="utf-8")  # noqa: SIM115 - lives as long as the process


def tolerant(stream: IO[str]) -> IO[str]:
    """``stream``, set to write what its encoding cannot encode as backslash escapes
    rather than raise UnicodeEncodeError: an ASCII-only locale (``LC_ALL=C``) meeting a
    non-ASCII title, or a UTF-8 stream meeting an argument that was not UTF-8.  A
    UTF-8 stream that already escapes surrogates (``surrogateescape``) is left as it
    is; a stream that cannot be reconfigured (a test's buffer) too."""
    import codecs

    errors = getattr(stream, "errors", None)
    encoding = getattr(stream, "encoding", None)
    if not hasattr(stream, "reconfigure") or errors in _TOLERANT or not encoding:
        return stream
    try:
        whole = codecs.lookup(encoding).name in _WHOLE_UNICODE
    except LookupError:
        whole = False
    if whole and errors == "surrogateescape":
        return stream
    try:
        stream.reconfigure(errors="backslashreplace")
    except (ValueError, io.UnsupportedOperation):     # a closed or odd stream: leave it
        return stream
    return stream


@dataclass
class Environment:
    """Where kb reads and writes.

    Each default is taken when the environment is made (not when this module
    is imported), so a test that swaps ``sys.stdout`` sees its own stream.
    Data goes to ``stdout``; notes and errors, one line each, to ``stderr``.
    The process's own streams are made :func:`tolerant` of what their encoding
    cannot write.
    """

    stdin: IO[str] = field(default_factory=lambda: present(sys.stdin, "r"))
    stdout: IO[str] = field(default_factory=lambda: tolerant(present(sys.stdout, "w")))
    stderr: IO[str] = field(default_factory=lambda: tolerant(present(sys.stderr, "w")))
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)

    def note(self, message: str) -> None:
        """A hint or count for the user: stderr, never mixed with data, one line
        whatever the names it echoes hold (:func:`printable`)."""
        self.say(f"kb: {printable(message)}")

    def error(self, message: str) -> None:
        self.say(f"kb: error: {printable(message)}")

    def say(self, line: str) -> None:
        """``line`` on stderr.  A stderr that cannot be written (``2>&-``, ``2>/dev/full``)
        loses the line and nothing else: the run keeps its documented exit code (the
        failed write raised OSError out of the handler of the first error, so a run with
        bad input ended 1, "nothing found"), and the stream's descriptor is pointed at the
        null device so that the flush at exit cannot fail again."""
        try:
            print(line, file=self.stderr, flush=True)
        except (OSError, ValueError):  # ValueError: a stream closed inside Python
            _to_null(self.stderr)

    def quiet_stdout(self) -> None:
        """The reader of stdout went away (``| head``): drop the rest silently.

        The stream's descriptor is pointed at the null device, so the final
        flush at exit cannot fail again.  A stream without a descriptor (a
        test's buffer) is left as it is.
        """
        _to_null(self.stdout)


def _to_null(stream: IO[str]) -> None:
    """Point ``stream``'s descriptor at the null device (a stream without one, a test's
    buffer, is left as it is)."""
    try:
        fd = stream.fileno()
    except (AttributeError, io.UnsupportedOperation, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
