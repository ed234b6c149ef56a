"""The first moments of the ``kb`` program: a stop signal before the app is loaded.

Loading the app (Typer, Click, kb's modules) takes a few tenths of a second, and
nothing is read or written then.  A ^C (SIGINT) in that time raised KeyboardInterrupt
inside some import, a traceback of Python's internals with exit 1, and SIGTERM or
SIGHUP ended the process silently.  :func:`guard` makes each of them end the run as
one does once the app runs (:mod:`kb.cli.app`): one line, ``kb: interrupted`` (with
the signal's name but for SIGINT), and exit 130, or 128 + the signal's number (143,
129).  :func:`kb.cli.app.main` puts its own handlers in place for the run and this
one back after it.  A signal the caller set to be ignored (``nohup``) stays ignored.
Only the interpreter's own start-up (some 30 ms before kb's first line) is left
unguarded.
"""

import signal
import sys

_NAMES = ("SIGINT", "SIGTERM", "SIGHUP")


def early_stop(signum, frame) -> None:
    """End the run at once, with the line and exit code of a run the signal stopped
    (nothing has been written yet: no write starts before the app has loaded)."""
    said = "" if signum == signal.SIGINT else f" ({signal.Signals(signum).name})"
    code = 130 if signum == signal.SIGINT else 128 + signum
    try:
        sys.stderr.write(f"kb: interrupted{said}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed: the exit code still says it
        raise SystemExit(code) from None
    raise SystemExit(code)


def guard() -> None:
    """Install :func:`early_stop` for SIGINT, SIGTERM and SIGHUP (those not ignored); the
    program's first step (``python -m kb``, and the ``kb`` script through :mod:`kb.cli.app`)."""
    for name in _NAMES:
        sig = getattr(signal, name, None)
        if sig is not None and signal.getsignal(sig) is not signal.SIG_IGN:
            signal.signal(sig, early_stop)
