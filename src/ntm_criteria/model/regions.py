"""The seven socio-economic regions whose columns the 2016-2025 criteria tables use."""

from __future__ import annotations

import enum

from ntm_criteria._text import fold, nearest
from ntm_criteria.errors import NotFoundError


class Region(enum.Enum):
    """A region of Vietnam as the criteria tables name it (value: the short code).

    Look-up accepts the code, the Vietnamese or the English name, with or without diacritics
    and in any case:

    >>> Region.lookup("Trung du mien nui phia Bac") is Region.TDMNPB
    True
    >>> Region.lookup("mekong delta").name_vi
    'Đồng bằng sông Cửu Long'
    """

    TDMNPB = "TDMNPB"
    DBSH = "DBSH"
    BTB = "BTB"
    DHNTB = "DHNTB"
    TN = "TN"
    DNB = "DNB"
    DBSCL = "DBSCL"

    @property
    def code(self) -> str:
        """The short code used as the zone key of the criteria tables."""
        return self.value

    @property
    def name_vi(self) -> str:
        """The Vietnamese name."""
        return _NAMES[self][0]

    @property
    def name_en(self) -> str:
        """The English name."""
        return _NAMES[self][1]

    @classmethod
    def lookup(cls, text: str | Region) -> Region:
        """The region named by ``text`` (code, Vietnamese or English name; diacritics optional).

        Raises:
            NotFoundError: nothing matches; the message lists the nearest names.
        """
        if isinstance(text, Region):
            return text
        found = _FOUND.get(text)
        if found is not None:
            return found
        key = fold(text)
        for region, names in _INDEX.items():
            if key in names:
                if len(_FOUND) < 1024:  # the spellings a table repeats, looked up once
                    _FOUND[text] = region
                return region
        everything = [n for names in _NAMES.values() for n in names] + [r.value for r in cls]
        hint = nearest(text, everything)
        suffix = f"; did you mean {', '.join(repr(h) for h in hint)}?" if hint else ""
        raise NotFoundError(f"no region is named {text!r}{suffix}")


_FOUND: dict[str, Region] = {}

_NAMES: dict[Region, tuple[str, str]] = {
    Region.TDMNPB: ("Trung du miền núi phía Bắc", "Northern Midlands and Mountains"),
    Region.DBSH: ("Đồng bằng sông Hồng", "Red River Delta"),
    Region.BTB: ("Bắc Trung Bộ", "North Central Coast"),
    Region.DHNTB: ("Duyên hải Nam Trung Bộ", "South Central Coast"),
    Region.TN: ("Tây Nguyên", "Central Highlands"),
    Region.DNB: ("Đông Nam Bộ", "Southeast"),
    Region.DBSCL: ("Đồng bằng sông Cửu Long", "Mekong Delta"),
}
_INDEX: dict[Region, frozenset[str]] = {
    r: frozenset({fold(r.value), fold(vi), fold(en)}) for r, (vi, en) in _NAMES.items()
}
