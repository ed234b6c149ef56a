"""A pager for long output on a terminal, as git and gh do.

:func:`pager_command` picks the pager: ``KB_PAGER`` if set, else ``PAGER``,
else ``less -RFX`` (raw colours, quit at once if it fits one screen, leave
the text on the screen) when ``less`` is installed.  Set to the empty string
or ``cat``, either variable turns paging off, as ``--no-pager`` does.

:func:`show` writes text through the pager only when it is longer than the
terminal is high and stdout is a real terminal (a descriptor that is a TTY),
so pipes, files and short answers never start one.  A pager that cannot be
started means the text is written directly; a pager quit early (``q`` in
less) ends the output quietly.  ``subprocess`` loads only on that path.
"""

from __future__ import annotations

import os
import shlex
import shutil
from typing import IO, Mapping

DEFAULT = "less -RFX"


def pager_command(environ: Mapping[str, str]) -> list[str] | None:
    """The pager's command line, or None for no pager."""
    for var in ("KB_PAGER", "PAGER"):
        if var in environ:
            cmd = environ[var].strip()
            break
    else:
        cmd = DEFAULT if shutil.which("less") else ""
    try:
        words = shlex.split(cmd)
    except ValueError:
        words = cmd.split()
    if not words or words[0] == "cat":
        return None
    return words


def is_terminal(stream: IO[str]) -> bool:
    """Whether ``stream`` is a real terminal (not a test's stand-in)."""
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def terminal_height(environ: Mapping[str, str]) -> int:
    try:
        return int(environ.get("LINES", "")) or shutil.get_terminal_size().lines
    except ValueError:
        return shutil.get_terminal_size().lines


def show(text: str, stream: IO[str], environ: Mapping[str, str]) -> None:
    """Write ``text`` to ``stream``, through the pager when it does not fit the screen."""
    cmd = pager_command(environ)
    if cmd is None or text.count("\n") < terminal_height(environ):
        stream.write(text)
        return
    import subprocess

    stream.flush()
    env = dict(environ)
    env.setdefault("LESS", "RFX")
    env.setdefault("LV", "-c")
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=stream, env=env,
                                encoding=getattr(stream, "encoding", None) or "utf-8", errors="backslashreplace")
    except OSError:
        stream.write(text)
        return
    try:
        proc.stdin.write(text)
        proc.stdin.close()
    except BrokenPipeError:     # the reader quit early: that is all right
        pass
    while True:
        try:
            proc.wait()
            break
        except KeyboardInterrupt:  # ^C belongs to the pager while it runs
            continue
