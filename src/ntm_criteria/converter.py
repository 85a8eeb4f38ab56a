"""The library's one cattrs converter: every public type to plain data and back.

Plain data is what TOML and JSON hold: dicts with string keys, lists, strings, numbers and
booleans. Enums become their values, dates ISO strings, ``FrozenMap`` a dict, ``None`` and
default values are left out (TOML has no null). Structuring is strict: unknown keys are errors
(a misspelt key in a provincial file must not be ignored), and errors keep their path
(``$.criteria[9].indicators[0].thresholds['TDMNPB'].value``) through :func:`structure`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar, get_args, get_origin

import cattrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from ntm_criteria._frozen import FrozenMap
from ntm_criteria.errors import NtmError, StructureError
from ntm_criteria.model.indicators import ThresholdValue
from ntm_criteria.model.regions import Region

T = TypeVar("T")

converter = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
"""The converter. Use :func:`structure` / :func:`unstructure` rather than this object."""


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(f"expected a date (YYYY-MM-DD), got a date and time {value!r}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}")


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number (not NaN or an infinity), got {value!r}")
    return value


def _structure_scalar(value: Any, _: type) -> bool | int | float | str:
    if isinstance(value, float):
        return _finite(value)
    if isinstance(value, bool | int | str):
        return value
    raise ValueError(f"expected a number, true/false or a label, got {value!r}")


def _frozen_map_hook(cl: Any) -> Callable[[Any, Any], FrozenMap[Any, Any]]:
    key_type, value_type = get_args(cl) or (Any, Any)
    dict_hook = converter.get_structure_hook(dict[key_type, value_type])  # type: ignore[valid-type]

    def structure(value: Any, _: Any) -> FrozenMap[Any, Any]:
        if not isinstance(value, Mapping):
            raise ValueError(f"expected a table of key = value, got {value!r}")
        return FrozenMap(dict_hook(value, dict[key_type, value_type]))  # type: ignore[valid-type]

    return structure


def _unstructure_frozen_map(value: FrozenMap[Any, Any]) -> dict[str, Any]:
    return {str(k): converter.unstructure(v) for k, v in value.items()}


def _strict_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueError(f"expected true or false, got {value!r}")


def _strict_int(value: Any, _: type) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)  # keys of JSON and TOML tables are strings: {"9": false}
    raise ValueError(f"expected a whole number, got {value!r}")


def _strict_float(value: Any, _: type) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _finite(float(value))
    raise ValueError(f"expected a number, got {value!r}")


def _strict_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    raise ValueError(f"expected text, got {value!r}")


# cattrs' defaults call bool(), int(), str() on anything, which would turn "no" into True;
# nothing is coerced here.
converter.register_structure_hook(bool, _strict_bool)
converter.register_structure_hook(int, _strict_int)
converter.register_structure_hook(float, _strict_float)
converter.register_structure_hook(str, _strict_str)


def _structure_decimal(value: Any, _: type) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise ValueError(f"expected money as a whole number or a decimal string, got {value!r}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"expected a decimal number, got {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"expected a finite decimal number, got {value!r}")
    return number


converter.register_structure_hook(Decimal, _structure_decimal)
converter.register_unstructure_hook(Decimal, str)
converter.register_structure_hook(dt.date, _structure_date)
converter.register_unstructure_hook(dt.date, lambda d: d.isoformat())
_SCALARS = {bool, int, float, str}


def _is_scalar_union(t: Any) -> bool:
    """``bool | int | float | str``, optionally ``| None`` (threshold and measured values)."""
    args = set(get_args(t))
    return t == ThresholdValue or (args - {type(None)} == _SCALARS and type(None) in args)


def _structure_optional_scalar(value: Any, t: type) -> bool | int | float | str | None:
    return None if value is None else _structure_scalar(value, t)


converter.register_structure_hook_func(_is_scalar_union, _structure_optional_scalar)


def _structure_region(value: Any, _: type) -> Region:
    if not isinstance(value, str):
        raise ValueError(f"expected a region code or name as text, got {value!r}")
    return Region.lookup(value)


converter.register_structure_hook(Region, _structure_region)


def _is_frozen_map(t: Any) -> bool:
    return t is FrozenMap or get_origin(t) is FrozenMap


converter.register_structure_hook_factory(_is_frozen_map, _frozen_map_hook)


def _is_tuple(t: Any) -> bool:
    return get_origin(t) is tuple


def _tuple_hook(cl: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
    args = get_args(cl)
    homogeneous = len(args) == 2 and args[1] is Ellipsis
    hooks = [converter.get_structure_hook(a) for a in (args[:1] if homogeneous else args)]

    def structure(value: Any, _: Any) -> tuple[Any, ...]:
        # A string is a sequence of characters: source = "http://..." must be a list.
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, list | tuple):
            raise ValueError(f"expected a list, got {value!r}")
        if not homogeneous and len(value) != len(args):
            raise ValueError(f"expected a list of {len(args)} items, got {value!r}")
        out, errors = [], []
        for i, item in enumerate(value):
            hook, type_ = (hooks[0], args[0]) if homogeneous else (hooks[i], args[i])
            try:
                out.append(hook(item, type_))
            except Exception as exc:  # collected with their index, as cattrs does
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"Structuring {cl} @ index {i}", i, type_),
                ]
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cl!r}", errors, cl)
        return tuple(out)

    return structure


converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
converter.register_unstructure_hook_func(_is_frozen_map, _unstructure_frozen_map)


def _format(exc: BaseException, type_: Any) -> str:
    if isinstance(exc, NtmError):
        return str(exc)
    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ValueError | TypeError) and str(exc):
        return str(exc)
    return cattrs.v.format_exception(exc, type_)


def _explain(exc: Exception) -> list[str]:
    return cattrs.transform_error(exc, path="$", format_exception=_format)


def structure(data: Any, cls: type[T]) -> T:
    """Turn plain data into ``cls``, raising :class:`StructureError` with every bad path.

    >>> from ntm_criteria import Commune
    >>> structure({"name": "Phú Đình", "region": "TDMNPB"}, Commune).region.name_en
    'Northern Midlands and Mountains'
    >>> structure({"name": "Phú Đình", "regoin": "TDMNPB"}, Commune)
    Traceback (most recent call last):
    ntm_criteria.errors.StructureError: extra fields found (regoin) @ $
    """
    try:
        return converter.structure(data, cls)
    except (ClassValidationError, IterableValidationError, ForbiddenExtraKeysError) as exc:
        raise StructureError(_explain(exc)) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise StructureError([f"{exc} @ $"]) from None


def unstructure(value: Any) -> Any:
    """Turn any public object into plain data (dicts, lists, str, numbers, booleans)."""
    return converter.unstructure(value)
