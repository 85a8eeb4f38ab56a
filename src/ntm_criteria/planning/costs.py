"""Cost models: what closing a gap costs, in money and in time, stored exactly.

A :class:`Cost` prices one way of closing a gap: a fixed part plus a part per unit of gap (in
the indicator's own unit), and the number of years it takes. Several options for the same gap
(a slow, cheap way and a fast, dear one) let the planner trade time against money. Money is a
``Decimal`` in millions of VND (never a float that drifts). The neutral default prices every
gap at one unit of money and one year, so planning works before anyone has estimates.

Entries are looked up most specific first: ``"<commune>/<target>"``, then the indicator id,
then ``"criterion N"``, then the default. A cost model can be written in TOML::

    unit = "million VND"
    default = [{ fixed = "1", years = 1 }]
    precedence = [["criterion 13", "criterion 10"]]   # production organisation before income

    [entries]
    "criterion 10" = [{ fixed = "800", years = 2 }, { fixed = "1500", years = 1 }]
    "15.1" = [{ fixed = "20", per_unit = "15", years = 1 }]
    "Phú Đình/criterion 9" = [{ fixed = "2500", years = 2 }]
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria.converter import structure
from ntm_criteria.errors import CriteriaDataError, InputError, StructureError
from ntm_criteria.model import checks


def money(owner: str, name: str) -> Callable[[object], Decimal]:
    """An attrs converter: money as an exact ``Decimal`` of at least 0, or an InputError."""
    expected = "money as a whole number, a decimal string or a finite Decimal of at least 0"

    def convert(value: object) -> Decimal:
        if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
            raise InputError(owner, name, value, expected)
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise InputError(owner, name, value, expected) from None
        if not amount.is_finite() or amount < 0:
            raise InputError(owner, name, value, expected)
        return amount

    return convert


def _fixed(value: object) -> Decimal:
    return money("Cost", "fixed")(value)


def _per_unit(value: object) -> Decimal:
    return money("Cost", "per_unit")(value)


@frozen
class Cost:
    """One way of closing a gap: ``fixed + per_unit x gap`` money, taking ``years`` years."""

    fixed: Decimal = field(default=Decimal(0), converter=_fixed)
    per_unit: Decimal = field(default=Decimal(0), converter=_per_unit)
    years: int = field(default=1, validator=checks.whole("Cost", "years", minimum=1))

    def money(self, gap: Decimal | None) -> Decimal:
        """The money this option costs for a gap of ``gap`` units (None: the fixed part only)."""
        return self.fixed + (self.per_unit * gap if gap is not None and gap > 0 else 0)


def _options(name: str, value: object) -> tuple[Cost, ...]:
    if not isinstance(value, list | tuple) or not value:
        raise InputError("CostModel", name, value, "a non-empty list of Cost options")
    for option in value:
        if not isinstance(option, Cost):
            raise InputError("CostModel", name, option, "a Cost (fixed, per_unit, years)")
    return tuple(value)


def _costs(value: object) -> FrozenMap[str, tuple[Cost, ...]]:
    entries = checks.mapping("CostModel", "entries", value)
    for key in entries:
        if not isinstance(key, str) or not key.strip():
            raise InputError("CostModel", "entries", key, "a target as non-empty text")
    return freeze({key: _options(f"entries[{key!r}]", v) for key, v in entries.items()})


def _default(value: object) -> tuple[Cost, ...]:
    return _options("default", value)


def _precedence(value: object) -> tuple[tuple[str, str], ...]:
    expected = "pairs [first, then] of targets as non-empty text"
    if not isinstance(value, list | tuple):
        raise InputError("CostModel", "precedence", value, expected)
    pairs: list[tuple[str, str]] = []
    for pair in value:
        if (
            not isinstance(pair, list | tuple)
            or len(pair) != 2
            or not all(isinstance(t, str) and t.strip() for t in pair)
        ):
            raise InputError("CostModel", "precedence", pair, expected)
        pairs.append((pair[0], pair[1]))
    cycle = _cycle(pairs)
    if cycle:
        raise InputError(
            "CostModel", "precedence", " -> ".join(cycle), "precedence without a cycle"
        )
    return tuple(pairs)


def _cycle(pairs: list[tuple[str, str]]) -> list[str]:
    """A cycle in the precedence pairs as a path that returns to its start, or []."""
    after: dict[str, list[str]] = {}
    for first, then in pairs:
        after.setdefault(first, []).append(then)
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in after.get(node, ()):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], node, nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, node])):
                return found
        state[node] = 2
        return []

    for start in list(after):
        if start not in state and (found := visit(start, [])):
            return found
    return []


@frozen
class CostModel:
    """Prices of closing gaps, with optional precedence between targets."""

    entries: FrozenMap[str, tuple[Cost, ...]] = field(factory=FrozenMap, converter=_costs)
    default: tuple[Cost, ...] = field(
        default=(Cost(fixed=Decimal(1), years=1),), converter=_default
    )
    precedence: tuple[tuple[str, str], ...] = field(default=(), converter=_precedence)
    unit: str = field(default="million VND", validator=checks.text("CostModel", "unit"))
    note: str | None = field(
        default=None, validator=checks.text("CostModel", "note", optional=True)
    )

    def options(self, commune: str, target: str, criterion: int) -> tuple[Cost, ...]:
        """The ways of closing ``target`` in ``commune``, most specific entry first."""
        for key in (
            f"{commune}/{target}",
            target,
            f"{commune}/criterion {criterion}",
            f"criterion {criterion}",
        ):
            if key in self.entries:
                return self.entries[key]
        return self.default

    @property
    def is_neutral(self) -> bool:
        """True for the default model (every gap: one unit of money, one year)."""
        return (
            not self.entries
            and not self.precedence
            and self.default == (Cost(fixed=Decimal(1), years=1),)
        )


def read_cost_model(path: str | Path) -> CostModel:
    """Read a cost model from a TOML file (see the module's documentation for the layout).

    Raises:
        CriteriaDataError: the file does not fit, naming the path of every bad value.
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CriteriaDataError(str(path), [f"cannot read the cost model: {exc}"]) from None
    try:
        return structure(data, CostModel)
    except StructureError as exc:
        raise CriteriaDataError(str(path), exc.problems) from None


#: The neutral model: every gap costs one work unit and takes one year, so that planning works
#: before anyone has estimates (and says it is counting work units, not money).
NEUTRAL = CostModel(unit="work units")
