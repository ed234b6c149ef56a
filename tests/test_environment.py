"""main(argv, env): commands write only to the Environment they are given."""

import io

from conftest import MINI

from kb.cli.app import main
from kb.cli.environment import Environment

DB = ["--db", str(MINI)]


class Terminal(io.StringIO):
    def isatty(self):
        return True


class ClosedPipe(io.StringIO):
    def write(self, s):
        raise BrokenPipeError(32, "Broken pipe")


def _env(stdout=None, environ=None):
    return Environment(stdin=io.StringIO(), stdout=stdout or io.StringIO(), stderr=io.StringIO(),
                       environ=environ if environ is not None else {})


def test_a_terminal_gets_a_table_and_a_count(capsys):
    env = _env(Terminal())
    assert main(["timeline", "1971", *DB], env) == 0
    out = env.stdout.getvalue()
    assert "Event" in out and "1971-arrests" in out
    assert env.stderr.getvalue() == "kb: 1 events\n"
    assert capsys.readouterr() == ("", "")  # nothing went to the process's own streams


def test_a_pipe_gets_tsv_and_no_count():
    env = _env()
    assert main(["timeline", "1971", *DB], env) == 0
    assert env.stdout.getvalue().split("\t")[2] == "1971-arrests"
    assert env.stderr.getvalue() == ""


def test_colour_follows_the_environments_no_color():
    coloured, plain = _env(Terminal()), _env(Terminal(), {"NO_COLOR": "1"})
    main(["timeline", "1971", *DB], coloured)
    main(["timeline", "1971", *DB], plain)
    assert "\x1b[" in coloured.stdout.getvalue()
    assert "\x1b[" not in plain.stdout.getvalue()


def test_a_closed_pipe_ends_quietly():
    env = _env(ClosedPipe())
    assert main(["timeline", *DB], env) == 0
    assert env.stderr.getvalue() == ""


def test_errors_and_notes_go_to_the_environments_stderr():
    env = _env()
    assert main(["who", "Nobody Atall", *DB], env) == 1
    assert env.stderr.getvalue().startswith("kb: no entity named 'Nobody Atall'")
    env = _env()
    assert main(["timeline", "--limit", "0", *DB], env) == 2
    assert env.stderr.getvalue().count("\n") == 1
    assert env.stdout.getvalue() == ""


def test_ingest_reads_the_environments_stdin(tmp_path):
    store = tmp_path / "s.json"
    env = Environment(stdin=io.StringIO("On 5 June 2020 the harbour council met in Tabriz.\n"),
                      stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["ingest", "-", "--title", "Note", "--db", str(store)], env) == 0, env.stderr.getvalue()
    assert "added 1 documents" in env.stderr.getvalue()


def _closed(fd, args):
    import os
    import subprocess
    import sys

    from conftest import ROOT

    return subprocess.run([sys.executable, "-m", "kb", *args], capture_output=fd != 1 and fd != 0,
                          stderr=subprocess.PIPE if fd in (0, 1) else None, text=True, timeout=60,
                          preexec_fn=lambda: os.close(fd),
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def test_a_closed_stdout_is_no_traceback():
    r = _closed(1, ["timeline", *DB])
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr


def test_ingest_from_a_closed_stdin_is_one_line(tmp_path):
    r = _closed(0, ["ingest", "-", "--db", str(tmp_path / "s.json")])
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert not (tmp_path / "s.json").exists()


def test_stdout_on_a_full_disk_is_one_line_exit_2():
    import os
    import subprocess
    import sys

    from conftest import ROOT

    if not os.path.exists("/dev/full"):
        return
    for args in (["timeline", "1971"], ["timeline"], ["export"]):
        with open("/dev/full", "w") as full:
            r = subprocess.run([sys.executable, "-m", "kb", *args, *DB], stdout=full, stderr=subprocess.PIPE,
                               text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
        assert r.returncode == 2, (args, r.stderr)
        assert r.stderr == "kb: error: No space left on device\n", (args, r.stderr)
