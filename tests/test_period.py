"""Period: years, quarters, months and days."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from pydantic import TypeAdapter, ValidationError

from sodoan import Period
from tests.strategies import periods

ADAPTER = TypeAdapter(Period)


class TestForms:
    """Each JSON form parses to the right period."""

    @pytest.mark.parametrize(
        ("raw", "kind", "start", "end"),
        [
            (2025, "year", dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
            ("2025-Q2", "quarter", dt.date(2025, 4, 1), dt.date(2025, 6, 30)),
            ("2024-02", "month", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
            ("2025-06-30", "day", dt.date(2025, 6, 30), dt.date(2025, 6, 30)),
        ],
    )
    def test_bounds(self, raw: object, kind: str, start: dt.date, end: dt.date) -> None:
        """A period knows its kind, first day and last day."""
        period = ADAPTER.validate_python(raw)
        assert (period.kind, period.start, period.end) == (kind, start, end)

    def test_year_json_is_an_integer(self) -> None:
        """A year is emitted as a JSON integer, other periods as strings."""
        assert ADAPTER.dump_json(Period(2025)) == b"2025"
        assert ADAPTER.dump_json(Period(2025, quarter=2)) == b'"2025-Q2"'

    def test_integral_float_year(self) -> None:
        """2025.0 is the year 2025 (JSON Schema's integer accepts it too)."""
        assert ADAPTER.validate_json("2025.0") == Period(2025)

    @pytest.mark.parametrize(
        "raw",
        [
            '"2025-02-30"',
            '"2025-13"',
            '"2025-Q5"',
            "1800",
            '"25"',
            "true",
            '"2025-6-30"',
            "2025.5",
            '"2025-06-30T00:00:00"',
        ],
    )
    def test_invalid(self, raw: str) -> None:
        """Malformed or out-of-range periods are rejected with the period error."""
        with pytest.raises(ValidationError) as caught:
            ADAPTER.validate_json(raw)
        assert caught.value.errors()[0]["type"] == "period"


class TestLaws:
    """Periods round-trip and order consistently."""

    @given(periods)
    def test_json_round_trip(self, period: Period) -> None:
        """dump_json then validate_json gives the same period."""
        assert ADAPTER.validate_json(ADAPTER.dump_json(period)) == period

    @given(periods)
    def test_contains_own_bounds(self, period: Period) -> None:
        """A period contains its first and last days."""
        assert period.contains(period.start)
        assert period.contains(period.end)
        assert period.start <= period.end

    @given(periods, periods)
    def test_order_consistent_with_equality(self, a: Period, b: Period) -> None:
        """Exactly one of a < b, a == b, a > b holds."""
        assert [a < b, a == b, a > b].count(True) == 1
