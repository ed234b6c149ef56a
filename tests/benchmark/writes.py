"""The write benchmark: what one document, a thousand and ten thousand cost as the store grows.

    python tests/benchmark/writes.py --sizes 1000,10000,100000 --runs 3
    python tests/benchmark/writes.py --no-large      # without the long runs at the largest size

prints (and with ``--out FILE`` also writes) a Markdown table.  For each
size, a store made by ``generate.py`` (``N`` events, ``N/5`` entities,
``N/10`` source documents, seed 1) and documents to ingest made from it
(``generate.py --docs``: ~300 words, six to eight dated sentences naming the
store's entities, one in four retelling a stored event), kept in
``--workdir`` and reused while the arguments are the same; then, each
measure a whole process (``python -m kb``, stdout piped), its wall time and
its peak memory (``ru_maxrss`` from ``os.wait4``) and its CPU time (user and
system, from the same call: on a shared machine wall time moves with the
load, CPU time much less):

* **one document**: ``kb ingest doc.md --db copy``, on a fresh copy of the
  store whose index is built, ``--runs`` documents one after another (the
  index follows each write), median;
* **the first query after it** (``kb who "Darius Kavian"``), against the same
  query on the unchanged store just before (each the median of ``--runs``):
  until the index follows writes, the first query after a write rebuilds it;
* **1,000 documents in one call**, on a fresh copy: documents a second, and
  the cost a document against the smallest size;
* the same **1,000 documents in one call into a store whose index is built**
  (a fresh copy, its index built first by a query, which is timed: the cost
  of a full build), as a user whose store has been queried pays it: the
  write then also updates the index (:mod:`kb.index.update`); and the first
  query after it, which finds the index fresh;
* at the largest size (``--no-large`` leaves them out, they take minutes;
  ``--large-docs N`` changes the number): **10,000 documents in one call**,
  and the same 10,000 **in batches of 1,000** into one growing store (each
  batch a process).

Targets (issue 13, at 100k events): one document ≤ 2.0 s and ≤ 400 MB;
first query after ≤ 1.2× an unchanged store's; 10,000 in one call ≥ 80
documents/s; in batches ≥ 50 documents/s, the cost a document from 1k to
100k events growing ≤ 1.3×.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import KB, PY, ROOT, WHO, Runner, process_env  # noqa: E402

LARGE_DOCS = 10_000
BATCH = 1_000


def make(workdir: Path, n: int, seed: int, docs: int) -> tuple[Path, list[Path]]:
    """The store of ``n`` events and ``docs`` documents to ingest into it (made once)."""
    ents, srcs = max(10, n // 5), max(5, n // 10)
    store = workdir / f"store-{n}-{ents}-{srcs}-s{seed}.json"
    folder = workdir / f"docs-{n}-s{seed}-{docs}"
    if not store.exists() or not (folder / f"doc{docs - 1:05d}.md").exists():
        t0 = time.perf_counter()
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([PY, str(HERE / "generate.py"), "--events", str(n), "--entities", str(ents),
                        "--documents", str(srcs), "--seed", str(seed), "-o", str(store),
                        "--docs", str(docs), "--docs-dir", str(folder)], check=True)
        print(f"# generated {store.name} and {docs} documents in {time.perf_counter() - t0:.1f} s",
              file=sys.stderr)
    return store, [folder / f"doc{i:05d}.md" for i in range(docs)]


def fresh(store: Path, workdir: Path, name: str) -> tuple[Path, dict]:
    """A copy of ``store`` with its own, empty index folder."""
    copy, cache = workdir / f"{name}.json", workdir / f"{name}-cache"
    shutil.copyfile(store, copy)
    shutil.rmtree(cache, ignore_errors=True)
    for old in workdir.glob(f".{name}.json.*.tmp"):
        old.unlink()
    return copy, {"KB_CACHE_DIR": str(cache)}


def once(r: Runner, cmd: list[str], env: dict) -> tuple[float, float, int, int]:
    """(seconds, CPU seconds, peak RSS in KiB, exit code) of one process, stdout piped and read."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         env={**r.env, **env}, cwd=ROOT)
    for _chunk in iter(lambda: p.stdout.read(1 << 16), b""):
        pass
    p.stdout.close()
    _, status, usage = os.wait4(p.pid, 0)
    return (time.perf_counter() - t0, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
            os.waitstatus_to_exitcode(status))


def timed(r: Runner, cmd: list[str], env: dict) -> dict:
    dt, cpu, rss, code = once(r, cmd, env)
    if code not in (0, 1):
        raise SystemExit(f"failed (exit {code}): {' '.join(map(str, cmd[:6]))} ...")
    return {"s": dt, "cpu_s": cpu, "rss_mb": rss / 1024}


def ingest(r: Runner, copy: Path, docs: list[Path], env: dict) -> dict:
    out = timed(r, [*KB, "ingest", "--db", str(copy), *map(str, docs)], env)
    out["docs"] = len(docs)
    out["per_s"] = len(docs) / out["s"]
    out["ms_per_doc"] = out["s"] * 1000 / len(docs)
    return out


def bench_size(r: Runner, workdir: Path, n: int, runs: int, seed: int, large: int, bulk: int = BATCH) -> dict:
    """The measures at ``n`` events; ``bulk``: documents in one call (0: none); ``large``: how
    many documents in one call and in batches at the largest size."""
    store, docs = make(workdir, n, seed, max(large, BATCH))
    query = [*KB, "who", WHO]
    out: dict = {"n": n, "store_mb": store.stat().st_size / 2**20}
    one, before, after = [], [], []
    copy, env = fresh(store, workdir, f"one-{n}")
    db = ["--db", str(copy)]
    timed(r, [*query, *db], env)  # builds the index
    for i in range(runs):
        before.append(statistics.median(timed(r, [*query, *db], env)["s"] for _ in range(runs)))
        one.append(ingest(r, copy, [docs[i]], env))
        after.append(timed(r, [*query, *db], env)["s"])
    out["one"] = {"s": statistics.median(x["s"] for x in one), "rss_mb": max(x["rss_mb"] for x in one),
                  "cpu_s": statistics.median(x["cpu_s"] for x in one)}
    out["query_before_ms"] = statistics.median(before) * 1000
    out["query_after_ms"] = statistics.median(after) * 1000
    print(f"# {n}: one document {out['one']['s']:.2f} s ({out['one']['cpu_s']:.2f} s CPU), "
          f"{out['one']['rss_mb']:.0f} MB; query "
          f"{out['query_before_ms']:.0f} ms, first after {out['query_after_ms']:.0f} ms", file=sys.stderr)

    if bulk:
        copy, env = fresh(store, workdir, f"bulk-{n}")
        out["bulk"] = ingest(r, copy, docs[:bulk], env)
        print(f"# {n}: {bulk} documents in {out['bulk']['s']:.1f} s", file=sys.stderr)
        copy, env = fresh(store, workdir, f"indexed-{n}")
        out["build"] = timed(r, [*query, "--db", str(copy)], env)  # a full build of the index
        out["bulk_indexed"] = ingest(r, copy, docs[:bulk], env)
        out["query_after_bulk_ms"] = timed(r, [*query, "--db", str(copy)], env)["s"] * 1000
        print(f"# {n}: index built in {out['build']['s']:.1f} s; {bulk} documents into the indexed store "
              f"in {out['bulk_indexed']['s']:.1f} s ({out['bulk_indexed']['cpu_s']:.1f} s CPU), first query "
              f"after {out['query_after_bulk_ms']:.0f} ms", file=sys.stderr)
    if large:
        copy, env = fresh(store, workdir, f"large-{n}")
        out["large"] = ingest(r, copy, docs[:large], env)
        print(f"# {n}: {large} documents in one call: {out['large']['s']:.1f} s", file=sys.stderr)
        copy, env = fresh(store, workdir, f"batches-{n}")
        out["batches"] = []
        for b in range(0, large, BATCH):
            res = ingest(r, copy, docs[b:b + BATCH], env)
            res["events_after"] = len(json.loads(copy.read_bytes()).get("events", {}))
            out["batches"].append(res)
            print(f"# {n}: batch {b // BATCH + 1}: {res['s']:.1f} s, store now {res['events_after']:,} "
                  f"events", file=sys.stderr)
    for name in ("one", "bulk", "indexed", "large", "batches"):
        for p in workdir.glob(f"{name}-{n}.json*"):
            p.unlink()
    return out


def x(a: float, b: float) -> str:
    return f"{a / b:.2f}×" if b else "n/a"


def report(sizes: list[dict], runs: int) -> str:
    first = sizes[0]
    lines = [f"Whole processes (`python -m kb`, stdout piped), Python {sys.version.split()[0]}, "
             f"{os.cpu_count()} CPUs; one document and queries: median of {runs}.", "",
             "| events | store MB | one document | its CPU time | its peak memory | query, unchanged store | "
             "first query after | after / unchanged | 1,000 documents in one call | documents/s | "
             "ms a document | vs smallest |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for s in sizes:
        b = s.get("bulk") or {"s": 0, "rss_mb": 0, "per_s": 0, "docs": 0, "cpu_s": 1, "ms_per_doc": 0}
        lines.append(f"| {s['n']:,} | {s['store_mb']:.0f} | {s['one']['s']:.2f} s | {s['one']['cpu_s']:.2f} s | "
                     f"{s['one']['rss_mb']:.0f} MB | "
                     f"{s['query_before_ms']:.0f} ms | {s['query_after_ms']:,.0f} ms | "
                     f"{x(s['query_after_ms'], s['query_before_ms'])} | {b['s']:.1f} s ({b['rss_mb']:.0f} MB) | "
                     f"{b['per_s']:.1f} ({b['docs'] / b['cpu_s']:.1f} a CPU s) | {b['ms_per_doc']:.1f} | "
                     f"{x(b['ms_per_doc'], (first.get('bulk') or b)['ms_per_doc'])} |")
    indexed = [s for s in sizes if "bulk_indexed" in s]
    if indexed:
        lines += ["", f"{indexed[0]['bulk']['docs']:,} documents in one call, into a store without an index and "
                  "into one whose index is built (the write then updates it too):", "",
                  "| events | no index | its CPU time | index built | its CPU time | with / without (CPU) | "
                  "first query after | the index's full build | its CPU time |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for s in indexed:
            b, i, build = s["bulk"], s["bulk_indexed"], s["build"]
            lines.append(f"| {s['n']:,} | {b['s']:.1f} s | {b['cpu_s']:.1f} s | {i['s']:.1f} s | {i['cpu_s']:.1f} s | "
                         f"{x(i['cpu_s'], b['cpu_s'])} | {s['query_after_bulk_ms']:.0f} ms | {build['s']:.1f} s | "
                         f"{build['cpu_s']:.1f} s |")
    for s in sizes:
        if "large" not in s:
            continue
        big, batches = s["large"], s["batches"]
        total, docs = sum(b["s"] for b in batches), big["docs"]
        cpu = sum(b["cpu_s"] for b in batches)
        lines += ["", f"At {s['n']:,} events, {docs:,} documents:", "",
                  "| run | time | documents/s | CPU time | documents a CPU s | peak memory |",
                  "|---|---|---|---|---|---|",
                  f"| in one call | {big['s']:.1f} s | {big['per_s']:.1f} | {big['cpu_s']:.1f} s | "
                  f"{docs / big['cpu_s']:.1f} | {big['rss_mb']:.0f} MB |",
                  f"| in batches of {BATCH:,} into a growing store | {total:.1f} s | {docs / total:.1f} | "
                  f"{cpu:.1f} s | {docs / cpu:.1f} | {max(b['rss_mb'] for b in batches):.0f} MB |", "",
                  "| batch | store after it | time | documents/s | ms a document | vs the first batch |",
                  "|---|---|---|---|---|---|"]
        for i, b in enumerate(batches, 1):
            lines.append(f"| {i} | {b['events_after']:,} events | {b['s']:.1f} s | {b['per_s']:.1f} | "
                         f"{b['ms_per_doc']:.1f} | {x(b['ms_per_doc'], batches[0]['ms_per_doc'])} |")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="event counts, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="runs of the one-document ingest and queries")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-large", action="store_true",
                    help=f"leave out the {LARGE_DOCS:,} documents at the largest size")
    ap.add_argument("--large-docs", type=int, default=LARGE_DOCS,
                    help="documents in one call and in batches of 1,000 at the largest size")
    ap.add_argument("--bulk", type=int, default=BATCH, help="documents in one call at each size (0: none)")
    ap.add_argument("--workdir", default=str(HERE / "out"), help="stores, documents, copies and caches")
    ap.add_argument("--out", help="also write the table to this file")
    ap.add_argument("--json", help="also write the raw numbers to this JSON file")
    a = ap.parse_args(argv)

    workdir = Path(a.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    r = Runner(process_env(workdir))
    ns = [int(n) for n in a.sizes.split(",") if n]
    large = 0 if a.no_large else a.large_docs
    sizes = [bench_size(r, workdir, n, a.runs, a.seed, large if n == max(ns) else 0, a.bulk) for n in ns]
    text = report(sizes, a.runs)
    print(text)
    if a.out:
        Path(a.out).write_text(text, encoding="utf-8")
    if a.json:
        Path(a.json).write_text(json.dumps(sizes, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
