"""A pager on a terminal for long output: KB_PAGER, else PAGER, else less -RFX;
--no-pager, an empty or 'cat' pager, a pipe or a short answer start none."""

import os
import sys

from conftest import MINI, ROOT, on_a_terminal

DB = ["--db", str(MINI)]

# a "pager" that marks every line it is given, so a test sees that it ran
MARK = f"{sys.executable} -c \"import sys; sys.stdout.write(''.join('PAGED:' + l for l in sys.stdin))\""


def _tty(args, **env_extra):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "LINES": "6", "TERM": "dumb",
           "NO_COLOR": "1", **env_extra}
    for var in ("KB_PAGER", "PAGER"):
        if var not in env_extra:
            env.pop(var, None)
    return on_a_terminal(args, env, stdin_too=True)


def test_long_output_goes_through_the_pager():
    code, out, _ = _tty(["timeline", *DB], KB_PAGER=MARK)
    lines = [line for line in out.splitlines() if line.strip()]
    assert code == 0 and len(lines) > 6
    assert all(line.startswith("PAGED:") for line in lines), out[:300]


def test_no_pager_option():
    code, out, _ = _tty(["timeline", *DB, "--no-pager"], PAGER=MARK)
    assert code == 0 and "PAGED:" not in out and "1988" in out


def test_a_short_answer_is_not_paged():
    code, out, _ = _tty(["timeline", "1971", *DB], KB_PAGER=MARK, LINES="40")
    assert code == 0 and "PAGED:" not in out and "Aug 1971" in out


def test_a_stand_in_terminal_or_pipe_is_never_paged(run):
    import io

    from kb.output.pager import is_terminal

    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert not is_terminal(Tty()) and not is_terminal(io.StringIO())
    with open(os.devnull, "w") as null:
        assert not is_terminal(null)


def test_pager_command():
    from kb.output.pager import pager_command

    assert pager_command({"KB_PAGER": "most -s", "PAGER": "less"}) == ["most", "-s"]
    assert pager_command({"PAGER": "less -R"}) == ["less", "-R"]
    assert pager_command({"KB_PAGER": "", "PAGER": "less"}) is None
    assert pager_command({"PAGER": "cat"}) is None
    assert pager_command({}) in (["less", "-RFX"], None)      # None where less is not installed
