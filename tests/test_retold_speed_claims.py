"""claims.against() finds each claim's facts once a claim and each pair once (kb.model.claims._Group):
the same answer as the pairwise definition it replaced, on random groups of dates and figures."""

import random
from datetime import date

from kb.model import claims
from kb.model.claims import against, bounds, claim_key, is_date, voice

_SPANS = ("range", "season")


def _old_moments(a, b, among):
    if a.get("subject") or b.get("subject"):
        return False
    for c in among:
        if c is a or c is b or not is_date(c):
            continue
        d = c["date"]
        days = (date.fromisoformat(d["end"]) - date.fromisoformat(d["start"])).days + 1
        if days <= 31 or d.get("precision") not in _SPANS:
            continue
        if all(d["start"] <= x["date"]["start"] and x["date"]["end"] <= d["end"] for x in (a, b)):
            return True
    return False


def _old_contradicts(a, b, among=()):
    if is_date(a) or is_date(b):
        if not (is_date(a) and is_date(b)):
            return False
        da, db = a["date"], b["date"]
        return (da["end"] < db["start"] or db["end"] < da["start"]) and not _old_moments(a, b, among)
    ba, bb = bounds(a), bounds(b)
    if ba is not None and bb is not None:
        return ba[0] == bb[0] and (ba[2] < bb[1] or bb[2] < ba[1])
    if ba is None and bb is None:
        return claim_key(a) != claim_key(b)
    return False


def _old_against(claim, group):
    src = voice(claim)
    mine = [c for c in group if voice(c) == src]
    out = []
    for v in group:
        if v is claim or not _old_contradicts(claim, v, group):
            continue
        if voice(v) == src:
            if claim.get("subject") and v.get("subject"):
                out.append(v)
            continue
        theirs = [c for c in group if voice(c) == voice(v)]
        if all(_old_contradicts(claim, t, group) for t in theirs) and all(
                _old_contradicts(v, m, group) for m in mine):
            out.append(v)
    return out


def _claim(rnd):
    c = {"source": rnd.choice("abc"), "measure": "killed"}
    if rnd.random() < 0.3:
        c["attribution"] = rnd.choice(["Amnesty", "the government"])
    if rnd.random() < 0.2:
        c["subject"] = "MEK members killed"
    kind = rnd.random()
    if kind < 0.5:
        y, m = 2017 + rnd.randrange(2), 1 + rnd.randrange(12)
        start = date(y, m, 1 + rnd.randrange(28))
        long = rnd.random() < 0.4
        end = date.fromordinal(start.toordinal() + (rnd.randrange(20, 200) if long else rnd.randrange(3)))
        c.update(measure="date", value="x", date={"start": start.isoformat(), "end": end.isoformat(),
                                                   "precision": rnd.choice(["day", "range", "season", "month"])})
    elif kind < 0.85:
        c.update(value=f"{rnd.choice(['', 'about ', 'more than ', 'up to '])}{rnd.choice([100, 105, 120, 300])}",
                 amount=rnd.choice([100, 105, 120, 300]))
    else:
        c.update(value=rnd.choice(["many", "hundreds", "scores", "the only one"]), amount=None)
    return c


def test_against_as_the_pairwise_definition_on_random_groups():
    rnd = random.Random(13)
    hits = 0
    for _ in range(200):
        group = [_claim(rnd) for _ in range(rnd.randrange(1, 12))]
        for claim in group:
            got = against(claim, group)
            assert [id(x) for x in got] == [id(x) for x in _old_against(claim, group)]
            hits += bool(got)
        outsider = _claim(rnd)  # a claim not (yet) in its group
        assert [id(x) for x in against(outsider, group)] == [id(x) for x in _old_against(outsider, group)]
    assert hits > 50  # the groups do disagree often enough to test something


def test_two_days_of_one_long_event_do_not_contradict_each_other():
    long = {"source": "a", "measure": "date", "date": {"start": "2017-12-28", "end": "2018-01-31",
                                                       "precision": "range"}}
    d1 = {"source": "b", "measure": "date", "date": {"start": "2017-12-28", "end": "2017-12-28"}}
    d2 = {"source": "c", "measure": "date", "date": {"start": "2018-01-05", "end": "2018-01-10"}}
    assert against(d1, [long, d1, d2]) == []
    assert against(d1, [d1, d2]) == [d2]


def test_a_stretch_whose_days_cannot_be_counted_fails_where_it_did():
    bad = {"source": "a", "measure": "date", "date": {"start": "2017-12-28", "end": "not a day"}}
    d1 = {"source": "b", "measure": "date", "date": {"start": "2017-12-28", "end": "2017-12-28"}}
    d2 = {"source": "c", "measure": "date", "date": {"start": "2018-01-05", "end": "2018-01-10"}}
    for fn in (against, _old_against):
        try:
            fn(d1, [d1, d2, bad])
        except ValueError:
            continue
        raise AssertionError("no error")
    assert claims.contradicts(d1, d2, [d1, d2]) is True
