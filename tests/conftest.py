"""Shared fixtures: the packaged set, and the legal reference kept in the repository."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

import ntm_criteria as ntm

ROOT = Path(__file__).resolve().parent.parent
#: The legal reference as copied into the repository (``reference/``, see its README). Every
#: test that compares the package with it runs on a fresh clone; ``tools/check_reference.py``
#: says whether this copy still equals the upstream one.
REFERENCE_DIR = ROOT / "reference" / "upstream"


#: The day of the Định Hóa 2019 review, the default day of the engine tests.
DAY_2019 = dt.date(2019, 12, 31)


def evaluate_in(
    s: ntm.CriteriaSet, region: str = "TDMNPB", day: dt.date = DAY_2019, **kw: object
) -> ntm.Evaluation:
    """An assessment of a commune in ``region`` on ``day`` (values, declarations, facts in
    ``kw``), evaluated under ``s``."""
    commune = kw.pop("commune", None) or ntm.Commune("Test", region=region)
    return ntm.evaluate(ntm.Assessment(commune, day, **kw), s)  # type: ignore[arg-type]


def reference_block(name: str) -> dict[str, Any]:
    """The YAML block of a reference file, read independently of the package."""
    import yaml

    path = REFERENCE_DIR / name
    text = path.read_text(encoding="utf-8")
    match = re.search(r"`{3}yaml\n(.*?)`{3}", text, re.S)
    assert match, f"{path} has no YAML block"
    data: dict[str, Any] = yaml.safe_load(match.group(1))
    return data


@pytest.fixture(scope="session")
def set_2016() -> ntm.CriteriaSet:
    return ntm.load_criteria_set("commune-2016-2020")


@pytest.fixture(scope="session")
def ref_2016() -> dict[str, Any]:
    return reference_block("criteria-2016-2020.md")


def reference_cells(
    indicators: list[dict[str, Any]],
) -> dict[tuple[str, str, int | None], dict[str, Any]]:
    """Every threshold cell of reference indicators: (id, zone, year or None) -> cell."""
    cells: dict[tuple[str, str, int | None], dict[str, Any]] = {}

    def walk(ind: dict[str, Any]) -> None:
        for zone, cell in (ind.get("thresholds") or {}).items():
            cells[(str(ind["id"]), zone, None)] = cell
        for year, row in (ind.get("thresholds_by_year") or {}).items():
            for zone, cell in row.items():
                cells[(str(ind["id"]), zone, int(year))] = cell
        for part in ind.get("parts") or []:
            walk(part)

    for ind in indicators:
        walk(ind)
    return cells


def packaged_cells(s: ntm.CriteriaSet) -> dict[tuple[str, str, int | None], ntm.Threshold]:
    """Every threshold cell of a packaged set: (id, zone, year or None) -> cell."""
    return {
        (leaf.id, zone, year): cell
        for _, ind in s.indicators()
        for leaf in ind.parts or (ind,)
        for zone, year, cell in leaf.cells()
    }


# --- case files: every tests/cases/*.toml case is a test of its own ----------------------------


class CaseItem(pytest.Item):
    """One case of a case file, judged by ntm_criteria.cases.run_case."""

    def __init__(self, *, case: Any, default_set: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.default_set = default_set

    def runtest(self) -> None:
        from ntm_criteria.cases import run_case

        result = run_case(self.case, self.path, self.default_set)
        if not result.passed:
            raise CaseFailedError(result)

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, CaseFailedError):
            return str(excinfo.value.result)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.name}"


class CaseFailedError(Exception):
    def __init__(self, result: Any) -> None:
        super().__init__(str(result))
        self.result = result


class CaseFile(pytest.File):
    def collect(self) -> Any:
        from ntm_criteria.cases import read_cases

        cases = read_cases(self.path)
        for case in cases.cases:
            yield CaseItem.from_parent(self, name=case.name, case=case, default_set=cases.set)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".toml" and file_path.parent.name == "cases":
        return CaseFile.from_parent(parent, path=file_path)
    return None
