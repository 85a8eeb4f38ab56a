"""``FrozenMap``: an immutable, hashable mapping for the fields of frozen model classes.

attrs' ``frozen`` stops attribute assignment but not ``assessment.values["10"] = 99``; a result
cached for one assessment must not change under it. ``FrozenMap`` is a read-only ``Mapping``
with value equality and a hash, so the model classes stay values all the way down.
"""

from __future__ import annotations

from collections.abc import Callable, ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar, overload

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    """A read-only mapping that keeps insertion order, compares by value and can be hashed.

    >>> m = FrozenMap({"10": 31.2})
    >>> m["10"], len(m), m == {"10": 31.2}
    (31.2, 1, True)
    >>> m["10"] = 40
    Traceback (most recent call last):
    TypeError: 'FrozenMap' object does not support item assignment
    """

    __slots__ = ("_data", "_hash")

    @overload
    def __init__(self) -> None: ...
    @overload
    def __init__(self, data: Mapping[K, V]) -> None: ...
    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        self._data: dict[K, V] = dict(data) if data is not None else {}
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def get(self, key: K, default: Any = None) -> Any:
        """Like ``dict.get`` (kept fast: the engine calls it in its inner loop)."""
        return self._data.get(key, default)

    @property
    def lookup(self) -> Callable[[K], V | None]:
        """The dict's own ``get``, bound: for loops that look up many keys."""
        return self._data.get

    def items(self) -> ItemsView[K, V]:
        """The dict's own view (read-only as a view is): faster than Mapping's generic one."""
        return self._data.items()

    def keys(self) -> KeysView[K]:
        """The dict's own keys view."""
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        """The dict's own values view."""
        return self._data.values()

    def __contains__(self, key: object) -> bool:
        return key in self._data


def freeze(data: Mapping[K, V] | None) -> FrozenMap[K, V]:
    """Wrap ``data`` as a ``FrozenMap`` (used as the attrs converter of mapping fields)."""
    if data.__class__ is FrozenMap:
        return data
    if isinstance(data, FrozenMap):
        return data
    return FrozenMap(data or {})
