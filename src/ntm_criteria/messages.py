"""Every word the library says to a user, in English and Vietnamese, from one catalogue.

The catalogue is data (``ntm_criteria/data/words/messages.toml``), one line per message.

A message is a key of :data:`CATALOGUE` and its fields; :func:`say` renders it in a language,
and a :class:`Message` keeps the key and fields so that a result can be shown later in either
language. Numbers in fields follow the language's separators (``1,234.5`` in English,
``1.234,5`` in Vietnamese); yes/no values read Đạt / Chưa đạt. Names (communes, criteria),
ids (15.1, commune-2016-2020) and sources are data, not words of the catalogue, and pass as
they are.
"""

from __future__ import annotations

import string
import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

from attrs import frozen

LANGS = ("en", "vi")


def _catalogue() -> dict[str, tuple[str, str]]:
    text = resources.files("ntm_criteria").joinpath("data", "words", "messages.toml")
    data = tomllib.loads(text.read_text(encoding="utf-8"))
    return {key: (en, vi) for key, (en, vi) in data.items()}


#: key -> (English, Vietnamese), from ``ntm_criteria/data/words/messages.toml``.
CATALOGUE: dict[str, tuple[str, str]] = _catalogue()


class _Formatter(string.Formatter):
    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> Any:
        if isinstance(value, Money):
            return format(money(value.amount, value.unit, self.lang), format_spec)
        if value is True or value is False:
            return format(say("yes" if value else "no", self.lang), format_spec)
        if isinstance(value, int | float | Decimal):
            return number(value, self.lang, format_spec)
        return super().format_field(value, format_spec)


def number(value: int | float | Decimal, lang: str = "en", spec: str = "") -> str:
    """A number in ``lang``'s separators: ``12,345.5`` in English, ``12.345,5`` in Vietnamese.

    Thousands are grouped from 10 000 up, so that years (2019) stay as they are written.

    >>> number(12345.5, "vi"), number(12345.5), number(Decimal("4.80"), "vi"), number(2019, "vi")
    ('12.345,5', '12,345.5', '4,8', '2019')
    """
    if spec:
        text = format(value, spec)
    elif isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value != 0 else "0"
    elif isinstance(value, float):
        text = format(value, ".15g")
    else:
        text = str(value)
    sign = text[0] if text[:1] in "+-" else ""
    whole, dot, fraction = text[len(sign) :].partition(".")
    if whole.isdigit() and len(whole) > 4:
        whole = f"{int(whole):,}"
    if lang == "vi":
        whole, dot = whole.replace(",", "."), "," if dot else ""
    return f"{sign}{whole}{dot}{fraction}"


def say(key: str, lang: str = "en", **fields: object) -> str:
    """The message ``key`` in ``lang`` with ``fields`` filled in.

    Raises:
        ValueError: an unknown language.
        KeyError: an unknown key (a bug of the library, never of the user).
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, got {lang!r}")
    template = CATALOGUE[key][LANGS.index(lang)]
    return _Formatter(lang).format(template, **fields)


def unit(name: str, amount: object = None, lang: str = "en") -> str:
    """A unit's name in ``lang``; "work unit" or "work units" by ``amount`` in English."""
    if name == "work units" and amount is not None and amount == 1:
        name = "work unit"
    key = f"unit.{name}"
    return say(key, lang) if key in CATALOGUE else name


def money(amount: object, unit_name: str, lang: str = "en") -> str:
    """An amount with its unit, once: ``4 million VND``, ``1 work unit``, ``4 triệu đồng``."""
    shown = number(amount, lang) if isinstance(amount, int | float | Decimal) else str(amount)
    return f"{shown} {unit(unit_name, amount, lang)}"


@frozen
class Money:
    """An amount and its unit, said once in a message: ``4 million VND``, ``1 work unit``."""

    amount: Decimal
    unit: str


@frozen
class Message:
    """A catalogue message with its fields, to be said in any language later."""

    key: str
    fields: tuple[tuple[str, object], ...] = ()

    def text(self, lang: str = "en") -> str:
        """The message in ``lang``; fields that are messages (or tuples of them, joined with
        "; ") are said in ``lang`` too."""
        sep = ", " if self.key == "list.comma" else "; "
        shown = {k: _said(v, lang, sep) for k, v in self.fields}
        return say(self.key, lang, **shown)

    def __str__(self) -> str:
        return self.text("en")


def _said(value: object, lang: str, sep: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Message | str) for v in value):
        return sep.join(v.text(lang) if isinstance(v, Message) else v for v in value)
    return value


def msg(key: str, **fields: object) -> Message:
    """A :class:`Message` (the key is checked now, not when it is said)."""
    if key not in CATALOGUE:
        raise KeyError(f"no message {key!r} in the catalogue")
    return Message(key, tuple(fields.items()))


__all__ = [
    "CATALOGUE",
    "LANGS",
    "Message",
    "Money",
    "money",
    "msg",
    "number",
    "say",
    "unit",
]
