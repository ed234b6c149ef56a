"""An ingest run that reads a fresh index makes its alias table from the index's name keys.

The alias table of the stored entities (:class:`kb.ingest.entities.AliasTable`)
was made by folding and skeletonising every name and alias of every entity,
at each run; a fresh index already holds those keys (``names``: ``fold``,
``skel``, ``fskel``), so a run that reads the index
(:meth:`kb.store.writer.Edit.read` with ``keys``) builds
:class:`kb.ingest.asked.KeyedAliasTable` from them.  It must answer every
lookup as the table made name by name does: names in lower case, accents,
names with no letters, long names (past the 64 characters a
:class:`~kb.ingest.entities.Beginnings` keeps whole), a spelling shared by two
entities, an alias repeating the name, and names a run adds afterwards.
"""

import os

from kb.index import lookups
from kb.index.freshness import open_index
from kb.ingest.asked import KeyedAliasTable
from kb.ingest.extract import AliasTable
from kb.ingest.pipeline import READS
from kb.store import atomic
from kb.store.storage import write_json

LONG = "The Provincial Committee for the Reconstruction of the Northern Harbour Districts and Their Towns"
ENTITIES = [
    ("hanifnejad", "Mohammad Hanifnejad", ["Hanif-nejad", "Mohammad Hanifnejad"], "person"),
    ("mek", "Mojahedin", ["mojahedin", "MEK", "PMOI/MEK"], "organization"),
    ("tavora", "Tavora", ["Távora", "tavora city"], "place"),
    ("long", LONG, [LONG + " (North)"], "organization"),
    ("dash", "Group ---", ["---", "?!"], "other"),
    ("twin", "Mojahedin", ["Mujahedin"], "organization"),
    ("saeid", "Saeid Mohsen", ["Saeed Mohsen", "S. Mohsen"], "person"),
]


def _store(path):
    ents = {str(i): {"id": eid, "name": name, "aliases": aliases, "ambiguous": [], "type": etype,
                     "description": "", "roles": [], "sources": []}
            for i, (eid, name, aliases, etype) in enumerate(ENTITIES, 1)}
    write_json(path, {"sources": {}, "entities": ents, "events": {}})


def _tables(tmp_path, monkeypatch):
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    store = tmp_path / "kb.json"
    _store(store)
    open_index(store).close()
    fd = os.open(store, os.O_RDONLY)
    try:
        got = lookups.records(store, os.stat(store), lambda: atomic.sha1_of(fd),
                              {"entities": READS["entities"]}, keys=True)
    finally:
        os.close(fd)
    assert got is not None
    _claim, rows, _layout = got
    keyed = KeyedAliasTable([(e["id"], e["name"], e["type"], e["aliases"]) for _k, e in rows["entities"]],
                            rows["names"])
    plain = AliasTable()
    for eid, name, aliases, etype in ENTITIES:
        plain.add(eid, name, aliases, etype)
    return plain, keyed


def _same(plain, keyed):
    for attr in ("fold", "skel", "first", "first_skel", "lower_ok", "max_words", "names", "types"):
        assert getattr(keyed, attr) == getattr(plain, attr), attr
    for attr in ("fold_starts", "skel_starts"):
        assert getattr(keyed, attr).short == getattr(plain, attr).short, attr
        assert sorted(getattr(keyed, attr).long) == sorted(getattr(plain, attr).long), attr
    for eid in plain.names:
        assert keyed.aliases.get(eid, ()) == plain.aliases.get(eid, ()), eid
        assert (eid in keyed.aliases) == (eid in plain.aliases)
    assert keyed.aliases.get("nobody", ()) == ()
    for text in ("mojahedin", "Mujahedin", "MEK", "Tavora City", "tavora city", "Hanif Nejad", "S Mohsen", "---"):
        for cap in (True, False):
            assert keyed.lookup(text, cap) == plain.lookup(text, cap), (text, cap)


def test_keyed_table_answers_as_the_table_made_name_by_name(tmp_path, monkeypatch):
    plain, keyed = _tables(tmp_path, monkeypatch)
    assert "mojahedin" in keyed.lower_ok and "tavora city" in keyed.lower_ok
    assert keyed.fold["mojahedin"] == {"mek", "twin"}
    assert keyed.fold_starts.long  # the long name is kept whole
    _same(plain, keyed)


def test_keyed_table_grows_as_the_table_does(tmp_path, monkeypatch):
    plain, keyed = _tables(tmp_path, monkeypatch)
    for table in (plain, keyed):
        table.add("mek", "Mojahedin", ["People's Mojahedin Organization"], "organization")
        table.add("new-one", "Kaveh Darabi", ["kaveh"], "person")
        table.add("tavora", "Tavora", ["Tavora Port"], "place")
    _same(plain, keyed)
    assert keyed.new_id("Kaveh Darabi") == plain.new_id("Kaveh Darabi") == "kaveh-darabi"
    assert keyed.new_id("Tavora") == plain.new_id("Tavora") == "tavora-2"
