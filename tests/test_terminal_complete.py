"""Shell completion (Typer's own): completers for names and aliases, ids, tags,
types, kinds and source ids, read from a fresh index only, never building one."""

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conftest import MINI, ROOT
from kb.cli import complete


@pytest.fixture
def ctx(run):
    assert run("stats", "--db", str(MINI)).code == 0      # the index, built once
    return SimpleNamespace(params={"db": str(MINI)})


def test_names_and_aliases_by_their_folded_prefix(ctx):
    assert complete.names(ctx, "Mass") == ["Massoud Rajavi"]
    assert "Masoud Rajavi" in complete.names(ctx, "maso")      # case and accents aside: the shell picks
    assert complete.names(ctx, "PMOI") == ["PMOI", "PMOI/MEK"]
    assert complete.names(ctx, "massoud-r") == ["massoud-rajavi"]   # ids too


def test_ids_tags_types_kinds_sources(ctx):
    assert complete.ids(ctx, "19") == ["1965-founding", "1971-arrests", "1976-split", "1988-executions"]
    assert complete.ids(ctx, "s") == ["s1", "s2"]
    assert complete.event_ids(ctx, "2019") == ["2019-11-protests"]
    assert complete.tags(ctx, "pro") == ["protest"]
    assert complete.types(ctx, "p") == ["person", "place"]
    assert complete.kinds(ctx, "e") == ["event", "entity"]
    assert complete.source_ids(ctx, "") == ["s1", "s2"]


def test_no_fresh_index_means_no_completions_and_no_build(tmp_path):
    store = tmp_path / "kb.json"
    store.write_bytes(MINI.read_bytes())
    ctx = SimpleNamespace(params={"db": str(store)})
    from kb.index import index_path

    assert complete.names(ctx, "M") == [] and complete.ids(ctx, "1") == []
    assert not index_path(store).exists()


def test_the_shell_asks_kb_and_gets_them(ctx, isolated):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "_KB_COMPLETE": "complete_zsh",
           "_TYPER_COMPLETE_ARGS": f"kb timeline --db {MINI} -t pro"}
    p = subprocess.run([sys.executable, "-m", "kb"], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 0 and '"protest"' in p.stdout, (p.stdout, p.stderr)


def test_install_completion_is_offered(run):
    out = run("--help").out
    assert "--install-completion" in out and "--show-completion" in out
