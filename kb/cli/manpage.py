"""The manual page, kb(1), generated from the commands' own help.

``python -m kb.cli.manpage > kb.1`` writes it (``man -l kb.1`` reads it);
``python -m kb.cli.manpage DIR`` writes ``DIR/kb.1``.  Nothing here is
written by hand but the section headings: the synopsis, each command's
usage, text, examples and options come from the Click commands that
``kb --help`` prints, so the page cannot say what the help does not.
Loaded only when asked for; ``kb`` itself never imports it.
"""

from __future__ import annotations

import sys
from datetime import date

_EXIT = (("0", "something was found (or done)"),
         ("1", "nothing was found: no events, no hits, an unknown or ambiguous name, an unknown id"),
         ("2", "bad input: a bad option, date or filter (with the nearest valid values), "
               "an unreadable store"),
         ("130", "interrupted"))
_ENV = (("KB_DB", "the store to use (as --db)"),
        ("XDG_DATA_HOME", "where your own store lives: $XDG_DATA_HOME/kb/kb.json"),
        ("KB_CACHE_DIR, XDG_CACHE_HOME", "where the derived index is kept (an absolute path; "
                                          "a relative KB_CACHE_DIR is refused)"),
        ("NO_COLOR", "no colour in tables"),
        ("PAGER, KB_PAGER", "the pager for long output on a terminal (default: less -RFX)"))


def _roff(text: str) -> str:
    """Text safe in roff: backslashes doubled, a leading dot or quote escaped, dashes literal."""
    out = []
    for line in text.replace("\\", "\\e").splitlines():
        line = line.replace("-", "\\-")
        if not line.strip():
            out.append(".PP")
        else:
            out.append("\\&" + line if line[:1] in ".'" else line)
    return "\n".join(out)


def _help_parts(text: str) -> tuple[str, list[str]]:
    """A command's help text, and its example lines (after ``Examples:``)."""
    body, _, examples = text.partition("\b\nExamples:")
    if not examples:
        body, _, examples = text.partition("Examples:")
    lines = [ln.strip() for ln in examples.splitlines() if ln.strip()]
    body = "\n".join(ln.strip() for ln in body.replace("\b", "").splitlines())
    return body.strip(), lines


def _options(ctx, cmd) -> list[str]:
    out = []
    for p in cmd.get_params(ctx):
        rec = p.get_help_record(ctx)
        if rec is None:
            continue
        name, text = rec
        out += [".TP", f"\\fB{_roff(name)}\\fR", _roff(text)]
    return out


def render(today: date | None = None) -> str:
    """The whole page, as roff (man macros)."""
    import typer._click as click

    from .. import __version__
    from .app import app
    from .typer_compat import command

    group = command(app)
    ctx = click.Context(group, info_name="kb")
    about, examples = _help_parts(group.help or "")
    day = (today or date.today()).isoformat()
    lines = [f'.TH KB 1 "{day}" "kb {__version__}" "User Commands"', ".SH NAME",
             "kb \\- " + _roff(about.split("\n\n")[0].replace("\n", " ")),
             ".SH SYNOPSIS", "\\fBkb\\fR [\\fB\\-\\-version\\fR] [\\fB\\-h\\fR] \\fICOMMAND\\fR [\\fIOPTIONS\\fR] [\\fIARGS\\fR]",
             ".SH DESCRIPTION", _roff(about)]
    if examples:
        lines += [".SS Examples", ".nf", *(_roff(e) for e in examples), ".fi"]
    lines += [".SH OPTIONS", *_options(ctx, group), ".SH COMMANDS"]
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        sub = click.Context(cmd, info_name=name, parent=ctx)
        text, examples = _help_parts(cmd.help or "")
        usage = " ".join(cmd.collect_usage_pieces(sub))
        lines += [f".SS kb {name} {_roff(usage)}", _roff(text)]
        if examples:
            lines += [".PP", "Examples:", ".nf", ".RS 4", *(_roff(e) for e in examples), ".RE", ".fi"]
        lines += [".PP", "Options:", ".RS 4", *_options(sub, cmd), ".RE"]
    lines += [".SH EXIT STATUS"]
    for code, what in _EXIT:
        lines += [".TP", f"\\fB{code}\\fR", _roff(what)]
    lines += [".SH ENVIRONMENT"]
    for var, what in _ENV:
        lines += [".TP", f"\\fB{_roff(var)}\\fR", _roff(what)]
    lines += [".SH SEE ALSO", "The README of kb: every command, the output formats, the JSON fields, dates."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = render()
    if args:
        from pathlib import Path

        from ..store.atomic import write_text

        target = Path(args[0]) / "kb.1" if Path(args[0]).is_dir() else Path(args[0])
        write_text(target, lambda f: f.write(text))
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
