"""``kb ingest``: turn any English text document into sources, events and entities.

One concept per module:

* :mod:`kb.ingest.reader`: bytes to a :class:`~kb.ingest.reader.Document`
  (text, title, publication date, pages), with a per-file :class:`IngestError`
  (:mod:`kb.ingest.failure`) for input that is not text, cannot be decoded, is
  empty or is too big; :mod:`kb.ingest.pdf` and :mod:`kb.ingest.docx` read PDF
  and Word files, :mod:`kb.ingest.layout` repairs a PDF's layout;
* :mod:`kb.ingest.segment`: headings and sentences with character offsets;
* :mod:`kb.ingest.entities`: what entity names are made of, and the table of
  known aliases; :mod:`kb.ingest.mentions`: the name finder of ingest;
* :mod:`kb.ingest.extract`: clauses, the dates in them, passages, entity
  mentions and figures: the events of one document;
* :mod:`kb.ingest.figures`: the numbers that count something, with what they
  count, their qualifier and attribution;
* :mod:`kb.ingest.dedupe`: what is already in the store (same document, an
  event retold by another document, scored);
* :mod:`kb.ingest.reconcile`: a linked event's new date and figures as claims,
  and the versions they contradict;
* :mod:`kb.ingest.pipeline`: the orchestration, one locked atomic write per
  run, and the plain summary the command prints.

Nothing here is imported when ``kb`` starts; the command imports it in its body.
"""

from .reader import IngestError  # noqa: F401
