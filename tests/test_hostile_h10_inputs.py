"""Hostile input found by a tenth pass over issue 16's classes, aimed at the newest code.

* ``kb timeline 9999-24`` (kb's EDTF for the winter of 9999, read as a bound since
  6c082a0): the winter's February is in year 10000, and ``date`` raised a traceback.
  It is bad input now (one line, exit 2), as is the same winter read anywhere else.
* EDTF that kb wrote for a date counted from a publication date before year 1000
  (``--date 0005-01-01``, "next spring", "the next decade") had years of fewer than
  four digits (``5-21``, ``1X``), which kb's own EDTF reader (and ``timeline``) refuses.
* A cache folder (``KB_CACHE_DIR``, or a home folder) whose path holds ``?``, ``#`` or
  ``%``, starts ``//``, or climbs past the root with ``..`` (``~/../../x``): the index
  was opened through a SQLite URI made by pasting the path in, so SQLite read those
  as URI syntax (or could not follow the ``..``), and every query failed with "the
  index cannot be read, even rebuilt".
* ``kb ingest`` of a text holding a letter that ``re.IGNORECASE`` folds to ASCII in a
  date the grammar reads ("In the ſpring of 1988"): the grammar matched the season
  but looked "ſpring" up as written, a KeyError traceback.

Every store and document is built here, in tmp_path.
"""

from __future__ import annotations

import json

import pytest

from conftest import MINI, mini_store, own_env, one_line, run_in






# -- a winter that ends in year 10000 ---------------------------------------------------------

@pytest.mark.parametrize("bound", [["9999-24"], ["9999-24~"], ["..9999-24"], ["9999-23", "9999-24"],
                                   ["9999-21/9999-24"]])
def test_the_winter_of_9999_is_bad_input(tmp_path, monkeypatch, bound):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    s = mini_store(tmp_path)
    before = s.read_bytes()
    code, out, err = run_in("timeline", *bound, "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "9999" in err and out == "" and s.read_bytes() == before


def test_the_winter_of_9998_still_reads():
    from kb.dates import parse_bound

    span = parse_bound("9998-24")
    assert (span.start.isoformat(), span.end.isoformat()) == ("9998-12-01", "9999-02-28")


def test_a_relative_winter_past_9999_is_no_date():
    from kb.dates import DateError, season_span

    with pytest.raises(DateError):
        season_span(9999, 24)


# -- EDTF of a date counted from a year before 1000 ------------------------------------------

def test_edtf_counted_from_an_early_year_has_four_digit_years(tmp_path):
    from kb.dates import parse_edtf

    text = "Next spring the council of Bar will meet. In the next decade the council grew.\n"
    code, out, err = run_in("tag", "-k", "date", "--date", "0005-01-01", "-f", "json", stdin=text,
                            environ=own_env(tmp_path))
    assert code == 0, err
    rows = {r["text"]: r for r in json.loads(out)}
    assert rows["Next spring"]["edtf"] == "0005-21"
    assert rows["the next decade"]["edtf"] == "001X"
    for r in rows.values():  # kb's own EDTF reader takes what kb wrote, with the same bounds
        assert parse_edtf(r["edtf"]) == (__import__("datetime").date.fromisoformat(r["start"]),
                                         __import__("datetime").date.fromisoformat(r["end"]))


# -- a cache folder whose path is not a plain URI path ----------------------------------------

@pytest.mark.parametrize("name", ["a?b", "a#b", "a%20b", "//DOUBLE", "UP"])
def test_cache_dir_with_uri_characters_works(tmp_path, monkeypatch, name):
    s = mini_store(tmp_path)
    home = tmp_path / "h" / "i"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    if name == "UP":  # climbs past the root: SQLite's URI path cannot follow it
        value = "~" + "/.." * (len(home.parts) + 1) + str(tmp_path / "up")
    elif name == "//DOUBLE":
        value = "/" + str(tmp_path / "double")
    else:
        value = str(tmp_path / name)
    monkeypatch.setenv("KB_CACHE_DIR", value)
    for _ in range(2):  # built, then read as it is
        code, out, err = run_in("search", "protests", "--db", str(s),
                                environ=own_env(tmp_path, KB_CACHE_DIR=value, HOME=str(home)))
        assert code == 0 and out, err
    from kb.index.freshness import index_path

    assert index_path(s).is_file()


# -- letters that fold to ASCII in a date the grammar reads -----------------------------------

@pytest.mark.parametrize("written,start", [("ſpring of 1988", "1988-03-01"), ("ſummer 1988", "1988-06-01")])
def test_ingest_reads_a_folded_season(tmp_path, monkeypatch, written, start):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    doc = tmp_path / "fold.txt"
    doc.write_text(f"In the {written}, John Smith resigned as head of Acme Corp.\n", encoding="utf-8")
    s = tmp_path / "new.json"
    code, out, err = run_in("ingest", str(doc), "--db", str(s), environ=own_env(tmp_path))
    assert code == 0 and "Traceback" not in err, err
    events = list(json.loads(s.read_text(encoding="utf-8"))["events"].values())
    assert [e["date"]["start"] for e in events] == [start]
    assert "ſ" in events[0]["date"]["text"]  # the text as written


def test_parse_date_reads_folded_letters():
    from kb.dates import parse_date

    assert parse_date("ſpring 1988").edtf == "1988-21"
    assert parse_date("ſpring 1988").text == "ſpring 1988"


# -- an infinity kept in an event, exported as JSON Lines ------------------------------------

def test_jsonl_export_refuses_an_infinity_in_an_event(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    doc = json.loads(MINI.read_text(encoding="utf-8"))
    doc["events"]["1"]["offsets"] = "@@"
    s = tmp_path / "inf.json"
    s.write_text(json.dumps(doc, indent=2).replace('"@@"', "1e999"), encoding="utf-8")
    out_file = tmp_path / "out.jsonl"
    code, out, err = run_in("export", "-f", "jsonl", "-o", str(out_file), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "Infinity" in err and not out_file.exists()
    # a title that says Infinity is text, not a number
    doc["events"]["1"]["offsets"] = [0, 5]
    doc["events"]["1"]["title"] = "Infinity and NaN"
    s.write_text(json.dumps(doc, indent=2), encoding="utf-8")
    code, out, err = run_in("export", "-f", "jsonl", "--db", str(s), environ=own_env(tmp_path))
    assert code == 0 and "Infinity and NaN" in out, err
    assert all(json.loads(line, parse_constant=lambda c: pytest.fail(c)) for line in out.splitlines())


def test_a_date_option_reads_iso_shapes_as_timeline_does(tmp_path):
    """``kb tag --date`` and ``kb ingest --date`` read a date as a timeline bound: ``1976-95``
    is no month (it was read as the years 1976 to 1995, anchoring at the end of 1995),
    ``1976-23`` is kb's own EDTF for the fall of 1976 (it was "the range ends before it
    starts")."""
    doc = tmp_path / "t.txt"
    doc.write_text("On Monday the talks resumed.\n", encoding="utf-8")
    code, out, err = run_in("tag", "--date", "1976-95", str(doc), environ=own_env(tmp_path))
    assert code == 2 and "not a real month" in err and err.count("\n") == 1, err
    code, out, err = run_in("tag", "--date", "1976-23", str(doc), "--fields", "start", environ=own_env(tmp_path))
    assert code == 0 and out.split() == ["1976-11-29"], (out, err)
    store = tmp_path / "s.json"
    code, out, err = run_in("ingest", "--date", "1976-95", str(doc), "--db", str(store), environ=own_env(tmp_path))
    assert code == 2 and "not a real month" in err and not store.exists(), err
