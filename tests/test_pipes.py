"""kb as a real process: pipes, broken pipes, colour on a terminal, stdout vs stderr."""

import json
import os
import shutil
import subprocess
import sys

import pytest

from conftest import MINI, ROOT, on_a_terminal


def test_piped_output_is_tsv_without_colour(sub):
    p = sub("timeline", "1979", "1988")
    assert p.returncode == 0
    assert "\x1b[" not in p.stdout
    lines = p.stdout.splitlines()
    assert lines and all(len(l.split("\t")) == 6 for l in lines)
    assert p.stderr == ""  # no count when piped: stdout is pure data


def test_head_closes_the_pipe_quietly():
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run(f"{sys.executable} -m kb timeline | head -1", shell=True, capture_output=True,
                       text=True, env=env, cwd=ROOT, timeout=120)
    assert p.returncode == 0
    assert len(p.stdout.splitlines()) == 1
    assert p.stderr == "", p.stderr


def test_cut_and_jq_style_pipelines(sub):
    p = sub("who", "Massoud Rajavi", "-f", "json")
    who = json.loads(p.stdout)
    assert who["name"] == "Massoud Rajavi" and who["events"]
    ids = [l.split("\t")[2] for l in sub("who", "Massoud Rajavi").stdout.splitlines()]
    assert ids == [e["id"] for e in who["events"]]


def test_errors_go_to_stderr_with_exit_codes(sub):
    p = sub("timeline", "not-a-date")
    assert (p.returncode, p.stdout) == (2, "")
    assert p.stderr.startswith("kb: error:") and p.stderr.count("\n") == 1
    p = sub("who", "Zzyzx Qwerty")
    assert (p.returncode, p.stdout) == (1, "")
    p = sub("search", "zzyzxqwerty")
    assert (p.returncode, p.stdout) == (1, "")


def _tty_run(args, env_extra=None):
    """Run kb with stdout on a pseudo-terminal; return everything it printed there."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "120", "TERM": "xterm-256color",
           **(env_extra or {})}
    env.pop("NO_COLOR", None) if not (env_extra or {}).get("NO_COLOR") else None
    return on_a_terminal(args, env)


def test_terminal_gets_a_coloured_table():
    code, out, err = _tty_run(["timeline", "1971", "--db", str(MINI)])
    assert code == 0
    assert "\x1b[" in out and "Aug 1971" in out
    assert "1 events" in err


@pytest.mark.parametrize("how", [{"NO_COLOR": "1"}, "--no-color"])
def test_no_color_is_honoured_on_a_terminal(how):
    args = ["timeline", "1971", "--db", str(MINI)]
    if how == "--no-color":
        code, out, _ = _tty_run(args + ["--no-color"])
    else:
        code, out, _ = _tty_run(args, how)
    assert code == 0 and "Aug 1971" in out
    assert "\x1b[" not in out


@pytest.mark.skipif(shutil.which("kb") is None, reason="kb is not installed as a command")
def test_installed_command_finds_shipped_data_from_any_directory(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    p = subprocess.run(["kb", "timeline", "1979", "1988"], capture_output=True, text=True, cwd=tmp_path,
                       env=env, timeout=120)
    assert p.returncode == 0 and p.stdout.count("\n") > 5
