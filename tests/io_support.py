"""What the reading and writing tests share: the example workbooks, a CSV helper and assessments that fit a wide table."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

from hypothesis import strategies as st

import ntm_criteria as ntm
from ntm_criteria import strategies
from tests.conftest import ROOT

S16 = ntm.load_criteria_set("commune-2016-2020")


EXAMPLE_XLSX = ROOT / "examples" / "dinh-hoa-2019.xlsx"


BAD_XLSX = ROOT / "tests" / "data" / "dinh-hoa-2019-bad.xlsx"


def csv_file(tmp_path: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return path


LEAVES = S16.value_keys()


# text as files hold it once read: the readers NFC-normalise every cell
text = (
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=15)
    .map(lambda t: unicodedata.normalize("NFC", t))
    .filter(lambda t: t.strip() == t and t)
)


@st.composite
def table_assessments(draw: st.DrawFn) -> ntm.Assessment:
    ids = draw(st.lists(st.sampled_from(sorted(LEAVES)), unique=True, max_size=12))
    values = {i: draw(strategies.measured_values(LEAVES[i], S16)) for i in ids}
    commune = ntm.Commune(
        draw(text),
        region=draw(st.sampled_from(list(ntm.Region))),
        code=draw(st.none() | st.from_regex(r"[0-9]{5}", fullmatch=True)),
        district=draw(st.none() | text),
        especially_difficult=draw(st.booleans()),
    )
    return ntm.Assessment(
        commune,
        draw(st.dates(dt.date(2016, 12, 1), dt.date(2022, 3, 7))),
        values=values,
        declarations=draw(st.dictionaries(st.integers(1, 19), st.booleans(), max_size=5)),
        facts=draw(
            st.sampled_from(
                [{}, {"registered_in_plan": True, "outstanding_capital_construction_debt": False}]
            )
        ),
        note=draw(st.none() | text),
    )
