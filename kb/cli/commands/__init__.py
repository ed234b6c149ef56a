"""kb's commands, one module each, all written the same way.

Each module holds one function named after its command: a first parameter
``opts`` (:class:`kb.cli.options.Options`, given by the ``output_options`` or
``store_options`` decorator), then its own Typer arguments and options; it
asks the query layer, hands the result to the output layer, and returns the
exit code.  Heavy imports (the query layer, rich, the ingest pipeline) stay
inside the function body, so ``kb --help`` loads none of them.

:data:`COMMANDS` is the order in which ``kb --help`` lists them.
"""

from .conflicts import conflicts
from .entities import entities
from .export import export
from .ingest import ingest
from .search import search
from .show import show
from .sources import sources
from .stats import stats
from .timeline import timeline
from .who import who

COMMANDS = (timeline, who, search, show, entities, sources, stats, conflicts, ingest, export)
