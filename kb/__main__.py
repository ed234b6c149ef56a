"""``python -m kb``: the same as the ``kb`` command."""

from .cli.app import run

run()
