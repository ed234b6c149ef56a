"""Hostile input: long lines, odd scripts and bytes, impossible bounds, forged lines.

* Ingest takes time linear in its input, whatever the text: every kind of line
  that once made a pattern or a loop quadratic is ingested at two sizes and
  the larger may take only about four times as long (and stays well under a
  few seconds).  The faster forms of those patterns are checked against the
  plain ones on random text, so they find exactly what they found.
* Arguments and file names that are not UTF-8 (surrogate escapes), timeline
  bounds that name no real day, control characters in echoed names and
  ASCII-only locales: one line on stderr, a documented exit code, never a
  traceback.

Every input is generated here, at test time.
"""

from __future__ import annotations

import io
import random
import re
import time

import pytest

from kb.cli.app import main
from kb.cli.environment import Environment

# --------------------------------------------------------------------------
# class 3: linear time on any line

_WORDS = "the of and people city government report protest said group members years".split()
_PERSIAN = "این یک متن آزمایشی است که در آن هیچ نقطه ای وجود ندارد و فقط".split()
_NAMES = "Tehran Iran Rajavi NCRI Council Mojahedin Camp Ashraf Paris".split()


def _fill(n: int, word) -> str:
    out, size = [], 0
    while size < n:
        w = word()
        out.append(w)
        size += len(w) + 1
    return " ".join(out)


def _hostile(kind: str, n: int) -> tuple[str, str]:
    """A generated document of about ``n`` characters: (file suffix, text)."""
    rnd = random.Random(kind)
    year = lambda: str(rnd.randint(1950, 2020))  # noqa: E731
    texts = {
        # one line, no punctuation at all
        "words": lambda: _fill(n, lambda: rnd.choice(_WORDS)),
        # Persian with the Arabic comma and no full stop
        "persian": lambda: _fill(n, lambda: rnd.choice(_PERSIAN) + ("،" if rnd.random() < 0.2 else "")),
        "commas": lambda: "," * n,
        # a run of capitalised words, many of them known names
        "capitals": lambda: _fill(n, lambda: rnd.choice(_NAMES)),
        "capital_letters": lambda: "A" * n,
        "digits": lambda: "1" * n,
        # initials: a sentence boundary at every word that is never a boundary
        "initials": lambda: "A. " * (n // 3),
        "apostrophes": lambda: "a'" * (n // 2),
        # many dates in one sentence, a clause for each
        "clauses": lambda: _fill(n, lambda: f"in {year()} the group moved;"),
        # an undated page: relative dates read in one long section
        "relative": lambda: "On June 5, 2020 it began. " + _fill(n, lambda: rnd.choice(
            ["in May the group met,", "last November they left,", "in September it rained,"])),
        # dated headings, each with a dated sentence
        "headings": lambda: "".join(f"{year()}: Events of the year\nIn {year()} the people of the city "
                                    "went to the square.\n" for _ in range(n // 90)),
        "html_unclosed": lambda: "<html><body>" + "<a " * (n // 3),
        # unclosed tags, each with a number: text after the last '>', a number every 7 characters
        "html_numbers": lambda: "<html><body>" + "<b x=1 " * (n // 7),
        "markdown_hashes": lambda: "# a" + "#" * n + "b\n",
    }
    suffix = ".html" if kind.startswith("html") else ".md" if kind.startswith("markdown") else ".txt"
    return suffix, texts[kind]() + "\n"


KINDS = ["words", "persian", "commas", "capitals", "capital_letters", "digits", "initials", "apostrophes",
         "clauses", "relative", "headings", "html_unclosed", "html_numbers",
         "markdown_hashes"]
SMALL, LARGE = 15_000, 60_000


def _env() -> Environment:
    return Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})


def _ingest_seconds(tmp_path, kind: str, n: int) -> float:
    suffix, text = _hostile(kind, n)
    doc = tmp_path / f"{kind}-{n}{suffix}"
    doc.write_text(text, encoding="utf-8")
    env = _env()
    start = time.process_time()
    code = main(["ingest", "--db", str(tmp_path / "kb.json"), "--dry-run", str(doc)], env)
    took = time.process_time() - start
    assert code == 0, env.stderr.getvalue()
    assert "Traceback" not in env.stderr.getvalue()
    return took


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """One small ingest first, so that compiling the date grammar is not timed."""
    path = tmp_path_factory.mktemp("warm")
    _ingest_seconds(path, "words", 200)


@pytest.mark.parametrize("kind", KINDS)
def test_ingest_takes_linear_time_on_hostile_lines(kind, tmp_path, warm):
    small = _ingest_seconds(tmp_path, kind, SMALL)
    large = _ingest_seconds(tmp_path, kind, LARGE)
    # four times the text: about four times the time (quadratic work would be sixteen)
    assert large < 7 * small + 0.4, (kind, small, large)
    assert large < 3.0, (kind, large)


def test_tag_list_is_the_pattern_it_replaces():
    from kb.ingest.segment import tag_list

    pattern = re.compile(r"(?:[^,\s][^,]*,(?=\S)){3}")
    rnd = random.Random(1)
    alphabet = ["a", "b", " ", ",", ",", "\n", "\u00a0", "\u2003", "\t"]
    for _ in range(8_000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        a, b = sorted((rnd.randint(0, len(s)), rnd.randint(0, len(s))))
        assert tag_list(s, a, b) == bool(pattern.search(s, a, b)), (s, a, b)


def test_acronym_pattern_finds_what_the_plain_one_found():
    from kb.ingest.entities import _ACRONYM

    plain = re.compile(r"((?:[A-Z][\w’'\-]*\s+(?:(?:of|the|for|and|de|in|on|e)\s+)*){1,9})\(\s*([A-Z][A-Z0-9&]{1,9})"
                       r"(?:\s*/\s*[A-Z][\w &]{0,15})?\s*\)")
    rnd = random.Random(2)
    pieces = ["A", "B", "Ab", "aB", "x", "of", "the", "e", " ", " ", "(", ")", "AB", "/", "’", "-", "é", "É",
              "_", "1", "&", "\n", "al-", "Mc"]
    for _ in range(8_000):
        s = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 25)))
        assert [m.groups() + (m.span(1),) for m in _ACRONYM.finditer(s)] == \
            [m.groups() + (m.span(1),) for m in plain.finditer(s)], s


def test_markdown_heading_is_the_pattern_it_replaces():
    from kb.ingest.reader import _markdown_heading

    pattern = re.compile(r"^#{1,2}\s+(.+?)\s*#*\s*$", re.MULTILINE)
    rnd = random.Random(3)
    alphabet = ["#", "#", " ", "\n", "a", "\t", "b", "\u00a0", "-"]
    for _ in range(8_000):
        s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 14)))
        m = pattern.search(s)
        assert _markdown_heading(s, 0) == (m.group(1) if m else ""), s


def test_name_keys_of_a_phrase_are_those_of_the_phrase_itself():
    from kb import names
    from kb.ingest.entities import _WORD, PhraseKeys, skeleton_of_fold

    rnd = random.Random(4)
    pieces = ["Massoud", "rajavi", "MEK’s", "U.S.", " ", "  ", "-", "’", "Pérez", "e\u0301", "Σ", "İran", ", ",
              "al-Maliki", "x", "’’", "1988", "_", "ﬁ"]
    for _ in range(1_500):
        seg = "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 12)))
        toks = [(m.start(), m.end()) for m in _WORD.finditer(seg)]
        if not toks:
            continue
        i = rnd.randrange(len(toks))
        ends = sorted(rnd.randint(toks[i][0] + 1, toks[-1][1]) for _ in range(3))
        for end, (f, cap) in zip(ends, PhraseKeys(seg, toks).folds(i, ends)):
            phrase = seg[toks[i][0]:end]
            assert f == names.fold(phrase) and cap == any(c.isupper() for c in phrase), (seg, phrase)
            assert skeleton_of_fold(f) == names.skeleton(phrase)


def test_a_skeleton_keeps_what_it_began_with_as_letters_are_added():
    """The property that lets alias lookups stop early (kb.ingest.entities.longest_alias)."""
    from kb.names import skeleton

    rnd = random.Random(5)
    letters = "aeiouyghkpwtqsf1"
    for _ in range(5_000):
        x = "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 10)))
        y = "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 6)))
        assert skeleton(x + y).startswith(skeleton(x)[:-1]), (x, y)


def test_the_date_prefilter_never_skips_a_date():
    from kb.dates.grammar import _scanner, scan_dates
    from kb.dates.prefilter import scan, starts

    assert starts(_scanner()) is not None       # the grammar's syntax was read
    text = " ".join(_hostile(k, 4_000)[1] for k in ("clauses", "relative", "headings", "words"))
    text += " between 1979 and 1981, c. 1975, the 1970s, 6.9.1965, last November, 2019-07, 3 days later" * 20

    def seen(m):
        return m.span(), m.lastgroup, {k: v for k, v in m.groupdict().items() if v is not None}

    # tried where a date can begin, with the forms that can begin there: the same matches
    assert [seen(m) for m in scan_dates(text)] == [seen(m) for m in _scanner().finditer(text)]
    rnd = random.Random(6)
    atoms = ["a", "b", "A", "[ab]", "[^a]", r"\d", r"\s", r"\w", ".", "(?i:a)", "(?-i:B)", "x?", "(?:ab|c)",
             "a*", "b+", r"\b", "(?=a)", "(?<!b)", "(?:a|)", "[0-3]?", "(?:ab){2,3}", "(?:a?){0,5}", "(?>ab)",
             "a*+", "(?:c|d)*?"]
    for _ in range(800):
        src = "".join(rnd.choice(atoms) for _ in range(rnd.randint(1, 5)))
        pattern = re.compile(src, rnd.choice([0, re.IGNORECASE]))
        pre = starts(pattern, rnd.choice([1, 2, 3]))
        for _ in range(4):
            s = "".join(rnd.choice("aAbBcd0 1xİı") for _ in range(rnd.randint(0, 12)))
            found = list(pattern.finditer(s))
            if any(m.end() == m.start() for m in found):
                where = {m.start() for m in pre.finditer(s)} if pre else set(range(len(s) + 1))
                assert all(m.start() in where for m in found if m.end() > m.start()), (src, s)
            else:
                assert [m.span() for m in scan(pattern, pre, s)] == [m.span() for m in found], (src, s)


# --------------------------------------------------------------------------
# class 4: arguments and file names that are not UTF-8

LATIN1 = "caf\udce9"        # b"caf\xe9" as Python hands it over (surrogateescape)


def _run(*argv: str) -> tuple[int, str, str]:
    env = _env()
    code = main(list(argv), env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def _one_clean_line(err: str) -> None:
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    err.encode("utf-8")         # no surrogate reaches the terminal


def test_a_latin1_file_name_is_ingested_and_kept_as_valid_text(tmp_path):
    from kb.store import load

    doc = tmp_path / f"{LATIN1}.txt"
    doc.write_text("On June 5, 2020 the harbour council of Tabriz met.\n", encoding="utf-8")
    db = tmp_path / "kb.json"
    code, out, err = _run("ingest", "--db", str(db), "--title", "notes \udcff", "--format", "json", str(doc))
    assert code == 0, err
    assert "caf\\xe9.txt" in err and "Traceback" not in err
    err.encode("utf-8")
    out.encode("utf-8")         # the JSON summary holds valid text too
    [src] = load(db)["sources"]
    assert src["file"] == "caf\\xe9.txt" and src["title"] == "notes \\xff"
    code, out, err = _run("sources", "--db", str(db))
    assert code == 0 and "caf\\xe9.txt" in out


@pytest.mark.parametrize("argv", [["who", "\udcff"], ["show", "\udcff"], ["timeline", "-e", "\udcff"],
                                  ["search", "\udcff"], ["show", LATIN1], ["timeline", "\udcff"],
                                  ["entities", "--type", "\udcff"]])
def test_an_argument_that_is_not_utf8_is_one_line_and_a_documented_code(argv):
    from conftest import MINI

    code, out, err = _run(*argv, "--db", str(MINI))
    assert code in (1, 2), (argv, code, err)
    _one_clean_line(err)


def test_a_real_process_given_bytes_that_are_not_utf8(sub):
    from conftest import MINI

    r = sub("show", "\udcff", "--db", str(MINI))
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "\\xff" in r.stderr, r.stderr


# --------------------------------------------------------------------------
# class 5: timeline bounds that name no real day

@pytest.mark.parametrize("bound", ["0000-06", "0", "0000", "1988-07-00", "1988-00", "1988-13", "1988-00-05",
                                   "1988-02-30", "0000-01-01", "1988..0000-06", "0000-06/1988"])
def test_a_bound_that_is_no_real_day_is_bad_input(bound):
    from conftest import MINI

    code, out, err = _run("timeline", bound, "--db", str(MINI))
    assert code == 2 and out == "", (bound, code, out)
    _one_clean_line(err)
    assert err.startswith("kb: error: timeline:")


def test_the_fast_iso_bounds_agree_with_the_date_grammar():
    from kb.dates import DateError, parse_bound
    from kb.query.bounds import _iso_bound

    shapes = []
    for y in ("0000", "0001", "1599", "1600", "1899", "1988", "2000", "2024", "2099", "2100"):
        shapes.append(y)
        for mo in range(0, 14):
            shapes.append(f"{y}-{mo:02d}")
            shapes += [f"{y}-{mo:02d}-{d:02d}" for d in (0, 1, 15, 28, 29, 30, 31, 32)]
    for text in shapes:
        fast = _iso_bound(text)
        try:
            full = parse_bound(text)
        except DateError:
            assert fast is None, text       # the fast path accepts nothing the grammar refuses
            continue
        if fast is not None:
            assert (fast.start, fast.end) == (full.start, full.end), text


def test_dates_with_no_real_day_in_a_document_are_skipped(tmp_path):
    doc = tmp_path / "odd.txt"
    doc.write_text("On 0000-06 and 0000/1988 the group met. In 1988-13-45 and 0000-01-01 it met again. "
                   "On June 0, 1988 it rested; on July 2, 1988 it marched.\n", encoding="utf-8")
    code, out, err = _run("ingest", "--db", str(tmp_path / "kb.json"), "--dry-run", "--format", "json", str(doc))
    assert code == 0, err
    import json

    assert [e["date"]["start"] for e in json.loads(out)["events"]] == ["1988-07-02"]


# --------------------------------------------------------------------------
# class 9: echoed names stay on one line; ASCII-only locales

def test_printable_escapes_what_would_break_a_line():
    from kb.cli.environment import printable

    assert printable("a\nkb: b\r\tc\x1b[2J\x00\x85") == "a\\nkb: b\\r\\tc\\x1b[2J\\x00\\x85"
    assert printable("x\u2028y\u202ez") == "x\\u2028y\\u202ez"
    assert printable(LATIN1) == "caf\\xe9"
    assert printable("Café ’Tehran’ شهر\u200c") == "Café ’Tehran’ شهر\u200c"   # text is left alone


def test_a_newline_in_a_file_name_forges_no_line(tmp_path):
    forged = "x\nkb: added 99 documents, 99 events"
    real = tmp_path / f"notes\nkb: error: forged.txt"
    real.write_text("On June 5, 2020 the harbour council of Tabriz met.\n", encoding="utf-8")
    code, out, err = _run("ingest", "--db", str(tmp_path / "kb.json"), str(tmp_path / forged), str(real))
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 3, err     # the failure, the added file, the total
    assert sum(line.startswith("kb: error:") for line in lines) == 1
    assert sum(line.startswith("kb: added") for line in lines) == 1
    assert "\\nkb: added 99" in lines[0] and "\\nkb: error: forged" in lines[1]


def test_a_newline_in_an_option_forges_no_line():
    code, out, err = _run("timeline", "--fo\nkb: error: forged")
    assert code == 2
    _one_clean_line(err)


def test_an_ascii_only_locale_gets_escapes_not_a_crash(tmp_path, sub):
    doc = tmp_path / "cafe.txt"
    doc.write_text("Café ’Tehran’ — شهر\n\nOn June 5, 2020 the harbour council of Tabriz met.\n", encoding="utf-8")
    db = tmp_path / "kb.json"
    assert _run("ingest", "--db", str(db), str(doc))[0] == 0
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    outputs = {}
    for argv in (["sources"], ["show", "cafe", "--format", "json"], ["who", "Tabrizz"], ["show", "Café"]):
        r = sub(*argv, "--db", str(db), env=env)
        assert r.returncode in (0, 1, 2), (argv, r.stderr)
        assert "Traceback" not in r.stderr and "UnicodeEncodeError" not in r.stderr, (argv, r.stderr)
        assert len(r.stderr.splitlines()) <= 1, (argv, r.stderr)
        outputs[argv[0], argv[1] if len(argv) > 1 else ""] = r
    assert "Caf\\xe9 \\u2019Tehran\\u2019" in outputs["sources", ""].stdout
    r = sub("timeline", env=env)        # the shipped knowledge base: curly quotes, dashes, ellipses
    assert r.returncode == 0 and r.stdout and "Traceback" not in r.stderr, r.stderr
    # UTF-8 typed in an ASCII locale is read as UTF-8 (kb runs again in UTF-8 mode)
    assert outputs["show", "Café"].returncode in (0, 1)
    assert "not text in this locale" not in outputs["show", "Café"].stderr
    r = sub("who", "Tabriz", "--db", str(db), env=env)
    assert r.returncode == 0, r.stderr


def test_utf8_arguments_in_an_ascii_locale_are_read_as_utf8(tmp_path, sub):
    """LC_ALL=C PYTHONUTF8=0: a UTF-8 file name and a UTF-8 name are what the user meant."""
    from kb.cli.app import utf8_argv

    escaped = "یادداشت.md".encode("utf-8").decode("ascii", "surrogateescape")
    assert utf8_argv(["ingest", escaped], False, "ascii")
    assert not utf8_argv(["ingest", escaped], True, "ascii")           # already in UTF-8 mode
    assert not utf8_argv(["ingest", "note.md"], False, "ascii")        # nothing to re-read
    assert not utf8_argv(["who", b"\xe9t\xe9".decode("ascii", "surrogateescape")], False, "ascii")  # Latin-1
    doc = tmp_path / "یادداشت.md"
    doc.write_text("# Note\n\nOn 20 June 1981 the harbour council of Tabriz met.\n", encoding="utf-8")
    env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    r = sub("tag", str(doc), "--kind", "date", env=env)
    assert r.returncode == 0 and "20 June 1981" in r.stdout, r.stderr
    r = sub("who", b"\xe9t\xe9".decode("ascii", "surrogateescape"), env=env)
    assert r.returncode == 2 and "not valid UTF-8" in r.stderr


def test_ingest_of_an_endless_device_stops_at_the_limit(tmp_path):
    """/dev/zero has no size and no end: read one byte past the limit, then refuse in one line."""
    import os

    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero here")
    import io

    from kb.cli.app import main
    from kb.cli.environment import Environment

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["ingest", "/dev/zero", "--db", str(tmp_path / "s.json")], env) == 2
    assert "too big" in env.stderr.getvalue()
    assert not (tmp_path / "s.json").exists()
