"""The development date set of the field (``tests/data/dates_field/``): its errors are printed.

Twenty documents on Iran's modern history as kb's users bring them, written
and annotated by hand; their form is tested with the other hand-made sets'
(``test_dates_hand_sets.py``).  Unlike the held-out sets, its errors are
printed by the benchmark (``--errors field``) and read.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))

import timeml  # noqa: E402

DOCS = timeml.field()


def test_the_benchmark_prints_its_errors_and_still_refuses_the_held_out_sets(capsys):
    import dates_timebank

    # one document whose gold values are all made wrong: every match it finds is printed
    doc = DOCS[0]
    gold = [dataclasses.replace(t, value="0001") for t in doc.timexes]
    dates_timebank.score([dataclasses.replace(doc, timexes=gold)], "dates_field/")
    printed = capsys.readouterr().out.splitlines()
    assert printed and all(line.split()[1] == doc.name for line in printed)
    assert sum(line.startswith(("WRONG", "MISS")) for line in printed) == len(gold)
    for name in ("blind", "blind2", "dates_blind/", "dates_blind2/", "AQUAINT-held"):
        with pytest.raises(SystemExit, match="held out"):
            dates_timebank.main(["--errors", name, "--runs", "0"])
