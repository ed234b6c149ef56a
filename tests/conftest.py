"""Shared fixtures: an isolated environment and two ways to run kb.

Every test runs with its own cache and data folders, so no test reads or
writes the developer's real store or index.  ``run`` calls the CLI in-process
(fast, stdout is not a terminal, so output is TSV unless asked otherwise);
``sub`` runs ``python -m kb`` as a real process; :func:`run_in` calls it
in-process with an :class:`~kb.cli.environment.Environment` of its own (given
standard input, no environment variables unless given), for the hostile-input
tests that must not see the test run's variables.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini.json"


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("KB_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "xcache"))
    for var in ("KB_DB", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(var, raising=False)
    return home


class Result:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err

    def __repr__(self):
        return f"Result(code={self.code}, out={self.out[:200]!r}, err={self.err[:200]!r})"


@pytest.fixture
def run(capsys):
    """Run kb in-process: run('who', 'Rajavi') -> Result(code, out, err)."""
    from kb.cli.app import main

    def _run(*args: str) -> Result:
        code = main(list(args))
        cap = capsys.readouterr()
        return Result(code, cap.out, cap.err)

    return _run


def run_in(*argv: str, stdin: str = "", environ: dict | None = None) -> tuple[int, str, str]:
    """kb's ``main(argv, env)`` with an Environment of string streams: (exit code, stdout, stderr)."""
    import io

    from kb.cli.app import main
    from kb.cli.environment import Environment

    env = Environment(stdin=io.StringIO(stdin), stdout=io.StringIO(), stderr=io.StringIO(),
                      environ=environ or {})
    code = main(list(argv), env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def mini_store(tmp_path: Path) -> Path:
    """A copy of the small fixture store at ``tmp_path/st/kb.json``, for a test to damage or write."""
    s = tmp_path / "st" / "kb.json"
    s.parent.mkdir()
    import shutil

    shutil.copyfile(MINI, s)
    return s


def own_env(tmp_path: Path, **extra) -> dict:
    """An environment for :func:`run_in` whose cache, data and home folders are under ``tmp_path``."""
    env = {"KB_CACHE_DIR": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "HOME": str(tmp_path / "home")}
    env.update(extra)
    return env


def one_line(code: int, err: str, want: int = 2) -> None:
    """The run exited ``want`` with one line on stderr and no traceback."""
    assert code == want, err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err


@pytest.fixture
def sub():
    """Run kb as a real process, with stdout and stderr captured (so piped)."""

    def _sub(*args: str, env: dict | None = None, cwd=None, input=None) -> subprocess.CompletedProcess:
        full_env = {**os.environ, **(env or {})}
        full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
        return subprocess.run([sys.executable, "-m", "kb", *args], capture_output=True, text=True,
                              env=full_env, cwd=cwd or ROOT, input=input, timeout=120)

    return _sub


def refused(r, *words) -> None:
    """Assert a refusal: exit 2, nothing on stdout, one line on stderr naming each of ``words``."""
    assert r.code == 2, r
    assert r.out == ""
    assert len(r.err.splitlines()) == 1 and "Traceback" not in r.err, r.err
    for w in words:
        assert w in r.err, r.err


def on_a_terminal(args: list[str], env: dict, stdin_too: bool = False) -> tuple[int, str, str]:
    """Run ``python -m kb *args`` with stdout (and, with ``stdin_too``, stdin) on a
    pseudo-terminal; return the exit code, what it printed there and its stderr."""
    import pty
    import select

    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "kb", *args], stdout=slave,
                            stdin=slave if stdin_too else None, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    os.close(slave)
    chunks = []
    while select.select([master], [], [], 60)[0]:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace"), proc.stderr.read().decode()
