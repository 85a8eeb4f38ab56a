"""Định Hóa district, 2019: evaluate the three candidate communes and roll up the district.

Run from the repository root:  python examples/dinh_hoa.py [--lang vi]

The data file holds what the district review published: each commune's criterion-level
statuses (no indicator figures are published for these communes). The district context comes
from the same review: 6 of 23 communes were certified at the end of 2018 and the district
resolution targets at least 10 of 23 by 2020.
"""

from __future__ import annotations

import sys
from pathlib import Path

import ntm_criteria as ntm
from ntm_criteria.io.reading import read_assessments

HERE = Path(__file__).resolve().parent
COMMUNES_IN_PROGRAMME = 23  # Định Hóa, 2011-2019 (23 communes + the Chợ Chu township)
CERTIFIED_END_2018 = 6
TARGET_2020 = 10


def main(lang: str = "en") -> None:
    """Print each candidate's evaluation and decision, then the district figures."""
    assessments = read_assessments(HERE / "dinh-hoa-2019.toml")
    evaluations = [ntm.evaluate(a, ntm.set_in_force(a.as_of)) for a in assessments]
    for e in evaluations:
        d = ntm.decide(e)
        unmet = ", ".join(
            f"{n} {e.criterion(n).criterion.name_en if lang == 'en' else e.criterion(n).criterion.name_vi}"
            for n in e.unmet_criteria
        )
        print(f"{e.assessment.commune.name}: {e.score} criteria met; not met: {unmet}")
        print(f"  decision: {d.outcome.name} ({'; '.join(d.reasons)})")
    summary = ntm.summarize(evaluations)
    print()
    print(
        f"Candidates: {summary.certified}/{summary.communes} certifiable now, "
        f"average {float(summary.average_met):.1f} criteria met"
    )
    for t in summary.failing():
        print(
            f"  criterion {t.criterion} ({t.name_en}): not met in {t.not_met} of {summary.communes}"
        )
    needed = TARGET_2020 - CERTIFIED_END_2018
    print(
        f"District: {CERTIFIED_END_2018}/{COMMUNES_IN_PROGRAMME} certified at the end of 2018; "
        f"target {TARGET_2020}/{COMMUNES_IN_PROGRAMME} by 2020 needs {needed} more, "
        f"and {summary.communes} candidates are reviewed here."
    )


if __name__ == "__main__":
    main("vi" if "--lang" in sys.argv and sys.argv[-1] == "vi" else "en")
