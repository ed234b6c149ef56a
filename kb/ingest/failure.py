"""The error of one input that cannot be ingested (one line naming it; the run goes on).

Its own module so that the readers of each format (:mod:`kb.ingest.reader`,
:mod:`kb.ingest.pdf`, :mod:`kb.ingest.docx`) raise it without importing each other.
"""

from __future__ import annotations

from ..errors import KbError


class IngestError(KbError):
    """One input file cannot be ingested; the message is one line naming it."""
