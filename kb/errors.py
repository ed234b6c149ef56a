"""Errors that reach the user as one line on stderr, with their exit codes.

Exit codes (documented in the README):

* 0: something was found or done;
* 1: nothing was found (:class:`NotFound`);
* 2: bad input: a bad argument, an unreadable file or store (:class:`KbError`).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2


class KbError(Exception):
    """A failure the user can act on; its message is the whole story."""

    code = EXIT_BAD_INPUT


class NotFound(KbError):
    """The query was fine but matched nothing."""

    code = EXIT_NOT_FOUND


class StoreError(KbError):
    """The store file is missing, unreadable, or not a kb store."""
