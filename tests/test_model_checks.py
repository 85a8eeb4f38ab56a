"""The public input types refuse at once what they cannot trust (model/checks.py)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

import ntm_criteria as ntm

DAY = dt.date(2019, 12, 31)
S16 = ntm.load_criteria_set("commune-2016-2020")
RECOGNITION = {"registered_in_plan": True, "outstanding_capital_construction_debt": False}
ALL_MET = dict.fromkeys(range(1, 20), True)


def _commune(**kw: object) -> ntm.Commune:
    return ntm.Commune(**({"name": "Phú Đình", "region": "TDMNPB"} | kw))  # type: ignore[arg-type]


def _assessment(**kw: object) -> ntm.Assessment:
    fields = {"commune": _commune(), "as_of": DAY, "facts": RECOGNITION} | kw
    return ntm.Assessment(**fields)  # type: ignore[arg-type]


CASES: list[tuple[str, Callable[[], object], type[Exception], str]] = [
    (
        "declarations as words",
        lambda: _assessment(declarations=dict.fromkeys(range(1, 20), "Chưa đạt")),
        ntm.InputError,
        "Assessment.declarations[1]: expected True (met) or False",
    ),
    (
        "declarations 'False'",
        lambda: _assessment(declarations={1: "False"}),
        ntm.InputError,
        "got 'False'",
    ),
    (
        "declaration key as text",
        lambda: _assessment(declarations={"5": True}),
        ntm.InputError,
        "write 5 without quotes",
    ),
    (
        "income inf",
        lambda: _assessment(values={"10": float("inf")}),
        ntm.InputError,
        "a finite number",
    ),
    (
        "income nan",
        lambda: _assessment(values={"10": float("nan")}),
        ntm.InputError,
        "a finite number",
    ),
    (
        "Decimal NaN",
        lambda: _assessment(values={"10": Decimal("NaN")}),
        ntm.InputError,
        "a Decimal",
    ),
    (
        "value key a float",
        lambda: _assessment(values={15.1: 90}),
        ntm.InputError,
        "indicator ids as text (write '15.1')",
    ),
    (
        "flag 'False'",
        lambda: _commune(region="DBSH", applies_tdmnpb_level="False"),
        ntm.InputError,
        "Commune.applies_tdmnpb_level: expected True or False",
    ),
    ("flag 1", lambda: _commune(safe_zone=1), ntm.InputError, "Commune.safe_zone"),
    ("region 5", lambda: _commune(region=5), ntm.InputError, "Commune.region"),
    (
        "name None",
        lambda: ntm.Commune(None),
        ntm.InputError,
        "Commune.name: expected non-empty text, got None",
    ),  # type: ignore[arg-type]
    ("name blank", lambda: ntm.Commune("  "), ntm.InputError, "Commune.name"),
    ("group 0", lambda: _commune(commune_group=0), ntm.InputError, "a whole number of at least 1"),
    (
        "commune as text",
        lambda: ntm.Assessment("X", DAY),
        ntm.InputError,
        "Assessment.commune: expected a Commune",
    ),  # type: ignore[arg-type]
    (
        "as_of as text",
        lambda: _assessment(as_of="2019-12-31"),
        ntm.InputError,
        "datetime.date.fromisoformat",
    ),
    (
        "as_of a datetime",
        lambda: _assessment(as_of=dt.datetime(2019, 12, 31)),
        ntm.InputError,
        "a datetime.date",
    ),
    (
        "fact None",
        lambda: _assessment(facts={"registered_in_plan": None}),
        ntm.InputError,
        "leave an unknown fact out",
    ),
    (
        "fact 'yes'",
        lambda: ntm.evaluate(_assessment(facts={"registered_in_plan": "yes"}), S16),
        ntm.AssessmentError,
        "expected true or false, got 'yes'",
    ),
    (
        "fact misspelt",
        lambda: ntm.evaluate(_assessment(facts={"registred_in_plan": True}), S16),
        ntm.AssessmentError,
        "did you mean registered_in_plan",
    ),
    (
        "2010 under 2016-2020",
        lambda: ntm.evaluate(_assessment(as_of=dt.date(2010, 1, 1)), S16),
        ntm.PeriodError,
        "outside the period of commune-2016-2020",
    ),
    (
        "a set id for a set",
        lambda: ntm.evaluate(_assessment(), 5),
        TypeError,
        "expected a CriteriaSet or a packaged set id",
    ),  # type: ignore[arg-type]
    (
        "override inf",
        lambda: ntm.Override("11", float("inf"), "why"),
        ntm.InputError,
        "Override.value",
    ),
    ("override no reason", lambda: ntm.Override("11", 5, ""), ntm.InputError, "Override.reason"),
    ("cost NaN", lambda: ntm.Cost(fixed=Decimal("NaN")), ntm.InputError, "Cost.fixed"),
    ("cost negative", lambda: ntm.Cost(fixed=-5), ntm.InputError, "Cost.fixed"),
    ("cost text", lambda: ntm.Cost(per_unit="abc"), ntm.InputError, "Cost.per_unit"),
    ("cost model empty default", lambda: ntm.CostModel(default=()), ntm.InputError, "non-empty"),
    (
        "cost model entry not a Cost",
        lambda: ntm.CostModel(entries={"criterion 10": [5]}),
        ntm.InputError,
        "CostModel.entries['criterion 10']",
    ),
    (
        "cost model precedence cycle",
        lambda: ntm.CostModel(
            precedence=[("criterion 13", "criterion 10"), ("criterion 10", "criterion 13")]
        ),
        ntm.InputError,
        "precedence without a cycle",
    ),
    (
        "cost model precedence not pairs",
        lambda: ntm.CostModel(precedence=[("criterion 13",)]),
        ntm.InputError,
        "pairs [first, then]",
    ),
    ("cost model empty unit", lambda: ntm.CostModel(unit=" "), ntm.InputError, "CostModel.unit"),
    (
        "upkeep money inf",
        lambda: ntm.Upkeep("Phú Đình", 17, Decimal("Infinity")),
        ntm.InputError,
        "Upkeep.money_per_year",
    ),
    (
        "upkeep criterion text",
        lambda: ntm.Upkeep("Phú Đình", "17", 5),
        ntm.InputError,
        "Upkeep.criterion",
    ),
    ("upkeep no commune", lambda: ntm.Upkeep("", 17, 5), ntm.InputError, "Upkeep.commune"),
    ("cost years text", lambda: ntm.Cost(years="2"), ntm.InputError, "Cost.years"),
    ("not JSON", lambda: ntm.from_json("nope", ntm.Decision), ntm.StructureError, "not valid JSON"),
]


@pytest.mark.parametrize(("what", "build", "error", "fragment"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_fails_at_the_first_call(
    what: str, build: Callable[[], object], error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error) as info:
        build()
    assert fragment in str(info.value)
    if error is not TypeError:
        assert isinstance(info.value, ntm.NtmError)


def test_every_library_error_is_an_ntm_error() -> None:
    for name in ("CellError", "SearchLimitError", "StructureError", "InputError", "RecordError"):
        assert issubclass(getattr(ntm, name), ntm.NtmError), name


def test_a_set_id_is_accepted_where_a_set_is() -> None:
    assert ntm.evaluate(_assessment(), "commune-2016-2020").criteria_set is S16


def test_retrospective_study_is_asked_for_and_never_certifies() -> None:
    a = _assessment(as_of=dt.date(2023, 6, 1), declarations=ALL_MET)
    e = ntm.evaluate(a, S16, allow_out_of_period=True)
    assert any(c.kind is ntm.CaveatKind.OUT_OF_PERIOD for c in e.caveats)
    d = ntm.decide(e)
    assert d.outcome is ntm.Outcome.INDETERMINATE
    assert "retrospective study" in ntm.explain(d, "en")
    assert "nghiên cứu hồi cứu" in ntm.explain(d, "vi")
    # the same assessment in its period certifies: the period alone holds it back
    assert ntm.decide(ntm.evaluate(_assessment(declarations=ALL_MET), S16)).certified


def test_what_if_decision_says_it_is_hypothetical() -> None:
    # criterion 11 has one indicator; TDMNPB's ceiling is 12%: 15% passes only under the what-if
    lax = S16.with_overrides(
        ntm.Override("11", 20, "a lax poverty ceiling", zone="TDMNPB"), id="whatif-lax"
    )
    a = _assessment(values={"11": 15}, declarations={n: True for n in range(1, 20) if n != 11})
    assert not ntm.decide(ntm.evaluate(a, S16)).certified
    d = ntm.decide(ntm.evaluate(a, lax))
    assert d.certified
    assert d.hypothetical
    assert d.what_if_cells == 1
    assert "CERTIFIED (hypothetical (what-if)" in ntm.explain(d, "en")
    assert "giả định" in ntm.explain(d, "vi")
    row = ntm.evaluation_rows([d.evaluation], [d])[0]
    assert (row["hypothetical"], row["what_if_cells"], row["declared_criteria"]) == (True, 1, 18)


def test_edited_stored_decision_is_refused() -> None:
    d = ntm.decide(ntm.evaluate(_assessment(declarations={n: n != 5 for n in range(1, 20)}), S16))
    data = json.loads(ntm.to_json(d))
    assert ntm.from_json(json.dumps(data), ntm.Decision).outcome is ntm.Outcome.NOT_CERTIFIED
    data["outcome"] = "certified"
    with pytest.raises(
        ntm.RecordError, match="outcome stored as certified, recomputed not_certified"
    ):
        ntm.from_json(json.dumps(data), ntm.Decision)
    data = json.loads(ntm.to_json(d))
    data["evaluation"]["criteria"][4]["status"] = "met"
    data["evaluation"]["met"] += 1
    with pytest.raises(ntm.RecordError, match="criterion 5 stored as met, recomputed not_met"):
        ntm.from_json(json.dumps(data), ntm.Decision)


def test_the_same_commune_twice_is_refused_by_rollups_and_plans() -> None:
    e1 = ntm.evaluate(_assessment(), S16)
    e2 = ntm.evaluate(_assessment(commune=_commune(name="phu  dinh ")), S16)
    with pytest.raises(ntm.AssessmentError, match="the same commune"):
        ntm.summarize([e1, e2])
    with pytest.raises(ntm.AssessmentError, match="the same commune"):
        ntm.plan_district([e1, e1], ntm.CostModel(), 1, 2020, Decimal(5))


def test_percent_formatted_cell_is_read_as_shown(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Xã", "Vùng", "Ngày", "15.3", "10"])
    ws.append(["A", "DBSH", DAY, 0.3, 0.5])
    ws["D2"].number_format = "0%"  # shown as 30 %: the 15.3 ceiling of 26.7 is not met
    book.save(tmp_path / "pct.xlsx")
    (a,) = ntm.read_assessments(tmp_path / "pct.xlsx", S16)
    assert a.values["15.3"] == 30
    ws["E2"].number_format = "0%"  # a percent format on an income column is a mistake
    book.save(tmp_path / "pct.xlsx")
    with pytest.raises(ntm.TableError, match=r"column '10'.*'%' is for percentages only"):
        ntm.read_assessments(tmp_path / "pct.xlsx", S16)


_ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=8),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)
_COMMUNE_TYPES = {
    "name": str,
    "code": (str, type(None)),
    "district": (str, type(None)),
    "province": (str, type(None)),
    "commune_group": (int, type(None)),
    "especially_difficult": bool,
    "safe_zone": bool,
    "applies_tdmnpb_level": bool,
}


@given(field=st.sampled_from(sorted(_COMMUNE_TYPES)), value=_ANYTHING)
def test_commune_fields_hold_their_declared_types_or_refuse(field: str, value: object) -> None:
    kw = {"name": "X", field: value}
    try:
        c = ntm.Commune(**kw)  # type: ignore[arg-type]
    except ntm.NtmError:
        event("refused")
        return
    event("accepted")
    got = getattr(c, field)
    assert isinstance(got, _COMMUNE_TYPES[field])
    if isinstance(got, int | float) and not isinstance(got, bool):
        assert got == got  # not NaN


@given(
    field=st.sampled_from(["values", "declarations", "facts", "series", "as_of", "note"]),
    key=st.one_of(st.text(max_size=4), st.integers(), st.floats()),
    value=_ANYTHING,
)
def test_assessment_fields_hold_their_declared_types_or_refuse(
    field: str, key: object, value: object
) -> None:
    kw: dict[str, object] = {"commune": ntm.Commune("X"), "as_of": DAY}
    kw[field] = value if field in ("as_of", "note") else {key: value}
    try:
        a = ntm.Assessment(**kw)  # type: ignore[arg-type]
    except ntm.NtmError:
        event("refused")
        return
    event("accepted")
    if field == "values":
        for k, v in a.values.items():
            assert isinstance(k, str)
            assert isinstance(v, bool | int | float | str)
            assert not isinstance(v, float) or (v == v and abs(v) != float("inf"))
    elif field == "declarations":
        assert all(type(k) is int and type(v) is bool for k, v in a.declarations.items())
    elif field == "note":
        assert a.note is None or isinstance(a.note, str)
    elif field == "as_of":
        assert type(a.as_of) is dt.date
