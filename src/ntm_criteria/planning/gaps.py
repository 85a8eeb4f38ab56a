"""Gaps: what stands between a commune and certification, in each indicator's own unit.

For every indicator that is not met, or unknown, a :class:`Gap` says how far it is from its
threshold (income 31.2 against 36: a gap of 4.8 million VND), or that it is to be achieved
(a yes/no indicator), or why the distance cannot be known (no value, no established level).
A criterion decided only by a declaration ("criterion 10 not met") becomes one criterion-level
gap: the office knows it must be closed, not by how much.
"""

from __future__ import annotations

from decimal import Decimal

from attrs import frozen

from ntm_criteria.engine.results import Evaluation, IndicatorResult, Status, VerdictBasis
from ntm_criteria.messages import Message, msg
from ntm_criteria.model.indicators import Kind, Unit
from ntm_criteria.model.requirements import requirement


@frozen
class Gap:
    """One thing to close before the commune can be certified.

    Attributes:
        target: the indicator id, or ``"criterion N"`` for a criterion-level gap.
        criterion: the criterion it belongs to.
        status: NOT_MET or UNKNOWN.
        amount: the distance to the threshold in ``unit`` (None: to achieve, or not known).
        unit: the indicator's unit (None for yes/no and criterion-level gaps).
        value, threshold: the measured value and the level, where known.
        reason: the gap in words (a message, said in either language).
    """

    target: str
    criterion: int
    status: Status
    reason: Message
    amount: Decimal | None = None
    unit: Unit | None = None
    value: object = None
    threshold: object = None

    @property
    def is_criterion_level(self) -> bool:
        """True for a gap known only at the level of the criterion (a declaration)."""
        return self.target.startswith("criterion ")


def _dec(x: object) -> Decimal:
    return Decimal(repr(float(x))) if isinstance(x, float) else Decimal(int(x))  # type: ignore[call-overload]


def _indicator_gap(criterion: int, r: IndicatorResult) -> Gap:
    ind, cell = r.indicator, r.threshold
    level = None if cell is None else cell.value
    if r.status is Status.UNKNOWN:
        why = (
            "gap.no_level"
            if level is None
            else "gap.no_value"
            if r.value is None
            else "gap.applies_unknown"
        )
        return Gap(ind.id, criterion, r.status, msg(why), value=r.value, threshold=level)
    if ind.kind is Kind.ACHIEVED:
        return Gap(ind.id, criterion, r.status, msg("gap.achieve"), value=r.value, threshold=level)
    if ind.kind is Kind.MIN_RATING:
        return Gap(
            ind.id,
            criterion,
            r.status,
            msg("gap.rating", value=r.value, level=level),
            amount=None if r.margin is None else _dec(-r.margin),
            unit=Unit.LEVEL,
            value=r.value,
            threshold=level,
        )
    amount = None if r.margin is None else _dec(-r.margin)
    unit = ind.unit if ind.unit is not None else Unit.COUNT
    return Gap(
        ind.id,
        criterion,
        r.status,
        msg(
            requirement(ind.kind).gap_key or "gap.close",
            value=r.value,
            level=level,
            amount=amount,
            unit=msg(f"unitname.{unit.value}"),
        ),
        amount=amount,
        unit=unit,
        value=r.value,
        threshold=level,
    )


def gaps(evaluation: Evaluation) -> tuple[Gap, ...]:
    """Every gap of an evaluation, criterion by criterion, in table order.

    >>> import datetime as dt
    >>> import ntm_criteria as ntm
    >>> s = ntm.load_criteria_set("commune-2016-2020")
    >>> a = ntm.Assessment(ntm.Commune("X", region="TDMNPB"), dt.date(2020, 6, 30),
    ...                    values={"10": 31.2}, declarations={9: False})
    >>> [(g.target, g.amount) for g in gaps(ntm.evaluate(a, s)) if g.criterion in (9, 10)]
    [('criterion 9', None), ('10', Decimal('4.8'))]
    """
    out: list[Gap] = []
    for c in evaluation.criteria:
        if c.status in (Status.MET, Status.NOT_APPLICABLE):
            continue
        if c.basis is VerdictBasis.DECLARED or (
            c.basis is VerdictBasis.NONE
            and c.status is Status.UNKNOWN
            and not any(r.value is not None for r in c.indicators)
        ):
            what = "gap.declared" if c.status is Status.NOT_MET else "gap.unknown_criterion"
            out.append(Gap(f"criterion {c.id}", c.id, c.status, msg(what, criterion=c.id)))
            continue
        for top in c.indicators:
            leaves = top.parts or (top,)
            for r in leaves:
                if r.status in (Status.NOT_MET, Status.UNKNOWN):
                    out.append(_indicator_gap(c.id, r))
        if not any(g.criterion == c.id for g in out):
            # unknown only because the indicator list is partial
            out.append(
                Gap(
                    f"criterion {c.id}",
                    c.id,
                    c.status,
                    msg(
                        "gap.criterion_status",
                        criterion=c.id,
                        status=msg(f"status.{c.status.value}"),
                    ),
                )
            )
    return tuple(out)
