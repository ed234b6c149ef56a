"""The held-out date sets (``tests/data/dates_blind/``, ``dates_blind2/``) stay held out.

Their form is tested with the other hand-made sets' (``test_dates_hand_sets.py``);
what kb finds in them is read as totals by the benchmark alone, which never
prints their errors.  Also the scorer's reading of week numbers.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))

def test_the_benchmark_never_prints_its_errors():
    import dates_timebank

    for name in ("blind", "dates_blind/", "blind2", "dates_blind2/", "AQUAINT-held"):
        with pytest.raises(SystemExit, match="held out"):
            dates_timebank.main(["--errors", name, "--runs", "0"])


def test_week_numbers_compare_at_two_digits():
    from dates_timebank import value_ok, week2

    assert week2("2000-W7") == "2000-W07" and week2("2000-W7-WE") == "2000-W07-WE"
    assert week2("1998-W34") == "1998-W34" and week2("P7W") == "P7W"
    assert value_ok("2000-W07", "2000-W7") and value_ok("2000-W7", "2000-W07")
    assert not value_ok("2000-W17", "2000-W7") and not value_ok("2000-W07", "2000-W08")
