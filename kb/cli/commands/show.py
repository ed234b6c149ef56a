"""``kb show ID``: one record in full."""

import typer

from ...errors import EXIT_OK, KbError
from .. import complete
from ..options import Options, record_options


@record_options
def show(
    opts: Options,
    ident: str = typer.Argument(..., metavar="ID", autocompletion=complete.ids, help="Event, entity or source id (or an entity's name)."),
    passages: bool = typer.Option(False, "--passages", "-p",
                                  help="For each claim and citation of an event, the passage of its source "
                                       "(with its offsets) when the store holds the source's text."),
) -> int:
    """One event, entity or source in full, with its claims and citations.

    An argument written like an id (1988-massacre) is looked up as an id; a
    name (Maryam Rajavi) is resolved as kb who resolves it. An id that
    records of several kinds share shows the event, else the source, and
    says so on stderr; entity:ID, source:ID or event:ID names the kind. --passages adds,
    for each claim and citation, the passage of its source with its offsets
    (the text of every ingested document is in the store; the shipped
    sources' text is not, and the output says so).

    \b
    Examples:
      kb show 1988-massacre                  an event
      kb show "Maryam Rajavi"                an entity, by name
      kb show 000                            a source
      kb show entity:mek                     the entity, where an event or source shares its id
      kb show 1988-massacre --passages       each claim's passage in its source
      kb show 1988-massacre -f json | jq .claims
      kb timeline 1988 | cut -f3 | xargs -n1 kb show
    """
    from ...output import columns

    kb = opts.kb()
    record = kb.show(ident)
    others = [k for k in kb.kinds_of(ident) if k != record["record"]] if record.get("id") == ident else []
    if others:  # one id, several kinds of record: say so, and how to see the others
        opts.note(f"{ident!r} is also the id of " + " and ".join(f"{'an' if k[0] in 'ae' else 'a'} {k}" for k in others)
                  + ": " + ", ".join(f"kb show {k}:{ident}" for k in others))
    if passages:
        if record["record"] != "event":
            raise KbError(f"--passages: {ident!r} is {'an' if record['record'] == 'entity' else 'a'} "
                          f"{record['record']}; passages are an event's")
        record["passages"] = kb.passages(record)
    opts.emit(columns.record(record))
    return EXIT_OK
