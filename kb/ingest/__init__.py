"""``kb ingest``: turn any English text document into sources, events and entities.

One concept per module:

* :mod:`kb.ingest.reader`: bytes to a :class:`~kb.ingest.reader.Document`
  (text, title, publication date), with a per-file :class:`IngestError` for
  input that is not text, cannot be decoded, is empty or is too big;
* :mod:`kb.ingest.segment`: headings and sentences with character offsets;
* :mod:`kb.ingest.entities`: what entity names are made of, and the table of
  known aliases;
* :mod:`kb.ingest.extract`: clauses, the dates in them, entity mentions (known
  and new): the events of one document;
* :mod:`kb.ingest.dedupe`: what is already in the store (same document, an
  event retold by another document);
* :mod:`kb.ingest.pipeline`: the orchestration, one locked atomic write per
  run, and the plain summary the command prints.

Nothing here is imported when ``kb`` starts; the command imports it in its body.
"""

from .reader import IngestError  # noqa: F401
