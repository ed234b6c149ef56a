"""Dates on TimeBank and AQUAINT: what ``kb tag`` finds against the TimeML gold.

For every document of ``../shared/corpora/timebank/`` (read by
:mod:`timeml`), :func:`kb.dates.tag_dates` tags the text with the document's
creation time as anchor, and its mentions are compared with the gold TIMEX3s
by the TempEval-3 measures, per type (DATE, TIME, DURATION, SET, all):

* relaxed: a mention and a gold expression overlap (each matched once, in
  text order); strict: the same offsets; P, R and F1 for each.  A mention's
  type is its ``kind`` (date, time, duration, set); the per-type rows count a
  match when the gold expression has that type, whatever the kind found
  (TempEval-3 scores the type separately), and a mention of that kind that
  matches nothing as a false positive;
* value accuracy: the share of relaxed matches whose value equals the gold
  value at the gold's granularity (a found ``1998-03-12`` is right for a gold
  ``1998-03``); week numbers are compared at two digits (``2000-W7`` is
  ``2000-W07``: TimeBank writes both).

Then the finder's speed: words per second of ``tag_dates`` and of
``find_dates`` (what ``kb ingest`` uses) over the whole corpus, the median of
several runs.

Rows: **TimeBank** (183 documents) and **AQUAINT-dev** are the development
sets (read their errors); **AQUAINT-held** is held out (read only its totals,
after a change is done, to see whether it generalises).  The split of AQUAINT
is fixed: its 73 files sorted by name, the 1st, 3rd, 5th... (37 files, from
``APW19980807.0261``) are AQUAINT-dev, the 2nd, 4th... (36, from
``APW19980808.0022``) AQUAINT-held (:func:`split`).  "all" is the three
together.  **own** (24 documents) is the project's own set,
``tests/data/dates_own/`` (:func:`timeml.own`): short news reports, analyses,
notes on Iran's history in Solar and lunar Hijri dates, and mixed texts,
written and annotated by hand, blind, so that no rule was fitted to them; it
is scored apart and is not part of "all" or of the speed measure.
**blind** (24 documents) is a second such set, ``tests/data/dates_blind/``
(:func:`timeml.blind`: news reports, background features and briefs), held
out: rules are never fitted to it, and its errors are never printed (there is
no ``--errors`` for it); only its totals are read.  **blind2** (20 documents,
``tests/data/dates_blind2/``, :func:`timeml.blind2`) is held out the same way:
documents on Iran's modern political history as kb's users bring them
(encyclopedia entries, reports, wire copy, field notes, timelines, Solar and
lunar Hijri dates).  **field** (20 documents, ``tests/data/dates_field/``,
:func:`timeml.field`) is the development set of the same field: encyclopedia
entries, wire reports, cables, UN and rights reports, a court summary, research
notes, timelines, social-media threads, a memoir, an interview and a chronology
in three calendars; its errors are printed (``--errors field``) and read, so
that the rules can be improved on text like the documents kb's users bring
without touching blind or blind2.

The anchor (``--anchor``): ``gold`` (default) is the document's creation time;
``header`` is what ``kb tag FILE`` detects, without ``--date``, in the document
as a user's file of it would be (the creation time as the file writes it,
"11/02/89" or "1999-03-13", on the first line, the title, then the text);
``file`` is ``header`` saved under the document's id as a news wire names its
files (``APW19980818.0515.txt``, read by name: :func:`kb.tag.source.read`);
``text`` is what it detects in the text alone (a dateline, if any).  Mentions
are always scored on the text alone; with a detected anchor, as ``kb tag``
does, relative ones found without any anchor are reported unresolved
(``XXXX-WXX-5``: found, but their value is wrong).

    python tests/benchmark/dates_timebank.py [--runs N] [--anchor gold|header|file|text]
        [--errors TimeBank|AQUAINT-dev|own|field] [--type DATE] [--values] [--only NAME]

``--errors TimeBank --values`` lists only the wrong values, grouped by rule,
the biggest group first; ``--errors field`` (or ``own``) prints a set's errors,
``--errors dates_field/notes01`` those of the documents whose name starts so.
``--errors`` never prints AQUAINT-held, blind or blind2.  ``--only NAME`` scores
one row alone: TimeBank, AQUAINT-dev, AQUAINT-held, all, own, blind, blind2 or
field.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))     # this checkout's kb

import timeml  # noqa: E402

from kb.dates import find_dates, tag_dates  # noqa: E402

TYPES = ("DATE", "TIME", "DURATION", "SET")
KIND = {"date": "DATE", "time": "TIME", "duration": "DURATION", "set": "SET"}
_PREFIX = re.compile(r"^\d{2,4}(?:-\d\d){0,2}$")
_WEEK = re.compile(r"-W(\d)(?!\d)")


def week2(value: str) -> str:
    """``value`` with a one-digit ISO week number written with two (``2000-W7`` -> ``2000-W07``)."""
    return _WEEK.sub(r"-W0\1", value)


def value_ok(found: str, gold: str) -> bool:
    """Equal, or equal at the gold's granularity (``1998-03-12`` for ``1998-03``);
    week numbers compared at two digits (:func:`week2`)."""
    found, gold = week2(found), week2(gold)
    if found == gold:
        return True
    return bool(_PREFIX.match(gold)) and found.startswith(gold) and found[len(gold):len(gold) + 1] in ("-", "T")


ANCHOR = "gold"


def anchor_of(doc) -> date | None:
    """The anchor of ``doc`` as :data:`ANCHOR` says (module docstring)."""
    if ANCHOR != "gold":
        return detected_anchor(doc, ANCHOR)
    try:
        return date.fromisoformat(doc.dct[:10])
    except ValueError:
        return None


_DETECTED: dict = {}


def detected_anchor(doc, mode: str) -> date | None:
    """The anchor ``kb tag`` finds without ``--date`` in the document as a plain-text
    file: ``mode`` header, file or text (module docstring)."""
    key = (doc.name, mode)
    if key not in _DETECTED:
        import io
        import tempfile

        from kb.tag import Context
        from kb.tag.source import read

        text = doc.text
        if mode in ("header", "file"):
            text = "\n\n".join(x for x in (doc.dct_text, doc.title, text.strip("\n")) if x) + "\n"
        if mode == "file":
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / f"{doc.name.split('/')[-1]}.txt"
                path.write_text(text, encoding="utf-8")
                src = read(str(path), None)
        else:
            src = read("-", None, stdin=io.BytesIO(text.encode("utf-8")))
        _DETECTED[key] = Context(published=src.published).anchor
    return _DETECTED[key]


def split(docs) -> tuple[list, list]:
    """AQUAINT's development and held-out halves: sorted by name, alternate files."""
    docs = sorted(docs, key=lambda d: d.name)
    return docs[0::2], docs[1::2]


def match(doc, mentions):
    """Pairs (gold, mention) that overlap, each used once; the unmatched of both sides."""
    pairs, used = [], set()
    for g in doc.timexes:
        best = None
        for i, m in enumerate(mentions):
            if i in used or m.end <= g.start or m.start >= g.end:
                continue
            overlap = min(m.end, g.end) - max(m.start, g.start)
            if best is None or overlap > best[0]:
                best = (overlap, i)
        if best is not None:
            used.add(best[1])
            pairs.append((g, mentions[best[1]]))
    return pairs, [m for i, m in enumerate(mentions) if i not in used]


class Score:
    def __init__(self):
        self.gold = self.found = self.relaxed = self.strict = self.value = 0
        self.fp_strict = 0

    def row(self, name: str) -> str:
        def prf(tp, found, gold):
            p = tp / found if found else 0.0
            r = tp / gold if gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        rp, rr, rf = prf(self.relaxed, self.found, self.gold)
        sp, sr, sf = prf(self.strict, self.found, self.gold)
        va = self.value / self.relaxed if self.relaxed else 0.0
        return (f"| {name} | {self.gold} | {self.found} | {100 * rp:.1f} | {100 * rr:.1f} | {100 * rf:.1f} | "
                f"{100 * sp:.1f} | {100 * sr:.1f} | {100 * sf:.1f} | {100 * va:.1f} |")


def score(docs, errors: str | None = None, only: str | None = None,
          values: dict | None = None) -> dict[str, Score]:
    """The scores per type; with ``errors``, print the errors of documents whose name
    starts so (or, given a ``values`` dict, collect only the wrong values in it, by rule)."""
    scores = {t: Score() for t in (*TYPES, "all")}
    for doc in docs:
        mentions = tag_dates(doc.text, anchor_of(doc), unresolved=ANCHOR != "gold")
        pairs, extra = match(doc, mentions)
        for g in doc.timexes:
            for key in (g.type, "all"):
                if key in scores:
                    scores[key].gold += 1
        for m in mentions:
            for key in (KIND.get(m.kind, "DATE"), "all"):
                scores[key].found += 1
        for g, m in pairs:
            ok = value_ok(m.value, g.value)
            for key in (g.type, "all"):
                s = scores[key]
                s.relaxed += 1
                s.strict += (g.start, g.end) == (m.start, m.end)
                s.value += ok
            # a mention found under another type than the gold's counts as found for the gold's row
            if KIND.get(m.kind) != g.type and g.type in scores:
                scores[g.type].found += 1
                scores[KIND.get(m.kind, "DATE")].found -= 1
            if errors and doc.name.startswith(errors) and (only is None or g.type == only):
                if values is not None:
                    if not ok:
                        values.setdefault(m.rule, []).append(
                            f"  {g.text!r} gold {g.value} found {m.value} (anchor {doc.dct[:10]}) :: "
                            f"{doc.text[max(0, g.start - 60):g.end + 30]!r}")
                elif (g.start, g.end) != (m.start, m.end) or not ok:
                    print(f"WRONG {doc.name} {doc.dct} gold={g.text!r} {g.type} {g.value} | "
                          f"found={m.text!r} {m.kind} {m.value} ({m.rule}) :: "
                          f"{doc.text[max(0, g.start - 50):g.end + 30]!r}")
        if errors and doc.name.startswith(errors) and values is None:
            hit = {id(g) for g, _ in pairs}
            for g in doc.timexes:
                if id(g) not in hit and (only is None or g.type == only):
                    print(f"MISS {doc.name} {doc.dct} {g.type} {g.text!r} {g.value} :: "
                          f"{doc.text[max(0, g.start - 50):g.end + 30]!r}")
            for m in extra:
                if only is None or KIND.get(m.kind) == only:
                    print(f"EXTRA {doc.name} {m.text!r} {m.kind} {m.value} ({m.rule}) :: "
                          f"{doc.text[max(0, m.start - 50):m.end + 30]!r}")
    return scores


def table(title: str, scores: dict[str, Score]) -> str:
    head = ("| type | gold | found | relaxed P | relaxed R | relaxed F1 | strict P | strict R | strict F1 | value acc |\n"
            "|---|---|---|---|---|---|---|---|---|---|")
    return f"**{title}**\n\n{head}\n" + "\n".join(scores[t].row(t) for t in (*TYPES, "all"))


def speed(docs, runs: int) -> tuple[float, float]:
    words = sum(len(d.text.split()) for d in docs)
    pairs = [(d.text, anchor_of(d)) for d in docs]
    for text, a in pairs[:5]:       # compile what is compiled on first use
        tag_dates(text, a)
        list(find_dates(text, a))

    def rate(fn) -> float:
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            for text, a in pairs:
                fn(text, a)
            times.append(time.perf_counter() - t)
        return words / statistics.median(times)

    return rate(tag_dates), rate(lambda t, a: list(find_dates(t, a)))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="timing runs (median)")
    ap.add_argument("--errors", help="print the misses and wrong values of documents whose name starts so "
                    "(TimeBank, AQUAINT-dev, own for tests/data/dates_own, field for tests/data/dates_field, "
                    "or a name prefix such as dates_field/notes01); AQUAINT-held, blind and blind2 are "
                    "held out and refused")
    ap.add_argument("--type", help="with --errors: only this TIMEX3 type")
    ap.add_argument("--values", action="store_true",
                    help="with --errors: only the wrong values, grouped by the rule that read them")
    ap.add_argument("--only", help="score only this row (TimeBank, AQUAINT-dev, AQUAINT-held, all, own, "
                    "blind, blind2, field)")
    ap.add_argument("--anchor", choices=("gold", "header", "file", "text"), default="gold",
                    help="the anchor: the gold creation time, or detected as kb tag FILE detects it")
    args = ap.parse_args(argv)
    global ANCHOR
    ANCHOR = args.anchor
    if args.errors and (args.errors.startswith("AQUAINT-h") or "blind" in args.errors):
        raise SystemExit(f"--errors: {args.errors} is held out: only its totals are read")
    dev, held = split(timeml.documents(("AQUAINT",)))
    parts = {"TimeBank": timeml.documents(("TimeBank",)), "AQUAINT-dev": dev, "AQUAINT-held": held}
    own = timeml.own()
    field = timeml.field()
    rows = (*parts.items(), ("all", [d for p in parts.values() for d in p]), ("own", own),
            ("blind", timeml.blind()), ("blind2", timeml.blind2()), ("field", field))
    sets = {"own": "dates_own/", "field": "dates_field/"}      # rows whose errors are read
    for name, docs in rows:
        if args.only and name != args.only:
            continue
        wrong: dict | None = {} if args.values else None
        prefix = None
        if name in sets and args.errors:
            folder = sets[name]
            prefix = folder if args.errors == name else args.errors if args.errors.startswith(folder) else None
        elif args.errors and name in ("TimeBank", "AQUAINT-dev"):
            prefix = name.split("-")[0] if args.errors == name else args.errors
        s = score(docs, prefix, args.type, wrong)
        for rule, lines in sorted((wrong or {}).items(), key=lambda kv: -len(kv[1])):
            print(f"WRONG VALUES {rule}: {len(lines)}")
            print("\n".join(lines))
        print(table(f"{name} ({len(docs)} documents)", s))
        print()
    if args.anchor != "gold":
        for name, docs in (*parts.items(), ("own", own), ("blind", timeml.blind()), ("blind2", timeml.blind2()),
                           ("field", field)):
            got = sum(anchor_of(d) == date.fromisoformat(d.dct[:10]) for d in docs if d.dct)
            print(f"{name}: anchor detected and equal to the creation time in {got} of {len(docs)} documents")
    if args.runs:
        docs = [d for p in parts.values() for d in p]
        tag_rate, find_rate = speed(docs, args.runs)
        print(f"speed (median of {args.runs}): tag_dates {tag_rate:,.0f} words/s; "
              f"find_dates {find_rate:,.0f} words/s")


if __name__ == "__main__":
    main()
