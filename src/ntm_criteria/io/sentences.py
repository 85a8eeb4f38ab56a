"""Criterion statuses from the sentences of published reviews, as district offices write them.

The most common source of criterion-level data is a sentence such as::

    xã Phú Đình đạt 15/19 tiêu chí, còn 04 tiêu chí chưa đạt (gồm: Nhà ở dân cư, Thu nhập,
    Hộ nghèo, Y tế); xã Sơn Phú đạt 14/19 tiêu chí, ...

:func:`read_report` turns each commune of such a text into an assessment whose declarations are
the criteria named as unmet (false) and every other criterion (true). It reads the usual
variants ("còn thiếu 4 tiêu chí: ...", "chưa đạt các tiêu chí: ...", "đã đạt 15/19 tiêu
chí"), with or without diacritics, and resolves each name with
:meth:`~ntm_criteria.CriteriaSet.criterion`. Nothing is guessed: a count that does not add up
(met + unmet must be the total, the total must be the set's number of criteria, the list must
hold the unmet count) or a name that names no criterion, or more than one, is a problem naming
the commune and the numbers, and every problem is reported at once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ntm_criteria.errors import DataFileError, NotFoundError
from ntm_criteria.model.commune import Assessment, Commune
from ntm_criteria.model.criteria import CriteriaSet
from ntm_criteria.model.regions import Region

# Patterns run over the text without diacritics and in lower case, letter for letter the same
# length as the text, so that what they find is sliced from the text as written.
_COMMUNE = re.compile(
    r"\b(?:xa|thi tran)\s+(?P<name>[^,;:().\d]+?)\s+(?:da\s+)?dat\s+(?:duoc\s+)?"
    r"(?P<met>\d+)\s*/\s*(?P<total>\d+)\s+tieu chi"
)
_UNMET_COUNT = re.compile(
    r"(?:con|con thieu|chua dat|khong dat)\s+(?P<count>\d+)\s+tieu chi(?:\s+chua dat)?"
)
_LIST = re.compile(
    r"\(\s*(?:gom|gom co|la|do la|bao gom)?\s*:?\s*(?P<paren>[^)]*)\)"
    r"|(?:chua dat|con thieu|khong dat)(?:\s+(?:cac|la))?(?:\s+\d+)?\s+tieu chi"
    r"(?:\s+(?:chua dat|la|gom))?\s*:\s*"
    r"(?P<colon>[^;.()]*)"
)


def _bare(text: str) -> str:
    """``text`` lower-cased without diacritics, one character for each character of it."""

    def one(ch: str) -> str:
        if ch in "đĐ":
            return "d"
        base = unicodedata.normalize("NFD", ch)[0]
        return base.lower() if len(base.lower()) == 1 else ch

    return "".join(one(ch) for ch in text)


def read_report(
    text: str,
    criteria_set: CriteriaSet,
    as_of: dt.date,
    *,
    district: str | None = None,
    province: str | None = None,
    region: Region | str | None = None,
    source: str = "<text>",
) -> list[Assessment]:
    """Assessments from the review sentences of ``text`` (see the module's documentation).

    Args:
        text: the report's text; one or many communes.
        criteria_set: the set the review counts criteria of.
        as_of: the date of the review (a sentence has none).
        district, province, region: given to every commune read.
        source: names the text in errors (a file name).

    Raises:
        DataFileError: no commune sentence was found, or any count or name is wrong; every
            problem names the commune.
    """
    text = unicodedata.normalize("NFC", text)
    bare = _bare(text)
    place = Region.lookup(region) if isinstance(region, str) else region
    heads = list(_COMMUNE.finditer(bare))
    if not heads:
        raise DataFileError(
            source,
            ["no sentence of the form 'xã X đạt m/n tiêu chí, còn k tiêu chí chưa đạt (gồm: ...)'"],
        )
    out: list[Assessment] = []
    problems: list[str] = []
    ends = [h.start() for h in heads[1:]] + [len(text)]
    for head, end in zip(heads, ends, strict=True):
        name = text[head.start("name") : head.end("name")].strip()
        met, total = int(head["met"]), int(head["total"])
        tail = bare[head.end() : end]
        count = _UNMET_COUNT.search(tail)
        listed = _LIST.search(tail)
        unmet_names: list[str] = []
        if listed is not None:
            group = "paren" if listed["paren"] is not None else "colon"
            start = head.end() + listed.start(group)
            written = text[start : start + len(listed[group])]
            unmet_names = [n.strip(" .;") for n in written.split(",") if n.strip(" .;")]
        unmet_count = int(count["count"]) if count else len(unmet_names)
        where = f"xã {name}"
        wrong = len(problems)
        if total != len(criteria_set.criteria):
            problems.append(
                f"{where}: {met}/{total} counts {total} criteria, but {criteria_set.id} has "
                f"{len(criteria_set.criteria)}"
            )
        if met + unmet_count != total:
            problems.append(f"{where}: {met} met and {unmet_count} not met do not make {total}")
        if unmet_count and len(unmet_names) != unmet_count:
            problems.append(
                f"{where}: {unmet_count} criteria not met, but {len(unmet_names)} are named"
                + (f" ({', '.join(unmet_names)})" if unmet_names else "")
            )
        unmet: set[int] = set()
        for written_name in unmet_names:
            try:
                unmet.add(criteria_set.criterion(written_name).id)
            except NotFoundError as exc:
                problems.append(f"{where}: {exc}")
        if len(problems) > wrong:
            continue
        declarations = {c.id: c.id not in unmet for c in criteria_set.criteria}
        commune = Commune(name, district=district, province=province, region=place)
        clause = text[head.start() : end].strip(" ;,.")
        out.append(Assessment(commune, as_of, declarations=declarations, note=clause))
    if problems:
        raise DataFileError(source, problems)
    return out


__all__ = ["read_report"]
