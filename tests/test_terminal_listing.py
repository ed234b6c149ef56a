"""Sorting, windows and fields: the same --sort, --reverse, --limit, --fields and
--header on every listing command, in every format; ``kb timeline --within``."""

import csv
import io
import json

import pytest

from conftest import MINI, refused

DB = ["--db", str(MINI)]
LISTINGS = [["timeline"], ["who", "MEK"], ["search", "Rajavi OR MEK OR protests"], ["entities"],
            ["sources"], ["conflicts"]]


def _col(out, i):
    return [line.split("\t")[i] for line in out.splitlines()]


@pytest.mark.parametrize("cmd", LISTINGS)
def test_every_listing_takes_limit_reverse_sort_and_fields(run, cmd):
    full = run(*cmd, "-f", "json", *DB)
    assert full.code == 0, full
    data = json.loads(full.out)
    rows = data["events"] if cmd[0] == "who" else data
    ids = [r.get("id") or r.get("event") for r in rows]
    key = "event" if cmd[0] == "conflicts" else "id"
    assert len(ids) >= 2

    assert _col(run(*cmd, "-n", "1", "--fields", key, *DB).out, 0) == ids[:1]
    assert _col(run(*cmd, "--reverse", "--fields", key, *DB).out, 0) == ids[::-1]
    got = _col(run(*cmd, "--sort", key, "--fields", key, *DB).out, 0)
    assert got == sorted(ids, key=str.casefold)
    got = _col(run(*cmd, "--sort", key, "-r", "-n", "2", "--fields", key, *DB).out, 0)
    assert got == sorted(ids, key=str.casefold, reverse=True)[:2]


def test_sort_numbers_as_numbers_and_stably(run):
    out = run("entities", "--sort", "events", "--fields", "id,events", *DB).out
    rows = [line.split("\t") for line in out.splitlines()]
    assert [int(n) for _i, n in rows] == sorted(int(n) for _i, n in rows)
    by_name = _col(run("entities", "--fields", "id", *DB).out, 0)
    zero = [i for i, n in rows if n == "0"]
    assert zero == [i for i in by_name if i in zero]   # ties keep the usual order (by name)


def test_sort_then_limit_reads_every_row_not_the_first_n(run):
    out = run("timeline", "--sort", "title", "-n", "1", "--fields", "title", *DB).out
    titles = sorted(json.loads(run("timeline", "-f", "json", *DB).out), key=lambda e: e["title"].casefold())
    assert out.strip() == titles[0]["title"]


@pytest.mark.parametrize("fmt", ["tsv", "csv", "json", "jsonl", "table"])
def test_fields_in_every_format(run, fmt):
    r = run("timeline", "1971", "--fields", "id,start,summary", "-f", fmt, *DB)
    assert r.code == 0, r
    if fmt == "tsv":
        assert r.out.split("\t")[:2] == ["1971-arrests", "1971-08-01"]
        assert len(r.out.splitlines()[0].split("\t")) == 3
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.out)))
        assert rows[0] == ["id", "start", "summary"] and rows[1][:2] == ["1971-arrests", "1971-08-01"]
    elif fmt == "json":
        assert list(json.loads(r.out)[0]) == ["id", "start", "summary"]
    elif fmt == "jsonl":
        assert list(json.loads(r.out.splitlines()[0])) == ["id", "start", "summary"]
    else:
        head = next(line for line in r.out.splitlines() if line.strip())
        assert head.split() == ["ID", "Start", "Summary"]


def test_who_fields_shape_its_events_and_keep_the_profile(run):
    who = json.loads(run("who", "MEK", "--fields", "id", "-n", "2", "-f", "json", *DB).out)
    assert who["name"] == "People's Mojahedin Organization of Iran"
    assert [list(e) for e in who["events"]] == [["id"], ["id"]]


def test_header_for_tsv(run):
    lines = run("sources", "--header", *DB).out.splitlines()
    assert lines[0] == "id\tpublished\tkind\ttitle\tfile\tevents"
    assert run("sources", "--header", "--fields", "title,id", *DB).out.splitlines()[0] == "title\tid"


@pytest.mark.parametrize("option", ["--fields", "--sort"])
def test_an_unknown_field_is_bad_input_with_the_nearest(run, option):
    refused(run("sources", option, "titel", *DB), option, "no field 'titel'", "nearest: title")


def test_conflicts_entities_and_sources_take_limit(run):
    for cmd in (["entities"], ["sources"], ["conflicts"]):
        assert len(run(*cmd, "-n", "1", *DB).out.splitlines()) == 1


def test_timeline_within_keeps_events_inside_the_range(run):
    overlapping = _col(run("timeline", "1976", "1978", *DB).out, 2)
    within = _col(run("timeline", "1976", "1978", "--within", *DB).out, 2)
    assert overlapping == ["1976-split", "late-1970s-protests"]
    assert within == ["1976-split"]        # the late 1970s run on into 1979


@pytest.mark.parametrize("cmd,cols", [
    ("timeline", "EVENT_COLUMNS"), ("who", "EVENT_COLUMNS"), ("search", "HIT_COLUMNS"),
    ("entities", "ENTITY_COLUMNS"), ("sources", "SOURCE_LIST_COLUMNS"), ("conflicts", "CONFLICT_COLUMNS"),
])
def test_help_lists_every_column(run, cmd, cols):
    import re

    from kb.output import columns

    text = " ".join(run(cmd, "--help").out.split())
    listed = re.search(r"Columns[^:]*: ([^.(]*)", text).group(1)
    assert [c.strip() for c in listed.split(",")] == [c.key for c in getattr(columns, cols)]
