"""``kb timeline --chart``: events per year or decade, bars on a terminal, rows elsewhere."""

import json

from conftest import MINI

DB = ["--db", str(MINI)]


def test_chart_counts_per_decade_over_a_long_span_with_empty_decades(run):
    r = run("timeline", "--chart", *DB)
    assert r.code == 0
    assert r.out.splitlines() == ["1960s\t1", "1970s\t3", "1980s\t1", "1990s\t0", "2000s\t0", "2010s\t1"]


def test_chart_counts_per_year_in_a_short_range(run):
    rows = json.loads(run("timeline", "1970", "1979", "--chart", "-f", "json", *DB).out)
    assert rows[0] == {"period": "1971", "events": 1} and rows[-1] == {"period": "1977", "events": 1}
    assert sum(r["events"] for r in rows) == 3 and len(rows) == 7


def test_an_event_begun_before_the_range_counts_in_its_first_year(run):
    rows = json.loads(run("timeline", "1978", "1979", "--chart", "-f", "json", *DB).out)
    assert rows == [{"period": "1978", "events": 1}]        # the late 1970s protests, begun 1977


def test_chart_on_a_terminal_draws_bars(run, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    out = run("timeline", "--chart", "-f", "table", *DB).out
    assert "Events per decade" in out and "█" in out
    bars = {line.split()[1]: line.count("█") for line in out.splitlines() if "s " in line and "│" in line}
    assert bars["1970s"] > bars["1960s"] > 0


def test_chart_takes_the_listing_options_and_nothing_found_is_exit_1(run):
    assert run("timeline", "--chart", "--sort", "events", "-r", "-n", "1", *DB).out == "1970s\t3\n"
    r = run("timeline", "1900", "--chart", *DB)
    assert r.code == 1 and r.out == ""
