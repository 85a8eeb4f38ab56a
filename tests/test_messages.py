"""The message catalogue (ntm_criteria/messages.py): every word in both languages, and
Vietnamese output with no English in it."""

from __future__ import annotations

import re
import string
from decimal import Decimal
from pathlib import Path

import pytest

import ntm_criteria as ntm
from ntm_criteria.cli import main
from ntm_criteria.messages import CATALOGUE, money, number, say
from ntm_criteria.model.provenance import Basis, EvidenceStatus
from tests.conftest import ROOT

EXAMPLE = str(ROOT / "examples" / "dinh-hoa-2019.toml")
COSTS = str(ROOT / "examples" / "dinh-hoa-costs.toml")
PLAN = ["--start", "2019", "--deadline", "2020", "--costs", COSTS, "--budget", "9", "--target", "3"]
WORD = re.compile(r"[a-zA-Z]{3,}")
# identifiers a message may name, not words of either language: options, file types, variables
IDS = re.compile(r"--[a-z-]+|\.(?:csv|xlsx|json|toml)\b|\b[A-Z][A-Z_]{2,}\b")
# words the two languages share: proper names and codes, not English
SHARED = {"HiGHS", "NTM", "TDMNPB"}


def _fields(template: str) -> dict[str, object]:
    names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return {
        n: 12345.5 if n in ("margin", "value", "amount", "money", "level") else n for n in names
    }


def _english_words() -> set[str]:
    words: set[str] = set()
    for en, vi in CATALOGUE.values():
        plain = IDS.sub(" ", re.sub(r"\{[^}]*\}", " ", en))
        words |= {w.lower() for w in WORD.findall(plain)} - {w.lower() for w in WORD.findall(vi)}
    return words - {w.lower() for w in SHARED}


ENGLISH = _english_words()


def _english_in(text: str, allowed: set[str] = frozenset()) -> set[str]:  # type: ignore[assignment]
    return {w for w in WORD.findall(text) if w.lower() in ENGLISH and w.lower() not in allowed}


@pytest.mark.parametrize(
    ("enum", "prefix"),
    [
        (ntm.Status, "status"),
        (ntm.Outcome, "outcome"),
        (EvidenceStatus, "evidence"),
        (Basis, "basis"),
        (ntm.CaveatKind, "caveat"),
        (ntm.Strategy, "strategy"),
        (ntm.Strategy, "strategyname"),
    ],
)
def test_every_member_of_every_enum_is_said_in_both_languages(enum: type, prefix: str) -> None:
    for member in enum:  # type: ignore[attr-defined]
        key = f"{prefix}.{member.value}"
        assert key in CATALOGUE, key
        en, vi = CATALOGUE[key]
        assert vi.strip() or not en.strip(), key


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_the_vietnamese_of_every_message_has_no_english_word(key: str) -> None:
    en, vi = CATALOGUE[key]
    shown = say(key, "vi", **_fields(vi + en))
    # placeholders hold data (names, ids); the words around them must be Vietnamese
    template_words = WORD.findall(IDS.sub(" ", re.sub(r"\{[^}]*\}", " ", vi)))
    assert not [w for w in template_words if w.lower() in ENGLISH], (key, shown)


def test_numbers_use_each_languages_separators() -> None:
    assert number(12345.5, "vi") == "12.345,5"
    assert number(12345.5, "en") == "12,345.5"
    assert number(Decimal("4.80"), "vi") == "4,8"
    assert number(2019, "vi") == "2019"  # years are not grouped
    assert say("explain.margin", "vi", margin=-1.5) == "chênh lệch -1,5"
    assert money(Decimal(1), "work units") == "1 work unit"
    assert money(Decimal(2), "work units") == "2 work units"
    assert money(Decimal(60141), "million VND", "vi") == "60.141 triệu đồng"


# Names and ids the data brings, which the output may show as they are.
DATA_WORDS = {
    "registered_in_plan",
    "outstanding_capital_construction_debt",
    "all_criteria_met",
    "no_capital_construction_debt",
    "commune",
    "least_cost",
}


def _data_free(text: str) -> str:
    """The text without ids (snake_case, set ids), URLs and the HTML's tags and style."""
    text = re.sub(r"<style>.*?</style>", " ", text, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"https?://\S+", " ", text)
    # ids: registered_in_plan, commune-2016-2020
    return re.sub(r"\b[a-z]+(?:[_-][a-z0-9]+)+\b", " ", text)


@pytest.mark.parametrize(
    "argv",
    [
        ["evaluate", EXAMPLE],
        ["evaluate", EXAMPLE, "--explain"],
        ["explain", EXAMPLE, "--commune", "Phu Dinh"],
        ["plan", EXAMPLE, *PLAN],
    ],
    ids=["evaluate", "evaluate --explain", "explain", "plan"],
)
def test_the_vietnamese_command_line_says_no_english(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--lang", "vi"]) == 0
    out = _data_free(capsys.readouterr().out)
    assert _english_in(out) == set(), out[:2000]


def test_the_vietnamese_report_says_no_english(tmp_path: Path) -> None:
    out = tmp_path / "bao-cao.html"
    assert main(["report", EXAMPLE, "--out", str(out), "--lang", "vi", *PLAN]) == 0
    text = out.read_text(encoding="utf-8")
    assert "<h1>Báo cáo xây dựng nông thôn mới</h1>" in text
    assert "Số liệu đến ngày 2019-12-31" in text  # the data's date, not the clock's
    assert _english_in(_data_free(text)) == set()


def test_the_language_follows_the_locale() -> None:
    from ntm_criteria.cli.args import default_lang

    assert default_lang({"LANG": "vi_VN.UTF-8"}) == "vi"
    assert default_lang({"LANG": "en_GB.UTF-8"}) == "en"
    assert default_lang({"LC_ALL": "vi_VN", "LANG": "en_US"}) == "vi"
    assert default_lang({}) == "en"
