"""The options every command shares, handed to it as one object.

A command is a plain function whose first parameter is an :class:`Options`;
one of the decorators below adds the shared command-line options to what
Typer sees and, on each call, builds the :class:`Options` from their values
and the :class:`~kb.cli.environment.Environment` that
:func:`kb.cli.app.main` put on the Click context.  Nothing is kept between
calls: there is no module state.

* :func:`output_options`: ``--format/-f``, ``--fields``, ``--header``,
  ``--sort``, ``--reverse/-r``, ``--limit/-n``, ``--no-color``, ``--no-pager``
  and ``--db``,
  for every command that prints a listing (how a listing is shaped:
  :mod:`kb.output.shape`);
* :func:`record_options`: ``--format/-f``, ``--no-color``, ``--no-pager`` and ``--db``, for
  a command that prints one record or a summary (``kb show``, ``kb stats``,
  ``kb ingest``);
* :func:`store_options`: ``--db`` alone, for a command with a format of its
  own (``kb export``).

Both also end a command quietly when the reader of its output goes away
(``kb timeline | head``).

Example::

    @output_options
    def sources(opts: Options) -> int:
        shown = opts.emit(columns.sources(opts.kb().sources()))
        return opts.found(len(shown.rows), "sources")
"""

from __future__ import annotations

import functools
import inspect
import os
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Callable, Optional, Sequence

import typer

from ..errors import EXIT_NOT_FOUND, EXIT_OK, KbError
from .environment import Environment

if TYPE_CHECKING:
    from ..output import OutputOptions, Report
    from ..query import KB


class Format(str, Enum):
    """The output formats of a listing command."""

    table = "table"
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


@dataclass(frozen=True)
class Options:
    """The shared options of one command run, and the environment it runs in.

    ``format`` is None when not given: a table on a terminal, TSV otherwise.
    ``db`` is the store named with ``--db`` or ``KB_DB``, None for the default.
    """

    env: Environment = field(default_factory=Environment)
    format: Optional[str] = None
    no_color: bool = False
    db: Optional[str] = None
    fields: Optional[str] = None
    sort: Optional[str] = None
    reverse: bool = False
    limit: Optional[int] = None
    header: bool = False
    no_pager: bool = False

    @property
    def output(self) -> OutputOptions:
        from ..output import OutputOptions
        from ..output.shape import Listing

        listing = Listing.parse(self.fields, self.sort, self.reverse, self.limit)
        return OutputOptions(self.format, self.no_color, listing=listing, header=self.header,
                             pager=not self.no_pager)

    @property
    def query_limit(self) -> Optional[int]:
        """The ``--limit`` a query may apply itself: none when the rows are re-ordered
        (``--sort``, ``--reverse``) before they are cut."""
        return None if (self.sort or self.reverse) else self.limit

    @property
    def tty(self) -> bool:
        """Whether the output is a table for a person (rather than data for a program)."""
        return self.output.resolved_format(self.env.stdout) == "table"

    def kb(self) -> KB:
        """The query layer over the store these options name."""
        from ..query import KB

        return KB(self.db)

    def emit(self, report: Report) -> Report:
        """Render ``report`` on stdout in the chosen format and shape; return it as shown."""
        from ..output import emit

        return emit(report, self.output, self.env.stdout, self.env.environ)

    def note(self, message: str) -> None:
        self.env.note(message)

    def found(self, n: int, what: str, notes: Sequence[str] = ()) -> int:
        """The exit code of a listing of ``n`` items; says the count to a person, or that none was
        found, on one line with ``notes`` (what the command had to say of its input) after it."""
        said = "; ".join(notes)
        if n == 0:
            self.note(f"no {what} found; {said}" if said else f"no {what} found")
            return EXIT_NOT_FOUND
        if self.tty:
            self.note(f"{n} {what}; {said}" if said else f"{n} {what}")
        elif said:
            self.note(said)
        return EXIT_OK


_KW = inspect.Parameter.KEYWORD_ONLY

FORMAT = inspect.Parameter(
    "format", _KW, annotation=Optional[Format],
    default=typer.Option(None, "--format", "-f", case_sensitive=False, metavar="FORMAT",
                         help="table, tsv, csv, json or jsonl. Default: table on a terminal, tsv otherwise."))
NO_COLOR = inspect.Parameter(
    "no_color", _KW, annotation=bool,
    default=typer.Option(False, "--no-color", help="No colour (NO_COLOR is honoured too)."))
DB = inspect.Parameter(
    "db", _KW, annotation=Optional[str],
    default=typer.Option(None, "--db", envvar="KB_DB", metavar="PATH",
                         help="Store to use. Default: your store if you have one, "
                              "else the shipped knowledge base."))
FIELDS = inspect.Parameter(
    "fields", _KW, annotation=Optional[str],
    default=typer.Option(None, "--fields", metavar="FIELD,...",
                         help="Only these fields, in this order: the columns of a table, TSV or CSV, "
                              "the keys of JSON (any key of the JSON objects)."))
HEADER = inspect.Parameter(
    "header", _KW, annotation=bool,
    default=typer.Option(False, "--header", help="TSV: begin with a line of the column names."))
SORT = inspect.Parameter(
    "sort", _KW, annotation=Optional[str],
    default=typer.Option(None, "--sort", metavar="FIELD",
                         help="Sort by this field (numbers as numbers, text case-blind, empty last)."))
REVERSE = inspect.Parameter(
    "reverse", _KW, annotation=bool,
    default=typer.Option(False, "--reverse", "-r", help="Reverse the order (the sorted one, or the usual one)."))
LIMIT = inspect.Parameter(
    "limit", _KW, annotation=Optional[int],
    default=typer.Option(None, "--limit", "-n", min=1, metavar="N", help="At most N rows."))
NO_PAGER = inspect.Parameter(
    "no_pager", _KW, annotation=bool,
    default=typer.Option(False, "--no-pager", help="Never page long output (KB_PAGER or PAGER, "
                                                   "else less -RFX, on a terminal)."))
CONTEXT = inspect.Parameter("kb_context", _KW, annotation=typer.Context)


def _check_db(db: str) -> None:
    """Refuse a ``--db`` that cannot name a store file, before anything is read or made:
    one ending in ``/`` or in a ``.`` or ``..`` part (pathlib drops those, and would read
    ``kb.json/.`` as ``kb.json`` or write a file named after the folder), or ``-``
    (a store is a file, never standard input: ``--db -`` would make a file named ``-``)."""
    if db.endswith(("/", os.sep)):
        raise KbError(f"--db: {db!r} ends in '/', so it names a folder; a store is a JSON file")
    if os.path.basename(db) in (".", ".."):
        raise KbError(f"--db: {db!r} ends in '{os.path.basename(db)}', so it names a folder; "
                      "a store is a JSON file")
    if db == "-":
        raise KbError("--db: '-' is standard input, and a store is a file; name the store's file")


def _shared(*params: inspect.Parameter) -> Callable[[Callable[..., int]], Callable[..., int]]:
    """A decorator that adds ``params`` to a command and hands it an :class:`Options`."""
    names = [p.name for p in params]

    def decorate(func: Callable[..., int]) -> Callable[..., int]:
        sig = inspect.signature(func, eval_str=True)
        _opts, *own = sig.parameters.values()

        @functools.wraps(func)
        def command(*args, kb_context: typer.Context, **kwargs) -> int:
            shared = {name: kwargs.pop(name) for name in names}
            fmt = shared.get("format")
            if shared.get("db") == "":  # KB_DB="" is unset; an empty --db names no file
                raise KbError("--db: the path is empty; name a store file")
            _check_db(shared.get("db") or "")
            env = kb_context.find_object(Environment) or Environment()
            if env.environ.get("KB_CACHE_DIR"):  # a relative one is refused before any work
                from ..store.paths import cache_dir

                cache_dir(env.environ)
            opts = Options(env=env, format=fmt.value if isinstance(fmt, Enum) else fmt,
                           no_color=bool(shared.get("no_color")), db=shared.get("db"),
                           fields=shared.get("fields"), sort=shared.get("sort"),
                           reverse=bool(shared.get("reverse")), limit=shared.get("limit"),
                           header=bool(shared.get("header")), no_pager=bool(shared.get("no_pager")))
            if "fields" in shared:  # --fields/--sort said nothing: refused before any work or read
                opts.output  # noqa: B018 (parsing them is the check)
            try:
                return func(opts, *args, **kwargs)
            except BrokenPipeError:
                env.quiet_stdout()
                return EXIT_OK

        everything = [*own, *params, CONTEXT]
        command.__signature__ = sig.replace(parameters=everything)
        command.__annotations__ = {p.name: p.annotation for p in everything}
        return command

    return decorate


output_options = _shared(FORMAT, FIELDS, HEADER, SORT, REVERSE, LIMIT, NO_COLOR, NO_PAGER, DB)
output_options.__doc__ = ("Give a listing command ``--format``, ``--fields``, ``--header``, ``--sort``, "
                          "``--reverse``, ``--limit``, ``--no-color``, ``--no-pager`` and ``--db``, and an :class:`Options`.")
record_options = _shared(FORMAT, NO_COLOR, NO_PAGER, DB)
record_options.__doc__ = ("Give a command ``--format``, ``--no-color``, ``--no-pager`` and ``--db``, "
                          "and an :class:`Options`.")
store_options = _shared(DB)
store_options.__doc__ = "Give a command ``--db``, and an :class:`Options`."
