"""The rule registry's scanner built from what kb's cache folder keeps (its tree of the
rules' prefixes and its prefilter, kb.dates.prefixcache; the tree opened as walks reach
it, kb.dates.dispatch) finds what the scanner derived from the rules' syntax finds, and
a short text scanned at every place after a non-word character (before the prefilter is
compiled) finds what the prefilter's places find; a cache file that is damaged, a link,
or in a folder that cannot be written changes nothing but the time."""

from __future__ import annotations

import copy
import functools
import os
import random
import re

import orjson
import pytest

from kb.dates import prefixcache
from kb.dates import scan as scan_module
from kb.dates.dispatch import Dispatch
from kb.dates.prefilter import prefixes
from kb.dates.registry import rules
from kb.dates.scan import WIDTH, Scanner

#: rules of every kind of syntax: word lists in either case, clock times, lookbehinds, Solar months
_NAMES = ("weekday", "ago", "duration", "month-day", "day-range-second", "clock-word", "solar-day", "season",
          "year", "decade")


def _table():
    by = {r.name: r for r in rules()}
    return tuple(by[n] for n in _NAMES)


@functools.cache
def _prefixes(source: str, width: int, flags: int):
    """:func:`prefixes`, read once for this file's tests (the derivation is not what most test)."""
    return prefixes(source, width, flags)


@pytest.fixture
def once(monkeypatch):
    monkeypatch.setattr(scan_module, "prefixes", _prefixes)


def _hits(scanner: Scanner, text: str):
    return [(h.rule.name, h.start, h.end, sorted(h.groups.items())) for h in scanner.finditer(text)]


_TEXTS = [
    "He left three days ago",                                     # a trigger at the very end
    "ago",
    "It opened on Monday, June 5 at 10 a.m. and closed Tuesday.",  # forms that overlap
    "On 30 Khordad 1360 the crowd gathered; by Aban 1398 it had.",  # Solar dates
    "The fighting of 5-7 June and of 12 and 13 June.",
    "It met on ۱۲ June and on ١٢ June, some ٣ days ago, in '98 and the '80s.",   # digits outside ASCII
    "ſunday the 3rd, this ſpring, \u212aelvin, İstanbul on Friday",  # letters that fold to ASCII
    "",
    "  (Friday) at five, around two, at 3 o'clock; 1990s--2000s",
]


def _random_texts(n: int, seed: int = 7):
    words = ("the", "on", "Monday", "ago", "three", "days", "June", "5", "1998", "spring", "this", "end", "of",
             "(", ")", "'90s", ",", ".", "at", "noon", "10:30", "a.m.", "Aban", "1398", "mid-", "–", "\n",
             "ſpring", "٣", "first", "quarter", "last", "week", "twice", "a", "year")
    rng = random.Random(seed)
    return [" ".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def test_a_scanner_from_the_cache_finds_what_one_derived_from_the_syntax_finds(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    table = _table()
    monkeypatch.setattr(scan_module, "prefixes", _prefixes)
    fresh = Scanner(table)                      # derived from the syntax, the file written
    assert len(list(tmp_path.glob("dates-scanner-*.json"))) == 1
    monkeypatch.setattr(scan_module, "prefixes", lambda *a: pytest.fail("read from the syntax"))
    cached = Scanner(table)                     # read from the file
    fresh.where, cached.where                   # noqa: B018 - both compiled: the prefilter's places
    assert cached.where.pattern == fresh.where.pattern and cached.where.flags == fresh.where.flags
    for text in _TEXTS + _random_texts(60):
        assert _hits(cached, text) == _hits(fresh, text), text
    assert any(_hits(fresh, t) for t in _TEXTS)


def test_a_loaded_tree_answers_as_the_tree_it_was_dumped_from():
    sources = [f"(?:{r.pattern})" for r in _table()] + ["(?:x|)"]       # the last can begin anywhere
    found = [_prefixes(s, WIDTH, re.IGNORECASE) for s in sources]
    built = Dispatch([f[0] if f is not None else None for f in found])
    dumped = built.dump()
    loaded = Dispatch.load(copy.deepcopy(dumped), len(sources))    # (it opens the data it is handed in place)
    assert loaded.dump() == dumped              # nothing opened yet: as it was written
    keys = {t[i:i + WIDTH] for t in _TEXTS + _random_texts(40) for i in range(len(t) + 1)}
    for key in sorted(keys):
        assert loaded.which(key) == built.which(key), key
    assert loaded.dump() == dumped              # opened as walks reached it: the same tree
    assert loaded.members == built.members and loaded.always == built.always == {len(sources) - 1}
    loaded.add(0, {("[zZ]", "[qQ]")})           # a pattern added to an opened tree (as the grammar's guards do)
    built.add(0, {("[zZ]", "[qQ]")})
    assert loaded.which("zq") == built.which("zq") == (0, len(sources) - 1)


def test_a_short_text_is_scanned_at_every_place_with_the_same_hits(tmp_path, monkeypatch, once):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    table = _table()
    direct, filtered = Scanner(table), Scanner(table)
    filtered.where                              # noqa: B018 - compiled: its places from now on
    monkeypatch.setattr(scan_module, "DIRECT_UPTO", 10 ** 9)
    for text in _TEXTS + _random_texts(80, seed=11):
        assert _hits(direct, text) == _hits(filtered, text), text
    assert "where" not in direct.__dict__       # never compiled for these
    monkeypatch.setattr(scan_module, "DIRECT_UPTO", 0)
    assert _hits(direct, "on Monday") == _hits(filtered, "on Monday")
    assert "where" in direct.__dict__           # past the characters scanned without it


def test_the_scanner_of_all_the_rules_from_the_cache_finds_the_same_hits(tmp_path, monkeypatch):
    """All the rules (a tree of 11,000 nodes): derived from their syntax, and read from the
    file the first wrote."""
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    fresh = Scanner(rules())
    monkeypatch.setattr(scan_module, "prefixes", lambda *a: pytest.fail("read from the syntax"))
    cached = Scanner(rules())
    cached._compiled = fresh._compiled          # the rules' own patterns, compiled once for both
    for text in _TEXTS + _random_texts(30, seed=5):
        assert _hits(cached, text) == _hits(fresh, text), text
    assert cached._dispatch.dump() == fresh._dispatch.dump()
    assert cached.where.pattern == fresh.where.pattern
    # what each rule's matches hold (kb.dates.needs), kept with the tree: as read from the syntax
    from kb.dates.needs import needs

    for i, rule in enumerate(rules()):
        assert set(cached._needs[i]) == set(needs(f"(?:{rule.pattern})", re.IGNORECASE)), rule.name


def _make(calls):
    def make():
        calls.append(1)
        return {"tree": {"root": [{}, []], "always": []}, "where": "x", "n": [1, 2]}
    return make


def _valid(data):
    return isinstance(data.get("n"), list)


def test_kept_makes_once_and_then_reads_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "c"))
    calls = []
    first = prefixcache.kept(("a", "b"), _make(calls), _valid)
    assert first == {"tree": {"root": [{}, []], "always": []}, "where": "x", "n": [1, 2]}
    assert prefixcache.kept(("a", "b"), _make(calls), _valid) == first
    assert calls == [1]
    prefixcache.kept(("a", "b", "c"), _make(calls), _valid)       # other inputs: another file
    assert calls == [1, 1] and len(list((tmp_path / "c").glob("dates-scanner-*.json"))) == 2


@pytest.mark.parametrize("damage", [b"", b"[", b"{}", b"[null]", b"\xff\xfe", b'{"key": "other", "data": {"n": []}}',
                                    b'{"key": "%s", "data": {"n": "not a list"}}', b'{"key": "%s", "data": 3}',
                                    b'{"key":"%s","crc":"00000000","data":{"n":[1,2]}}',
                                    # the CRC holding: what the data holds is refused by valid()
                                    ("packed", b'{"n": "not a list"}'), ("packed", b"3"), ("packed", b"[1"),
                                    ("packed", b"\xff")])
def test_a_damaged_file_is_made_again(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    path = prefixcache._file(("a",))
    if isinstance(damage, tuple):
        path.write_bytes(prefixcache.pack(path.stem, damage[1]))
    else:
        path.write_bytes(damage.replace(b"%s", path.stem.encode()))
    calls = []
    assert prefixcache.kept(("a",), _make(calls), _valid)["n"] == [1, 2]
    assert prefixcache.kept(("a",), _make(calls), _valid)["n"] == [1, 2]
    assert calls == [1]                         # made again once, then read


@pytest.mark.parametrize("wrong", ["tree", "where"])
def test_a_scanner_whose_file_holds_a_wrong_tree_derives_it_again(tmp_path, monkeypatch, once, wrong):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    table = _table()[:4]
    want = Scanner(table)
    path, = tmp_path.glob("dates-scanner-*.json")
    kept = orjson.loads(prefixcache.unpack(path.stem, path.read_bytes()))
    # a file whose CRC holds and that valid() accepts (the needs as kept), with a tree that
    # Dispatch.load refuses or a prefilter that does not compile: derived again
    if wrong == "tree":
        kept["tree"] = {"root": [[], "x"], "always": []}
    else:
        kept["where"] = "("
    path.write_bytes(prefixcache.pack(path.stem, orjson.dumps(kept)))
    assert scan_module._valid(orjson.loads(prefixcache.unpack(path.stem, path.read_bytes())))
    loads, derives = [], []
    real_load, real_derive = Dispatch.load, scan_module._derive
    monkeypatch.setattr(Dispatch, "load", classmethod(lambda cls, *a: loads.append(1) or real_load.__func__(cls, *a)))
    monkeypatch.setattr(scan_module, "_derive", lambda *a: derives.append(1) or real_derive(*a))
    got = Scanner(table)
    assert got._needs == want._needs
    got.where, want.where                       # noqa: B018
    # the kept tree refused and the derived one loaded; or the kept prefilter refused at its compile
    assert (loads, derives) == (([1, 1], [1]) if wrong == "tree" else ([1], [1]))
    assert got.where.pattern == want.where.pattern
    for text in _TEXTS:
        assert _hits(got, text) == _hits(want, text), text


def test_a_link_in_the_place_of_the_file_is_not_read(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "c"))
    path = prefixcache._file(("a",))
    path.parent.mkdir()
    other = tmp_path / "other.json"
    wrong = prefixcache.pack(path.stem, b'{"n": ["wrong"]}')
    other.write_bytes(wrong)        # the right key and shape, the wrong answers
    path.symlink_to(other)
    calls = []
    assert prefixcache.kept(("a",), _make(calls), _valid)["n"] == [1, 2]
    assert other.read_bytes() == wrong      # the link's target is left alone
    assert calls == [1]


@pytest.mark.parametrize("where", ["file", "relative", "unwritable"])
def test_no_cache_folder_makes_it_each_time(tmp_path, monkeypatch, where):
    if where == "file":
        (tmp_path / "f").write_text("not a folder")
        monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "f"))
    elif where == "relative":
        monkeypatch.setenv("KB_CACHE_DIR", "relative/cache")
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes anywhere")
        (tmp_path / "ro").mkdir(mode=0o500)
        monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "ro"))
    calls = []
    assert prefixcache.kept(("a",), _make(calls), _valid)["n"] == [1, 2]
    assert prefixcache.kept(("a",), _make(calls), _valid)["n"] == [1, 2]
    assert calls == [1, 1]
