"""Hypothesis strategies for the library's types, so apps can property-test their own code.

Needs the optional ``hypothesis`` package (``pip install 'ntm-criteria[test]'``)::

    from hypothesis import given
    from ntm_criteria import evaluate, load_criteria_set
    from ntm_criteria.strategies import assessments

    rules = load_criteria_set("commune-2016-2020")

    @given(assessments(rules))
    def test_my_report_never_crashes(a):
        my_report(evaluate(a, rules))

The library's own tests use these strategies.
"""

from __future__ import annotations

import datetime as dt
import string
from typing import Any

from ntm_criteria._optional import optional_import

st = optional_import("hypothesis.strategies", "test", "ntm_criteria.strategies")

from ntm_criteria.model.commune import Assessment, Commune, MeasuredValue  # noqa: E402
from ntm_criteria.model.criteria import CriteriaSet  # noqa: E402
from ntm_criteria.model.indicators import Criterion, Indicator, Kind, Threshold, Unit  # noqa: E402
from ntm_criteria.model.provenance import Basis, EvidenceStatus, Fact  # noqa: E402
from ntm_criteria.model.regions import Region  # noqa: E402
from ntm_criteria.model.rules import (  # noqa: E402
    ConditionCheck,
    Recognition,
    RecognitionCondition,
    Zone,
    ZoneKind,
)

__all__ = [
    "assessments",
    "communes",
    "criteria_sets",
    "measured_values",
    "names",
    "passing_value",
    "regions",
]


def regions() -> Any:
    """Any of the seven regions."""
    return st.sampled_from(list(Region))


def names() -> Any:
    """Commune names: non-empty Vietnamese-looking text without surrounding spaces."""
    letters = string.ascii_letters + "ĐđÂâĂăÊêÔôƠơƯưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ "
    return st.text(letters, min_size=1, max_size=20).map(str.strip).filter(bool)


def communes(region: Region | None = None) -> Any:
    """Communes with a region (``region`` if given) and random flags."""
    return st.builds(
        Commune,
        name=names(),
        region=st.just(region) if region else regions(),
        code=st.none() | st.from_regex(r"[0-9]{5}", fullmatch=True),
        district=st.none() | names(),
        especially_difficult=st.booleans(),
        safe_zone=st.booleans(),
    )


def measured_values(indicator: Indicator, criteria_set: CriteriaSet) -> Any:
    """Values valid for ``indicator``: in range for its unit, a level of its scale, yes/no."""
    if indicator.kind in (Kind.AT_LEAST, Kind.AT_MOST):
        top = 100.0 if indicator.unit is Unit.PERCENT else 200.0
        return st.floats(0, top, allow_nan=False).map(lambda x: round(x, 2))
    if indicator.kind is Kind.NONE_ALLOWED:
        return st.integers(0, 5)
    if indicator.kind is Kind.MIN_RATING:
        scale = criteria_set.scales.get(indicator.scale or "")
        if scale is None or scale.values_low_to_high is None:
            return st.integers(0, 5)
        return st.sampled_from(scale.values_low_to_high)
    return st.booleans()


def passing_value(indicator: Indicator, cell: Threshold, criteria_set: CriteriaSet) -> Any:
    """Values that meet ``cell`` (whose value must be established)."""
    level = cell.value
    assert level is not None
    if indicator.kind is Kind.AT_LEAST:
        top = 100.0 if indicator.unit is Unit.PERCENT else float(level) + 50
        return st.floats(float(level), top, allow_nan=False)
    if indicator.kind is Kind.AT_MOST:
        return st.floats(0, float(level), allow_nan=False)
    if indicator.kind is Kind.NONE_ALLOWED:
        return st.just(0)
    if indicator.kind is Kind.MIN_RATING:
        scale = criteria_set.scales[indicator.scale or ""]
        labels = scale.values_low_to_high or ()
        rank = scale.rank(level) or 0
        return st.sampled_from(labels[rank:]) if labels else st.integers(rank, rank + 3)
    return st.just(True)


@st.composite  # type: ignore[untyped-decorator]
def assessments(
    draw: Any,
    criteria_set: CriteriaSet,
    *,
    region: Region | None = None,
    dates: tuple[dt.date, dt.date] | None = None,
    complete: bool = False,
) -> Assessment:
    """Assessments valid for ``criteria_set``: its value keys, values of the right kind.

    Args:
        criteria_set: the set the values must fit.
        region: the communes' region (random when None).
        dates: the range of ``as_of`` (default: the set's period, to 2030 when open-ended).
        complete: give a value for every indicator (otherwise a random subset).
    """
    keys = criteria_set.value_keys()
    chosen = (
        sorted(keys) if complete else draw(st.lists(st.sampled_from(sorted(keys)), unique=True))
    )
    values: dict[str, MeasuredValue] = {
        k: draw(measured_values(keys[k], criteria_set)) for k in chosen
    }
    numbers = [c.id for c in criteria_set.criteria]
    declarations = draw(
        st.dictionaries(st.sampled_from(numbers), st.booleans(), max_size=len(numbers))
    )
    first, last = dates or (
        criteria_set.in_force_from,
        criteria_set.in_force_until or dt.date(2030, 12, 31),
    )
    reads = criteria_set.fact_kinds()
    facts = {  # yes/no facts the set reads (a fact it does not read is refused)
        name: value
        for name, value in draw(
            st.dictionaries(
                st.sampled_from(sorted(n for n, k in reads.items() if k == "yes/no") or [""]),
                st.booleans(),
            )
        ).items()
        if name
    }
    commune = draw(communes(region))
    return Assessment(
        commune, draw(st.dates(first, last)), values=values, declarations=declarations, facts=facts
    )


def _provenance(draw: Any) -> dict[str, Any]:
    status = draw(st.sampled_from([EvidenceStatus.VERIFIED, EvidenceStatus.PROVISIONAL]))
    basis = Basis.LEGAL_TEXT if status is EvidenceStatus.VERIFIED else Basis.SINGLE_SOURCE
    return {"status": status, "basis": basis, "source": ("https://example.invalid/law",)}


@st.composite  # type: ignore[untyped-decorator]
def criteria_sets(draw: Any, max_criteria: int = 4, max_indicators: int = 3) -> CriteriaSet:
    """Small, valid criteria sets over the seven regions: percentage floors and yes/no
    indicators, some cells unspecified, recognised when every criterion is met."""
    zones = tuple(Zone(r.code, r.name_vi, r.name_en, ZoneKind.REGION) for r in Region)
    criteria = []
    n = 0
    for number in range(1, draw(st.integers(1, max_criteria)) + 1):
        indicators: list[Indicator] = []
        for _ in range(draw(st.integers(1, max_indicators))):
            n += 1
            kind = draw(st.sampled_from([Kind.AT_LEAST, Kind.ACHIEVED]))
            cells = {}
            for z in zones:
                if draw(st.integers(0, 9)) == 0:
                    cells[z.code] = Threshold(EvidenceStatus.UNSPECIFIED)
                else:
                    value = True if kind is Kind.ACHIEVED else draw(st.integers(10, 100))
                    cells[z.code] = Threshold(value=value, **_provenance(draw))
            indicators.append(
                Indicator(
                    id=f"{number}.{len(indicators) + 1}",
                    name_vi=f"Chỉ tiêu {n}",
                    name_en=f"Indicator {n}",
                    kind=kind,
                    definition=Fact(EvidenceStatus.VERIFIED, basis=Basis.LEGAL_TEXT),
                    unit=Unit.PERCENT if kind is Kind.AT_LEAST else Unit.FLAG,
                    thresholds=cells,
                )
            )
        criteria.append(
            Criterion(
                id=number,
                key=f"c{number}",
                name_vi=f"Tiêu chí {number}",
                name_en=f"Criterion {number}",
                indicator_count=Fact(
                    EvidenceStatus.VERIFIED, value=len(indicators), basis=Basis.LEGAL_TEXT
                ),
                indicators=tuple(indicators),
            )
        )
    count = Fact(EvidenceStatus.VERIFIED, value=len(criteria), basis=Basis.LEGAL_TEXT)
    return CriteriaSet(
        schema="ntm-criteria/criteria-set/1",
        id="generated",
        name_vi="Bộ tiêu chí thử",
        name_en="Generated set",
        level="commune",
        tier="standard",
        instrument="test",
        issued=dt.date(2020, 1, 1),
        in_force_from=dt.date(2020, 1, 1),
        zone_dimension=ZoneKind.REGION,
        criteria_count=count,
        indicator_count=Fact(EvidenceStatus.VERIFIED, value=n, basis=Basis.LEGAL_TEXT),
        zones=zones,
        criteria=tuple(criteria),
        recognition=Recognition(
            "test",
            (
                RecognitionCondition(
                    "all_criteria_met",
                    "all criteria",
                    ConditionCheck.ALL_CRITERIA_MET,
                    EvidenceStatus.VERIFIED,
                    basis=Basis.LEGAL_TEXT,
                ),
            ),
        ),
    )
