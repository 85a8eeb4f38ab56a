"""Criteria by the names people write: "tiêu chí số 10", "TC 15", "Tiêu chí 11 - Hộ nghèo".

Reports and sheets name criteria by number with a word before it (tiêu chí, TC, criterion,
with "số" or "thứ"), by number and name together, by their name in either language, by a short
or earlier name (the set's ``aliases_vi`` / ``aliases_en``), or by the first words of a name
("môi trường", "quốc phòng"). Case, diacritics and punctuation do not matter. An exact name
always wins ("văn hóa" is criterion 16 of 2016-2020, not 6 "Cơ sở vật chất văn hóa"); a phrase
that fits more than one criterion is an :class:`~ntm_criteria.errors.AmbiguityError` listing
them; a number and a name that disagree are an error naming both.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ntm_criteria._text import fold, nearest
from ntm_criteria.errors import AmbiguityError, NotFoundError
from ntm_criteria.model.indicators import Criterion

if TYPE_CHECKING:
    from ntm_criteria.model.criteria import CriteriaSet

#: A number, with or without a word before it, and what follows it ("tieu chi so 11 ho ngheo").
_NUMBER = re.compile(
    r"^(?:(?:tieu chi|tc|criterion|criteria|crit)[\s.]*(?:(?:so|thu|no)[\s.]*)?)?(\d+)\b\s*(.*)$"
)


def _names(c: Criterion) -> tuple[str, ...]:
    return tuple(
        fold(n)
        for n in (c.key.replace("_", " "), c.name_vi, c.name_en, *c.aliases_vi, *c.aliases_en)
    )


def _contains(words: str, phrase: str) -> bool:
    return f" {phrase} " in f" {words} "


def _by_name(s: CriteriaSet, text: str, key: str) -> Criterion:
    exact = [c for c in s.criteria if key in _names(c)]
    if len(exact) == 1:
        return exact[0]
    close = [
        c
        for c in s.criteria
        if any(n.startswith(key + " ") or _contains(n, key) or _contains(key, n) for n in _names(c))
    ]
    if len(close) == 1:
        return close[0]
    if len(exact) > 1 or len(close) > 1:
        matches = ", ".join(f"{c.id} {c.name_vi}" for c in (exact or close))
        raise AmbiguityError(
            f"{text!r} names more than one criterion of {s.id}: {matches}; "
            "write the number (tiêu chí số N) or the whole name"
        )
    names = [c.name_vi for c in s.criteria] + [c.name_en for c in s.criteria]
    hint = nearest(text, names)
    suffix = f"; did you mean {', '.join(repr(h) for h in hint)}?" if hint else ""
    raise NotFoundError(f"set {s.id!r} has no criterion {text!r}{suffix}")


def find_criterion(s: CriteriaSet, ref: int | str) -> Criterion:
    """The criterion of ``s`` that ``ref`` names (see the module's documentation).

    Raises:
        NotFoundError: nothing matches; the message suggests the nearest names.
        AmbiguityError: the name fits several criteria; the message lists them.
    """
    by_id = {c.id: c for c in s.criteria}
    if isinstance(ref, int) and not isinstance(ref, bool):
        if ref in by_id:
            return by_id[ref]
        raise NotFoundError(
            f"set {s.id!r} has no criterion {ref}; its criteria are 1 to {len(s.criteria)}"
        )
    text = str(ref)
    key = fold(text)
    match = _NUMBER.match(key)
    if match is None:
        return _by_name(s, text, key)
    number, rest = int(match.group(1)), match.group(2).strip(" .:-")
    if number not in by_id:
        raise NotFoundError(
            f"set {s.id!r} has no criterion {number} (in {text!r}); its criteria are 1 to "
            f"{len(s.criteria)}"
        )
    chosen = by_id[number]
    if rest:
        named = _by_name(s, rest, rest)
        if named is not chosen:
            raise NotFoundError(
                f"{text!r}: criterion {number} is {chosen.name_vi!r} in {s.id}, but "
                f"{rest!r} names criterion {named.id} {named.name_vi!r}"
            )
    return chosen


__all__ = ["find_criterion"]
