"""The ``kb`` application: the Typer app, the entry point and its exit codes.

The commands live in :mod:`kb.cli.commands`, one module each; the app's
group (:class:`LazyCommands`) imports a command's module only when that
command is asked for.  :func:`main` runs the app in an
:class:`~kb.cli.environment.Environment` and turns every failure into one
line on stderr and an exit code (documented in :mod:`kb.errors`: 0 found,
1 nothing found, 2 bad input, 130 interrupted; a RecursionError is input nested
too deeply for some step, so bad input), and exits quietly when a
reader such as ``head`` closes the pipe.

SIGTERM and SIGHUP (:func:`_on_signal`) unwind the run as ^C does, so that a write
under way removes its temporary file and leaves the old file in place (kb's writes
are atomic, :mod:`kb.store.atomic`); the run ends with one line
(``kb: interrupted (SIGTERM)``) and the exit code a shell gives a process the
signal ended, 128 + its number (143, 129).  A signal the caller set to be
ignored (``nohup``) stays ignored.
"""

import sys
from typing import List, Optional

if sys.argv and sys.argv[0].rsplit("/", 1)[-1] == "kb":  # the kb script: guard the loading (kb.startup)
    from ..startup import guard

    guard()

import typer  # noqa: E402
from typer.core import TyperGroup

from ..errors import EXIT_BAD_INPUT, EXIT_OK, KbError, NotFound
from . import commands
from .environment import Environment, printable


class LazyCommands(TyperGroup):
    """The ``kb`` group: its commands are :data:`kb.cli.commands.NAMES`, each
    turned into a Click command from its module when first asked for."""

    def list_commands(self, ctx) -> list[str]:
        return list(commands.NAMES)

    def get_command(self, ctx, name: str):
        if name not in commands.NAMES:
            return None
        from typer.main import get_command_from_info
        from typer.models import CommandInfo

        from .typer_compat import tidy

        return tidy(get_command_from_info(CommandInfo(name=name, callback=commands.load(name)),
                                          pretty_exceptions_short=app.pretty_exceptions_short,
                                          rich_markup_mode=app.rich_markup_mode))


app = typer.Typer(
    name="kb",
    cls=LazyCommands,
    add_completion=True,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(ctx: typer.Context, value: bool) -> None:
    """``kb --version``: print the version and stop."""
    if value:
        from .. import __version__

        env = ctx.find_object(Environment) or Environment()
        print(f"kb {__version__}", file=env.stdout)
        raise typer.Exit()


@app.callback(epilog="Run 'kb COMMAND --help' for a command's options and examples; "
                     "'python -m kb.cli.manpage' writes the manual page (kb.1).")
def kb(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                    help="Print kb's version and exit.")) -> None:
    """Explore a knowledge base of events, people, organizations and places of
    Iran's modern political history, with every claim attributed to its source.

    \b
    Examples:
      kb timeline 1979 1988           events of those years
      kb who "Massoud Rajavi"         a profile, any spelling of the name
      kb search "death commissions"   ranked full-text search
      kb show 1988-massacre           one record, its claims and citations
      kb timeline -f json | jq ...    every command speaks TSV, CSV, JSON
    """


class Terminated(BaseException):
    """The run was asked to stop by a signal other than SIGINT (SIGTERM, SIGHUP).

    A BaseException, as KeyboardInterrupt is: no ``except Exception`` swallows it,
    and every ``finally`` and ``except BaseException`` on the way out runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _on_signal(signum, frame) -> None:
    """Turn SIGTERM or SIGHUP into :class:`Terminated`; a second one while the run
    unwinds is ignored, so that the clean-up is not cut short."""
    import signal

    for name in _STOP_SIGNALS:
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_IGN)
    raise Terminated(signum)


_STOP_SIGNALS = ("SIGTERM", "SIGHUP")


def _catch_signals() -> dict:
    """Install :func:`_on_signal`; return the handlers it replaced (none where signals
    cannot be caught here: not the main thread, or no such signal on this system)."""
    import signal

    from ..startup import early_stop

    previous = {}
    if signal.getsignal(signal.SIGINT) is early_stop:  # the run's ^C is KeyboardInterrupt (kb.startup)
        previous[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    for name in _STOP_SIGNALS:
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        try:
            if signal.getsignal(sig) is signal.SIG_IGN:
                continue
            previous[sig] = signal.signal(sig, _on_signal)
        except (ValueError, OSError):  # not the main thread
            break
    return previous


def _restore_signals(previous: dict) -> None:
    import signal

    for sig, handler in previous.items():
        signal.signal(sig, handler)


def main(argv: Optional[List[str]] = None, env: Optional[Environment] = None) -> int:
    """Run ``kb`` with ``argv`` (default: the process's) in ``env``; return the exit code."""
    previous = _catch_signals()
    try:
        return _main(argv, env)
    finally:
        _restore_signals(previous)


def _main(argv: Optional[List[str]], env: Optional[Environment]) -> int:
    from typer._click import exceptions as click_exc
    from typer.exceptions import Abort

    from .typer_compat import command

    env = env or Environment()
    try:
        code = command(app)(args=argv, prog_name="kb", standalone_mode=False, obj=env)
        if code is None:
            code = EXIT_OK
        elif code == 130:  # Typer turns ^C inside a command into a silent Exit(130)
            env.say("kb: interrupted")
    except click_exc.NoArgsIsHelpError as e:
        print(e.ctx.get_help(), file=env.stdout)
        code = EXIT_OK
    except click_exc.UsageError as e:
        msg = e.format_message().splitlines()[0] if e.format_message() else "bad usage"
        cmd = e.ctx.command_path if e.ctx else "kb"
        env.say(printable(f"{cmd}: {msg} (see '{cmd} --help')"))
        code = EXIT_BAD_INPUT
    except (Abort, KeyboardInterrupt):
        env.say("kb: interrupted")
        code = 130
    except Terminated as e:
        import signal

        env.say(f"kb: interrupted ({signal.Signals(e.signum).name})")
        code = 128 + e.signum
    except NotFound as e:
        env.note(str(e))
        code = e.code
    except KbError as e:
        env.error(str(e))
        code = e.code
    except BrokenPipeError:
        env.quiet_stdout()
        code = EXIT_OK
    except OSError as e:
        env.error(f"{e.strerror or e}: {e.filename or ''}".rstrip(": "))
        if e.filename is None:  # a stream failed (stdout on a full disk): drop what is pending
            env.quiet_stdout()
        code = EXIT_BAD_INPUT
    except UnicodeEncodeError as e:
        env.error(_not_text(argv if argv is not None else sys.argv[1:], e))
        code = EXIT_BAD_INPUT
    except RecursionError:  # input nested deeper than a step of kb follows (writes are atomic: nothing half-done)
        env.error("the input is nested too deeply for kb (a value inside hundreds of lists or objects)")
        code = EXIT_BAD_INPUT
    try:
        env.stdout.flush()
    except BrokenPipeError:
        env.quiet_stdout()
    except OSError as e:  # the last of the output could not be written (a full disk)
        env.error(e.strerror or str(e))
        env.quiet_stdout()
        code = code or EXIT_BAD_INPUT
    return code


def _not_text(argv: List[str], e: UnicodeEncodeError) -> str:
    """The message for text that could not be encoded: most often an argument that is
    not UTF-8 (Python keeps its bytes as surrogates), used where only text can go, such
    as a name looked up in the index.  Such a name can name nothing."""
    import os

    for arg in argv:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            try:        # the bytes are UTF-8, but the locale (LC_ALL=C) did not say so
                text = os.fsencode(arg).decode("utf-8")
            except (UnicodeError, ValueError):
                return f"'{arg}' is not valid UTF-8 text (is it in another encoding?)"
            return (f"'{text}' is not text in this locale ({sys.getfilesystemencoding()}); "
                    "run kb in a UTF-8 locale, such as LC_ALL=C.UTF-8")
    return f"cannot encode text as {e.encoding}: {e.reason}"


def utf8_argv(argv: List[str], utf8_mode: bool, fs_encoding: str) -> bool:
    """Should kb run again in Python's UTF-8 mode to read ``argv``?

    In an ASCII-only locale (``LC_ALL=C`` with ``PYTHONUTF8=0``) Python keeps the
    bytes of a non-ASCII argument as surrogates, so ``kb who "رجوی"`` names nothing
    and ``kb ingest یادداشت.md`` cannot be opened by its decoded name.  When every
    such argument is valid UTF-8, the user meant UTF-8 text: UTF-8 mode reads it as
    text and opens file names by the same bytes.  Arguments that are not UTF-8 are
    left as they are (and refused where text is needed, :func:`_not_text`)."""
    if utf8_mode or fs_encoding.lower().replace("-", "") == "utf8":
        return False
    import os

    odd = [a for a in argv if not a.isascii()]
    if not odd:
        return False
    try:
        for a in odd:
            os.fsencode(a).decode("utf-8")
    except (UnicodeError, ValueError):
        return False
    return True


def run() -> None:
    """The console script: ``kb`` (run again in UTF-8 mode when the locale cannot
    read its UTF-8 arguments: :func:`utf8_argv`)."""
    if utf8_argv(sys.argv[1:], bool(sys.flags.utf8_mode), sys.getfilesystemencoding()):
        import os

        os.execv(sys.executable, [sys.executable, "-X", "utf8", "-m", "kb", *sys.argv[1:]])
    sys.exit(main())
