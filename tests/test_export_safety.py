"""``kb export -o``: never onto kb's own files, never over a file without ``--force``;
devices and pipes are written as they are; a reader that goes away ends it quietly."""

import copy
import json
import os
import shutil
import subprocess
import sys
import threading

import pytest

from conftest import MINI, ROOT, refused


def _store(tmp_path, name="store.json"):
    path = tmp_path / name
    shutil.copyfile(MINI, path)
    return path


def _snapshot(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.is_symlink()}


# -- kb's own files ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "csv", "sqlite"])
@pytest.mark.parametrize("force", [[], ["--force"]])
def test_export_onto_the_store_it_reads_isrefused(run, tmp_path, fmt, force):
    store = _store(tmp_path)
    before = _snapshot(tmp_path)
    r = run("export", "--db", str(store), "-f", fmt, "-o", str(store), *force)
    refused(r, str(store), "the store this export reads")
    assert _snapshot(tmp_path) == before  # the store as it was, no temporary file left


def test_the_store_by_another_name_is_still_the_store(run, tmp_path, monkeypatch):
    store = _store(tmp_path)
    before = store.read_bytes()
    link = tmp_path / "link.json"
    link.symlink_to(store)
    hard = tmp_path / "hard.json"
    os.link(store, hard)
    monkeypatch.chdir(tmp_path)
    for out in (str(link), str(hard), "./store.json", "sub/../store.json"):
        (tmp_path / "sub").mkdir(exist_ok=True)
        refused(run("export", "--db", str(store), "-o", out, "--force"), "the store this export reads")
    # reading through the link and writing to the real file is the same file too
    refused(run("export", "--db", str(link), "-o", str(store), "--force"), "the store this export reads")
    assert store.read_bytes() == before and link.is_symlink()


def test_the_shipped_knowledge_base_is_never_an_export_target(run):
    from kb.store import shipped_path

    before = shipped_path().read_bytes()
    mtime = shipped_path().stat().st_mtime_ns
    for fmt in ("jsonl", "csv", "sqlite"):
        r = run("export", "--db", str(MINI), "-f", fmt, "-o", str(shipped_path()), "--force")
        refused(r, "the shipped knowledge base")
    assert shipped_path().read_bytes() == before and shipped_path().stat().st_mtime_ns == mtime


def test_your_store_is_never_an_export_target(run):
    from kb.store import user_path

    user_path().parent.mkdir(parents=True)
    shutil.copyfile(MINI, user_path())
    before = user_path().read_bytes()
    refused(run("export", "--db", str(MINI), "-o", str(user_path()), "--force"), "your kb store")
    assert user_path().read_bytes() == before


def test_the_index_is_never_an_export_target(run, tmp_path):
    from kb.index import index_path

    store = _store(tmp_path)
    assert run("export", "--db", str(store)).code == 0  # builds the index
    index = index_path(store)
    before = index.read_bytes()
    r = run("export", "--db", str(store), "-f", "sqlite", "-o", str(index), "--force")
    refused(r, "index")
    assert index.read_bytes() == before
    assert run("search", "executions", "--db", str(store)).code == 0  # and it still works


# -- existing files ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["jsonl", "csv", "sqlite"])
def test_an_existing_file_is_replaced_only_with_force(run, tmp_path, fmt):
    out = tmp_path / "out"
    out.write_text("keep me\n")
    r = run("export", "--db", str(MINI), "-f", fmt, "-o", str(out))
    refused(r)
    assert r.err == f"kb: error: export: {out} exists; use --force to replace it\n"
    assert out.read_text() == "keep me\n" and [p.name for p in tmp_path.iterdir()] == ["out"]
    r = run("export", "--db", str(MINI), "-f", fmt, "-o", str(out), "--force")
    assert r.code == 0, r
    assert out.read_bytes() != b"keep me\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_a_new_file_needs_no_force(run, tmp_path):
    out = tmp_path / "new.jsonl"
    assert run("export", "--db", str(MINI), "-o", str(out)).code == 0
    assert len(out.read_text().splitlines()) > 10


def test_force_through_a_symlink_replaces_the_file_it_points_to(run, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    refused(run("export", "--db", str(MINI), "-f", "csv", "-o", str(link)), "--force")
    assert real.read_text() == "old\n"
    assert run("export", "--db", str(MINI), "-f", "csv", "-o", str(link), "--force").code == 0
    assert link.is_symlink() and real.read_text().startswith("id,start,end")


def test_a_failed_forced_export_leaves_the_old_file(run, tmp_path, monkeypatch):
    from kb.export import csvfile

    out = tmp_path / "kb.csv"
    out.write_text("old\n")

    def broken(con, fh):
        fh.write("half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(csvfile, "write_csv", broken)
    r = run("export", "-f", "csv", "-o", str(out), "--force", "--db", str(MINI))
    refused(r, "No space left on device")
    assert out.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["kb.csv"]


@pytest.mark.parametrize("args,words", [
    (["-o", ""], "file name"),
    (["-o", "{tmp}"], "folder"),
    (["-o", "{tmp}/no/such/file.jsonl"], "no folder"),
    (["-f", "sqlite", "-o", "/dev/null"], "needs a regular file"),
    (["-f", "sqlite", "-o", "-"], "-o PATH"),
])
def test_other_bad_targets_are_one_line(run, tmp_path, args, words):
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    refused(run("export", "--db", str(MINI), *args), words)


# -- devices and pipes ------------------------------------------------------------------------

def _sub_env():
    return {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def test_a_device_is_written_as_it_is(tmp_path):
    p = subprocess.run([sys.executable, "-m", "kb", "export", "--db", str(MINI), "-o", "/dev/stdout"],
                       capture_output=True, text=True, env=_sub_env(), timeout=60)
    assert p.returncode == 0, p.stderr
    assert {json.loads(line)["kind"] for line in p.stdout.splitlines()} == {"source", "entity", "event"}
    r = subprocess.run([sys.executable, "-m", "kb", "export", "--db", str(MINI), "-o", "/dev/null"],
                       capture_output=True, text=True, env=_sub_env(), timeout=60)
    assert r.returncode == 0 and os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_dev_stdout_sent_to_a_file_by_the_shell_is_appended_to(tmp_path):
    log = tmp_path / "log"
    log.write_text("kept\n")
    with open(log, "a") as fh:  # as `kb export -o /dev/stdout >> log` runs it
        p = subprocess.run([sys.executable, "-m", "kb", "export", "--db", str(MINI), "-f", "csv",
                            "-o", "/dev/stdout"], stdout=fh, stderr=subprocess.PIPE, text=True,
                           env=_sub_env(), timeout=60)
    assert p.returncode == 0, p.stderr
    lines = log.read_text().splitlines()
    assert lines[0] == "kept" and lines[1].startswith("id,start,end") and len(lines) > 3
    with open(log, "a") as fh:  # but never when that file is the store being read
        p = subprocess.run([sys.executable, "-m", "kb", "export", "--db", str(log), "-o", "/dev/stdout"],
                           stdout=fh, stderr=subprocess.PIPE, text=True, env=_sub_env(), timeout=60)
    assert p.returncode == 2 and "the store this export reads" in p.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_written_as_it_is(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    r = run("export", "--db", str(MINI), "-f", "csv", "-o", str(fifo))
    reader.join(timeout=30)
    assert r.code == 0, r
    assert got and got[0].startswith("id,start,end")
    assert fifo.is_fifo()


# -- a reader that goes away ------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_store(tmp_path_factory):
    """A store whose export, in either format, is larger than a pipe's buffer."""
    data = json.loads(MINI.read_text(encoding="utf-8"))
    events = list(data["events"].values())
    data["events"] = {}
    for i in range(120):
        for ev in events:
            ev = copy.deepcopy(ev)
            ev["id"] = f"{ev['id']}-{i}"
            ev["summary"] = ev["summary"] + " " + "padding " * 20
            data["events"][str(len(data["events"]) + 1)] = ev
    path = tmp_path_factory.mktemp("big") / "big.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt,when", [("jsonl", "after one line"), ("csv", "after one line"),
                                      ("csv", "before any")])
def test_export_into_a_pipe_closed_early_exits_0_quietly(big_store, fmt, when):
    read_end, write_end = os.pipe()
    proc = subprocess.Popen([sys.executable, "-m", "kb", "export", "--db", str(big_store), "-f", fmt],
                            stdout=write_end, stderr=subprocess.PIPE, env=_sub_env())
    os.close(write_end)
    with os.fdopen(read_end, "rb") as reader:
        if when == "after one line":
            assert reader.readline()  # as `head -1` does
    # the rest (well over a pipe's 64 KiB) meets a closed pipe
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""
    proc.stderr.close()


def test_a_new_export_file_gets_the_usual_permissions(run, tmp_path):
    """An export is for other tools and people: 0666 less the umask, not the store's private 0600."""
    from kb.store import atomic

    out = tmp_path / "new.jsonl"
    r = run("export", "-o", str(out), "--db", str(MINI))
    assert r.code == 0, r
    assert out.stat().st_mode & 0o777 == atomic.usual_mode() & 0o777
