"""assess_frame: columnar assessment gives, row by row, what assess gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import sodoan
from sodoan import Actual, AssessmentError, Target
from sodoan.assessment.interval import APPROXIMATION
from sodoan.model._refs import bundled_codes
from sodoan.units import UNIT_CODES, convert, is_compatible
from tests.strategies import periods, targets
from tests.test_bulk import pairs as bulk_pairs

pl = pytest.importorskip("polars")

from sodoan.assessment.frame import COLUMNS, assess_frame, pairs_frame  # noqa: E402

QUALIFIERS = ["exact", "approximately", "more_than", "at_least", "nearly", "less_than", "at_most"]
#: Factors that put an actual on, just inside or just outside the edges of what a threshold
#: and a qualifier allow.
EDGES = [
    Decimal(1),
    1 - APPROXIMATION,
    1 + APPROXIMATION,
    1 / (1 - APPROXIMATION),
    1 / (1 + APPROXIMATION),
    Decimal("0.5"),
    Decimal(2),
]


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Actual, Target]:
    """A target, and an actual of its indicator near its threshold, in a unit of the same
    dimension (another scale of đồng, say), with any qualifier."""
    target = draw(targets())
    bound = draw(st.sampled_from([target.value, target.upper or target.value]))
    units = [u for u in UNIT_CODES if is_compatible(u, bound.unit)]
    unit = draw(st.sampled_from(units))
    factor = draw(st.sampled_from(EDGES))
    value = convert(bound.value, bound.unit, unit) * factor
    if draw(st.booleans()):
        value = value.quantize(Decimal(1).scaleb(-draw(st.integers(0, 4))))
    document = {
        "id": "a",
        "indicator": target.indicator,
        "province": target.province,
        "period": draw(periods).to_json(),
        "qualifier": draw(st.sampled_from(QUALIFIERS)),
        "value": {"value": format(value.normalize(), "f"), "unit": unit},
        "source": {"document": "d", "clause": "c", "quote": "q"},
    }
    # A figure the models reject (after a merged province's end, or a share pushed past 100 by
    # the factor) is drawn again closer to the target, rather than thrown away: a list of eight
    # pairs would otherwise be filtered out too often.
    fallbacks = [{}, {"period": 2024}, {"period": 2024, "value": bound.model_dump(mode="json")}]
    for change in fallbacks:
        try:
            return Actual.model_validate({**document, **change}), target
        except ValueError:  # noqa: PERF203 - at most three tries
            continue
    assume(False)
    raise AssertionError  # pragma: no cover - assume(False) does not return


def _rows(items: list[tuple[Actual, Target]], as_of: dt.date) -> list[tuple[Any, ...]]:
    rows = []
    for actual, target in items:
        try:
            result = sodoan.assess(actual, target, as_of=as_of)
        except AssessmentError:
            rows.append(("error",))
            continue
        rows.append(
            (
                result.status,
                result.margin.value,
                result.margin.unit,
                result.ratio,
                result.actual_before_due,
            )
        )
    return rows


class TestSameAsAssess:
    """Every row equals assess's answer for its pair."""

    @settings(max_examples=40)
    @given(
        st.lists(pairs(), min_size=1, max_size=8),
        st.dates(dt.date(2015, 1, 1), dt.date(2035, 1, 1)),
    )
    def test_near_the_edges(self, items: list[tuple[Actual, Target]], as_of: dt.date) -> None:
        """Actuals on and around thresholds, in other scales, with every qualifier."""
        expected = _rows(items, as_of)
        assume(all(row != ("error",) for row in expected))
        try:
            got = assess_frame(pairs_frame(items), as_of=as_of).rows()
        except AssessmentError as error:  # tiny and huge values together: more than 38 digits
            if "38 digits" not in str(error):
                raise
            assume(False)
        assert got == expected

    @settings(max_examples=25)
    @given(
        st.lists(bulk_pairs(), min_size=1, max_size=6),
        st.dates(dt.date(2015, 1, 1), dt.date(2035, 1, 1)),
    )
    def test_bulk_pairs(self, items: list[tuple[Actual, Target]], as_of: dt.date) -> None:
        """The pairs assess_many is tested on (any target, an actual in its unit)."""
        expected = _rows(items, as_of)
        assume(all(row != ("error",) for row in expected))
        assert assess_frame(pairs_frame(items), as_of=as_of).rows() == expected


def _pair(actual: dict[str, Any], target: dict[str, Any]) -> tuple[Actual, Target]:
    source = {"document": "d", "clause": "c", "quote": "q"}
    base = {"id": "a", "indicator": "online-filing-rate", "province": "tuyen-quang"}
    return (
        Actual.model_validate({**base, "period": 2024, "source": source, **actual}),
        Target.model_validate({**base, "id": "t", "source": source, **target}),
    )


class TestCases:
    """Named cases, exact values."""

    def test_scale_of_products(self) -> None:
        """35.71 % against 'trên 35,7 %', khoảng: the spread (35.71 * 0.05) is exact, so the
        interval (33.9245, 37.4955) overlaps the threshold: indeterminate."""
        actual, target = _pair(
            {"qualifier": "approximately", "value": {"value": "35.71", "unit": "percent"}},
            {"comparator": "gt", "value": {"value": "35.7", "unit": "percent"}, "due": 2030},
        )
        frame = assess_frame(pairs_frame([(actual, target)]), as_of=dt.date(2026, 1, 1))
        assert frame.rows() == [
            ("indeterminate", Decimal("0.01"), "percentage_point", Decimal("1.000280"), True)
        ]

    @pytest.mark.parametrize(
        ("value", "ratio"),
        [("1.0000005", "1.000000"), ("1.0000015", "1.000002"), ("2.4691357", "2.469136")],
    )
    def test_ratio_ties_round_to_even(self, value: str, ratio: str) -> None:
        """A ratio exactly halfway between two 6th decimals goes to the even one, as in assess."""
        actual, target = _pair(
            {"value": {"value": value, "unit": "percent"}},
            {"comparator": "ge", "value": {"value": "1", "unit": "percent"}},
        )
        got = assess_frame(pairs_frame([(actual, target)]), as_of=dt.date(2026, 1, 1)).row(0)[3]
        assert got == Decimal(ratio) == sodoan.assess(actual, target).ratio

    def test_growth_from_baseline_goes_to_assess(self) -> None:
        """An absolute figure against a growth target is computed by assess's calculus."""
        base = {"id": "a", "indicator": "digital-economy-revenue-growth", "province": "tuyen-quang"}
        codes = bundled_codes()
        if "digital-economy-revenue-growth" not in codes.ids("indicator"):
            growth = sorted(
                i for i in codes.ids("indicator") if codes.facts(i).kind == "growth_rate"
            )[0]
            base["indicator"] = growth
        source = {"document": "d", "clause": "c", "quote": "q"}
        actual = Actual.model_validate(
            {**base, "period": 2024, "value": {"value": "121", "unit": "count"}, "source": source}
        )
        target = Target.model_validate(
            {
                **base,
                "id": "t",
                "comparator": "ge",
                "value": {"value": "10", "unit": "percent_per_year"},
                "baseline": {"value": {"value": "100", "unit": "count"}, "period": 2022},
                "due": 2025,
                "source": source,
            }
        )
        expected = sodoan.assess(actual, target, as_of=dt.date(2026, 1, 1))
        row = assess_frame(pairs_frame([(actual, target)]), as_of=dt.date(2026, 1, 1)).row(0)
        assert row == (
            expected.status,
            expected.margin.value,
            expected.margin.unit,
            expected.ratio,
            True,
        )

    def test_arrow_input_and_empty(self) -> None:
        """A pyarrow table is read as polars reads it; no rows give no rows."""
        pa = pytest.importorskip("pyarrow")
        actual, target = _pair(
            {"value": {"value": "98.26", "unit": "percent"}},
            {"comparator": "ge", "value": {"value": "80", "unit": "percent"}, "due": 2025},
        )
        table = pairs_frame([(actual, target)]).to_arrow()
        assert isinstance(table, pa.Table)
        assert assess_frame(table, as_of=dt.date(2025, 6, 30)).rows() == [
            ("achieved", Decimal("18.26"), "percentage_point", Decimal("1.228250"), True)
        ]
        assert assess_frame(pairs_frame([]), as_of=dt.date(2025, 6, 30)).height == 0

    @pytest.mark.parametrize(
        ("column", "value", "message"),
        [
            ("qualifier", "roughly", "unknown qualifier 'roughly'"),
            ("actual_unit", "percentage", "unknown unit 'percentage'"),
            ("actual_unit", "VND", "measure different things"),
            ("indicator", "no-such-indicator", "not in the catalogue"),
        ],
    )
    def test_errors(self, column: str, value: str, message: str) -> None:
        """Values assess could never be given are errors that name them."""
        actual, target = _pair(
            {"value": {"value": "98.26", "unit": "percent"}},
            {"comparator": "ge", "value": {"value": "80", "unit": "percent"}},
        )
        frame = pairs_frame([(actual, target)]).with_columns(pl.lit(value).alias(column))
        with pytest.raises(AssessmentError, match=message):
            assess_frame(frame)

    def test_float_values_are_refused(self) -> None:
        """A column of doubles is not exact: refused, naming it."""
        actual, target = _pair(
            {"value": {"value": "98.26", "unit": "percent"}},
            {"comparator": "ge", "value": {"value": "80", "unit": "percent"}},
        )
        frame = pairs_frame([(actual, target)]).with_columns(
            pl.col("actual_value").cast(pl.Float64)
        )
        with pytest.raises(AssessmentError, match="actual_value is Float64"):
            assess_frame(frame)

    def test_missing_columns(self) -> None:
        """A frame without the columns is refused, naming them."""
        with pytest.raises(AssessmentError, match="needs the columns"):
            assess_frame(pl.DataFrame({"indicator": ["x"]}))

    def test_columns_documented(self) -> None:
        """pairs_frame writes exactly COLUMNS."""
        assert tuple(pairs_frame([]).columns) == COLUMNS

    def test_import_sodoan_does_not_import_polars(self) -> None:
        """The engine and polars load only when used."""
        import subprocess
        import sys

        code = "import sys, sodoan; sodoan.Actual; print('polars' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert out.stdout.strip() == "False"
