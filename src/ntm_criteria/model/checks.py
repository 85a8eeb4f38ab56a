"""Field checks for the public input types: each refuses at once what it cannot trust.

Every check raises :class:`~ntm_criteria.errors.InputError` naming the type, the field, the
value and what was expected. Nothing is coerced: ``"Đạt"``, ``1`` and ``"False"`` are not
booleans, ``"2019-12-31"`` is not a date, NaN and infinities are not numbers. The table readers
turn the words people write into these types; the model never does.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from ntm_criteria.errors import InputError


def number_problem(value: object) -> str | None:
    """Why ``value`` is not a finite number (int or float, not bool), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, Decimal):
            return "an int or a float (a Decimal is given as float(value) or as text in a file)"
        return "a number"
    if isinstance(value, float) and not math.isfinite(value):
        return "a finite number (NaN and infinities are not measurements)"
    return None


def text(owner: str, name: str, *, optional: bool = False) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: non-empty text (or None when ``optional``)."""

    def check(_: Any, __: Any, value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or not value.strip():
            raise InputError(owner, name, value, "non-empty text")

    return check


def flag(owner: str, name: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: ``True`` or ``False`` only."""

    def check(_: Any, __: Any, value: Any) -> None:
        if not isinstance(value, bool):
            raise InputError(owner, name, value, "True or False (a bool; not text or a number)")

    return check


def whole(owner: str, name: str, *, minimum: int, optional: bool = False) -> Callable[..., None]:
    """An attrs validator: a whole number of at least ``minimum`` (or None when ``optional``)."""

    def check(_: Any, __: Any, value: Any) -> None:
        if value is None and optional:
            return
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise InputError(owner, name, value, f"a whole number of at least {minimum}")

    return check


def date(owner: str, name: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: a ``datetime.date`` (not a datetime, not text)."""

    def check(_: Any, __: Any, value: Any) -> None:
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            hint = (
                " (datetime.date.fromisoformat(...) reads text)" if isinstance(value, str) else ""
            )
            raise InputError(owner, name, value, f"a datetime.date{hint}")

    return check


def mapping(owner: str, name: str, value: object) -> Mapping[Any, Any]:
    """``value`` as a mapping, or an :class:`InputError` (None is an empty mapping)."""
    if value is None:
        return {}
    if value.__class__ is dict:  # the usual case, without the abstract-class check
        return value
    if not isinstance(value, Mapping):
        raise InputError(owner, name, value, "a mapping (a dict)")
    return value


def json_value_problem(value: object) -> str | None:
    """Why ``value`` cannot be a fact value (bool, finite number, text, or lists of them)."""
    if value is None or isinstance(value, bool | str):
        return None
    if isinstance(value, int | float | Decimal):
        return number_problem(value)
    if isinstance(value, list | tuple):
        return next((p for v in value if (p := json_value_problem(v))), None)
    return "true/false, a number, text or a list of them"
