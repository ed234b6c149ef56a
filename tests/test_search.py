"""Search: the query language, hostile punctuation, and alias widening."""

import pytest

from kb.errors import KbError
from kb.query import KB
from kb.query.search import parse

from conftest import MINI


@pytest.mark.parametrize("query,expression", [
    ("massacre", '"massacre"'),
    ("death commissions", '("death" AND "commissions")'),
    ('"death commissions"', '"death commissions"'),
    ("massacre*", '"massacre"*'),
    ("1988 AND massacre NOT Iraq", '("1988" AND ("massacre" NOT "Iraq"))'),
    ("a OR b", '("a" OR "b")'),
    ("(a OR b) c", '(("a" OR "b") AND "c")'),
    ("Hanif-nejad", '("Hanif nejad" OR "Hanifnejad")'),
    ("Eje'i", '("Eje i" OR "Ejei")'),
    ("PMOI/MEK", '"PMOI MEK"'),
    ('"unbalanced', '"unbalanced"'),
    ("((open", '"open"'),
    ("close))", '"close"'),
    ("col:x^2", '"col x 2"'),
    ('say "hi', '("say" AND "hi")'),
])
def test_parse_to_safe_fts(query, expression):
    assert parse(query).expression == expression


def test_dangling_operators_are_dropped_with_a_note():
    p = parse("massacre AND")
    assert p.expression == '"massacre"' and p.notes


@pytest.mark.parametrize("query", ["", "   ", '""', "()", "*", "!!!", "NOT x"])
def test_queries_with_nothing_to_search_are_clear_errors(query):
    with pytest.raises(KbError):
        parse(query)


HOSTILE = ["Hanif-nejad", "PMOI/MEK", "Eje'i", '"death commissions', "'", '"', "(", ")", "*",
           "a*b", "NEAR(a b)", "x:y", "-MEK", "+MEK", "MEK^", "{MEK}", "[MEK]", "MEK;DROP TABLE events",
           "\\", "%", "_", "a AND", "OR b", "a NOT", "AND", "mek\u200bmek", "ÉJE'I", "کمیسیون", "1988's",
           "“death commissions”", "MEK’s", "..", "a-", "-", "--", "'; --", "\x00"]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_punctuation_never_crashes(query, run):
    r = run("search", query)
    assert r.code in (0, 1, 2), r
    assert "Traceback" not in r.err
    if r.code == 2:
        assert r.err.count("\n") == 1, r.err


def test_alias_widening_finds_other_spellings():
    kb = KB(path=MINI)
    hits, _ = kb.search("Hanif-nejad")
    assert "mohammad-hanifnejad" in {h["id"] for h in hits}
    hits, _ = kb.search("PMOI")
    assert {"1965-founding", "1988-executions"} <= {h["id"] for h in hits}
    kb.close()


def test_search_ranks_and_highlights(run):
    r = run("search", "executions", "--db", str(MINI), "-f", "json")
    import json

    hits = json.loads(r.out)
    assert r.code == 0 and hits[0]["id"] == "1988-executions"
    assert set(hits[0]) >= {"kind", "id", "title", "score", "snippet"}
    assert "[" in hits[0]["snippet"] and "]" in hits[0]["snippet"]
    assert all(a["score"] >= b["score"] for a, b in zip(hits, hits[1:]))


def test_boolean_operators(run):
    out = run("search", "protests NOT November", "--db", str(MINI)).out
    assert "2019-11-protests" not in out and "late-1970s-protests" in out
    out = run("search", "fuel OR monarchy", "--db", str(MINI)).out
    assert "2019-11-protests" in out and "late-1970s-protests" in out
    out = run("search", "exec*", "--db", str(MINI)).out
    assert "1988-executions" in out


def test_search_on_shipped_knowledge_base(run):
    r = run("search", "death commissions")
    assert r.code == 0 and "death" in r.out.lower()
    r = run("search", "massacre", "-f", "json")
    assert r.code == 0
