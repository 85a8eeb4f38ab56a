"""Reading one spreadsheet cell as a value of an indicator, or saying exactly why not.

Provincial workbooks write "92,5" (a Vietnamese decimal comma) or "92.5", "92,5%" on
percentages, "Đạt" / "Chưa đạt" / "Không đạt" / "Có" / "Không" for yes/no indicators, and rating
labels with or without diacritics. Anything else is an error, never a guess: "1.234,5" (a
thousands separator), "about 90", "Đạt?" are rejected with what was expected, and "36,000" or
"1.234" (thousands in one habit, decimals in the other) with both readings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Callable
from importlib import resources

from attrs import frozen

from ntm_criteria._text import fold
from ntm_criteria.converter import structure
from ntm_criteria.errors import CellError
from ntm_criteria.model.commune import MeasuredValue
from ntm_criteria.model.indicators import Indicator, Kind, Scale, Unit

_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
#: a number as most cells hold it: digits, or digits and one separator followed by one, two or
#: four and more digits (three after it, with 1-3 before, is the ambiguous case below)
_PLAIN = re.compile(r"\d+|\d+[.,](?:\d{1,2}|\d{4,})|(?:0|\d{4,})[.,]\d{3}")
#: one separator followed by exactly three digits, after a whole part that is not 0
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
_WORDS = re.compile(r"^[^\W_]+(?: [^\W_]+)*$")  # letters and digits in words: no "Đạt?"
_YES = {fold(w) for w in ("Đạt", "Có", "true", "1")}
_NO = {fold(w) for w in ("Chưa đạt", "Không đạt", "Không", "false", "0")}
YES_WORDS = "Đạt, Có, true, 1"
NO_WORDS = "Chưa đạt, Không đạt, Không, false, 0"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(text: str) -> str:
    """Text a spreadsheet would run as a formula, made inert with a leading apostrophe.

    >>> escape_formula("=HYPERLINK(1)"), escape_formula("Phú Đình")
    ("'=HYPERLINK(1)", 'Phú Đình')
    """
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unescape_formula(text: str) -> str:
    """The inverse of :func:`escape_formula`, applied to text cells on reading."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


def is_blank(raw: object) -> bool:
    """True for an empty cell (None, or only spaces)."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def parse_number(raw: object, *, percent: bool = False) -> float | int:
    """A number from a cell: a number already, or text with a decimal point or comma.

    >>> parse_number("92,5"), parse_number(" 92.5 "), parse_number("80%", percent=True)
    (92.5, 92.5, 80)
    >>> parse_number("1.234,5")
    Traceback (most recent call last):
    ntm_criteria.errors.CellError: expected a number such as 92,5 or 92.5, got '1.234,5'

    A separator followed by exactly three digits, and no other separator, is a thousands
    separator in one habit and a decimal in the other; it is refused with both readings:

    >>> parse_number("36,000")
    Traceback (most recent call last):
    ntm_criteria.errors.CellError: ambiguous number '36,000': 36000 if ',' separates thousands, 36 if it is the decimal mark; write 36000 or 36
    """
    if raw.__class__ is str and _PLAIN.fullmatch(raw):
        # the usual cell, "92,5" or "80": no spaces, no sign, no percent, never ambiguous
        text = raw.replace(",", ".")
        return float(text) if "." in text else int(text)
    if isinstance(raw, bool):
        raise CellError(f"expected a number, got {raw!r}")
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise CellError(f"expected a number, got {raw!r}")
        return raw
    if not isinstance(raw, str):
        raise CellError(f"expected a number, got {raw!r}")
    text = raw.strip().replace("\u00a0", "").replace(" ", "")
    if text.endswith("%"):
        if not percent:
            raise CellError(f"'%' is for percentages only, got {raw!r}")
        text = text[:-1]
    if not _NUMBER.match(text):
        raise CellError(f"expected a number such as 92,5 or 92.5, got {raw!r}")
    if _AMBIGUOUS.match(text):
        mark = "," if "," in text else "."
        thousands = text.replace(mark, "")
        decimal = f"{float(text.replace(mark, '.')):g}".replace(".", mark)
        # the decimal reading written so it cannot be read as thousands
        written = text + "0" if len(decimal.partition(mark)[2]) == 3 else decimal
        raise CellError(
            f"ambiguous number {raw!r}: {thousands} if {mark!r} separates thousands, {decimal} "
            f"if it is the decimal mark; write {thousands} or {written}"
        )
    text = text.replace(",", ".")
    return float(text) if "." in text else int(text)


def parse_yes_no(raw: object) -> bool:
    """A yes/no cell: Đạt / Chưa đạt / Không đạt / Có / Không / true / false / 1 / 0.

    >>> parse_yes_no("ĐẠT"), parse_yes_no("chua dat"), parse_yes_no(1)
    (True, False, True)
    """
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    if isinstance(raw, str):
        answer = _yes_no_text(raw)
        if answer is not None:
            return answer
    raise CellError(f"expected yes ({YES_WORDS}) or no ({NO_WORDS}), got {raw!r}")


@functools.lru_cache(maxsize=1024)
def _yes_no_text(text: str) -> bool | None:
    if not _WORDS.match(text.strip()):
        return None
    key = fold(text)
    return True if key in _YES else False if key in _NO else None


def parse_date(raw: object) -> dt.date:
    """A date cell: a spreadsheet date, ``YYYY-MM-DD`` or ``DD/MM/YYYY`` (Vietnamese order).

    >>> parse_date("31/12/2019"), parse_date("2019-12-31")
    (datetime.date(2019, 12, 31), datetime.date(2019, 12, 31))
    """
    if isinstance(raw, dt.datetime):
        if raw.time() != dt.time(0):
            raise CellError(f"expected a date, got a date and time {raw!r}")
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        text = raw.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
    raise CellError(f"expected a date as DD/MM/YYYY or YYYY-MM-DD, got {raw!r}")


def parse_value(raw: object, indicator: Indicator, scale: Scale | None) -> MeasuredValue:
    """The measured value of ``indicator`` in a cell, by the indicator's kind and unit.

    Raises:
        CellError: the cell does not hold such a value; the message says what was expected.
    """
    return value_parser(indicator, scale)(raw)


def value_parser(indicator: Indicator, scale: Scale | None) -> Callable[[object], MeasuredValue]:
    """:func:`parse_value` for one indicator, its kind, unit and scale looked at once: the
    parser of a column, chosen once per table."""
    kind = indicator.kind
    if kind is Kind.ACHIEVED:
        return parse_yes_no
    if kind is Kind.NONE_ALLOWED:
        return _count
    if kind is Kind.MIN_RATING:
        if scale is not None and scale.values_low_to_high is None:
            return _level
        return functools.partial(_rating, scale=scale)
    percent = indicator.unit is Unit.PERCENT
    plausible = UNIT_RANGES.get(indicator.unit.value if indicator.unit else "")

    def measure(raw: object) -> MeasuredValue:
        number = parse_number(raw, percent=percent)
        if plausible is not None:
            problem = plausible.problem(number)
            if problem:
                raise CellError(f"{problem}, got {raw!r}")
        return number

    return measure


def _count(raw: object) -> MeasuredValue:
    number = parse_number(raw)
    if isinstance(number, float) and not number.is_integer():
        raise CellError(f"expected a whole count, got {raw!r}")
    if number < 0:
        raise CellError(f"expected a count of at least 0, got {raw!r}")
    return int(number)


def _level(raw: object) -> MeasuredValue:
    level = parse_number(raw)
    if isinstance(level, float) and not level.is_integer():
        raise CellError(f"expected a whole level number, got {raw!r}")
    return int(level)


def _rating(raw: object, scale: Scale | None) -> MeasuredValue:
    if (
        isinstance(raw, str)
        and _WORDS.match(raw.strip())
        and scale is not None
        and scale.rank(raw) is not None
    ):
        assert scale.values_low_to_high is not None
        return scale.values_low_to_high[scale.rank(raw) or 0]
    levels = ", ".join(scale.values_low_to_high or ()) if scale else ""
    raise CellError(f"expected a rating ({levels}), got {raw!r}")


class ColumnParser:
    """:func:`parse_value` for one column: the same answers, each distinct cell parsed once.

    A column repeats its words ("Đạt", "Chưa đạt") and many of its numbers, so a table is
    read at the cost of its distinct cells. ``texts`` holds the text cells already read, for
    a reader's loop to look up before it calls the parser.
    """

    __slots__ = ("_cache", "indicator", "parse", "scale", "texts")

    def __init__(self, indicator: Indicator, scale: Scale | None) -> None:
        self.indicator, self.scale = indicator, scale
        self.parse = value_parser(indicator, scale)
        self._cache: dict[type, dict[object, MeasuredValue]] = {}  # by type: True == 1 == 1.0
        self.texts: dict[object, MeasuredValue] = {}
        self._cache[str] = self.texts

    def __call__(self, raw: object) -> MeasuredValue:
        of_type = self._cache.get(raw.__class__)
        if of_type is None:
            of_type = self._cache[raw.__class__] = {}
        try:
            return of_type[raw]
        except KeyError:
            value = of_type[raw] = self.parse(raw)
            if len(of_type) > 4096:  # a column of distinct numbers: keep the memory bounded
                of_type.clear()
            return value
        except TypeError:  # an unhashable cell: parsed as it is
            return self.parse(raw)


def column_parser(indicator: Indicator, scale: Scale | None) -> ColumnParser:
    """The :class:`ColumnParser` of an indicator's column."""
    return ColumnParser(indicator, scale)


@frozen
class UnitRange:
    """The plausible values of a unit, with what to say about a value outside them."""

    name_vi: str
    min: float | None = None
    max: float | None = None
    hint_below: str | None = None
    hint_above: str | None = None
    other_unit_from: float | None = None
    hint_other_unit: str | None = None

    def problem(self, number: float) -> str | None:
        """Why ``number`` is not plausible in this unit, or None."""
        if self.min is not None and number < self.min:
            hint = self.hint_below or f"expected at least {self.min:g}"
        elif self.other_unit_from is not None and number >= self.other_unit_from:
            hint = self.hint_other_unit or "in another unit?"
        elif self.max is not None and number > self.max:
            hint = self.hint_above or f"expected at most {self.max:g}"
        else:
            return None
        return hint.format(value=f"{number:.15g}", million=f"{number / 1_000_000:.15g}")


def _unit_ranges() -> dict[str, UnitRange]:
    text = resources.files("ntm_criteria.data").joinpath("words", "units.toml").read_text("utf-8")
    ranges = {name: structure(data, UnitRange) for name, data in tomllib.loads(text).items()}
    unknown = set(ranges) - {u.value for u in Unit}
    assert not unknown, f"units.toml names units the model does not have: {unknown}"
    return ranges


#: Plausible ranges by unit (``ntm_criteria/data/words/units.toml``).
UNIT_RANGES = _unit_ranges()
