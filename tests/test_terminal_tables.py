"""Tables that fit: at 60, 80 and 120 columns every line fits, every id is shown
whole on one line (so it can be copied into ``kb show``), and columns give way
in their order as the terminal narrows."""

import json

import pytest

LISTINGS = {
    "timeline": (["timeline", "1986", "1988"], "id"),
    "search": (["search", "massacre"], "id"),
    "entities": (["entities", "-n", "30"], "id"),
    "sources": (["sources"], "id"),
    "conflicts": (["conflicts", "-n", "12"], "event"),
}


@pytest.fixture(scope="module")
def _cache(tmp_path_factory):
    return tmp_path_factory.mktemp("tables-cache")


@pytest.fixture(autouse=True)
def shared_index(isolated, _cache, monkeypatch):
    """One index of the shipped knowledge base for the whole file (it only reads)."""
    monkeypatch.setenv("KB_CACHE_DIR", str(_cache))


def _table(run, monkeypatch, width, args):
    monkeypatch.setenv("COLUMNS", str(width))
    r = run(*args, "-f", "table", "--no-color")
    assert r.code == 0, r
    return r.out.splitlines()


@pytest.mark.parametrize("width", [60, 80, 120])
@pytest.mark.parametrize("name", sorted(LISTINGS))
def test_lines_fit_and_ids_never_wrap(run, monkeypatch, width, name):
    args, key = LISTINGS[name]
    ids = {row[key] for row in json.loads(run(*args, "-f", "json").out)}
    lines = _table(run, monkeypatch, width, args)
    assert max(len(line.rstrip()) for line in lines) <= width, "\n".join(lines)
    words = {w for line in lines for w in line.split()}
    missing = ids - words
    assert not missing, f"ids cut or wrapped at {width}: {sorted(missing)[:3]}\n" + "\n".join(lines)


def test_columns_give_way_in_order(run, monkeypatch):
    args = ["timeline", "1986", "1988"]
    wide = " ".join(_table(run, monkeypatch, 120, args)[:3])
    mid = " ".join(_table(run, monkeypatch, 80, args)[:3])
    assert all(h in wide for h in ("Date", "Event", "Who / where", "Src", "ID"))
    assert "Who / where" not in mid and all(h in mid for h in ("Date", "Event", "Src", "ID"))


def test_at_60_columns_each_event_keeps_a_readable_title(run, monkeypatch):
    lines = _table(run, monkeypatch, 60, ["timeline", "1986", "1988"])
    assert "7 Jun 1986  1986-mek-relocates-to-iraq" in lines
    assert any(line.strip() == "Massoud Rajavi leaves France and the MEK moves to Iraq" for line in lines)


def test_one_long_range_does_not_widen_the_date_column(run, monkeypatch):
    lines = _table(run, monkeypatch, 80, ["timeline", "1986", "1988"])
    assert any(line.startswith(" 7 Jun 1986–  ") for line in lines)    # the range on two lines
    assert any(line.startswith(" 31 Dec 2016  ") for line in lines)
    header = lines[1]
    assert header.index("Event") - header.index("Date") <= 15


@pytest.mark.parametrize("width", [60, 80, 120])
def test_who_and_show_fit_and_keep_ids_whole(run, monkeypatch, width):
    who = json.loads(run("who", "Massoud Rajavi", "-f", "json").out)
    lines = _table(run, monkeypatch, width, ["who", "Massoud Rajavi"])
    assert max(len(line.rstrip()) for line in lines) <= width
    words = {w for line in lines for w in line.split()}
    assert {e["id"] for e in who["events"]} | {who["id"]} <= words
    show = json.loads(run("show", "1965-mek-founded", "-f", "json").out)
    lines = _table(run, monkeypatch, width, ["show", "1965-mek-founded"])
    assert max(len(line.rstrip()) for line in lines) <= width
    words = {w.strip("│") for line in lines for w in line.split()}
    others = {c["event"] for cs in show["disagreements"].values() for c in cs if c.get("event")}
    assert {"1965-mek-founded"} | others <= words
