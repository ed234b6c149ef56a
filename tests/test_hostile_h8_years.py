"""Hostile input, eighth hunt, round two: the years kb accepts, the same in every command.

* One rule for a date given to kb (a ``timeline`` bound, ``ingest --date``, ``tag
  --date``): years 0001 to 9999 written the ISO way (``0001``, ``0476-09``,
  ``1453-05-29``); year 0000 and five digits are bad input (exit 2).  ``kb timeline
  0001`` was refused while ``0001-01-01..0001-01-02`` was read.  A written date
  (``June 1500``) is read for the years of running text, 1600 to 2099, and a
  year outside them is refused with the ISO form to write instead.
* A publication date at the calendar's ends: the retelling search's window
  (31 days either side) and relative dates past 9999-12-31 ("next week") crashed
  with OverflowError; they now stop at the calendar's ends.

Every document and store is built here, in tmp_path.
"""

from __future__ import annotations

import json

import pytest

from conftest import run_in


_run = run_in


def _empty_store(tmp_path):
    s = tmp_path / "kb.json"
    s.write_text(json.dumps({"sources": {}, "entities": {}, "events": {}}))
    return str(s)


REL = "Notes\n\nYesterday the group met in Tabriz. Last year they met. Next week they go. Tomorrow they rest.\n"


@pytest.mark.parametrize("bound", ["0001", "0001-01", "0001-01-01", "0001..0002", "0001/0002", "0999", "1000",
                                   "1500", "9999", "9999-12", "9999-12-31..9999-12-31", "9999/.."])
def test_every_iso_year_from_0001_to_9999_is_a_bound(tmp_path, bound):
    code, out, err = _run("timeline", bound, "--db", _empty_store(tmp_path))
    assert code == 1 and "Traceback" not in err and "no events" in err   # read, and nothing there


@pytest.mark.parametrize("bound", ["0000", "0000-06", "10000", "99999", "0000..0001"])
def test_year_0000_and_five_digits_are_bad_bounds(tmp_path, bound):
    code, _, err = _run("timeline", bound, "--db", _empty_store(tmp_path))
    assert code == 2 and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("given", ["June 1500", "the fall of 1576", "June 20, 0999"])
def test_a_written_date_outside_1600_2099_says_to_write_it_the_iso_way(tmp_path, given):
    doc = tmp_path / "n.txt"
    doc.write_text(REL)
    for argv in (["timeline", given, "--db", _empty_store(tmp_path)], ["tag", str(doc), "--date", given],
                 ["ingest", "-n", str(doc), "--date", given, "--db", str(tmp_path / "new.json")]):
        code, _, err = _run(*argv)
        assert code == 2 and len(err.strip().splitlines()) == 1, (argv, err)
        assert "ISO form" in err, err


@pytest.mark.parametrize("given", ["0001", "0001-01-05", "9999", "9999-12-31"])
def test_tag_and_ingest_take_the_same_years_as_timeline(tmp_path, given):
    doc = tmp_path / "n.txt"
    doc.write_text(REL)
    code, out, err = _run("tag", str(doc), "--date", given, "-k", "date", "-f", "json")
    assert code == 0 and "Traceback" not in err, err
    rows = json.loads(out)
    assert any(r["text"] == "Yesterday" and r["start"] for r in rows)


@pytest.mark.parametrize("given", ["0001-01-05", "9999-12-31"])
def test_ingest_at_the_calendars_ends(tmp_path, given):
    doc = tmp_path / "n.txt"
    doc.write_text(REL)
    store = tmp_path / "s.json"
    code, _, err = _run("ingest", "-q", str(doc), "--date", given, "--db", str(store))
    assert code == 0 and not err, err
    # a second document into the store: the retelling search meets the events at the calendar's end
    again = tmp_path / "m.txt"
    again.write_text(REL.replace("Tabriz", "Tabriz again"))
    code, _, err = _run("ingest", "-q", str(again), "--date", given, "--db", str(store))
    assert code == 0 and not err, err
    code, out, err = _run("timeline", "--db", str(store), "-f", "json")
    assert code == 0 and json.loads(out)


def test_year_0000_is_bad_everywhere(tmp_path):
    doc = tmp_path / "n.txt"
    doc.write_text(REL)
    for argv in (["timeline", "0000", "--db", _empty_store(tmp_path)], ["tag", str(doc), "--date", "0000"],
                 ["ingest", "-n", str(doc), "--date", "0000", "--db", str(tmp_path / "new.json")]):
        code, _, err = _run(*argv)
        assert code == 2 and "0000" in err and len(err.strip().splitlines()) == 1, (argv, err)
