"""Numbers, percentages and money in Vietnamese and English (babel), exact both ways."""

from __future__ import annotations

import contextlib
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from sodoan import Measure, NumberFormatError, SodoanError, UnsupportedLocaleError
from sodoan.numbers import format_measure, format_number, parse_measure, parse_number
from sodoan.units import UNIT_CODES, unit_spec
from tests.strategies import decimals_for, scaled

# Strings taken from the source documents, with the Measure each must give (vi).
REAL_STRINGS: list[tuple[str, str, str]] = [
    ("98,26%", "98.26", "percent"),
    ("96,51%", "96.51", "percent"),
    ("0,11%", "0.11", "percent"),
    ("0,31%", "0.31", "percent"),
    ("94,05%", "94.05", "percent"),
    ("98%", "98", "percent"),
    ("50%", "50", "percent"),
    ("39%", "39", "percent"),
    ("11%", "11", "percent"),
    ("80%", "80", "percent"),
    ("40%", "40", "percent"),
    ("18%", "18", "percent"),
    ("100%", "100", "percent"),
    ("85%", "85", "percent"),
    ("20%", "20", "percent"),
    ("30%", "30", "percent"),
    ("25%", "25", "percent"),
    ("95%", "95", "percent"),
    ("60%", "60", "percent"),
    ("65%", "65", "percent"),
    ("92.013,235 triệu đồng", "92013.235", "million_VND"),
    ("68.673,618 triệu đồng", "68673.618", "million_VND"),
    ("16.855,990 triệu đồng", "16855.990", "million_VND"),
    ("2.167,000 triệu đồng", "2167.000", "million_VND"),
    ("3.813,627 triệu đồng", "3813.627", "million_VND"),
    ("11,5%/năm", "11.5", "percent_per_year"),
    ("7%/năm", "7", "percent_per_year"),
    ("5%/năm", "5", "percent_per_year"),
    ("01 lần/01 năm", "1", "count_per_year"),
    ("10Gb/s", "10", "gigabit_per_second"),
    ("1.899", "1899", "count"),
    ("10.257", "10257", "count"),
    ("296.135", "296135", "count"),
    ("1.868", "1868", "count"),
    ("1.871", "1871", "count"),
    ("1.733", "1733", "count"),
    ("1.731", "1731", "count"),
    ("1.400", "1400", "count"),
    ("8.416", "8416", "count"),
    ("3.353", "3353", "count"),
    ("3.680", "3680", "count"),
    ("3.099", "3099", "count"),
    ("581", "581", "count"),
    ("950", "950", "count"),
    ("742", "742", "count"),
    ("207", "207", "count"),
    ("780.000", "780000", "count"),
    ("2.000", "2000", "count"),
    ("1.009", "1009", "count"),
    ("2.532", "2532", "count"),
    ("150.000", "150000", "count"),
    ("515.000", "515000", "count"),
    ("1.340", "1340", "count"),
    ("1.946", "1946", "count"),
    ("77.500", "77500", "count"),
    ("5.109", "5109", "count"),
    ("09", "9", "count"),
    ("07", "7", "count"),
    ("138", "138", "count"),
    ("169", "169", "count"),
]

MALFORMED: list[tuple[str, str]] = [
    ("92.01,235", "vi"),
    ("98,,26%", "vi"),
    ("1.89", "vi"),
    ("12,5,3", "vi"),
    ("%", "vi"),
    ("abc%", "vi"),
    ("1e5%", "vi"),
    ("NaN%", "vi"),
    ("--5%", "vi"),
    ("", "vi"),
    ("   ", "vi"),
    ("98.26%", "vi"),
    (",5%", "vi"),
    ("5,%", "vi"),
    ("1.899,", "vi"),
    ("1 899", "vi"),
    ("Infinity", "vi"),
    ("١٢", "vi"),
    ("１２", "vi"),
    ("1,89", "en"),
    ("98,26%", "en"),
    ("92 ton", "vi"),
    ("hạng 0", "vi"),
    ("1,5", "vi"),
    ("5-", "vi"),
    ("5 triệu", "vi"),
]


class TestRealStrings:
    """Figures copied from the source documents parse to exact measures."""

    @pytest.mark.parametrize(("text", "value", "unit"), REAL_STRINGS)
    def test_parse(self, text: str, value: str, unit: str) -> None:
        """The string gives exactly this value (digits kept) and unit."""
        measure = parse_measure(text)
        assert measure == Measure(value=value, unit=unit)
        assert str(measure.value) == value

    def test_at_least_forty(self) -> None:
        """The table has at least 40 real strings."""
        assert len(REAL_STRINGS) >= 40

    def test_strings_are_in_the_sources(self, sources_dir: Path) -> None:
        """Every string of the table occurs in the source documents."""
        corpus = " ".join(p.read_text(encoding="utf-8") for p in sources_dir.glob("*.txt"))
        missing = [text for text, _, _ in REAL_STRINGS if text not in corpus]
        assert missing == []


class TestMalformed:
    """Malformed text raises NumberFormatError and never returns a value."""

    @pytest.mark.parametrize(("text", "locale"), MALFORMED)
    def test_parse_measure_rejects(self, text: str, locale: str) -> None:
        """parse_measure raises NumberFormatError, a SodoanError and ValueError."""
        with pytest.raises(NumberFormatError) as caught:
            parse_measure(text, locale)
        assert isinstance(caught.value, SodoanError)
        assert isinstance(caught.value, ValueError)
        assert caught.value.locale == locale

    def test_suggestions(self) -> None:
        """Babel's suggestions are passed on: 92.01,235 -> 9.201,235 or 92,01235."""
        with pytest.raises(NumberFormatError) as caught:
            parse_number("92.01,235")
        assert caught.value.suggestions == ("9.201,235", "92,01235")
        assert "92.01,235" in str(caught.value)
        assert "'vi'" in str(caught.value)

    def test_english_decimal_in_vietnamese_suggests_comma(self) -> None:
        """98.26 in Vietnamese suggests 98,26."""
        with pytest.raises(NumberFormatError, match="98,26"):
            parse_number("98.26")

    def test_non_text(self) -> None:
        """A number object is not text."""
        with pytest.raises(NumberFormatError):
            parse_number(98.26)  # type: ignore[arg-type]

    def test_very_long_text(self) -> None:
        """Text longer than the documented bound is rejected quickly."""
        with pytest.raises(NumberFormatError, match="longer than"):
            parse_measure("1" * 10_000)


class TestParseNumber:
    """parse_number is strict and exact."""

    @pytest.mark.parametrize(
        ("text", "locale", "expected"),
        [
            ("92.013,235", "vi", "92013.235"),
            ("92,013.235", "en", "92013.235"),
            ("1.899", "vi", "1899"),
            ("1.899", "en", "1.899"),
            ("80,0", "vi", "80.0"),
            ("-5,5", "vi", "-5.5"),
            (" 1.000\u00a0", "vi", "1000"),
            ("98,26", "vi_VN", "98.26"),
            ("98.26", "en-US", "98.26"),
        ],
    )
    def test_values(self, text: str, locale: str, expected: str) -> None:
        """Each text gives exactly this Decimal, with its digits."""
        assert str(parse_number(text, locale)) == expected

    @pytest.mark.parametrize("locale", ["fr", "de_DE", "", "vietnamese", None, 5])
    def test_unsupported_locale(self, locale: object) -> None:
        """Locales other than vi and en raise UnsupportedLocaleError."""
        with pytest.raises(UnsupportedLocaleError):
            parse_number("1", locale)  # type: ignore[arg-type]


class TestUnitPhrases:
    """Unit phrases map to unit codes, keeping the scale."""

    @pytest.mark.parametrize(
        ("text", "locale", "unit"),
        [
            ("5 điểm phần trăm", "vi", "percentage_point"),
            ("5 percentage points", "en", "percentage_point"),
            ("7%/year", "en", "percent_per_year"),
            ("7 % /năm", "vi", "percent_per_year"),
            ("7 %", "vi", "percent"),
            ("5 đồng", "vi", "VND"),
            ("5 VND", "vi", "VND"),
            ("5 ₫", "vi", "VND"),
            ("5 nghìn đồng", "vi", "thousand_VND"),
            ("5 ngàn đồng", "vi", "thousand_VND"),
            ("5 triệu đồng", "vi", "million_VND"),
            ("5 tỷ đồng", "vi", "billion_VND"),
            ("5 tỉ đồng", "vi", "billion_VND"),
            ("5 nghìn tỷ đồng", "vi", "thousand_billion_VND"),
            ("5 ngàn tỉ đồng", "vi", "thousand_billion_VND"),
            ("5 trillion VND", "en", "thousand_billion_VND"),
            ("5 thousand VND", "en", "thousand_VND"),
            ("5 million VND", "en", "million_VND"),
            ("5 billion VND", "en", "billion_VND"),
            ("VND 5", "en", "VND"),
            ("hạng 38", "vi", "rank"),
            ("thứ 38", "vi", "rank"),
            ("rank 38", "en", "rank"),
            ("10 bậc", "vi", "place"),
            ("1,5 tỷ USD", "vi", "billion_USD"),
            ("100 Mbps", "vi", "megabit_per_second"),
            ("5 TRIỆU ĐỒNG", "vi", "million_VND"),
        ],
    )
    def test_phrase(self, text: str, locale: str, unit: str) -> None:
        """The phrase gives the unit."""
        assert parse_measure(text, locale).unit == unit

    def test_nfc_normalised(self) -> None:
        """Decomposed (NFD) input is normalised before matching."""
        import unicodedata

        assert (
            parse_measure(unicodedata.normalize("NFD", "92.013,235 triệu đồng")).unit
            == "million_VND"
        )


class TestFormat:
    """format_measure writes what a reader expects, exactly."""

    @pytest.mark.parametrize(
        ("value", "unit", "vi", "en"),
        [
            ("98.26", "percent", "98,26%", "98.26%"),
            ("92013.235", "million_VND", "92.013,235 triệu đồng", "92,013.235 million VND"),
            ("1899", "count", "1.899", "1,899"),
            ("80.0", "percent", "80,0%", "80.0%"),
            ("18.26", "percentage_point", "18,26 điểm phần trăm", "18.26 percentage points"),
            ("1", "percentage_point", "1 điểm phần trăm", "1 percentage point"),
            ("11.5", "percent_per_year", "11,5%/năm", "11.5%/year"),
            ("92013235000", "VND", "92.013.235.000 đồng", "92,013,235,000 VND"),
            ("92", "billion_VND", "92 tỷ đồng", "92 billion VND"),
            ("38", "rank", "hạng 38", "rank 38"),
            ("10", "place", "10 bậc", "10 places"),
            ("1", "count_per_year", "1 lần/năm", "1 time per year"),
            ("0.000001", "percent", "0,000001%", "0.000001%"),
        ],
    )
    def test_outputs(self, value: str, unit: str, vi: str, en: str) -> None:
        """vi and en renderings."""
        measure = Measure(value=value, unit=unit)
        assert format_measure(measure, "vi") == vi
        assert format_measure(measure, "en") == en
        assert measure.format("en") == en

    def test_rounding_only_when_asked(self) -> None:
        """places rounds half to even; without it nothing is rounded."""
        measure = Measure(value="98.265", unit="percent")
        assert format_measure(measure, "vi") == "98,265%"
        assert format_measure(measure, "vi", places=2) == "98,26%"
        assert format_measure(measure, "en", places=0) == "98%"

    def test_large_values_exact(self) -> None:
        """30-digit values are written exactly."""
        value = "123456789012345678901234567890.123456789"
        assert (
            format_number(Decimal(value), "en")
            == "123,456,789,012,345,678,901,234,567,890.123456789"
        )


@settings(max_examples=scaled(3000))
@given(
    unit=st.sampled_from(UNIT_CODES),
    locale=st.sampled_from(["vi", "en"]),
    data=st.data(),
)
@example(unit="percent", locale="vi", data=None)
def test_format_parse_round_trip(unit: str, locale: str, data: st.DataObject | None) -> None:
    """parse_measure(format_measure(m, loc), loc) == m for every unit, <= 15 digits, <= 6 decimals."""
    rule = unit_spec(unit).values
    value = data.draw(decimals_for(rule, max_places=6, max_digits=15)) if data else Decimal("98.26")
    measure = Measure(value=value, unit=unit)
    text = format_measure(measure, locale)
    parsed = parse_measure(text, locale)
    assert parsed == measure
    assert str(parsed.value) == str(measure.value)


@given(st.text(max_size=60), st.sampled_from(["vi", "en"]))
def test_parsers_raise_only_number_format_error(text: str, locale: str) -> None:
    """On arbitrary text the parsers return a value or raise NumberFormatError, nothing else."""
    for parse in (parse_number, parse_measure):
        with contextlib.suppress(NumberFormatError):
            parse(text, locale)


@given(st.text(alphabet="0123456789.,-+ %", max_size=20), st.sampled_from(["vi", "en"]))
def test_parsed_numbers_come_from_the_text(text: str, locale: str) -> None:
    """A number that parses has exactly the digits of the text (no digit invented or dropped)."""
    try:
        value = parse_number(text, locale)
    except NumberFormatError:
        return
    digits_in = re.sub(r"\D", "", text).lstrip("0")
    digits_out = re.sub(r"\D", "", str(value)).lstrip("0")
    assert digits_in.rstrip("0") == digits_out.rstrip("0")
