"""EDTF unspecified digits read the same way by kb timeline's bounds and by --date (parse_bound)."""

from datetime import date

import pytest

from kb.dates import DateError, parse_bound
from kb.dates.unspecified import unspecified
from kb.query.bounds import parse_range


@pytest.mark.parametrize("text, first, last, precision", [
    ("19XX", date(1900, 1, 1), date(1999, 12, 31), "range"),
    ("1XXX", date(1000, 1, 1), date(1999, 12, 31), "range"),
    ("0XXX", date(1, 1, 1), date(999, 12, 31), "range"),
    ("198X", date(1980, 1, 1), date(1989, 12, 31), "decade"),
    ("1985-XX", date(1985, 1, 1), date(1985, 12, 31), "year"),
    ("1985-XX-XX", date(1985, 1, 1), date(1985, 12, 31), "year"),
    ("1988-02-XX", date(1988, 2, 1), date(1988, 2, 29), "month"),
    ("19XX~", date(1900, 1, 1), date(1999, 12, 31), "range"),
])
def test_unspecified_digits_are_the_period_they_leave_open(text, first, last, precision):
    assert unspecified(text) == (first, last, precision)
    span = parse_bound(text)
    assert (span.start, span.end) == (first, last)
    assert parse_range([text, text]) == (first, last)


@pytest.mark.parametrize("text", ["19X", "XXXX", "19XX-04", "1985-XX-04", "0000-XX", "1985-13-XX"])
def test_digits_unspecified_out_of_order_are_not_read(text):
    assert unspecified(text) is None
    with pytest.raises(DateError):
        parse_bound(text)


def test_a_decade_keeps_kbs_own_edtf_reading():
    span = parse_bound("197X")
    assert (span.start, span.end, span.precision, span.edtf) == (date(1970, 1, 1), date(1979, 12, 31),
                                                                 "decade", "197X")
