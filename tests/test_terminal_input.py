"""Wrong input is never a silent empty result: an unknown tag, kind, type or source
is bad input (exit 2) with the nearest valid values; an unknown id in ``kb show``
gets the nearest ids, and a near miss never shows another record."""

import pytest

from conftest import MINI, refused

DB = ["--db", str(MINI)]


@pytest.mark.parametrize("args,words", [
    (["timeline", "-t", "protests"], ["no tag 'protests'", "nearest: protest"]),
    (["timeline", "-t", "massacre"], ["no tag 'massacre'", "valid: protest"]),
    (["search", "Rajavi", "-k", "events"], ["no kind 'events'", "nearest: event"]),
    (["search", "Rajavi", "-k", "persons"], ["no kind 'persons'"]),
    (["entities", "-T", "persons"], ["no entity type 'persons'", "nearest: person"]),
    (["entities", "-T", "ship"], ["no entity type 'ship'", "valid: person"]),
    (["timeline", "-s", "s3"], ["no source 's3'", "s1, s2"]),
])
def test_a_filter_naming_nothing_is_bad_input_with_the_nearest_values(run, args, words):
    refused(run(*args, *DB), *words)


def test_a_valid_filter_still_works_in_any_case(run):
    assert len(run("timeline", "-t", "PROTEST", *DB).out.splitlines()) == 2
    assert run("entities", "-T", "Place", *DB).out.split("\t")[0] == "tehran"
    assert run("search", "Rajavi", "-k", "Entity", *DB).code == 0


def test_a_valid_filter_that_matches_nothing_here_is_still_exit_1(run):
    r = run("timeline", "2019", "-t", "founding", *DB)
    assert (r.code, r.out) == (1, "") and "no events found" in r.err


def test_show_a_near_miss_id_is_not_found_with_the_nearest_ids(run):
    r = run("show", "1988-executons", *DB)
    assert r.code == 1 and r.out == ""
    assert "no event, entity or source with id '1988-executons'" in r.err
    assert "nearest: 1988-executions" in r.err and len(r.err.splitlines()) == 1


def test_show_a_near_miss_of_an_entity_id_shows_nothing(run):
    r = run("show", "massoud-rajavy", *DB)   # a word rule would have read it as Massoud Rajavi
    assert r.code == 1 and r.out == "" and "nearest: massoud-rajavi" in r.err


def test_show_still_takes_ids_aliases_written_as_ids_and_names(run):
    import json

    def shown(ident):
        return json.loads(run("show", ident, "-f", "json", *DB).out)["id"]

    assert shown("massoud-rajavi") == "massoud-rajavi"
    assert shown("hanif-nejad") == "mohammad-hanifnejad"       # an alias, spelled as an id
    assert shown("Masoud Rajavi") == "massoud-rajavi"           # a name, any spelling
    assert shown("tehran") == "tehran"
    assert shown("s1") == "s1"


def test_show_the_shipped_near_miss_from_the_issue(run):
    r = run("show", "1988-masacre")
    assert r.code == 1 and r.out == "" and "nearest: 1988-massacre" in r.err
