"""Text folding for look-ups: Vietnamese names match with or without diacritics and case.

Clerks type "y te" for "Y tế" and "Dong bang song Cuu Long" for "Đồng bằng sông Cửu Long"; both
must find the same thing. Folding removes combining marks, maps đ/Đ (a letter of its own, not a
d with a mark) to d, lower-cases, and collapses punctuation and spaces.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

_NON_WORD = re.compile(r"[^0-9a-z.]+")


class _Bare(dict[int, int | str | None]):
    """The translation that takes the marks off decomposed text: every combining character
    (as ``unicodedata.combining`` says) to nothing, đ and Đ to d and D, each code point
    looked up once."""

    def __missing__(self, code: int) -> int | None:
        bare = self[code] = None if unicodedata.combining(chr(code)) else code
        return bare


_BARE = _Bare({ord("đ"): "d", ord("Đ"): "D"})
_SPACES = functools.partial(_NON_WORD.sub, " ")


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Return ``text`` without diacritics, lower-cased, with runs of other characters as one space.

    >>> fold("Đồng bằng sông Cửu Long")
    'dong bang song cuu long'
    >>> fold("  Y-tế ")
    'y te'
    """
    bare = unicodedata.normalize("NFD", text).translate(_BARE).lower()
    return _NON_WORD.sub(" ", bare).strip()


def fold_many(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]``, at once: a column of names folded as one text.

    Decomposition, taking marks off and lower-casing each act within a character and its
    marks, and a NUL between two texts is a character of its own, so the joined text folds
    into the folded texts joined.

    >>> fold_many(["Phú Đình", "  Sơn-Phú "])
    ['phu dinh', 'son phu']
    """
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:  # a text holds a NUL itself
        return [fold(t) for t in texts]
    bare = unicodedata.normalize("NFD", joined).translate(_BARE).lower()
    return list(map(str.strip, map(_SPACES, bare.split("\x00")))) if texts else []


def nearest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` candidates closest to ``word`` (for "did you mean" hints), best first.

    >>> nearest("17.9", ["17.1", "17.8", "1.7", "9.1"])
    ['17.8', '17.1', '1.7']
    """
    pool = list(dict.fromkeys(candidates))
    return difflib.get_close_matches(word, pool, n=n, cutoff=0.5)
