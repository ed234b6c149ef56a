"""Quality benchmark of ``kb ingest`` against the curated knowledge base.

Run from the repository root: ``python tests/benchmark/ingest_quality.py``.
It is a script, not a test: it prints a table and exits 0 whatever the
numbers (1 only if the seeds cannot be ingested at all).  When
``../shared/seeds`` (relative to the repository root) is absent it says so and
exits 0.

Method.  The five seeds are ingested into an empty temporary store (not the
shipped knowledge base: nothing curated is visible to extraction, which never
reads ``data/kb.json``).  The result is compared with the curated
``data/kb.json``.  Documents are matched by file name: a curated source's
``file`` is the seed's file name, and so is the ingested source's ``file``.

* The *documents of an event* are the files of the sources it cites.  An
  extracted event that another seed retells carries a citation for each, so
  its documents are every seed that tells it.
* **recall** = curated events matched / curated *dated* events that cite a
  seed.  A curated event is dated when its page gives its date: the issue's
  "dated event" is a sentence or clause that carries a date.  Five curated
  events are told in sentences with no date at all; the knowledge base gives
  them a window inferred from the page and records their date text as
  ``(undated)``.  No extractor can find their bounds in the text, so they are
  left out of this measure; the table also prints recall over all curated
  events, with them, so nothing is hidden.  A curated event is matched when some extracted event shares at least one
  document with it and has identical bounds: the same ``start`` and the
  same ``end`` day.  No tolerance: "1988" does not match "July 28, 1988".
  A retelling that ingest linked to an event of an earlier seed is no event
  of its own: its date is kept as a date claim of its source on that event,
  and the claim counts as its document's extracted date for recall.
* **precision** = extracted events that correspond to a curated event /
  extracted events.  An extracted event corresponds to a curated event under
  the same rule (a shared document and identical bounds).  Several extracted
  events may correspond to one curated event (two sentences about the same
  day); each counts as correct.
* **entity recall** = curated entities found / curated entities.  A curated
  entity is found when one of its aliases has the same folded key, or the same
  transliteration skeleton (at least four letters), as an alias of an entity
  in the ingested store (:mod:`kb.names`).

For information the table also shows the lenient variants (bounds that
overlap instead of identical ones) and the run's speed.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SEEDS = ROOT.parent / "shared" / "seeds"
UNDATED = "(undated)"
ANCHOR = "HeidelTime normalises date values at about 78 F1 on TempEval-3"
TARGETS = {"recall": 0.90, "precision": 0.85, "entity recall": 0.90}


def _files(ev: dict, files_of: dict) -> set[str]:
    return {files_of.get(c["source"]) for c in ev.get("citations", [])} - {None}


def evaluate(curated: dict, ingested: dict) -> dict:
    from kb import names as namekeys

    c_files = {s["id"]: s.get("file") for s in curated["sources"]}
    i_files = {s["id"]: s.get("file") for s in ingested["sources"]}
    gold = [(ev, _files(ev, c_files), ev["date"]["start"], ev["date"]["end"]) for ev in curated["events"]]
    gold = [g for g in gold if g[1]]
    dated = [g for g in gold if g[0]["date"].get("text") != UNDATED]
    got = [(ev, _files(ev, i_files), ev["date"]["start"], ev["date"]["end"]) for ev in ingested["events"]]
    # a retelling linked to an event told earlier keeps its own date as a date claim of its source
    told = got + [(ev, {i_files.get(c.get("source"))} - {None}, c["date"]["start"], c["date"]["end"])
                  for ev in ingested["events"] for c in ev.get("claims", ())
                  if c.get("measure") == "date" and isinstance(c.get("date"), dict)]

    def same(a, b):
        return bool(a[1] & b[1]) and a[2] == b[2] and a[3] == b[3]

    def overlap(a, b):
        return bool(a[1] & b[1]) and a[2] <= b[3] and b[2] <= a[3]

    def share(xs, ys, rule):
        return sum(any(rule(x, y) for y in ys) for x in xs) / len(xs) if xs else 0.0

    keys = set()
    for e in ingested["entities"]:
        for a in [e["name"], *e.get("aliases", [])]:
            f, s = namekeys.keys(a)
            keys.add(("f", f))
            if len(s) >= 4:
                keys.add(("s", s))

    def found(e):
        for a in [e["name"], *e.get("aliases", [])]:
            f, s = namekeys.keys(a)
            if ("f", f) in keys or (len(s) >= 4 and ("s", s) in keys):
                return True
        return False

    ents = curated["entities"]
    return {
        "recall": share(dated, told, same),
        "recall (all curated events)": share(gold, told, same),
        "precision": share(got, gold, same),
        "entity recall": sum(found(e) for e in ents) / len(ents) if ents else 0.0,
        "recall (overlapping bounds)": share(gold, told, overlap),
        "precision (overlapping bounds)": share(got, gold, overlap),
        "n_gold": len(gold), "n_dated": len(dated), "n_extracted": len(got), "n_entities": len(ents),
        "missed": [g[0] for g in gold if not any(same(g, y) for y in told)],
        "wrong": [x[0] for x in got if not any(same(x, g) for g in gold)],
    }


def _tables(path: Path) -> dict:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {t: list(raw.get(t, {}).values()) for t in ("sources", "entities", "events")}


def main(argv: list[str]) -> int:
    if not SEEDS.is_dir():
        print(f"skipped: no seeds at {SEEDS}")
        return 0
    from kb.ingest.pipeline import ingest

    seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "bench.json"
        t0 = time.perf_counter()
        summary = ingest(seeds, store_path=store)
        elapsed = time.perf_counter() - t0
        if summary.failed:
            for f in summary.failed:
                print(f"failed: {f.error}")
            return 1
        ingested = _tables(store)
    curated = _tables(ROOT / "data" / "kb.json")
    r = evaluate(curated, ingested)
    words = sum(len(s.get("text", "").split()) for s in ingested["sources"])

    print(f"kb ingest quality: {len(seeds)} seeds vs data/kb.json "
          f"({r['n_gold']} curated events, {r['n_dated']} of them dated by their page; "
          f"{r['n_extracted']} extracted; {r['n_entities']} curated entities)")
    print(f"{'measure':<32}{'value':>8}{'target':>9}  met")
    for k in ("recall", "precision", "entity recall"):
        ok = "yes" if r[k] >= TARGETS[k] else "no"
        print(f"{k:<32}{r[k]:>8.1%}{TARGETS[k]:>9.0%}  {ok}")
    for k in ("recall (all curated events)", "recall (overlapping bounds)", "precision (overlapping bounds)"):
        print(f"{k:<32}{r[k]:>8.1%}{'-':>9}  (information)")
    print(f"anchor: {ANCHOR}")
    print(f"speed: {len(seeds)} documents, {words} words in {elapsed:.2f} s "
          f"({words / elapsed:,.0f} words/s, whole run including the store write)")
    if "-v" in argv:
        print("\nmissed curated events:")
        for ev in r["missed"]:
            d = ev["date"]
            print(f"  {d['start']}..{d['end']}  {d.get('text', '')!r:40.40}  {ev['title'][:70]}")
        print("\nextracted events with no curated counterpart:")
        for ev in r["wrong"]:
            d = ev["date"]
            print(f"  {d['start']}..{d['end']}  {d.get('text', '')!r:30.30} {ev['document']:<8.8} {ev['summary'][:90]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
