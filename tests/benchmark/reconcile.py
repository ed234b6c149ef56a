"""Reconciliation benchmark: links and disagreements on tests/data/reconcile.

Run from the repository root: ``python tests/benchmark/reconcile.py [-v]``.

Every document of the corpus is ingested, in name order, into one temporary
store seeded from the shipped knowledge base (so a later document is compared
with the earlier ones too), and what ingest reports is compared with
``gold.json``:

* **links**: a gold link is a quote of the document and the stored event it
  retells; it is found when ingest linked an event whose passage holds the
  quote's start to that event (or to an id the event had before).  Precision
  is over the links ingest made whose passage holds a gold quote (a link or an
  ``unlinked`` one): the others are not judged.
* **disagreements**: a gold disagreement is a document's claim (``here``) on an
  event that contradicts a version in the store; it is found when ingest
  reports a contradicted claim of that document on that event whose value is
  the gold's (case, spaces and a leading "the" aside, or one holding the
  other).  Precision is over every contradicted claim ingest reports (one per
  document, event and value).

``-v`` prints the misses and the false ones.

``--public-style`` also runs the check of ``tests/data/reconcile/public_style``
(three documents in the style of the public pages of issue 12's hidden check,
with its six disagreements planted; their README): each is ingested alone into a
copy of the shipped knowledge base, and the links and disagreements its
``expected.json`` lists are looked for.  They are not in the corpus numbers.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "data" / "reconcile"
sys.path.insert(0, str(ROOT))


def _norm(s: str) -> str:
    s = " ".join(str(s).lower().replace("’", "'").split())
    return s[4:] if s.startswith("the ") else s


def _same_value(a: str, b: str) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a and b) and (a == b or a in b or b in a)


def run(verbose: bool = False) -> dict:
    from kb.ingest.pipeline import ingest
    from kb.ingest.reader import read_document

    gold = json.loads((CORPUS / "gold.json").read_text(encoding="utf-8"))["documents"]
    shipped = json.loads((ROOT / "data" / "kb.json").read_text(encoding="utf-8"))
    alias = {a: e["id"] for e in shipped["events"].values() for a in e.get("aliases", [])}
    tmp = Path(tempfile.mkdtemp())
    store = tmp / "kb.json"
    shutil.copy(ROOT / "data" / "kb.json", store)
    links = {"found": 0, "gold": 0, "made": 0, "right": 0}
    dis = {"found": 0, "gold": 0, "made": 0, "right": 0}
    misses: list[str] = []
    t0 = time.perf_counter()
    try:
        for name in sorted(gold):
            path = CORPUS / "docs" / name
            text = read_document(str(path)).text
            summary = ingest([str(path)], store_path=store)
            g = gold[name]
            made = [(l["offsets"][0], l["offsets"][1], alias.get(l["event"], l["event"]), l)
                    for l in summary.links]

            def holding(quote: str):
                at = text.find(quote)
                return [m for m in made if at >= 0 and m[0] <= at < m[1]]

            for link in g["links"]:
                links["gold"] += 1
                if any(m[2] == link["event"] for m in holding(link["text"])):
                    links["found"] += 1
                elif verbose:
                    got = [(m[2], m[3]["score"]) for m in holding(link["text"])]
                    misses.append(f"link missed  {name}: {link['text'][:60]!r} -> {link['event']} (got {got})")
            judged = {}
            for link in g["links"]:
                for m in holding(link["text"]):
                    judged[id(m[3])] = (m, m[2] == link["event"])
            for quote in g["unlinked"]:
                for m in holding(quote):
                    judged.setdefault(id(m[3]), (m, False))
            for m, ok in judged.values():
                links["made"] += 1
                links["right"] += ok
                if verbose and not ok:
                    misses.append(f"link wrong   {name}: {m[3]['text'][:60]!r} -> {m[2]} "
                                  f"({m[3]['score']}, {m[3]['rule']})")
            rows = {}
            for r in summary.conflicts:
                rows.setdefault((alias.get(r["event"], r["event"]), _norm(r["here"])), r)

            def match(key, r, pair) -> bool:
                # the same event, or the same named subject (compared across the store)
                return _same_value(key[1], pair["here"]) and (
                    key[0] == pair["event"] or r["label"] == pair["subject"])

            for pair in g["disagreements"]:
                dis["gold"] += 1
                if any(match(k, r, pair) for k, r in rows.items()):
                    dis["found"] += 1
                elif verbose:
                    misses.append(f"disagreement missed {name}: {pair['event']} {pair['measure']} "
                                  f"{pair['here']!r} vs {pair['there']!r}")
            for (ev, here), r in rows.items():
                dis["made"] += 1
                ok = any(match((ev, here), r, p) for p in g["disagreements"])
                dis["right"] += ok
                if verbose and not ok:
                    misses.append(f"disagreement false  {name}: {ev} {r['label']}: {r['here']!r} vs "
                                  f"{r['there'][:3]}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def pr(d):
        return (d["right"] / d["made"] if d["made"] else 0.0, d["found"] / d["gold"] if d["gold"] else 0.0)

    out = {"links": pr(links), "disagreements": pr(dis), "counts": {"links": links, "disagreements": dis},
           "seconds": time.perf_counter() - t0, "misses": misses}
    return out


def public_style(verbose: bool = False) -> dict:
    """The check of ``public_style`` (module docstring): found / expected, per kind."""
    from kb.ingest.pipeline import ingest
    from kb.ingest.reader import read_document

    folder = CORPUS / "public_style"
    want = json.loads((folder / "expected.json").read_text(encoding="utf-8"))["documents"]
    got = {"links": [0, 0], "disagreements": [0, 0], "misses": []}
    for name in sorted(want):
        tmp = Path(tempfile.mkdtemp())
        try:
            store = tmp / "kb.json"
            shutil.copy(ROOT / "data" / "kb.json", store)
            path = folder / name
            text = read_document(str(path)).text
            summary = ingest([str(path)], store_path=store)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for link in want[name]["links"]:
            got["links"][1] += 1
            at = text.find(link["text"])
            ok = any(l["offsets"][0] <= at < l["offsets"][1] and l["event"] == link["event"] for l in summary.links)
            got["links"][0] += ok
            if not ok:
                got["misses"].append(f"public-style link missed {name}: {link['text']!r} -> {link['event']}")
        for d in want[name]["disagreements"]:
            got["disagreements"][1] += 1
            ok = any(r["event"] == d["event"] and _same_value(r["here"], d["here"]) for r in summary.conflicts)
            got["disagreements"][0] += ok
            if not ok:
                got["misses"].append(f"public-style disagreement missed {name}: {d['event']} {d['here']!r} vs "
                                     f"{d['there']!r}")
    return got


def main() -> None:
    verbose = "-v" in sys.argv
    r = run(verbose)
    print("| measure | precision | recall | counts |")
    print("|---|---|---|---|")
    for k in ("links", "disagreements"):
        p, rc = r[k]
        c = r["counts"][k]
        print(f"| {k} | {p:.1%} ({c['right']}/{c['made']}) | {rc:.1%} ({c['found']}/{c['gold']}) | |")
    print(f"\n{len(json.loads((CORPUS / 'gold.json').read_text())['documents'])} documents in {r['seconds']:.1f} s")
    for m in r["misses"]:
        print(m)
    if "--public-style" in sys.argv:
        p = public_style(verbose)
        print(f"\npublic-style check (not in the numbers above): links {p['links'][0]}/{p['links'][1]}, "
              f"disagreements {p['disagreements'][0]}/{p['disagreements'][1]}")
        for m in p["misses"]:
            print(m)


if __name__ == "__main__":
    main()
