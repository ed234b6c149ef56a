"""Hostile input found by an eighth pass over issue 16's classes (an outside tester's view).

* An HTML page that is not UTF-8 is read in the charset its ``<meta charset>`` or
  ``<meta http-equiv="Content-Type">`` declares (looked for in its first
  ``CHARSET_SCAN`` bytes only), labels read as browsers read them; a label naming no
  encoding of the WHATWG standard (a made-up name, a Python codec such as ``rot13``
  or ``unicode_escape``) is refused in one line, as is a page declaring nothing.
* An index build that fills the cache's file system (ENOSPC, SQLite's "database or
  disk is full") falls back to an index in memory, as an unwritable cache does.
* A socket given as a document is named as one (open() said "No such device or
  address"), a symbolic link to a missing file as one.
* Bytes of a file name or path that are not UTF-8 (kept by Python as surrogates) are
  written as ``\\xe9`` in every output format: JSON out is always UTF-8, and a raw
  0x9b (a C1 CSI to an 8-bit terminal) never reaches stdout (``kb tag``, ``kb stats``).
* SIGTERM and SIGHUP during a write unwind as ^C does: the temporary file is removed,
  the store keeps its bytes, one line is said, and the exit code is 128 + the signal
  (143, 129); ^C inside a command says one line too (Typer said nothing).

Every document and store is built here, in tmp_path.
"""

from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from conftest import run_in
from kb.ingest import html as htmlmod
from kb.ingest.reader import IngestError, read_document

ROOT = Path(__file__).resolve().parents[1]
BODY = "<p>On June 20, 1981, a march took place in T\u00e9hran: \u201cthe Zorvanic committee\u201d.</p>"


_run = run_in


def _page(tmp_path, head: str, body: str, codec: str, title: str = "Caf\u00e9") -> str:
    f = tmp_path / "page.html"
    f.write_bytes(f"<html><head>{head}<title>{title}</title></head><body>{body}</body></html>".encode(codec))
    return str(f)


# -- HTML in the charset it declares ------------------------------------------------------

@pytest.mark.parametrize("head", ['<meta charset="windows-1252">', "<meta charset=iso-8859-1>",
                                  '<meta http-equiv="Content-Type" content="text/html; charset=latin1">',
                                  "<META CHARSET='CP1252'>"])
def test_latin_page_is_read_in_its_declared_charset(tmp_path, head):
    doc = read_document(_page(tmp_path, head, BODY, "cp1252"))
    assert "T\u00e9hran" in doc.text and "\u201cthe Zorvanic committee\u201d" in doc.text
    assert doc.title == "Caf\u00e9" and doc.format == "html"


@pytest.mark.parametrize("label,codec,word", [("windows-1256", "cp1256", "\u062e\u0628\u0631"),
                                              ("shift_jis", "shift_jis", "\u6771\u4eac"),
                                              ("koi8-r", "koi8-r", "\u041c\u043e\u0441\u043a\u0432\u0430"),
                                              ("gb2312", "gb2312", "\u5317\u4eac")])
def test_other_scripts_in_their_declared_charset(tmp_path, label, codec, word):
    doc = read_document(_page(tmp_path, f'<meta charset="{label}">', f"<p>On June 20, 1981, {word}.</p>", codec, word))
    assert word in doc.text and doc.title == word


def test_xhtml_page_in_the_encoding_of_its_xml_declaration(tmp_path):
    f = tmp_path / "page.xhtml"
    f.write_bytes('<?xml version="1.0" encoding="ISO-8859-1"?>\n<html><head><title>Caf\u00e9</title></head>'
                  '<body><p>On June 20, 1981, caf\u00e9.</p></body></html>'.encode("latin-1"))
    doc = read_document(str(f))
    assert doc.title == "Caf\u00e9" and "caf\u00e9." in doc.text


def test_bytes_windows_1252_leaves_undefined_are_read_as_browsers_do(tmp_path):
    f = tmp_path / "c1.html"
    f.write_bytes(b'<html><meta charset="windows-1252"><p>On June 20, 1981, caf\xe9 \x81.</p></html>')
    assert "caf\u00e9 \x81." in read_document(str(f)).text


@pytest.mark.parametrize("label", ["x-nonsense", "rot13", "unicode_escape", "zlib", "undefined", "\x1b[2J"])
def test_unknown_or_non_text_charset_is_refused_in_one_line(tmp_path, label):
    f = tmp_path / "odd.html"
    f.write_bytes(b'<html><meta charset="' + label.encode() + b'"><p>On June 20, 1981, caf\xe9 \\x41.</p></html>')
    with pytest.raises(IngestError) as e:
        read_document(str(f))
    msg = str(e.value)
    assert "charset it declares" in msg and "\n" not in msg and "\x1b" not in msg


def test_declaration_past_the_scan_limit_is_not_looked_for(tmp_path):
    pad = "<!-- pad -->" * (htmlmod.CHARSET_SCAN // 12 + 1)
    with pytest.raises(IngestError, match="declares no other charset"):
        read_document(_page(tmp_path, pad + '<meta charset="latin1">', BODY, "cp1252"))


def test_utf8_pages_and_plain_text_are_unchanged(tmp_path):
    # a UTF-8 page declaring latin1 is read as UTF-8 (its bytes are UTF-8); plain text
    # with a charset-looking line is not HTML, so not UTF-8 stays refused
    doc = read_document(_page(tmp_path, '<meta charset="latin1">', BODY, "utf-8"))
    assert "T\u00e9hran" in doc.text
    t = tmp_path / "a.txt"
    t.write_bytes(b'<meta charset="latin1"> caf\xe9')
    with pytest.raises(IngestError, match="cannot be decoded as UTF-8"):
        read_document(str(t))
    u = tmp_path / "u.html"
    u.write_bytes(b'<html><meta charset="utf-16"><p>caf\xe9</p></html>')   # a meta cannot declare UTF-16
    with pytest.raises(IngestError, match="cannot be decoded as UTF-8"):
        read_document(str(u))


def test_ingest_reads_a_declared_charset(tmp_path):
    page = _page(tmp_path, '<meta charset="windows-1252">', BODY, "cp1252")
    store = tmp_path / "kb.json"
    code, _, err = _run("ingest", page, "--db", str(store))
    assert code == 0, err
    assert "Zorvanic" in store.read_text(encoding="utf-8")


# -- odd files among the inputs -----------------------------------------------------------

def test_a_socket_and_a_dangling_link_are_named_for_what_they_are(tmp_path):
    import socket

    sock = tmp_path / "s.sock"
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(sock))
    with pytest.raises(IngestError, match="is a socket, not a file"):
        read_document(str(sock))
    (tmp_path / "x.txt").symlink_to(tmp_path / "gone" / "x.txt")
    with pytest.raises(IngestError, match="a symbolic link to a missing file"):
        read_document(str(tmp_path / "x.txt"))
    with pytest.raises(IngestError, match="no such file"):
        read_document(str(tmp_path / "nothing.txt"))


# -- signals during a write ---------------------------------------------------------------

def _store(tmp_path) -> Path:
    folder = tmp_path / "st"
    folder.mkdir()
    s = folder / "kb.json"
    shutil.copyfile(ROOT / "data" / "kb.json", s)
    return s


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signal_during_the_store_write_leaves_the_store_and_no_temporary_file(tmp_path, monkeypatch, sig):
    from kb.store import atomic

    s = _store(tmp_path)
    before = s.read_bytes()
    note = tmp_path / "note.md"
    note.write_text("On June 20, 1981, the Zorvanic committee met in Tehran.\n", encoding="utf-8")
    real = atomic._fsync

    def killed(path):  # the signal arrives while the new store is being made
        os.kill(os.getpid(), sig)
        real(path)
    monkeypatch.setattr(atomic, "_fsync", killed)
    old = signal.getsignal(sig)
    code, _, err = _run("ingest", str(note), "--db", str(s))
    assert code == 128 + sig
    assert err.strip().splitlines()[-1] == f"kb: interrupted ({signal.Signals(sig).name})"
    assert s.read_bytes() == before
    assert [p.name for p in s.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert signal.getsignal(sig) is old        # main() gives the handler back


def test_interrupt_inside_a_command_says_one_line(tmp_path, monkeypatch):
    from kb.store import atomic

    s = _store(tmp_path)
    before = s.read_bytes()
    note = tmp_path / "note.md"
    note.write_text("On June 20, 1981, the Zorvanic committee met in Tehran.\n", encoding="utf-8")

    def interrupted(path):
        raise KeyboardInterrupt
    monkeypatch.setattr(atomic, "_fsync", interrupted)
    code, _, err = _run("ingest", str(note), "--db", str(s))
    assert code == 130 and err.strip().splitlines()[-1] == "kb: interrupted"
    assert s.read_bytes() == before
    assert [p.name for p in s.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_an_ignored_signal_stays_ignored(monkeypatch):
    import importlib

    app = importlib.import_module("kb.cli.app")   # kb.cli.app is also the Typer app's name

    old = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    previous = app._catch_signals()
    try:
        assert signal.SIGHUP not in previous and signal.SIGTERM in previous
    finally:
        app._restore_signals(previous)
        signal.signal(signal.SIGHUP, old)


# -- a full cache file system -------------------------------------------------------------

def _disk_full_oserror(*_a, **_k):
    import errno

    raise OSError(errno.ENOSPC, "No space left on device")


def _disk_full_sqlite(*_a, **_k):
    import sqlite3

    e = sqlite3.OperationalError("database or disk is full")
    e.sqlite_errorcode = sqlite3.SQLITE_FULL
    raise e


@pytest.mark.parametrize("where,fail", [("_seal", _disk_full_oserror), ("_set_stamp", _disk_full_sqlite)])
def test_a_cache_that_fills_up_during_the_build_gives_an_index_in_memory(tmp_path, monkeypatch, where, fail):
    from kb.index import freshness

    s = _store(tmp_path)
    monkeypatch.setattr(freshness, where, fail)
    code, out, err = _run("timeline", "1988", "--db", str(s))
    assert code == 0 and "1988-massacre" in out and err == ""
    cache = Path(os.environ["KB_CACHE_DIR"])
    assert not cache.exists() or [p.name for p in cache.iterdir() if p.name.endswith(".tmp")] == []


def test_other_build_failures_still_say_so(tmp_path, monkeypatch):
    import sqlite3

    from kb.index import freshness

    def broken(*_a, **_k):
        raise sqlite3.OperationalError("no such table: x")
    s = _store(tmp_path)
    monkeypatch.setattr(freshness, "_set_stamp", broken)
    code, _, err = _run("timeline", "1988", "--db", str(s))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err


# -- bytes of a name that are not UTF-8, on stdout ---------------------------------------

@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl", "table"])
def test_tag_output_of_a_non_utf8_file_name_is_utf8_with_no_raw_c1_byte(tmp_path, fmt):
    name = os.path.join(os.fsencode(tmp_path), b"x\x9b2J caf\xe9.md")
    with open(name, "wb") as fh:
        fh.write(b"On June 20, 1981, a march took place in Tehran.\n")
    code, out, _ = _run("tag", os.fsdecode(name), "-f", fmt)
    assert code == 0
    raw = out.encode("utf-8", "surrogateescape")
    text = raw.decode("utf-8")                      # valid UTF-8: no byte kept raw
    assert "\x9b" not in text
    shown = "x\\x9b2J caf\\xe9.md"                # as kb stores such a name
    if fmt in ("json", "jsonl"):
        import json

        first = json.loads(text)[0] if fmt == "json" else json.loads(text.splitlines()[0])
        assert first["file"].endswith(shown)
    elif fmt != "table":                            # (a table may wrap the name)
        assert shown in text


def test_json_text_and_escape_keep_other_text():
    from kb.output.safe import escape, json_text, one_line

    assert escape("\udce9") == "\\xe9" and escape("\x1b") == "\\x1b"
    assert json_text('"caf\udce9 \u202e \u062e"') == '"caf\\\\xe9 \\u202e \u062e"'
    assert one_line("caf\udce9\nx") == "caf\\xe9\\x0ax"


def test_tag_takes_standard_input_once():
    code, out, err = _run("tag", "-", "-")
    assert code == 2 and out == "" and err.strip() == "kb: error: '-' (standard input) can be given once"


@pytest.mark.parametrize("cmd", [["ingest", "NOTE"], ["timeline", "1988"], ["stats"]])
def test_a_store_path_ending_in_a_slash_is_refused_not_made_a_file(tmp_path, cmd):
    note = tmp_path / "note.md"
    note.write_text("On June 20, 1981, a march took place in Tehran.\n", encoding="utf-8")
    argv = [str(note) if a == "NOTE" else a for a in cmd]
    code, _, err = _run(*argv, "--db", str(tmp_path / "newdir") + "/")
    assert code == 2 and "ends in '/'" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "newdir").exists() and not (tmp_path / "newdir.lock").exists()
