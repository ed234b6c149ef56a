"""Argument coercion without pydantic, for a fast start.

Typer (0.2x) turns every command-line value into its annotated type through a
pydantic ``TypeAdapter``; importing pydantic for that costs about 130 ms,
more than the rest of a ``kb`` command together.  :func:`command` builds the
Click command of a Typer app and gives each parameter of a type ``kb`` uses
(``str``, ``bool``, ``int`` with ``min``/``max``, a ``str`` Enum, lists of those) a plain
coercer with the same results and the same error messages, less pydantic's
"Value error, " prefix (``tests/test_typer_compat.py`` runs both on one app
and compares).  Any other type keeps Typer's own coercion.

:func:`tidy` makes a command's help show each parameter's metavar as written.

It relies on Typer's lazily-set ``_runtime_param`` and its ``RuntimeParam``
class; if a Typer release changes them, :func:`command` leaves the
parameters alone, and kb is merely slower to start.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, get_args, get_origin


def _leaf(annotation: Any, info: Any):
    """A function value -> coerced value for one annotation, or None if unsupported."""
    from typer._click.exceptions import BadParameter

    if annotation is str:
        return lambda v, param, ctx: v if isinstance(v, str) else str(v)
    if annotation is bool:
        words = {"true": True, "1": True, "yes": True, "on": True, "t": True, "y": True,
                 "false": False, "0": False, "no": False, "off": False, "f": False, "n": False}

        def to_bool(v, param, ctx):
            if isinstance(v, bool):
                return v
            b = words.get(str(v).strip().lower())
            if b is None:
                raise BadParameter("Input should be a valid boolean, unable to interpret input",
                                   ctx=ctx, param=param)
            return b

        return to_bool
    if annotation is int:
        lo, hi = info.min, info.max
        if getattr(info, "clamp", False):
            return None

        def to_int(v, param, ctx):
            if isinstance(v, bool):
                raise BadParameter("Input should be a valid integer", ctx=ctx, param=param)
            try:
                n = v if isinstance(v, int) else int(str(v).strip())
            except ValueError:
                raise BadParameter("Input should be a valid integer, unable to parse string as an integer",
                                   ctx=ctx, param=param) from None
            if lo is not None and n < lo:
                raise BadParameter(f"Input should be greater than or equal to {lo}", ctx=ctx, param=param)
            if hi is not None and n > hi:
                raise BadParameter(f"Input should be less than or equal to {hi}", ctx=ctx, param=param)
            return n

        return to_int
    if isinstance(annotation, type) and issubclass(annotation, Enum) and issubclass(annotation, str):
        members = list(annotation)
        sensitive = info.case_sensitive

        def to_enum(v, param, ctx):
            if isinstance(v, annotation):
                return v
            s = str(v)
            for m in members:
                if m.value == s or (not sensitive and m.value.lower() == s.lower()):
                    return m
            allowed = ", ".join(repr(m.value) for m in members)
            raise BadParameter(f"{s!r} is not one of {allowed}.", ctx=ctx, param=param)

        return to_enum
    return None


def _coercer(annotation: Any, info: Any):
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (None,)
        leaf = _leaf(item, info)
        if leaf is None:
            return None
        return lambda v, param, ctx: [leaf(x, param, ctx) for x in (v if isinstance(v, (list, tuple)) else [v])]
    return _leaf(annotation, info)


def _install() -> None:
    """Make Typer ask :func:`_coercer` first whenever it needs a parameter's coercion.

    Idempotent: the patched method is marked, and a second call sees the mark.
    """
    try:
        from dataclasses import dataclass

        from typer._coercion import RuntimeParam
        from typer.core import _TyperParameter
        original = _TyperParameter.get_runtime_param
    except (ImportError, AttributeError):  # pragma: no cover - a Typer without the hook
        return
    if getattr(original, "kb_compat", False):
        return

    @dataclass(frozen=True)
    class Plain(RuntimeParam):
        func: Any = None

        def _coerce_value(self, value, param, ctx):
            return self.func(value, param, ctx)

    def get_runtime_param(self):
        if getattr(self, "_runtime_param", None) is None:
            desc = getattr(self, "type_descriptor", None)
            info = getattr(desc, "parameter_info", None)
            if (desc is not None and not desc.is_file and getattr(info, "parser", None) is None
                    and getattr(info, "click_type", None) is None):
                func = _coercer(desc.annotation, info)
                if func is not None:
                    self._runtime_param = Plain(parameter_info=info, annotation=desc.annotation, func=func)
        return original(self)

    get_runtime_param.kb_compat = True
    _TyperParameter.get_runtime_param = get_runtime_param


def tidy(cmd):
    """``cmd`` with help that reads as written: a parameter given a ``metavar`` shows
    it alone (``--entity NAME``, ``[FROM [TO]]``), never Typer's type label
    (``<list[str]>``), a range note (``[x>=1]``) or brackets and dots around it
    (``[[FROM [TO]]]...``).  Returns ``cmd``."""
    for p in getattr(cmd, "params", ()):
        metavar = getattr(p, "metavar", None)
        if metavar is None:
            continue
        p.display_type_rich = lambda ctx, m=metavar, opt=p.param_type_name == "option": m if opt else None
        p._usage_display_name = lambda m=metavar: m
        p._get_number_range_help_str = lambda: None
    return cmd


def command(app):
    """The Click command of a Typer app, with pydantic-free coercion where it can."""
    import typer.main

    _install()
    return typer.main.get_command(app)
