"""Hostile input found by a twelfth pass over issue 16's classes.

* ``kb show ID`` where an event, a source and an entity share the id showed the event
  and said nothing of the others.  The order stays (event, then source, then entity),
  a note on stderr names the other kinds, and ``entity:ID``, ``source:ID`` and
  ``event:ID`` show the record of that kind.
* "John\\u200d Smith": a zero-width joiner (or non-joiner) beside a space joins nothing,
  but the name finder took it for a word of its own and cut the name in two ("John",
  "Smith").  The reader drops a joiner beside a space or at the text's edge (one inside
  a word, as Persian writes, stays); ``kb tag`` maps its offsets back to the file as
  decoded, the joiner included.

Every store and document is built here, in tmp_path.
"""

from __future__ import annotations

import json

import pytest

from conftest import MINI, mini_store, one_line, own_env, run_in

NOTE = "On 5 May 1990 the MEK held a rally in Tehran, the fixture says.\n"


# -- one id, three kinds of record -----------------------------------------------------------

def _shared_id_store(tmp_path):
    """The fixture store with its first event, first source and first entity all called 'mek'."""
    doc = json.loads(MINI.read_text(encoding="utf-8"))
    ev, src = doc["events"]["1"], doc["sources"]["1"]
    assert doc["entities"]["1"]["id"] == "mek"
    old_src = src["id"]
    ev["id"], src["id"] = "mek", "mek"
    for e in doc["events"].values():
        e["citations"] = [{**c, "source": "mek" if c["source"] == old_src else c["source"]} for c in e["citations"]]
        for c in e.get("claims", []):
            if c.get("source") == old_src:
                c["source"] = "mek"
    for e in doc["entities"].values():
        e["sources"] = ["mek" if s == old_src else s for s in e.get("sources", [])]
    s = mini_store(tmp_path)
    s.write_text(json.dumps(doc), encoding="utf-8")
    return s


def test_show_a_shared_id_shows_the_event_and_names_the_others(tmp_path):
    s = _shared_id_store(tmp_path)
    code, out, err = run_in("show", "mek", "--db", str(s), "-f", "json", environ=own_env(tmp_path))
    assert code == 0, err
    assert json.loads(out)["record"] == "event"
    assert len(err.splitlines()) == 1 and "source" in err and "entity" in err and "entity:mek" in err, err


def test_show_kind_prefix_shows_each_kind(tmp_path):
    s = _shared_id_store(tmp_path)
    for kind in ("event", "source", "entity"):
        code, out, err = run_in("show", f"{kind}:mek", "--db", str(s), "-f", "json", environ=own_env(tmp_path))
        assert code == 0 and err == "", err
        rec = json.loads(out)
        assert rec["record"] == kind and rec["id"] == "mek"


def test_show_kind_prefix_of_no_record_is_not_found(tmp_path):
    s = _shared_id_store(tmp_path)
    code, out, err = run_in("show", "entity:no-such-thing", "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err, want=1)
    assert out == ""


def test_show_an_unshared_id_says_nothing_more(tmp_path):
    s = mini_store(tmp_path)
    code, out, err = run_in("show", "1965-founding", "--db", str(s), environ=own_env(tmp_path))
    assert code == 0 and err == "" and "1965" in out


# -- a zero-width joiner beside a space ------------------------------------------------------

ZWJ_NOTE = "Rally report\n\nOn 5 May 1990 John\u200d Smith met Mary\u200c Jones in Tehran.\n"


def test_ingest_a_joiner_before_a_space_keeps_the_name_whole(tmp_path):
    doc = tmp_path / "zwj.txt"
    doc.write_text(ZWJ_NOTE, encoding="utf-8")
    s = tmp_path / "z.json"
    code, _, err = run_in("ingest", "-q", str(doc), "--db", str(s), environ=own_env(tmp_path))
    assert code == 0, err
    names = {e["name"] for e in json.loads(s.read_text(encoding="utf-8"))["entities"].values()}
    assert {"John Smith", "Mary Jones"} <= names, names
    assert not names & {"John", "Smith", "Mary", "Jones"}, names


def test_tag_offsets_point_into_the_file_with_its_joiners(tmp_path):
    doc = tmp_path / "zwj.txt"
    raw = "On 5 May 1990 John\u200d Smith met \u200cMary\u200c Jones in Tehran.\r\nJohn\u200d\u200d Smith\u200d\n"
    doc.write_bytes(raw.encode("utf-8"))
    code, out, err = run_in("tag", str(doc), "-f", "json", environ=own_env(tmp_path))
    assert code == 0, err
    rows = json.loads(out)
    for r in rows:
        s, e = r["offset"]
        assert raw[s:e] == r["text"], r
    assert [r["name"] for r in rows if r["kind"] == "name"][:2] == ["John Smith", "Mary Jones"]


def test_a_joiner_inside_a_word_stays(tmp_path):
    from kb.ingest.reader import decode

    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 John\u200d Smith"
    assert decode("x.txt", persian.encode("utf-8")) == "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 John Smith"


# -- killed at any step of a write ---------------------------------------------------------------

#: the audit events of the steps that touch files (Python's open, os.open, rename and replace,
#: remove, chmod, ...): a kill between any two of them is a kill at any moment for the store's
#: name, which only a rename changes
_STEPS = ("open", "os.rename", "os.remove", "os.chmod", "os.chown", "os.utime", "os.truncate",
          "os.mkdir", "os.link", "os.symlink", "os.listdir", "os.scandir", "sqlite3.connect")


def _ingest_killed_at(step: int, s, doc, env) -> int:
    """Run ``kb ingest`` in a forked child that dies (as by kill -9: no clean-up) at its
    ``step``-th file step; 0 if it ran to its end first, else 137."""
    import os
    import sys

    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            seen = [0]

            def hook(event, args):
                if event in _STEPS:
                    seen[0] += 1
                    if seen[0] == step:
                        os._exit(137)

            sys.addaudithook(hook)
            code = run_in("ingest", "-q", str(doc), "--db", str(s), environ=env)[0]
            os._exit(0 if code == 0 else 3)
        finally:
            os._exit(4)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])


def test_a_kill_at_any_step_of_an_ingest_leaves_the_old_or_the_new_store(tmp_path, monkeypatch):
    import os

    import pytest

    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    env = own_env(tmp_path)
    monkeypatch.setenv("KB_CACHE_DIR", env["KB_CACHE_DIR"])
    doc = tmp_path / "note.md"
    doc.write_text("Rally\n\n" + NOTE, encoding="utf-8")
    (tmp_path / "ref").mkdir()
    ref = mini_store(tmp_path / "ref")
    code, _, err = run_in("ingest", "-q", str(doc), "--db", str(ref), environ=env)
    assert code == 0, err
    new = ref.read_bytes()
    s = mini_store(tmp_path)
    old = s.read_bytes()
    assert new != old
    outcomes = []
    for step in range(1, 400):
        s.write_bytes(old)                      # each run starts from the old store (a lock file left, stale)
        code = _ingest_killed_at(step, s, doc, env)
        assert s.read_bytes() in (old, new), f"killed at step {step}: the store is neither old nor new"
        outcomes.append(s.read_bytes() == new)
        if code == 0:
            break
        assert code == 137, f"step {step}: exit {code}"
    else:
        raise AssertionError("the ingest never ran to its end")
    assert outcomes[0] is False and outcomes[-1] is True and len(outcomes) > 3, outcomes
    # and the store a killed writer left (old, a stale lock, maybe a temporary file) takes the next write
    s.write_bytes(old)
    code, _, err = run_in("ingest", "-q", str(doc), "--db", str(s), environ=env)
    assert code == 0 and s.read_bytes() == new, err


# -- a stop signal while kb loads ----------------------------------------------------------------

def test_a_stop_signal_before_the_app_runs_ends_with_one_line(tmp_path):
    """kb.startup's handler, as it runs when a signal comes while the app is being loaded."""
    import io
    import signal
    import sys

    import pytest

    from kb.startup import early_stop

    for sig, code, said in ((signal.SIGINT, 130, "kb: interrupted\n"),
                            (signal.SIGTERM, 143, "kb: interrupted (SIGTERM)\n")):
        err, sys.stderr = sys.stderr, io.StringIO()
        try:
            with pytest.raises(SystemExit) as e:
                early_stop(sig, None)
            shown = sys.stderr.getvalue()
        finally:
            sys.stderr = err
        assert e.value.code == code and shown == said


def test_sigterm_while_python_m_kb_loads_says_so(tmp_path):
    """A real process: SIGTERM as soon as kb's first line has run (it writes a file the
    test waits for), never a silent death by the signal or a traceback."""
    import os
    import signal
    import subprocess
    import sys

    flag = tmp_path / "started"
    code = ("import os, runpy, sys; import kb.startup as s; s.guard(); "
            f"open({str(flag)!r}, 'w').close(); "
            "import time; time.sleep(30)")  # stands for the loading of the app
    p = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, env={**os.environ, **own_env(tmp_path)})
    for _ in range(2000):
        if flag.exists() or p.poll() is not None:
            break
        import time
        time.sleep(0.005)
    p.send_signal(signal.SIGTERM)
    err = p.communicate(timeout=30)[1].decode()
    assert p.returncode == 143 and err == "kb: interrupted (SIGTERM)\n", (p.returncode, err)


def test_the_run_itself_still_reads_sigint_as_keyboardinterrupt():
    """main() puts Python's own SIGINT handler back for the run (so ^C unwinds a write as
    before) and the loading guard after it."""
    import signal

    from kb.cli.app import _catch_signals, _restore_signals
    from kb.startup import early_stop

    before = signal.signal(signal.SIGINT, early_stop)
    try:
        previous = _catch_signals()
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
        _restore_signals(previous)
        assert signal.getsignal(signal.SIGINT) is early_stop
    finally:
        signal.signal(signal.SIGINT, before)


# -- stderr that cannot be written ---------------------------------------------------------------

@pytest.mark.parametrize("how, argv, want", [("2>&-", ["timeline", "-f", "nosuch"], 2),
                                             ("2>/dev/full", ["timeline", "-f", "nosuch"], 2)])
def test_an_unwritable_stderr_keeps_the_exit_code(tmp_path, how, argv, want):
    import os
    import subprocess
    import sys

    if how == "2>/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    s = mini_store(tmp_path)
    env = {**os.environ, **own_env(tmp_path), "PYTHONPATH": str(MINI.parents[2])}
    r = subprocess.run(
        ["bash", "-c", f'exec "$0" -m kb "$@" --db "$S" </dev/null >/dev/null {how}', sys.executable, *argv],
        env={**env, "S": str(s)}, cwd=tmp_path, timeout=60)
    assert r.returncode == want


def test_say_on_a_failing_stream_loses_only_the_line():
    import io

    from kb.cli.environment import Environment

    class Full(io.StringIO):
        def write(self, s):
            raise OSError(28, "No space left on device")

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=Full(), environ={})
    env.error("a line nobody can read")  # no exception
    env.note("another")


# -- COLUMNS=0 and COLUMNS=1 ----------------------------------------------------------------------

@pytest.mark.parametrize("cols", ["0", "1", "5"])
def test_a_table_at_columns_0_or_1_still_shows_the_rows(tmp_path, monkeypatch, cols):
    monkeypatch.setenv("COLUMNS", cols)
    s = mini_store(tmp_path)
    code, out, err = run_in("timeline", "-f", "table", "--fields", "id", "--db", str(s),
                            environ=own_env(tmp_path, COLUMNS=cols))
    assert code == 0, err
    assert "1965-founding" in out.replace("\n", "").replace("│", "").replace(" ", ""), out


def test_table_width():
    from kb.output.emit import MIN_WIDTH, table_width

    assert table_width({}) is None and table_width({"COLUMNS": "abc"}) is None
    assert table_width({"COLUMNS": "120"}) is None
    assert table_width({"COLUMNS": "1"}) == MIN_WIDTH
    assert table_width({"COLUMNS": "0"}) >= MIN_WIDTH


# -- the store given as a document -----------------------------------------------------------------

@pytest.mark.parametrize("given", ["same", "link", "lock"])
def test_ingest_refuses_the_store_it_writes_as_a_document(tmp_path, given):
    import os

    s = mini_store(tmp_path)
    before = s.read_bytes()
    doc = tmp_path / "note.md"
    doc.write_text("Rally\n\n" + NOTE, encoding="utf-8")
    arg = s
    if given == "link":
        arg = tmp_path / "alias.json"
        os.symlink(s, arg)
    elif given == "lock":
        arg = s.with_name("kb.json.lock")
        arg.write_bytes(b"")
    code, out, err = run_in("ingest", "-q", str(doc), str(arg), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "not a document" in err and s.read_bytes() == before


def test_ingest_refuses_the_default_store_as_a_document(tmp_path, monkeypatch):
    s = mini_store(tmp_path)
    before = s.read_bytes()
    monkeypatch.setenv("KB_DB", str(s))
    code, out, err = run_in("ingest", str(s), environ=own_env(tmp_path, KB_DB=str(s)))
    one_line(code, err)
    assert s.read_bytes() == before


# -- other invisible characters that cut a name ----------------------------------------------------

@pytest.mark.parametrize("ch", ["\u00ad", "\u2060", "\ufeff", "\u200b", "\u200e"])
def test_an_invisible_character_beside_a_space_or_inside_a_name_does_not_cut_it(tmp_path, ch):
    from kb.ingest.reader import decode

    inside = ch in "\u00ad\u2060\ufeff"  # a soft hyphen, word joiner, zero-width no-break space
    text = f"Massoud{ch} Rajavi met Raja{ch}vi" if inside else f"Massoud{ch} Rajavi met {ch}Mary"
    want = "Massoud Rajavi met Rajavi" if inside else "Massoud Rajavi met Mary"
    assert decode("x.txt", text.encode("utf-8")) == want


def test_html_entities_for_invisible_characters_are_dropped_too(tmp_path):
    page = tmp_path / "p.html"
    page.write_text("<html><head><title>Page</title></head><body><p>On 5 May 1990 Massoud Raja&shy;vi "
                    "met Mary&#8203; Jones in Tehran.</p></body></html>", encoding="utf-8")
    code, out, err = run_in("tag", str(page), "-k", "name", "-f", "json", environ=own_env(tmp_path))
    assert code == 0, err
    assert [r["name"] for r in json.loads(out)][:2] == ["Massoud Rajavi", "Mary Jones"]


def test_the_readers_spaces_are_every_space():
    from kb.ingest.invisible import _SPACES

    assert _SPACES == "".join(chr(i) for i in range(0x110000) if chr(i).isspace())


def test_drop_invisible_keeps_persian_joiners_and_drops_the_stray_ones():
    from kb.ingest.invisible import drop_invisible

    word = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
    assert drop_invisible(f"{word} {word}") == f"{word} {word}"
    assert drop_invisible(f"\u200d{word}\u200c {word}\u200e") == f"{word} {word}"
    assert drop_invisible("a\u200d\u00ad\u200d b x \u200d\u00ad\u200dy") == "a b x y"
    assert drop_invisible("no marks at all, é") == "no marks at all, é"


def test_a_title_of_invisible_characters_is_no_title(tmp_path):
    doc = tmp_path / "note.md"
    doc.write_text("Rally\n\n" + NOTE, encoding="utf-8")
    for given, want in (("\u200d\u200b", "Rally"), ("A\u00adB \u200dC", "AB C")):
        code, out, err = run_in("ingest", str(doc), "--title", given, "--dry-run", "-f", "json",
                                "--db", str(tmp_path / "s.json"), environ=own_env(tmp_path))
        assert code == 0, err
        assert json.loads(out)["files"][0]["title"] == want


def test_drop_invisible_of_nothing_left():
    from kb.ingest.invisible import drop_invisible

    assert drop_invisible("") == "" and drop_invisible("\u00ad") == "" and drop_invisible("\u200d") == ""
