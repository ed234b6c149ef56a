"""Hostile input found by an eleventh pass over issue 16's classes.

* ``kb ingest --db`` a store that has a second name (a hard link): kb writes a store
  by replacing it (atomically), so the name written got a new file and every other
  name kept the old store, silently, and two writers through two names took two
  different locks.  A symbolic link is followed (the file it names is written); a
  hard link has no "real" name to follow, so the write is refused: one line, exit 2,
  nothing written through any name, no lock file made.
* ``--db`` (or ``KB_DB``, ``export -o``, ``--mapping``) naming the home folder of a user
  the system does not know (``~nosuchuser/kb.json``, which a shell leaves as it is):
  ``Path.expanduser`` raised RuntimeError, a traceback from every command.  It is bad
  input now, one line naming the option, exit 2, nothing created.
* ``HOME`` unset for a user id the password database lacks (a container run as an
  arbitrary uid under ``env -i``): ``Path.home()`` raised RuntimeError, a traceback from
  every command, ``--db`` or not.  The home folder is ``/`` then, as ``login`` gives.

Every store and document is built here, in tmp_path.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import own_env, run_in

ROOT = Path(__file__).resolve().parents[1]
MINI = ROOT / "tests" / "fixtures" / "mini.json"
NOTE = "On 5 May 1990 the MEK held a rally in Tehran, the fixture says.\n"



def _linked(tmp_path: Path) -> tuple[Path, Path, Path]:
    d = tmp_path / "st"
    d.mkdir()
    s, other = d / "kb.json", d / "other.json"
    shutil.copyfile(MINI, s)
    try:
        os.link(s, other)
    except OSError as e:  # a file system without hard links: nothing to test
        pytest.skip(f"cannot hard-link here: {e}")
    doc = tmp_path / "note.md"
    doc.write_text(NOTE, encoding="utf-8")
    return s, other, doc


@pytest.mark.parametrize("through", ["kb.json", "other.json"])
def test_ingest_into_a_hard_linked_store_is_refused(tmp_path, monkeypatch, through):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    s, other, doc = _linked(tmp_path)
    before = s.read_bytes()
    code, out, err = run_in("ingest", "-q", str(doc), "--db", str(s.parent / through), environ=own_env(tmp_path))
    assert code == 2 and out == "", err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert "hard link" in err and through in err
    assert s.read_bytes() == before and os.path.samefile(s, other)  # still one file, two names
    assert sorted(p.name for p in s.parent.iterdir()) == ["kb.json", "other.json"]  # no lock, no temp


def test_ingest_after_the_link_is_broken_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    s, other, doc = _linked(tmp_path)
    other.unlink()
    code, out, err = run_in("ingest", "-q", str(doc), "--db", str(s), environ=own_env(tmp_path))
    assert code == 0, err
    assert s.read_bytes() != MINI.read_bytes()


def test_reads_through_a_hard_link_still_work(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    s, other, _ = _linked(tmp_path)
    code, out, err = run_in("show", "1965-founding", "--db", str(other), environ=own_env(tmp_path))
    assert code == 0 and "1965" in out, err


# -- ~user of a user the system does not know ------------------------------------------------

NOUSER = "~kb-no-such-user-h11"


@pytest.mark.parametrize("argv", [["stats", "--db", NOUSER + "/kb.json"],
                                  ["search", "mek", "--db", NOUSER + "/kb.json"],
                                  ["ingest", "-q", "DOC", "--db", NOUSER + "/kb.json"],
                                  ["export", "-o", NOUSER + "/out.jsonl", "--db", "STORE"],
                                  ["export", "-f", "bulk", "--mapping", NOUSER + "/m.json", "-o", "OUT",
                                   "--db", "STORE"]])
def test_home_of_an_unknown_user_is_bad_input(tmp_path, monkeypatch, argv):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    s, other, doc = _linked(tmp_path)
    other.unlink()
    before = s.read_bytes()
    subst = {"DOC": str(doc), "STORE": str(s), "OUT": str(tmp_path / "out.bulk")}
    code, out, err = run_in(*[subst.get(a, a) for a in argv], environ=own_env(tmp_path))
    assert code == 2 and out == "", err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    assert NOUSER in err and "kb-no-such-user-h11" in err
    assert s.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["note.md", "st"]  # nothing made, here either


def test_kb_db_naming_the_home_of_an_unknown_user_is_bad_input(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("KB_DB", NOUSER + "/kb.json")
    code, out, err = run_in("stats", environ={**own_env(tmp_path), "KB_DB": NOUSER + "/kb.json"})
    assert code == 2 and out == "" and NOUSER in err, err
    assert len(err.strip().splitlines()) == 1, err


def test_home_of_this_user_still_expands(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    s, other, _ = _linked(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    code, out, err = run_in("show", "1965-founding", "--db", "~/st/other.json", environ=own_env(tmp_path))
    assert code == 0 and "1965" in out, err


# -- no HOME and no password entry -------------------------------------------------------------

def _no_home(monkeypatch):
    import pwd

    def unknown(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")
    monkeypatch.setattr(pwd, "getpwuid", unknown)
    for var in ("HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "KB_DB"):
        monkeypatch.delenv(var, raising=False)


def test_home_is_root_without_home_or_password_entry(monkeypatch):
    from kb.store.paths import expand_home, home

    _no_home(monkeypatch)
    assert home() == "/"
    assert expand_home("~/kb.json", "--db") == Path("/kb.json")


@pytest.mark.parametrize("argv", [["stats"], ["search", "mek", "--db", "STORE"], ["show", "mek", "--db", "STORE"]])
def test_commands_run_without_home_or_password_entry(tmp_path, monkeypatch, argv):
    _no_home(monkeypatch)
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))  # nothing written to / here
    s = tmp_path / "kb.json"
    shutil.copyfile(MINI, s)
    code, out, err = run_in(*[str(s) if a == "STORE" else a for a in argv],
                            environ={"KB_CACHE_DIR": str(tmp_path / "cache")})
    assert code == 0 and out, err


def test_kb_cache_dir_reads_a_leading_tilde_as_the_other_paths_do():
    """KB_CACHE_DIR's ``~`` goes through the same expand_home as --db and -o: ``~user/x`` is
    that user's folder (it was refused as relative), an unknown user one line naming it."""
    import pwd

    from kb.errors import KbError
    from kb.store.paths import cache_dir

    me = pwd.getpwuid(os.getuid())
    assert cache_dir({"KB_CACHE_DIR": f"~{me.pw_name}/kc"}) == Path(me.pw_dir, "kc")
    with pytest.raises(KbError, match="KB_CACHE_DIR.*nosuchuser"):
        cache_dir({"KB_CACHE_DIR": "~nosuchuser/kc"})
    with pytest.raises(KbError, match="absolute path"):
        cache_dir({"KB_CACHE_DIR": "kc"})
