"""A registry-scanner file of kb's cache folder damaged in ways that still parse as JSON
(the review's cases: a node made a number, rule numbers out of range, shifted by one or
made strings, a child key that is no pattern, the needs or the prefilter changed) is
told by its CRC-32 and derived again: the same hits as a clean scanner, no traceback,
and the file written again whole.  Old files beyond the newest few are removed."""

from __future__ import annotations

import functools
import os
import subprocess
import sys

import orjson
import pytest

from kb.dates import prefixcache
from kb.dates import scan as scan_module
from kb.dates.registry import rules
from kb.dates.scan import Scanner


_NAMES = ("weekday", "ago", "duration", "month-day", "year", "decade", "clock-word")
TEXTS = ["It opened on Monday, June 5 at 10 a.m. and closed Tuesday, three days ago.",
         "The fighting of 5-7 June 1988 and of 12 and 13 June; the 1990s ended.",
         "He waited two weeks and left on Friday at five."]


def _table():
    by = {r.name: r for r in rules()}
    return tuple(by[n] for n in _NAMES)


@functools.cache
def _prefixes(source: str, width: int, flags: int):
    from kb.dates.prefilter import prefixes

    return prefixes(source, width, flags)


@pytest.fixture(autouse=True)
def _once(monkeypatch):
    """The prefixes read once for this file's tests (what they test is the file, not the derivation)."""
    monkeypatch.setattr(scan_module, "prefixes", _prefixes)


def _hits(scanner, text):
    return [(h.rule.name, h.start, h.end, sorted(h.groups.items())) for h in scanner.finditer(text)]


def _walk(node, f):
    for child in node[0].values():
        f(child)
        _walk(child, f)


def _damage(d: dict, mode: str) -> None:
    root = d["tree"]["root"]
    if mode == "badchild":          # the root's first child's children made numbers
        first = next(iter(root[0].values()))
        for k in first[0]:
            first[0][k] = 5
    elif mode == "badends":         # rule numbers out of range
        _walk(root, lambda c: c.__setitem__(1, [i + 100000 for i in c[1]]))
    elif mode == "shiftends":       # rule numbers shifted by one: other rules, other dates
        _walk(root, lambda c: c.__setitem__(1, [max(0, i - 1) for i in c[1]]))
    elif mode == "endsstr":
        _walk(root, lambda c: c.__setitem__(1, ["x" for _i in c[1]]))
    elif mode == "badregex":        # a child key that is no pattern
        k = next(iter(root[0]))
        root[0]["[a-"] = root[0].pop(k)
    elif mode == "badneeds":
        d["needs"] = [[["zzzzqq"]] for _ in d["needs"]]
    elif mode == "badwhere":
        d["where"] = "(["


MODES = ["badchild", "badends", "shiftends", "endsstr", "badregex", "badneeds", "badwhere"]


@pytest.mark.parametrize("mode", MODES)
def test_damage_that_parses_is_told_by_the_crc_and_derived_again(tmp_path, monkeypatch, mode):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    table = _table()
    clean = Scanner(table)
    want = [_hits(clean, t) for t in TEXTS]
    path, = tmp_path.glob("dates-scanner-*.json")
    raw = path.read_bytes()
    data = prefixcache.unpack(path.stem, raw)
    assert data is not None
    d = orjson.loads(data)
    _damage(d, mode)
    damaged = orjson.dumps(d)
    assert damaged != data
    head = raw[:len(raw) - len(data) - 1]       # the header and the CRC of the clean data
    path.write_bytes(head + damaged + b"}")
    got = Scanner(table)
    assert [_hits(got, t) for t in TEXTS] == want
    assert got.where is not None and got.where.pattern == clean.where.pattern
    assert prefixcache.unpack(path.stem, path.read_bytes()) == data    # written again whole


def test_the_crc_is_checked_before_the_data_is_read():
    data = b'{"n":[1,2]}'
    packed = prefixcache.pack("k", data)
    assert orjson.loads(packed)["data"] == {"n": [1, 2]}        # the file is JSON
    assert prefixcache.unpack("k", packed) == data
    assert prefixcache.unpack("other", packed) is None
    assert prefixcache.unpack("k", packed.replace(b"1", b"3")) is None
    assert prefixcache.unpack("k", packed[:-1]) is None
    assert prefixcache.unpack("k", b'{"key":"k","crc":"zzzzzzzz","data":{}}') is None


def test_the_module_itself_is_in_the_key():
    assert "prefixcache.py" in prefixcache.DERIVED_BY


def test_a_write_leaves_the_newest_files_and_removes_older_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path))
    other = tmp_path / "names-places-x.json"
    other.write_bytes(b"{}")
    folder = tmp_path / "dates-scanner-folder.json"
    folder.mkdir()
    for i in range(8):
        old = tmp_path / f"dates-scanner-old{i}.json"
        old.write_bytes(b"{}")
        os.utime(old, (1000 + i, 1000 + i))
    prefixcache.kept(("a",), lambda: {"n": [1]}, lambda d: True)
    left = sorted(p.name for p in tmp_path.glob("dates-scanner-*.json") if p.is_file())
    new = prefixcache._file(("a",)).name
    assert left == sorted([new, "dates-scanner-old5.json", "dates-scanner-old6.json", "dates-scanner-old7.json"])
    assert len(left) == prefixcache.KEEP
    assert other.exists() and folder.is_dir()       # other files and folders are left alone


def test_kb_tag_with_a_shifted_file_gives_the_clean_dates(tmp_path):
    env = dict(os.environ, KB_CACHE_DIR=str(tmp_path))
    doc = tmp_path / "d.txt"
    doc.write_text(" ".join(TEXTS) + " On Saturday, 3 March 1990, in the spring, at noon.\n")
    cmd = [sys.executable, "-m", "kb", "tag", "--kind", "date", "-f", "tsv", str(doc)]
    clean = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert clean.returncode == 0 and clean.stdout.strip()
    path, = tmp_path.glob("dates-scanner-*.json")
    raw = path.read_bytes()
    data = prefixcache.unpack(path.stem, raw)
    d = orjson.loads(data)
    _damage(d, "shiftends")
    path.write_bytes(raw[:len(raw) - len(data) - 1] + orjson.dumps(d) + b"}")
    again = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert (again.returncode, again.stdout, again.stderr) == (0, clean.stdout, clean.stderr)
