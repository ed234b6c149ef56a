"""Start-up: what a process compiles and imports before it needs it (issue 13, one document's write).

The module-level patterns of the date and figure modules are compiled at
their first use (:mod:`kb.dates.lazy`), a whole-string form of the date
grammar when ``parse_date`` first tries it, and ``kb.dates`` imports each of
its modules when one of its names is first asked for.
"""

import json
import re
import subprocess
import sys
from datetime import date

from kb.dates.lazy import lazy

from conftest import ROOT


def test_a_lazy_pattern_answers_as_the_compiled_one_and_compiles_at_first_use():
    source, flags = r"(?P<n>\d+)\s+(?P<u>days?|years?)", re.IGNORECASE
    x, real = lazy(source, flags), re.compile(source, flags)
    assert x.pattern == source and "_compiled" not in vars(x)      # the pattern is known, not compiled
    text = "3 days, 12 YEARS and 1 year"
    assert [m.span() for m in x.finditer(text)] == [m.span() for m in real.finditer(text)]
    assert "_compiled" in vars(x) and x.compiled() is real         # compiled once (re's own cache)
    assert x.match(text).groupdict() == real.match(text).groupdict()
    assert x.search(text, 3).span() == real.search(text, 3).span()
    assert x.fullmatch("4 Days") is not None and x.findall(text) == real.findall(text)
    assert x.sub("N", text) == real.sub("N", text) and x.split(text) == real.split(text)
    assert x.flags == real.flags and dict(x.groupindex) == dict(real.groupindex) and x.groups == 2
    assert "lazy(" in repr(x)


_PROBE = r"""
import json, sys
from kb.dates import DateSpan                     # the date model alone
light = sorted(m for m in sys.modules if m.startswith("kb.dates."))
import kb.ingest.figures, kb.dates.find, kb.dates.tag, kb.dates.forms_relative
from kb.dates.lazy import Lazy
compiled = sorted(f"{name}.{attr}" for name, mod in list(sys.modules.items()) if name.startswith("kb.")
                  for attr, v in vars(mod).items() if isinstance(v, Lazy) and "_compiled" in vars(v))
lazies = sum(isinstance(v, Lazy) for name, mod in list(sys.modules.items()) if name.startswith("kb.")
             for v in vars(mod).values())
from kb.dates import parse_date
from kb.dates.grammar import _FORMS, whole
year = parse_date("1979")
print(json.dumps({"light": light, "compiled": compiled, "lazies": lazies, "edtf": year.edtf,
                  "wholes": whole.cache_info().currsize, "year_at": [n for n, _ in _FORMS].index("year")}))
"""


def test_imports_compile_nothing_before_it_is_used():
    got = json.loads(subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True,
                                    check=True).stdout)
    # DateSpan loads the date model, not the grammar, the finder or the tagger
    assert "kb.dates.grammar" not in got["light"] and "kb.dates.find" not in got["light"]
    assert got["light"] == ["kb.dates.lazy", "kb.dates.span"]
    # importing the date finder, its tagger and the figures compiles none of their patterns (many)
    assert got["lazies"] > 80 and got["compiled"] == []
    # a year is read after trying the forms before "year" and "year" itself, no more
    assert got["edtf"] == "1979" and got["wholes"] == got["year_at"] + 1


def test_parse_date_reads_every_form_as_before():
    """Each form tried lazily reads what the whole-string pattern reads (its groups by name)."""
    from kb.dates import parse_date
    from kb.dates.grammar import _FORMS, _GROUP_NAMES, whole

    for name, pattern in _FORMS:
        assert whole(name).pattern == rf"^\s*(?:{pattern})\s*[.,]?\s*$"
        assert _GROUP_NAMES[name] == tuple(whole(name).groupindex), name
    anchor = date(2020, 6, 5)
    for words, edtf in [("1979", "1979"), ("June 5, 2020", "2020-06-05"), ("the fall of 1976", "1976-23"),
                        ("late 1970s", "1977/1979"), ("July 2 to 5, 1988", "1988-07-02/1988-07-05"),
                        ("in September", "2019-09"), ("last month", "2020-05"), ("06.09.1965", "1965-09-06")]:
        assert parse_date(words, anchor).edtf == edtf, words


def test_short_texts_are_scanned_without_the_prefilter_and_give_the_same_dates():
    """The scanner's prefilter (~25 ms to derive) is built once a process has scanned
    :data:`Alternation.DIRECT_UPTO` characters: a document of a few KB is scanned by the
    whole pattern, with the matches the filtered scan gives."""
    from kb.dates.grammar import _FORMS, _HEAD, _TAIL
    from kb.dates.prefilter import Alternation

    alt = Alternation(_HEAD, _FORMS, _TAIL, re.IGNORECASE, word_start=True)
    text = ("In 14 August 2001 the council met; the late 1970s, July 2 to 5, 1988 and the following "
            "years.  Three days later, on 19 July 1988, 2,000 people marched in Tehran. ") * 20
    seen = lambda ms: [(m.start(), m.end(), m.lastgroup) for m in ms]
    short = seen(alt.finditer(text))
    assert "where" not in vars(alt) and alt._direct == len(text)      # no prefilter derived yet
    more = text * (alt.DIRECT_UPTO // len(text) + 1)                  # past the budget: derived now
    assert seen(alt.finditer(more)) == seen(alt.whole.finditer(more)) and "where" in vars(alt)
    assert seen(alt.finditer(text)) == short == seen(alt.whole.finditer(text)) and len(short) > 100
