"""Stored text never commands the terminal: control characters and bidi overrides are shown, not sent.

A store whose titles, names and summaries hold escape sequences (set the
window title, clear the screen), C1 controls, bidi overrides and rich markup
is read by every listing command, on a terminal (with and without colour) and
piped (TSV, CSV, JSON, JSON Lines).
"""

import csv
import io
import json
import re

import pytest

from conftest import MINI
from kb.cli.app import main
from kb.cli.environment import Environment
from kb.output import plain
from kb.output.safe import UNSAFE as UNSAFE_PATTERN, json_text
from kb.store.storage import write_json

TITLE_BAR = "\x1b]0;pwned\x07"     # sets the window title
CLEAR = "\x1b[2J"                  # clears the screen
CSI = "\x9b6n"                     # C1 CSI: asks the terminal to answer
RLO, LRI = "\u202e", "\u2066"      # reorder what follows
HOSTILE = (TITLE_BAR, CLEAR, CSI, RLO, LRI, "\x7f", "\x00")
UNSAFE = re.compile(UNSAFE_PATTERN)
SGR = re.compile(r"\x1b\[[0-9;]*m")  # rich's own colours and weights


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(autouse=True)
def wide(monkeypatch):
    monkeypatch.setenv("COLUMNS", "400")  # rich reads the width here; no folding of what we look for
    monkeypatch.delenv("TERM", raising=False)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """The hostile store, and a cache folder its index is built in once for all tests."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    data = json.loads(MINI.read_text(encoding="utf-8"))
    ev = next(e for e in data["events"].values() if e["id"] == "1965-founding")
    ev["title"] = f"Founding {TITLE_BAR}of the group{RLO} evil"
    ev["summary"] = f"Three engineers {CLEAR}start an organization{CSI}, [bold]the[/] fixture says\x7f."
    ent = next(e for e in data["entities"].values() if e["id"] == "mohammad-hanifnejad")
    ent["name"] = f"Mohammad {LRI}Hanifnejad [/]\x00"
    ent["type"] = "person"
    other = next(e for e in data["entities"].values() if e["id"] == "mek")
    other["type"] = f"organization{CLEAR}[red]"  # a type is a key on kb stats' panel
    src = next(s for s in data["sources"].values() if s["id"] == "s1")
    src["title"] = f"Fixture {TITLE_BAR}history{CLEAR} page{RLO}"
    path = tmp_path / "hostile.json"
    write_json(str(path), data)
    return path, tmp_path / "cache"


@pytest.fixture
def store(hostile, monkeypatch):
    path, cache = hostile
    monkeypatch.setenv("KB_CACHE_DIR", str(cache))
    return path


COMMANDS = [
    ("sources",),
    ("show", "1965-founding"),
    ("show", "s1"),
    ("show", "mohammad-hanifnejad"),
    ("search", "organization"),
    ("search", "pwned"),
    ("timeline", "1965"),
    ("who", "mohammad-hanifnejad"),
    ("entities",),
    ("stats",),
    ("conflicts",),
]


def _run(args, store, stdout=None, environ=None):
    env = Environment(stdin=io.StringIO(), stdout=stdout or io.StringIO(), stderr=io.StringIO(),
                      environ=environ if environ is not None else {})
    code = main([*args, "--db", str(store)], env)
    assert code == 0, (args, env.stderr.getvalue())
    assert "Traceback" not in env.stderr.getvalue()
    return env.stdout.getvalue()


def _assert_nothing_raw(out: str, keep: str = "\n"):
    raw = {ch for ch in UNSAFE.findall(out) if ch not in keep}
    assert not raw, f"raw controls reached the output: {sorted(map(ascii, raw))}"


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_terminal_without_colour_gets_no_raw_control_at_all(args, store):
    out = _run(args, store, Terminal(), {"NO_COLOR": "1"})
    _assert_nothing_raw(out)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_colour_terminal_gets_only_rich_own_styles(args, store):
    out = _run(args, store, Terminal())
    assert SGR.search(out)  # colour is on, so the check below is not vacuous
    _assert_nothing_raw(SGR.sub("", out))


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["tsv", "csv"])
def test_piped_tsv_and_csv_get_no_raw_control(args, fmt, store):
    out = _run([*args, "--format", fmt], store)
    _assert_nothing_raw(out, keep="\n\t" if fmt == "tsv" else "\n")
    lines = out.splitlines()
    if fmt == "tsv" and args[0] != "show":  # one record a line: no forged rows
        assert all(len(line.split("\t")) == len(lines[0].split("\t")) for line in lines)


def test_the_escapes_are_visible_where_the_characters_were(store):
    table = _run(["sources"], store, Terminal(), {"NO_COLOR": "1"})
    assert "Fixture \\x1b]0;pwned\\x07history\\x1b[2J page\\u202e" in table
    tsv = _run(["sources"], store)
    assert "Fixture \\x1b]0;pwned\\x07history\\x1b[2J page\\u202e" in tsv
    shown = _run(["show", "1965-founding"], store, Terminal(), {"NO_COLOR": "1"})
    assert "Founding \\x1b]0;pwnedof the group\\u202e evil" not in shown  # BEL is escaped, not dropped
    assert "Founding \\x1b]0;pwned\\x07of the group\\u202e evil" in shown
    assert "start an organization\\x9b6n, [bold]the[/] fixture says\\x7f." in shown  # markup shown as is
    who = _run(["who", "mohammad-hanifnejad"], store, Terminal(), {"NO_COLOR": "1"})
    assert "Mohammad \\u2066Hanifnejad [/]\\x00" in who


def test_search_highlights_still_work_beside_escapes(store):
    out = _run(["search", "pwned", "--format", "tsv"], store)
    assert "\\x1b]0;[pwned]\\x07" in out
    table = _run(["search", "pwned"], store, Terminal(), {"NO_COLOR": "1"})
    assert "\\x1b]0;pwned\\x07" in table


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_escapes_controls_and_reads_back_the_same_text(args, fmt, store):
    out = _run([*args, "--format", fmt], store)
    _assert_nothing_raw(out)
    docs = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else [json.loads(out)]
    assert docs


def test_json_keeps_the_stored_text_exactly(store):
    out = _run(["sources", "--format", "json"], store)
    assert "\\u001b]0;pwned\\u0007" in out  # ESC and BEL as JSON escapes
    assert "\\u202e" in out
    s1 = next(s for s in json.loads(out) if s["id"] == "s1")
    assert s1["title"] == f"Fixture {TITLE_BAR}history{CLEAR} page{RLO}"


def test_persian_text_and_its_joiners_pass_untouched():
    text = "سازمان مجاهدین\u200cخلق \u200f(۱۳۴۴)\u200e"  # ZWNJ, RLM, LRM are text, not commands
    assert plain.cell(text) == text
    assert json_text(json.dumps(text, ensure_ascii=False)) == json.dumps(text, ensure_ascii=False)


def test_cells_escape_every_hostile_character_and_keep_tsv_whitespace_rules():
    for bad in HOSTILE:
        got = plain.cell(f"a{bad}b")
        assert not UNSAFE.search(got) and got.startswith("a\\") and got.endswith("b")
    assert plain.cell("a\tb\nc\r\x0bd") == "a b c d"  # whitespace still collapses
    assert plain.cell("x \x02hit\x03 y") == "x [hit] y"
    assert plain.cell(["ok", f"{CLEAR}"]) == "ok; \\x1b[2J"


def test_csv_rows_parse_back_with_escapes_in_place(store):
    out = _run(["sources", "--format", "csv"], store)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {r["id"] for r in rows} == {"s1", "s2"}
    assert next(r for r in rows if r["id"] == "s1")["title"].startswith("Fixture \\x1b]0;pwned")


def test_stored_names_in_messages_on_stderr_are_escaped_and_one_line(store, tmp_path):
    """Ambiguities and suggestions name stored entities and sources on stderr."""
    data = json.loads(store.read_text(encoding="utf-8"))
    twin = dict(next(e for e in data["entities"].values() if e["id"] == "mohammad-hanifnejad"))
    twin.update(id="twin\x1b[2J", name=f"Mohammad {CLEAR}Twin\nkb: forged", aliases=[])
    data["entities"]["99"] = twin
    for key, src in data["sources"].items():
        src["title"] = f"Shared {TITLE_BAR}page {key}"
    data["sources"]["99"] = {**src, "id": "s9\x1b]0;pwned\x07", "file": "s9.txt"}
    path = tmp_path / "twins.json"
    write_json(str(path), data)
    for args, code in ((["who", "Mohammad"], 1), (["who", "Hanifnezhadi Qqqq"], 1),
                       (["timeline", "-e", "Mohammad"], 2), (["timeline", "--source", "Shared"], 2)):
        env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
        assert main([*args, "--db", str(path)], env) == code, (args, env.stderr.getvalue())
        err = env.stderr.getvalue()
        assert err.count("\n") == 1 and err.endswith("\n"), err
        _assert_nothing_raw(err)
