"""One record's bytes read back as Python's JSON decoder reads them, by orjson where it may.

orjson decodes a few times faster than Python's decoder and gives the same
values, except that it reads an integer beyond 64 bits as a float and
refuses what it cannot follow (very deep nesting, NaN, a number beyond a
double): :func:`decode_record` lets Python read a record with 19 digits in a
row (:data:`LONG`, found by :data:`DIGITS`, which keeps digits and blanks the
rest) or one orjson refuses.  The store's readers (:mod:`kb.store.reader`,
:mod:`kb.store.locate`) read a record to be changed this way, and a write reads
back the records it wrote (:meth:`kb.store.edit.Edit.stored`).

Python's decoder alone reads what JSON cannot hold: ``NaN``, ``Infinity`` and a
number beyond a double (``1e999``, read as infinity), which no JSON writer
writes back.  The store's reader (:class:`kb.store.reader.Tables`, and so every
command, the index's build and a write without an index) reads with
:func:`decoder`, which refuses them (:class:`NotFinite`) in whatever field they
lie; orjson refuses them too, so a store without them is read as fast.  An
index is built only from a store without them, so the records a write finds
through it (:mod:`kb.store.locate`) hold none either.
"""

from __future__ import annotations

import json

_INFINITIES = (float("inf"), float("-inf"))
_SHOWN = 24  # characters of a refused number a message shows


class NotFinite(ValueError):
    """A number JSON cannot hold (``NaN``, ``Infinity``, or ``1e999``, read as infinity)."""

    def __init__(self, token: str):
        shown = token if len(token) <= _SHOWN else f"{token[:_SHOWN]}..."
        read = "" if token in ("NaN", "Infinity", "-Infinity") else f" (read as {'-' * (token[0] == '-')}Infinity)"
        self.said = f"{shown}{read}, which JSON cannot hold (nor kb write back)"
        super().__init__(f"it holds {self.said}")

    def at(self, text: str, pos: int, table: str | None = None) -> tuple[object, str]:
        """The value at ``pos`` of ``text`` as Python reads it, NaN and all (to name the record;
        None if it cannot be read), and why it is refused: the store's check's fault where it
        finds one (a claim's amount), else where the number lies."""
        try:
            value = json.JSONDecoder().raw_decode(text, pos)[0]
        except (ValueError, RecursionError):
            return None, str(self)
        if table is not None and type(value) is dict:
            from .check import FAULTS

            fault = FAULTS[table](value) if table in FAULTS else None
            if fault:
                return value, fault
        where = _where(value)
        return value, f"{where} holds {self.said}" if where else str(self)


def _where(value, path: str = "") -> str | None:
    """The place of the first NaN or infinity in ``value``: ``field zzz``, ``field claims[0].amount``."""
    if type(value) is float and value - value != 0:
        return f"field {path.lstrip('.')}" if path else "it"
    items = value.items() if type(value) is dict else enumerate(value) if type(value) is list else ()
    for k, v in items:
        got = _where(v, f"{path}.{k}" if type(k) is str else f"{path}[{k}]")
        if got:
            return got
    return None


def _float(text: str) -> float:
    value = float(text)
    if value in _INFINITIES:
        raise NotFinite(text)
    return value


def _constant(name: str):
    raise NotFinite(name)


def decoder() -> json.JSONDecoder:
    """Python's JSON decoder, refusing what JSON cannot hold (:class:`NotFinite`)."""
    return json.JSONDecoder(parse_float=_float, parse_constant=_constant)


loads = decoder().decode  # a JSON text read as :func:`json.loads` reads it, less NaN and infinities

DIGITS = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))  # digits stay, the rest a space
LONG = b"0" * 19  # 19 digits: an integer orjson might read as a float


def decode_record(data: bytes) -> dict:
    """A record's bytes (as :func:`kb.store.storage.encode_record` writes them, or as they
    lie in a store) read as Python's decoder reads them: by orjson unless it might read a
    number otherwise (:data:`LONG`) or refuses.  (A record it reads was read by the store's
    reader first, which refuses NaN and infinities.)"""
    if LONG not in data.translate(DIGITS):
        import orjson

        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data.decode("utf-8"))
