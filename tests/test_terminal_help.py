"""The clig.dev basics: --version, an Examples section in every command's help,
help that shows metavars as written, and a manual page generated from the help."""

import re
import shutil
import subprocess

import pytest

from kb.cli import commands


def test_version(run):
    from kb import __version__

    r = run("--version")
    assert (r.code, r.out, r.err) == (0, f"kb {__version__}\n", "")


def test_the_group_help_has_examples_and_names_the_version_option(run):
    out = run("--help").out
    assert "--version" in out and "Examples:" in out and "kb timeline 1979 1988" in out


@pytest.mark.parametrize("name", commands.NAMES)
def test_every_command_help_has_examples_of_itself(run, name):
    r = run(name, "--help")
    assert r.code == 0
    examples = r.out.split("Examples:", 1)
    assert len(examples) == 2, f"kb {name} --help has no Examples section"
    lines = [line.strip() for line in examples[1].split("Arguments:")[0].split("Options:")[0].splitlines()]
    assert any(re.search(rf"\bkb {name}\b", line) for line in lines), r.out


@pytest.mark.parametrize("name", commands.NAMES)
def test_help_shows_metavars_as_written(run, name):
    out = run(name, "--help").out
    usage = out.splitlines()[0]
    assert "[[" not in usage and "]..." not in usage.replace("[FILE]...", ""), usage
    assert not re.search(r"<(list\[|str>|int|bool)", out), out
    assert "[x>=" not in out


def test_timeline_usage_line(run):
    assert run("timeline", "--help").out.splitlines()[0] == "Usage: kb timeline [OPTIONS] [FROM [TO]]"


def test_man_page_is_generated_from_the_help():
    from kb.cli.manpage import render

    page = render()
    assert page.startswith(".TH KB 1 ")
    for name in commands.NAMES:
        assert f".SS kb {name} " in page, name
    for opt in ("\\-\\-sort", "\\-\\-fields", "\\-\\-within", "\\-\\-version", "\\-\\-dry\\-run"):
        assert opt in page, opt
    assert ".SH EXIT STATUS" in page and "kb show 1988\\-massacre" in page


@pytest.mark.skipif(shutil.which("groff") is None, reason="groff is not installed")
def test_man_page_formats_without_warnings(tmp_path):
    from kb.cli.manpage import main

    main([str(tmp_path)])
    p = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", str(tmp_path / "kb.1")],
                       capture_output=True, text=True, timeout=30)
    assert p.returncode == 0 and p.stderr == "", p.stderr
