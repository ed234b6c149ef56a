"""Hostile input, eighth hunt, round two: files kb may not read, and standard input that is a folder.

* Unreadable files cannot be made as root (root reads everything), so the test
  simulates one: ``open``, ``io.open`` and ``os.open`` refuse one path with
  EACCES, as the kernel would for a file of mode 000.  A document kb may not read
  is one line and exit 2 (``kb ingest``: the other files still go in; ``kb tag``:
  the others are still tagged); a store it may not read is one line and exit 2 for
  every command, and ingest leaves it as it was; a lock file it may not open is one
  line and exit 2, the store untouched.
* Standard input that is a folder (``kb ingest - < /``): CPython refuses it while
  it starts (``init_sys_streams: <stdin> is a directory, cannot continue``), before
  any of kb's code runs, so kb cannot say its own line: the exit status is 1 and the
  store is never opened.  The test pins that down, so a change in Python shows.
* A file replaced by a folder after kb looked at it, or grown past the limit while
  read, is one line (simulated: the look-up is patched); a text whose lines end in
  U+2028 has its first line for title (the whole text was taken); a file swapped for
  a named pipe after kb looked at it does not hang the open (simulated the same way).

Every document and store is built here, in tmp_path.
"""

from __future__ import annotations

import builtins
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_in

ROOT = Path(__file__).resolve().parents[1]
_OPEN = builtins.open  # the real one, for the test's own reads while a path is denied


def _bytes(path) -> bytes:
    with _OPEN(path, "rb") as fh:
        return fh.read()


def _run(*argv: str, cache=None) -> tuple[int, str, str]:
    return run_in(*argv, environ={"KB_CACHE_DIR": str(cache)} if cache else None)


@pytest.fixture
def deny(monkeypatch):
    """``deny(path)``: from now on, opening ``path`` fails with EACCES (as for mode 000, which root ignores)."""
    denied: set[str] = set()
    real_open, real_os_open = builtins.open, os.open

    def _denied(p) -> bool:
        if isinstance(p, int):
            return False
        try:
            return os.path.abspath(os.fsdecode(p)) in denied
        except TypeError:
            return False

    def fake_open(file, *a, **k):
        if _denied(file):
            raise PermissionError(13, "Permission denied", os.fsdecode(file))
        return real_open(file, *a, **k)

    def fake_os_open(path, *a, **k):
        if _denied(path):
            raise PermissionError(13, "Permission denied", os.fsdecode(path))
        return real_os_open(path, *a, **k)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)
    monkeypatch.setattr(os, "open", fake_os_open)
    return lambda p: denied.add(os.path.abspath(p))


def _docs(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("On 3 March 2021 a march took place in Tabriz.\n")
    b.write_text("On 4 March 2021 the Zorvanic council met in Tehran.\n")
    return a, b


def test_an_unreadable_document_is_one_line_and_the_others_go_in(tmp_path, deny):
    a, b = _docs(tmp_path)
    store = tmp_path / "kb.json"
    deny(a)
    code, _, err = _run("ingest", str(a), str(b), "--db", str(store), cache=tmp_path / "c")
    assert code == 2 and "Traceback" not in err
    assert [line for line in err.splitlines() if "a.txt" in line] == [f"kb: error: {a}: cannot be read (Permission denied)"]
    assert "Zorvanic" in store.read_text()


def test_tag_an_unreadable_document_is_one_line_and_the_others_are_tagged(tmp_path, deny):
    a, b = _docs(tmp_path)
    deny(a)
    code, out, err = _run("tag", str(a), str(b), "-k", "date", "-f", "tsv", "--fields", "file,text")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Permission denied" in err
    assert out == f"{b}\t4 March 2021\n"


@pytest.mark.parametrize("argv", [["timeline", "1988"], ["search", "march"], ["show", "x"], ["export"],
                                  ["ingest", "DOC"]])
def test_an_unreadable_store_is_one_line_for_every_command(tmp_path, deny, argv):
    _, b = _docs(tmp_path)
    store = tmp_path / "kb.json"
    store.write_text(json.dumps({"sources": {}, "entities": {}, "events": {}}))
    before = store.read_bytes()
    deny(store)
    code, out, err = _run(*[str(b) if a == "DOC" else a for a in argv], "--db", str(store), cache=tmp_path / "c")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "Permission denied" in err, err
    assert _bytes(store) == before and not list(tmp_path.glob("kb.json.*tmp*"))


def test_an_unopenable_lock_file_is_one_line_and_the_store_is_untouched(tmp_path, deny):
    _, b = _docs(tmp_path)
    store = tmp_path / "kb.json"
    store.write_text(json.dumps({"sources": {}, "entities": {}, "events": {}}))
    before = store.read_bytes()
    deny(str(store) + ".lock")
    code, _, err = _run("ingest", str(b), "--db", str(store), cache=tmp_path / "c")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Permission denied" in err, err
    assert _bytes(store) == before


@pytest.mark.skipif(not os.path.isdir("/"), reason="needs a folder to give as standard input")
@pytest.mark.parametrize("cmd", [["ingest", "-"], ["tag", "-"]])
def test_standard_input_that_is_a_folder_stops_python_before_kb_runs(tmp_path, cmd):
    store = tmp_path / "kb.json"
    store.write_text(json.dumps({"sources": {}, "entities": {}, "events": {}}))
    before = store.read_bytes()
    folder = os.open(tmp_path, os.O_RDONLY)
    try:
        p = subprocess.run([sys.executable, "-m", "kb", *cmd, "--db", str(store)], stdin=folder, capture_output=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=30)
    finally:
        os.close(folder)
    assert p.returncode == 1 and b"is a directory" in p.stderr and p.stdout == b""
    assert store.read_bytes() == before


# -- a file that changes while kb reads it ------------------------------------------------------

def test_a_file_replaced_by_a_folder_after_kb_looked_is_one_line(tmp_path, monkeypatch):
    """The folder test passes (it was a file then), the open meets a folder: one line, exit 2."""
    from kb.ingest import reader

    folder = tmp_path / "was-a-file.txt"
    folder.mkdir()
    monkeypatch.setattr(reader.Path, "is_dir", lambda self: False)
    with pytest.raises(reader.IngestError, match=r"was-a-file.txt: cannot be read \(Is a directory\)"):
        reader.read_bytes(str(folder))


def test_a_file_that_grows_past_the_limit_while_read_is_refused_not_read_whole(tmp_path, monkeypatch):
    """Its size when kb looked was small; what is read is capped one byte past the limit."""
    from kb.ingest import reader

    f = tmp_path / "grows.txt"
    f.write_bytes(b"On 3 March 2021 a march. " * 100)           # 2,500 bytes
    monkeypatch.setattr(reader, "MAX_BYTES", 1000)
    real_stat = reader.Path.stat

    class Small:                                             # what stat said before the file grew
        def __init__(self, st):
            self.st_mode, self.st_size = st.st_mode, 10

    monkeypatch.setattr(reader.Path, "stat", lambda self, **k: Small(real_stat(self, **k)))
    with pytest.raises(reader.IngestError, match="too big"):
        reader.read_bytes(str(f))


def test_a_text_whose_lines_end_in_u2028_has_its_first_line_for_title(tmp_path):
    """U+2028 (LINE SEPARATOR) and U+2029 end a line: the title is the first one, not the whole text."""
    from kb.ingest.reader import read_document

    f = tmp_path / "sep.txt"
    f.write_text("Reading notes\u2028\u2028On 3 March 2021 a march took place in Tabriz.\u2029"
                 + "On 4 March 2021 the council met. " * 10, encoding="utf-8")
    assert read_document(str(f)).title == "Reading notes"


def test_a_file_swapped_for_a_pipe_after_kb_looked_does_not_hang(tmp_path, monkeypatch):
    """stat saw a regular file; the open meets a named pipe nobody writes to. The open does
    not block: what was opened is asked what it is, and a silent pipe is given up after
    PIPE_WAIT, in one line."""
    import threading

    from kb.ingest import reader

    fifo = tmp_path / "swapped.txt"
    os.mkfifo(fifo)
    regular = tmp_path / "regular.txt"
    regular.write_bytes(b"On 3 March 2021 a march.")
    real_stat = reader.Path.stat
    monkeypatch.setattr(reader.Path, "stat",
                        lambda self, **k: real_stat(regular if self == fifo else self, **k))
    monkeypatch.setattr(reader, "PIPE_WAIT", 0.1)
    outcome = []

    def read():
        try:
            reader.read_bytes(str(fifo))
        except reader.IngestError as e:
            outcome.append(str(e))

    t = threading.Thread(target=read, daemon=True)
    t.start()
    t.join(5)
    if t.is_alive():                       # free the blocked open before failing
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        t.join(5)
        pytest.fail("the open of a pipe that looked like a file blocked")
    assert outcome and "nothing came through the pipe" in outcome[0]
