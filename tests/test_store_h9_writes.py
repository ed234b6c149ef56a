"""Writes that name what they kept: a full disk while the store is written, and a store
path that is a symbolic link into a folder that does not exist.

* An ``OSError`` from ``os.write`` or ``fsync`` inside :func:`kb.store.atomic.replacing`
  carries no file name; it is raised again naming the target, which is left unchanged
  (and the temporary file removed), so the one-line error says which file was kept.
* ``kb ingest --db LINK`` where LINK points into a folder that does not exist is
  refused in one line, exit 2; no folder is made for it (``mkdir -p`` through a
  dangling link made folders anywhere the link named).

Every store is built here, in tmp_path.
"""

from __future__ import annotations

import errno
import os

import pytest

from conftest import run_in
from kb.store import atomic


_run = run_in


def test_a_full_disk_names_the_file_it_kept(tmp_path):
    target = tmp_path / "store.json"
    target.write_text('{"old": true}')

    def fill(fh):
        fh.write("partial")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with pytest.raises(OSError) as caught:
        atomic.write_text(target, fill)
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(target)
    assert "left unchanged" in caught.value.strerror
    assert target.read_text() == '{"old": true}'
    assert [p.name for p in tmp_path.iterdir()] == ["store.json"]


def test_an_error_that_names_its_file_is_left_as_it_is(tmp_path):
    target = tmp_path / "store.json"

    def fail(fh):
        raise FileNotFoundError(errno.ENOENT, "gone", "/elsewhere")

    with pytest.raises(FileNotFoundError) as caught:
        atomic.write_text(target, fail)
    assert caught.value.filename == "/elsewhere"
    assert not target.exists()


def test_ingest_through_a_link_into_a_missing_folder_is_refused(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("On May 1, 2019 a rally was held in Tehran.\n")
    missing = tmp_path / "nowhere" / "deeper"
    link = tmp_path / "link.json"
    link.symlink_to(missing / "store.json")
    code, out, err = _run("ingest", "-q", str(note), "--db", str(link))
    assert code == 2
    assert err.count("\n") == 1 and "symbolic link" in err and "does not exist" in err
    assert not (tmp_path / "nowhere").exists()
    assert link.is_symlink()


def test_ingest_through_a_link_into_an_existing_folder_writes_the_target(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("On May 1, 2019 a rally was held in Tehran.\n")
    real = tmp_path / "real.json"
    link = tmp_path / "link.json"
    link.symlink_to(real)
    code, out, err = _run("ingest", "-q", str(note), "--db", str(link))
    assert code == 0, err
    assert link.is_symlink() and real.is_file()


def test_a_new_store_in_a_new_folder_is_still_made(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text("On May 1, 2019 a rally was held in Tehran.\n")
    store = tmp_path / "new" / "sub" / "store.json"
    code, out, err = _run("ingest", "-q", str(note), "--db", str(store))
    assert code == 0, err
    assert store.is_file()
