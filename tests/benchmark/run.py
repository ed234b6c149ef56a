"""The kb benchmark: kb against sqlite-utils and jq, at growing store sizes.

    python tests/benchmark/run.py --sizes 1000,10000,100000 --runs 5

prints (and with ``--out FILE`` also writes) Markdown tables:

1. **Large stores.**  For each size, a store made by ``generate.py``
   (``N`` events, ``N/5`` entities, ``N/10`` documents of ~300 words, seed 1;
   kept in ``--workdir`` and reused while its arguments are the same), the
   median wall time of whole processes, with stdout piped and read:

   * ``kb who NAME``, ``kb timeline A B``, ``kb search WORD`` (``--db`` the
     store, the index already built: warm);
   * the same question put to the peers, on copies made with ``kb export``:
     ``sqlite-utils search copy.db events WORD`` and ``sqlite-utils query``
     on the SQLite copy, ``jq`` over the JSON Lines copy;
   * ratios kb/peer (below 1 means kb is faster) and growth from size to size.

   Index build time (the first kb command after the store changed) is
   reported on its own, with the peak memory of that process and of the
   query processes (``ru_maxrss`` of each child, from ``os.wait4``).
2. **The shipped knowledge base.**  ``kb who "Massoud Rajavi"``, ``kb timeline
   1979 1988``, ``kb search massacre`` and ``kb --help`` against a bare Typer
   "hello" script, run the same way in the same run (target: at most 1.5x).

Every process runs with the interpreter running this script, the checkout on
``PYTHONPATH``, byte-code cached under the workdir (``PYTHONPYCACHEPREFIX``;
as an installed package has it) and its own cache folder, so no user store or
index is read or written.  CI does not run this; it takes a few minutes at 100k events.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PY = sys.executable
KB = [PY, "-m", "kb"]

WHO = "Darius Kavian"          # the generator's first entity
SLICE = ("1988-07", "1988-09")  # a three-month slice
SLICE_DAYS = ("1988-07-01", "1988-09-30")
WIDE = ("1979", "1988")
WIDE_DAYS = ("1979-01-01", "1988-12-31")
WORD = "massacre"

HELLO = '''import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world"):
    print(f"hello {name}")


if __name__ == "__main__":
    app()
'''


def tool(name: str) -> list[str] | None:
    """A peer's command line, bypassing pyenv-style shims where we can."""
    scripts = Path(sysconfig.get_path("scripts")) / name
    if scripts.exists():
        return [str(scripts)]
    found = shutil.which(name)
    return [found] if found else None


class Runner:
    def __init__(self, env: dict[str, str]):
        self.env = env

    def once(self, cmd: list[str], env: dict | None = None) -> tuple[float, int, int, int]:
        """(seconds, peak RSS in KiB, stdout lines, exit code) of one process."""
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             env={**self.env, **(env or {})}, cwd=ROOT)
        lines = 0
        for chunk in iter(lambda: p.stdout.read(1 << 16), b""):
            lines += chunk.count(b"\n")
        p.stdout.close()
        _, status, usage = os.wait4(p.pid, 0)
        dt = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        return dt, usage.ru_maxrss, lines, p.returncode

    def median(self, cmd: list[str], runs: int, env: dict | None = None) -> dict:
        self.once(cmd, env)  # warm the page cache; not counted
        res = [self.once(cmd, env) for _ in range(runs)]
        return {"ms": statistics.median(r[0] for r in res) * 1000,
                "rss_mb": max(r[1] for r in res) / 1024,
                "lines": res[-1][2], "code": res[-1][3]}


def process_env(workdir: Path) -> dict:
    """The environment a timed kb process runs in: this checkout first on the path, no
    user store, no colour settings, and byte-code as an installed package has it (pip
    compiles it at install time), cached under ``workdir``, never in the checkout."""
    env = {k: v for k, v in os.environ.items() if k not in ("KB_DB", "NO_COLOR", "FORCE_COLOR")}
    env["PYTHONPATH"] = str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["XDG_DATA_HOME"] = str(workdir / "no-user-store")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    return env


def ms(x: float | None, code: int = 0) -> str:
    if code not in (0, 1):
        return f"failed (exit {code})"
    return "n/a" if x is None else (f"{x:,.0f}" if x >= 100 else f"{x:.1f}")


def ratio(a: float | None, b: float | None) -> str:
    return "n/a" if not a or not b else f"{a / b:.2f}x"


def make_store(workdir: Path, n: int, seed: int) -> Path:
    ents, docs = max(10, n // 5), max(5, n // 10)
    path = workdir / f"store-{n}-{ents}-{docs}-s{seed}.json"
    if not path.exists():
        t0 = time.perf_counter()
        subprocess.run([PY, str(HERE / "generate.py"), "--events", str(n), "--entities", str(ents),
                        "--documents", str(docs), "--seed", str(seed), "-o", str(path)], check=True)
        print(f"# generated {path.name} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    return path


def bench_size(r: Runner, workdir: Path, n: int, runs: int, seed: int) -> dict:
    store = make_store(workdir, n, seed)
    cache = workdir / f"cache-{n}"
    shutil.rmtree(cache, ignore_errors=True)
    env = {"KB_CACHE_DIR": str(cache)}
    db = ["--db", str(store)]
    out: dict = {"n": n, "store_mb": store.stat().st_size / 2**20}

    # index build: the first command after a change of the store
    dt, rss, _, code = r.once([*KB, "stats", *db], env)
    out["build"] = {"ms": dt * 1000, "rss_mb": rss / 1024, "code": code}
    print(f"# {n}: index built in {dt:.2f} s, {rss / 1024:.0f} MB", file=sys.stderr)

    copy_db, copy_jsonl = workdir / f"copy-{n}.db", workdir / f"copy-{n}.jsonl"
    for fmt, path in (("sqlite", copy_db), ("jsonl", copy_jsonl)):
        dt, rss, _, code = r.once([*KB, "export", "-f", fmt, "-o", str(path), *db], env)
        out[f"export_{fmt}"] = {"ms": dt * 1000, "rss_mb": rss / 1024, "code": code}

    # Let the exports' dirty pages reach the disk now, not during the timings.
    os.sync()
    time.sleep(1)
    su, jq = tool("sqlite-utils"), tool("jq")
    q_slice = ("SELECT id, start, end, title FROM events WHERE start <= :hi AND end >= :lo "
               "ORDER BY start, end, id")
    q_who = ("SELECT e.id, e.start, e.end, e.title FROM entities n "
             "JOIN event_entities x ON x.entity_id = n.id JOIN events e ON e.id = x.event_id "
             "WHERE n.name = :name ORDER BY e.start, e.end, e.id")

    def su_slice(lo, hi):
        return [*su, "query", str(copy_db), q_slice, "-p", "lo", lo, "-p", "hi", hi] if su else None

    def jq_slice(lo, hi):
        return [*jq, "-c", f'select(.kind == "event" and .start <= "{hi}" and .["end"] >= "{lo}")'
                       ' | {id, start, "end": .["end"], title}', str(copy_jsonl)] if jq else None

    tasks = {
        "who": {
            "kb": [*KB, "who", WHO, *db],
            "sqlite-utils query": [*su, "query", str(copy_db), q_who, "-p", "name", WHO] if su else None,
            "jq": [*jq, "-c", "--arg", "name", WHO, 'select(.kind == "event" and any(.entities[]; . == $name))'
                              ' | {id, start, "end": .["end"], title}', str(copy_jsonl)] if jq else None,
        },
        "timeline (3 months)": {
            "kb": [*KB, "timeline", *SLICE, *db],
            "sqlite-utils query": su_slice(*SLICE_DAYS),
            "jq": jq_slice(*SLICE_DAYS),
        },
        "timeline (10 years)": {
            "kb": [*KB, "timeline", *WIDE, *db],
            "sqlite-utils query": su_slice(*WIDE_DAYS),
            "jq": jq_slice(*WIDE_DAYS),
        },
        "search": {
            "kb": [*KB, "search", WORD, *db],
            "sqlite-utils search": [*su, "search", str(copy_db), "events", WORD, "--limit", "20"] if su else None,
            "jq": [*jq, "-c", f'select(.kind == "event" and ((.title + " " + .summary) | test("\\\\b{WORD}\\\\b"; "i")))'
                              ' | {id, title}', str(copy_jsonl)] if jq else None,
        },
    }
    out["tasks"] = {}
    for task, cmds in tasks.items():
        out["tasks"][task] = {}
        for who, cmd in cmds.items():
            if cmd is None:
                continue
            res = r.median(cmd, runs, env)
            out["tasks"][task][who] = res
            print(f"# {n} {task:20} {who:20} {ms(res['ms']):>8} ms  {res['rss_mb']:.0f} MB  "
                  f"{res['lines']} lines (exit {res['code']})", file=sys.stderr)
    return out


def bench_shipped(r: Runner, workdir: Path, runs: int) -> dict:
    cache = workdir / "cache-shipped"
    shutil.rmtree(cache, ignore_errors=True)
    # an empty data home, so that the shipped knowledge base is what kb reads
    env = {"KB_CACHE_DIR": str(cache), "XDG_DATA_HOME": str(workdir / "no-user-store")}
    hello = workdir / "hello.py"
    hello.write_text(HELLO)
    r.once([*KB, "stats"], env)  # build the index once
    cmds = {
        "typer hello (baseline)": [PY, str(hello)],
        'kb who "Massoud Rajavi"': [*KB, "who", "Massoud Rajavi"],
        "kb timeline 1979 1988": [*KB, "timeline", "1979", "1988"],
        "kb search massacre": [*KB, "search", "massacre"],
        "kb --help": [*KB, "--help"],
    }
    out = {}
    for name, cmd in cmds.items():
        out[name] = r.median(cmd, runs, env)
        print(f"# shipped {name:28} {ms(out[name]['ms']):>8} ms", file=sys.stderr)
    return out


def report(sizes: list[dict], shipped: dict | None, runs: int) -> str:
    lines = [f"Median wall time of whole processes in ms ({runs} runs each, stdout piped), "
             f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs.", ""]
    if sizes:
        lines += ["### Large stores: kb against its peers (warm index)", ""]
        head = "| task | tool | " + " | ".join(f"{s['n']:,} ev" for s in sizes) + " | kb/peer at " \
               + f"{sizes[-1]['n']:,}" + " | growth " + " → ".join(f"{s['n'] // 1000}k" for s in sizes) + " |"
        lines += [head, "|" + "---|" * (head.count("|") - 1)]
        for task in sizes[0]["tasks"]:
            for who in sizes[0]["tasks"][task]:
                vals = [s["tasks"][task].get(who, {}).get("ms") for s in sizes]
                codes = [s["tasks"][task].get(who, {}).get("code", 0) for s in sizes]
                rows = [s["tasks"][task].get(who, {}).get("lines") for s in sizes]
                kb_last = sizes[-1]["tasks"][task].get("kb", {}).get("ms")
                rel = "" if who == "kb" else ratio(kb_last, vals[-1])
                growth = " → ".join(ratio(b, a) for a, b in zip(vals, vals[1:]))
                cells = " | ".join(f"{ms(v, c)} ({n} rows)" if who == "kb" else ms(v, c)
                                   for v, n, c in zip(vals, rows, codes))
                lines.append(f"| {task} | {who} | {cells} | {rel} | {growth} |")
        lines += ["", "### Index build and exports (first kb command after the store changed)", "",
                  "| events | store MB | index build ms | build peak MB | kb query peak MB | "
                  "export sqlite ms | export jsonl ms |", "|---|---|---|---|---|---|---|"]
        for s in sizes:
            q_peak = max(v["rss_mb"] for t in s["tasks"].values() for k, v in t.items() if k == "kb")
            lines.append(f"| {s['n']:,} | {s['store_mb']:.0f} | {ms(s['build']['ms'])} | "
                         f"{s['build']['rss_mb']:.0f} | {q_peak:.0f} | {ms(s['export_sqlite']['ms'])} | "
                         f"{ms(s['export_jsonl']['ms'])} |")
    if shipped:
        base = shipped["typer hello (baseline)"]["ms"]
        lines += ["", "### Shipped knowledge base against a bare Typer hello (target ≤ 1.5x)", "",
                  "| command | ms | × hello |", "|---|---|---|"]
        for name, res in shipped.items():
            lines.append(f"| {name} | {ms(res['ms'])} | {ratio(res['ms'], base)} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="kb against sqlite-utils and jq at growing sizes.")
    ap.add_argument("--sizes", default="1000,10000,100000", help="event counts, comma-separated")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per command (median)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", default=str(HERE / "out"), help="stores, copies and caches")
    ap.add_argument("--no-shipped", action="store_true", help="skip the shipped knowledge base")
    ap.add_argument("--out", help="also write the tables to this file")
    ap.add_argument("--json", help="also write the raw numbers to this JSON file")
    a = ap.parse_args(argv)

    workdir = Path(a.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    r = Runner(process_env(workdir))
    for name in ("sqlite-utils", "jq"):
        if tool(name) is None:
            print(f"# {name} not found: its columns are left out", file=sys.stderr)

    sizes = [bench_size(r, workdir, int(n), a.runs, a.seed) for n in a.sizes.split(",") if n]
    shipped = None if a.no_shipped else bench_shipped(r, workdir, a.runs)
    text = report(sizes, shipped, a.runs)
    print(text)
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
    if a.json:
        Path(a.json).write_text(json.dumps({"sizes": sizes, "shipped": shipped}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
