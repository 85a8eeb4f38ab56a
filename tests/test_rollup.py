"""The Định Hóa 2019 case: the facts of the district review, reproduced end to end.

Facts (issue #2, from the district's 2019 review): Phú Đình met 15/19 (unmet 9, 10, 11, 15);
Sơn Phú 14/19 (unmet 3, 6, 10, 15, 17); Trung Lương 13/19 (unmet 6, 10, 11, 13, 17, 19).
"""

from __future__ import annotations

import collections
import datetime as dt
import runpy
from fractions import Fraction

import pytest

import ntm_criteria as ntm
from ntm_criteria.io.reading import read_assessments
from tests.conftest import ROOT

FACTS = {
    "Phú Đình": (15, (9, 10, 11, 15)),
    "Sơn Phú": (14, (3, 6, 10, 15, 17)),
    "Trung Lương": (13, (6, 10, 11, 13, 17, 19)),
}


@pytest.fixture(scope="module")
def evaluations() -> list[ntm.Evaluation]:
    assessments = read_assessments(ROOT / "examples" / "dinh-hoa-2019.toml")
    return [ntm.evaluate(a, ntm.set_in_force(a.as_of)) for a in assessments]


def test_each_commune_as_reviewed(evaluations: list[ntm.Evaluation]) -> None:
    assert [e.assessment.commune.name for e in evaluations] == list(FACTS)
    for e in evaluations:
        met, unmet = FACTS[e.assessment.commune.name]
        assert e.criteria_set.id == "commune-2016-2020"
        assert e.zone == "TDMNPB"
        assert (e.met_count, e.total, e.unmet_criteria) == (met, 19, unmet)
        assert e.unknown_criteria == ()
        assert ntm.decide(e).outcome is ntm.Outcome.NOT_CERTIFIED


def test_summary_of_the_three_candidates(evaluations: list[ntm.Evaluation]) -> None:
    s = ntm.summarize(evaluations)
    fails = collections.Counter(n for _, unmet in FACTS.values() for n in unmet)
    assert (s.communes, s.certified, s.certified_share) == (3, 0, 0.0)
    assert s.average_met == Fraction(15 + 14 + 13, 3)
    assert {t.criterion: t.not_met for t in s.criteria if t.not_met} == dict(fails)
    assert s.failing()[0].criterion == 10  # income fails in all three
    assert sum(t.met for t in s.criteria) == 15 + 14 + 13


def test_summarize_refuses_mixed_or_empty_input() -> None:
    with pytest.raises(ValueError, match="at least one"):
        ntm.summarize([])
    one = ntm.Commune("Phú Đình", region="TDMNPB")
    old = ntm.evaluate(ntm.Assessment(one, dt.date(2019, 12, 31)), "commune-2016-2020")
    other = ntm.Commune("Sơn Phú", region="TDMNPB")
    new = ntm.evaluate(ntm.Assessment(other, dt.date(2023, 12, 31)), "commune-2021-2025")
    with pytest.raises(
        ValueError, match="different criteria sets: commune-2016-2020, commune-2021-2025"
    ):
        ntm.summarize([old, new])


def test_example_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(ROOT / "examples" / "dinh_hoa.py"), run_name="__main__")
    out = capsys.readouterr().out
    assert (
        "Phú Đình: 15/19 criteria met; not met: 9 Residential housing, 10 Income, 11 Poor households, 15 Health"
        in out
    )
    assert "Sơn Phú: 14/19" in out
    assert "Trung Lương: 13/19" in out
    assert "6/23 certified at the end of 2018; target 10/23 by 2020 needs 4 more" in out
