"""The name finder's faster paths against the paths they replace: the document's surnames
read from the finder's own additions against a walk of the whole named set, the ASCII forms of fold,
skeleton_of_fold, PhraseKeys.marked and the repeated sentence's key against the rules as
written; on crafted documents (a name learnt early then used short, one name spelled two
ways, a name cut across two calls, a heading, text outside ASCII and in Persian)."""

import random

from kb.ingest.aliases import _ASCII_MARK, AliasTable, PhraseKeys
from kb.ingest.mentions import NameFinder
from kb.ingest.repeats import _ZEROS, RepeatedMentions
from kb.ingest.segment import segments
from kb.names.normalize import fold, fold_plain, skeleton_of_fold, skeleton_plain

DOCS = [
    "Claire Dubois, a police commander, spoke in Lyon on Monday. Dubois said the Audit Committee met.\n\n"
    "Later Massoud Rajavi and Masoud Rajavi were named. Rajavi left. The International Atomic Energy Agency "
    "(IAEA) wrote. The IAEA said so. Okafor, a police commander, agreed. Jane Roe came. Then Roe spoke.",
    "# Voice of America\n\nThe report by Voice of\nAmerica said the Iraqi army moved. "
    "President Jane Roe of the United States spoke.\nStates meet. United\n\nNations said. Roe left.",
    "Zoë Durand met Mohammad Mosaddegh in Tehran. Zoe Durand said so. Mosaddeq left Tehran. Durand stayed.\n\n"
    "دولت ایران در تهران نشست. The Ministry of Intelligence and Security of the Islamic Republic of Iran spoke.",
    "On June 1, 1970 the council met in Tehran. On June 2, 1971 the council met in Tehran. "
    "On June 2, 1971 the council met in Tehran. The 1906 Earthquake was recalled in a report called "
    "\"Silent Valleys of Iran\". By Jane Roe\n",
]
STORED = [{"id": "rajavi", "name": "Massoud Rajavi", "type": "person", "aliases": ["Rajavi"]},
          {"id": "tehran", "name": "Tehran", "type": "place", "aliases": ["Teheran"]},
          {"id": "un", "name": "United Nations", "type": "organization", "aliases": ["UN"]}]


def _find(entities, docs=DOCS):
    """Every answer of the finder over ``docs`` (each segment, and its first half: a name
    cut in two), the new entities and aliases and each document's named set."""
    nf = NameFinder(AliasTable(entities))
    res = []
    for text in docs:
        class Out:
            def __init__(self):
                self.new_entities, self.new_aliases = {}, {}
        out, named = Out(), set()
        finder = RepeatedMentions(nf)
        lower = {w for w in text.split() if w.islower()}
        got = [nf.page_names(text, out, named)]
        for seg in segments(text):
            got.append(finder.mentions(text, seg.start, seg.end, seg.heading, False, lower, out, named))
            got.append(finder.mentions(text, seg.start, (seg.start + seg.end) // 2, seg.heading, False, lower, out,
                                       named))
        res.append((got, sorted((k, v.name, v.type, v.aliases) for k, v in out.new_entities.items()),
                    sorted((k, sorted(v)) for k, v in out.new_aliases.items()), sorted(named)))
    return res


def _old_surnames(self, doc_named):
    """NameFinder._surnames as it was: the ids not read yet found by walking the named set."""
    if self._named is not doc_named:
        self._named, self._named_seen, self._by_surname = doc_named, set(), {}
    seen = self._named_seen
    if len(seen) != len(doc_named):
        types, names, by = self.table.types, self.table.names, self._by_surname
        for eid in doc_named - seen:
            etype = types.get(eid)
            if etype is None:
                continue
            seen.add(eid)
            if etype == "person":
                ws = fold(names.get(eid, "")).split()
                if len(ws) > 1:
                    by.setdefault(ws[-1], set()).add(eid)
    return self._by_surname


def test_the_finder_finds_what_the_old_paths_find(monkeypatch):
    new = [_find([]), _find(STORED)]
    monkeypatch.setattr(NameFinder, "_surnames", _old_surnames)
    assert new == [_find([]), _find(STORED)]
    # and what it finds is what the rules say
    got, made, _aliases, named = new[0][0]
    assert {"claire-dubois", "jane-roe", "lyon", "international-atomic-energy-agency"} <= {k for k, *_ in made}
    assert ["claire-dubois"] in got and ["jane-roe"] in got       # "Dubois", "Roe" alone: the person
    got, made, _aliases, named = new[1][0]
    assert "rajavi" in named and "masoud-rajavi" not in {k for k, *_ in made}   # two spellings, one id


def test_surnames_walk_the_set_when_it_grew_by_another_hand():
    """A named set the finder did not fill alone: the log does not account for every
    member, and the set is walked (the answer is the old path's)."""
    table = AliasTable([{"id": "claire-dubois", "name": "Claire Dubois", "type": "person"},
                        {"id": "jean-dubois", "name": "Jean Dubois", "type": "person"},
                        {"id": "jane-roe", "name": "Jane Roe", "type": "person"}])
    nf, old = NameFinder(table), NameFinder(table)
    named: set[str] = set()
    for eid in [None, "claire-dubois", "jane-roe", "jean-dubois"]:
        if eid:
            named.add(eid)          # another hand
        assert nf._surnames(named) == _old_surnames(old, named)
    assert nf._person_named("Roe", named) == "jane-roe" and nf._person_named("Dubois", named) is None
    other = {"jean-dubois"}         # another document
    assert nf._surnames(other) == {"dubois": {"jean-dubois"}}


class _Walked(set):
    """A named set that counts the walks of it (``set - seen``)."""
    walks = 0

    def __sub__(self, other):
        self.walks += 1
        return set.__sub__(self, other)


def test_surnames_read_what_was_added_not_the_whole_set():
    """A document that names many: each new single word asks for the surnames, and only
    the ids the finder added since are read; the old path walked the whole set each time."""
    people = [{"id": f"p{k}", "name": f"Given{k} Family{k}", "type": "person"} for k in range(300)]
    nf, named = NameFinder(AliasTable(people)), _Walked()
    for k in range(300):
        named.add(f"p{k}")
        nf._named_log.append(f"p{k}")          # as the finder logs what it adds
        assert nf._person_named(f"Family{k}", named) == f"p{k}"
    assert named.walks == 0
    named.add("p0-other")                        # another hand: the set is walked once
    assert nf._person_named("Family7", named) == "p7" and named.walks == 1


def test_ascii_keys_are_the_rules_as_written():
    rnd = random.Random(5)
    chars = "aAbZyW09 -'`.,_/\t!~ghkwpeiou\n"
    for _ in range(4000):
        t = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 14)))
        assert fold(t) == fold_plain(t), t
        f = fold(t)
        assert skeleton_of_fold(f) == skeleton_plain(f), f
        assert PhraseKeys(t, []).marked() == t.lower().translate(_ASCII_MARK), t
    for t in ["Zoë Durand", "Mosaddegh", "Ghoukhphweiey", "تهران", "Ａｂ"]:
        assert fold(t) == fold_plain(t) and skeleton_of_fold(fold(t)) == skeleton_plain(fold(t))


def test_a_repeated_sentence_keyed_the_same_in_and_outside_ascii():
    """The key of a sentence (its digits made 0) is the same whichever way it is made, and
    a repeat with other digits is answered again."""
    nf = NameFinder(AliasTable())
    finder = RepeatedMentions(nf)
    text = "On June 1, 1970 the Council of Lyon met. On June 2, 1971 the Council of Lyon met. Zoë 12 Durand 3."

    class Out:
        new_entities: dict = {}
        new_aliases: dict = {}
    named: set[str] = set()
    a = finder.mentions(text, 0, 39, False, False, set(), Out(), named)     # learns the name
    b = finder.mentions(text, 0, 39, False, False, set(), Out(), named)     # kept
    asked = []
    finder.names = type("Counting", (), {"mentions": lambda self, *a: asked.append(a) or [],
                                         "digit_run": False})()
    c = finder.mentions(text, 41, 80, False, False, set(), Out(), named)    # other digits: the kept answer
    assert a == b == c == ["council-of-lyon"] and asked == []
    for seg in [text, "Zoë 12 Durand 3", "abc 987"]:
        assert seg.translate(_ZEROS) == "".join("0" if c in "123456789" else c for c in seg)
