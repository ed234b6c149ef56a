"""kb.cli.typer_compat: Typer's results and messages, without loading pydantic."""

import json
import os
import subprocess
import sys

import pytest

from conftest import MINI, ROOT

PROBE = ROOT / "tests" / "fixtures" / "typer" / "probe_app.py"


def _probe(mode: str, env: dict | None = None) -> tuple[list, bool]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                **(env or {})}
    r = subprocess.run([sys.executable, str(PROBE), mode], capture_output=True, text=True,
                       env=full_env, timeout=60)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    return lines, r.stderr.strip().endswith("True")


@pytest.fixture(scope="module")
def both():
    return _probe("typer"), _probe("compat")


def test_values_coerce_as_typer_does(both):
    (typer_out, _), (compat_out, _) = both
    assert compat_out[:-1] == typer_out[:-1]  # every successful run printed the same values
    assert compat_out[2] == [3, "red", False, ["a", "b"], "q"]


def test_error_messages_are_typers_less_pydantics_prefix(both):
    (typer_out, _), (compat_out, _) = both
    assert compat_out[-1] == [m.replace("Value error, ", "") for m in typer_out[-1]]


def test_error_messages_pinned(both):
    _, (compat_out, _) = both
    assert compat_out[-1][:5] == [
        "Invalid value for '-n': Input should be greater than or equal to 1",
        "Invalid value for '-n': Input should be less than or equal to 9",
        "Invalid value for '-n': Input should be a valid integer, unable to parse string as an integer",
        "ok",
        "Invalid value for '-c': 'green' is not one of 'red', 'blue'.",
    ]


def test_compat_does_not_import_pydantic_where_typer_does(both):
    (_, typer_pydantic), (_, compat_pydantic) = both
    assert typer_pydantic is True
    assert compat_pydantic is False


@pytest.mark.parametrize("args", [
    ["who", "Massoud Rajavi"],
    ["timeline", "1979", "1988", "-n", "3"],
    ["search", "executions", "-k", "event"],
    ["show", "1988-executions", "-f", "json"],
])
def test_query_commands_do_not_import_pydantic(args):
    code = ("import sys\nfrom kb.cli.app import main\n"
            f"code = main({args!r} + ['--db', {str(MINI)!r}])\n"
            "print(code, 'pydantic' in sys.modules, file=sys.stderr)\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.stderr.strip().splitlines()[-1] == "0 False", r.stderr
