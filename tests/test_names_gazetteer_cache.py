"""The gazetteer's cache file is kb's own: a link or a foreign file planted in its place
is neither read as the gazetteer nor written through."""

from kb.names import gazetteer


def _fresh(monkeypatch, tmp_path):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    gazetteer._places.cache_clear()
    path = gazetteer._cache_file()
    path.parent.mkdir(parents=True)
    return path


def test_a_link_in_the_cache_files_place_is_not_followed(monkeypatch, tmp_path):
    path = _fresh(monkeypatch, tmp_path)
    victim = tmp_path / "notes.json"
    victim.write_bytes(b'{"mine": 1}')          # valid JSON: must not be taken as the gazetteer
    path.symlink_to(victim)
    try:
        places = gazetteer._places()
    finally:
        gazetteer._places.cache_clear()
    assert "mine" not in places and len(places) > 1000
    assert victim.read_bytes() == b'{"mine": 1}' and path.is_symlink()


def test_a_cache_file_that_is_not_a_table_is_built_again(monkeypatch, tmp_path):
    path = _fresh(monkeypatch, tmp_path)
    path.write_bytes(b"[1, 2, 3]")
    try:
        places = gazetteer._places()
    finally:
        gazetteer._places.cache_clear()
    assert isinstance(places, dict) and len(places) > 1000
    assert path.read_bytes().startswith(b"{")      # replaced by the real table
