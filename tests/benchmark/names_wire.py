#!/usr/bin/env python3
"""Names benchmark on the newswire check set (issue 11): kb's name tagger against tests/data/names_wire/.

Run from the repository root: ``python tests/benchmark/names_wire.py``
(``-v`` lists every error instead of a few examples per kind).

The 16 documents there were written for the project in the style of a 1996
news agency wire (results lines and tables, datelines, ALL-CAPITAL headlines,
bylines, market reports, political news); see that folder's README.  The
**tagger** is ``kb.tag.tag(text, ["name"], ctx)`` with an empty store, as
``kb tag --kind name`` runs it (``names.tagger``).  Scored as
``tests/benchmark/names.py`` scores the development set: exact-span
precision, recall and F1, untyped and typed (per type, overall with MISC and
without), for all 16 documents and per kind of document.

Then the errors, by kind, most frequent first:

* **missed**: a gold name no found name overlaps;
* **spurious**: a found name that overlaps no gold name;
* **wrong type**: the span is a gold name's, the type is not;
* **wrong span**: a found name overlaps a gold name without the same span
  (``longer``: it holds the gold name and more, as a title kept or two names
  merged; ``shorter``: part of the gold name; ``crossing``); counted once per
  gold name, and a found name overlapping two gold names counts for each.

Each error is also put under the kind of line it sits on: ``headline`` (a
document's first line), ``dateline`` (a line ending in a date such as
1996-12-01), ``byline`` ("By ..."), ``table`` (a line that does not end a
sentence: results, lists, scoreboards, standings), ``sentence start`` (prose,
at the start of a paragraph or after ". ") and ``prose``.

``--tokenized`` scores the same documents written as a tokenized corpus
writes them: punctuation split off words by spaces ("Japan 2 ( Nanami 52 ) ,",
"People 's"), abbreviations kept whole ("U.S.", "M.", "1."); the gold spans
move with their text.  It shows how much the scores depend on that way of
writing.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import names  # noqa: E402

WIRE = ROOT / "tests" / "data" / "names_wire"
#: document kinds by the number that opens the file name (README, "Documents and counts")
KINDS = {"sports": range(1, 6), "world news": range(6, 10), "business": range(10, 13),
         "headline + byline": range(13, 15), "agency items": range(15, 17)}


def load():
    out = []
    for f in sorted(WIRE.glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        with open(WIRE / g["doc"], encoding="utf-8", newline="") as fh:
            text = fh.read()
        out.append((g["doc"], text, {(s, e, t) for s, e, t, _x in g["mentions"]}))
    return out


_LEAD = "(\"'"
_TRAIL = ",.;:)\"'?!"


def tokenized(text: str, gold):
    """``text`` with punctuation split off by spaces, and ``gold`` moved to match."""
    cuts = set()
    for m in re.finditer(r"\S+", text):
        tok, i, j = m.group(), m.start(), m.end()
        while i < j - 1 and text[i] in _LEAD:
            cuts.add(i + 1)
            i += 1
        while j > i + 1 and text[j - 1] in _TRAIL and not re.fullmatch(r"(?:[A-Za-z]\.)+|\d+\.", text[i:j]):
            cuts.add(j - 1)
            j -= 1
        if text[i:j].endswith("'s") and j - i > 2:
            cuts.add(j - 2)
    out, new = [], []
    for k, ch in enumerate(text):
        if k in cuts and text[k - 1] != " ":
            out.append(" ")
        new.append(len(out))
        out.append(ch)
    return "".join(out), {(new[s], new[e - 1] + 1, t) for s, e, t in gold}


def line_kind(text: str, pos: int) -> str:
    """The kind of line ``pos`` sits on (see the module docstring)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)].strip()
    if start == 0:
        return "headline"
    if re.search(r"\b\d{4}-\d\d-\d\d$", line):
        return "dateline"
    if line.startswith("By "):
        return "byline"
    if not re.search(r"[.!?\"”]$", line):
        return "table"
    before = text[start:pos].rstrip()
    if not before or re.search(r"[.!?][\"”]?$", before):
        return "sentence start"
    return "prose"


def errors(docs, preds):
    """[(kind, detail, doc, gold or None, found or None, line kind)] for every error."""
    out = []
    for (d, text, gold), pred in zip(docs, preds):
        gspans = {(s, e): t for s, e, t in gold}
        pspans = {(s, e): t for s, e, t in pred}
        for (s, e), t in sorted(gspans.items()):
            where = line_kind(text, s)
            if (s, e) in pspans:
                if pspans[(s, e)] != t:
                    out.append(("wrong type", f"{t} -> {pspans[(s, e)]}", d, (s, e, t), (s, e, pspans[(s, e)]), where))
                continue
            over = [(ps, pe, pt) for (ps, pe), pt in pspans.items() if ps < e and s < pe]
            if not over:
                out.append(("missed", t, d, (s, e, t), None, where))
                continue
            for ps, pe, pt in over:
                how = "longer" if ps <= s and pe >= e else "shorter" if ps >= s and pe <= e else "crossing"
                out.append(("wrong span", how, d, (s, e, t), (ps, pe, pt), where))
        for (ps, pe), pt in sorted(pspans.items()):
            if not any(s < pe and ps < e for s, e in gspans):
                out.append(("spurious", pt, d, None, (ps, pe, pt), line_kind(text, ps)))
    return out


def show(text, span):
    return "-" if span is None else f"{text[span[0]:span[1]]!r} {span[2]}"


def report(docs, errs, verbose: bool, examples: int = 4):
    texts = {d: text for d, text, _g in docs}
    by_kind = defaultdict(list)
    for e in errs:
        by_kind[e[0]].append(e)
    print(f"\nerrors: {len(errs)} (gold names: {sum(len(g) for _d, _t, g in docs)})")
    for kind, rows in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        details = Counter(r[1] for r in rows)
        lines = Counter(r[5] for r in rows)
        print(f"\n{kind}: {len(rows)}")
        print("  by type/detail: " + ", ".join(f"{k} {n}" for k, n in details.most_common()))
        print("  by line:        " + ", ".join(f"{k} {n}" for k, n in lines.most_common()))
        shown = rows if verbose else _spread(rows, examples)
        for _k, detail, d, g, p, where in shown:
            print(f"    {d[:2]} {where:<14} {detail:<12} gold {show(texts[d], g):<34} found {show(texts[d], p)}")


def _spread(rows, n):
    """Up to n examples per line kind, so that every kind of line is seen."""
    seen, out = Counter(), []
    for r in rows:
        if seen[r[5]] < n:
            seen[r[5]] += 1
            out.append(r)
    return out


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("-v", action="store_true", help="list every error, not a few examples per kind of line")
    ap.add_argument("--tokenized", action="store_true", help="punctuation split off words by spaces, as in a tokenized corpus")
    args = ap.parse_args(argv)
    docs = load()
    if args.tokenized:
        docs = [(d, *tokenized(text, g)) for d, text, g in docs]
    preds = [names.tagger(text) for _d, text, _g in docs]
    pairs = [(g, p) for (_d, _t, g), p in zip(docs, preds)]
    parts = {"all 16": names.score(pairs)}
    for kind, nums in KINDS.items():
        parts[kind] = names.score([pr for (d, _t, _g), pr in zip(docs, pairs) if int(d[:2]) in nums])
    names.table("kb tag --kind name on the newswire check set", dict(list(parts.items())[:3]))
    names.table("(continued)", dict(list(parts.items())[3:]))
    gold_n = Counter(t for _d, _t, g in docs for _s, _e, t in g)
    pred_n = Counter(t for p in preds for _s, _e, t in p)
    print("\nnames per type, gold / found: " + ", ".join(f"{t} {gold_n[t]}/{pred_n[t]}" for t in names.TYPES)
          + (f", other {sum(v for k, v in pred_n.items() if k not in names.TYPES)}"
             if set(pred_n) - set(names.TYPES) else ""))
    report(docs, errors(docs, preds), args.v)


if __name__ == "__main__":
    main()
