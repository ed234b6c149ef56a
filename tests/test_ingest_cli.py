"""kb ingest through the command line: exit codes, messages, real processes, and
every other command on an ingested store."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from kb.store import load, shipped_path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "ingest"
HARBOR = str(FIX / "harbor.txt")
RETOLD = str(FIX / "harbor_retold.md")
BULLETIN = str(FIX / "bulletin.html")


def test_ingest_then_every_command_works(run, tmp_path):
    db = str(tmp_path / "kb.json")
    r = run("ingest", "--db", db, HARBOR, RETOLD, BULLETIN)
    assert r.code == 0, r
    assert r.out == ""  # the summary goes to stderr
    assert "added source harbor" in r.err and "added 3 documents" in r.err

    r = run("timeline", "--db", db, "1988")
    assert r.code == 0 and "1988-07-02\t1988-07-05" in r.out and "first general strike" in r.out

    r = run("who", "--db", db, "Lena Marquez", "--format", "json")
    who = json.loads(r.out)
    assert r.code == 0 and who["name"] == "Lena Marquez" and who["events"]

    # words that appear only in a document's text, not in any event summary
    r = run("search", "--db", db, "fictional fishing town", "--format", "json")
    hits = json.loads(r.out)
    assert r.code == 0 and any(h["kind"] == "source" and h["id"] == "harbor" for h in hits)

    r = run("show", "--db", db, "harbor", "--format", "json")
    assert r.code == 0 and json.loads(r.out)["id"] == "harbor"
    ev_id = [e["id"] for e in json.loads(run("timeline", "--db", db, "1965", "--format", "json").out)
             if e["date_text"] == "September 6, 1965"][0]
    r = run("show", "--db", db, ev_id, "--format", "json")
    shown = json.loads(r.out)
    assert shown["extracted"] is True and shown["document"] == "harbor" and shown["offsets"]
    assert sorted(shown["sources"]) == ["harbor", "harbor-retold"]

    for cmd in ("entities", "sources", "stats"):
        assert run(cmd, "--db", db).code == 0, cmd


def test_bad_files_get_one_line_each_and_exit_2(run, tmp_path):
    db = tmp_path / "kb.json"
    r = run("ingest", "--db", str(db), str(FIX / "image.gif"), HARBOR, str(FIX / "empty.txt"),
            str(FIX / "latin1.txt"), str(tmp_path / "nope.txt"))
    assert r.code == 2
    errors = [line for line in r.err.splitlines() if line.startswith("kb: error:")]
    assert len(errors) == 4
    assert all("Traceback" not in line for line in r.err.splitlines())
    assert len(load(db)["sources"]) == 1


def test_dry_run_and_json_summary(run, tmp_path):
    db = tmp_path / "kb.json"
    r = run("ingest", "--db", str(db), "--dry-run", "--format", "json", HARBOR)
    assert r.code == 0 and not db.exists()
    out = json.loads(r.out)
    assert out["dry_run"] is True and out["files"][0]["status"] == "added"
    assert {e["date"]["text"] for e in out["events"]} >= {"the fall of 1976", "last November"}
    assert "would add" in r.err and "nothing written" in r.err


def test_title_and_date_options(run, tmp_path):
    db = tmp_path / "kb.json"
    r = run("ingest", "--db", str(db), "--title", "Harbor notes", "--date", "2021-02-10", HARBOR)
    assert r.code == 0
    [src] = load(db)["sources"]
    assert src["title"] == "Harbor notes" and src["published"]["start"] == "2021-02-10"
    r = run("ingest", "--db", str(db), "--date", "someday", BULLETIN)
    assert r.code == 2 and "--date" in r.err


def test_reingest_via_cli_keeps_bytes(run, tmp_path):
    db = tmp_path / "kb.json"
    assert run("ingest", "--db", str(db), HARBOR).code == 0
    before = db.read_bytes()
    r = run("ingest", "--db", str(db), HARBOR)
    assert r.code == 0 and "nothing changed" in r.err and db.read_bytes() == before


def test_kb_db_env_is_honoured(run, tmp_path, monkeypatch):
    db = tmp_path / "env.json"
    monkeypatch.setenv("KB_DB", str(db))
    assert run("ingest", HARBOR).code == 0
    assert len(load(db)["sources"]) == 1


def test_default_store_is_user_store_seeded_from_shipped(run, isolated):
    shipped = shipped_path()
    digest = hashlib.sha256(shipped.read_bytes()).hexdigest()
    r = run("ingest", HARBOR)
    assert r.code == 0, r
    user = isolated / "data" / "kb" / "kb.json"
    data = load(user)
    n_shipped = len(load(shipped)["sources"])
    assert len(data["sources"]) == n_shipped + 1
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() == digest
    # reading commands now use the user store
    r = run("sources", "--format", "json")
    assert any(s["id"] == "harbor" for s in json.loads(r.out))


def _env(tmp_path):
    env = {**os.environ, "KB_CACHE_DIR": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("KB_DB", None)
    return env


def test_concurrent_ingests_lose_nothing(tmp_path):
    db = tmp_path / "kb.json"
    docs = []
    for i in range(6):
        p = tmp_path / f"doc{i}.txt"
        p.write_text(f"Report {i}\n\nOn March {i + 1}, 2001, crew {i} of the Halvard guild repaired pier {i}.\n"
                     f"In 19{70 + i} the guild bought boat number {i}.\n")
        docs.append(str(p))
    env = _env(tmp_path)
    procs = [subprocess.Popen([sys.executable, "-m", "kb", "ingest", "--db", str(db), d],
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for d in docs]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in procs]
    assert all(code == 0 for _o, _e, code in results), results
    data = load(db)
    assert sorted(s["file"] for s in data["sources"]) == sorted(Path(d).name for d in docs)
    assert len(data["events"]) == 12
    assert len({e["id"] for e in data["events"]}) == 12


def test_stdin_as_a_real_process(tmp_path):
    db = tmp_path / "kb.json"
    p = subprocess.run([sys.executable, "-m", "kb", "ingest", "--db", str(db), "-"],
                       input="Piped Notes\n\nIn 1999 the quay was paved.\n", text=True,
                       capture_output=True, env=_env(tmp_path), timeout=60)
    assert p.returncode == 0, p.stderr
    [src] = load(db)["sources"]
    assert src["file"] == "<stdin>" and src["title"] == "Piped Notes"


def test_cli_import_does_not_load_the_ingest_package(tmp_path):
    code = ("import sys, kb.cli; "
            "print(any(m.startswith('kb.ingest') for m in sys.modules))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=_env(tmp_path), timeout=60)
    assert p.stdout.strip() == "False"
