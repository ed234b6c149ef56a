"""The README documents every command and every option (as sqlite-utils' test_docs does)."""

import re

import pytest

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADINGS = [line for line in README.splitlines() if line.startswith("### ")]


def _commands():
    from kb.cli.app import app
    from kb.cli.typer_compat import command

    group = command(app)
    return {name: group.get_command(None, name) for name in group.list_commands(None)}


COMMANDS = _commands()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_a_readme_section(name):
    assert any(f"`kb {name}" in h for h in HEADINGS), f"no '### `kb {name} ...`' heading in README.md"


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help(name):
    assert COMMANDS[name].help and COMMANDS[name].help.strip(), name


OPTIONS = sorted({(name, opt) for name, cmd in COMMANDS.items() for p in cmd.params
                  for opt in p.opts if opt.startswith("--")})


@pytest.mark.parametrize("name,option", OPTIONS)
def test_every_option_is_in_the_readme(name, option):
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", README), \
        f"kb {name} {option} is not documented in README.md"
