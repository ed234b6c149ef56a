"""The faster paths of extraction and of the retelling search give the answers of the
plain ones they replace: the registry's trigger asked of lower-case text, the words'
weights counted by membership, the gazetteer's countries asked once per name, the
near-word test remembered, a retelling's claims linked (or none), and choose()'s
candidates skipped by their cheapest tests first."""

from __future__ import annotations

import math
import random
import re
from datetime import date

from kb.dates import find
from kb.ingest import dedupe, figures, reconcile


def test_lower_case_keeps_word_and_space_characters_where_the_trigger_reads_them():
    # every character but U+0130 (which find._FOLDS_TO_ASCII sends to the slow path) keeps
    # its length, and whether it is a word character or a space, in lower case
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and c != 0x130)
    low = text.lower()
    assert len(low) == len(text)
    for pat in (r"\w+", r"\s+"):
        assert [m.span() for m in re.finditer(pat, text)] == [m.span() for m in re.finditer(pat, low)]
    assert "\u0130" in find._FOLDS_TO_ASCII


def test_trigger_answers_as_the_case_blind_search():
    r = random.Random(3)
    pieces = ["ago", "AGO", "Ago", "end of", "END  OF", "endof", "Monday", "MONDAYS", "sunday", "this\tspring",
              "Last Fall", "past  WINTER", "spend", "attend of", "x", "ſunday", "Kelvin \u212a", "İ", "ı", "_ago",
              "ago_", "3ago", "the", "sun day", "\n", " ", ",", "é", "ÉND of", "turn of", "TURN\nOF"]
    for _ in range(3000):
        text = "".join(r.choice(pieces) + r.choice(["", " ", ".", "-"]) for _ in range(r.randint(1, 6)))
        assert find._triggered(text) == (find._TRIGGER.search(text) is not None), text


def _plain_weights(words, near):
    sharers = [e.words for e in near if not words.isdisjoint(e.words)]
    df = dict.fromkeys(words, 0)
    for ws in sharers:
        for w in words & ws:
            df[w] += 1
    return dedupe.weights_of(words, len(sharers), df)


class _Near:
    def __init__(self, words):
        self.words = frozenset(words)


def test_weights_are_those_of_the_plain_count():
    r = random.Random(5)
    vocab = [f"w{i}" for i in range(12)]
    for _ in range(500):
        words = frozenset(r.sample(vocab, r.randint(0, 6)))
        near = [_Near(r.sample(vocab, r.randint(0, 5))) for _ in range(r.randint(0, 15))]
        got, want = dedupe._weights(words, near), _plain_weights(words, near)
        assert got == want and list(got) == list(want)


def test_scenes_asked_again_answer_the_same():
    text = "Protesters in Iraq and across Lebanon marched; police in Tehran and in the Capital waited."
    first, again = dedupe.scenes(text), dedupe.scenes(text)
    assert first == again
    from kb.names.gazetteer import place

    want = frozenset(dedupe.namekeys.fold(n) for n in dedupe._SCENE.findall(text) if place(n) == 2)
    assert first == want and "iraq" in first and "tehran" not in first


def test_near_word_is_the_prefix_test():
    prefixes = figures._prefixes()
    for w in ["killed", "Killed", "people", "zzz", "Protesters", "q", "ARRESTED", "x" * 40, "the"]:
        assert figures._near_word(w) == w.lower().startswith(prefixes)


def test_link_claims_with_no_claims_adds_none_and_keeps_the_record_as_the_full_path_does():
    rec = {"id": "e", "date": {"start": "1980-01-01", "end": "1985-01-01"}}
    assert reconcile.link_claims(rec, [], "On 3 May 1981 the group met.") == []
    assert rec == {"id": "e", "date": {"start": "1980-01-01", "end": "1985-01-01"}, "claims": []}


def test_a_date_claim_still_takes_the_start_it_retells():
    stored = [{"measure": "date", "value": "1980", "subject": "start of the war", "source": "a",
               "date": {"start": "1980-09-22", "end": "1980-09-22"}}]
    claim = {"measure": "date", "value": "1980", "source": "b", "date": {"start": "1980-09-22", "end": "1980-09-22"}}
    reconcile._adopt(claim, stored, "The war began on 22 September 1980.")
    assert claim.get("subject") == "start of the war"
    plain = dict(claim, subject=None)
    plain.pop("subject")
    reconcile._adopt(plain, [dict(stored[0], subject="")], "The war began on 22 September 1980.")
    assert "subject" not in plain


def _record(n, start, end, source, title, entities=()):
    return {"id": f"e{n}", "date": {"start": start, "end": end, "precision": "day"}, "title": title,
            "summary": "", "entities": list(entities), "citations": [{"source": source, "section": ""}]}


def test_choose_passes_over_a_documents_own_events_on_other_days_and_takes_the_retelling():
    text = "On 3 June 1975 the council met in Tehran about the strike."
    own = [dedupe._Entry(_record(i, f"1975-06-{d:02d}", f"1975-06-{d:02d}", "doc", text), i)
           for i, d in enumerate((1, 2, 4, 9, 20))]
    other = dedupe._Entry(_record(9, "1975-06-03", "1975-06-03", "old", "The council met in Tehran about the strike"), 9)
    far = dedupe._Entry(_record(10, "1975-06-05", "1975-06-05", "old", "A strike of bakers", ["x"]), 10)
    best, score, rule = dedupe.choose(own + [far, other], date(1975, 6, 3), date(1975, 6, 3), "day", {"tehran"},
                                      text, source="doc")
    assert best is other and rule == "same wording" and score > dedupe.RETELL
    # a generator of candidates is read as a list would be
    again = dedupe.choose(iter(own + [far, other]), date(1975, 6, 3), date(1975, 6, 3), "day", {"tehran"},
                          text, source="doc")
    assert again[0] is other and math.isclose(again[1], score)


def test_may_begin_keeps_its_answers_as_the_table_grows():
    """A word that began no alias begins one once the table adds a first word with its fold
    or its skeleton; each answer is the one a finder new to the grown table gives."""
    from kb.ingest.entities import AliasTable
    from kb.ingest.mentions import NameFinder

    table = AliasTable([{"id": "x", "name": "Karim Sadr"}])
    finder = NameFinder(table)
    words = {"Massoud", "Tehran", "Karim", "the", "Mohammad", "Rajavi"}
    steps = [("masoud-rajavi", "Masoud Rajavi"), ("tehran", "Tehran"), ("muhammad-ali", "Muhammad Ali"),
             ("other", "Other Thing")]
    assert finder._may_begin(words) == NameFinder(table)._may_begin(words) == {"Karim"}
    for eid, name in steps:
        table.add(eid, name)
        assert finder._may_begin(words) == NameFinder(table)._may_begin(words)
    assert finder._may_begin(words) == {"Karim", "Massoud", "Tehran", "Mohammad"}
