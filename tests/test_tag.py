"""kb tag: the command's contract, whatever taggers are registered.

The date rules themselves are tested in tests/test_dates*.py; here: reading
files and standard input, offsets into the file as decoded (line ends kept),
the row fields, kinds, errors and exit codes."""

import io
import json

from kb.cli.app import main
from kb.cli.environment import Environment
from kb.tag import COMMON, Context, fields, kinds, tag
from kb.tag.source import Source


class Bytes(io.BytesIO):
    def isatty(self):
        return False


class Terminal(io.BytesIO):
    def isatty(self):
        return True


def _run(argv, stdin=b""):
    env = Environment(stdin=io.TextIOWrapper(Bytes(stdin)), stdout=io.StringIO(), stderr=io.StringIO(),
                      environ={})
    code = main(["tag", *argv], env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def test_a_file_gives_one_row_per_date_with_its_offsets_and_bounds(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("The group was founded on 6 September 1965 in Tehran.\n", encoding="utf-8")
    code, out, err = _run([str(f), "-k", "date", "-f", "json"])
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) == 1
    row = rows[0]
    assert row["file"] == str(f) and row["kind"] == "date"
    s, e = row["offset"]
    assert f.read_text()[s:e] == row["text"] == "6 September 1965"
    assert (row["start"], row["end"], row["precision"]) == ("1965-09-06", "1965-09-06", "day")
    assert list(row)[:4] == ["file", *COMMON]


def test_offsets_point_into_the_file_as_decoded_even_with_windows_line_ends(tmp_path):
    f = tmp_path / "crlf.txt"
    f.write_bytes(b"Report\r\n\r\nIn March 1979 it began.\r\nOn 20 June 1981 it ended.\r\n")
    code, out, _ = _run([str(f), "-f", "json"])
    assert code == 0
    raw = f.read_bytes().decode("utf-8")
    rows = json.loads(out)
    assert [r["text"] for r in rows] == ["March 1979", "20 June 1981"]
    for r in rows:
        s, e = r["offset"]
        assert raw[s:e] == r["text"]


def test_the_remap_keeps_every_character_in_place():
    raw = "a\r\nb\rc\r\n\r\nd"
    src = Source("x", raw.replace("\r\n", "\n").replace("\r", "\n"), None, raw)
    pos = src.positions()
    assert len(pos) == len(src.text) + 1 and pos[-1] == len(raw)
    for i, ch in enumerate(src.text):
        assert raw[pos[i]] == ch or (ch == "\n" and raw[pos[i]] == "\r")


def test_standard_input_and_the_publication_date_anchor_relative_dates():
    code, out, _ = _run(["-", "--date", "2020-06-05", "-f", "json"], b"It happened last year.")
    assert code == 0
    (row,) = json.loads(out)
    assert row["file"] == "-" and row["text"] == "last year"
    assert (row["start"], row["end"], row["anchor"]) == ("2019-01-01", "2019-12-31", "2020-06-05")


def test_no_arguments_read_a_pipe_but_not_a_terminal():
    assert _run([], b"On 20 June 1981.")[0] == 0
    env = Environment(stdin=io.TextIOWrapper(Terminal(b"")), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["tag"], env) == 2
    assert env.stderr.getvalue().count("\n") == 1 and "no input" in env.stderr.getvalue()


def test_tsv_has_one_column_per_field_and_offsets_as_start_colon_end(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("# Note\n\nIn 1988 it was over.\n", encoding="utf-8")
    code, out, _ = _run([str(f), "--header", "--date", "2000-01-01"])
    assert code == 0
    header, line = out.splitlines()
    assert header.split("\t") == ["file", *fields(kinds()), "page"]
    cells = dict(zip(header.split("\t"), line.split("\t")))
    assert cells["offset"] == "11:15" and cells["text"] == "1988"


def test_nothing_found_is_exit_1_and_bad_input_is_exit_2_with_one_line(tmp_path):
    code, out, err = _run(["-"], b"No date at all here.")
    assert (code, out) == (1, "") and err == "kb: no mentions found\n"
    code, _, err = _run(["--kind", "colour", "-"], b"In 1988.")
    assert code == 2 and err.count("\n") == 1 and "date" in err
    code, _, err = _run(["--date", "1998-13-45", "-"], b"In 1988.")
    assert code == 2 and err.startswith("kb: error: --date")


def test_a_file_that_cannot_be_read_is_one_line_and_the_others_are_still_tagged(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("In 1988.", encoding="utf-8")
    code, out, err = _run([str(tmp_path / "missing.txt"), str(good), "-f", "json"])
    assert code == 2
    assert [r["file"] for r in json.loads(out)] == [str(good)]
    assert err.count("\n") == 1 and "missing.txt" in err


def test_kinds_filter_rows_and_an_unknown_kind_is_refused_by_the_library():
    text = "For three years, from 1979 to 1981, every week."
    every = tag(text, ctx=Context())
    dates = tag(text, ["date"], Context())
    assert dates and all(r["kind"] == "date" for r in dates)
    assert len(every) >= len(dates)
    assert every == sorted(every, key=lambda r: (r["offset"][0], -r["offset"][1]))
    try:
        tag(text, ["colour"])
    except ValueError as e:
        assert "date" in str(e)
    else:
        raise AssertionError("an unknown kind was accepted")
