"""The name finder's cheaper forms give the answers of the plain ones: the word and
year-event patterns (written to begin with a set of characters and give nothing back),
the skeleton's vowel table, and the lone title or small word that names nothing, passed
over before a run's words are looked at."""

import random
import re

from kb.ingest import mentions
from kb.ingest.entities import _WORD, _YEAR_EVENT, AliasTable
from kb.ingest.extract import Extraction
from kb.names.normalize import skeleton_of_fold, skeleton_plain

_PLAIN_WORD = re.compile(r"[^\W_](?:[\w]|[’'\-.](?=\w))*\.?")
_PLAIN_YEAR_EVENT = re.compile(r"\b((?:1[6-9]|20)\d\d)\s+((?:[A-Z][a-z]+\s+){0,2}([A-Z][a-z]+))\b")
_PIECES = ["1906", "2020", "1599", "x1906", "_1990", "19", "20", "Earthquake", "War", "the", " ", "  ", "\n", "-",
           "'", "’", ".", "..", "a.b", "U.S.", "é", "ß", "_", "(", "Mr.", "x2001"]


def test_word_and_year_event_patterns_match_as_their_plain_forms():
    rnd = random.Random(16)
    for _ in range(4_000):
        text = "".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 12)))
        assert _WORD.findall(text) == _PLAIN_WORD.findall(text), text
        got = [(m.span(), m.groups()) for m in _YEAR_EVENT.finditer(text)]
        assert got == [(m.span(), m.groups()) for m in _PLAIN_YEAR_EVENT.finditer(text)], text
    assert _YEAR_EVENT.search("in 1906 Earthquake").group(1) == "1906"
    assert _YEAR_EVENT.search("in x1906 Earthquake") is None


def test_skeleton_matches_its_rules_as_written():
    rnd = random.Random(13)
    for _ in range(1_500):
        text = "".join(rnd.choice("aeiouybcdghkpwstz ü9") for _ in range(rnd.randint(0, 16)))
        assert skeleton_of_fold(text) == skeleton_plain(text), text


_WORDS = ["The", "On", "Mr.", "Mrs", "But", "President", "Of", "the", "of", "met", "said", "Jane", "Roe", "Acme",
          "Council", "June", "Tehran", "Roe's", "Elian's", "A", "al-Sadr", ",", ".", "(", "Sen."]


def _finds(seg_list, dropped, monkeypatch):
    table = AliasTable([{"id": "tehran", "name": "Tehran", "type": "place"}])
    finder, out, named = mentions.NameFinder(table), Extraction(), set()
    with monkeypatch.context() as m:
        m.setattr(mentions, "_DROPPED", dropped)
        # the type of a new name is not what is tested: no gazetteer to load
        m.setattr(mentions, "evidence_type", lambda name, guessed, honorific=False: guessed)
        found = [finder.mentions(seg, 0, len(seg), False, False, {"met", "said"}, out, named) for seg in seg_list]
    return found, sorted((k, v.name, v.type, v.aliases) for k, v in out.new_entities.items())


def test_a_lone_title_or_small_word_passed_over_changes_nothing(monkeypatch):
    rnd = random.Random(5)
    segs = [" ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(1, 9))) for _ in range(150)]
    fast = _finds(segs, mentions._DROPPED, monkeypatch)
    assert fast == _finds(segs, frozenset(), monkeypatch)
    assert any(fast[1]), "the sentences name something"
