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


@functools.lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Return ``text`` without diacritics, lower-cased, with runs of other characters as one space.

    >>> fold("Đồng bằng sông Cửu Long")
    'dong bang song cuu long'
    >>> fold("  Y-tế ")
    'y te'
    """
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _NON_WORD.sub(" ", bare).strip()


def nearest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """The ``n`` candidates closest to ``word`` (for "did you mean" hints), best first.

    >>> nearest("17.9", ["17.1", "17.8", "1.7", "9.1"])
    ['17.8', '17.1', '1.7']
    """
    pool = list(dict.fromkeys(candidates))
    return difflib.get_close_matches(word, pool, n=n, cutoff=0.5)
