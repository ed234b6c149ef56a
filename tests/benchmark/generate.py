"""Generate a large synthetic kb store, reproducibly.

    python tests/benchmark/generate.py --events 100000 --entities 20000 \\
        --documents 10000 --seed 1 -o /tmp/kb-100k.json

The store has the record shapes of the shipped ``data/kb.json`` (TinyDB
layout: ``{"sources": {"1": {...}}, "entities": {...}, "events": {...}}``)
and is written with :func:`kb.store.storage.dump`, so kb reads it like any store.
The same arguments always give the same bytes.

What is in it:

* **entities**: persons, organizations, places and a few other types, with
  synthetic Persian-looking names, one or two aliases (a transliteration
  variant; an acronym for organizations), a description and, for some
  persons, a dated role in an organization;
* **events**: one to six entities and a place each, picked uniformly, so an
  entity takes part in about ``5 * events / entities`` events at every size;
  dates spread evenly over 1900-2019 in every precision kb knows (day,
  month, season, year, decade, range, approximate); a title, a ~30-word
  summary, tags, citations and (for one event in four) a figure claim;
* **sources**: ``--documents`` documents of about 300 words of synthetic text
  each (``text``), with a title, publisher, publication date and kind.

With ``--docs N --docs-dir DIR`` it also writes N documents to ingest
(``doc00000.md``...; :func:`documents`), for the write benchmark
(``writes.py``): about 300 words each, a Markdown title and a "Published On:"
line, six to eight dated sentences that name the store's entities (one in
four retells a day-precision event of the store: same day, its entities and
its title's words, so ingest links it instead of adding a twin) and now and
then a new person, between sentences of filler text.  The same arguments
always give the same documents.

Fixed points the benchmark relies on: the first entity is the person
``Darius Kavian``, who takes part in about as many events as any other entity;
the word ``massacre`` is in about one event summary in 200 and one document
in 20; every size uses the same years, so a slice of N months holds about
``events * N / 1440`` events.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kb.names import slugify  # noqa: E402
from kb.store.storage import dump  # noqa: E402

SYL = ("ba da fa ga ha ja ka la ma na pa ra sa ta va za bar dar far gar kar mar nar "
       "sar tar var zan man ran shah mir kho gol jav nej pur zad abb ali beh dar ehs "
       "far haf jam kaz mas mor nas rah sae sha tah yaz").split()
FIRST = ("Darius Amir Bahram Cyrus Dariush Ehsan Farhad Giti Hamid Iraj Jamshid Kamran Laleh "
         "Mahnaz Nasrin Omid Parisa Reza Saeed Shirin Taher Vahid Yasmin Zahra Ali Hassan "
         "Maryam Mehdi Nader Parviz Roya Sohrab Tahmineh Babak Kourosh Leila Mina Navid "
         "Pouya Ramin Sima Yousef Azadeh Behnaz Dariya Elham Fereshteh Golnar Homa").split()
ORG_KIND = ("Council Front Committee Party Association Union League Movement Society "
            "Organization Bureau Guard Assembly Foundation").split()
ORG_ADJ = ("National Democratic Popular Islamic Revolutionary Workers Students Free "
           "United Iranian Women's Writers Teachers Veterans Provincial").split()
PLACE_KIND = ["", "", "Province", "Valley", "Camp", "District"]
TYPES = [("person", 55), ("organization", 20), ("place", 15), ("media", 4),
         ("government-body", 4), ("document", 2)]
TAGS = ("protest crackdown election arrest execution exile founding leadership war "
        "treaty strike trial conference publication uprising ceasefire").split()
COMMON = ("the of and to in a was that for on as with by his their were from at which had "
          "its this an they be after it not but been who have are two during first new "
          "against government group members year people city country said later state "
          "leaders press report according court prison military public political").split()
TOPIC = ("massacre revolution coup election strike protest exile prison trial treaty "
         "uprising ceasefire parliament assembly decree amnesty offensive campaign "
         "negotiation referendum boycott rally manifesto funeral hunger bombing").split()
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_ABBR = [m[:3] for m in MONTHS]
SEASONS = [("spring", 21, 3), ("summer", 22, 6), ("fall", 23, 9), ("winter", 24, 12)]
FIRST_YEAR, LAST_YEAR = 1900, 2019


def month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1))


class Gen:
    def __init__(self, seed: int):
        self.r = random.Random(seed)
        # a fixed vocabulary of pseudo-words with a Zipf-like weight
        words = sorted({self.pseudo(2, 3).lower() for _ in range(6000)})
        self.r.shuffle(words)
        self.vocab = COMMON * 1 + words
        weights = [40.0] * len(COMMON) + [1.0 / (i + 1) ** 0.8 * 60 for i in range(len(words))]
        self.cum = []
        total = 0.0
        for w in weights:
            total += w
            self.cum.append(total)

    def pseudo(self, lo: int, hi: int) -> str:
        return "".join(self.r.choice(SYL) for _ in range(self.r.randint(lo, hi))).capitalize()

    def words(self, n: int, topic_rate: float) -> str:
        ws = self.r.choices(self.vocab, cum_weights=self.cum, k=n)
        if self.r.random() < topic_rate:
            ws[self.r.randrange(n)] = "massacre"
        for _ in range(max(1, n // 60)):
            ws[self.r.randrange(n)] = self.r.choice(TOPIC[1:])
        return " ".join(ws)

    def sentences(self, n: int, topic_rate: float) -> str:
        out, left = [], n
        while left > 0:
            k = min(left, self.r.randint(8, 20))
            s = self.words(k, topic_rate if not out else 0.0)
            out.append(s[0].upper() + s[1:] + ".")
            left -= k
        return " ".join(out)

    # -- dates ---------------------------------------------------------------
    def date(self) -> dict:
        r = self.r
        y = r.randint(FIRST_YEAR, LAST_YEAR)
        m = r.randint(1, 12)
        kind = r.choices(["day", "month", "year", "range", "season", "decade", "approximate"],
                         [40, 20, 15, 12, 5, 3, 5])[0]
        if kind == "day":
            d = date(y, m, r.randint(1, month_end(y, m).day))
            return {"edtf": d.isoformat(), "start": d.isoformat(), "end": d.isoformat(),
                    "precision": "day", "text": f"{d.day} {MONTHS[m - 1]} {y}"}
        if kind == "month":
            return {"edtf": f"{y}-{m:02d}", "start": f"{y}-{m:02d}-01",
                    "end": month_end(y, m).isoformat(), "precision": "month",
                    "text": f"{MONTHS[m - 1]} {y}"}
        if kind == "year":
            return {"edtf": str(y), "start": f"{y}-01-01", "end": f"{y}-12-31",
                    "precision": "year", "text": str(y)}
        if kind == "range":
            d0 = date(y, m, r.randint(1, 20))
            d1 = d0 + timedelta(days=r.randint(1, 40))
            return {"edtf": f"{d0.isoformat()}/{d1.isoformat()}", "start": d0.isoformat(),
                    "end": d1.isoformat(), "precision": "range",
                    "text": f"{d0.day} {MONTHS[d0.month - 1]} to {d1.day} {MONTHS[d1.month - 1]} {d1.year}"
                    if d0.year == d1.year else f"{d0.isoformat()} to {d1.isoformat()}"}
        if kind == "season":
            name, code, first = r.choice(SEASONS)
            start = date(y, first, 1)
            end = month_end(y + 1, 2) if code == 24 else month_end(y, first + 2)
            if end.year > LAST_YEAR:
                end = month_end(y, 12)
            return {"edtf": f"{y}-{code}", "start": start.isoformat(), "end": end.isoformat(),
                    "precision": "season", "rule": "season", "text": f"the {name} of {y}"}
        if kind == "decade":
            dec = y // 10 * 10
            return {"edtf": f"{dec // 10}X", "start": f"{dec}-01-01", "end": f"{dec + 9}-12-31",
                    "precision": "decade", "text": f"the {dec}s"}
        y = max(FIRST_YEAR + 1, min(y, LAST_YEAR - 1))
        return {"edtf": f"{y}~", "start": f"{y - 1}-01-01", "end": f"{y + 1}-12-31",
                "precision": "approximate", "rule": "approximate", "text": f"around {y}"}

    # -- records -------------------------------------------------------------
    def entities(self, n: int, src_ids: list[str]) -> list[dict]:
        out, seen = [], set()
        types = self.r.choices([t for t, _ in TYPES], [w for _, w in TYPES], k=n)
        types[0] = "person"
        for i, typ in enumerate(types):
            while True:
                if i == 0:
                    name, aliases = "Darius Kavian", ["Dariush Kavian"]
                elif typ == "person":
                    first, last = self.r.choice(FIRST), self.pseudo(2, 3) + self.r.choice(["i", "ian", "zadeh", "pour", ""])
                    name = f"{first} {last}"
                    aliases = [name.replace("ou", "u").replace("ee", "i").replace("a", "aa", 1)]
                elif typ == "place":
                    name = (self.pseudo(2, 3) + " " + self.r.choice(PLACE_KIND)).strip()
                    aliases = [name.replace("a", "e", 1)]
                elif typ in ("organization", "government-body"):
                    adj = self.r.sample(ORG_ADJ, 2)
                    name = f"{adj[0]} {adj[1]} {self.r.choice(ORG_KIND)} of {self.pseudo(2, 3)}"
                    aliases = ["".join(w[0] for w in name.split() if w[0].isupper()) + str(i)]
                else:
                    name = f"{self.pseudo(2, 3)} {'Daily' if typ == 'media' else 'Charter'}"
                    aliases = [name.lower()]
                slug = slugify(name)
                if slug not in seen:
                    break
            seen.add(slug)
            out.append({
                "aliases": [name] + [a for a in aliases if a != name],
                "ambiguous": [],
                "description": f"Synthetic {typ} for the benchmark: {self.words(12, 0.0)}.",
                "id": slug,
                "name": name,
                "roles": [],
                "sources": [],
                "type": typ,
            })
        orgs = [e["id"] for e in out if e["type"] == "organization"]
        for e in out:
            if e["type"] == "person" and orgs and self.r.random() < 0.3:
                d = self.date()
                e["roles"].append({"of": self.r.choice(orgs), "role": self.r.choice(
                    ["member", "founder", "spokesperson", "secretary general", "commander"]),
                    "from": d, "section": "Synthetic", "source": self.r.choice(src_ids)})
        return out

    def sources(self, n: int) -> list[dict]:
        out = []
        for i in range(n):
            y = self.r.randint(1995, 2020)
            m = self.r.randint(1, 12)
            d = date(y, m, self.r.randint(1, 28))
            out.append({
                "file": f"{i:05d}_{self.r.getrandbits(64):016x}.txt",
                "id": f"{i:05d}",
                "kind": self.r.choice(["news article", "history page", "listing page"]),
                "published": {"edtf": d.isoformat(), "end": d.isoformat(), "precision": "day",
                              "start": d.isoformat(), "text": f"{MONTHS[m - 1]} {d.day}, {y}"},
                "publisher": self.r.choice(["Daily " + self.pseudo(2, 2), "The " + self.pseudo(2, 3) + " Times",
                                            self.pseudo(2, 3) + " News"]),
                "text": self.sentences(self.r.randint(270, 330), 0.05),
                "title": self.sentences(self.r.randint(5, 10), 0.0).rstrip("."),
            })
        return out

    def events(self, n: int, entities: list[dict], sources: list[dict]) -> list[dict]:
        places = [e["id"] for e in entities if e["type"] == "place"] or [entities[0]["id"]]
        actors = [e["id"] for e in entities if e["type"] != "place"]
        ids: set[str] = set()
        src_ids = [s["id"] for s in sources]
        out = []
        for i in range(n):
            d = self.date()
            title = self.sentences(self.r.randint(5, 9), 0.0).rstrip(".")
            slug = f"{d['start'][:4]}-{slugify(title)[:40]}-{i}"
            ids.add(slug)
            who = list(dict.fromkeys(self.r.choices(actors, k=self.r.randint(1, 6))))
            where = [self.r.choice(places)]
            cites = self.r.sample(src_ids, k=min(len(src_ids), self.r.randint(1, 3)))
            claims = []
            if self.r.random() < 0.25:
                amount = self.r.randint(2, 5000)
                claims.append({"amount": amount, "counts": "people " + self.r.choice(
                    ["killed", "arrested", "executed", "at the rally"]), "measure": "count",
                    "qualifier": "", "section": "Synthetic", "source": cites[0],
                    "value": f"{amount:,}"})
            out.append({
                "citations": [{"section": "Synthetic", "source": s} for s in cites],
                "claims": claims,
                "date": d,
                "entities": who,
                "id": slug,
                "places": where,
                "summary": self.sentences(self.r.randint(25, 35), 0.005),
                "tags": sorted(set(self.r.sample(TAGS, k=self.r.randint(1, 3)))),
                "title": title,
            })
        return out


def generate(events: int, entities: int, documents: int, seed: int) -> dict:
    g = Gen(seed)
    srcs = g.sources(documents)
    ents = g.entities(entities, [s["id"] for s in srcs])
    evs = g.events(events, ents, srcs)
    return {
        "sources": {str(i + 1): s for i, s in enumerate(srcs)},
        "entities": {str(i + 1): e for i, e in enumerate(ents)},
        "events": {str(i + 1): e for i, e in enumerate(evs)},
    }


class Docs:
    """Documents to ingest into a store made by :func:`generate` (see the module docstring)."""

    def __init__(self, store: dict, seed: int):
        self.g = Gen(seed + 7919)  # its own stream: the store's bytes do not depend on it
        self.r = self.g.r
        ents = list(store["entities"].values())
        self.names = {e["id"]: e["name"] for e in ents}
        self.places = [e["name"] for e in ents if e["type"] == "place"]
        self.actors = [e["name"] for e in ents if e["type"] != "place"]
        self.days = [e for e in store["events"].values() if e["date"]["precision"] == "day"]

    def day_text(self, d: date) -> str:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    def dated(self) -> str:
        r = self.r
        if self.days and r.random() < 0.25:  # a retelling of a stored event
            ev = r.choice(self.days)
            who = [self.names[i] for i in ev["entities"] + ev["places"] if i in self.names]
            return f"On {self.day_text(date.fromisoformat(ev['date']['start']))}, " \
                   f"{' and '.join(who[:3])} {ev['title'][0].lower()}{ev['title'][1:]}."
        y = r.randint(FIRST_YEAR, LAST_YEAR)
        m = r.randint(1, 12)
        d = date(y, m, r.randint(1, month_end(y, m).day))
        who = r.sample(self.actors, k=r.randint(1, 2))
        if r.random() < 0.1:
            who.append(f"{r.choice(FIRST)} {self.g.pseudo(2, 3)}{r.choice(['i', 'ian', 'zadeh'])}")
        when = self.day_text(d) if r.random() < 0.7 else f"{MONTHS[m - 1]} {y}"
        return f"In {when}, {' and '.join(who)} {self.g.words(r.randint(8, 14), 0.02)} " \
               f"in {r.choice(self.places)}."

    def document(self) -> str:
        r, g = self.r, self.g
        y, m = r.randint(2000, 2020), r.randint(1, 12)
        title = g.sentences(r.randint(5, 9), 0.0).rstrip(".")
        parts = []
        for _ in range(r.randint(6, 8)):
            parts.append(self.dated())
            parts.append(g.sentences(r.randint(20, 35), 0.02))
        paras = [" ".join(parts[i:i + 4]) for i in range(0, len(parts), 4)]
        return (f"# {title}\n\nPublished On: {MONTHS[m - 1]} {r.randint(1, 28)}, {y}\n\n"
                + "\n\n".join(paras) + "\n")


def documents(store: dict, n: int, seed: int) -> list[str]:
    """``n`` documents to ingest into ``store`` (as :func:`generate` returns it)."""
    docs = Docs(store, seed)
    return [docs.document() for _ in range(n)]


def write_documents(store: dict, n: int, seed: int, folder: str | os.PathLike) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i, text in enumerate(documents(store, n, seed)):
        path = folder / f"doc{i:05d}.md"
        path.write_text(text, encoding="utf-8")
        out.append(path)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1000)
    ap.add_argument("--entities", type=int, default=None, help="default: events / 5")
    ap.add_argument("--documents", type=int, default=None, help="default: events / 10")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--docs", type=int, default=0, help="also write this many documents to ingest")
    ap.add_argument("--docs-dir", help="where the documents go (with --docs)")
    a = ap.parse_args(argv)
    if a.docs and not a.docs_dir:
        ap.error("--docs needs --docs-dir")
    data = generate(a.events, a.entities or max(10, a.events // 5),
                    a.documents or max(5, a.events // 10), a.seed)
    tmp = a.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        dump(data, fh)
    os.replace(tmp, a.output)
    if a.docs:
        write_documents(data, a.docs, a.seed, a.docs_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
