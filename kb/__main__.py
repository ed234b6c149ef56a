"""``python -m kb``: the same as the ``kb`` command."""

from .startup import guard

guard()  # a stop signal while the app loads: one line and its exit code (kb.startup)

from .cli.app import run  # noqa: E402

run()
