"""assess(): statuses, margins, ratios and explanations; the comparator laws."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sodoan
from sodoan import Actual, AssessmentError, Measure, Target
from sodoan.assessment import MarginInterval, assess
from tests.documents import ACTUAL, TARGET
from tests.strategies import decimals_for

SOURCE = {"document": "doc", "clause": "Phần II", "quote": "80% hồ sơ"}
EARLY = dt.date(2025, 1, 1)
LATE = dt.date(2026, 1, 1)


def target(**changes: Any) -> Target:
    return Target.model_validate({**TARGET, "source": SOURCE, **changes})


def actual(**changes: Any) -> Actual:
    return Actual.model_validate({**ACTUAL, "source": SOURCE, **changes})


def pct(value: str) -> dict[str, str]:
    return {"value": value, "unit": "percent"}


def status(a: Actual, t: Target, as_of: dt.date = EARLY) -> str:
    return assess(a, t, as_of=as_of).status


class TestComparators:
    """Each comparator's semantics, with exact boundaries."""

    @pytest.mark.parametrize(
        ("comparator", "value", "expected"),
        [
            ("gt", "80", "pending"),
            ("gt", "80.01", "achieved"),
            ("ge", "80", "achieved"),
            ("ge", "79.99", "pending"),
            ("eq", "80", "achieved"),
            ("eq", "80.0", "achieved"),
            ("eq", "80.5", "pending"),
            ("le", "80", "achieved"),
            ("le", "80.01", "pending"),
            ("lt", "80", "pending"),
            ("lt", "79.99", "achieved"),
        ],
    )
    def test_boundaries(self, comparator: str, value: str, expected: str) -> None:
        """gt and lt are strict at the threshold; ge, le and eq are inclusive."""
        assert status(actual(value=pct(value)), target(comparator=comparator)) == expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2", "achieved"),
            ("3", "achieved"),
            ("2.5", "achieved"),
            ("1.99", "pending"),
            ("3.01", "pending"),
        ],
    )
    def test_between_is_inclusive(self, value: str, expected: str) -> None:
        """A range includes both ends."""
        t = target(
            indicator="sti-dx-budget-share", comparator="between", value=pct("2"), upper=pct("3")
        )
        a = actual(indicator="sti-dx-budget-share", value=pct(value))
        assert status(a, t) == expected

    def test_exactly_80_does_not_meet_tren_80(self) -> None:
        """'trên 80%' is strict: exactly 80% is not enough."""
        result = assess(actual(value=pct("80")), target(comparator="gt"), as_of=EARLY)
        assert result.status == "pending"
        assert result.margin == Measure(value="0", unit="percentage_point")


class TestStatuses:
    """achieved, pending, missed, indeterminate."""

    def test_issue_example(self) -> None:
        """98.26% against at least 80% is achieved, margin exactly 18.26 percentage points."""
        result = assess(actual(), target(), as_of=EARLY)
        assert result.status == "achieved"
        assert result.margin == Measure(value="18.26", unit="percentage_point")
        assert result.ratio == Decimal("1.22825")

    def test_pending_before_due(self) -> None:
        """Not met, due date ahead: pending."""
        assert status(actual(value=pct("70")), target(), as_of=dt.date(2025, 12, 31)) == "pending"

    def test_missed_after_due(self) -> None:
        """Not met, due date passed: missed, flagged when the figure predates the due date."""
        result = assess(actual(value=pct("70")), target(), as_of=LATE)
        assert result.status == "missed"
        assert result.actual_before_due is True

    def test_missed_day_due(self) -> None:
        """A target due on a day is missed the day after."""
        t = target(due="2025-06-30")
        assert status(actual(value=pct("70")), t, as_of=dt.date(2025, 6, 30)) == "pending"
        assert status(actual(value=pct("70")), t, as_of=dt.date(2025, 7, 1)) == "missed"

    def test_no_due_date_is_never_missed(self) -> None:
        """A target without a stated due date stays pending when not met."""
        assert status(actual(value=pct("70")), target(due=None), as_of=LATE) == "pending"

    def test_achieved_after_due(self) -> None:
        """A met target stays achieved after its due date."""
        assert status(actual(), target(), as_of=LATE) == "achieved"

    def test_default_as_of_is_today(self) -> None:
        """as_of defaults to today's date."""
        assert assess(actual(), target()).as_of == dt.date.today()


class TestQualifiers:
    """A qualified figure decides only when every value it allows gives the same answer."""

    @pytest.mark.parametrize(
        ("qualifier", "value", "comparator", "threshold", "expected"),
        [
            ("more_than", "80", "ge", "90", "indeterminate"),
            ("more_than", "80", "ge", "80", "achieved"),
            ("more_than", "80", "gt", "80", "achieved"),
            ("more_than", "80", "le", "70", "pending"),
            ("at_least", "80", "gt", "80", "indeterminate"),
            ("at_least", "80", "ge", "80", "achieved"),
            ("approximately", "85", "gt", "85", "indeterminate"),
            ("approximately", "85", "ge", "50", "achieved"),
            ("approximately", "85", "ge", "95", "pending"),
            ("nearly", "94.05", "ge", "94.05", "pending"),
            ("nearly", "94.05", "ge", "90", "indeterminate"),
            ("nearly", "100", "ge", "50", "achieved"),
            ("less_than", "10", "lt", "10", "achieved"),
            ("less_than", "10", "ge", "10", "pending"),
            ("at_most", "10", "lt", "10", "indeterminate"),
        ],
    )
    def test_intervals(
        self, qualifier: str, value: str, comparator: str, threshold: str, expected: str
    ) -> None:
        """Examples for every qualifier (approximately and nearly: within 5% of the value)."""
        a = actual(qualifier=qualifier, value=pct(value))
        assert status(a, target(comparator=comparator, value=pct(threshold))) == expected

    def test_issue_indeterminate_example(self) -> None:
        """'more than 800' against 'at least 1.000' is indeterminate, with the explanation saying why."""
        a = actual(
            indicator="payroll-account-unit-count",
            qualifier="more_than",
            value={"value": "800", "unit": "count"},
        )
        t = target(indicator="payroll-account-unit-count", value={"value": "1000", "unit": "count"})
        result = assess(a, t, as_of=EARLY)
        assert result.status == "indeterminate"
        assert "approximately" in result.explanation("en")


class TestMarginIntervals:
    """A qualified figure gives the margins it allows, and the words say so."""

    def test_nearly_at_the_threshold_is_short(self) -> None:
        """'gần 100%' against '≥ 100%' is short by less than 5 points, never 'at the threshold'."""
        result = assess(
            actual(qualifier="nearly", value=pct("100")),
            target(value=pct("100")),
            as_of=LATE,
        )
        assert result.status == "missed"
        assert result.margin_interval == MarginInterval(
            low=Decimal("-5"),
            low_closed=False,
            high=Decimal("0"),
            high_closed=False,
            unit="percentage_point",
        )
        assert (result.margin_low, result.margin_high) == (Decimal("-5"), Decimal("0"))
        assert result.explanation("en") == (
            "Missed: nearly 100% in 2024 against the target of at least 100% by 2025; less "
            "than 5 percentage points short. The latest figure predates the due date."
        )
        assert result.margin_text("vi") == "còn thiếu dưới 5 điểm phần trăm"
        assert "threshold" not in result.explanation("en")

    @pytest.mark.parametrize(
        ("qualifier", "value", "comparator", "threshold", "bounds", "english"),
        [
            ("approximately", "85", "gt", "85", ("-4.25", False, "4.25", False),
             "from 4.25 percentage points short to 4.25 percentage points ahead"),
            ("approximately", "85", "ge", "100", ("-19.25", False, "-10.75", False),
             "10.75 percentage points to 19.25 percentage points short"),
            ("nearly", "100", "ge", "90", ("5", False, "10", False),
             "5 percentage points to 10 percentage points ahead"),
            ("nearly", "100", "ge", "95", ("0", False, "5", False),
             "less than 5 percentage points ahead"),
            ("more_than", "80", "ge", "90", ("-10", False, None, False),
             "less than 10 percentage points short, or ahead"),
            ("more_than", "80", "ge", "80", ("0", False, None, False),
             "above the threshold by an unstated amount"),
            ("at_least", "80", "ge", "80", ("0", True, None, False),
             "at or above the threshold"),
            ("at_least", "90", "ge", "80", ("10", True, None, False),
             "at least 10 percentage points ahead"),
            ("less_than", "70", "ge", "80", (None, False, "-10", False),
             "more than 10 percentage points short"),
            ("at_most", "80", "ge", "80", (None, False, "0", True),
             "at or below the threshold"),
            ("less_than", "85", "ge", "80", (None, False, "5", False),
             "less than 5 percentage points ahead, or short"),
            ("at_most", "90", "le", "80", (None, False, "10", True),
             "at most 10 percentage points ahead, or short"),
            ("approximately", "25", "between", "20", ("3.75", False, "5", True),
             "3.75 percentage points to 5 percentage points ahead"),
            ("approximately", "30", "between", "20", ("-1.5", False, "1.5", False),
             "from 1.5 percentage points short to 1.5 percentage points ahead"),
        ],
    )  # fmt: skip
    def test_examples(
        self,
        qualifier: str,
        value: str,
        comparator: str,
        threshold: str,
        bounds: tuple[str | None, bool, str | None, bool],
        english: str,
    ) -> None:
        """Bounds, which of them are possible, and the words, for every kind of qualifier."""
        upper = {"upper": pct("30")} if comparator == "between" else {}
        result = assess(
            actual(qualifier=qualifier, value=pct(value)),
            target(comparator=comparator, value=pct(threshold), **upper),
            as_of=EARLY,
        )
        interval = result.margin_interval
        assert interval is not None
        low, low_closed, high, high_closed = bounds
        assert (interval.low, interval.low_closed, interval.high, interval.high_closed) == (
            Decimal(low) if low is not None else None,
            low_closed,
            Decimal(high) if high is not None else None,
            high_closed,
        )
        assert interval.text("en") == english
        assert result.margin_text("en") == english

    def test_rank_margins_in_places(self) -> None:
        """A qualified rank against 'top 20' gives margins in places, better being positive."""
        rank = {"indicator": "dti-rank", "value": {"value": "20", "unit": "rank"}}
        result = assess(
            actual(
                indicator="dti-rank",
                qualifier="approximately",
                value={"value": "40", "unit": "rank"},
            ),
            target(comparator="le", **rank),
            as_of=EARLY,
        )
        assert result.margin_interval is not None
        assert (result.margin_interval.low, result.margin_interval.high) == (
            Decimal(-22),
            Decimal(-18),
        )
        assert result.margin_interval.unit == "place"

    def test_exact_figure_has_no_interval(self) -> None:
        """An exact figure has one margin: margin_low and margin_high are that margin."""
        result = assess(actual(), target(), as_of=EARLY)
        assert result.margin_interval is None
        assert result.margin_low == result.margin_high == Decimal("18.26")
        assert result.margin_text("vi") == "18,26 điểm phần trăm"

    @given(
        st.sampled_from(
            ["approximately", "nearly", "more_than", "at_least", "less_than", "at_most"]
        ),
        st.decimals(min_value=1, max_value=100, places=2),
        st.sampled_from(["gt", "ge", "eq", "le", "lt", "between"]),
        st.decimals(min_value=1, max_value=100, places=1),
        st.integers(0, 1000),
    )
    def test_every_allowed_value_has_a_margin_in_the_interval(
        self, qualifier: str, value: Decimal, comparator: str, threshold: Decimal, pick: int
    ) -> None:
        """The margin of any exact value a qualified figure allows lies in its margin interval."""
        from sodoan.assessment.interval import qualified

        upper = {"upper": pct(str(min(threshold + 10, 100)))} if comparator == "between" else {}
        t = target(comparator=comparator, value=pct(str(threshold)), **upper)
        interval = qualified(value, qualifier)
        low = interval.low if interval.low is not None else max(Decimal(0), value - 300)
        high = interval.high if interval.high is not None else value + 300
        high = min(high, Decimal(100))  # a share of a whole: a figure is at most 100%
        inside = low + (high - low) * Decimal(pick) / 1000
        if (inside == interval.low and not interval.low_closed) or (
            inside == interval.high and not interval.high_closed
        ):
            return
        margins = assess(actual(qualifier=qualifier, value=pct(str(value))), t).margin_interval
        assert margins is not None
        margin = assess(actual(value=pct(str(inside))), t).margin.value
        if margins.low is not None:
            assert margin > margins.low or (margin == margins.low and margins.low_closed)
        if margins.high is not None:
            assert margin < margins.high or (margin == margins.high and margins.high_closed)


class TestRanks:
    """Ranks: lower is better, margins in places."""

    def rank_target(self, n: str = "20", comparator: str = "le") -> Target:
        return target(
            indicator="dti-rank", comparator=comparator, value={"value": n, "unit": "rank"}
        )

    def rank_actual(self, n: str) -> Actual:
        return actual(indicator="dti-rank", period=2023, value={"value": n, "unit": "rank"})

    def test_rank_38_is_not_top_20(self) -> None:
        """Rank 38 against 'top 20' is not achieved; 18 places short; no ratio."""
        result = assess(self.rank_actual("38"), self.rank_target(), as_of=EARLY)
        assert result.status == "pending"
        assert result.margin == Measure(value="-18", unit="place")
        assert result.ratio is None

    def test_rank_12_is_top_20(self) -> None:
        """Rank 12 is in the top 20, 8 places ahead."""
        result = assess(self.rank_actual("12"), self.rank_target(), as_of=EARLY)
        assert result.status == "achieved"
        assert result.margin == Measure(value="8", unit="place")

    def test_rank_20_is_top_20(self) -> None:
        """Rank 20 is in the top 20 (inclusive)."""
        assert status(self.rank_actual("20"), self.rank_target()) == "achieved"

    def test_rank_explanations(self) -> None:
        """Explanations speak of places and the top group."""
        result = assess(self.rank_actual("38"), self.rank_target(), as_of=EARLY)
        assert result.explanation("en") == (
            "Pending: rank 38 in 2023 against the target of rank 20 or better by 2025; 18 places short."
        )
        assert result.explanation("vi") == (
            "Chưa đạt, còn trong hạn: hạng 38 (năm 2023) so với mục tiêu trong nhóm 20 đứng đầu "
            "đến năm 2025; còn thiếu 18 bậc."
        )


class TestUnitsAndErrors:
    """Units are converted; mismatches are errors."""

    def test_money_scales_converted(self) -> None:
        """92.013,235 triệu đồng against at least 92 tỷ đồng: achieved, margin in tỷ (0.013235)."""
        t = target(indicator="dx-spending", value={"value": "92", "unit": "billion_VND"})
        a = actual(indicator="dx-spending", value={"value": "92013.235", "unit": "million_VND"})
        result = assess(a, t, as_of=EARLY)
        assert result.status == "achieved"
        assert result.margin == Measure(value="0.013235", unit="billion_VND")
        assert result.value == Measure(value="92.013235", unit="billion_VND")

    def test_money_just_short(self) -> None:
        """91.999 tỷ is short of 92 tỷ by 1 triệu, stated in tỷ."""
        t = target(indicator="dx-spending", value={"value": "92", "unit": "billion_VND"})
        a = actual(indicator="dx-spending", value={"value": "91999", "unit": "million_VND"})
        result = assess(a, t, as_of=EARLY)
        assert result.status == "pending"
        assert result.margin.to("million_VND") == Measure(value="-1", unit="million_VND")

    def test_growth_rate_direct(self) -> None:
        """A growth actual stated as a rate is compared directly."""
        t = target(
            indicator="labour-productivity-growth",
            comparator="gt",
            value={"value": "11.5", "unit": "percent_per_year"},
        )
        a = actual(
            indicator="labour-productivity-growth",
            value={"value": "12", "unit": "percent_per_year"},
        )
        result = assess(a, t, as_of=EARLY)
        assert result.status == "achieved"
        assert result.margin == Measure(value="0.5", unit="percentage_point_per_year")

    def test_growth_from_levels(self) -> None:
        """From 100 to 150 million VND over 5 years is 8.447177%/year, above 7%/year."""
        t = target(
            indicator="labour-productivity-growth",
            value={"value": "7", "unit": "percent_per_year"},
            baseline={"value": {"value": "100", "unit": "million_VND"}, "period": 2020},
        )
        a = actual(
            indicator="labour-productivity-growth",
            period=2025,
            value={"value": "0.15", "unit": "billion_VND"},
        )
        result = assess(a, t, as_of=EARLY)
        assert result.status == "achieved"
        assert result.value == Measure(value="8.447177", unit="percent_per_year")

    def test_growth_from_levels_needs_baseline(self) -> None:
        """A level against a growth target without a baseline is an AssessmentError."""
        t = target(
            indicator="labour-productivity-growth", value={"value": "7", "unit": "percent_per_year"}
        )
        a = actual(
            indicator="labour-productivity-growth",
            period=2025,
            value={"value": "150", "unit": "million_VND"},
        )
        with pytest.raises(AssessmentError, match="baseline"):
            assess(a, t)

    def test_different_indicators(self) -> None:
        """An actual of one indicator against a target of another raises AssessmentError."""
        a = actual(indicator="dossier-digitisation-rate")
        with pytest.raises(AssessmentError, match="dossier-digitisation-rate"):
            assess(a, target())

    def test_percent_actual_against_money_target(self) -> None:
        """A percent actual against a VND target is refused (different indicators, different units)."""
        t = Target.model_validate(
            {
                **target().model_dump(mode="json"),
                "indicator": "bank-account-opened-count",
                "value": {"value": "5", "unit": "count"},
            }
        )
        with pytest.raises(AssessmentError):
            assess(actual(), t)

    def test_change_is_not_a_level(self) -> None:
        """A change since 2023 cannot be assessed against a level target."""
        a = actual(change_from=2023, value={"value": "0.11", "unit": "percentage_point"})
        with pytest.raises(AssessmentError, match="change"):
            assess(a, target())

    def test_not_models(self) -> None:
        """Anything but an Actual and a Target is refused."""
        with pytest.raises(AssessmentError):
            assess("98.26%", target())  # type: ignore[arg-type]

    def test_json_round_trip(self) -> None:
        """An Assessment is JSON-serialisable and round-trips."""
        from sodoan.assessment import Assessment

        result = assess(actual(), target(), as_of=EARLY)
        assert Assessment.model_validate_json(result.model_dump_json()) == result


percents = decimals_for("share", max_places=3, max_digits=3).map(
    lambda d: Measure(value=d, unit="percent")
)
comparators = st.sampled_from(["gt", "ge", "eq", "le", "lt"])


class TestLaws:
    """Comparator and monotonicity laws (hypothesis)."""

    @given(percents, percents)
    def test_gt_implies_ge(self, a: Measure, t: Measure) -> None:
        """Whenever gt is achieved, ge is achieved."""
        if (
            status(actual(value=a.model_dump()), target(comparator="gt", value=t.model_dump()))
            == "achieved"
        ):
            assert (
                status(actual(value=a.model_dump()), target(comparator="ge", value=t.model_dump()))
                == "achieved"
            )

    @given(percents)
    def test_strict_at_boundary(self, t: Measure) -> None:
        """At the threshold, gt and lt fail while ge, le and eq hold."""
        a = actual(value=t.model_dump())
        for comparator, expected in [
            ("gt", "pending"),
            ("lt", "pending"),
            ("ge", "achieved"),
            ("le", "achieved"),
            ("eq", "achieved"),
        ]:
            assert status(a, target(comparator=comparator, value=t.model_dump())) == expected

    @given(percents, percents, st.decimals(min_value=0, max_value=1000, places=2), comparators)
    def test_raising_the_actual_keeps_achieved(
        self, a: Measure, t: Measure, step: Decimal, comparator: str
    ) -> None:
        """For a higher-is-better indicator and a lower bound, raising the actual never loses 'achieved'."""
        if comparator not in ("gt", "ge"):
            comparator = "ge"
        tt = target(comparator=comparator, value=t.model_dump())
        if status(actual(value=a.model_dump()), tt) == "achieved":
            higher = Measure(value=min(a.value + step, Decimal(100)), unit="percent")
            assert status(actual(value=higher.model_dump()), tt) == "achieved"

    @given(
        decimals_for("nonnegative", max_places=3, max_digits=9),
        decimals_for("nonnegative", max_places=3, max_digits=9),
        st.sampled_from(["thousand_VND", "million_VND", "billion_VND"]),
        st.sampled_from(["thousand_VND", "million_VND", "billion_VND"]),
    )
    def test_growth_rescaling_invariance(
        self, a: Decimal, t: Decimal, unit_a: str, unit_t: str
    ) -> None:
        """Growth computed from levels in any scale gives the same status and margin."""
        growth_target: dict[str, Any] = {
            "indicator": "labour-productivity-growth",
            "comparator": "ge",
            "value": {"value": "5", "unit": "percent_per_year"},
            "baseline": {"value": {"value": str(t + 1), "unit": "million_VND"}, "period": 2020},
        }
        base = assess(
            actual(
                indicator="labour-productivity-growth",
                period=2025,
                value={"value": str(a + 1), "unit": "million_VND"},
            ),
            target(**growth_target),
            as_of=EARLY,
        )
        rescaled_value = Measure(value=a + 1, unit="million_VND").to(unit_a)
        rescaled_baseline = Measure(value=t + 1, unit="million_VND").to(unit_t)
        growth_target["baseline"] = {
            "value": rescaled_baseline.model_dump(mode="json"),
            "period": 2020,
        }
        again = assess(
            actual(
                indicator="labour-productivity-growth",
                period=2025,
                value=rescaled_value.model_dump(mode="json"),
            ),
            target(**growth_target),
            as_of=EARLY,
        )
        assert again.status == base.status
        assert again.margin.equivalent(base.margin)

    @given(
        decimals_for("nonnegative", max_places=3, max_digits=9),
        decimals_for("nonnegative", max_places=3, max_digits=9),
        st.sampled_from(["VND", "thousand_VND", "million_VND", "billion_VND"]),
        st.sampled_from(["VND", "thousand_VND", "million_VND", "billion_VND"]),
        comparators,
    )
    def test_money_rescaling_invariance(
        self, a: Decimal, t: Decimal, unit_a: str, unit_t: str, comparator: str
    ) -> None:
        """Restating actual and threshold in other scales changes neither status nor margin."""
        base = assess(
            actual(indicator="dx-spending", value={"value": str(a), "unit": "million_VND"}),
            target(
                indicator="dx-spending",
                comparator=comparator,
                value={"value": str(t), "unit": "million_VND"},
            ),
            as_of=EARLY,
        )
        moved_a = Measure(value=a, unit="million_VND").to(unit_a)
        moved_t = Measure(value=t, unit="million_VND").to(unit_t)
        again = assess(
            actual(indicator="dx-spending", value=moved_a.model_dump(mode="json")),
            target(
                indicator="dx-spending",
                comparator=comparator,
                value=moved_t.model_dump(mode="json"),
            ),
            as_of=EARLY,
        )
        assert again.status == base.status
        assert again.margin.equivalent(base.margin)


class TestOnBundledData:
    """The questions of the assessment issue, answered on the bundled data."""

    AS_OF = dt.date(2026, 11, 22)

    def test_tuyen_quang_online_filing(self) -> None:
        """98,26% (2024) against the 2025 target of 80%: achieved, margin exactly 18.26 points."""
        from sodoan import compare

        row, merged = compare("online-filing-rate", ["tuyen-quang"], as_of=self.AS_OF).rows
        assert (merged.province, merged.status) == ("ha-giang", "no-target")  # merged in 2025
        assert row.status == "achieved"
        assert row.assessment is not None
        assert row.assessment.timing == "before-due"
        assert row.assessment.margin == Measure(value="18.26", unit="percentage_point")
        assert row.actual is not None
        assert row.actual.value == Measure(value="98.26", unit="percent")

    def test_tra_vinh_dti_from_an_earlier_year(self) -> None:
        """Trà Vinh's 2025 top-20 DTI target against its latest rank (25th, 2022): missed by 5
        places, and the assessment says the figure predates the due year."""
        from sodoan import compare

        (row,) = compare("dti-rank", ["tra-vinh"], as_of=self.AS_OF).rows
        assert row.status == "missed"
        assert row.actual is not None
        assert row.actual.period == sodoan.Period(2022)
        assert row.assessment is not None
        assert row.assessment.actual_before_due
        assert row.assessment.margin == sodoan.Measure(value="-5", unit="place")
        assert row.merged_into == "vinh-long"

    def test_without_actual_is_no_data(self) -> None:
        """A target without an actual is a no-data row, not an error."""
        from sodoan import compare

        rows = compare("online-inspection-share", ["tra-vinh"], as_of=self.AS_OF).rows
        assert {row.status for row in rows} == {"no-data"}
        assert all(row.assessment is None and row.actual is None for row in rows)

    def test_digital_economy_both_provinces(self) -> None:
        """Both provinces' 2025 and 2030 targets are shown with sources; Tuyên Quang 2025 has both."""
        from sodoan import compare

        comparison = compare(
            "digital-economy-share-grdp", ["tuyen-quang", "tra-vinh"], as_of=self.AS_OF
        )
        dated = {
            (r.province, r.target.due.year, r.target.comparator, str(r.target.value.value))
            for r in comparison.rows
            if r.target and r.target.due
        }
        assert {
            ("tuyen-quang", 2025, "ge", "20"),
            ("tuyen-quang", 2025, "gt", "18"),
            ("tuyen-quang", 2030, "ge", "30"),
        } <= dated
        assert {("tra-vinh", 2025, "ge", "10"), ("tra-vinh", 2030, "gt", "25")} <= dated
        assert all(r.target and r.target.source.quote for r in comparison.rows)

    def test_year_filter(self) -> None:
        """year keeps only the targets due that year."""
        from sodoan import compare

        rows = compare("digital-economy-share-grdp", year=2030, as_of=self.AS_OF).rows
        assert {(r.province, r.target.due.year) for r in rows if r.target and r.target.due} == {
            ("tuyen-quang", 2030),
            ("tra-vinh", 2030),
            ("viet-nam", 2030),
        }

    def test_unknown_indicator(self) -> None:
        """compare() on an unknown id raises UnknownIdError."""
        from sodoan import UnknownIdError, compare

        with pytest.raises(UnknownIdError):
            compare("dti")

    def test_comparison_text_and_frame(self) -> None:
        """str() is a readable table; to_pandas() a DataFrame with exact Decimals."""
        from sodoan import compare

        comparison = compare("online-filing-rate", as_of=self.AS_OF)
        text = str(comparison)
        assert "Tuyên Quang" in text
        assert "98,26% (2024)" in text  # the default language, as in the command
        assert "Trà Vinh: nhập vào Vĩnh Long từ 01/7/2025" in text
        frame = comparison.to_pandas()
        provinces = list(frame["province"])
        assert provinces[0] == "viet-nam"  # the nation first, then provinces A to Z
        assert provinces.index("tra-vinh") < provinces.index("tuyen-quang")
        tuyen_quang = frame[frame["province"] == "tuyen-quang"].iloc[0]
        assert tuyen_quang["margin_exact"] == Decimal("18.26")
        assert tuyen_quang["margin"] == 18.26

    def test_progress_grouped_by_pillar(self) -> None:
        """progress() lists every target of the province, grouped by pillar, assessed."""
        from sodoan import load

        data = load()
        report = sodoan.progress("tuyen-quang", dataset=data, as_of=self.AS_OF)
        assert len(report.rows) == len(data.targets(province="tuyen-quang"))
        pillars = list(report.by_pillar())
        assert pillars[:3] == ["digital-government", "digital-economy", "digital-society"]
        assert report.counts()["achieved"] == 3
        assert "online-filing-rate" in str(report)
