"""One name for one thing: an option spelled the same way means the same thing in
every command (kb export included), and a short flag always stands for the same
long option."""

from collections import defaultdict

from test_docs import COMMANDS

# ``-n`` is --limit on listings and --dry-run on ingest, which lists nothing
# (as make -n and rsync -n): the one short flag with two meanings.
TWO_MEANINGS = {"-n": {"--limit", "--dry-run"}}


def _options():
    for name, cmd in COMMANDS.items():
        for p in cmd.params:
            longs = [o for o in p.opts if o.startswith("--")]
            shorts = [o for o in p.opts + p.secondary_opts if not o.startswith("--")]
            if longs:
                yield name, longs[0], tuple(shorts), p


def test_a_long_option_has_the_same_short_flag_everywhere():
    seen = defaultdict(set)
    for name, long, shorts, _p in _options():
        seen[long].add(shorts)
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


def test_a_short_flag_stands_for_one_long_option():
    seen = defaultdict(set)
    for name, long, shorts, _p in _options():
        for s in shorts:
            seen[s].add(long)
    assert {s: longs for s, longs in seen.items() if len(longs) > 1 and TWO_MEANINGS.get(s) != longs} == {}


def test_export_shares_the_names_of_the_others():
    export = {long for name, long, _s, _p in _options() if name == "export"}
    listing = {long for name, long, _s, _p in _options() if name == "timeline"}
    assert {"--format", "--db"} <= export & listing
