"""The environment a run of kb works in: its streams and its variables.

As httpie does, :func:`kb.cli.app.main` takes an :class:`Environment` and
hands it to every command (through :class:`kb.cli.options.Options`), so no
command reads ``sys.stdout`` or ``os.environ`` itself, and a test can run kb
against streams of its own (a fake terminal, a closed pipe) by passing one.
"""

from __future__ import annotations

import io
import os
import sys
from dataclasses import dataclass, field
from typing import IO, Mapping


@dataclass
class Environment:
    """Where kb reads and writes.

    Each default is taken when the environment is made (not when this module
    is imported), so a test that swaps ``sys.stdout`` sees its own stream.
    Data goes to ``stdout``; notes and errors, one line each, to ``stderr``.
    """

    stdin: IO[str] = field(default_factory=lambda: sys.stdin)
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)
    environ: Mapping[str, str] = field(default_factory=lambda: os.environ)

    def note(self, message: str) -> None:
        """A hint or count for the user: stderr, never mixed with data."""
        print(f"kb: {message}", file=self.stderr)

    def error(self, message: str) -> None:
        print(f"kb: error: {message}", file=self.stderr)

    def quiet_stdout(self) -> None:
        """The reader of stdout went away (``| head``): drop the rest silently.

        The stream's descriptor is pointed at the null device, so the final
        flush at exit cannot fail again.  A stream without a descriptor (a
        test's buffer) is left as it is.
        """
        try:
            fd = self.stdout.fileno()
        except (AttributeError, io.UnsupportedOperation, ValueError):
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
