"""The date scanner leaves out, for the rest of a text, a rule that keeps failing
there and whose needs (kb.dates.needs: strings every match must hold) the text
lacks; the hits are the same as trying every rule (issue 16, class 3)."""

import random
import re

from kb.dates import scan
from kb.dates.needs import needs
from kb.dates.registry import rules


def test_needs_read_from_the_syntax():
    got = set(needs(r"ab(?:c|de)f", re.IGNORECASE))
    assert frozenset({"c", "de"}) in got and frozenset({"f"}) in got
    got = needs(r"(?:\d+)\s+(?:noon|[ap]m|\d:\d\d)", re.IGNORECASE)
    assert got == (frozenset({"noon", "am", "pm", ":"}),)
    assert needs(r"\w+\s\d", 0) == ()            # nothing literal: nothing required
    assert needs(r"(?:x)?\d", 0) == ()           # optional: not required


def test_every_hit_holds_its_rule_needs():
    text = "On 3 March 1998, at 10:40 pm, the talks of the third quarter resumed; two weeks ago."
    s = scan.scanner()
    for hit in s.finditer(text):
        low = text[hit.start:hit.end].lower()
        for each in needs(f"(?:{hit.rule.pattern})", re.IGNORECASE):
            assert any(x in low for x in each), (hit.rule.name, each)


def _all_rules(s, text):
    """The hits with every rule tried everywhere (no rule left out)."""
    old = scan.MISSES
    scan.MISSES = 10 ** 9
    try:
        return [(h.rule.name, h.start, h.end) for h in s.finditer(text)]
    finally:
        scan.MISSES = old


def test_rules_left_out_change_no_hit(monkeypatch):
    rng = random.Random(12)
    days = [f"On {rng.choice(['June', 'March', 'Sept.'])} {rng.randint(1, 28)}, {rng.randint(1950, 2020)} "
            f"the {rng.choice(['board', 'third quarter', 'week'])} met." for _ in range(60)]
    tail = "On 28 Dec, 10:40 pm the last one; Wed 8 Jan, 7:31 am another."
    s = scan.scanner()
    for text in ("\n".join(days), "\n".join(days) + "\n" + tail):
        want = _all_rules(s, text)
        monkeypatch.setattr(scan, "MISSES", 4)
        assert [(h.rule.name, h.start, h.end) for h in s.finditer(text)] == want
        monkeypatch.setattr(scan, "MISSES", 1024)
    assert ("stamp", ) == tuple({n for n, _a, _b in _all_rules(s, tail) if n == "stamp"})


def test_stamp_left_out_where_no_clock_is_written(monkeypatch):
    monkeypatch.setattr(scan, "MISSES", 4)
    s = scan.Scanner(rules())
    stamp = next(i for i, r in enumerate(s.rules) if r.name == "stamp")
    tries = []
    real = s._pattern(stamp)

    class Counting:
        def match(self, text, at):
            tries.append(at)
            return real.match(text, at)
    s._compiled[stamp] = Counting()
    text = "\n".join(f"On {d} June 1970 they met." for d in range(1, 29))
    hits = [h.rule.name for h in s.finditer(text)]
    assert len(hits) == 28 and 4 <= len(tries) < 28
    tries.clear()
    hits = [h.rule.name for h in s.finditer(text + "\nOn 28 Dec, 10:40 pm they left.")]
    assert hits[-1] == "stamp" and len(tries) == 29      # a clock written: tried everywhere
