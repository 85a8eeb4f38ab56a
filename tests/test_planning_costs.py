"""Cost models (planning/costs.py): look-up, files, and every field checked at construction."""

from __future__ import annotations

from decimal import Decimal as D  # noqa: N817
from pathlib import Path

import pytest

import ntm_criteria as ntm

# --- cost models --------------------------------------------------------------------------------


def test_cost_model_lookup_and_file(tmp_path: Path) -> None:
    path = tmp_path / "costs.toml"
    path.write_text(
        'unit = "million VND"\ndefault = [{ fixed = "2", years = 1 }]\n'
        'precedence = [["criterion 13", "criterion 10"]]\n'
        '[entries]\n"criterion 10" = [{ fixed = "800", years = 2 }, { fixed = "1500", years = 1 }]\n'
        '"15.1" = [{ fixed = "20", per_unit = "15.5", years = 1 }]\n"Phú Đình/criterion 9" = [{ fixed = "2500", years = 2 }]\n',
        encoding="utf-8",
    )
    m = ntm.read_cost_model(path)
    assert m.options("Phú Đình", "criterion 9", 9)[0].fixed == D(2500)
    assert m.options("Sơn Phú", "criterion 9", 9)[0].fixed == D(2)
    assert m.options("X", "10", 10)[1].years == 1
    assert m.options("X", "15.1", 15)[0].money(D("2.5")) == D("58.75")
    bad = tmp_path / "bad.toml"
    bad.write_text("default = [{ fixed = 1.5, years = 0 }]\n", encoding="utf-8")
    with pytest.raises(ntm.CriteriaDataError, match="default"):
        ntm.read_cost_model(bad)
    with pytest.raises(ValueError, match=r"Cost\.years: expected a whole number of at least 1"):
        ntm.Cost(fixed=D(1), years=0)
