"""Hostile input found by a thirteenth pass over issue 16's classes (and the twelfth's leftovers).

* A symbolic link (dangling, or to the store itself) or a folder where the store's
  ``.lock`` belongs gave "Too many levels of symbolic links: <lock>": now one line says
  what is there and what to do.  A folder kb cannot write named only the lock file:
  now the line names the folder and says it cannot be written.
* ``atomic._take_over`` set the permission bits after giving the file away: a writer
  with CAP_CHOWN but not CAP_FOWNER then could not chmod it, and an ingest into another
  user's writable store failed naming the temporary file.  The bits come first now.
* ``kb timeline 19XX`` was refused while ``198X`` was read: EDTF's unspecified digits
  (``19XX`` a century, ``1XXX`` a millennium, ``1985-XX``, ``1985-04-XX``) are bounds,
  with a qualifier too (``19XX~``, as ``198X~`` and ``1988~`` were).
* ``kb who Rajavi -n 1`` listed both candidates: ``--limit`` bounds the rows printed, as
  on every listing (the note on stderr still names them all).
* A byte of an argument that was not UTF-8 is shown as ``\\xe9`` in messages, but one
  echoed through ``repr`` (click's "Invalid value for '--format'", ``--index-prefix``)
  showed ``\\udce9``: messages now show it the one way.

Every store and document is built here, in tmp_path.
"""

from __future__ import annotations

import errno
import os
import stat
from datetime import date

import pytest

from conftest import mini_store, one_line, own_env, run_in

NOTE = "On 5 May 1990 the MEK held a rally in Tehran, the fixture says.\n"


def _doc(tmp_path):
    d = tmp_path / "note.md"
    d.write_text(NOTE, encoding="utf-8")
    return d


# -- the lock file ----------------------------------------------------------------------------

@pytest.mark.parametrize("points_to", ["/nonexistent/x", "kb.json", "kb.json.lock"])
def test_a_symlinked_lock_file_is_named_and_the_store_kept(tmp_path, points_to):
    s = mini_store(tmp_path)
    before = s.read_bytes()
    os.symlink(points_to, str(s) + ".lock")
    code, _, err = run_in("ingest", str(_doc(tmp_path)), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "kb.json.lock" in err and "symbolic link" in err and "remove" in err, err
    assert "Too many levels" not in err, err
    assert s.read_bytes() == before


def test_a_folder_as_lock_file_is_named(tmp_path):
    s = mini_store(tmp_path)
    before = s.read_bytes()
    os.mkdir(str(s) + ".lock")
    code, _, err = run_in("ingest", str(_doc(tmp_path)), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "kb.json.lock" in err and "folder" in err, err
    assert s.read_bytes() == before


@pytest.mark.parametrize("eno, said", [(errno.EROFS, "is on a read-only file system"),
                                       (errno.EACCES, "cannot be opened for writing (Permission denied)")])
def test_a_lock_that_cannot_be_made_says_why(tmp_path, monkeypatch, eno, said):
    # as root nothing refuses: the refusal the kernel gives is simulated
    import filelock

    def refuse(self, *a, **k):
        raise OSError(eno, os.strerror(eno), self.lock_file)

    monkeypatch.setattr(filelock.FileLock, "acquire", refuse)
    s = mini_store(tmp_path)
    code, _, err = run_in("ingest", str(_doc(tmp_path)), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert said in err, err
    assert (f"folder {s.parent} " in err) == (eno == errno.EROFS), err


def test_a_folder_that_cannot_be_written_is_named_before_the_lock(tmp_path, monkeypatch):
    # a lock file left from before the folder was made read-only opens; the new store could not be made
    from kb.store import writer

    s = mini_store(tmp_path)
    (tmp_path / "st" / "kb.json.lock").write_text("")
    before = s.read_bytes()
    real = os.access
    monkeypatch.setattr(writer.os, "access", lambda p, m, *a, **k: False if (str(p) == str(s.parent) and m == os.W_OK)
                        else real(p, m, *a, **k))
    code, _, err = run_in("ingest", str(_doc(tmp_path)), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert f"folder {s.parent} " in err and "cannot be written" in err, err
    assert s.read_bytes() == before


# -- the temporary file's owner and bits -----------------------------------------------------

def test_take_over_sets_the_bits_before_giving_the_file_away(tmp_path, monkeypatch):
    from kb.store import atomic

    target = tmp_path / "kb.json"
    target.write_text("{}")
    os.chmod(target, 0o640)
    old = os.stat(target)
    tmp = tmp_path / "t.tmp"
    tmp.write_text("")
    os.chmod(tmp, 0o600)
    calls = []
    real_chmod = os.chmod

    def chmod(path, mode, *a, **k):
        calls.append("chmod")
        return real_chmod(path, mode, *a, **k)

    def chown(path, uid, gid, *a, **k):  # the file now belongs to another: no chmod may follow
        calls.append("chown")
        monkeypatch.setattr(os, "chmod", refuse)
        raise PermissionError(errno.EPERM, "Operation not permitted", str(path))

    def refuse(path, *a, **k):
        raise PermissionError(errno.EPERM, "Operation not permitted", str(path))

    fake = os.stat_result((old.st_mode, old.st_ino, old.st_dev, old.st_nlink, old.st_uid + 1, old.st_gid + 1,
                           old.st_size, 0, 0, 0))
    monkeypatch.setattr(os, "chmod", chmod)
    monkeypatch.setattr(os, "chown", chown)
    atomic._take_over(str(tmp), fake, None)
    assert calls[0] == "chmod" and "chown" in calls, calls
    assert stat.S_IMODE(os.stat(tmp).st_mode) == 0o640


# -- EDTF unspecified digits as timeline bounds ----------------------------------------------

@pytest.mark.parametrize("bound, lo, hi", [
    ("19XX", date(1900, 1, 1), date(1999, 12, 31)),
    ("198X", date(1980, 1, 1), date(1989, 12, 31)),
    ("1XXX", date(1000, 1, 1), date(1999, 12, 31)),
    ("0XXX", date(1, 1, 1), date(999, 12, 31)),
    ("1985-XX", date(1985, 1, 1), date(1985, 12, 31)),
    ("1985-XX-XX", date(1985, 1, 1), date(1985, 12, 31)),
    ("1984-02-XX", date(1984, 2, 1), date(1984, 2, 29)),
    ("1985-12-XX", date(1985, 12, 1), date(1985, 12, 31)),
    ("19XX~", date(1900, 1, 1), date(1999, 12, 31)),
    ("1985-XX?", date(1985, 1, 1), date(1985, 12, 31)),
])
def test_unspecified_digits_are_bounds(bound, lo, hi):
    from kb.query.bounds import parse_range

    assert parse_range([bound]) == (lo, hi)


def test_timeline_19xx_lists_the_century(tmp_path):
    s = mini_store(tmp_path)
    code, out, err = run_in("timeline", "19XX", "--db", str(s), "--fields", "start", environ=own_env(tmp_path))
    assert code == 0, err
    years = {int(line[:4]) for line in out.splitlines()}
    assert years and all(1900 <= y <= 1999 for y in years), out


@pytest.mark.parametrize("bound", ["19X", "XXXX", "19XX-04", "1985-XX-04", "0000-XX", "19XX~~"])
def test_unspecified_digits_out_of_order_are_refused(tmp_path, bound):
    code, _, err = run_in("timeline", bound, "--db", str(mini_store(tmp_path)), environ=own_env(tmp_path))
    one_line(code, err)


# -- who: --limit on the candidates ----------------------------------------------------------

def test_who_limit_bounds_the_candidates(tmp_path):
    s = mini_store(tmp_path)
    code, out, err = run_in("who", "Rajavi", "--db", str(s), environ=own_env(tmp_path))
    assert code == 1 and len(out.splitlines()) >= 2, (out, err)
    first = out.splitlines()[0]
    code, out, err = run_in("who", "Rajavi", "-n", "1", "--db", str(s), environ=own_env(tmp_path))
    assert code == 1 and out.splitlines() == [first], out
    assert "could be any of" in err


# -- an argument that is not UTF-8, echoed by a message made with repr() -------------------

@pytest.mark.parametrize("argv", [["export", "-f", "bulk", "--index-prefix", "\udce9\udcff"],
                                  ["export", "-f", "bog\udce9\udcff"], ["sources", "-f", "\udce9\udcff"]])
def test_a_byte_that_is_not_utf8_is_shown_as_elsewhere(tmp_path, argv):
    code, out, err = run_in(*argv, "--db", str(mini_store(tmp_path)), environ=own_env(tmp_path))
    one_line(code, err)
    assert "\\xe9\\xff'" in err and "udc" not in err, err
