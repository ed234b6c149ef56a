"""The command line: thin Typer commands over :mod:`kb.query` and :mod:`kb.output`.

* :mod:`~kb.cli.app`: the app, :func:`main` and the exit codes;
* :mod:`~kb.cli.options`: the options every command shares, as one object;
* :mod:`~kb.cli.environment`: the streams and variables a run works in;
* :mod:`~kb.cli.commands`: one module per command;
* :mod:`~kb.cli.typer_compat`: argument coercion without pydantic, tidy help;
* :mod:`~kb.cli.complete`: shell completion's values, from a fresh index;
* :mod:`~kb.cli.manpage`: the manual page, generated from the help.
"""

from .app import app, main, run

__all__ = ("app", "main", "run")
