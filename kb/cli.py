"""The ``kb`` command line: thin Typer commands over :mod:`kb.queries`.

Each command parses its arguments, asks the query layer, and hands the plain
result to the output layer through a view from :mod:`kb.views`.  Every
listing command takes the same options, added by :func:`output_options`:
``--format/-f``, ``--no-color`` and ``--db``.

:func:`main` is the console entry point.  It turns every failure into one line
on stderr and an exit code (0 found, 1 nothing found, 2 bad input), and exits
quietly when a reader such as ``head`` closes the pipe.
"""

import functools
import inspect
import os
import sys
from enum import Enum
from typing import List, Optional

import typer

from .errors import EXIT_BAD_INPUT, EXIT_NOT_FOUND, EXIT_OK, KbError, NotFound


class Format(str, Enum):
    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


app = typer.Typer(
    name="kb",
    help="Explore a knowledge base of events, people, organizations and places "
    "of Iran's modern political history, with every claim attributed to its source.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class _State:
    """Options of the running command (set by :func:`output_options`)."""

    format: Optional[str] = None
    no_color: bool = False
    db: Optional[str] = None


STATE = _State()

_COMMON = [
    inspect.Parameter("format", inspect.Parameter.KEYWORD_ONLY, annotation=Optional[Format],
                      default=typer.Option(None, "--format", "-f", case_sensitive=False,
                                           help="Output format. Default: table on a terminal, tsv otherwise.")),
    inspect.Parameter("no_color", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
                      default=typer.Option(False, "--no-color", help="No colour (NO_COLOR is honoured too).")),
    inspect.Parameter("db", inspect.Parameter.KEYWORD_ONLY, annotation=Optional[str],
                      default=typer.Option(None, "--db", envvar="KB_DB", metavar="PATH",
                                           help="Store to use. Default: your store if you have one, else the shipped knowledge base.")),
]


def output_options(func):
    """Give a command the shared ``--format``, ``--no-color`` and ``--db`` options."""
    sig = inspect.signature(func)

    @functools.wraps(func)
    def wrapper(*args, format=None, no_color=False, db=None, **kwargs):
        STATE.format = format.value if isinstance(format, Format) else format
        STATE.no_color = no_color
        STATE.db = db
        try:
            return func(*args, **kwargs)
        except BrokenPipeError:
            _quiet_stdout()
            return EXIT_OK

    wrapper.__signature__ = sig.replace(parameters=[*sig.parameters.values(), *_COMMON])
    wrapper.__annotations__ = {**func.__annotations__, **{p.name: p.annotation for p in _COMMON}}
    return wrapper


def _quiet_stdout() -> None:
    """The reader of our stdout went away (``| head``): drop the rest silently."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _opts():
    from .output import OutputOptions

    return OutputOptions(STATE.format, STATE.no_color)


def _tty() -> bool:
    return _opts().resolved_format() == "table"


def _kb():
    from .queries import KB

    return KB(STATE.db)


def _emit(view) -> None:
    from .output import emit

    emit(view, _opts())


def note(message: str) -> None:
    """A hint or count for the user: stderr, never mixed with data."""
    print(f"kb: {message}", file=sys.stderr)


def _found(n: int, what: str) -> int:
    if n == 0:
        note(f"no {what} found")
        return EXIT_NOT_FOUND
    if _tty():
        note(f"{n} {what}")
    return EXIT_OK


# ---------------------------------------------------------------------------
# commands

@app.command()
@output_options
def timeline(
    bounds: List[str] = typer.Argument(None, metavar="[FROM [TO]]",
                                       help="Year, year-month, day or written date ('July 1988'). "
                                            "One bound: that period. '..' leaves an end open."),
    entity: List[str] = typer.Option(None, "--entity", "-e", help="Only events involving this entity (repeatable: all must match)."),
    tag: List[str] = typer.Option(None, "--tag", "-t", help="Only events with this tag (repeatable)."),
    source: List[str] = typer.Option(None, "--source", "-s", help="Only events citing this source id (repeatable)."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many events."),
):
    """Events in date order whose dates overlap FROM..TO."""
    from . import views
    from .queries import parse_range

    lo, hi = parse_range(bounds or [])
    rows = _kb().timeline(lo, hi, entity or [], tag or [], source or [], limit)
    _emit(views.events(rows, tty=_tty()))
    return _found(len(rows), "events")


@app.command()
@output_options
def who(
    name: str = typer.Argument(..., help="A name in any spelling, an alias or an entity id."),
    limit: Optional[int] = typer.Option(None, "--limit", "-n", min=1, help="At most this many events."),
):
    """An entity's profile, its events, the entities it appears with, its sources."""
    from . import views
    from .queries import Ambiguous

    try:
        profile = _kb().who(name, limit)
    except Ambiguous as e:
        note(f"{e}; name one of them")
        _emit(views.candidates(e.candidates))
        return EXIT_NOT_FOUND
    _emit(views.profile(profile, tty=_tty()))
    return EXIT_OK


@app.command()
@output_options
def search(
    query: str = typer.Argument(..., help='Words, "phrases", prefix*, AND / OR / NOT.'),
    kind: List[str] = typer.Option(None, "--kind", "-k", help="Only hits of this kind: event, entity, source (repeatable)."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="At most this many hits."),
):
    """Ranked full-text search over events, entities and sources."""
    from . import views

    hits, notes = _kb().search(query, [k.lower() for k in kind or []], limit)
    for n in notes:
        note(n)
    _emit(views.hits(hits))
    return _found(len(hits), "hits")


@app.command()
@output_options
def show(ident: str = typer.Argument(..., metavar="ID", help="Event, entity or source id (or an entity's name).")):
    """One event, entity or source in full, with its claims and citations."""
    from . import views

    _emit(views.record(_kb().show(ident)))
    return EXIT_OK


@app.command()
@output_options
def entities(
    type: List[str] = typer.Option(None, "--type", "-T", help="Only this type: person, organization, place... (repeatable)."),
):
    """All entities, by name."""
    from . import views

    rows = _kb().entities(type or [])
    _emit(views.entities(rows))
    return _found(len(rows), "entities")


@app.command()
@output_options
def sources():
    """The source documents the knowledge base cites."""
    from . import views

    rows = _kb().sources()
    _emit(views.sources(rows))
    return _found(len(rows), "sources")


@app.command()
@output_options
def stats():
    """Counts, and events per decade as a bar chart."""
    from . import views

    _emit(views.stats(_kb().stats()))
    return EXIT_OK


@app.command()
@output_options
def conflicts():
    """Every disagreement between sources: each version with its source."""
    from . import views

    rows = _kb().conflicts()
    _emit(views.conflicts(rows))
    return _found(len({(r["event"], r["measure"]) for r in rows}), "disagreements")


# ---------------------------------------------------------------------------
# entry point

def main(argv: Optional[List[str]] = None) -> int:
    """Run ``kb``; return (and, as a script, exit with) the exit code."""
    from typer._click import exceptions as click_exc
    from typer.exceptions import Abort

    try:
        from .coercion import command

        code = command(app)(args=argv, prog_name="kb", standalone_mode=False)
        if code is None:
            code = EXIT_OK
    except click_exc.NoArgsIsHelpError as e:
        print(e.ctx.get_help())
        code = EXIT_OK
    except click_exc.UsageError as e:
        msg = e.format_message().splitlines()[0] if e.format_message() else "bad usage"
        cmd = e.ctx.command_path if e.ctx else "kb"
        print(f"{cmd}: {msg} (see '{cmd} --help')", file=sys.stderr)
        code = EXIT_BAD_INPUT
    except (Abort, KeyboardInterrupt):
        print("kb: interrupted", file=sys.stderr)
        code = 130
    except NotFound as e:
        note(str(e))
        code = e.code
    except KbError as e:
        print(f"kb: error: {e}", file=sys.stderr)
        code = e.code
    except BrokenPipeError:
        _quiet_stdout()
        code = EXIT_OK
    except OSError as e:
        print(f"kb: error: {e.strerror or e}: {e.filename or ''}".rstrip(": "), file=sys.stderr)
        code = EXIT_BAD_INPUT
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    return code


def run() -> None:
    sys.exit(main())

from .commands import ingest as _ingest  # noqa: E402
_ingest.register(app)
from .commands import export as _export  # noqa: E402
_export.register(app)
