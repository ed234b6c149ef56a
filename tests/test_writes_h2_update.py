"""The index update's shortcuts (:mod:`kb.index.update`) still leave what a full build holds.

* an event the write did not touch whose claims' marks change while its disputed labels stay
  (one label under two keys) keeps its JSON and search row as they are;
* the claims of the touched keys are read a few keys a statement (``_KEYS``): with two a
  statement, many keys still give the build's marks;
* an entity that gains an alias changes the search rows of its events, not their JSON.
"""

import copy

from test_index_update import _by_id, _claim, _follow, _mini

from kb.index import update
from kb.query import KB


def test_a_mark_that_changes_under_a_label_that_stays(tmp_path):
    a = _mini()
    ev = _by_id(a, "events", "1971-arrests")
    # its own measure disputed (two figures for "deaths" on the one event), so "deaths" is a label
    ev["claims"] += [_claim(100, subject="", measure="deaths"), _claim(200, source="s2", subject="", measure="deaths"),
                     _claim(5, subject="deaths", measure="deaths")]
    b = copy.deepcopy(a)
    _by_id(b, "events", "1976-split")["claims"].append(_claim(7, source="s2", subject="deaths"))
    want = _follow(tmp_path, a, b)
    marks = dict(want.execute("SELECT id, disputed FROM events"))
    assert marks["1971-arrests"] == 1 and marks["1976-split"] == 1
    assert want.execute("SELECT count(*) FROM claims WHERE disputed AND event_id='1971-arrests'"
                        ).fetchone()[0] == 3  # the named claim's mark changed, its label did not
    assert KB(path=tmp_path / "s.json").show("1971-arrests")["disputed"] == ["deaths"]


def test_many_keys_read_a_few_at_a_time(tmp_path, monkeypatch):
    monkeypatch.setattr(update, "_KEYS", 2)
    a = _mini()
    for i, amount in enumerate((10, 20, 30, 40, 50)):
        _by_id(a, "events", "1971-arrests")["claims"].append(_claim(amount, subject=f"subject {i}"))
    b = copy.deepcopy(a)
    split = _by_id(b, "events", "1976-split")
    for i, amount in enumerate((10, 21, 30, 41, 50, 60)):  # two disagree, three agree, one is new
        split["claims"].append(_claim(amount, source="s2", subject=f"subject {i}"))
    want = _follow(tmp_path, a, b)
    got = {r[0] for r in want.execute("SELECT label FROM claims WHERE disputed")}
    assert {"subject 1", "subject 3"} <= got and not got & {"subject 0", "subject 2", "subject 4", "subject 5"}


def test_an_alias_changes_search_rows_not_the_events_json(tmp_path):
    a = _mini()
    _by_id(a, "events", "1971-arrests")["claims"].append(_claim(100))
    b = copy.deepcopy(a)
    _by_id(b, "entities", "tehran")["aliases"].append("Teheran")
    _by_id(b, "events", "1976-split")["claims"].append(_claim(250, source="s2"))  # and a dispute starts
    _follow(tmp_path, a, b)
    kb = KB(path=tmp_path / "s.json")
    hits, _notes = kb.search("Teheran", kinds=["event"])
    assert {h["id"] for h in hits} == {"1965-founding", "late-1970s-protests", "2019-11-protests"}
    assert kb.show("1971-arrests")["disputed"] == ["deaths at the camp"]
