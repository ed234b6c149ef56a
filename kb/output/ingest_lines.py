"""What ``kb ingest`` says, as lines: per file, the total, and a dry run's listing.

* :func:`per_file`: a file's status line (added, would add, unchanged) and one
  line per claim of it that contradicts a version in the store
  (``FileResult.disagreements``, when the pipeline gives them);
* :func:`total`: the one-line total, with the store written to;
* :func:`would_add`: what ``--dry-run`` would add, one tab-separated line each:
  ``event`` (start day, id, title, source), ``name`` (id, type, name: the new
  entities) and ``figure`` (event id, measure, value, what it counts, source:
  the claims of the new events).

Stored and extracted text is made one line safe here (:mod:`kb.output.safe`)
where it goes to stdout; the stderr lines go through the environment's own
escaping.
"""

from __future__ import annotations

from typing import Iterator

from .safe import one_line


def per_file(f, dry_run: bool, status: bool = True) -> list[str]:
    """Lines for one file that was not refused; ``status=False`` keeps only the disagreements."""
    lines = []
    if status:
        if f.status == "unchanged":
            lines.append(f"{f.file}: already in the store as source {f.source}; nothing changed")
        else:
            verb = "would add" if dry_run else "added"
            lines.append(f"{f.file}: {verb} source {f.source} ({f.title!r}): {f.events_added} events, "
                         f"{f.events_linked} linked to events already there, {f.entities_added} new entities")
    lines += [f"{f.file}: disagrees: {d}" for d in getattr(f, "disagreements", [])]
    return lines


def total(summary, dry_run: bool) -> str:
    t = summary.totals()
    verb = "would add" if dry_run else "added"
    return (f"{'dry run, nothing written: ' if dry_run else ''}{verb} {t['sources_added']} documents, "
            f"{t['events_added']} events, {t['entities_added']} entities; {t['events_linked']} retold "
            f"events linked; {t['unchanged']} unchanged, {t['failed']} failed"
            f"{'' if dry_run else ' (store: ' + summary.store + ')'}")


def would_add(summary) -> Iterator[str]:
    """A dry run's events, names and figures, one tab-separated line each, then the
    links it would make: ``link``, the stored event, the score and rule, the sentence."""
    def row(*cells) -> str:
        return "\t".join(" ".join(one_line(str(c or "")).split()) for c in cells)

    for ev in summary.events:
        yield row("event", ev["date"].get("start"), ev["id"], ev["title"], ev.get("document", ""))
    for ent in summary.entities:
        yield row("name", ent["id"], ent.get("type", ""), ent.get("name", ""))
    for ev in summary.events:
        for c in ev.get("claims", []):
            value = (c.get("date") or {}).get("text") if c.get("measure") == "date" else c.get("value")
            yield row("figure", ev["id"], c.get("measure", ""), value, c.get("counts", ""), c.get("source", ""))
    for link in getattr(summary, "links", []):
        # a sentence that retells a stored event: linked to it, not added (its score and rule)
        yield row("link", link.get("event"), f"{link.get('score', 0):.2f}", link.get("rule", ""),
                  link.get("text", ""), link.get("file", ""))
