"""A file is read once (a named pipe cannot be opened twice), and a date line is no title."""

import os
import threading

import pytest

from kb.ingest.reader import read_document
from kb.tag.source import read


def test_date_line_on_top_is_not_the_title(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text("March 3, 2004\n\nThe rally on Monday in Tehran.\n", encoding="utf-8")
    doc = read_document(str(f))
    assert doc.title == "The rally on Monday in Tehran."
    assert doc.published.start.isoformat() == "2004-03-03"


def test_a_title_that_opens_with_a_date_stays_the_title(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text("June 20, 1981: the demonstration in Tehran\n\nText.\n", encoding="utf-8")
    assert read_document(str(f)).title == "June 20, 1981: the demonstration in Tehran"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_tag_reads_a_named_pipe_once(tmp_path):
    fifo = tmp_path / "in"
    os.mkfifo(fifo)
    body = b"March 3, 2004\r\nThe rally on Monday in Tehran.\r\n"

    def write():
        with open(fifo, "wb") as fh:
            fh.write(body)

    t = threading.Thread(target=write)
    t.start()
    src = read(str(fifo))
    t.join(5)
    assert not t.is_alive()
    assert src.published.start.isoformat() == "2004-03-03"
    assert src.raw == body.decode()          # offsets map to the bytes read the one time


@pytest.mark.parametrize("env", [{"HOME": ""}, {"XDG_CACHE_HOME": "rel/cache"}])
def test_cache_folder_is_never_relative(monkeypatch, env):
    from kb.index.freshness import cache_dir

    monkeypatch.delenv("KB_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    d = cache_dir()
    assert d.is_absolute() and d.name == "kb" and str(d) != "/.cache/kb"
