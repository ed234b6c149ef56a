#!/usr/bin/env python3
"""An adversarial battery for ``kb``, built the way an outside tester would (issue 16).

Run from anywhere: ``python tests/benchmark/adversarial.py`` (a few minutes;
``--jobs N`` runs N cases at once, ``--only TEXT`` runs one class (a number)
or the cases whose name holds TEXT, ``--repo PATH`` tests another checkout,
``-v`` prints every case).  It is not part of the pytest
suite.

Every fixture is built at run time in a temporary folder: copies of the
shipped knowledge base, damaged stores, hostile records, documents with long
lines, odd file names, damaged indexes.  Each case runs ``python -m kb ...``
as a real subprocess with PYTHONPATH set to this checkout, its own
KB_CACHE_DIR, XDG_DATA_HOME and HOME, stdin closed (``/dev/null``) and a
time limit (20 s; a hang is a failure).

A case PASSES when all of these hold:

* the exit code is one the case allows (always among the documented 0, 1, 2
  and 130; most cases allow exactly one: 2 for bad input, 0 for what must
  work);
* stderr holds no "Traceback" and at most one line per error (``ingest`` may
  print one line per file plus a summary);
* no file that must not change did: bytes, permission bits, and a symbolic
  link stays a link to the same place (the shipped ``data/kb.json`` is
  watched in every case); no lock or temporary file is left where a refused
  write should have created nothing;
* stdout and stderr hold no raw ESC, other C0 controls, C1 controls (also as
  undecodable bytes 0x80-0x9f) or bidi overrides/isolates;
* the case's own checks (an expected id in the output, the store gained the
  document, a link is still a link, ...), so refusing everything cannot pass;
* for long lines (class 3): ingest runs at >= 1 MB/s, counted over the time
  beyond a tiny ingest's (start-up and store write); these cases run alone,
  after the others, and one below the mark is timed a second time (best of
  two), since a shared machine's timings move.

Classes follow the issue: 1 corrupt stores, 2 bad records, 3 long lines,
4 non-UTF-8 arguments and file names, 5 timeline bounds, 6 writes that
clobber, 7 terminal escapes, 8 damaged indexes, 9 small things, plus 0
sanity (normal use that must keep working).
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import re
import resource
import shlex
import shutil
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]  # the checkout under test (--repo changes it)
SHIPPED = REPO / "data" / "kb.json"
SHIPPED_BYTES = SHIPPED.read_bytes()


def use_repo(path: Path) -> None:
    """Test the checkout at ``path`` (its kb package and its shipped knowledge base) instead."""
    global REPO, SHIPPED, SHIPPED_BYTES
    REPO = path.resolve()
    SHIPPED = REPO / "data" / "kb.json"
    SHIPPED_BYTES = SHIPPED.read_bytes()
TIMEOUT = 20.0
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

CLASSES = {
    "0": "sanity (must keep working)",
    "1": "corrupt stores",
    "2": "bad records",
    "3": "long lines (>= 1 MB/s)",
    "4": "non-UTF-8 argv and file names",
    "5": "timeline bounds",
    "6": "writes that clobber",
    "7": "terminal escapes",
    "8": "damaged indexes",
    "9": "small things",
}

# Raw characters that must never reach a terminal from stored data: C0 controls
# but tab and newline (a CR only as part of CRLF), DEL, C1 controls (also as
# undecodable bytes 0x80-0x9f, which surrogateescape turns into U+DC80-U+DC9F),
# bidi embeddings, overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\udc80-\udc9f]"
                    "|\r(?!\n)")

NOTE = ("On June 20, 1981, a large march took place in Tehran. Massoud Rajavi spoke to the crowd "
        "about the Zorvanic committee.\n")
MARK = "Zorvanic"  # a word only the ingested note holds


# -- cases --------------------------------------------------------------------------------

@dataclass
class Run:
    """What one case runs and how it is judged (made by the case's prepare function)."""

    argv: list = field(default_factory=list)  # after `python -m kb`; str or bytes
    expect: tuple = (0,)
    env: dict = field(default_factory=dict)  # overrides; a None value removes the variable
    protect: list = field(default_factory=list)  # paths that must not change
    quiet_dirs: list = field(default_factory=list)  # folders that must gain no file
    max_err: int = 1  # stderr lines allowed
    checks: list = field(default_factory=list)  # callables(Result) -> problem or None
    shell: str | None = None  # a bash script instead of argv ("$PY" is the interpreter)
    cwd: Path | None = None
    perf_bytes: int = 0  # class 3: size of the document ingested


@dataclass
class Case:
    cls: str
    name: str
    prepare: Callable[[Path], Run]
    serial: bool = False
    skip: str = ""


@dataclass
class Result:
    case: Case
    run: Run | None
    d: Path
    rc: int | None = None
    out: bytes = b""
    err: bytes = b""
    elapsed: float = 0.0
    cpu: float = 0.0  # user + system time of the children (meaningful only for cases run alone)
    timed_out: bool = False
    problems: list = field(default_factory=list)
    note: str = ""
    skipped: str = ""

    @property
    def out_text(self) -> str:
        return self.out.decode("utf-8", "surrogateescape")

    @property
    def err_text(self) -> str:
        return self.err.decode("utf-8", "surrogateescape")


CASES: list[Case] = []


def case(cls: str, name: str, serial: bool = False, skip: str = ""):
    def wrap(fn):
        CASES.append(Case(cls, name, fn, serial, skip))
        return fn
    return wrap


def add(cls: str, name: str, prepare, serial: bool = False, skip: str = "") -> None:
    CASES.append(Case(cls, name, prepare, serial, skip))


# -- fixtures -----------------------------------------------------------------------------

def shipped_doc() -> dict:
    return json.loads(SHIPPED_BYTES)


def dump(doc) -> bytes:
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False).encode("utf-8")


def store(d: Path, doc=None, raw: bytes | None = None, name: str = "kb.json", sub: str = "st") -> Path:
    """A store file in ``d/sub``: the shipped knowledge base, ``doc`` or ``raw`` bytes."""
    folder = d / sub
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if raw is None:
        raw = SHIPPED_BYTES if doc is None else dump(doc)
    path.write_bytes(raw)
    return path


def document(d: Path, text: str | bytes = NOTE, name: str | bytes = "note.md") -> Path:
    folder = d / "in"
    folder.mkdir(parents=True, exist_ok=True)
    path = os.path.join(os.fsencode(folder), os.fsencode(name)) if isinstance(name, bytes) else folder / name
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as fh:
        fh.write(data)
    return Path(os.fsdecode(path))


def base_env(d: Path) -> dict:
    home = d / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "PYTHONPATH": str(REPO),
        "KB_CACHE_DIR": str(d / "cache"),
        "XDG_DATA_HOME": str(d / "data"),
        "XDG_CACHE_HOME": str(d / "xcache"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def kb_quiet(d: Path, *argv, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run kb as part of a fixture (to build an index, say)."""
    e = base_env(d)
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "kb", *argv], env=e, cwd=d, stdin=subprocess.DEVNULL,
                          capture_output=True, timeout=60)


def index_file(d: Path) -> Path:
    found = sorted((d / "cache").glob("index-*.sqlite"))
    if len(found) != 1:
        raise RuntimeError(f"expected one index in {d / 'cache'}, found {found}")
    return found[0]


def age(path: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


# -- checks -------------------------------------------------------------------------------

def out_has(*texts: str):
    def check(r: Result):
        missing = [t for t in texts if t not in r.out_text]
        return f"stdout lacks {missing!r}" if missing else None
    return check


def out_lacks(*texts: str):
    def check(r: Result):
        found = [t for t in texts if t in r.out_text]
        return f"stdout holds {found!r}" if found else None
    return check


def err_has(*texts: str):
    def check(r: Result):
        missing = [t for t in texts if t not in r.err_text]
        return f"stderr does not name {missing!r}" if missing else None
    return check


def err_lacks_line(prefix: str):
    def check(r: Result):
        bad = [ln for ln in r.err_text.splitlines() if ln.startswith(prefix)]
        return f"stderr has a forged line {bad[0]!r}" if bad else None
    return check


def file_has(path: Path, text: str):
    def check(r: Result):
        try:
            data = Path(path).read_bytes()
        except OSError as e:
            return f"{path.name} unreadable after the run: {e}"
        return None if text.encode() in data else f"{path.name} lacks {text!r}: the write did not happen"
    return check


def is_link(path: Path, target: str):
    def check(r: Result):
        if not os.path.islink(path):
            return f"{path.name} is no longer a symbolic link"
        if os.readlink(path) != target:
            return f"{path.name} now points to {os.readlink(path)!r}"
        return None
    return check


def mode_is(path: Path, mode: int):
    def check(r: Result):
        m = stat.S_IMODE(os.stat(path).st_mode)
        return None if m == mode else f"{path.name} mode {m:04o}, was {mode:04o}"
    return check


def absent(path):
    def check(r: Result):
        return f"{os.fsdecode(path)} was created" if os.path.lexists(path) else None
    return check


def present(path):
    def check(r: Result):
        return None if os.path.lexists(path) else f"{os.fsdecode(path)} is missing"
    return check


def json_out(r: Result):
    try:
        json.loads(r.out_text)
    except ValueError as e:
        return f"stdout is not JSON: {e}"
    return None


def lines_at_least(n: int):
    def check(r: Result):
        k = len(r.out_text.splitlines())
        return None if k >= n else f"stdout has {k} lines, expected at least {n}"
    return check


def snapshot(path) -> tuple:
    p = os.fsdecode(path)
    if not os.path.lexists(p):
        return ("absent",)
    link = os.readlink(p) if os.path.islink(p) else None
    try:
        st = os.stat(p)
    except OSError:
        return ("dangling", link)
    data = None
    if stat.S_ISREG(st.st_mode):
        with open(p, "rb") as fh:
            data = fh.read()
    return (link, stat.S_IFMT(st.st_mode), stat.S_IMODE(st.st_mode), data)


def describe_change(path, before: tuple, after: tuple) -> str:
    name = os.fsdecode(path)
    if before[0] == "absent":
        return f"{name} was created"
    if after[0] == "absent":
        return f"{name} was removed"
    if before[0] != after[0]:
        return f"{name}: link {before[0]!r} became {after[0]!r}"
    if len(before) > 1 and len(after) > 1 and before[1] != after[1]:
        return f"{name} changed kind"
    if len(before) > 2 and len(after) > 2 and before[2] != after[2]:
        return f"{name} mode {before[2]:04o} became {after[2]:04o}"
    return f"{name} was rewritten (bytes changed)"


def listing(folder) -> set:
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


# -- running ------------------------------------------------------------------------------

def command_line(run: Run) -> str:
    if run.shell:
        return "bash -c " + shlex.quote(run.shell)
    parts = []
    for a in run.argv:
        if isinstance(a, bytes):
            parts.append(repr(a))
        else:
            s = str(a)
            shown = s if s.isprintable() else repr(s)
            parts.append(shlex.quote(shown) if shown == s else shown)
    text = "kb " + " ".join(parts)
    return text if len(text) < 300 else text[:297] + "..."


def execute(c: Case, workroot: Path) -> Result:
    d = Path(tempfile.mkdtemp(prefix="case-", dir=workroot))
    if c.skip:
        return Result(c, None, d, skipped=c.skip)
    try:
        run = c.prepare(d)
    except Exception as e:  # a fixture that cannot be built here (say, no FIFOs): reported, not hidden
        r = Result(c, None, d)
        r.problems.append(f"fixture failed: {type(e).__name__}: {e}")
        return r
    env = base_env(d)
    for k, v in run.env.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    env["PY"] = sys.executable
    watched = [SHIPPED] + list(run.protect)
    before = {os.fsdecode(p): snapshot(p) for p in watched}
    quiet = {os.fsdecode(q): listing(q) for q in run.quiet_dirs + [SHIPPED.parent]}
    argv = ["bash", "-c", run.shell] if run.shell else [sys.executable, "-m", "kb", *run.argv]
    r = Result(c, run, d)
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, cwd=run.cwd or d, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        r.out, r.err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        r.timed_out = True
        os.killpg(proc.pid, signal.SIGKILL)  # the group this run started, and only it
        r.out, r.err = proc.communicate()
    r.elapsed = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    r.cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
    r.rc = proc.returncode
    judge(r, before, quiet)
    return r


def judge(r: Result, before: dict, quiet: dict) -> None:
    run, p = r.run, r.problems
    if r.timed_out:
        p.append(f"hung: killed after {TIMEOUT:.0f} s")
    elif r.rc not in run.expect:
        p.append(f"exit {r.rc}, expected {' or '.join(map(str, run.expect))}")
    err = r.err_text
    if "Traceback" in err:
        tail = [ln for ln in err.strip().splitlines() if ln.strip()][-1:]
        p.append(f"traceback: {tail[0][:160] if tail else ''}")
    else:
        lines = [ln for ln in err.splitlines() if ln.strip()]
        if len(lines) > run.max_err:
            p.append(f"{len(lines)} stderr lines (at most {run.max_err}): {lines[0][:100]!r} ...")
    for name, snap in before.items():
        now = snapshot(name)
        if now != snap:
            p.append(describe_change(name, snap, now))
    for folder, names in quiet.items():
        new = sorted(listing(folder) - names)
        if new:
            p.append(f"new files in {folder}: {new[:4]}")
    for stream, text in (("stdout", r.out_text), ("stderr", err)):
        m = UNSAFE.search(text)
        if m:
            ch = m.group(0)
            shown = f"byte 0x{ord(ch) - 0xDC00:02x}" if "\udc80" <= ch <= "\udc9f" else f"{ch!a}"
            p.append(f"raw control character {shown} on {stream} at offset {m.start()}")
    leftovers = [str(x.relative_to(r.d)) for x in r.d.rglob(".*.tmp")
                 if not x.name.startswith(".kb.json.fixture")]
    if leftovers:
        p.append(f"temporary files left: {leftovers[:3]}")
    if not r.timed_out:
        for check in run.checks:
            try:
                msg = check(r)
            except Exception as e:  # a check that cannot look is itself a finding
                msg = f"check failed: {type(e).__name__}: {e}"
            if msg:
                p.append(msg)


# =========================================================================================
# class 0: sanity -- normal use that must keep working
# =========================================================================================

def _sanity(name, argv_fn, expect=(0,), checks=(), max_err=1):
    def prepare(d):
        s = store(d)
        return Run(argv_fn(d, s), expect=expect, protect=[s], checks=list(checks), max_err=max_err)
    add("0", name, prepare)


_sanity("timeline 1979 1988", lambda d, s: ["timeline", "1979", "1988", "--db", str(s)],
        checks=[out_has("1988-massacre", "1981-06-crackdown-on-mek")])
_sanity("timeline 'July 1988'", lambda d, s: ["timeline", "July 1988", "--db", str(s)],
        checks=[out_has("1988-massacre")])
_sanity("timeline 2017 .. -f json", lambda d, s: ["timeline", "2017", "..", "-f", "json", "--db", str(s)],
        checks=[json_out])
_sanity("who 'Masoud Rajavi'", lambda d, s: ["who", "Masoud Rajavi", "--db", str(s)],
        checks=[out_has("1981-ncri-founded")])
_sanity("who PMOI -f json", lambda d, s: ["who", "PMOI", "-f", "json", "--db", str(s)], checks=[json_out])
_sanity("who Rajavi is ambiguous (exit 1)", lambda d, s: ["who", "Rajavi", "--db", str(s)], expect=(1,),
        checks=[err_has("Maryam Rajavi")])
_sanity("search 'death commissions'", lambda d, s: ["search", "death commissions", "--db", str(s)],
        checks=[out_has("death-commissions")])
_sanity("search Hanif-nejad", lambda d, s: ["search", "Hanif-nejad", "--db", str(s)],
        checks=[lines_at_least(1)])
_sanity("search with no hit (exit 1)", lambda d, s: ["search", "qqxxzzyy", "--db", str(s)], expect=(1,))
_sanity("show 1988-massacre", lambda d, s: ["show", "1988-massacre", "--db", str(s)],
        checks=[out_has("1988-massacre")])
_sanity("show 'Maryam Rajavi'", lambda d, s: ["show", "Maryam Rajavi", "--db", str(s)],
        checks=[out_has("maryam-rajavi")])
_sanity("sources", lambda d, s: ["sources", "--db", str(s)], checks=[out_has("000", "004")])
_sanity("stats", lambda d, s: ["stats", "--db", str(s)], checks=[out_has("events")])
_sanity("conflicts", lambda d, s: ["conflicts", "--db", str(s)], checks=[lines_at_least(10)])
_sanity("entities --type camp", lambda d, s: ["entities", "--type", "camp", "--db", str(s)],
        checks=[out_has("Camp Ashraf")])
_sanity("export jsonl", lambda d, s: ["export", "--db", str(s)], checks=[lines_at_least(200)])
_sanity("export -f sqlite -o new file", lambda d, s: ["export", "-f", "sqlite", "-o", str(d / "x.db"), "--db", str(s)],
        checks=[lambda r: None if (r.d / "x.db").is_file() else "x.db was not written"])


@case("0", "shipped knowledge base, no --db")
def _(d):
    return Run(["timeline", "1988"], checks=[out_has("1988-massacre")])


@case("0", "ingest a note into a new --db store")
def _(d):
    s = d / "st" / "new.json"
    return Run(["ingest", str(document(d)), "--db", str(s)], max_err=2, checks=[file_has(s, MARK)])


@case("0", "ingest into the user store (seeded), then the shipped file is untouched")
def _(d):
    s = d / "data" / "kb" / "kb.json"
    return Run(["ingest", str(document(d))], max_err=2, checks=[file_has(s, MARK), file_has(s, "1988-massacre")])


@case("0", "ingest an HTML page into a copy of the shipped store")
def _(d):
    s = store(d)
    html = ("<html><head><title>March report</title><meta name='date' content='2019-11-20'></head>"
            "<body><p>On November 15, 2019, protests spread to Shiraz after the fuel price rise.</p>"
            f"<p>The {MARK} group said so.</p></body></html>")
    return Run(["ingest", str(document(d, html, "page.html")), "--db", str(s)], max_err=2,
               checks=[file_has(s, MARK)])


@case("0", "ingest then timeline and search find the new text")
def _(d):
    s = store(d)
    r = kb_quiet(d, "ingest", str(document(d)), "--db", str(s))
    if r.returncode != 0:
        raise RuntimeError(f"ingest failed: {r.stderr.decode()[:200]}")
    return Run(["search", MARK, "--db", str(s)], checks=[out_has("source")])


@case("0", "ingest from stdin ('-') with text piped in")
def _(d):
    s = d / "st" / "new.json"
    f = document(d)
    return Run(shell='"$PY" -m kb ingest - --db "$S" --title "Piped" < "$F"', env={"S": str(s), "F": str(f)},
               max_err=2, checks=[file_has(s, MARK)])


# =========================================================================================
# class 1: corrupt stores x read commands and ingest
# =========================================================================================

def _deep(n: int) -> bytes:
    return b'{"events": {"1": {"id": "x", "title": ' + b"[" * n + b"]" * n + b"}}}"


def _invalid_utf8() -> bytes:
    marker = b"1988 mass execution"
    assert marker in SHIPPED_BYTES
    return SHIPPED_BYTES.replace(marker, b"1988 mass \xff\xfe execution", 1)


def _rec(doc, table, ident):
    for k, v in doc[table].items():
        if v.get("id") == ident:
            return k, v
    raise KeyError(ident)


def _first_event_json() -> str:
    doc = shipped_doc()
    return json.dumps(doc["events"]["1"])


CORRUPT = {
    "truncated": lambda: SHIPPED_BYTES[: len(SHIPPED_BYTES) // 2],
    "lone {": lambda: b"{",
    "NUL-filled": lambda: b"\0" * 4096,
    "binary": lambda: random.Random(16).randbytes(8192),
    "invalid UTF-8": _invalid_utf8,
    "UTF-8 BOM": lambda: b"\xef\xbb\xbf" + SHIPPED_BYTES,
    "JSON list": lambda: b'[{"events": {}}]',
    "tables as lists": lambda: ('{"sources": [], "entities": [], "events": [%s]}' % _first_event_json()).encode(),
    "tables as scalars": lambda: b'{"sources": 1, "entities": "x", "events": true}',
    "record not an object": lambda: b'{"sources": {}, "entities": {}, "events": {"1": "hello"}}',
    "100,000-deep nesting": lambda: _deep(100_000),
    "null": lambda: b"null",
    "UTF-16": lambda: SHIPPED_BYTES.decode("utf-8").encode("utf-16"),
    "duplicate table": lambda: ('{"events": {"1": %s}, "events": {}}' % _first_event_json()).encode(),
    "duplicate doc number": lambda: ('{"events": {"1": %s, "1": %s}}' % (_first_event_json(),
                                                                           _first_event_json())).encode(),
    "trailing garbage": lambda: SHIPPED_BYTES + b"\n}garbage",
    "a number": lambda: b"42",
    "lone surrogate escape": lambda: SHIPPED_BYTES.replace(b'"1988 mass execution', b'"\\ud800 1988 mass execution', 1),
}


def _ingest_argv(d, s):
    return ["ingest", str(document(d)), "--db", str(s)]


READERS = [
    ("who", lambda d, s: ["who", "Massoud Rajavi", "--db", str(s)]),
    ("search", lambda d, s: ["search", "massacre", "--db", str(s)]),
    ("show", lambda d, s: ["show", "1988-massacre", "--db", str(s)]),
    ("sources", lambda d, s: ["sources", "--db", str(s)]),
    ("stats", lambda d, s: ["stats", "--db", str(s)]),
    ("entities", lambda d, s: ["entities", "--db", str(s)]),
    ("conflicts", lambda d, s: ["conflicts", "--db", str(s)]),
    ("export", lambda d, s: ["export", "--db", str(s)]),
    ("export -f sqlite -o", lambda d, s: ["export", "-f", "sqlite", "-o", str(d / "out.db"), "--db", str(s)]),
    ("ingest --dry-run", lambda d, s: ["ingest", "--dry-run", str(document(d)), "--db", str(s)]),
    ("timeline -e", lambda d, s: ["timeline", "-e", "Massoud Rajavi", "--db", str(s)]),
    ("KB_DB= timeline", None),
]


def _store_case(cls, label, raw_fn, cmd, argv_fn, expect, extra_checks=(), doc_fn=None):
    """A store built from ``raw_fn`` (bytes) or ``doc_fn`` (a document) and one command on it.

    Unless the command is an ingest that should succeed (``expect`` is (0,)),
    the store must stay as it is and its folder gain no file (no lock, no
    temporary file).
    """
    def prepare(d):
        s = store(d, raw=raw_fn()) if raw_fn else store(d, doc=doc_fn())
        is_ingest = cmd.startswith("ingest")
        if argv_fn is None:  # the store named by KB_DB
            return Run(["timeline", "1988"], expect=expect, env={"KB_DB": str(s)}, protect=[s],
                       checks=list(extra_checks), quiet_dirs=[s.parent])
        if cmd == "ingest" and expect == (0,):
            return Run(argv_fn(d, s), max_err=2, checks=[file_has(s, MARK), *extra_checks])
        return Run(argv_fn(d, s), expect=expect, protect=[s], quiet_dirs=[s.parent],
                   max_err=2 if is_ingest else 1, checks=list(extra_checks))
    add(cls, f"{label} x {cmd}", prepare)


for i, (label, raw_fn) in enumerate(CORRUPT.items()):
    _store_case("1", label, raw_fn, "ingest", _ingest_argv, (2,))
    _store_case("1", label, raw_fn, "timeline", lambda d, s: ["timeline", "1988", "--db", str(s)], (2,))
    cmd, fn = READERS[i % len(READERS)]
    _store_case("1", label, raw_fn, cmd, fn, (2,))

# valid but empty stores: not faults
_store_case("1", "empty file (an empty store)", lambda: b"", "timeline",
            lambda d, s: ["timeline", "1988", "--db", str(s)], (1,))
_store_case("1", "'{}' (an empty store)", lambda: b"{}", "timeline",
            lambda d, s: ["timeline", "1988", "--db", str(s)], (1,))


@case("1", "empty file (an empty store) x ingest: it is written")
def _(d):
    s = store(d, raw=b"")
    return Run(_ingest_argv(d, s), max_err=2, checks=[file_has(s, MARK)])


@case("1", "'{}' x ingest: it is written")
def _(d):
    s = store(d, raw=b"{}")
    return Run(_ingest_argv(d, s), max_err=2, checks=[file_has(s, MARK)])


# =========================================================================================
# class 2: bad records x commands
# =========================================================================================

def _bad(mutate):
    def make():
        doc = shipped_doc()
        mutate(doc)
        return doc
    return make


def _set_event(ident, key, value):
    def mutate(doc):
        _rec(doc, "events", ident)[1][key] = value
    return mutate


def _set_date(ident, **kw):
    def mutate(doc):
        _rec(doc, "events", ident)[1]["date"].update(kw)
    return mutate


def _del(table, ident, key):
    def mutate(doc):
        del _rec(doc, table, ident)[1][key]
    return mutate


def _dup(table, ident):
    def mutate(doc):
        _, rec = _rec(doc, table, ident)
        doc[table]["99999"] = copy.deepcopy(rec)
    return mutate


def _only_events(doc):
    del doc["sources"], doc["entities"]


def _claim_amount(doc):
    _, ev = _rec(doc, "events", "1981-06-crackdown-on-mek")
    ev["claims"][0]["amount"] = "lots"


def _role_date(doc):
    _, ent = _rec(doc, "entities", "massoud-rajavi")
    ent["roles"][0]["from"] = {"start": "1988-02-30", "end": "1988-02-30", "precision": "day", "edtf": "1988-02-30"}


def _dangling(doc):
    _rec(doc, "events", "1988-massacre")[1]["entities"].append("no-such-entity")


BAD_RECORDS = [
    # (label, mutate, expected exit, text the message must hold)
    ("event date is a number", _set_event("1988-massacre", "date", 1988), (2,), "1988-massacre"),
    ("event start is a number", _set_date("1988-massacre", start=19880728), (2,), "1988-massacre"),
    ("event day 1988-13-45", _set_date("1988-massacre", start="1988-13-45", end="1988-13-45"), (2,), "1988-massacre"),
    ("event ends before it starts", _set_date("1988-massacre", start="1988-09-01", end="1988-07-01"), (2,),
     "1988-massacre"),
    ("event without a date", _del("events", "1988-massacre", "date"), (2,), "1988-massacre"),
    ("event title null", _set_event("1988-massacre", "title", None), (2,), "1988-massacre"),
    ("event entities a string", _set_event("1988-massacre", "entities", "massoud-rajavi"), (2,), "1988-massacre"),
    ("event id a number", _set_event("1988-massacre", "id", 1988), (2,), "events record"),
    ("claim amount a string", _claim_amount, (2,), "1981-06-crackdown-on-mek"),
    ("entity with no name", _del("entities", "massoud-rajavi", "name"), (2,), "massoud-rajavi"),
    ("entity role day 1988-02-30", _role_date, (2,), "massoud-rajavi"),
    ("duplicate event id", _dup("events", "1988-massacre"), (2,), "1988-massacre"),
    ("duplicate entity id", _dup("entities", "massoud-rajavi"), (2,), "massoud-rajavi"),
    ("duplicate source id", _dup("sources", "000"), (2,), "000"),
    ("missing tables (events only)", _only_events, (0, 1, 2), ""),
    ("dangling entity reference (not a read fault)", _dangling, (0,), ""),
]

for i, (label, mutate, expect, names) in enumerate(BAD_RECORDS):
    ok = expect == (0,)
    chk = [err_has(names)] if names else []
    _store_case("2", label, None, "timeline", lambda d, s: ["timeline", "1988", "--db", str(s)],
                expect if not ok else (0,), chk, doc_fn=_bad(mutate))
    _store_case("2", label, None, "ingest", _ingest_argv, (2,) if expect == (2,) else (0,), chk, doc_fn=_bad(mutate))
    cmd, fn = READERS[(i * 5) % len(READERS)]
    _store_case("2", label, None, cmd, fn, expect if not ok else (0, 1), chk, doc_fn=_bad(mutate))


# =========================================================================================
# class 3: long lines (ingest must be linear: >= 1 MB/s)
# =========================================================================================

PERSIAN = ("سازمان مجاهدین خلق ایران در سال ۱۳۴۴ تاسیس شد و اعضای آن در زندان‌های رژیم شاه "
           "بازداشت شدند و پس از انقلاب به مخالفت با حکومت پرداختند").split()
WORDS = ("the group said that its members were arrested and held in prisons across the country "
         "while others left for abroad and wrote about what they saw there").split()


def _words(n_bytes: int, vocab, sep=" ", seed=3, cap=False) -> str:
    rnd = random.Random(seed)
    out, size = [], 0
    while size < n_bytes:
        w = rnd.choice(vocab)
        if cap:
            w = w.capitalize()
        out.append(w)
        size += len(w.encode()) + len(sep.encode())
    return sep.join(out)


MB = 1_000_000
LONG = [
    ("1 MB line, no commas", lambda: _words(MB, WORDS) + "\n", "a.txt"),
    ("5 MB line, no commas", lambda: _words(5 * MB, WORDS) + "\n", "b.txt"),
    ("1 MB Persian paragraph with Arabic commas", lambda: _words(MB, PERSIAN, sep=" ، ") + "\n", "c.txt"),
    ("1 MB Persian, Arabic commas, no spaces", lambda: _words(MB, PERSIAN, sep="،") + "\n", "d.txt"),
    ("200k commas on one line", lambda: ", ".join(_words(6 * 200_000, WORDS).split()[:200_001]) + "\n", "e.txt"),
    ("1 MB of Capitalized Words", lambda: _words(MB, WORDS, cap=True) + "\n", "f.txt"),
    ("1 MB Markdown heading line", lambda: "# " + _words(MB, WORDS) + "\n\nOn May 1, 2019 a rally.\n", "g.md"),
    ("1 MB unclosed HTML tags", lambda: "<html><body>" + "<b x=1 " * (MB // 7) + "\n", "h.html"),
    ("1 MB of '(' and quotes", lambda: ('("' * (MB // 2)) + "\n", "i.txt"),
    ("1 MB without spaces", lambda: "a" * MB + "\n", "j.txt"),
    ("300 KB of dated sentences on one line",
     lambda: " ".join(f"On June {1 + i % 28}, {1970 + i % 50} the {w} met in Tehran."
                      for i, w in enumerate(_words(300_000 // 8, WORDS).split()))[:300_000] + "\n", "k.txt"),
    ("1 MB of 800-character paragraphs", lambda: "\n\n".join(
        (lambda t: [t[i:i + 800] for i in range(0, len(t), 800)])(_words(MB, WORDS))) + "\n", "m.txt"),
    # the same, one sentence a line (an event each): the cost is per dated sentence, not per line
    ("1 MB of dated sentences, one a line",
     lambda: "\n".join(f"On June {1 + i % 28}, {1970 + i % 50} the {w} met in Tehran."
                       for i, w in enumerate(_words(MB // 8, WORDS).split()))[:MB] + "\n", "l.txt"),
]


def _long_case(label, make, name):
    def prepare(d):
        text = make()
        f = document(d, text, name)
        s = d / "st" / "new.json"
        return Run(["ingest", str(f), "--db", str(s)], expect=(0, 2), max_err=2,
                   perf_bytes=len(text.encode("utf-8")))
    add("3", label, prepare, serial=True)


for label, make, name in LONG:
    _long_case(label, make, name)


# =========================================================================================
# class 4: arguments and file names that are not UTF-8
# =========================================================================================

def _argv_case(label, argv_fn, expect, checks=(), env_fn=None, max_err=1, writes=False):
    """``writes``: the run should add the note to the store (checked), so the store is not protected."""
    def prepare(d):
        s = store(d)
        env = env_fn(d, s) if env_fn else {}
        chk = list(checks) + ([file_has(s, MARK)] if writes else [])
        return Run(argv_fn(d, s), expect=expect, protect=[] if writes else [s], env=env, checks=chk,
                   max_err=max_err)
    add("4", label, prepare)


DB = lambda s: ["--db", str(s)]  # noqa: E731
_argv_case("who b'Rajav\\xe9'", lambda d, s: ["who", b"Rajav\xe9", *DB(s)], (1, 2))
_argv_case("who b'\\xff\\xfe'", lambda d, s: ["who", b"\xff\xfe", *DB(s)], (1, 2))
_argv_case("show b'1988-massacre\\xff'", lambda d, s: ["show", b"1988-massacre\xff", *DB(s)], (1, 2))
_argv_case("timeline -e b'Rajav\\xe9'", lambda d, s: ["timeline", "-e", b"Rajav\xe9", *DB(s)], (1, 2))
_argv_case("timeline b'19\\xe988'", lambda d, s: ["timeline", b"19\xe988", *DB(s)], (2,))
_argv_case("search b'massacre \\xe9'", lambda d, s: ["search", b"massacre \xe9", *DB(s)], (0, 1, 2))
_argv_case("entities --type b'\\xe9'", lambda d, s: ["entities", "--type", b"\xe9", *DB(s)], (1, 2))
_argv_case("timeline -t b'\\x9b'", lambda d, s: ["timeline", "-t", b"crack\x9bdown", *DB(s)], (1, 2))
_argv_case("--db b'st\\xe9.json' (a good store)", lambda d, s: ["timeline", "1988", "--db", _latin_store(d)], (0,),
           checks=[out_has("1988-massacre")])
_argv_case("KB_DB non-UTF-8 path (a good store)", lambda d, s: ["timeline", "1988"], (0,),
           checks=[out_has("1988-massacre")],
           env_fn=lambda d, s: {"KB_DB": _latin_store(d)})
_argv_case("ingest a Latin-1 file name", lambda d, s: ["ingest", _latin_doc(d), *DB(s)], (0,),
           writes=True, max_err=2)
_argv_case("ingest a file name with a C1 byte b'\\x9b'", lambda d, s: ["ingest", _latin_doc(d, b"\x9b2Jx.txt"), *DB(s)],
           (0,), writes=True, max_err=2)
_argv_case("ingest a missing Latin-1 file name", lambda d, s: ["ingest", b"/nonexistent/caf\xe9.txt", *DB(s)],
           (2,), max_err=2)
_argv_case("ingest --db b'new-\\xe9.json'",
           lambda d, s: ["ingest", str(document(d)), "--db", os.fsencode(d) + b"/new-\xe9.json"], (0,), max_err=2)
_argv_case("ingest --title b'T\\xe9'", lambda d, s: ["ingest", str(document(d)), "--title", b"T\xe9", *DB(s)],
           (0,), max_err=2, writes=True)
_argv_case("ingest --date b'19\\xe988'", lambda d, s: ["ingest", str(document(d)), "--date", b"19\xe988", *DB(s)],
           (2,), max_err=2)
_argv_case("export -o b'out-\\xe9.jsonl'", lambda d, s: ["export", "-o", os.fsencode(d) + b"/out-\xe9.jsonl", *DB(s)],
           (0,), max_err=1)
_argv_case("XDG_DATA_HOME non-UTF-8, ingest", lambda d, s: ["ingest", str(document(d))], (0,), max_err=2,
           env_fn=lambda d, s: {"XDG_DATA_HOME": os.fsencode(d) + b"/d\xe9"})


def _latin_store(d: Path) -> bytes:
    p = os.fsencode(d) + b"/st\xe9.json"
    with open(p, "wb") as fh:
        fh.write(SHIPPED_BYTES)
    return p


def _latin_doc(d: Path, name: bytes = b"caf\xe9.txt") -> bytes:
    (d / "in").mkdir(exist_ok=True)
    p = os.fsencode(d / "in") + b"/" + name
    with open(p, "wb") as fh:
        fh.write(NOTE.encode())
    return p


# =========================================================================================
# class 5: timeline bounds
# =========================================================================================

BOUNDS = [
    (["0000-06"], (2,)), (["0000"], (2,)), (["0000-01-01"], (2,)), (["1988-07-00"], (2,)),
    (["1988-00"], (2,)), (["1988-13"], (2,)), (["1988-02-30"], (2,)), (["1988-07-32"], (2,)),
    (["99999"], (2,)), (["10000-01-01"], (2,)), (["June 31, 1988"], (2,)), (["February 29, 1900"], (2,)),
    (["1e3"], (2,)), (["NaN"], (2,)), (["x" * 100_000], (2,)), (["-1"], (2,)),
    ([".."], (0,)), ([".."] * 2, (0,)), (["1988", ".."], (0,)), ([".", "1965"], (2,)),
    ([".."] + ["1965"], (0,)), (["1979..1988"], (0,)), (["1979/1988"], (0,)), (["July 1988"], (0,)),
    (["late 1970s"], (0,)), ([""], (0, 2)), (["", ""], (0, 2)), (["1990", "1980"], (1, 2)),
    (["9999-12-31"], (1,)), (["0001"], (1, 2)), (["February 29, 2000"], (0, 1)),
    (["1988/.."], (0, 2)), (["1988-07-20/1988-07-19"], (1, 2)), (["٢٠١٧"], (0, 2)), (["1988", "1989", "1990"], (2,)),
]

for args, expect in BOUNDS:
    shown = " ".join(repr(a) if (not a or len(a) > 30 or " " in a) else a for a in args)
    if len(shown) > 60:
        shown = shown[:57] + "..."

    def prepare(d, args=args, expect=expect):
        s = store(d)
        return Run(["timeline", *args, "--db", str(s)], expect=expect, protect=[s])
    add("5", f"timeline {shown}", prepare)


# =========================================================================================
# class 6: writes that clobber
# =========================================================================================

@case("6", "ingest through a symlinked store: link stays, real store written")
def _(d):
    real = store(d, sub="real")
    link = d / "st" / "kb.json"
    link.parent.mkdir()
    os.symlink(real, link)
    return Run(_ingest_argv(d, link), max_err=2, checks=[is_link(link, str(real)), file_has(real, MARK)])


@case("6", "ingest through a chain of two symlinks")
def _(d):
    real = store(d, sub="real")
    mid = d / "mid.json"
    os.symlink(real, mid)
    link = d / "st" / "kb.json"
    link.parent.mkdir()
    os.symlink("../mid.json", link)
    return Run(_ingest_argv(d, link), max_err=2,
               checks=[is_link(link, "../mid.json"), is_link(mid, str(real)), file_has(real, MARK)])


@case("6", "ingest through a dangling symlink: target created, link stays")
def _(d):
    real = d / "real" / "kb.json"
    real.parent.mkdir()
    link = d / "st" / "kb.json"
    link.parent.mkdir()
    os.symlink(real, link)
    return Run(_ingest_argv(d, link), max_err=2, checks=[is_link(link, str(real)), file_has(real, MARK)])


for _mode in (0o640, 0o644, 0o600, 0o664):
    def _prep(d, mode=_mode):
        s = store(d)
        os.chmod(s, mode)
        return Run(_ingest_argv(d, s), max_err=2, checks=[mode_is(s, mode), file_has(s, MARK)])
    add("6", f"ingest keeps a {_mode:04o} store's mode", _prep)


def _export_onto(label, target_fn, expect=(2,), extra=(), fmt=("jsonl",)):
    def prepare(d):
        s = store(d)
        target = target_fn(d, s)
        argv = ["export", "-f", fmt[0], "-o", str(target), *extra, "--db", str(s)]
        return Run(argv, expect=expect, protect=[s, target])
    add("6", label, prepare)


_export_onto("export -o the store it reads", lambda d, s: s)
_export_onto("export -o the store it reads --force", lambda d, s: s, extra=("--force",))
_export_onto("export -f sqlite -o the store --force", lambda d, s: s, extra=("--force",), fmt=("sqlite",))
_export_onto("export -f csv -o the store, named with ../", lambda d, s: d / "st" / ".." / "st" / "kb.json",
             fmt=("csv",))
_export_onto("export -o a symlink to the store --force", lambda d, s: _link(d / "alias.json", s),
             extra=("--force",))
_export_onto("export -o a hard link to the store --force", lambda d, s: _hard(d / "hard.json", s),
             extra=("--force",))
_export_onto("export -o the shipped knowledge base", lambda d, s: SHIPPED)
_export_onto("export -o the shipped knowledge base --force", lambda d, s: SHIPPED, extra=("--force",))
_export_onto("export -o the user store --force", lambda d, s: _user_store(d), extra=("--force",))
_export_onto("export -o its own index --force", lambda d, s: _built_index(d, s), extra=("--force",))
_export_onto("export -o an existing file, no --force", lambda d, s: _existing(d))


def _link(p: Path, target: Path) -> Path:
    os.symlink(target, p)
    return p


def _hard(p: Path, target: Path) -> Path:
    os.link(target, p)
    return p


def _user_store(d: Path) -> Path:
    p = d / "data" / "kb" / "kb.json"
    p.parent.mkdir(parents=True)
    p.write_bytes(SHIPPED_BYTES)
    return p


def _built_index(d: Path, s: Path) -> Path:
    r = kb_quiet(d, "stats", "--db", str(s))
    if r.returncode != 0:
        raise RuntimeError(r.stderr.decode()[:200])
    return index_file(d)


def _existing(d: Path) -> Path:
    p = d / "mine.txt"
    p.write_text("my own notes\n")
    return p


@case("6", "export -o an existing file --force replaces it")
def _(d):
    s = store(d)
    p = _existing(d)
    return Run(["export", "-o", str(p), "--force", "--db", str(s)], protect=[s],
               checks=[file_has(p, '"kind"')])


@case("6", "export -f bulk --mapping onto the store")
def _(d):
    s = store(d)
    out = d / "body.ndjson"
    return Run(["export", "-f", "bulk", "-o", str(out), "--mapping", str(s), "--force", "--db", str(s)], expect=(2,),
               protect=[s], checks=[absent(out)])


@case("6", "export -o /dev/stdout writes to the pipe")
def _(d):
    s = store(d)
    return Run(["export", "-o", "/dev/stdout", "--db", str(s)], protect=[s], checks=[lines_at_least(200)])


@case("6", "ingest --db the shipped knowledge base: refused, no lock beside it")
def _(d):
    return Run(["ingest", str(document(d)), "--db", str(SHIPPED)], expect=(2,), max_err=2)


@case("6", "KB_DB=shipped knowledge base, ingest: refused")
def _(d):
    return Run(["ingest", str(document(d))], env={"KB_DB": str(SHIPPED)}, expect=(2,), max_err=2)


@case("6", "ingest --db a text file that is not a store: untouched, no lock")
def _(d):
    s = store(d, raw=b"root:x:0:0:root:/root:/bin/bash\n", name="passwd")
    return Run(_ingest_argv(d, s), expect=(2,), max_err=2, protect=[s], quiet_dirs=[s.parent])


@case("6", "ingest --db a directory: refused, nothing created")
def _(d):
    s = d / "st" / "kb.json"
    s.mkdir(parents=True)
    return Run(_ingest_argv(d, s), expect=(2,), max_err=2, quiet_dirs=[s, s.parent])


@case("6", "ingest --dry-run leaves the store as it was")
def _(d):
    s = store(d)
    return Run(["ingest", "--dry-run", str(document(d)), "--db", str(s)], max_err=3, protect=[s])


@case("6", "ingest the same file again: store not rewritten")
def _(d):
    s = store(d)
    f = document(d)
    r = kb_quiet(d, "ingest", str(f), "--db", str(s))
    if r.returncode != 0:
        raise RuntimeError(r.stderr.decode()[:200])
    return Run(["ingest", str(f), "--db", str(s)], max_err=2, protect=[s])


@case("6", "ingest only a failing (empty) file: exit 2, store untouched")
def _(d):
    s = store(d)
    return Run(["ingest", str(document(d, "", "empty.txt")), "--db", str(s)], expect=(2,), max_err=2, protect=[s])


@case("6", "ingest a good and a bad file: exit 2, the good one kept")
def _(d):
    s = store(d)
    return Run(["ingest", str(document(d)), str(document(d, b"\0\1\2\3" * 100, "bin.dat")), "--db", str(s)],
               expect=(2,), max_err=3, checks=[file_has(s, MARK)])


@case("6", "ingest into a read-only store: refused, untouched",
      skip="running as root: permission bits do not stop root" if ROOT else "")
def _(d):
    s = store(d)
    os.chmod(s, 0o444)
    return Run(_ingest_argv(d, s), expect=(2,), max_err=2, protect=[s], quiet_dirs=[s.parent])


# =========================================================================================
# class 7: terminal escapes in stored text
# =========================================================================================

EVIL_TITLE = "Evil \x1b]0;PWNED\x07 title \x1b[2J cleared \x9b31m c1 \u202egnp.exe\u202c \u2066iso\u2069 cr\rend"


def hostile_doc() -> dict:
    doc = shipped_doc()
    _, src = _rec(doc, "sources", "000")
    src["title"] = "Source " + EVIL_TITLE
    src["publisher"] = "pub \x1b[5m"
    _, ev = _rec(doc, "events", "1988-massacre")
    ev["title"] = "Massacre " + EVIL_TITLE
    ev["summary"] = "Summary \x1b[2J\x1b[H with \x07 bell and \x9d osc " + ev["summary"]
    ev["tags"] = ev["tags"] + ["tag\x1b[31m"]
    if ev["claims"]:
        ev["claims"][0]["value"] = "value \x1b[31m"
    ev["citations"][0]["section"] = "section \x1b]0;x\x07"
    _, ent = _rec(doc, "entities", "savak")
    ent["name"] = "SAVAK \x1b[7m inverted \u202e"
    ent["aliases"] = ent["aliases"] + ["Savak\x1b[8m"]
    ent["description"] = "desc \x1b[2J"
    ent["type"] = "government-body\x1b[1m"
    _, ent2 = _rec(doc, "entities", "maryam-rajavi")
    ent2["name"] = "Maryam \x1b]0;Rajavi\x07 Rajavi"
    return doc


ESCAPES = [
    ("sources", ["sources"], (0,), [out_has("PWNED")]),
    ("sources -f table", ["sources", "-f", "table"], (0,), []),
    ("sources -f csv", ["sources", "-f", "csv"], (0,), [out_has("PWNED")]),
    ("sources -f json", ["sources", "-f", "json"], (0,), [json_out]),
    ("show 000", ["show", "000"], (0,), [out_has("PWNED")]),
    ("show 1988-massacre", ["show", "1988-massacre"], (0,), [out_has("PWNED")]),
    ("show 1988-massacre -f table", ["show", "1988-massacre", "-f", "table"], (0,), []),
    ("show 1988-massacre -f jsonl", ["show", "1988-massacre", "-f", "jsonl"], (0,), []),
    ("search massacre", ["search", "massacre"], (0,), [out_has("1988-massacre")]),
    ("search massacre -f table", ["search", "massacre", "-f", "table"], (0,), []),
    ("timeline 1988", ["timeline", "1988"], (0,), [out_has("1988-massacre")]),
    ("timeline 1988 -f table", ["timeline", "1988", "-f", "table"], (0,), []),
    ("who savak", ["who", "savak"], (0,), []),
    ("show savak -f table", ["show", "savak", "-f", "table"], (0,), []),
    ("entities", ["entities"], (0,), []),
    ("entities -f table", ["entities", "-f", "table"], (0,), []),
    ("stats -f table", ["stats", "-f", "table"], (0,), []),
    ("conflicts", ["conflicts"], (0,), []),
    ("export", ["export"], (0,), [out_has("PWNED")]),
    ("export -f csv", ["export", "-f", "csv"], (0,), []),
    ("export -f bulk", ["export", "-f", "bulk"], (0,), []),
    ("who Rajavi (ambiguous: names on stderr)", ["who", "Rajavi"], (1,), [err_has("Rajavi")]),
    ("who 'Maryam Rajavy' (suggestions on stderr)", ["who", "Maryam Rajavy"], (0, 1), []),
]

for label, argv, expect, checks in ESCAPES:
    def prepare(d, argv=argv, expect=expect, checks=checks):
        s = store(d, doc=hostile_doc())
        return Run([*argv, "--db", str(s)], expect=expect, protect=[s], checks=list(checks))
    add("7", label, prepare)


@case("7", "ingest an HTML page whose <title> holds escapes (stderr)")
def _(d):
    s = d / "st" / "new.json"
    html = ("<html><head><title>Report \x1b]0;PWNED\x07\x1b[2J \u202eevil</title></head><body><p>"
            + NOTE + "</p>" + "<p>The page goes on about other things, in many plain words.</p>" * 40
            + "</body></html>")
    return Run(["ingest", str(document(d, html, "evil.html")), "--db", str(s)], max_err=2, checks=[file_has(s, MARK)])


@case("7", "ingest a file whose name holds ESC [2J (stderr)")
def _(d):
    s = d / "st" / "new.json"
    return Run(["ingest", str(document(d, NOTE, "x\x1b[2Jy\x1b]0;T\x07.md")), "--db", str(s)], max_err=2,
               checks=[file_has(s, MARK)])


@case("7", "who with ESC in the argument (echoed on stderr)")
def _(d):
    s = store(d)
    return Run(["who", "Nobody\x1b[2J\x1b]0;PWNED\x07", "--db", str(s)], expect=(1,), protect=[s])


@case("7", "--format table forced with COLUMNS=20 on a hostile store")
def _(d):
    s = store(d, doc=hostile_doc())
    return Run(["timeline", "1988", "-f", "table", "--db", str(s)], env={"COLUMNS": "20"}, protect=[s])


# =========================================================================================
# class 8: damaged indexes
# =========================================================================================

def _damage_case(label, damage, cmds=("search", "timeline")):
    for cmd in cmds:
        def prepare(d, damage=damage, cmd=cmd):
            s = store(d)
            r = kb_quiet(d, "stats", "--db", str(s))
            if r.returncode != 0:
                raise RuntimeError(r.stderr.decode()[:200])
            idx = index_file(d)
            extra_env = damage(d, idx) or {}
            if cmd == "search":
                argv, chk = ["search", "death commissions"], out_has("death-commissions")
            elif cmd == "timeline":
                argv, chk = ["timeline", "1988"], out_has("1988-massacre")
            else:
                argv, chk = ["who", "Massoud Rajavi"], out_has("1981-ncri-founded")
            return Run([*argv, "--db", str(s)], protect=[s], checks=[chk], env=extra_env)
        add("8", f"{label} x {cmd}", prepare)


def _keep_time(fn):
    def damage(d, idx):
        st = os.stat(idx)
        fn(d, idx)
        os.utime(idx, ns=(st.st_atime_ns, st.st_mtime_ns))
    return damage


def _truncate(frac):
    def fn(d, idx):
        size = idx.stat().st_size
        with open(idx, "r+b") as fh:
            fh.truncate(int(size * frac))
    return fn


def _overwrite(start_frac, length=None, header=False):
    def fn(d, idx):
        size = idx.stat().st_size
        rnd = random.Random(8)
        with open(idx, "r+b") as fh:
            if header:
                fh.seek(0)
                fh.write(rnd.randbytes(100))
            else:
                fh.seek(int(size * start_frac))
                n = length or (size - int(size * start_frac))
                fh.write(rnd.randbytes(n))
    return fn


def _sql(statement):
    def fn(d, idx):
        con = sqlite3.connect(idx)
        try:
            con.executescript(statement)
        finally:
            con.close()
    return fn


def _replace_with(kind):
    def damage(d, idx):
        idx.unlink()
        if kind == "dir":
            idx.mkdir()
        elif kind == "fifo":
            os.mkfifo(idx)
        elif kind == "device":
            os.symlink("/dev/zero", idx)
    return damage


def _hot_journal(d, idx):
    st = os.stat(idx)
    Path(str(idx) + "-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + random.Random(2).randbytes(4096))
    os.utime(idx, ns=(st.st_atime_ns, st.st_mtime_ns))


def _other_index(d, idx):
    st = os.stat(idx)
    other = store(d, doc=_bad(_only_events)(), name="other.json", sub="other")
    r = kb_quiet(d, "stats", "--db", str(other), env={"KB_CACHE_DIR": str(d / "cache2")})
    if r.returncode not in (0, 1):
        raise RuntimeError(r.stderr.decode()[:200])
    src = next((d / "cache2").glob("index-*.sqlite"))
    shutil.copyfile(src, idx)
    os.utime(idx, ns=(st.st_atime_ns, st.st_mtime_ns))


_damage_case("index truncated to 0 bytes", _truncate(0), cmds=("search", "timeline", "who"))
_damage_case("index truncated to half, time kept", _keep_time(_truncate(0.5)))
_damage_case("index pages overwritten (second half), time kept", _keep_time(_overwrite(0.5)))
_damage_case("index pages overwritten (4 KB in the middle), time kept", _keep_time(_overwrite(0.4, 4096)))
_damage_case("index header overwritten, time kept", _keep_time(_overwrite(0, header=True)))
_damage_case("index fts table dropped, time kept", _keep_time(_sql("DROP TABLE fts;")))
_damage_case("index events table dropped, time kept", _keep_time(_sql("DROP TABLE events;")))
_damage_case("index meta emptied, time kept", _keep_time(_sql("DELETE FROM meta;")))
_damage_case("index is a directory", _replace_with("dir"))
_damage_case("index is a FIFO", _replace_with("fifo"))
_damage_case("index is a symlink to /dev/zero", _replace_with("device"))
_damage_case("index with a garbage hot journal beside it", _hot_journal)
_damage_case("index of another store copied in, time kept", _other_index)
def _cache_is_file(d, idx):
    (d / "cachefile").write_text("x")
    return {"KB_CACHE_DIR": str(d / "cachefile")}


_damage_case("KB_CACHE_DIR is a regular file", _cache_is_file, cmds=("search",))
_damage_case("KB_CACHE_DIR under /dev/null", lambda d, idx: {"KB_CACHE_DIR": "/dev/null/kb"}, cmds=("timeline",))


# =========================================================================================
# class 9: small things
# =========================================================================================

def _special_store(kind):
    def make(d):
        folder = d / "st"
        folder.mkdir(exist_ok=True)
        p = folder / "kb.json"
        if kind == "fifo":
            os.mkfifo(p)
        elif kind == "dir":
            p.mkdir()
        elif kind == "socket":
            sock = socket.socket(socket.AF_UNIX)
            sock.bind(str(p))
            sock.close()
        elif kind == "loop":
            os.symlink("kb2.json", p)
            os.symlink("kb.json", folder / "kb2.json")
        elif kind in ("/dev/zero", "/dev/null", "/dev/urandom"):
            return Path(kind)
        return p
    return make


for _kind, _cmds in (("fifo", ("timeline", "ingest", "search")), ("dir", ("timeline",)), ("socket", ("timeline",)),
                     ("loop", ("timeline", "ingest")), ("/dev/zero", ("timeline", "ingest")),
                     ("/dev/urandom", ("stats",)), ("/dev/null", ("timeline",))):
    for _cmd in _cmds:
        def prepare(d, kind=_kind, cmd=_cmd):
            s = _special_store(kind)(d)
            argv = _ingest_argv(d, s) if cmd == "ingest" else [cmd, *(["massacre"] if cmd == "search" else
                                                                       ["1988"] if cmd == "timeline" else []),
                                                                 "--db", str(s)]
            qd = [s.parent] if str(s).startswith(str(d)) else []
            return Run(argv, expect=(2,), max_err=2 if cmd == "ingest" else 1, quiet_dirs=qd)
        add("9", f"store is {_kind} x {_cmd}", prepare)


def _big_store(d: Path) -> Path:
    doc = shipped_doc()
    events = list(doc["events"].values())
    n = len(events)
    for k in range(1, 20):
        for j, ev in enumerate(events):
            e = copy.deepcopy(ev)
            e["id"] = f"{ev['id']}-copy{k}"
            e.pop("aliases", None)
            doc["events"][str(n * k + j + 1000)] = e
    return store(d, doc=doc)


def _pipe_cases(cases) -> None:
    """Class 9: each (label, shell script) reads a big store into a pipe its reader closes
    early; kb must exit quietly (no message, no traceback) and leave the store alone."""
    for label, script in cases:
        def prepare(d, script=script):
            s = _big_store(d)
            return Run(shell=script, env={"S": str(s)}, max_err=0, protect=[s])
        add("9", label, prepare)


_pipe_cases((
        ("kb export | head -1", '"$PY" -m kb export --db "$S" | head -1 >/dev/null; exit ${PIPESTATUS[0]}'),
        ("kb export -f csv | head -1", '"$PY" -m kb export -f csv --db "$S" | head -1 >/dev/null; exit ${PIPESTATUS[0]}'),
        ("kb export -f bulk | head -c 1", '"$PY" -m kb export -f bulk --db "$S" | head -c 1 >/dev/null; '
                                          'exit ${PIPESTATUS[0]}'),
        ("kb timeline | head -1", '"$PY" -m kb timeline --db "$S" | head -1 >/dev/null; exit ${PIPESTATUS[0]}'),
        ("kb timeline -f json | head -c 1", '"$PY" -m kb timeline -f json --db "$S" | head -c 1 >/dev/null; '
                                            'exit ${PIPESTATUS[0]}'),
        ("kb search the -n 5000 | head -1", '"$PY" -m kb search "the" -n 5000 --db "$S" | head -1 >/dev/null; '
                                          'exit ${PIPESTATUS[0]}'),
        ("kb export | true (closed before the first write)",
         '"$PY" -m kb export --db "$S" | true; exit ${PIPESTATUS[0]}')))


@case("9", "stdout is /dev/full")
def _(d):
    s = store(d)
    return Run(shell='exec "$PY" -m kb timeline 1988 --db "$S" >/dev/full', env={"S": str(s)}, expect=(1, 2),
               protect=[s])


@case("9", "stdout closed (>&-)")
def _(d):
    s = store(d)
    return Run(shell='exec "$PY" -m kb timeline 1988 --db "$S" >&-', env={"S": str(s)}, expect=(0, 1, 2),
               protect=[s])


@case("9", "ingest - with stdin closed (<&-)")
def _(d):
    s = store(d)
    return Run(shell='exec "$PY" -m kb ingest - --db "$S" <&-', env={"S": str(s)}, expect=(2,), max_err=2,
               protect=[s])


SEARCHES = [
    ("300 nested parentheses", "(" * 300 + "massacre" + ")" * 300, (0,), [out_has("massacre")]),
    ("300 unclosed parentheses", "(" * 300 + "massacre", (0,), []),
    ("400 NOTs after a word", "massacre " + "NOT iraq " * 400, (0, 1, 2), []),
    ("400 NOTs in a row", "massacre " + "NOT " * 400 + "iraq", (0, 1, 2), []),
    ("400 NOTs, nothing before", "NOT " * 400 + "massacre", (2,), []),
    ("60-deep alternating groups", "".join(f"w{i} OR (x{i} AND (" for i in range(30)) + "massacre"
     + "))" * 30, (1, 2), []),
    ("1,001 different words", " OR ".join(f"word{i}" for i in range(1001)), (2,), []),
    ("5,000 OR'd repeats of one word", " OR ".join(["massacre"] * 5000), (0,), []),
    ("100,000-character word", "a" * 100_000, (1, 2), []),
    ("only a quote", '"', (2,), []),
    ("empty parentheses", "()", (2,), []),
    ("only a star", "*", (2,), []),
    ("only NOT", "NOT", (2,), []),
    ("FTS column filter title:massacre", "title:massacre", (0, 1), []),
    ("NEAR(massacre prisoners)", "NEAR(massacre prisoners)", (0, 1), []),
    ("only emoji", "\U0001F600\U0001F4A5", (1, 2), []),
    ("empty string", "", (2,), []),
    ("SQL injection", "massacre'); DROP TABLE events; --", (0, 1), []),
]

for _label, _q, _expect, _checks in SEARCHES:
    def prepare(d, q=_q, expect=_expect, checks=_checks):
        s = store(d)
        return Run(["search", q, "--db", str(s)], expect=expect, protect=[s], checks=list(checks))
    add("9", f"search: {_label}", prepare)


@case("9", "ingest a file whose name holds a newline (nothing forged on stderr)")
def _(d):
    s = store(d)
    f = document(d, "", "bad\nkb: added 99 documents, 0 failed.txt")
    return Run(["ingest", str(f), "--db", str(s)], expect=(2,), max_err=2, protect=[s],
               checks=[err_lacks_line("kb: added 99")])


@case("9", "ingest a missing file whose name holds CR and newline")
def _(d):
    s = store(d)
    return Run(["ingest", str(d / "in" / "x\r\nkb: forged line"), "--db", str(s)], expect=(2,), max_err=2,
               protect=[s], checks=[err_lacks_line("kb: forged")])


@case("9", "ingest a good file whose name holds a newline")
def _(d):
    s = store(d)
    f = document(d, NOTE, "good\nkb: forged.md")
    return Run(["ingest", str(f), "--db", str(s)], max_err=2, checks=[err_lacks_line("kb: forged"), file_has(s, MARK)])


def persian_doc() -> dict:
    doc = shipped_doc()
    _, ev = _rec(doc, "events", "1988-massacre")
    ev["title"] = "اعدام زندانیان سیاسی — Massacre é"
    _, ent = _rec(doc, "entities", "massoud-rajavi")
    ent["name"] = "Massoud Rajavi مسعود رجوی"
    ent["aliases"] = ent["aliases"] + ["مسعود رجوی", "Massoud Rajavi"]
    return doc


ASCII = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": None}
for _label, _argv, _expect, _checks in (
        ("timeline 1988", ["timeline", "1988"], (0,), [out_has("1988-massacre")]),
        ("timeline 1988 -f table", ["timeline", "1988", "-f", "table"], (0,), []),
        ("show 1988-massacre", ["show", "1988-massacre"], (0,), [out_has("1988-massacre")]),
        ("who 'Massoud Rajavi'", ["who", "Massoud Rajavi"], (0,), []),
        ("search Persian word", ["search", "اعدام"], (0,), []),
        ("who unknown non-ASCII (suggestions on stderr)", ["who", "Masoud Rajavé"], (0, 1), []),
        ("export -f csv", ["export", "-f", "csv"], (0,), []),
        ("entities -f json", ["entities", "-f", "json"], (0,), [json_out])):
    def prepare(d, argv=_argv, expect=_expect, checks=_checks):
        s = store(d, doc=persian_doc())
        return Run([*argv, "--db", str(s)], expect=expect, env=ASCII, protect=[s], checks=list(checks))
    add("9", f"LC_ALL=C PYTHONUTF8=0: {_label}", prepare)


@case("9", "LC_ALL=C PYTHONUTF8=0: ingest a Persian file name")
def _(d):
    s = store(d)
    return Run(["ingest", str(document(d, NOTE, "یادداشت.md")), "--db", str(s)], env=ASCII, max_err=2,
               checks=[file_has(s, MARK)])


@case("9", "PYTHONIOENCODING=ascii: show a Persian title")
def _(d):
    s = store(d, doc=persian_doc())
    return Run(["show", "1988-massacre", "--db", str(s)], env={"PYTHONIOENCODING": "ascii"}, protect=[s])


@case("9", "leftover temporary file over an hour old is removed by the next write")
def _(d):
    s = store(d)
    old = s.parent / ".kb.json.ab12cd_9.tmp"
    old.write_text("half a store")
    age(old, 7200)
    return Run(_ingest_argv(d, s), max_err=2, checks=[absent(old), file_has(s, MARK)])


@case("9", "a young temporary file (a live writer's) is left alone")
def _(d):
    s = store(d)
    young = s.parent / ".kb.json.fixture.tmp"
    young.write_text("another writer at work")
    age(young, 60)
    mine = s.parent / "notes.tmp"
    mine.write_text("not kb's")
    age(mine, 7200)
    return Run(_ingest_argv(d, s), max_err=2, checks=[present(young), present(mine), file_has(s, MARK)])


@case("9", "a stale empty lock file does not block ingest")
def _(d):
    s = store(d)
    Path(str(s) + ".lock").write_bytes(b"")
    return Run(_ingest_argv(d, s), max_err=2, checks=[file_has(s, MARK)])


for _label, _argv, _expect in (
        ("ingest /dev/zero as a document", ["ingest", "/dev/zero"], (2,)),
        ("ingest a directory as a document", ["ingest", "DIR"], (2,)),
        ("ingest a 21 MiB document", ["ingest", "BIG"], (2,)),
        ("ingest a binary document", ["ingest", "BIN"], (2,)),
        ("ingest a UTF-16 document", ["ingest", "U16"], (0, 2)),
        ("ingest --date 1988-02-30", ["ingest", "NOTE", "--date", "1988-02-30"], (2,)),
        ("ingest --date 0000-06", ["ingest", "NOTE", "--date", "0000-06"], (2,))):
    def prepare(d, argv=_argv, expect=_expect):
        s = store(d)
        subst = {"DIR": lambda: str(d), "BIG": lambda: str(document(d, b"word " * (21 * 1024 * 1024 // 5 + 10),
                                                                    "big.txt")),
                 "BIN": lambda: str(document(d, bytes(range(256)) * 64, "bin.txt")),
                 "U16": lambda: str(document(d, NOTE.encode("utf-16"), "u16.txt")),
                 "NOTE": lambda: str(document(d))}
        real = [subst[a]() if a in subst else a for a in argv]
        return Run([*real, "--db", str(s)], expect=expect, max_err=2, protect=[s] if 2 in expect and
                   0 not in expect else [])
    add("9", _label, prepare)


for _label, _argv, _expect, _env in (
        ("timeline -n 0", ["timeline", "-n", "0"], (0, 1, 2), {}),
        ("timeline -n -5", ["timeline", "-n", "-5"], (2,), {}),
        ("timeline -n 10**30", ["timeline", "-n", "1" + "0" * 30], (0, 2), {}),
        ("timeline -f table, COLUMNS=0", ["timeline", "1988", "-f", "table"], (0,), {"COLUMNS": "0"}),
        ("timeline -f table, COLUMNS=abc TERM=dumb", ["timeline", "1988", "-f", "table"], (0,),
         {"COLUMNS": "abc", "TERM": "dumb"}),
        ("timeline -f nosuch", ["timeline", "-f", "nosuch"], (2,), {}),
        ("kb nosuch-command", ["nosuch"], (2,), {}),
        ("timeline --nosuch-option", ["timeline", "--nosuch"], (2,), {}),
        ("HOME unset", ["timeline", "1988"], (0,), {"HOME": None}),
        ("KB_DB set but empty", ["timeline", "1988"], (0, 2), {"KB_DB": ""}),
        ("KB_DB names a missing file", ["timeline", "1988"], (2,), {"KB_DB": "/nonexistent/kb.json"}),
        ("--db names a path too long", ["timeline", "--db", "/tmp/" + "x" * 5000], (2,), {})):
    def prepare(d, argv=_argv, expect=_expect, env=_env):
        s = store(d)
        full = argv if "--db" in argv or "KB_DB" in env or argv == ["nosuch"] else [*argv, "--db", str(s)]
        return Run(full, expect=expect, env=env, protect=[s])
    add("9", _label, prepare)


# =========================================================================================
# a second pass over every class: other commands, options, environments
# =========================================================================================

# -- class 1: more damaged stores, and the commands the first pass did not try on them
MORE_CORRUPT = {
    "a JSON string": lambda: b'"hello"',
    "tables null": lambda: b'{"sources": null, "entities": null, "events": {"1": "x"}}',
    "gzip-compressed store": lambda: __import__("gzip").compress(SHIPPED_BYTES),
    "number 1e999": lambda: b"1e999",
    "invalid UTF-8 in a key": lambda: SHIPPED_BYTES.replace(b'"title"', b'"ti\xfftle"', 1),
    "only whitespace and a NUL": lambda: b"  \n\0\n",
}
for _label, _raw in MORE_CORRUPT.items():
    _store_case("1", _label, _raw, "ingest", _ingest_argv, (2,))
    _store_case("1", _label, _raw, "claims", lambda d, s: ["claims", "--db", str(s)], (2,))
for _label, _raw in (("truncated", CORRUPT["truncated"]), ("UTF-8 BOM", CORRUPT["UTF-8 BOM"]),
                     ("NUL-filled", CORRUPT["NUL-filled"])):
    for _cmd, _fn in (("tags", lambda d, s: ["tags", "--db", str(s)]),
                      ("export -f bulk", lambda d, s: ["export", "-f", "bulk", "--db", str(s)]),
                      ("ingest - (stdin)", None)):
        if _fn is None:
            def _prep(d, raw=_raw):
                s = store(d, raw=raw())
                return Run(shell='"$PY" -m kb ingest - --db "$S" < "$F"', env={"S": str(s), "F": str(document(d))},
                           expect=(2,), max_err=2, protect=[s], quiet_dirs=[s.parent])
            add("1", f"{_label} x {_cmd}", _prep)
        else:
            _store_case("1", _label, _raw, _cmd, _fn, (2,))


@case("1", "CRLF line ends in a good store: read and ingest work")
def _(d):
    s = store(d, raw=SHIPPED_BYTES.replace(b"\n", b"\r\n"))
    return Run(_ingest_argv(d, s), max_err=2, checks=[file_has(s, MARK)])


@case("1", "escaped NUL and ESC in a title (valid JSON): shown escaped")
def _(d):
    doc = shipped_doc()
    _rec(doc, "events", "1988-massacre")[1]["title"] = "A\u0000B\u001b[2J"
    s = store(d, doc=doc)
    return Run(["show", "1988-massacre", "--db", str(s)], protect=[s], checks=[out_has("1988-massacre")])


# -- class 2: claims' other fields, numbers JSON does not have
def _claim_field(key, value=None, raw: bytes | None = None):
    def make():
        doc = shipped_doc()
        _rec(doc, "events", "1981-06-crackdown-on-mek")[1]["claims"][0][key] = 123456789 if raw else value
        data = dump(doc)
        return data.replace(b"123456789", raw, 1) if raw else data
    return make


MORE_BAD = [
    ("claim counts a number", _claim_field("counts", 5)),
    ("claim qualifier a list", _claim_field("qualifier", ["about"])),
    ("claim value an object", _claim_field("value", {"n": 1})),
    ("claim unit a number", _claim_field("unit", 7)),
    ("claim low a string", _claim_field("low", "many")),
    ("claim amount NaN", _claim_field("amount", raw=b"NaN")),
    ("claim amount Infinity", _claim_field("amount", raw=b"Infinity")),
    ("claim amount 1e400 (infinite)", _claim_field("amount", raw=b"1e400")),
    ("claim high -Infinity", _claim_field("high", raw=b"-Infinity")),
]
for _label, _make in MORE_BAD:
    for _cmd, _fn in (("timeline", lambda d, s: ["timeline", "1988", "--db", str(s)]), ("ingest", _ingest_argv),
                      ("claims", lambda d, s: ["claims", "--db", str(s)]),
                      ("show", lambda d, s: ["show", "1981-06-crackdown-on-mek", "--db", str(s)])):
        _store_case("2", _label, _make, _cmd, _fn, (2,), [err_has("1981-06-crackdown-on-mek")])


# -- class 4: bytes in the other options
for _label, _argv, _expect in (
        ("claims -m b'\\xe9'", ["claims", "-m", b"d\xe9aths"], (2,)),
        ("claims -E b'\\xff'", ["claims", "-E", b"1988-massacre\xff"], (2,)),
        ("search -k b'\\xe9'", ["search", "massacre", "-k", b"ev\xe9nt"], (2,)),
        ("--fields b'id,t\\xe9'", ["timeline", "1988", "--fields", b"id,t\xe9"], (2,)),
        ("--sort b'\\xff'", ["timeline", "1988", "--sort", b"\xff"], (2,)),
        ("timeline -s b'\\xe9'", ["timeline", "-s", b"0\xe90"], (2,)),
        ("export --index-prefix b'\\xe9'", ["export", "-f", "bulk", "--index-prefix", b"k\xe9"], (2,)),
        ("tag --date b'\\xe9'", ["tag", "NOTE", "--date", b"19\xe988"], (2,))):
    def _prep(d, argv=_argv, expect=_expect):
        s = store(d)
        real = [str(document(d)) if a == "NOTE" else a for a in argv]
        return Run([*real, "--db", str(s)], expect=expect, protect=[s])
    add("4", _label, _prep)


@case("4", "tag a Latin-1 file name")
def _(d):
    return Run(["tag", _latin_doc(d)], checks=[out_has("1981")])


@case("4", "ingest --dry-run -f json with a Latin-1 file name")
def _(d):
    s = store(d)
    return Run(["ingest", "--dry-run", "-f", "json", _latin_doc(d), "--db", str(s)], max_err=3, protect=[s],
               checks=[json_out])


# -- class 5: more bounds, and dates given to ingest and tag
for _args, _expect in (
        (["+1988"], (2,)), (["1988 BC"], (2,)), (["500 BC"], (2,)), (["--", "-500"], (2,)), (["--", "-0500"], (2,)),
        (["19\u200b88"], (2,)), (["\u202e1988"], (2,)), (["1988-W01"], (2,)), (["1988-07-04T00:00"], (2,)),
        (["999999999999999999999"], (2,)), (["0x7C4"], (2,)), (["1988..1979"], (2,)), (["1988/1989/1990"], (2,)),
        (["1988/.."], (0,)), (["../1988"], (0,)), (["1988-07/.."], (0,)), (["1988-07-04/"], (0,)),
        (["  1988  "], (0,)), (["1988\n"], (0,)), (["-e", "Massoud Rajavi", "99999"], (2,)),
        (["--within", "1988-07-00"], (2,)), (["--chart", "0000"], (2,)), (["1988-02-29"], (0, 1)),
        (["yesterday"], (2,))):
    def _prep(d, args=_args, expect=_expect):
        s = store(d)
        return Run(["timeline", *args, "--db", str(s)], expect=expect, protect=[s])
    add("5", f"timeline {' '.join(map(repr, _args))[:60]}", _prep)

for _date in ("99999", "-500", "0000", "1988-00-10", "1988-13-01", "2020-02-30", "\u202e2020"):
    def _prep(d, date=_date):
        s = store(d)
        return Run(["ingest", str(document(d)), "--date", date, "--db", str(s)], expect=(2,), max_err=2, protect=[s])
    add("5", f"ingest --date {_date!r}", _prep)

    def _prep_tag(d, date=_date):
        return Run(["tag", str(document(d)), "--date", date], expect=(2,))
    add("5", f"tag --date {_date!r}", _prep_tag)


# -- class 6: more writes that must not clobber
@case("6", "ingest --db a symlink to the shipped knowledge base: refused")
def _(d):
    link = d / "kb.json"
    os.symlink(SHIPPED, link)
    return Run(["ingest", str(document(d)), "--db", str(link)], expect=(2,), max_err=2, checks=[is_link(link, str(SHIPPED))])


@case("6", "ingest --db a hard link to the shipped knowledge base: the shipped file keeps its bytes")
def _(d):
    link = d / "kb.json"
    try:
        os.link(SHIPPED, link)
    except OSError as e:  # another file system: nothing to test
        raise RuntimeError(f"cannot hard-link here: {e}") from None
    # refused, or written beside it: an atomic replace gives the name a new file, and the
    # shipped one (watched in every case) keeps its bytes
    return Run(["ingest", str(document(d)), "--db", str(link)], expect=(0, 2), max_err=2)


@case("6", "ingest --db a store with a second name (hard link): refused, both names keep one file")
def _(d):
    s = store(d)
    other = s.parent / "other.json"
    try:
        os.link(s, other)
    except OSError as e:  # another file system: nothing to test
        raise RuntimeError(f"cannot hard-link here: {e}") from None

    def one_file(r: Result):
        return None if os.path.samefile(s, other) else "the two names now hold different files"
    return Run(["ingest", str(document(d)), "--db", str(other)], expect=(2,), protect=[s, other],
               quiet_dirs=[s.parent], checks=[one_file])


@case("6", "export -o a directory: refused")
def _(d):
    s = store(d)
    out = d / "outdir"
    out.mkdir()
    return Run(["export", "-o", str(out), "--force", "--db", str(s)], expect=(2,), protect=[s], quiet_dirs=[out])


@case("6", "export -o into a missing folder: refused")
def _(d):
    s = store(d)
    return Run(["export", "-o", str(d / "no" / "such" / "x.jsonl"), "--db", str(s)], expect=(2,), protect=[s],
               checks=[absent(d / "no")])


@case("6", "export -f sqlite -o an existing database, no --force")
def _(d):
    s = store(d)
    db = d / "old.db"
    sqlite3.connect(db).executescript("CREATE TABLE mine(x); INSERT INTO mine VALUES (1);")
    return Run(["export", "-f", "sqlite", "-o", str(db), "--db", str(s)], expect=(2,), protect=[s, db])


@case("6", "export --mapping the same file as -o")
def _(d):
    s = store(d)
    out = d / "body.ndjson"
    return Run(["export", "-f", "bulk", "-o", str(out), "--mapping", str(out), "--db", str(s)], expect=(2,),
               protect=[s], checks=[absent(out)])


@case("6", "export -o the store named by KB_DB (relative path from another folder)")
def _(d):
    s = store(d)
    return Run(["export", "-o", "kb.json", "--force"], env={"KB_DB": str(s)}, cwd=s.parent, expect=(2,),
               protect=[s])


@case("6", "ingest --db a new store in a missing folder: created, or one line")
def _(d):
    s = d / "new" / "deeper" / "kb.json"
    return Run(["ingest", str(document(d)), "--db", str(s)], expect=(0, 2), max_err=2)


@case("6", "ingest: SIGINT during the write leaves the old or the new store", serial=False)
def _(d):
    s = _big_store(d)
    f = document(d, (Path(REPO).parent / "shared" / "seeds" / "000_2c4f17749873c12f.txt").read_bytes()
                 if (Path(REPO).parent / "shared" / "seeds").is_dir() else NOTE * 200, "long.txt")
    old = s.read_bytes()
    script = ('"$PY" -m kb ingest "$F" --db "$S" & pid=$!; sleep 1.2; kill -INT $pid; wait $pid; exit $?')
    return Run(shell=script, env={"S": str(s), "F": str(f)}, expect=(0, 130), max_err=40, checks=[_whole(s, old)])


# -- class 7: more places stored text or arguments reach the terminal
for _label, _argv, _expect in (
        ("claims", ["claims"], (0,)), ("claims -f table", ["claims", "-f", "table"], (0,)),
        ("tags -f table", ["tags", "-f", "table"], (0,)), ("conflicts -f csv", ["conflicts", "-f", "csv"], (0,)),
        ("who savak -f csv", ["who", "savak", "-f", "csv"], (0,)),
        ("show 1988-massacre -p", ["show", "1988-massacre", "-p"], (0,)),
        ("search Evil -f csv", ["search", "Evil", "-f", "csv"], (0,)),
        ("timeline --chart -f table", ["timeline", "--chart", "-f", "table"], (0,)),
        ("timeline -t ESC (error echoes it)", ["timeline", "-t", "x\x1b[2J\x1b]0;T\x07"], (2,)),
        ("--fields ESC (error echoes it)", ["timeline", "--fields", "id,\x1b[2J"], (2,)),
        ("--sort ESC (error echoes it)", ["timeline", "--sort", "\x1b]0;T\x07"], (2,)),
        ("claims -m ESC", ["claims", "-m", "\x1b[31m"], (2,)),
        ("timeline bound with ESC", ["timeline", "19\x1b[2J88"], (2,)),
        ("export -o a path with ESC in a missing folder", ["export", "-o", "/nonexistent/\x1b[2J/x"], (2,))):
    def _prep(d, argv=_argv, expect=_expect):
        s = store(d, doc=hostile_doc())
        return Run([*argv, "--db", str(s)], expect=expect, protect=[s])
    add("7", _label, _prep)


@case("7", "ingest --title with escapes (stderr summary)")
def _(d):
    s = d / "st" / "new.json"
    return Run(["ingest", str(document(d)), "--title", "T\x1b]0;PWNED\x07\x1b[2J\u202e", "--db", str(s)], max_err=2,
               checks=[file_has(s, MARK)])


@case("7", "tag a text holding escapes")
def _(d):
    text = "On June 20, 1981 \x1b[2J\x1b]0;X\x07 Massoud Rajavi spoke.\n" + "Plain words follow here. " * 40
    return Run(["tag", str(document(d, text, "e.txt"))], checks=[out_has("1981")])


@case("7", "ingest --dry-run of a text holding escapes")
def _(d):
    s = store(d)
    text = "On June 20, 1981, the \x1b]0;PWNED\x07 Zorvanic \x1b[2J committee met in Tehran.\n"
    return Run(["ingest", "--dry-run", str(document(d, text, "e.md")), "--db", str(s)], max_err=3, protect=[s],
               expect=(0, 2))


# -- class 8: damaged indexes under the other commands, odd cache folders
_damage_case("index pages overwritten (second half), time kept", _keep_time(_overwrite(0.5)), cmds=("who",))
_damage_case("index events table dropped, time kept", _keep_time(_sql("DROP TABLE events;")), cmds=("who",))


def _index_is_store_link(d, idx):
    idx.unlink()
    os.symlink(d / "st" / "kb.json", idx)


_damage_case("index is a symlink to the store itself", _index_is_store_link, cmds=("timeline",))
_damage_case("index is an empty file, time kept", _keep_time(_truncate(0)), cmds=("search",))
_damage_case("KB_CACHE_DIR is a FIFO", lambda d, idx: (os.mkfifo(d / "cfifo"), {"KB_CACHE_DIR": str(d / "cfifo")})[1],
             cmds=("timeline",))
_damage_case("XDG_CACHE_HOME=/dev/null, KB_CACHE_DIR unset",
             lambda d, idx: {"KB_CACHE_DIR": None, "XDG_CACHE_HOME": "/dev/null"}, cmds=("search",))


def _damaged_other(cmd, argv, check):
    def prepare(d):
        s = store(d)
        r = kb_quiet(d, "stats", "--db", str(s))
        if r.returncode != 0:
            raise RuntimeError(r.stderr.decode()[:200])
        _keep_time(_overwrite(0.4, 4096))(d, index_file(d))
        return Run([*argv, "--db", str(s)], protect=[s], checks=[check])
    add("8", f"index pages overwritten (4 KB), time kept x {cmd}", prepare)


_damaged_other("claims", ["claims", "-E", "1988-massacre"], lines_at_least(1))
_damaged_other("conflicts", ["conflicts"], lines_at_least(5))
_damaged_other("show", ["show", "1988-massacre"], out_has("1988-massacre"))
_damaged_other("entities", ["entities", "-T", "camp"], out_has("Camp Ashraf"))
_damaged_other("tags", ["tags"], lines_at_least(5))


# -- class 9: empty and dash arguments, environments, pipes, FIFOs
for _label, _argv, _expect, _env in (
        ("--db ''", ["timeline", "1988", "--db", ""], (2,), {}),
        ("--sort ''", ["timeline", "1988", "--sort", ""], (2,), {}),
        ("--fields ''", ["timeline", "1988", "--fields", ""], (2,), {}),
        ("who ''", ["who", ""], (1, 2), {}),
        ("show ''", ["show", ""], (1, 2), {}),
        ("timeline -e ''", ["timeline", "-e", ""], (1, 2), {}),
        ("who -- -x (an argument starting with '-')", ["who", "--db", "STORE", "--", "-x"], (1,), {}),
        ("search -- -massacre", ["search", "--db", "STORE", "--", "-massacre"], (0, 1, 2), {}),
        ("who a 100,000-character name", ["who", "x" * 100_000], (1, 2), {}),
        ("show a 100,000-character id", ["show", "x" * 100_000], (1, 2), {}),
        ("timeline -e a 100,000-character name", ["timeline", "-e", "x" * 100_000], (1, 2), {}),
        ("search 10,000 words", ["search", " ".join(f"w{i}" for i in range(10_000))], (1, 2), {}),
        ("search -n 10**20", ["search", "massacre", "-n", "1" + "0" * 20], (0,), {}),
        ("search -n 0", ["search", "massacre", "-n", "0"], (2,), {}),
        ("claims -n -1", ["claims", "-n", "-1"], (2,), {}),
        ("timeline -n 1e3", ["timeline", "-n", "1e3"], (2,), {}),
        ("HOME=''", ["timeline", "1988"], (0,), {"HOME": ""}),
        ("HOME=/nonexistent", ["timeline", "1988"], (0,), {"HOME": "/nonexistent"}),
        ("LC_ALL=tr_TR.UTF-8 (Turkish i)", ["who", "MASSOUD RAJAVI"], (0,), {"LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"}),
        ("LANG=bogus LC_ALL unset", ["timeline", "1988"], (0,), {"LC_ALL": None, "LANG": "xx_YY.bogus"}),
        ("PYTHONIOENCODING=latin-1, Persian title", ["show", "1988-massacre"], (0,), {"PYTHONIOENCODING": "latin-1"}),
        ("FORCE_COLOR=1 piped: no escapes", ["timeline", "1988"], (0,), {"FORCE_COLOR": "1"}),
        ("TERM=xterm COLUMNS=1 -f table", ["stats", "-f", "table"], (0,), {"TERM": "xterm", "COLUMNS": "1"}),
        ("COLUMNS=99999999999 -f table", ["timeline", "1988", "-f", "table"], (0,), {"COLUMNS": "99999999999"}),
        ("export -f bulk --mapping - without -o", ["export", "-f", "bulk", "--mapping", "-"], (2,), {}),
        ("export --mapping without bulk", ["export", "--mapping", "m.json"], (2,), {})):
    def _prep(d, argv=_argv, expect=_expect, env=_env):
        s = store(d, doc=persian_doc())
        full = [str(s) if a == "STORE" else a for a in argv] if "--db" in argv else [*argv, "--db", str(s)]
        return Run(full, expect=expect, env=env, protect=[s])
    add("9", _label, _prep)


@case("9", "XDG_DATA_HOME relative: no store created where kb runs")
def _(d):
    work = d / "work"
    work.mkdir()
    return Run(["ingest", str(document(d))], env={"XDG_DATA_HOME": "rel", "HOME": str(d / "home")}, cwd=work,
               max_err=2, quiet_dirs=[work], checks=[file_has(d / "home" / ".local" / "share" / "kb" / "kb.json", MARK)])


@case("9", "ingest '' (an empty file name)")
def _(d):
    s = store(d)
    return Run(["ingest", "", "--db", str(s)], expect=(2,), max_err=2, protect=[s])


@case("9", "tag '' (an empty file name)")
def _(d):
    return Run(["tag", ""], expect=(2,))


@case("9", "tag a 0-byte file")
def _(d):
    return Run(["tag", str(document(d, "", "empty.txt"))], expect=(1, 2))


@case("9", "tag a directory")
def _(d):
    return Run(["tag", str(d)], expect=(2,))


@case("9", "tag /dev/zero")
def _(d):
    return Run(["tag", "/dev/zero"], expect=(2,))


@case("9", "ingest a FIFO with a writer")
def _(d):
    s = d / "st" / "new.json"
    fifo = d / "in.fifo"
    os.mkfifo(fifo)
    note = document(d)
    return Run(shell='cat "$N" > "$F" & "$PY" -m kb ingest "$F" --db "$S"; rc=$?; wait; exit $rc',
               env={"S": str(s), "F": str(fifo), "N": str(note)}, max_err=2, checks=[file_has(s, MARK)])


@case("9", "ingest a FIFO nobody writes to: no hang")
def _(d):
    s = store(d)
    fifo = d / "in.fifo"
    os.mkfifo(fifo)
    return Run(["ingest", str(fifo), "--db", str(s)], expect=(2,), max_err=2, protect=[s])


@case("9", "tag a FIFO with a writer")
def _(d):
    fifo = d / "in.fifo"
    os.mkfifo(fifo)
    note = document(d)
    return Run(shell='cat "$N" > "$F" & "$PY" -m kb tag "$F"; rc=$?; kill %1 2>/dev/null; exit $rc',
               env={"F": str(fifo), "N": str(note)}, checks=[out_has("1981")])


@case("9", "tag <(process substitution)")
def _(d):
    note = document(d)
    return Run(shell='"$PY" -m kb tag <(cat "$N")', env={"N": str(note)}, checks=[out_has("1981")])


_pipe_cases((
        ("kb claims | head -1", '"$PY" -m kb claims --db "$S" | head -1 >/dev/null; exit ${PIPESTATUS[0]}'),
        ("kb conflicts -f json | head -c 1", '"$PY" -m kb conflicts -f json --db "$S" | head -c 1 >/dev/null; '
                                             'exit ${PIPESTATUS[0]}'),
        ("kb who PMOI | head -1", '"$PY" -m kb who PMOI --db "$S" | head -1 >/dev/null; exit ${PIPESTATUS[0]}'),
        ("kb show 1988-massacre -p | head -1", '"$PY" -m kb show 1988-massacre -p --db "$S" | head -1 >/dev/null; '
                                               'exit ${PIPESTATUS[0]}'),
        ("kb entities -f csv | head -1", '"$PY" -m kb entities -f csv --db "$S" | head -1 >/dev/null; '
                                         'exit ${PIPESTATUS[0]}'),
        ("kb --help | head -1", '"$PY" -m kb --help | head -1 >/dev/null; exit ${PIPESTATUS[0]}'),
        ("kb timeline --help | head -1", '"$PY" -m kb timeline --help | head -1 >/dev/null; exit ${PIPESTATUS[0]}'),
        ("kb export -o - | head -1", '"$PY" -m kb export -o - --db "$S" | head -1 >/dev/null; exit ${PIPESTATUS[0]}'),
        ("kb tag (a seed-sized text) | head -1",
         'yes "On June 20, 1981, Massoud Rajavi spoke in Tehran." | head -2000 > "$S.txt"; '
         '"$PY" -m kb tag "$S.txt" | head -1 >/dev/null; exit ${PIPESTATUS[0]}')))


@case("9", "export to /dev/full")
def _(d):
    s = store(d)
    return Run(shell='exec "$PY" -m kb export --db "$S" >/dev/full', env={"S": str(s)}, expect=(1, 2), protect=[s])


# =========================================================================================
# a fifth pass: numbers beyond a double or 64 bits, Word packages, options checked first
# =========================================================================================

# -- class 1: numbers and keys longer than Python reads as integers (4,300 digits)
_store_case("1", "a 5,000-digit number in a record",
            lambda: dump(shipped_doc()).replace(b'"amount": 40,', b'"amount": ' + b"9" * 5000 + b",", 1),
            "timeline", lambda d, s: ["timeline", "1988", "--db", str(s)], (2,))
_store_case("1", "a 5,000-digit number in a record",
            lambda: dump(shipped_doc()).replace(b'"amount": 40,', b'"amount": ' + b"9" * 5000 + b",", 1),
            "ingest", _ingest_argv, (2,))


def _long_key():
    doc = shipped_doc()
    doc["events"]["9" * 5000] = doc["events"].pop(next(iter(doc["events"])))
    return dump(doc)


# a document number is digits however many: read and written as it is
_store_case("1", "a 5,000-digit document number (a number like any)", _long_key, "timeline",
            lambda d, s: ["timeline", "1988", "--db", str(s)], (0,))
_store_case("1", "a 5,000-digit document number (a number like any)", _long_key, "ingest", _ingest_argv, (0,))

@case("1", "a compact store with a value 600 lists deep x ingest: one line, unchanged")
def _(d):
    raw = json.dumps(shipped_doc())
    at = raw.index('"id": ', raw.index('"events"'))
    s = store(d, raw=(raw[:at] + '"extra": ' + "[" * 600 + "]" * 600 + ", " + raw[at:]).encode())
    return Run(_ingest_argv(d, s), expect=(2,), max_err=2, protect=[s], checks=[err_has("nested too deeply")])


# -- class 2: a number JSON cannot hold (1e999 reads as infinity) in a field kb shows: the
# record is refused by reads, naming it, as a claim's amount is (it would print as Infinity)
for _cmd, _fn in (("show", lambda d, s: ["show", "1988-massacre", "-f", "json", "--db", str(s)]),
                  ("timeline", lambda d, s: ["timeline", "1988", "--db", str(s)])):
    _store_case("2", "an event's extracted 1e999", lambda: dump(shipped_doc()).replace(
        b'"id": "1988-massacre",', b'"extracted": 1e999, "id": "1988-massacre",', 1), _cmd, _fn, (2,),
        [err_has("1988-massacre")])

# -- class 2: an integer amount no double holds (JSON readers but Python's read infinity)
for _cmd, _fn in (("timeline", lambda d, s: ["timeline", "1988", "--db", str(s)]), ("ingest", _ingest_argv),
                  ("export -f sqlite", lambda d, s: ["export", "-f", "sqlite", "-o", str(d / "o.sqlite"),
                                                     "--db", str(s)])):
    _store_case("2", "claim amount a 400-digit integer", _claim_field("amount", raw=b"9" * 400), _cmd, _fn, (2,),
                [err_has("1981-06-crackdown-on-mek")])


def _sqlite_export(label, mutate):
    @case("9", f"export -f sqlite, {label}")
    def _(d):
        doc = shipped_doc()
        mutate(doc)
        s = store(d, doc=doc)
        out = d / "out.sqlite"
        return Run(["export", "-f", "sqlite", "-o", str(out), "--db", str(s)], protect=[s], checks=[present(out)])


_sqlite_export("a claim amount beyond 64 bits (10**30)",
               lambda doc: _rec(doc, "events", "1981-06-crackdown-on-mek")[1]["claims"][0].update(amount=10 ** 30))
_sqlite_export("a citation page that is an object",
               lambda doc: _rec(doc, "events", "1988-massacre")[1]["citations"][0].update(page={"n": [1]}))
_sqlite_export("a citation page beyond 64 bits",
               lambda doc: _rec(doc, "events", "1988-massacre")[1]["citations"][0].update(page=2 ** 70))

# -- class 9: an option that names nothing is refused before any input is read
for _opt in (("--fields", ",,,"), ("--sort", " ")):
    add("9", f"tag {_opt[0]} {_opt[1]!r} with empty input: one line",
        lambda d, _opt=_opt: Run(["tag", *_opt], expect=(2,), checks=[err_has(_opt[0])]))


# -- class 9: Word packages: a "zip bomb", billion laughs, an external entity, deep nesting
def _docx_with(d: Path, name: str, body: bytes, prolog: bytes = b"", level=6) -> Path:
    import zipfile
    types = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
             b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            b'officeDocument" Target="word/document.xml"/></Relationships>')
    doc = (b'<?xml version="1.0"?>' + prolog + b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
           b'wordprocessingml/2006/main"><w:body>' + body + b'</w:body></w:document>')
    f = d / name
    with zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)
    return f


def _no_passwd(s: Path):
    def check(r: Result):
        leaked = "root:x:" in r.err_text or (s.exists() and b"root:x:" in s.read_bytes())
        return "the external entity /etc/passwd was read" if leaked else None
    return check


_PARA = b"<w:p><w:r><w:t>On June 20, 1981, a march took place in Tehran.</w:t></w:r></w:p>"
_LAUGHS = (b'<!DOCTYPE w:document [<!ENTITY a "AAAAAAAAAA">'
           + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(8)) + b"]>")
for _label, _make, _expect in (
        ("a Word file holding 400 MB of XML (a zip bomb): refused at once",
         lambda d: _docx_with(d, "bomb.docx", _PARA + b"<w:p><w:r><w:t>" + b"A" * (400 * 2 ** 20)
                              + b"</w:t></w:r></w:p>", level=1), (2,)),
        ("a Word file with billion laughs", lambda d: _docx_with(d, "laughs.docx", _PARA.replace(
            b"<w:t>", b"<w:t>&i; ", 1), _LAUGHS), (2,)),
        ("a Word file naming an external entity (/etc/passwd)", lambda d: _docx_with(d, "xxe.docx", _PARA.replace(
            b"<w:t>", b"<w:t>&x; ", 1), b'<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'), (0, 2)),
        ("a Word file nested 50,000 paragraphs deep", lambda d: _docx_with(
            d, "deep.docx", _PARA + b"<w:p>" * 50_000 + b"</w:p>" * 50_000), (2,))):
    def _prep(d, _make=_make, _expect=_expect):
        f = _make(d)
        s = store(d)
        return Run(["ingest", str(f), "--db", str(s)], expect=_expect, max_err=2, protect=[s] if _expect == (2,) else [],
                   checks=[out_lacks("root:x:"), _no_passwd(s)])
    add("9", _label, _prep)


@case("9", "tag a Word file holding 400 MB of XML: refused at once")
def _(d):
    f = _docx_with(d, "bomb.docx", _PARA + b"<w:p><w:r><w:t>" + b"A" * (400 * 2 ** 20) + b"</w:t></w:r></w:p>", level=1)
    return Run(["tag", str(f)], expect=(2,), checks=[err_has("too big")])


# =========================================================================================
# a sixth pass: damaged Word packages in kb's words, PDFs that take without end, UTF-16
# without a mark, titles and dates that are not one line, a pipe nobody reads
# =========================================================================================

def _err_lacks(*texts: str):
    def check(r: Result):
        found = [t for t in texts if t in r.err_text]
        return f"stderr holds the parser's words {found!r}" if found else None
    return check


def _err_shorter(n: int):
    def check(r: Result):
        return f"stderr is {len(r.err)} bytes (an argument echoed whole?)" if len(r.err) > n else None
    return check


_LXML = ("line 1", "column", "Opening and ending", "Premature end", "Error -3", "<string>")
_MISMATCH = _PARA.replace(b"</w:p>", b"", 1)


def _crc_damage(d: Path) -> Path:
    f = _docx_with(d, "crc.docx", _PARA)
    data = bytearray(f.read_bytes())
    at = data.index(b"word/document.xml") + len("word/document.xml") + 4
    data[at] ^= 0xFF
    f.write_bytes(bytes(data))
    return f


def _xml_cut(d: Path) -> Path:
    import zipfile
    f = _docx_with(d, "short.docx", _PARA * 20)
    with zipfile.ZipFile(f) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(f, "w") as z:
        for name, data in parts:
            z.writestr(name, data[:len(data) // 2] if name == "word/document.xml" else data)
    return f


def _zip_cut(d: Path) -> Path:
    f = _docx_with(d, "cut.docx", _PARA * 20)
    f.write_bytes(f.read_bytes()[:-200])
    return f


for _cmd in ("ingest", "tag"):
    for _label, _make, _said in (
            ("tags that do not match", lambda d: _docx_with(d, "bad.docx", _MISMATCH), "do not match"),
            ("its XML cut short", _xml_cut,
             "cut short"),
            ("a part whose checksum fails", _crc_damage, "does not unpack"),
            ("its ZIP cut short", _zip_cut, "cut short or damaged")):
        def _prep(d, _make=_make, _said=_said, _cmd=_cmd):
            f = _make(d)
            s = store(d)
            argv = ["ingest", str(f), "--db", str(s)] if _cmd == "ingest" else ["tag", str(f)]
            return Run(argv, expect=(2,), max_err=2 if _cmd == "ingest" else 1, protect=[s],
                       checks=[err_has(_said), _err_lacks(*_LXML)])
        add("9", f"{_cmd} a damaged Word file ({_label}): kb's own words", _prep)


def _pdf_file(objs) -> bytes:
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _pdf_stream(data: bytes, extra: bytes = b"") -> bytes:
    import zlib
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode%s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def _pdf_pages(n: int, content: bytes, xobject: bytes = b"", more=()) -> bytes:
    """``n`` pages: one page object listed ``n`` times, as a hostile file lists it."""
    return _pdf_file([b"<< /Type /Catalog /Pages 2 0 R >>",
                      b"<< /Type /Pages /Kids [" + b" ".join([b"5 0 R"] * n) + b"] /Count %d >>" % n,
                      b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", _pdf_stream(content),
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >>"
                      + xobject + b" >> /Contents 4 0 R >>", *more])


_PDF_TEXT = b"BT /F1 12 Tf 72 720 Td (On June 20, 1981, a march took place in Tehran.) Tj ET"
_FORM = _pdf_stream(b"BT /F1 12 Tf 72 720 Td " + b"(word) Tj " * 1000 + b"ET",
                    b" /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>")
for _cmd in ("ingest", "tag"):
    for _label, _make, _said in (
            ("listing 100,000 pages (600 KB)", lambda: _pdf_pages(100_000, _PDF_TEXT), "pages"),
            ("of 70 MB of compressed blank space", lambda: _pdf_pages(1, _PDF_TEXT + b" " * 70_000_000), "unpack"),
            ("drawing one 1,000-word drawing 300 times",
             lambda: _pdf_pages(1, b"/Fm1 Do " * 300, b" /XObject << /Fm1 6 0 R >>", [_FORM]), "operators")):
        def _prep(d, _make=_make, _said=_said, _cmd=_cmd):
            f = document(d, _make(), "hostile.pdf")
            s = store(d)
            argv = ["ingest", str(f), "--db", str(s)] if _cmd == "ingest" else ["tag", str(f)]
            return Run(argv, expect=(2,), max_err=2 if _cmd == "ingest" else 1, protect=[s],
                       checks=[err_has("too big", _said)])
        add("9", f"{_cmd} a PDF {_label}: refused in seconds", _prep)


@case("9", "ingest a PDF whose font maps its text to nothing: refused, not stored as U+FFFD")
def _(d):
    s = store(d)
    f = document(d, _pdf_pages(1, _PDF_TEXT).replace(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [99 0 R] /ToUnicode 98 0 R >>"),
        "cid.pdf")
    return Run(["ingest", str(f), "--db", str(s)], expect=(2,), max_err=2, protect=[s], checks=[err_has("OCR")])


@case("9", "ingest a .docx whose first part holds %PDF-: read as Word")
def _(d):
    import zipfile
    f = _docx_with(d, "report.docx", _PARA.replace(b"Tehran", MARK.encode()))
    with zipfile.ZipFile(f) as z:
        parts = [(i.filename, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(f, "w") as z:
        z.writestr(zipfile.ZipInfo("embedded.bin"), b"%PDF-1.7 an embedded PDF")
        for name, data in parts:
            z.writestr(name, data)
    s = store(d)
    return Run(["ingest", str(f), "--db", str(s)], max_err=2, checks=[file_has(s, MARK)])


for _codec in ("utf-16-le", "utf-16-be"):
    @case("9", f"ingest {_codec.upper()} text without a byte-order mark")
    def _(d, _codec=_codec):
        s = store(d)
        return Run(["ingest", str(document(d, NOTE.encode(_codec), "note.txt")), "--db", str(s)], max_err=2,
                   checks=[file_has(s, MARK)])


@case("9", "tag a UTF-16 HTML page without a byte-order mark")
def _(d):
    page = f"<html><body><p>{NOTE}</p></body></html>".encode("utf-16-le")
    return Run(["tag", str(document(d, page, "page.html"))], checks=[out_has("1981-06-20")])


@case("7", "ingest --title with ESC ]0; ESC [2J, BEL and a line end: one line, no controls stored")
def _(d):
    s = store(d)

    def clean(r: Result):
        data = s.read_bytes()
        return "a control character of --title was stored" if (b"\\u001b" in data or b"\x1b" in data
                                                               or b"\\u0007" in data) else None
    return Run(["ingest", str(document(d)), "--db", str(s), "--title", "evil\x1b]0;owned\x07\x1b[2J\nsecond"],
               max_err=2, checks=[file_has(s, "evil]0;owned[2J second"), clean])


_HUGE = "9" * 100_000
for _label, _argv in (
        ("tag --date of 100 KB", lambda d, s: ["tag", str(document(d)), "--date", _HUGE]),
        ("ingest --date of 100 KB", lambda d, s: ["ingest", str(document(d)), "--db", str(s), "--date", _HUGE]),
        ("timeline with a 100 KB bound", lambda d, s: ["timeline", _HUGE, "--db", str(s)]),
        ("who with a 100 KB name", lambda d, s: ["who", "a" * 100_000, "--db", str(s)]),
        ("show with a 100 KB id", lambda d, s: ["show", "a" * 100_000, "--db", str(s)])):
    def _prep(d, _argv=_argv):
        s = store(d)
        return Run(_argv(d, s), expect=(1, 2), max_err=2, protect=[s], checks=[_err_shorter(2_000)])
    add("9", f"{_label}: one short line", _prep)


@case("9", "export -o a FIFO nobody reads: refused, no hang")
def _(d):
    s = store(d)
    fifo = d / "out.fifo"
    os.mkfifo(fifo)
    return Run(["export", "-o", str(fifo), "--db", str(s)], expect=(2,), protect=[s], checks=[err_has("no reader")])


@case("9", "export -o a FIFO with a reader")
def _(d):
    s = store(d)
    fifo = d / "out.fifo"
    os.mkfifo(fifo)
    out = d / "got.jsonl"
    return Run(shell='cat "$F" > "$O" & "$PY" -m kb export -o "$F" --db "$S"; rc=$?; wait; exit $rc',
               env={"F": str(fifo), "O": str(out), "S": str(s)}, protect=[s], checks=[file_has(out, '"kind"')])


# =========================================================================================
# a seventh pass: HTML in the charset it declares, signals during a write, a full or
# read-only file system, odd files among the inputs
# =========================================================================================

_PAGE = ("<html><head>{head}<title>Caf\u00e9 \u201cnews\u201d</title></head><body><p>On June 20, 1981, a march took "
         "place in T\u00e9hran. The Zorvanic committee met.</p></body></html>")
for _label, _head, _codec, _expect, _said in (
        ("windows-1252 page, <meta charset>", '<meta charset="windows-1252">', "cp1252", (0,), ""),
        ("Latin-1 page, <meta http-equiv> (read as windows-1252)",
         '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "cp1252", (0,), ""),
        ("windows-1252 page declaring a made-up charset", '<meta charset="x-no-such-charset">', "cp1252", (2,),
         "charset"),
        ("windows-1252 page declaring charset=unicode_escape (a Python codec)", '<meta charset="unicode_escape">',
         "cp1252", (2,), "charset"),
        ("windows-1252 page declaring charset=rot13", "<meta charset=rot13>", "cp1252", (2,), "charset"),
        ("windows-1252 page declaring no charset", "", "cp1252", (2,), "UTF-8"),
        ("windows-1252 page declaring its charset past the first 8 KiB", "<!-- -->" * 1100
         + '<meta charset="windows-1252">', "cp1252", (2,), "UTF-8")):
    for _cmd in ("ingest", "tag"):
        def _prep(d, head=_head, codec=_codec, expect=_expect, said=_said, cmd=_cmd):
            f = document(d, _PAGE.format(head=head).encode(codec), "page.html")
            s = store(d)
            checks = [err_has(said)] if said else []
            if cmd == "tag":
                return Run(["tag", str(f)], expect=expect, checks=checks + ([out_has("1981-06-20", "T\u00e9hran")]
                                                                            if expect == (0,) else []))
            return Run(["ingest", str(f), "--db", str(s)], expect=expect, max_err=2,
                       protect=[s] if expect == (2,) else [],
                       checks=checks + ([file_has(s, "Zorvanic"), file_has(s, "Caf\u00e9 \u201cnews\u201d")]
                                        if expect == (0,) else []))
        add("9", f"{_cmd} a {_label}", _prep)


@case("9", "ingest a Shift_JIS page declaring its charset: its text stored as read")
def _(d):
    page = '<!DOCTYPE html><meta charset="shift_jis"><p>On June 20, 1981, \u6771\u4eac.</p>'.encode("shift_jis")
    s = store(d)
    return Run(["ingest", str(document(d, page, "jp.html")), "--db", str(s)], max_err=2,
               checks=[file_has(s, "1981, \u6771\u4eac.")])


def _said_signal(name: str):
    def check(r: Result):
        if r.rc == 128 + getattr(signal, name) and f"kb: interrupted ({name})" not in r.err_text:
            return f"ended by {name} without a word (exit {r.rc})"
        return None
    return check


def _whole(s: Path, old: bytes):
    def check(r: Result):
        data = s.read_bytes()
        if data == old:
            return None
        try:
            json.loads(data)
        except ValueError as e:
            return f"the store is broken after the signal: {e}"
        return None
    return check


for _sig in ("TERM", "HUP", "INT"):
    @case("6", f"ingest: SIG{_sig} once the store is locked: old or new store, one line, no temporary file")
    def _(d, _sig=_sig):
        s = _big_store(d)
        f = document(d, NOTE * 300, "long.txt")
        # `set -m`: the job gets SIGINT as an interactive shell's would (not ignored)
        script = ('set -m; "$PY" -m kb ingest "$F" --db "$S" & pid=$!; '
                  'for i in $(seq 2000); do [ -e "$S.lock" ] && break; sleep 0.01; done; '
                  f'kill -{_sig} $pid; wait $pid; exit $?')
        return Run(shell=script, env={"S": str(s), "F": str(f)}, expect=(0, 128 + getattr(signal, f"SIG{_sig}")),
                   max_err=3, checks=[_whole(s, s.read_bytes()), _said_signal(f"SIG{_sig}") if _sig != "INT"
                                      else (lambda r: None if r.rc != 130 or "interrupted" in r.err_text
                                            else "ended by SIGINT without a word")])


@case("8", "SIGTERM while the index is built: no temporary file left in the cache, one line")
def _(d):
    s = _big_store(d)
    script = ('"$PY" -m kb timeline 1988 --db "$S" >/dev/null & pid=$!; '
              'for i in $(seq 4000); do ls "$C"/.index-*.tmp >/dev/null 2>&1 && break; sleep 0.005; done; '
              'kill -TERM $pid; wait $pid; exit $?')
    return Run(shell=script, env={"S": str(s), "C": str(d / "cache")}, expect=(0, 143), protect=[s],
               checks=[_said_signal("SIGTERM")])


def _mounted(script: str, size: str = "64k") -> str:
    """``script`` run with a small tmpfs of ``size`` bytes mounted at "$M" (root only), unmounted after."""
    return f'mkdir -p "$M" && mount -t tmpfs -o size={size} tmpfs "$M" || exit 99; {{ {script} ; }}; rc=$?; umount "$M"; exit $rc'


_NOT_ROOT = "" if ROOT else "mounting a small file system needs root"


@case("8", "KB_CACHE_DIR on a full file system: the index is built in memory", skip=_NOT_ROOT)
def _(d):
    s = store(d)
    script = _mounted('head -c 60000 /dev/zero > "$M/fill"; mkdir -p "$M/c"; '
                      'KB_CACHE_DIR="$M/c" "$PY" -m kb timeline 1988 --db "$S"')
    return Run(shell=script, env={"S": str(s), "M": str(d / "mnt")}, protect=[s], checks=[out_has("1988-massacre")])


@case("6", "ingest into a store on a full file system: one line, the store keeps its bytes", skip=_NOT_ROOT)
def _(d):
    s = store(d, sub="src")
    script = _mounted('cp "$S" "$M/kb.json" && head -c 30000 /dev/zero > "$M/fill" && cp "$M/kb.json" "$D/before" '
                      '&& "$PY" -m kb ingest "$F" --db "$M/kb.json"; rc=$?; '
                      'cmp -s "$M/kb.json" "$D/before" || { echo "kb.json changed" >&2; rc=9; }; '
                      'ls -a "$M" | grep -q "\\.tmp$" && { echo "temporary file left" >&2; rc=9; }; (exit $rc)',
                      size=f"{len(SHIPPED_BYTES) + 40_000}")
    return Run(shell=script, env={"S": str(s), "M": str(d / "mnt"), "D": str(d), "F": str(document(d, NOTE * 400))},
               expect=(2,), max_err=2)


@case("6", "ingest into a store on a read-only file system: refused, reads still work", skip=_NOT_ROOT)
def _(d):
    s = store(d, sub="src")
    script = ('mkdir -p "$M" && mount -t tmpfs -o size=2m tmpfs "$M" || exit 99; cp "$S" "$M/kb.json"; '
              'mount -o remount,ro "$M"; KB_CACHE_DIR="$M/cache" "$PY" -m kb ingest "$F" --db "$M/kb.json"; rc=$?; '
              'KB_CACHE_DIR="$M/cache" "$PY" -m kb timeline 1988 --db "$M/kb.json" >/dev/null || rc=9; '
              'cmp -s "$M/kb.json" "$S" || rc=9; umount "$M"; exit $rc')
    return Run(shell=script, env={"S": str(s), "M": str(d / "mnt"), "F": str(document(d))}, expect=(2,), max_err=2)


for _label, _make, _said in (
        ("a socket", lambda d: (lambda p: (socket.socket(socket.AF_UNIX).bind(str(p)), p)[1])(d / "in" / "s.sock"),
         "socket"),
        ("a symbolic link loop", lambda d: (os.symlink("b.txt", d / "in" / "a.txt"),
                                            os.symlink("a.txt", d / "in" / "b.txt"), d / "in" / "a.txt")[2], ""),
        ("a dangling symbolic link", lambda d: (os.symlink("/nonexistent/x.txt", d / "in" / "x.txt"),
                                                d / "in" / "x.txt")[1], "missing")):
    for _cmd in ("ingest", "tag"):
        def _prep(d, _make=_make, _said=_said, _cmd=_cmd):
            (d / "in").mkdir(exist_ok=True)
            f = _make(d)
            s = store(d)
            argv = ["ingest", str(f), "--db", str(s)] if _cmd == "ingest" else ["tag", str(f)]
            return Run(argv, expect=(2,), max_err=2 if _cmd == "ingest" else 1, protect=[s],
                       checks=[err_has(_said)] if _said else [])
        add("9", f"{_cmd} {_label}: one line", _prep)


@case("9", "ingest 3,000 empty files and one good one: the good one goes in")
def _(d):
    s = store(d)
    folder = d / "many"
    folder.mkdir()
    for i in range(3000):
        (folder / f"e{i:04d}.txt").write_bytes(b"")
    (folder / "z-good.md").write_text(NOTE, encoding="utf-8")
    return Run(shell='"$PY" -m kb ingest "$G"/* --db "$S" 2>"$E"; rc=$?; tail -1 "$E" >&2; exit $rc',
               env={"G": str(folder), "S": str(s), "E": str(d / "err.txt")}, expect=(2,),
               checks=[file_has(s, MARK), err_has("3000 failed")])


def _utf8_json(lines: bool = False):
    """stdout is JSON (or JSON lines) in valid UTF-8: no byte of a name copied raw."""
    def check(r: Result):
        try:
            text = r.out.decode("utf-8")
        except UnicodeDecodeError as e:
            return f"stdout is not UTF-8 (byte 0x{r.out[e.start]:02x} at offset {e.start})"
        try:
            for chunk in (text.split("\n") if lines else [text]):
                if chunk.strip():
                    json.loads(chunk)
        except ValueError as e:
            return f"stdout is not JSON: {e}"
        return None
    return check


for _fmt in ("json", "jsonl", "tsv", "table"):
    @case("4", f"tag -f {_fmt} a file whose name holds the bytes 0x9b and 0xe9: UTF-8 out, no raw C1 byte")
    def _(d, _fmt=_fmt):
        f = document(d, NOTE, b"x\x9b2J caf\xe9.md")
        return Run(["tag", f, "-f", _fmt], checks=[_utf8_json(_fmt == "jsonl")] if _fmt.startswith("json") else
                   [out_has("1981-06-20")])


for _cmd, _argv in (("stats -f json", ["stats", "-f", "json"]), ("ingest --dry-run -f json", None)):
    @case("4", f"{_cmd} on a store in a folder named with the byte 0xe9: UTF-8 JSON")
    def _(d, _argv=_argv):
        folder = os.path.join(os.fsencode(d), b"caf\xe9")
        os.makedirs(folder)
        s = Path(os.fsdecode(os.path.join(folder, b"kb.json")))
        s.write_bytes(SHIPPED_BYTES)
        argv = _argv or ["ingest", "--dry-run", "-f", "json", str(document(d))]
        return Run([*argv, "--db", str(s)], max_err=2, protect=[s], checks=[_utf8_json()])


@case("9", "tag - - (standard input twice): one line")
def _(d):
    return Run(shell='"$PY" -m kb tag - - < "$F"', env={"F": str(document(d))}, expect=(2,))


@case("6", "ingest --db a new path ending in '/': refused, no file of that name made")
def _(d):
    return Run(["ingest", str(document(d)), "--db", str(d / "newdir") + "/"], expect=(2,), max_err=2,
               checks=[absent(d / "newdir"), absent(d / "newdir.lock")])


@case("9", "ingest a Latin-1 XHTML page declaring its encoding in <?xml ...?>")
def _(d):
    page = ('<?xml version="1.0" encoding="ISO-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body>'
            '<p>On June 20, 1981, the Zorvanic caf\u00e9 opened.</p></body></html>').encode("latin-1")
    s = store(d)
    return Run(["ingest", str(document(d, page, "page.xhtml")), "--db", str(s)], max_err=2,
               checks=[file_has(s, "Zorvanic caf\u00e9")])


# =========================================================================================
# an eighth hunt, round two
# =========================================================================================

# -- class 5: one rule for the years kb accepts (0001 to 9999, ISO), in every command that takes a date
REL_NOTE = "Notes\n\nYesterday the group met in Tabriz. Last year they met. Next week they go. Tomorrow they rest.\n"
for _args, _expect in ((["0001"], (1,)), (["0999"], (1,)), (["1000"], (1,)), (["9999"], (1,)),
                       (["0001", "0002-06"], (1,)), (["June 1500"], (2,)), (["1500s"], (2,)), (["0000..0001"], (2,))):
    def _prep(d, args=_args, expect=_expect):
        s = store(d)
        return Run(["timeline", *args, "--db", str(s)], expect=expect, protect=[s])
    add("5", f"timeline {' '.join(map(repr, _args))} (years 0001-9999)", _prep)

for _date in ("0001", "0999-03", "9999", "9999-12-31", "0001-01-05"):
    def _prep(d, date=_date):
        return Run(["tag", str(document(d, REL_NOTE)), "--date", date, "-k", "date"], checks=[out_has("Yesterday")])
    add("5", f"tag --date {_date} (relative dates at the calendar's ends)", _prep)

    def _prep_ingest(d, date=_date):
        s = store(d, raw=b"")
        return Run(shell='"$PY" -m kb ingest -q "$A" --date "$D" --db "$S" && '
                         '"$PY" -m kb ingest -q "$B" --date "$D" --db "$S" && "$PY" -m kb timeline --db "$S"',
                   env={"A": str(document(d, REL_NOTE)), "B": str(document(d, REL_NOTE + "Zorvanic.\n", "b.md")),
                        "D": date, "S": str(s)}, checks=[out_has("Tabriz")], max_err=1)
    add("5", f"ingest --date {_date} twice, then timeline (the retelling window at the calendar's ends)",
        _prep_ingest)


# -- class 3: kb tag reads the text exactly as decoded, so runs of spaces, tabs and dashes reach the
# date scanner whole (ingest folds them first): a rule that may begin with [-\s]+ ("quarter-relative")
# rescanned the run from each of its places (20,000 spaces: 17 s)
for _label, _run_text in (("spaces", " "), ("tabs", "\t"), ("dashes", "-"), ("spaced dashes", "- ")):
    def _prep(d, run_text=_run_text):
        text = "On 3 March 2021 Ali " + run_text * (100_000 // len(run_text)) + " Karimi spoke.\n"
        f = document(d, text, "runs.txt")
        return Run(["tag", str(f), "-k", "date"], checks=[out_has("3 March 2021")],
                   perf_bytes=len(text.encode("utf-8")))
    add("3", f"tag a line holding 100 KB of {_label}", _prep, serial=True)


# -- class 9: standard input that is a folder: CPython stops while it starts (init_sys_streams), before kb
# runs, so the line is Python's, the exit status 1; what must hold is that the store is never touched
for _cmd in ("ingest", "tag"):
    def _prep(d, cmd=_cmd):
        s = store(d)
        return Run(shell=f'"$PY" -m kb {cmd} - --db "$S" < /', env={"S": str(s)}, expect=(1,), max_err=8,
                   protect=[s], checks=[err_has("is a directory")])
    add("9", f"{_cmd} - < / (standard input a folder): Python refuses before kb runs, store untouched", _prep)


# -- class 9: lines that end in U+2028 (LINE SEPARATOR): the title is the first line, not the whole text
@case("9", "ingest a text whose lines end in U+2028: its first line is the title")
def _(d):
    s = store(d, raw=b"")
    text = "Reading notes\u2028\u2028" + NOTE.replace("\n", "\u2028") + "On 4 March 2021 the council met. " * 5
    return Run(["ingest", str(document(d, text, "sep.txt")), "--db", str(s)], max_err=2,
               checks=[file_has(s, '"title": "Reading notes"')])


# =========================================================================================
# a ninth hunt
# =========================================================================================

# -- class 9: KB_CACHE_DIR relative (read against whatever folder kb ran in: an index in each, and a
# quoted '~/c' a folder named '~' there): refused before anything is made; a leading ~ is the home folder
for _value in ("relc", "./c", "-", " "):
    for _cmd in (["search", "massacre"], ["timeline", "1988"], ["ingest", "NOTE"]):
        def _prep(d, value=_value, cmd=_cmd):
            s = store(d)
            work = d / "work"
            work.mkdir()
            argv = [str(document(d)) if a == "NOTE" else a for a in cmd]
            return Run([*argv, "--db", str(s)], env={"KB_CACHE_DIR": value}, cwd=work, expect=(2,),
                       protect=[s], quiet_dirs=[work], checks=[err_has("KB_CACHE_DIR")])
        add("9", f"KB_CACHE_DIR={_value!r} (relative) x {_cmd[0]}: refused, nothing made where kb runs", _prep)


@case("9", "KB_CACHE_DIR='~/kbc' (quoted, so the shell left the ~): the home folder's, nothing made where kb runs")
def _(d):
    s = store(d)
    work = d / "work"
    work.mkdir()
    return Run(["search", "massacre", "--db", str(s)], env={"KB_CACHE_DIR": "~/kbc"}, cwd=work, protect=[s],
               quiet_dirs=[work], checks=[out_has("massacre"), present(d / "home" / "kbc")])


# -- class 9: '~user' of a user the system does not know (a shell leaves it as it is): Path.expanduser
# raised RuntimeError, a traceback from every command
for _label, _argv in (("stats --db", ["stats", "--db", "~kb-no-such-user/kb.json"]),
                      ("ingest --db", ["ingest", "NOTE", "--db", "~kb-no-such-user/kb.json"]),
                      ("export -o", ["export", "-o", "~kb-no-such-user/out.jsonl", "--db", "STORE"])):
    def _prep_nouser(d, argv=_argv):
        s = store(d)
        work = d / "work"
        work.mkdir()
        subst = {"NOTE": str(document(d)), "STORE": str(s)}
        return Run([subst.get(a, a) for a in argv], expect=(2,), cwd=work, protect=[s], quiet_dirs=[work, s.parent])
    add("9", f"{_label} '~kb-no-such-user/...': one line, exit 2, nothing made", _prep_nouser)


# -- class 9: HOME unset for a user id the password database lacks (a container run as an arbitrary
# uid under env -i; the lookup is made to fail here, since this may run as root): Path.home() raised
# RuntimeError, a traceback from every command, --db or not
_NO_PWD = ('import pwd, runpy, sys\n'
           'def unknown(uid):\n    raise KeyError(uid)\n'
           'pwd.getpwuid = unknown\nsys.argv = ["kb", *sys.argv[1:]]\nrunpy.run_module("kb", run_name="__main__")')
for _label, _argv in (("stats", ["stats"]), ("search --db", ["search", "massacre", "--db", "STORE"])):
    def _prep_nopwd(d, argv=_argv):
        s = store(d)
        args = " ".join('"$S"' if a == "STORE" else a for a in argv)
        return Run(shell=f'exec "$PY" -c "$CODE" {args}', env={"S": str(s), "CODE": _NO_PWD, "HOME": None,
                                                                 "XDG_DATA_HOME": None, "XDG_CACHE_HOME": None},
                   protect=[s], checks=[out_has("massacre") if "STORE" in argv else out_has("events")])
    add("9", f"{_label} with HOME unset and no password entry for the user: runs", _prep_nopwd)


# -- class 6: a --db that names no store file: '-' (made a file named '-'), and one ending in '.' or '..'
# (pathlib dropped the part: 'kb.json/.' was read and written as kb.json)
for _suffix in ("/.", "/..", "/./."):
    for _cmd in (["timeline", "1988"], ["ingest", "NOTE"], ["export"]):
        def _prep(d, suffix=_suffix, cmd=_cmd):
            s = store(d)
            argv = [str(document(d)) if a == "NOTE" else a for a in cmd]
            return Run([*argv, "--db", str(s) + suffix], expect=(2,), protect=[s], quiet_dirs=[s.parent],
                       checks=[err_has("names a folder")])
        add("6", f"{_cmd[0]} --db STORE{_suffix}: refused, the store untouched", _prep)

for _cmd in (["timeline", "1988"], ["ingest", "NOTE"]):
    for _how in ("--db", "KB_DB"):
        def _prep(d, cmd=_cmd, how=_how):
            work = d / "work"
            work.mkdir()
            argv = [str(document(d)) if a == "NOTE" else a for a in cmd]
            if how == "--db":
                return Run([*argv, "--db", "-"], cwd=work, expect=(2,), quiet_dirs=[work])
            return Run(argv, env={"KB_DB": "-"}, cwd=work, expect=(2,), quiet_dirs=[work])
        add("6", f"{_cmd[0]} {_how} '-': refused, no store file named '-'", _prep)


# -- class 9: -s/--source matched a piece of a title with SQL LIKE, so '%' and '_' were wildcards
for _typed, _expect in (("Iran_Protests", (2,)), ("%Protests", (2,)), ("_ran Protests", (2,)), ("0%", (2,)),
                        ("Iran Protests", (0,)), ("003_4613", (0,))):
    for _cmd in ("timeline", "claims"):
        def _prep(d, typed=_typed, expect=_expect, cmd=_cmd):
            s = store(d)
            return Run([cmd, "-s", typed, "--db", str(s)], expect=expect, protect=[s])
        add("9", f"{_cmd} -s {_typed!r}: '%' and '_' as typed, never SQL wildcards", _prep)


# -- class 6: a store replaced by a program that does not take kb's lock (cp, an editor, a sync tool) after
# ingest read it: the write must not put a store built from the old file over it
def _same_bytes(path: Path, want: Path):
    def check(r: Result):
        if path.read_bytes() != want.read_bytes():
            return f"{path.name} is not the replacement: the write clobbered it"
        return None
    return check


for _how, _replace in (("renamed over it", 'cp "$O" "$S.new" && mv "$S.new" "$S"'),
                       ("rewritten in place", 'cat "$O" > "$S"')):
    def _prep(d, replace=_replace):
        s = store(d)
        doc = shipped_doc()
        next(iter(doc["sources"].values()))["title"] = "Replaced by another program"
        other = d / "other.json"
        other.write_bytes(dump(doc))
        text = "".join(f"On {day} March 2021 the Zorvanic council of Tabriz met for the {day}th time. "
                       for day in range(1, 29)) * 40
        script = ('"$PY" -m kb ingest -q "$A" --db "$S" & pid=$!\n'
                  'for i in $(seq 500); do [ -e "$S.lock" ] && break; sleep 0.01; done\n'
                  f'{replace}\n'
                  'wait $pid')
        return Run(shell=script, env={"A": str(document(d, text, "long.md")), "S": str(s), "O": str(other)},
                   expect=(0, 2), checks=[_same_bytes(s, other)])
    add("6", f"ingest, the store {_how} by another program meanwhile: not clobbered", _prep)


# -- class 6: every export format onto a full file system: one line naming the file, nothing left there, and
# the index not blamed (SQLite's "database or disk is full" of the file written read as a damaged index)
for _fmt in ("jsonl", "csv", "bulk", "sqlite"):
    def _prep(d, fmt=_fmt):
        s = store(d)
        age(s, 60)  # an old store: its index, once built, is settled and never touched again
        kb_quiet(d, "search", "massacre", "--db", str(s))  # an index, which must not be rebuilt or blamed
        idx = index_file(d)
        ino = idx.stat().st_ino  # a rebuild swaps in another file (a stamp may be written in place)
        script = _mounted(f'"$PY" -m kb export -f {fmt} -o "$M/out" --db "$S"; rc=$?; '
                          'ls -A "$M" > "$D/left"; (exit $rc)', size="16k")
        return Run(shell=script, env={"S": str(s), "M": str(d / "mnt"), "D": str(d)}, expect=(2,), protect=[s],
                   checks=[err_has("out"), _err_lacks("index"), lambda r: (r.d / "left").read_text() or None,
                           lambda r: None if idx.stat().st_ino == ino else "the index was rebuilt"])
    add("6", f"export -f {_fmt} -o a file on a full file system: one line naming it, the index not blamed", _prep,
        skip=_NOT_ROOT)


# -- class 7: a value that names nothing is echoed with its controls escaped once ('\x1b[2J', not '\\x1b[2J')
for _argv in (["entities", "-T", "\x1b[2J"], ["search", "x", "-k", "\x1b[2J"], ["show", "\x1b[2J"],
              ["claims", "-m", "\x1b[2J"], ["timeline", "-t", "\x1b[2J"]):
    def _prep(d, argv=_argv):
        s = store(d)
        return Run([*argv, "--db", str(s)], expect=(1, 2), protect=[s],
                   checks=[err_has("'\\x1b[2J'"), _err_lacks("\\\\x1b")])
    add("7", f"{' '.join(_argv[:-1])} ESC (unknown): echoed escaped once", _prep)


# -- class 9: many filters: each was one more term of one SQL expression, and past SQLite's 1,000 the
# refusal ("Expression tree is too large") was taken for a damaged index: rebuilt for nothing, then blamed
for _opt, _val in (("-t", "protest"), ("-s", "002"), ("-e", "Massoud Rajavi")):
    def _prep(d, opt=_opt, val=_val):
        s = store(d)
        return Run(["timeline", *[opt, val] * 1100, "--db", str(s)], protect=[s], checks=[lines_at_least(1)])
    add("9", f"timeline {_opt} {_val!r} given 1,100 times: one filter", _prep)


@case("9", "timeline with 300 different tags: one line, exit 2, the index not blamed")
def _(d):
    doc = shipped_doc()
    next(iter(doc["events"].values()))["tags"] = [f"t{i:04d}" for i in range(300)]
    s = store(d, doc)
    return Run(["timeline", *[a for i in range(300) for a in ("-t", f"t{i:04d}")], "--db", str(s)], expect=(2,),
               protect=[s], checks=[_err_lacks("index")])


@case("6", "export -f bulk --mapping ' ': the message names --mapping")
def _(d):
    s = store(d)
    return Run(["export", "-f", "bulk", "-o", str(d / "b.ndjson"), "--mapping", " ", "--db", str(s)], expect=(2,),
               protect=[s], quiet_dirs=[d], checks=[err_has("--mapping")])


# -- class 6: export -o (or --mapping) ending in '/', '.' or '..' of a folder that does not exist: pathlib
# dropped the part, and 'new/' was written as a file named 'new'
for _suffix in ("/", "/."):
    for _opt in ("-o", "--mapping"):
        def _prep(d, suffix=_suffix, opt=_opt):
            s = store(d)
            out = d / "out"
            out.mkdir()
            argv = ["-f", "bulk", "-o", str(out / "b.ndjson")] if opt == "--mapping" else []
            return Run(["export", *argv, opt, str(out / "new") + suffix, "--db", str(s)], expect=(2,),
                       protect=[s], quiet_dirs=[out])
        add("6", f"export {_opt} NEW{_suffix} (no such folder): refused, no file named NEW", _prep)


# =========================================================================================
# a tenth hunt
# =========================================================================================

# -- class 5: kb's EDTF for the winter of 9999 as a bound: its February is in year 10000 (a traceback)
for _bounds in (["9999-24"], ["9999-24~"], ["..9999-24"], ["9999-21/9999-24"]):
    def _prep(d, bounds=_bounds):
        s = store(d)
        return Run(["timeline", *bounds, "--db", str(s)], expect=(2,), protect=[s], checks=[err_has("9999")])
    add("5", f"timeline {' '.join(_bounds)} (a winter ending in year 10000): bad input", _prep)


# -- class 5: a date counted from a publication date before year 1000 was written with a short EDTF year
# ('5-21', '1X'), which kb's own EDTF reader refuses
for _text, _edtf in (("Next spring John Smith will open a plant in Ohio.", "0005-21"),
                     ("In the next decade, John Smith will open a plant in Ohio.", "001X")):
    def _prep(d, text=_text, edtf=_edtf):
        return Run(["tag", str(document(d, text + "\n")), "-k", "date", "--date", "0005-01-01", "-f", "json"],
                   checks=[out_has(f'"edtf": "{edtf}"')])
    add("5", f"tag --date 0005-01-01 {_text[:16]!r}...: EDTF {_edtf} (four-digit year)", _prep)


@case("5", "ingest --date 0005-01-01 'Next spring ...': the store's EDTF is 0005-21, which timeline reads back")
def _(d):
    s = store(d, raw=b"")
    return Run(["ingest", str(document(d, "Next spring John Smith will open a plant in Ohio.\n")), "--db", str(s),
                "--date", "0005-01-01"], max_err=2, checks=[file_has(s, '"edtf": "0005-21"')])


# -- class 9: a cache folder whose path holds URI syntax ('?', '#', '%', a leading '//') or climbs past the
# root ('~/../../x'): the index was opened through a URI made by pasting the path in, so every query failed
for _name in ("a?b", "a#b", "a%20b", "//double", "up"):
    def _prep(d, name=_name):
        s = store(d)
        if name == "up":
            value = "~" + "/.." * (len((d / "home").parts) + 1) + str(d / "up")
        elif name.startswith("//"):
            value = "/" + str(d / name[2:])
        else:
            value = str(d / name)
        kb_quiet(d, "search", "massacre", "--db", str(s), env={"KB_CACHE_DIR": value})  # built, then read
        return Run(["search", "massacre", "--db", str(s)], env={"KB_CACHE_DIR": value}, protect=[s],
                   checks=[out_has("massacre")])
    add("9", f"KB_CACHE_DIR naming a folder {_name!r}: the index opens (no URI syntax read in the path)", _prep)


# -- class 9: a letter that re.IGNORECASE folds to ASCII inside a date the grammar reads ('ſpring 1988'):
# the season was looked up as written (KeyError traceback)
for _written, _start in (("In the ſpring of 1988", "1988-03-01"), ("In the ſummer of 1988", "1988-06-01")):
    def _prep(d, written=_written, start=_start):
        s = store(d, raw=b"")
        text = f"{written}, John Smith resigned as head of Acme Corp.\n"
        return Run(["ingest", str(document(d, text)), "--db", str(s)], max_err=2,
                   checks=[file_has(s, f'"start": "{start}"')])
    add("9", f"ingest {_written!r} (a letter folding to ASCII in a date): read, no traceback", _prep)


# -- class 2: an event holding 1e999 in a field kb does not check (the index keeps it as Infinity): export -f
# jsonl wrote 'Infinity', which no JSON reader but Python's takes; refused as export -f bulk refuses it
for _to in ("stdout", "-o"):
    def _prep(d, to=_to):
        doc = shipped_doc()
        next(iter(doc["events"].values()))["offsets"] = "@@"
        s = store(d, raw=dump(doc).replace(b'"@@"', b"1e999"))
        out = d / "out" / "all.jsonl"
        out.parent.mkdir()
        argv = ["-o", str(out)] if to == "-o" else []
        return Run(["export", "-f", "jsonl", *argv, "--db", str(s)], expect=(2,), protect=[s], quiet_dirs=[out.parent],
                   checks=[err_has("Infinity")])
    add("2", f"export -f jsonl ({_to}) of an event holding 1e999: refused, never written as Infinity", _prep)


# =========================================================================================
# a twelfth pass: one id of three kinds, joiners beside a space, signals while kb loads
# =========================================================================================

def _shared_id_store(d: Path) -> Path:
    """The shipped store with a source and an entity that take the id of the event 1988-massacre."""
    doc = shipped_doc()
    src = dict(doc["sources"]["1"], id="1988-massacre", title="A source sharing an id")
    ent = dict(next(iter(doc["entities"].values())), id="1988-massacre", name="Zorvan Shared-Id",
               aliases=[], roles=[], sources=[])
    doc["sources"]["9001"], doc["entities"]["9001"] = src, ent
    return store(d, doc)


@case("9", "show an id an event, a source and an entity share: the event, and one line naming the others")
def _(d):
    return Run(["show", "1988-massacre", "--db", str(_shared_id_store(d)), "-f", "json"],
               checks=[out_has('"record": "event"'), err_has("source:1988-massacre", "entity:1988-massacre")])


for _kind, _shown in (("entity", "Zorvan Shared-Id"), ("source", "A source sharing an id"), ("event", '"event"')):
    def _prep(d, kind=_kind, shown=_shown):
        return Run(["show", f"{kind}:1988-massacre", "--db", str(_shared_id_store(d)), "-f", "json"],
                   checks=[out_has(shown)])
    add("9", f"show {_kind}:ID of an id three kinds share: that record", _prep)


@case("9", "ingest 'John<ZWJ> Smith' (a zero-width joiner before a space): one name, not two")
def _(d):
    s = store(d)
    text = "Rally report\n\nOn 5 May 1990 Zorvan\u200d Qelmani met Tabar\u200c Ostrovik in Tehran.\n"
    return Run(["ingest", "-q", str(document(d, text, "zwj.md")), "--db", str(s)],
               checks=[file_has(s, '"Zorvan Qelmani"'), file_has(s, '"Tabar Ostrovik"')])


for _sig, _code in (("INT", 130), ("TERM", 143), ("HUP", 129)):
    @case("9", f"SIG{_sig} while kb loads: one line, exit {_code}, never a traceback or a silent death")
    def _(d, _sig=_sig, _code=_code):
        s = store(d)
        # the signal comes 50 ms after the interpreter's own start-up (site, .pth files: as long
        # as `python -c pass` takes here), which is before kb's first line and no concern of kb's;
        # `set -m`: the job gets SIGINT as an interactive shell's would (not ignored)
        script = ('t=$("$PY" -c \'import subprocess, sys, time; t = time.time(); '
                  'subprocess.run([sys.executable, "-c", "pass"]); print(round(time.time() - t + 0.05, 3))\'); '
                  f'set -m; "$PY" -m kb timeline 1988 --db "$S" >/dev/null & pid=$!; sleep $t; kill -{_sig} $pid; wait $pid')
        word = "kb: interrupted" + ("" if _sig == "INT" else f" (SIG{_sig})")
        return Run(shell=script, env={"S": str(s)}, expect=(0, _code), protect=[s], max_err=2,  # + bash's job line
                   checks=[lambda r, word=word, code=_code: None if r.rc == 0 or word in r.err_text
                           else f"exit {r.rc} without {word!r}"])


for _how in ("2>&-", "2>/dev/full"):
    for _label, _argv, _code in (("timeline -f nosuch", "timeline -f nosuch", 2),
                                 ("ingest a missing file", "ingest no-such-file.md", 2),
                                 ("show a missing id", "show no-such-id", 1),
                                 ("ingest a good file", 'ingest -q "$F"', 0)):
        def _prep(d, how=_how, argv=_argv, code=_code):
            s = store(d)
            return Run(shell=f'exec "$PY" -m kb {argv} --db "$S" {how}', env={"S": str(s), "F": str(document(d))},
                       expect=(code,), checks=[file_has(s, "June 20, 1981")] if code == 0 else [])
        add("9", f"{_label} with stderr {_how}: exit {_code}, as with a stderr", _prep)


for _cols in ("0", "1", "3"):
    def _prep(d, cols=_cols):
        return Run(["timeline", "1988", "-f", "table", "--fields", "id", "--db", str(store(d))], env={"COLUMNS": cols},
                   checks=[lambda r: None if "1988-massacre" in re.sub(r"[\s│|]", "", r.out_text)
                           else "the rows are not shown"])
    add("9", f"timeline -f table with COLUMNS={_cols}: the rows are shown", _prep)


for _how in ("itself", "a symbolic link to it", "KB_DB names it"):
    def _prep(d, how=_how):
        s = store(d)
        arg = s
        env = {}
        if how == "a symbolic link to it":
            arg = _link(d / "alias.json", s)
        argv = ["ingest", str(document(d)), str(arg)] + ([] if how == "KB_DB names it" else ["--db", str(s)])
        if how == "KB_DB names it":
            env = {"KB_DB": str(s)}
        return Run(argv, expect=(2,), env=env, protect=[s], checks=[err_has("not a document")])
    add("6", f"ingest the store as a document ({_how}): refused, the store untouched", _prep)


for _label, _text in (("a soft hyphen inside a name", "Zorvan Qelma\u00adni"),
                      ("a zero-width space before a space", "Zorvan\u200b Qelmani"),
                      ("a word joiner inside a name", "Zorvan Qel\u2060mani"),
                      ("a left-to-right mark before a space", "Zorvan\u200e Qelmani")):
    def _prep(d, text=_text):
        s = store(d)
        note = f"Rally report\n\nOn 5 May 1990 {text} met Tabar Ostrovik in Tehran.\n"
        return Run(["ingest", "-q", str(document(d, note, "inv.md")), "--db", str(s)],
                   checks=[file_has(s, '"Zorvan Qelmani"')])
    add("9", f"ingest {_label}: one name, not two", _prep)


# =========================================================================================
# a thirteenth pass: the lock file, a read-only folder, CAP_CHOWN alone, EDTF's unspecified digits,
# who -n on the candidates
# =========================================================================================

for _label, _to in (("dangling", "/nonexistent/x"), ("to the store", "kb.json"), ("to itself", "kb.json.lock")):
    def _prep(d, to=_to):
        s = store(d)
        os.symlink(to, str(s) + ".lock")
        return Run(_ingest_argv(d, s), expect=(2,), max_err=2, protect=[s],
                   checks=[err_has("kb.json.lock", "symbolic link", "remove the link")])
    add("6", f"ingest with the store's .lock a symbolic link ({_label}): one line saying so and what to do", _prep)


@case("6", "ingest into a store on a read-only file system: the line says so", skip=_NOT_ROOT)
def _(d):
    s = store(d, sub="src")
    script = ('mkdir -p "$M" && mount -t tmpfs -o size=2m tmpfs "$M" || exit 99; cp "$S" "$M/kb.json"; '
              'mount -o remount,ro "$M"; KB_CACHE_DIR="$D/cache" "$PY" -m kb ingest "$F" --db "$M/kb.json"; rc=$?; '
              'umount "$M"; exit $rc')
    return Run(shell=script, env={"S": str(s), "M": str(d / "mnt"), "D": str(d), "F": str(document(d))},
               expect=(2,), max_err=2, checks=[err_has("mnt/kb.json is on a read-only file system")])


@case("6", "ingest into another user's 0640 store with CAP_CHOWN but not CAP_FOWNER: written, owner and bits kept",
      skip=_NOT_ROOT or ("" if shutil.which("setpriv") else "needs setpriv"))
def _(d):
    s = store(d)
    os.chmod(s, 0o640)
    os.chmod(s.parent, 0o777)
    os.chown(s, 1000, 1000)
    os.chown(s.parent, 1000, 1000)
    script = 'setpriv --bounding-set -fowner "$PY" -m kb ingest -q "$F" --db "$S"'
    return Run(shell=script, env={"S": str(s), "F": str(document(d))}, max_err=2,
               checks=[file_has(s, MARK), mode_is(s, 0o640),
                       lambda r: None if os.stat(s).st_uid == 1000 else "the store changed owner"])


for _bound, _has, _lacks in (("19XX", "1988-massacre", "2018-"), ("1XXX", "1988-massacre", "2018-"),
                             ("1988-XX", "1988-massacre", "1987-"), ("1988-07-XX", "1988-07-", "1988-08-"),
                             ("198X/19XX", "1988-massacre", "2018-"), ("19XX~", "1988-massacre", "2018-")):
    def _prep(d, bound=_bound, has=_has, lacks=_lacks):
        return Run(["timeline", bound, "--fields", "id", "--db", str(store(d))],
                   checks=[out_has(has), out_lacks(lacks)])
    add("5", f"timeline {_bound} (EDTF unspecified digits): the period they leave open", _prep)

for _bound in ("19X", "19XX-04", "1988-XX-04", "XXXX"):
    add("5", f"timeline {_bound} (unspecified digits out of order): one line, exit 2",
        lambda d, bound=_bound: Run(["timeline", bound, "--db", str(store(d))], expect=(2,)))


for _label, _argv in (("export -f bulk --index-prefix", ["export", "-f", "bulk", "--index-prefix", b"\xe9\xff"]),
                      ("export -f", ["export", "-f", b"bog\xe9\xff"]), ("sources -f", ["sources", "-f", b"\xe9\xff"])):
    def _prep(d, argv=_argv):
        return Run([*argv, "--db", str(store(d))], expect=(2,),
                   checks=[err_has("\\xe9\\xff"), lambda r: "\\udc shown" if "\\udc" in r.err_text else None])
    add("4", f"{_label} with the bytes 0xe9 0xff: the message shows them as \\xe9\\xff, as every message does", _prep)


@case("9", "who Rajavi -n 1 (ambiguous): one candidate row, all named on stderr")
def _(d):
    return Run(["who", "Rajavi", "-n", "1", "--db", str(store(d))], expect=(1,),
               checks=[lambda r: None if len(r.out_text.splitlines()) == 1 else "not one row",
                       err_has("massoud-rajavi", "maryam-rajavi")])


# =========================================================================================
# a tenth pass (round 10): what SQLite opens beside the index, every file of the cache folder
# damaged, the retelling feature file damaged past zipfile's and numpy's own errors, ZIP
# directories asking for what zipfile lacks, notes of a search, terminal sizes int() refuses,
# odd cache folders, a lock a live process holds, documents of one odd kind
# =========================================================================================

def _companion(suffix: str, kind: str, touch: bool = False):
    """Something at the place of a file SQLite opens beside the index (``-journal``, ``-wal``,
    ``-shm``); with ``touch`` the store changes too, so that the index is rebuilt."""
    def damage(d, idx):
        p = Path(f"{idx}{suffix}")
        if kind == "FIFO":
            os.mkfifo(p)
        elif kind == "folder":
            p.mkdir()
        elif kind == "link":
            (d / "victim").write_bytes(b"not kb's")
            p.symlink_to(d / "victim")
        else:
            p.write_bytes(random.Random(5).randbytes(20_000))
        if touch:
            s = d / "st" / "kb.json"
            s.write_bytes(s.read_bytes())
    return damage


for _suffix in ("-journal", "-wal", "-shm"):
    for _kind in ("FIFO", "folder", "link", "garbage"):
        _damage_case(f"index's {_suffix} is a {_kind}", _companion(_suffix, _kind), cmds=("search",))
        _damage_case(f"index's {_suffix} is a {_kind}, the store changed (rebuilt)",
                     _companion(_suffix, _kind, touch=True), cmds=("timeline",))


def _store_still(s: Path, word: str):
    def check(r: Result):
        try:
            doc = json.loads(s.read_bytes())
        except (OSError, ValueError) as e:
            return f"the store is no longer JSON: {e}"
        if not isinstance(doc, dict) or "events" not in doc:
            return "the store is no longer a store"
        return None if word in json.dumps(doc) else f"the store lacks {word!r}: the write did not happen"
    return check


def _spoil_cache(how: str):
    """Every file of the cache folder (index, checked note, place names, feature and rows files)
    spoiled the same way."""
    def spoil(d: Path, s: Path) -> list:
        kept = []
        for p in sorted((d / "cache").iterdir()):
            if how == "cut to half":
                p.write_bytes(p.read_bytes()[: p.stat().st_size // 2])
            elif how == "emptied":
                p.write_bytes(b"")
            elif how == "random bytes":
                p.write_bytes(random.Random(p.name).randbytes(max(64, p.stat().st_size)))
            elif how == "a FIFO":
                p.unlink()
                os.mkfifo(p)
            elif how == "a folder":
                p.unlink()
                p.mkdir()
            elif how == "a link to the store":
                p.unlink()
                p.symlink_to(s)
                kept.append(p)
        return kept
    return spoil


for _how in ("cut to half", "emptied", "random bytes", "a FIFO", "a folder", "a link to the store"):
    for _cmd in ("ingest", "search"):
        def _prep(d, spoil=_spoil_cache(_how), cmd=_cmd):
            s = store(d)
            r = kb_quiet(d, "ingest", str(document(d, NOTE.replace(MARK, "Qorvalic"), "first.md")), "--db", str(s))
            r2 = kb_quiet(d, "search", "Qorvalic", "--db", str(s))
            if r.returncode or r2.returncode:
                raise RuntimeError((r.stderr + r2.stderr).decode()[:200])
            links = spoil(d, s)
            checks = [is_link(p, str(s)) for p in links]
            if cmd == "ingest":
                return Run(["ingest", str(document(d)), "--db", str(s)], max_err=2,
                           checks=[_store_still(s, MARK), *checks])
            return Run(["search", "Qorvalic", "--db", str(s)], protect=[s], checks=[out_has("Qorvalic"), *checks])
        add("8", f"every file of the cache folder {_how} x {_cmd}", _prep)


def _dense_year(n: int, what: str, where: str) -> str:
    """``n`` dated sentences of one year, each its own event (the retelling search inverts a
    year's events once it holds 256)."""
    words = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november "
             "oscar papa quebec romeo sierra tango").split()
    months = ("January February March April May June July August September October November "
              "December").split()
    return f"{what.title()}s\n\n" + "".join(
        f"On {months[i // 25]} {1 + i % 25}, 1988, the {words[i % 20]} {words[i // 20]} {what} met in {where}.\n\n"
        for i in range(n))


def _feature_spoil(how: str):
    import struct

    def directory(data: bytearray, offset: int, value) -> None:
        at = data.find(b"PK\x01\x02")
        while at >= 0:
            data[at + offset:at + offset + 2] = value(bytes(data[at + offset:at + offset + 2]))
            at = data.find(b"PK\x01\x02", at + 4)

    def spoil(p: Path) -> None:
        data = bytearray(p.read_bytes())
        if how == "asks for ZIP version 9.9":
            directory(data, 6, lambda old: struct.pack("<H", 99))
        elif how == "marked encrypted":
            directory(data, 8, lambda old: struct.pack("<H", struct.unpack("<H", old)[0] | 1))
        elif how == "of compression method 99":
            directory(data, 10, lambda old: struct.pack("<H", 99))
        elif how == "claiming arrays of 10**13 elements":
            import io
            import zipfile
            src, out = zipfile.ZipFile(io.BytesIO(bytes(data))), io.BytesIO()
            with zipfile.ZipFile(out, "w") as z:
                for name in src.namelist():
                    z.writestr(name, re.sub(rb"'shape': \(\d+,\)", b"'shape': (10000000000000,)",
                                            src.read(name), count=1))
            data = bytearray(out.getvalue())
        elif how == "a FIFO":
            p.unlink()
            os.mkfifo(p)
            return
        p.write_bytes(bytes(data))
    return spoil


for _how in ("asks for ZIP version 9.9", "marked encrypted", "of compression method 99",
             "claiming arrays of 10**13 elements", "a FIFO"):
    def _prep(d, spoil=_feature_spoil(_how)):
        s = d / "st" / "kb.json"
        s.parent.mkdir(parents=True)
        for i, (what, where) in enumerate((("committee", "Tehran"), ("council", "Shiraz"))):
            r = kb_quiet(d, "ingest", "-q", str(document(d, _dense_year(300, what, where), f"y{i}.txt")),
                         "--db", str(s))
            if r.returncode:
                raise RuntimeError(r.stderr.decode()[:200])
        made = sorted((d / "cache").glob("retold-*.npz"))
        if len(made) != 1:
            raise RuntimeError(f"no feature file was written: {made}")
        spoil(made[0])
        f = document(d, _dense_year(100, "union", "Tabriz") + f"The {MARK} union closed.\n", "y2.txt")
        return Run(["ingest", str(f), "--db", str(s)], max_err=2, checks=[_store_still(s, MARK)])
    add("8", f"ingest with the retelling feature file {_how}: the file is not used", _prep)


def _zip_directory(offset: int, value: int, stored: bool = False):
    def make(d: Path) -> Path:
        import struct
        import zipfile
        f = _docx_with(d, "w.docx", _PARA, level=6)
        if stored:
            with zipfile.ZipFile(f) as z:
                parts = [(n, z.read(n)) for n in z.namelist()]
            with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as z:
                for n, b in parts:
                    z.writestr(n, b)
        data = bytearray(f.read_bytes())
        for sig, off in ((b"PK\x01\x02", offset), (b"PK\x03\x04", offset - 2 if offset > 6 else None)):
            if off is None:
                continue
            at = data.find(sig)
            while at >= 0:
                old = struct.unpack("<H", data[at + off:at + off + 2])[0]
                data[at + off:at + off + 2] = struct.pack("<H", old | value if offset == 8 else value)
                at = data.find(sig, at + 4)
        f.write_bytes(bytes(data))
        return f
    return make


for _label, _make in (("asking for ZIP version 9.9", _zip_directory(6, 99)),
                      ("marked encrypted", _zip_directory(8, 1)),
                      ("marked as compressed patch data", _zip_directory(8, 0x20)),
                      ("of compression method 99", _zip_directory(10, 99)),
                      ("stored, but said to be LZMA", _zip_directory(10, 14, stored=True)),
                      ("stored, but said to be bzip2", _zip_directory(10, 12, stored=True)),
                      ("stored, but said to be deflated", _zip_directory(10, 8, stored=True))):
    for _cmd in ("ingest", "tag"):
        def _prep(d, make=_make, cmd=_cmd):
            f, s = make(d), store(d)
            argv = ["ingest", str(f), "--db", str(s)] if cmd == "ingest" else ["tag", str(f)]
            return Run(argv, expect=(2,), max_err=2 if cmd == "ingest" else 1, protect=[s],
                       checks=[err_has("w.docx"), _err_lacks("zip file version", "password", "Error -3")])
        add("9", f"{_cmd} a Word file whose ZIP directory is {_label}: one line, kb's words", _prep)


for _q, _expect, _said in (("OR qqxxzzyy AND", 1, "no hits found"), ("qqxxzzyy OR OR", 1, "no hits found"),
                           ("massacre AND OR prisoners NOT", 0, "ignored NOT"), ("massacre OR", 0, "ignored OR")):
    def _prep(d, q=_q, expect=_expect, said=_said):
        s = store(d)
        return Run(["search", q, "--db", str(s)], expect=(expect,), protect=[s], checks=[err_has(said, "ignored")])
    add("9", f"search {_q!r}: what was ignored and the count on one line", _prep)


for _var in ("COLUMNS", "LINES"):
    for _val in ("\u00b2", "\u2460", "\u0668\u0660", "-5", "1e3"):
        def _prep(d, var=_var, val=_val):
            s = store(d)
            return Run(["timeline", "1988", "-f", "table", "--db", str(s)], env={var: val}, protect=[s],
                       checks=[out_has("1988")])
        add("9", f"timeline -f table with {_var}={_val!r} (a size int() may refuse): the rows", _prep)


for _label, _cache in (("/proc/self", "/proc/self"), ("/sys", "/sys"), ("a path through a file", "/etc/passwd/x"),
                       ("/dev/full", "/dev/full"), ("a name with a newline", "NL"), ("a 5,000-byte path", "LONG"),
                       ("the store file itself", "STORE")):
    for _cmd in ("ingest", "search"):
        def _prep(d, cache=_cache, cmd=_cmd):
            s = store(d)
            where = {"NL": str(d / "new\nline"), "LONG": str(d / "/".join(["d" * 200] * 25)),
                     "STORE": str(s)}.get(cache, cache)
            if cmd == "ingest":
                return Run(["ingest", str(document(d)), "--db", str(s)], env={"KB_CACHE_DIR": where}, max_err=2,
                           checks=[_store_still(s, MARK)])
            return Run(["search", "death commissions", "--db", str(s)], env={"KB_CACHE_DIR": where}, protect=[s],
                       checks=[out_has("death-commissions")])
        add("9", f"KB_CACHE_DIR {_label} x {_cmd}: answers, the store sound", _prep)


@case("9", "ingest while a live process holds the store's lock for 3 s: waits, then writes")
def _(d):
    s, f = store(d), document(d)
    script = ('"$PY" -c \'import fcntl,sys,time; h=open(sys.argv[1],"a"); fcntl.flock(h,fcntl.LOCK_EX); '
              'open(sys.argv[2],"w").close(); time.sleep(3)\' "$S.lock" "$R" & '
              'for i in $(seq 400); do [ -e "$R" ] && break; sleep 0.01; done; '
              'exec "$PY" -m kb ingest "$F" --db "$S"')
    return Run(shell=script, env={"S": str(s), "F": str(f), "R": str(d / "ready")}, max_err=2,
               checks=[_store_still(s, MARK)])


_ODD_DOCS = (
    ("100,000 nested <div>s", "page.html", "<div>" * 100_000 + NOTE + "</div>" * 100_000),
    ("100,000 unclosed <b>s", "page.html", "<b>" * 100_000 + NOTE),
    ("one tag with 200,000 attributes", "page.html", "<p " + 'a="b" ' * 200_000 + ">" + NOTE + "</p>"),
    ("a comment never closed (1 MB)", "page.html", "<p>" + NOTE + "</p><!--" + "-" * 1_000_000),
    ("a <script> of 1 MB", "page.html", "<script>" + "x" * 1_000_000 + "</script><p>" + NOTE + "</p>"),
    ("an internal DTD of nested entities", "page.html", '<?xml version="1.0"?><!DOCTYPE h [<!ENTITY a "aaaaaaaaaa">'
     + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
     + "]><html><body><p>&i;</p><p>" + NOTE + "</p></body></html>"),
    ("only combining marks", "marks.txt", "\u0301" * 10_000),
    ("a letter under 100,000 combining marks", "marks.txt", "a" + "\u0301" * 100_000 + " " + NOTE),
    ("bidi overrides around every word", "rtl.txt", " ".join("\u202e" + w + "\u202c" for w in NOTE.split())),
    ("only zero-width characters", "zw.txt", "\u200b\u200c\u200d\ufeff" * 5_000),
    ("a JSON document", "doc.json", json.dumps({"title": "x", "text": NOTE})),
    ("a JSON list 100,000 deep", "doc.json", "[" * 100_000),
    ("2,000,000 blank lines", "blank.txt", "\n" * 2_000_000),
    ("2 MB of one word", "word.txt", "x" * 2_000_000),
    ("form feeds and lone CRs", "cr.txt", "Title\r" + "\x0c" * 1_000 + NOTE.replace(". ", ".\r")),
    ("digits int() refuses (superscripts, circled)", "digits.txt",
     "In \u00b9\u2079\u2078\u2078, \u2460\u2461 people marched. On June \u00b2\u2070, 1981, a march. "
     "Some \u00b2,\u2070\u2070\u2070 people in 1988.\n" + NOTE),
)
for _label, _name, _text in _ODD_DOCS:
    for _cmd in ("ingest", "tag"):
        def _prep(d, name=_name, text=_text, cmd=_cmd):
            f, s = document(d, text, name), store(d)
            argv = ["ingest", str(f), "--db", str(s)] if cmd == "ingest" else ["tag", str(f)]
            return Run(argv, expect=(0, 2) if cmd == "ingest" else (0, 1, 2), max_err=2 if cmd == "ingest" else 1)
        add("9", f"{_cmd} a document of {_label}: read or one line", _prep)


# =========================================================================================
# main
# =========================================================================================

def perf_baseline(workroot: Path) -> tuple[float, float]:
    """Wall and CPU seconds of the fastest of three tiny ingests (start-up, one note, the write)."""
    best = (float("inf"), float("inf"))
    for _ in range(3):
        d = Path(tempfile.mkdtemp(prefix="base-", dir=workroot))
        f = document(d)
        e = base_env(d)
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kb", "ingest", str(f), "--db", str(d / "b.json")], env=e,
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        wall = time.perf_counter() - t0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (wall, ru1.ru_utime - ru0.ru_utime + ru1.ru_stime - ru0.ru_stime))
    return best


def judge_perf(r: Result, baseline: tuple[float, float]) -> None:
    """Wall-clock MB/s beyond the tiny ingest's time decides; the CPU-time rate is shown beside it."""
    if r.run is None or not r.run.perf_bytes or r.timed_out:
        if r.timed_out and r.run is not None:
            r.note = f"{r.run.perf_bytes / MB:.1f} MB: > {TIMEOUT:.0f} s (< {r.run.perf_bytes / MB / TIMEOUT:.2f} MB/s)"
        return
    size = r.run.perf_bytes / MB
    net = max(r.elapsed - baseline[0], 1e-3)
    rate = size / net
    cpu_rate = size / max(r.cpu - baseline[1], 1e-3)
    r.note = (f"{size:.2f} MB in {r.elapsed:.2f} s ({net:.2f} s beyond start-up): {rate:.2f} MB/s"
              f" [CPU time: {cpu_rate:.2f} MB/s]")
    if rate < 1.0:
        r.problems.append(f"slow: {rate:.2f} MB/s (< 1 MB/s)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--jobs", type=int, default=min(4, (os.cpu_count() or 2) * 2))
    ap.add_argument("--only", default="", help="a class number, or text the names of the cases to run hold")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--repo", type=Path, help="the checkout to test (default: the one holding this script)")
    args = ap.parse_args()
    if args.repo:
        use_repo(args.repo)

    only = args.only.lower()
    cases = [c for c in CASES if not only or (only == c.cls if only.isdigit() else only in c.name.lower())]
    workroot = Path(tempfile.mkdtemp(prefix="kb-adversarial-"))
    t0 = time.perf_counter()
    try:
        parallel = [c for c in cases if not c.serial]
        serial = [c for c in cases if c.serial]
        with ThreadPoolExecutor(args.jobs) as pool:
            results = list(pool.map(lambda c: execute(c, workroot), parallel))
        if serial:
            baseline = perf_baseline(workroot)
            print(f"(class 3 baseline: a tiny ingest takes {baseline[0]:.2f} s, {baseline[1]:.2f} s CPU)",
                  file=sys.stderr)
            for c in serial:  # timed alone; one below 1 MB/s gets a second try (the machine may be busy)
                r = execute(c, workroot)
                judge_perf(r, baseline)
                if r.problems and r.note and not r.timed_out:
                    again = execute(c, workroot)
                    judge_perf(again, baseline)
                    if again.elapsed < r.elapsed:
                        r = again
                    r.note += " (best of 2)"
                results.append(r)
                if args.verbose:
                    print(f"  {c.name}: {r.note}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(workroot, ignore_errors=True)
        else:
            print(f"work folder kept: {workroot}", file=sys.stderr)
    elapsed = time.perf_counter() - t0
    return report(results, elapsed, args.verbose)


def report(results: list[Result], elapsed: float, verbose: bool) -> int:
    order = {c: i for i, c in enumerate(CLASSES)}
    results.sort(key=lambda r: (order[r.case.cls], CASES.index(r.case)))
    print(f"\nkb adversarial battery on {REPO}: {len(results)} cases in {elapsed:.0f} s\n")
    print(f"{'class':<42} {'cases':>5} {'passed':>6} {'skipped':>7}")
    total = passed = skipped = 0
    for cls, title in CLASSES.items():
        rs = [r for r in results if r.case.cls == cls]
        if not rs:
            continue
        sk = sum(1 for r in rs if r.skipped)
        ok = sum(1 for r in rs if not r.skipped and not r.problems)
        total += len(rs) - sk
        passed += ok
        skipped += sk
        print(f"{cls + ' ' + title:<42} {len(rs) - sk:>5} {ok:>6} {sk or '':>7}")
    print(f"{'total':<42} {total:>5} {passed:>6} {skipped or '':>7}")

    perf = [r for r in results if r.note]
    if perf:
        print("\nclass 3 throughput:")
        for r in perf:
            print(f"  {'PASS' if not r.problems else 'FAIL'}  {r.case.name}: {r.note}")

    failed = [r for r in results if r.problems and not r.skipped]
    if failed:
        print(f"\nfailing cases ({len(failed)}):")
        for r in failed:
            print(f"\n[{r.case.cls}] {r.case.name}")
            if r.run is not None:
                print(f"    $ {command_line(r.run)}")
            for prob in r.problems:
                print(f"    - {prob}")
            said = [ln for ln in r.err_text.splitlines() if ln.strip()]
            if said and not verbose and not any(p.startswith(("traceback", "slow")) for p in r.problems):
                shown = said[0] if len(said[0]) <= 200 else said[0][:197] + "..."
                print(f"    stderr: {shown!r}" + (f" (+{len(said) - 1} lines)" if len(said) > 1 else ""))
            if r.err and verbose:
                print("    stderr: " + r.err_text.strip()[:600].replace("\n", "\n            "))
    for r in results:
        if r.skipped:
            print(f"\nskipped [{r.case.cls}] {r.case.name}: {r.skipped}")
    if verbose:
        print("\nall cases:")
        for r in results:
            state = "SKIP" if r.skipped else "FAIL" if r.problems else "PASS"
            print(f"  {state} [{r.case.cls}] {r.case.name} (exit {r.rc}, {r.elapsed:.2f} s)")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
