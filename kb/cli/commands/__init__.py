"""kb's commands, one module each, all written the same way.

Each module holds one function named after its command: a first parameter
``opts`` (:class:`kb.cli.options.Options`, given by the ``output_options`` or
``store_options`` decorator), then its own Typer arguments and options; it
asks the query layer, hands the result to the output layer, and returns the
exit code.  Heavy imports (the query layer, rich, the ingest pipeline) stay
inside the function body.

:data:`NAMES` is the order in which ``kb --help`` lists them; :func:`load`
imports one command's module only when that command runs (or ``--help``
lists it), so ``kb who`` does not load the others.
"""

from importlib import import_module
from typing import Callable

NAMES = ("timeline", "who", "search", "show", "entities", "sources", "claims", "tags", "stats", "conflicts",
         "ingest", "tag", "export")


def load(name: str) -> Callable[..., int]:
    """The function of the command ``name`` (one of :data:`NAMES`)."""
    if name not in NAMES:
        raise KeyError(name)
    return getattr(import_module(f"{__name__}.{name}"), name)
