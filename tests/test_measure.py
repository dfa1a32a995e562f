"""Measure: exact values with units, conversion, comparison and arithmetic."""

from __future__ import annotations

import operator
from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sodoan import Measure, NotAdditiveError, SodoanError, UnitMismatchError
from sodoan.units import UNIT_CODES, is_compatible, unit_spec
from tests.strategies import decimals_for, measures

VND_SCALES = ("VND", "thousand_VND", "million_VND", "billion_VND")


class TestIssueExamples:
    """The examples of the foundation issue hold exactly."""

    def test_million_to_vnd_is_exact(self) -> None:
        """92013.235 million VND is exactly 92013235000 VND."""
        converted = Measure(value="92013.235", unit="million_VND").to("VND")
        assert converted.value == Decimal("92013235000")
        assert str(converted.value) == "92013235000"
        assert converted.unit == "VND"

    def test_percent_ordering(self) -> None:
        """98.26% is greater than 80%."""
        assert Measure(value="98.26", unit="percent") > Measure(value="80", unit="percent")

    def test_cross_scale_ordering(self) -> None:
        """92 billion VND is less than 92013.235 million VND."""
        assert Measure(value="92", unit="billion_VND") < Measure(
            value="92013.235", unit="million_VND"
        )

    def test_percent_difference_is_percentage_points(self) -> None:
        """98.26% - 80% is 18.26 percentage points, not percent."""
        difference = Measure(value="98.26", unit="percent") - Measure(value="80", unit="percent")
        assert difference == Measure(value="18.26", unit="percentage_point")

    @pytest.mark.parametrize(
        "op", [operator.lt, operator.le, operator.gt, operator.ge, operator.sub]
    )
    def test_cross_dimension_raises(self, op: Callable[[Measure, Measure], object]) -> None:
        """Comparing or subtracting percent and VND raises UnitMismatchError naming both units."""
        a, b = Measure(value="98.26", unit="percent"), Measure(value="92", unit="billion_VND")
        with pytest.raises(UnitMismatchError) as caught:
            op(a, b)
        assert "'percent'" in str(caught.value)
        assert "'billion_VND'" in str(caught.value)
        assert isinstance(caught.value, SodoanError)
        assert isinstance(caught.value, ValueError)


class TestValidation:
    """Measures accept exact decimals and known units, and nothing else."""

    @pytest.mark.parametrize(
        "value",
        [
            "abc",
            "98,26",
            "NaN",
            "Infinity",
            "1e5",
            "+5",
            " 5",
            ".5",
            "5.",
            "1_000",
            "-0",
            "-0.0",
            "0x10",
            "",
            "1" * 31,
        ],
    )
    def test_bad_strings_rejected(self, value: str) -> None:
        """Strings that are not plain decimals are rejected with decimal_format or a bound error."""
        with pytest.raises(ValidationError) as caught:
            Measure.model_validate_json(f'{{"value": "{value}", "unit": "percent"}}')
        (error,) = caught.value.errors()
        assert error["loc"] == ("value",)
        assert error["type"] in ("decimal_format",)

    def test_unknown_unit_rejected(self) -> None:
        """An unknown unit code is a literal_error on unit."""
        with pytest.raises(ValidationError) as caught:
            Measure(value="1", unit="percnt")
        assert [e["loc"] for e in caught.value.errors()] == [("unit",)]
        assert caught.value.errors()[0]["type"] == "literal_error"

    def test_extra_field_rejected(self) -> None:
        """Unknown fields are forbidden."""
        with pytest.raises(ValidationError) as caught:
            Measure.model_validate({"value": "1", "unit": "count", "scale": "million"})
        assert caught.value.errors()[0]["type"] == "extra_forbidden"

    @pytest.mark.parametrize(
        ("value", "unit"),
        [
            ("0", "rank"),
            ("-3", "rank"),
            ("1.5", "rank"),
            ("1.5", "count"),
            ("2.0", "count"),
            ("0.5", "place"),
        ],
    )
    def test_unit_value_rules(self, value: str, unit: str) -> None:
        """Ranks are whole numbers >= 1; counts and places are whole numbers."""
        with pytest.raises(ValidationError) as caught:
            Measure(value=value, unit=unit)
        (error,) = caught.value.errors()
        assert error["loc"] == ("value",)
        assert error["type"] == "value_not_allowed_for_unit"

    def test_json_number_accepted_exactly(self) -> None:
        """A short JSON number is accepted and emitted as a string."""
        measure = Measure.model_validate_json('{"value": 98.26, "unit": "percent"}')
        assert measure.value == Decimal("98.26")
        assert measure.model_dump_json() == '{"value":"98.26","unit":"percent"}'

    def test_long_json_number_rejected(self) -> None:
        """A JSON number with more digits than a double holds is rejected, not rounded."""
        with pytest.raises(ValidationError) as caught:
            Measure.model_validate_json('{"value": 0.1234567890123456789, "unit": "percent"}')
        assert caught.value.errors()[0]["type"] == "json_number"
        assert caught.value.errors()[0]["loc"] == ("value",)
        assert caught.value.errors()[0]["msg"] == (
            "JSON number 0.1234567890123456789 has more than 15 significant digits: a double "
            "cannot hold it exactly (it would read as 0.12345678901234568); send it as a string"
        )

    @pytest.mark.parametrize("raw", ["1e999", "-1e999", "1e15", "12345678901234567"])
    def test_json_number_bounds(self, raw: str) -> None:
        """Infinite, too large or too long JSON numbers are rejected."""
        with pytest.raises(ValidationError):
            Measure.model_validate_json(f'{{"value": {raw}, "unit": "VND"}}')

    def test_integral_json_float_is_a_count(self) -> None:
        """3.0 as a JSON number is the whole number 3 (JSON Schema calls it an integer too)."""
        assert Measure.model_validate_json('{"value": 3.0, "unit": "count"}').value == Decimal(3)

    def test_float_python_input_is_checked_like_json(self) -> None:
        """0.1 + 0.2 (0.30000000000000004) is rejected: it is float noise, not a figure."""
        with pytest.raises(ValidationError):
            Measure(value=0.1 + 0.2, unit="percent")

    def test_boolean_rejected(self) -> None:
        """A boolean is not a number."""
        with pytest.raises(ValidationError):
            Measure.model_validate_json('{"value": true, "unit": "count"}')

    def test_trailing_zeros_kept(self) -> None:
        """ "80.0" keeps its digits through a round trip and equals 80."""
        measure = Measure.model_validate_json('{"value": "80.0", "unit": "percent"}')
        assert measure.model_dump_json() == '{"value":"80.0","unit":"percent"}'
        assert measure == Measure(value="80", unit="percent")

    def test_frozen(self) -> None:
        """Measures are immutable."""
        measure = Measure(value="1", unit="count")
        with pytest.raises(ValidationError):
            measure.value = Decimal(2)  # type: ignore[misc]

    def test_repr_and_str(self) -> None:
        """repr shows value first; str is value and unit code."""
        measure = Measure(value="92013.235", unit="million_VND")
        assert repr(measure) == "Measure(value=Decimal('92013.235'), unit='million_VND')"
        assert str(measure) == "92013.235 million_VND"


class TestConversion:
    """Conversion is exact and goes only between compatible units."""

    @pytest.mark.parametrize(
        ("value", "unit", "target", "expected"),
        [
            ("1", "billion_VND", "million_VND", "1000"),
            ("1", "thousand_VND", "billion_VND", "0.000001"),
            ("68673.618", "million_VND", "billion_VND", "68.673618"),
            ("2.5", "gigabit_per_second", "megabit_per_second", "2500"),
            ("1", "billion_USD", "USD", "1000000000"),
        ],
    )
    def test_exact_values(self, value: str, unit: str, target: str, expected: str) -> None:
        """Scales convert by exact powers of ten, without trailing-zero noise."""
        assert str(Measure(value=value, unit=unit).to(target).value) == expected

    def test_no_currency_conversion(self) -> None:
        """VND and USD are different dimensions: no silent exchange rate."""
        with pytest.raises(UnitMismatchError):
            Measure(value="1", unit="USD").to("VND")

    def test_percent_is_not_percentage_point(self) -> None:
        """A percentage and a percentage point never convert into each other."""
        with pytest.raises(UnitMismatchError):
            Measure(value="1", unit="percent").to("percentage_point")

    @given(measures(VND_SCALES), st.sampled_from(VND_SCALES))
    def test_round_trip_is_identity(self, measure: Measure, target: str) -> None:
        """Converting to any scale and back gives an equal value."""
        assert measure.to(target).to(measure.unit).value == measure.value

    @given(measures(VND_SCALES), st.sampled_from(VND_SCALES))
    def test_conversion_preserves_quantity(self, measure: Measure, target: str) -> None:
        """A converted measure is equivalent to the original and compares equal both ways."""
        converted = measure.to(target)
        assert converted.equivalent(measure)
        assert converted <= measure
        assert converted >= measure
        assert not converted < measure

    def test_quantity_round_trip(self) -> None:
        """to_quantity/from_quantity keep the Decimal magnitude and the unit."""
        measure = Measure(value="92013.235", unit="million_VND")
        quantity = measure.to_quantity()
        assert isinstance(quantity.magnitude, Decimal)
        assert Measure.from_quantity(quantity) == measure

    def test_to_pint(self) -> None:
        """to_pint gives a pint Quantity that continues exactly in pint: 92.013,235 triệu đồng
        is 92.013.235.000 đồng, a Decimal; a percent stays sodoan's percent unit."""
        quantity = Measure(value="92013.235", unit="million_VND").to_pint()
        in_dong = quantity.to("VND")
        assert in_dong.magnitude == Decimal("92013235000")
        assert isinstance(in_dong.magnitude, Decimal)
        assert str(in_dong.units) == "VND"
        assert Measure.from_quantity(quantity) == Measure(value="92013.235", unit="million_VND")
        share = Measure(value="98.26", unit="percent").to_pint()
        assert (share.magnitude, str(share.units)) == (Decimal("98.26"), "percent")


class TestOrderingLaws:
    """Ordering is a total order within a dimension."""

    @given(measures(VND_SCALES), measures(VND_SCALES))
    def test_trichotomy(self, a: Measure, b: Measure) -> None:
        """Exactly one of a < b, a > b, a equivalent to b holds."""
        assert [a < b, a > b, a.equivalent(b)].count(True) == 1

    @given(measures(VND_SCALES), measures(VND_SCALES), measures(VND_SCALES))
    def test_transitivity(self, a: Measure, b: Measure, c: Measure) -> None:
        """a <= b and b <= c imply a <= c."""
        if a <= b and b <= c:
            assert a <= c

    @given(measures(), measures())
    def test_cross_dimension_never_answers(self, a: Measure, b: Measure) -> None:
        """Measures of different dimensions raise instead of comparing."""
        if is_compatible(a.unit, b.unit):
            assert (a < b) or (a >= b)
        else:
            with pytest.raises(UnitMismatchError):
                _ = a < b


class TestArithmetic:
    """Subtraction and addition keep units honest."""

    @given(decimals_for("any"), decimals_for("any"))
    def test_percent_minus_percent(self, x: Decimal, y: Decimal) -> None:
        """The difference of two percentages is in percentage points and exact."""
        result = Measure(value=x, unit="percent") - Measure(value=y, unit="percent")
        assert result.unit == "percentage_point"
        assert result.value == x - y

    @given(measures(VND_SCALES), measures(VND_SCALES))
    def test_money_difference_in_left_unit(self, a: Measure, b: Measure) -> None:
        """a - b is in a's unit and adding b back gives a."""
        difference = a - b
        assert difference.unit == a.unit
        assert (difference + b).equivalent(a)

    def test_level_plus_difference(self) -> None:
        """80% + 18.26 percentage points is 98.26%."""
        total = Measure(value="80", unit="percent") + Measure(
            value="18.26", unit="percentage_point"
        )
        assert total == Measure(value="98.26", unit="percent")

    def test_difference_minus_level_is_meaningless(self) -> None:
        """Percentage points minus a percentage raises UnitMismatchError."""
        with pytest.raises(UnitMismatchError):
            _ = Measure(value="1", unit="percentage_point") - Measure(value="1", unit="percent")

    @pytest.mark.parametrize("op", [operator.sub, operator.add])
    def test_ranks_are_ordinal(self, op: Callable[[Measure, Measure], object]) -> None:
        """Ranks cannot be added or subtracted."""
        a, b = Measure(value="38", unit="rank"), Measure(value="20", unit="rank")
        with pytest.raises(NotAdditiveError):
            op(a, b)

    def test_count_difference_may_be_negative(self) -> None:
        """1.868 - 1.871 teams is -3 (a difference, not a count of teams)."""
        assert (
            Measure(value="1868", unit="count") - Measure(value="1871", unit="count")
        ).value == Decimal(-3)

    def test_negation(self) -> None:
        """-m negates the value and keeps the unit."""
        assert -Measure(value="5", unit="percentage_point") == Measure(
            value="-5", unit="percentage_point"
        )


@pytest.mark.parametrize("unit", UNIT_CODES)
def test_every_unit_has_labels(unit: str) -> None:
    """Every unit code has vi and en labels in data/units.json."""
    spec = unit_spec(unit)
    assert set(spec.labels) == {"vi", "en"}
