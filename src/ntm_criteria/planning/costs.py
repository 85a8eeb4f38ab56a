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
from decimal import Decimal, InvalidOperation
from pathlib import Path

from attrs import field, frozen

from ntm_criteria._frozen import FrozenMap, freeze
from ntm_criteria.errors import CriteriaDataError, InputError, StructureError
from ntm_criteria.io.converter import structure
from ntm_criteria.model import checks


def _decimal(value: object) -> Decimal:
    expected = "money as a whole number, a decimal string or a finite Decimal of at least 0"
    if isinstance(value, bool) or not isinstance(value, int | str | Decimal):
        raise InputError("Cost", "money", value, expected)
    try:
        money = Decimal(value)
    except InvalidOperation:
        raise InputError("Cost", "money", value, expected) from None
    if not money.is_finite() or money < 0:
        raise InputError("Cost", "money", value, expected)
    return money


@frozen
class Cost:
    """One way of closing a gap: ``fixed + per_unit x gap`` money, taking ``years`` years."""

    fixed: Decimal = field(default=Decimal(0), converter=_decimal)
    per_unit: Decimal = field(default=Decimal(0), converter=_decimal)
    years: int = field(default=1, validator=checks.whole("Cost", "years", minimum=1))

    def money(self, gap: Decimal | None) -> Decimal:
        """The money this option costs for a gap of ``gap`` units (None: the fixed part only)."""
        return self.fixed + (self.per_unit * gap if gap is not None and gap > 0 else 0)


def _costs(value: dict[str, tuple[Cost, ...]] | None) -> FrozenMap[str, tuple[Cost, ...]]:
    return freeze(value)


@frozen
class CostModel:
    """Prices of closing gaps, with optional precedence between targets."""

    entries: FrozenMap[str, tuple[Cost, ...]] = field(factory=FrozenMap, converter=_costs)
    default: tuple[Cost, ...] = (Cost(fixed=Decimal(1), years=1),)
    precedence: tuple[tuple[str, str], ...] = ()
    unit: str = "million VND"
    note: str | None = None

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
        return not self.entries and self.default == (Cost(fixed=Decimal(1), years=1),)


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
