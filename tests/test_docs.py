"""The README documents every command and every option (as sqlite-utils' test_docs does)."""

import os
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


# ---- every `$ kb ...` example runs, and shows what kb prints (as sqlite-utils checks its docs) ----

def _examples() -> list[tuple[int, list[tuple[str, list[str]]]]]:
    """Each ```console block of the README: its line number and its (command, shown lines)."""
    blocks, block, start = [], None, 0
    for no, line in enumerate(README.splitlines(), 1):
        if line.startswith("```console"):
            block, start = [], no
        elif line.startswith("```") and block is not None:
            blocks.append((start, block))
            block = None
        elif block is not None:
            if line.startswith("$ "):
                block.append((line[2:], []))
            elif block:
                block[-1][1].append(line)
    return blocks


EXAMPLES = _examples()


def _pattern(shown: list[str]) -> "re.Pattern":
    """Shown lines as a pattern: a line '...' stands for any lines, '...' inside a line for any text."""
    parts = []
    for line in shown:
        if line == "...":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(re.escape(p) for p in line.split("...")) + r"\n")
    return re.compile("".join(parts))


def _bash(script: str, cwd, env: dict, stdin: str = "") -> tuple[int, str, str]:
    import subprocess

    p = subprocess.run(["bash", "-c", script], input=stdin, capture_output=True, text=True,
                       cwd=cwd, env=env, timeout=60)
    return p.returncode, p.stdout, p.stderr


def _pipeline(command: str) -> list[str]:
    """A command line cut at its pipes (not those inside quotes), less a trailing comment."""
    segments, cur, quote = [], "", None
    for ch in command:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (not cur or cur[-1].isspace()):
            break
        elif ch == "|":
            segments.append(cur.strip())
            cur = ""
            continue
        cur += ch
    return segments + [cur.strip()]


def _operators(segment: str) -> bool:
    """Whether a segment holds shell syntax beyond words (redirections, lists)."""
    import shlex

    lex = shlex.shlex(segment, posix=True, punctuation_chars="&;<>")
    lex.whitespace_split = True
    return any(w and set(w) <= set("&;<>") for w in lex)


def _run_example(command: str, cwd, env: dict) -> tuple[int, str, str]:
    """One example command line, in ``cwd``.  A pipeline with one ``kb`` in it runs that
    ``kb`` in-process (fast), what feeds it and what it feeds with bash; any other
    command line runs whole with bash, ``kb`` a function there."""
    import io
    import shlex
    import sys

    from kb.cli.app import main
    from kb.cli.environment import Environment

    segments = _pipeline(command)
    kb_at = [i for i, seg in enumerate(segments) if seg.startswith("kb ")]
    if len(kb_at) != 1 or any(_operators(seg) for seg in segments):
        script = f'kb() {{ "{sys.executable}" -m kb "$@"; }}\n{command}'
        return _bash(script, cwd, env)
    i = kb_at[0]
    stdin = ""
    if i:
        code, stdin, err = _bash(" | ".join(segments[:i]), cwd, env)
        assert code == 0, err
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        code = main(shlex.split(segments[i])[1:],
                    Environment(stdin=io.StringIO(stdin), stdout=out, stderr=err, environ=env))
    finally:
        os.chdir(here)
    if i == len(segments) - 1:
        return code, out.getvalue(), err.getvalue()
    _c, text, _e = _bash(" | ".join(segments[i + 1:]), cwd, env, stdin=out.getvalue())
    return code, text, err.getvalue()


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory):
    """One index cache for every example: the shipped knowledge base is indexed once."""
    return tmp_path_factory.mktemp("readme-cache")


@pytest.mark.parametrize("start,block", EXAMPLES, ids=[f"README.md:{s}" for s, _ in EXAMPLES])
def test_readme_example_runs_and_shows_what_kb_prints(start, block, tmp_path, monkeypatch, shared_cache):
    import shutil

    monkeypatch.setenv("KB_CACHE_DIR", str(shared_cache))
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)     # the store is ~/.local/share/kb/kb.json
    monkeypatch.setenv("PYTHONPATH", str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    env = dict(os.environ)
    for command, shown in block:
        for tool in ("jq", "cut", "grep", "head", "printf"):
            if re.search(rf"(^|\|\s*){tool}\b", command) and shutil.which(tool) is None:
                pytest.skip(f"{tool} is not installed")
        code, out, err = _run_example(command, tmp_path, env)
        out, err = (t.replace(str(home), "~") for t in (out, err))
        wanted_err = [line for line in shown if line.startswith("kb: ")]
        wanted_out = [line for line in shown if not line.startswith("kb: ")]
        where = f"README.md:{start}: $ {command}"
        assert "Traceback" not in err, f"{where}\n{err}"
        assert _pattern(wanted_out).fullmatch(out), f"{where}\nshown:\n" + "\n".join(wanted_out) + f"\ngot:\n{out}"
        if wanted_err:
            assert _pattern(wanted_err).fullmatch(err), f"{where}\nshown:\n" + "\n".join(wanted_err) + f"\ngot:\n{err}"
        if not shown:
            assert code == 0, f"{where}: exit {code}\n{err}"
