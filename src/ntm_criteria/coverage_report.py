"""Coverage: how much of a criteria set is established, per criterion and status.

This is how a user learns what they must supply: an indicator whose cell is unspecified for
their zone will be UNKNOWN until a provincial layer, an override or a declaration fills it.
"""

from __future__ import annotations

from attrs import frozen

from ntm_criteria.data import as_set
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.indicators import Indicator
from ntm_criteria.model.provenance import EvidenceStatus


@frozen
class CoverageRow:
    """Threshold cells of one criterion, counted by status.

    ``criterion`` is None for the row of indicators the law places in no criterion, and 0 for
    the total.
    """

    criterion: int | None
    name_en: str
    verified: int
    provisional: int
    unspecified: int

    @property
    def cells(self) -> int:
        """All cells counted in this row."""
        return self.verified + self.provisional + self.unspecified


@frozen(repr=False)
class Coverage:
    """Threshold cells of a set (or of one zone of it), by criterion and status.

    >>> from ntm_criteria import load_criteria_set
    >>> c = coverage(load_criteria_set("commune-2016-2020"))
    >>> c.total.cells, c.total.verified, c.total.provisional, c.total.unspecified
    (432, 47, 253, 132)
    """

    set_id: str
    zone: str | None
    rows: tuple[CoverageRow, ...]

    def __repr__(self) -> str:
        t = self.total
        zone = f" {self.zone}" if self.zone else ""
        return (
            f"<Coverage {self.set_id}{zone}: {t.cells} cells, {t.verified} verified, "
            f"{t.provisional} provisional, {t.unspecified} unspecified>"
        )

    def __str__(self) -> str:
        return self.to_markdown()

    @property
    def total(self) -> CoverageRow:
        """The sum over every criterion (``criterion`` is 0)."""
        return CoverageRow(
            0,
            "All criteria",
            sum(r.verified for r in self.rows),
            sum(r.provisional for r in self.rows),
            sum(r.unspecified for r in self.rows),
        )

    def to_markdown(self) -> str:
        """The coverage as a Markdown table, with a total row."""
        lines = [
            "| Criterion | Cells | Verified | Provisional | Unspecified |",
            "|---|---:|---:|---:|---:|",
        ]
        for r in (*self.rows, self.total):
            label = (
                f"**{r.name_en}**"
                if r.criterion == 0
                else (f"{r.criterion}. {r.name_en}" if r.criterion else r.name_en)
            )
            lines.append(
                f"| {label} | {r.cells} | {r.verified} | {r.provisional} | {r.unspecified} |"
            )
        return "\n".join(lines)


def _leaves(ind: Indicator) -> tuple[Indicator, ...]:
    return ind.parts or (ind,)


def coverage(criteria_set: CriteriaSet | str, zone: str | None = None) -> Coverage:
    """Count the threshold cells of ``criteria_set`` by criterion and evidence status.

    Args:
        criteria_set: the set to count.
        zone: count only this zone's cells (every year of by-year indicators); all zones when
            None.

    Raises:
        KeyError: ``zone`` is not a zone of the set.
    """
    criteria_set = as_set(criteria_set)
    if zone is not None and zone not in criteria_set.zone_codes:
        raise KeyError(f"{zone!r} is not a zone of {criteria_set.id!r}")
    groups: list[tuple[int | None, str, tuple[Indicator, ...]]] = [
        (c.id, c.name_en, c.indicators) for c in criteria_set.criteria
    ]
    if criteria_set.unplaced_indicators:
        groups.append((None, "Indicators placed in no criterion", criteria_set.unplaced_indicators))
    rows = []
    for number, name, indicators in groups:
        counts = dict.fromkeys(EvidenceStatus, 0)
        for ind in indicators:
            for leaf in _leaves(ind):
                for cell_zone, _, cell in leaf.cells():
                    if zone is None or cell_zone == zone:
                        counts[cell.status] += 1
        rows.append(
            CoverageRow(
                number,
                name,
                counts[EvidenceStatus.VERIFIED],
                counts[EvidenceStatus.PROVISIONAL],
                counts[EvidenceStatus.UNSPECIFIED],
            )
        )
    return Coverage(criteria_set.id, zone, tuple(rows))
