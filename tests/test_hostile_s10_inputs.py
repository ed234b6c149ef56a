"""Hostile input, round 10 (issue 16): what the battery did not yet try.

- A Word package whose ZIP directory asks for a feature Python's zipfile lacks (a "version
  needed to extract" above what it reads, one byte of the directory changed): zipfile raises
  NotImplementedError, not BadZipFile; kb says, in one line, that the package is damaged.
- A search whose operators have nothing on one side: what was ignored and the count (or that
  nothing was found) are one line on stderr, not one line each.
- Something other than a regular file where SQLite opens the index's journal (a FIFO, a
  folder, a symbolic link): SQLite would open it as it is (a FIFO blocks the open for good,
  even past SIGTERM; a folder fails every query), so the index is built in memory instead.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT, mini_store, one_line, own_env, run_in

_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
          b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
         b'officeDocument" Target="word/document.xml"/></Relationships>')
_DOC = (b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b'<w:body><w:p><w:r><w:t>On June 20, 1981, a march took place in Tehran.</w:t></w:r></w:p></w:body></w:document>')


def _word(version: int | None = None) -> bytes:
    """A small Word package; with ``version``, every directory entry's "version needed" byte set to it."""
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", _DOC)
    data = bytearray(b.getvalue())
    if version is not None:
        at = data.find(b"PK\x01\x02")
        while at >= 0:
            data[at + 6:at + 8] = struct.pack("<H", version)
            at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def test_the_package_reads_before_its_directory_is_changed(tmp_path):
    from kb.ingest.reader import read_document

    f = tmp_path / "good.docx"
    f.write_bytes(_word())
    assert "June 20, 1981" in read_document(str(f)).text


@pytest.mark.parametrize("name", ["report.docx", "report.bin"])
@pytest.mark.parametrize("cmd", ["tag", "ingest"])
def test_a_zip_directory_asking_for_an_unknown_version_is_one_line(tmp_path, cmd, name):
    f = tmp_path / name
    f.write_bytes(_word(version=99))
    with pytest.raises(NotImplementedError):  # what zipfile raises on it (the fault this guards)
        zipfile.ZipFile(io.BytesIO(f.read_bytes()))
    s = mini_store(tmp_path)
    before = s.read_bytes()
    argv = ["tag", str(f)] if cmd == "tag" else ["ingest", str(f), "--db", str(s)]
    code, out, err = run_in(*argv, environ=own_env(tmp_path))
    assert code == 2 and "Traceback" not in err, err
    said = [ln for ln in err.splitlines() if ln.startswith("kb: error:")]
    assert len(said) == 1 and name in said[0], err
    if name.endswith(".docx"):
        assert "damaged" in said[0], err
    assert s.read_bytes() == before


@pytest.mark.parametrize("query", ["OR qqxxzzyy AND", "qqxxzzyy OR OR", "NOT" + " qqxxzzyy AND" * 3])
def test_ignored_operators_and_no_hit_are_one_line(tmp_path, query):
    s = mini_store(tmp_path)
    code, out, err = run_in("search", query, "--db", str(s), environ=own_env(tmp_path))
    if query.startswith("NOT"):
        one_line(code, err)  # NOT with nothing before it is refused
        return
    one_line(code, err, want=1)
    assert "no hits found" in err and "ignored" in err, err


def test_ignored_operators_beside_hits_are_one_line(tmp_path):
    s = mini_store(tmp_path)
    code, out, err = run_in("search", "founding AND OR group NOT", "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err, want=0)
    assert "ignored AND" in err and "ignored NOT" in err, err
    assert out.strip(), err


def _index_of(tmp_path: Path, s: Path) -> Path:
    env = own_env(tmp_path)
    code, _out, err = run_in("search", "founding", "--db", str(s), environ=env)
    assert code == 0, err
    from kb.index import index_path

    idx = index_path(s)
    assert idx.is_file()
    return idx


@pytest.mark.parametrize("suffix", ["-journal", "-wal"])
@pytest.mark.parametrize("kind", ["folder", "link"])
def test_an_odd_journal_beside_the_index_leaves_the_answers(tmp_path, suffix, kind):
    s = mini_store(tmp_path)
    idx = _index_of(tmp_path, s)
    companion = Path(f"{idx}{suffix}")
    victim = tmp_path / "victim"
    victim.write_bytes(b"not kb's")
    if kind == "folder":
        companion.mkdir()
    else:
        companion.symlink_to(victim)
    s.write_bytes(s.read_bytes())  # the store changed: the index would be rebuilt
    for argv in (["search", "founding"], ["timeline"], ["ingest", "-"]):
        code, out, err = run_in(*argv, "--db", str(s), environ=own_env(tmp_path),
                                stdin="On March 3, 1990, the Zorvanic council met.\n")
        assert code == 0 and "Traceback" not in err, (argv, err)
    code, out, err = run_in("search", "Zorvanic", "--db", str(s), environ=own_env(tmp_path))
    assert code == 0 and "Zorvanic" in out, err
    assert victim.read_bytes() == b"not kb's"
    assert companion.is_dir() if kind == "folder" else companion.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_at_the_journal_place_is_never_opened(tmp_path):
    s = mini_store(tmp_path)
    idx = _index_of(tmp_path, s)
    os.mkfifo(f"{idx}-journal")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}  # the cache folder the index above is in
    r = subprocess.run([sys.executable, "-m", "kb", "search", "founding", "--db", str(s)], env=env,
                       capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert r.stdout.strip()


@pytest.mark.parametrize("var", ["COLUMNS", "LINES"])
@pytest.mark.parametrize("value", ["\u00b2", "\u2460", "8\u00b2"])  # digits to str.isdigit, not to int()
def test_a_terminal_size_of_digits_int_refuses_is_no_size(tmp_path, monkeypatch, var, value):
    s = mini_store(tmp_path)
    monkeypatch.setenv(var, value)  # Rich reads the process's variables
    code, out, err = run_in("timeline", "-f", "table", "--db", str(s), environ={**own_env(tmp_path), var: value})
    assert code == 0 and "Traceback" not in err, err
    assert "Founding of the group" in out
