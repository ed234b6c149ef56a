"""The shape of the house: import graph, module sizes, commands written one way.

These read kb's source as text (``ast``); they run nothing of it except where
a command's signature is checked.
"""

import ast
import inspect
from pathlib import Path

import pytest

from conftest import ROOT

PKG = ROOT / "kb"
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PKG.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _package_of(name: str, path: Path) -> str:
    return name if path.name == "__init__.py" else name.rpartition(".")[0]


def _imports(name: str, path: Path) -> set[str]:
    """kb modules ``name`` imports anywhere in its text (lazy imports in bodies included)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = _package_of(name, path)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kb"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")
                base = base[:len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "kb":
                continue
            for alias in node.names:  # ``from . import names``: the submodule when there is one
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in MODULES else target)
    return {m for m in found if m in MODULES and m != name}


def _cycle() -> list[str] | None:
    graph = {name: _imports(name, path) for name, path in MODULES.items()}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str):
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None

    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_the_import_graph_finds_kb_modules():
    """The graph below is not vacuous: known edges are seen, lazy imports included."""
    assert "kb.query" in _imports("kb.cli.options", MODULES["kb.cli.options"])
    assert "kb.names.resolve" in _imports("kb.query.kb", MODULES["kb.query.kb"])
    assert "kb.store.atomic" in _imports("kb.export", MODULES["kb.export"])


def test_no_import_cycle_inside_kb():
    assert _cycle() is None, " -> ".join(_cycle())


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_over_600_lines(name):
    n = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{name} has {n} lines"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_says_what_it_holds(name):
    assert ast.get_docstring(ast.parse(MODULES[name].read_text(encoding="utf-8"))), name


CLI_MODULES = sorted(n for n in MODULES if n.startswith("kb.cli"))


@pytest.mark.parametrize("name", CLI_MODULES)
def test_cli_keeps_no_module_state(name):
    """No ``global`` statement, and no module-level list, dict or set to mutate."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Global)], f"{name} uses global"
    for node in tree.body:
        value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
        mutable = (ast.List, ast.Dict, ast.Set, ast.ListComp, ast.DictComp, ast.SetComp)
        assert not isinstance(value, mutable), f"{name}:{node.lineno} keeps a mutable value"


def test_every_command_is_written_the_same_way():
    from kb.cli import commands
    from kb.cli.options import Options

    command_files = {p.stem for p in (PKG / "cli" / "commands").glob("*.py")} - {"__init__"}
    assert command_files == set(commands.NAMES)
    for name in commands.NAMES:
        func = commands.load(name)
        assert func.__name__ == name and func.__module__ == f"kb.cli.commands.{name}"
        original = inspect.unwrap(func)
        first = next(iter(inspect.signature(original, eval_str=True).parameters.values()))
        assert first.annotation is Options, name
        params = inspect.signature(func).parameters
        assert "db" in params and "kb_context" in params, name
        assert "opts" not in params, name


def test_a_command_loads_only_its_own_module():
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom kb.cli.app import main\nmain(['sources'])\n"
            "print(sorted(m for m in sys.modules if m.startswith('kb.cli.commands.')), file=sys.stderr)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.stderr.strip().splitlines()[-1] == "['kb.cli.commands.sources']", r.stderr
