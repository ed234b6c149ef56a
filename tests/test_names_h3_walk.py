"""The alias walk (kb.ingest.entities.longest_alias, which stops growing a run once no
alias can begin with it, in lower case too) against looking every run up, longest
first, on generated tables and sentences dense in shared beginnings and skeletons."""

import random

from kb.ingest.entities import _WORD, AliasTable, PhraseKeys, _split_glued, longest_alias

_SYLLABLES = ["ma", "sou", "d", "ra", "ja", "vi", "sa", "eed", "gh", "kh", "ph", "ou", "oo", "ei", "w", "nejad", "a"]
_GAPS = [" ", " ", " ", ", ", "-", "--", " (", ". ", "’s ", "'s ", "... "]


def _word(rnd: random.Random) -> str:
    w = "".join(rnd.choice(_SYLLABLES) for _ in range(rnd.randint(1, 3)))
    return w.capitalize() if rnd.random() < 0.6 else w


def _plain(table: AliasTable, seg: str, toks, i: int):
    """Every run from word i looked up, longest first (AliasTable.lookup)."""
    a = toks[i][0]
    most = min(table.max_words + 2, len(toks) - i)
    for n in range(most, 0, -1):
        p = seg[a:toks[i + n - 1][1]].rstrip(".")
        p = p[:-2] if p.endswith(("'s", "’s")) else p
        ids = table.lookup(p, any(c.isupper() for c in p))
        if ids:
            return n, ids, p
    return None


def test_walk_finds_what_every_lookup_finds():
    rnd = random.Random(7)
    for round_ in range(3):
        table = AliasTable()
        for k in range(120):
            words = [_word(rnd) for _ in range(rnd.randint(1, 4))]
            table.add(f"e{k}", " ".join(words), [w.lower() for w in words[:1]] if rnd.random() < 0.1 else [])
        hits = 0
        for _ in range(150):
            seg = "".join(_word(rnd) + rnd.choice(_GAPS) for _ in range(rnd.randint(3, 12))).strip()
            toks = _split_glued(seg, [m.span() for m in _WORD.finditer(seg)])
            keys = PhraseKeys(seg, toks)
            for i in range(len(toks)):
                want = _plain(table, seg, toks, i)
                assert longest_alias(table, keys, seg, toks, i) == want, (seg, i)
                hits += want is not None
        assert hits > 25        # the tables are dense enough to be found often
