"""The notebook experience: HTML views, pandas frames, charts, and missing optional extras."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import sodoan
from sodoan import Actual, Measure, Plan, Target
from sodoan.checks import FigureRef, Finding
from sodoan.model import Indicator
from sodoan.reports import Comparison, ComparisonRow, ProgressReport

AS_OF = dt.date(2025, 6, 30)

#: Text that would run script, break out of an attribute or start an entity if not escaped.
EVIL = "<script>alert(1)</script> \"'& x"
#: EVIL as html.escape(quote=True) writes it.
EVIL_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#x27;&amp; x"

SOURCE: dict[str, Any] = {
    "document": "tuyen-quang-60-kh-ubnd-2025-text",
    "clause": f"Phần II, mục 2.1 {EVIL}",
    "quote": f"80% hồ sơ thủ tục hành chính được xử lý trực tuyến {EVIL}",
    "file": "003_3af9811e5cc25df9.txt",
}
TARGET: dict[str, Any] = {
    "id": "tq-online-filing-2025",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "comparator": "ge",
    "value": {"value": "80", "unit": "percent"},
    "due": 2025,
    "source": SOURCE,
    "note": EVIL,
}
ACTUAL: dict[str, Any] = {
    "id": "tq-online-filing-2024",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "period": 2024,
    "area": EVIL,
    "value": {"value": "98.26", "unit": "percent"},
    "source": SOURCE,
    "note": EVIL,
}
PLAN: dict[str, Any] = {
    "id": "tq-60",
    "kind": "plan",
    "number": "60/KH-UBND",
    "title": {"vi": EVIL},
    "province": "tuyen-quang",
    "province_basis": "named-in-text",
    "signer": EVIL,
    "issued": "2025-03-26",
    "documents": ["tuyen-quang-60-kh-ubnd-2025-text"],
    "targets": [TARGET],
    "actuals": [{k: v for k, v in ACTUAL.items() if k != "area"}],
}

#: Columns of a report's pandas frame: a decimal is a float column beside its exact twin.
ROW_COLUMNS = [
    "province",
    "province_name",
    "merged_into",
    "pillar",
    "indicator",
    "level",
    "area",
    "due",
    "due_start",
    "due_end",
    "due_year",
    "comparator",
    "target_value",
    "target_value_exact",
    "target_unit",
    "target_upper",
    "target_upper_exact",
    "target_upper_unit",
    "actual_period",
    "actual_period_start",
    "actual_period_end",
    "actual_period_year",
    "actual_value",
    "actual_value_exact",
    "actual_unit",
    "actual_qualifier",
    "status",
    "timing",
    "margin",
    "margin_exact",
    "margin_low",
    "margin_low_exact",
    "margin_high",
    "margin_high_exact",
    "margin_unit",
    "ratio",
    "ratio_exact",
    "plan",
    "source_document",
    "source_clause",
    "source_quote",
    "source_url",
    "source_file",
    "source_cites",
]
#: Source columns of every figure's row.
SOURCE_COLUMNS = [
    "source_document",
    "source_clause",
    "source_quote",
    "source_url",
    "source_file",
    "source_cites",
]

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def assert_safe(html: str) -> None:
    """A self-contained HTML table: no script, no external assets."""
    assert isinstance(html, str)
    assert "<table" in html
    assert "<script" not in html.lower()
    assert "src=" not in html.lower()
    assert 'href="http' not in html.lower()
    assert "<link" not in html.lower()
    assert "@import" not in html


def assert_escaped(html: str, times: int) -> None:
    """EVIL appears only escaped, ``times`` times."""
    assert_safe(html)
    assert EVIL not in html
    assert "\"'&" not in html
    assert html.count(EVIL_ESCAPED) == times


def cell(html: str, name: str) -> str:
    """The value cell of the two-column row called ``name`` (markup removed)."""
    match = re.search(rf"<td[^>]*>{re.escape(name)}</td><td[^>]*>(.*?)</td></tr>", html)
    assert match is not None, name
    return re.sub(r"<[^>]+>", "", match.group(1))


@pytest.fixture(scope="module")
def data() -> sodoan.Dataset:
    """The bundled dataset."""
    return sodoan.load()


@pytest.fixture
def evil_target() -> Target:
    """A valid target whose texts are hostile HTML."""
    return Target.model_validate(TARGET)


@pytest.fixture
def evil_actual() -> Actual:
    """A valid actual whose texts are hostile HTML."""
    return Actual.model_validate(ACTUAL)


@pytest.fixture
def evil_level() -> Actual:
    """The hostile actual without an area: a province-wide level, as assessments take."""
    return Actual.model_validate({k: v for k, v in ACTUAL.items() if k != "area"})


@pytest.fixture
def evil_row(evil_target: Target, evil_level: Actual) -> ComparisonRow:
    """A comparison row whose province name, pillar and sources are hostile HTML."""
    return ComparisonRow(
        province="tuyen-quang",
        province_name=EVIL,
        pillar=EVIL,
        indicator="online-filing-rate",
        target=evil_target,
        actual=evil_level,
        assessment=sodoan.assess(evil_level, evil_target, as_of=AS_OF),
        status="achieved",
        plan="tq-60",
    )


@pytest.fixture
def pyplot() -> Iterator[Any]:
    """matplotlib.pyplot on the Agg backend; every figure is closed afterwards."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot

    yield matplotlib.pyplot
    matplotlib.pyplot.close("all")


def online_filing(data: sodoan.Dataset) -> tuple[Actual, Target]:
    """Tuyên Quang's 98,26% of 2024 and its 80% target for 2025."""
    actual = next(
        a for a in data.actuals("online-filing-rate", "tuyen-quang", year=2024) if not a.is_change
    )
    return actual, data.targets("online-filing-rate", "tuyen-quang", year=2025)[0]


def digital_economy() -> Comparison:
    """Tuyên Quang and Trà Vinh's digital-economy targets."""
    return sodoan.compare("digital-economy-share-grdp", ["tuyen-quang", "tra-vinh"], as_of=AS_OF)


# -- HTML views ------------------------------------------------------------------------------


class TestHtml:
    """_repr_html_ gives self-contained tables with every string escaped."""

    def test_target(self, data: sodoan.Dataset) -> None:
        """A bundled target shows its condition, due year and source."""
        _, target = online_filing(data)
        html = target._repr_html_()
        assert_safe(html)
        assert cell(html, "target") == "tối thiểu 80%"
        assert cell(html, "due") == "2025"
        assert cell(html, "source") == (
            "tuyen-quang-60-kh-ubnd-2025-text, Phần II, mục II.2.1"
            "“80% hồ sơ thủ tục hành chính được xử lý trực tuyến”"
        )

    def test_target_escapes(self, evil_target: Target) -> None:
        """Clause, quote and note of a target are escaped."""
        assert_escaped(evil_target._repr_html_(), 3)

    def test_actual(self, data: sodoan.Dataset) -> None:
        """A bundled actual shows its period, value with qualifier, and source clause."""
        actual, _ = online_filing(data)
        html = actual._repr_html_()
        assert_safe(html)
        assert cell(html, "period") == "2024"
        assert cell(html, "value") == "98,26% (exact)"
        assert cell(html, "source").startswith("tuyen-quang-60-kh-ubnd-2025-text, Phần I, mục 7.a“")

    def test_actual_escapes(self, evil_actual: Actual) -> None:
        """Area, clause, quote and note of an actual are escaped."""
        assert_escaped(evil_actual._repr_html_(), 4)

    def test_plan(self, data: sodoan.Dataset) -> None:
        """A bundled plan shows its header, then a table of targets and one of actuals."""
        html = data.plan("48-NQ/TU")._repr_html_()
        assert_safe(html)
        assert html.count("<table") == 3
        assert cell(html, "number") == "48-NQ/TU"
        assert cell(html, "issued") == "2021-11-15"
        assert cell(html, "figures") == "2 targets, 15 actuals"
        assert ">Targets</caption>" in html
        assert ">Actuals</caption>" in html

    def test_plan_escapes(self) -> None:
        """Title, signer and every figure's clause and quote in a plan are escaped."""
        plan = Plan.model_validate(PLAN)
        # Title and signer, then clause and quote of the target and of the actual.
        assert_escaped(plan._repr_html_(), 2 + 2 + 2)

    def test_assessment(self, data: sodoan.Dataset) -> None:
        """An assessment shows status (coloured), figures, margin, ratio and explanation."""
        html = sodoan.assess(*online_filing(data), as_of=AS_OF)._repr_html_()
        assert_safe(html)
        assert '<span style="color:#1a7f37;font-weight:bold">achieved</span>' in html
        assert cell(html, "actual") == "98,26% (2024)"
        assert cell(html, "target") == "tối thiểu 80%"
        assert cell(html, "margin") == "18,26 điểm phần trăm"
        assert cell(html, "ratio") == "1.22825"
        assert cell(html, "explanation") == (
            "Đạt: 98,26% (năm 2024) so với mục tiêu tối thiểu 80% đến năm 2025; "
            "vượt 18,26 điểm phần trăm."
        )

    def test_default_language_is_shared(self, data: sodoan.Dataset) -> None:
        """set_default_locale("en") switches print(), the HTML views and explanations at once."""
        result = sodoan.assess(*online_filing(data), as_of=AS_OF)
        comparison = sodoan.compare("online-filing-rate", dataset=data, as_of=AS_OF)
        sodoan.set_default_locale("en")
        try:
            assert cell(result._repr_html_(), "target") == "at least 80%"
            assert result.explanation().startswith("Achieved: 98.26% in 2024")
            assert "98.26% (2024)" in str(comparison)
            assert "Tra Vinh: merged into Vinh Long on 2025-07-01" in str(comparison)
            assert ">Province<" in comparison._repr_html_()
        finally:
            sodoan.set_default_locale("vi")
        assert "98,26% (2024)" in str(comparison)
        assert ">Tỉnh<" in comparison._repr_html_()

    def test_assessment_of_hostile_records(self, evil_level: Actual, evil_target: Target) -> None:
        """An assessment of records with hostile texts shows none of them raw."""
        html = sodoan.assess(evil_level, evil_target, as_of=AS_OF)._repr_html_()
        assert_safe(html)
        assert EVIL not in html

    def test_assessment_keeps_qualifier(self, data: sodoan.Dataset) -> None:
        """An approximate figure ('khoảng 85%') is not shown as an exact one in the actual cell."""
        report = sodoan.progress("tuyen-quang", dataset=data, as_of=AS_OF)
        row = next(r for r in report.rows if r.indicator == "payment-account-share")
        assert row.assessment is not None
        assert row.actual is not None
        assert row.actual.qualifier == "approximately"
        shown = cell(row.assessment._repr_html_(), "actual")
        assert "khoảng" in shown or "approximately" in shown

    def test_comparison(self) -> None:
        """A comparison is one table: caption, one row per target, statuses and sources."""
        html = sodoan.compare(
            "online-filing-rate", ["tra-vinh", "tuyen-quang"], as_of=AS_OF
        )._repr_html_()
        assert_safe(html)
        assert html.count("<table") == 1
        # Trà Vinh's target, Trà Cú district's figure, Tuyên Quang's target, Hà Giang's figure
        assert html.count("<tr>") == 5
        assert ">huyện Trà Cú</td>" in html
        assert (
            ">online-filing-rate: Tỷ lệ hồ sơ thủ tục hành chính nộp, xử lý trực tuyến</caption>"
        ) in html
        assert '<span style="color:#6e7781;font-weight:bold">chưa có số liệu</span>' in html
        assert "<p><i>Trà Vinh: nhập vào Vĩnh Long từ 01/7/2025</i></p>" in html
        assert (
            '<span style="color:#1a7f37;font-weight:bold">đạt sớm (số liệu trước hạn)</span>'
        ) in html
        assert ">tối thiểu 80%</td>" in html
        assert ">98,26% (2024)</td>" in html
        assert ">18,26 điểm phần trăm</td>" in html

    def test_comparison_escapes(self, data: sodoan.Dataset, evil_row: ComparisonRow) -> None:
        """Indicator name, province name, clause and quote in a comparison are escaped."""
        indicator = data.indicator("online-filing-rate").model_dump()
        indicator["name"] = {"vi": EVIL, "en": EVIL}
        comparison = Comparison(
            indicator=Indicator.model_validate(indicator), as_of=AS_OF, rows=[evil_row]
        )
        assert_escaped(comparison._repr_html_(), 4)

    def test_progress_report(self, data: sodoan.Dataset) -> None:
        """A progress report is one table per pillar, captioned with the pillar id."""
        report = sodoan.progress("tuyen-quang", dataset=data, as_of=AS_OF)
        html = report._repr_html_()
        assert_safe(html)
        captions = re.findall(r"<caption[^>]*>(.*?)</caption>", html)
        assert captions == list(report.by_pillar())
        assert captions[0] == "digital-government"
        assert html.count("<table") == 7
        assert html.count("<tr>") == 7 + 42

    def test_progress_report_escapes(self, evil_row: ComparisonRow) -> None:
        """Pillar caption, province name, clause and quote in a progress report are escaped."""
        report = ProgressReport(as_of=AS_OF, rows=[evil_row])
        assert_escaped(report._repr_html_(), 4)

    def test_finding(self, data: sodoan.Dataset) -> None:
        """A finding shows code, difference and description, then its figures with sources."""
        finding = next(f for f in data.check() if f.code == "budget-total")
        html = finding._repr_html_()
        assert_safe(html)
        assert html.count("<table") == 2
        assert cell(html, "code") == "budget-total (inconsistency)"
        assert cell(html, "difference") == "503,000 triệu đồng"
        assert ">Nguồn kinh phí đầu tư</td>" in html
        assert ">16.855,990 triệu đồng</td>" in html

    def test_every_finding(self, data: sodoan.Dataset) -> None:
        """Every finding of the bundled data renders safely."""
        for finding in data.check():
            assert_safe(finding._repr_html_())

    def test_finding_escapes(self) -> None:
        """Province, indicator, label, clause and quote in a finding are escaped."""
        figure = FigureRef(
            kind="target",
            id="t",
            plan="p",
            value=Measure(value="20", unit="percent"),
            comparator="ge",
            label=EVIL,
            document="d",
            clause=EVIL,
            quote=EVIL,
        )
        finding = Finding(
            code="competing-targets",
            severity="conflict",
            province=EVIL,
            indicator=EVIL,
            figures=[
                figure,
                figure.model_copy(update={"value": Measure(value="18", unit="percent")}),
            ],
            difference=Measure(value="2", unit="percentage_point"),
        )
        html = finding._repr_html_()
        # Head: the province and indicator cells, and the description (province, indicator, and
        # each figure's label and clause); figures: each figure's label, clause and quote.
        assert_escaped(html, 2 + (2 + 2 * 2) + 2 * 3)


# -- pandas --------------------------------------------------------------------------------


class TestPandas:
    """to_pandas gives one dtype per column: floats to plot beside exact decimals, dates,
    whole years, and missing values as missing."""

    def test_comparison(self) -> None:
        """A comparison's frame has one row per row, exact decimals beside floats, the source."""
        frame = sodoan.compare(
            "online-filing-rate", ["tra-vinh", "tuyen-quang"], as_of=AS_OF
        ).to_pandas()
        assert list(frame.columns) == ROW_COLUMNS
        assert frame.shape == (4, 44)
        assert frame["province"].tolist() == ["tra-vinh", "tra-vinh", "tuyen-quang", "ha-giang"]
        assert frame["status"].tolist() == ["no-data", "no-target", "achieved", "no-target"]
        assert frame["area"].tolist()[1] == "huyện Trà Cú"
        row = frame.iloc[2]
        assert row["target_value_exact"] == Decimal("80")
        assert isinstance(row["target_value_exact"], Decimal)
        assert row["actual_value_exact"] == Decimal("98.26")
        assert isinstance(row["actual_value_exact"], Decimal)
        assert row["actual_value"] == 98.26
        assert row["margin_exact"] == Decimal("18.26")
        assert (row["margin_low_exact"], row["margin_high_exact"]) == (
            Decimal("18.26"),
            Decimal("18.26"),
        )
        assert row["margin_unit"] == "percentage_point"
        assert row["ratio_exact"] == Decimal("1.22825")
        assert row["plan"] == "tuyen-quang-60-kh-ubnd-2025"
        assert row["source_clause"] == "Phần II, mục II.2.1"
        assert row["source_quote"] == "80% hồ sơ thủ tục hành chính được xử lý trực tuyến"
        assert (row["due"], row["due_year"]) == ("2025", 2025)
        assert (row["due_start"].date(), row["due_end"].date()) == (
            dt.date(2025, 1, 1),
            dt.date(2025, 12, 31),
        )
        assert frame.iloc[0]["merged_into"] == "vinh-long"

    def test_comparison_dtypes(self) -> None:
        """Every column has one dtype: string, float64 + decimal128, datetime64, Int64."""
        frame = sodoan.compare(
            "online-filing-rate", ["tra-vinh", "tuyen-quang"], as_of=AS_OF
        ).to_pandas()
        dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
        assert dtypes["province"] == "string"
        assert dtypes["due"] == "string"
        assert dtypes["due_start"] == "datetime64[ns]"
        assert dtypes["due_year"] == "Int64"
        assert dtypes["actual_value"] == "float64"
        assert dtypes["actual_value_exact"] == "decimal128(38, 2)[pyarrow]"
        assert dtypes["target_value_exact"] == "decimal128(38, 0)[pyarrow]"
        assert dtypes["ratio_exact"] == "decimal128(38, 5)[pyarrow]"
        assert set(dtypes.values()) == {
            "string",
            "datetime64[ns]",
            "Int64",
            "float64",
            "decimal128(38, 0)[pyarrow]",
            "decimal128(38, 2)[pyarrow]",
            "decimal128(38, 5)[pyarrow]",
        }

    def test_missing_values_are_missing(self) -> None:
        """A row without an actual has NA, NaN and NaT, never None in an object column."""
        import pandas

        frame = sodoan.compare("online-filing-rate", ["tra-vinh"], as_of=AS_OF).to_pandas()
        row = frame.iloc[0]  # Trà Vinh's target, no figure
        assert row["status"] == "no-data"
        assert row["actual_period"] is pandas.NA
        assert row["actual_period_year"] is pandas.NA
        assert row["actual_value_exact"] is pandas.NA
        assert pandas.isna(row["actual_value"])
        assert row["actual_period_start"] is pandas.NaT
        assert "object" not in {str(d) for d in frame.dtypes}

    def test_progress_report(self, data: sodoan.Dataset) -> None:
        """A progress report's frame has a row per target, in report order."""
        report = sodoan.progress("tuyen-quang", dataset=data, as_of=AS_OF)
        frame = report.to_pandas()
        assert list(frame.columns) == ROW_COLUMNS
        assert frame.shape == (42, 44)
        assert frame["status"].value_counts().to_dict() == report.counts()
        assert report.counts()["achieved"] == 3
        assert frame["indicator"].tolist() == [row.indicator for row in report.rows]
        row = frame[frame["indicator"] == "online-filing-rate"].iloc[0]
        assert (row["status"], row["margin_exact"]) == ("achieved", Decimal("18.26"))

    def test_qualified_figure_has_a_margin_range(self, data: sodoan.Dataset) -> None:
        """'gần 98%' (93,1% to 98%) against '≥ 100%' has margins from -6,9 to -2."""
        report = sodoan.progress("tuyen-quang", dataset=data, as_of=dt.date(2026, 1, 1))
        frame = report.to_pandas()
        row = frame[frame["indicator"] == "village-mobile-coverage-share"].iloc[0]
        assert row["actual_qualifier"] == "nearly"
        assert row["status"] == "missed"
        assert (row["margin_low_exact"], row["margin_exact"], row["margin_high_exact"]) == (
            Decimal("-6.9"),
            Decimal("-2"),
            Decimal("-2"),
        )

    def test_dataset_targets(self, data: sodoan.Dataset) -> None:
        """Dataset targets: one row per target, exact values, source columns."""
        frame = data.to_pandas("targets")
        assert list(frame.columns) == [
            "id",
            "plan",
            "indicator",
            "province",
            "level",
            "comparator",
            "value",
            "value_exact",
            "unit",
            "upper",
            "upper_exact",
            "upper_unit",
            "due",
            "due_start",
            "due_end",
            "due_year",
            "baseline_value",
            "baseline_value_exact",
            "baseline_unit",
            "baseline_period",
            "baseline_period_start",
            "baseline_period_end",
            "baseline_period_year",
            "note",
            *SOURCE_COLUMNS,
        ]
        assert frame.shape == (len(data.targets()), 30)
        assert frame.groupby("province").size().to_dict() == {
            "nam-dinh": 6,
            "tra-vinh": 30,
            "tuyen-quang": 42,
            "viet-nam": len(data.targets(province="viet-nam")),
        }
        row = frame[frame["id"] == "tuyen-quang-60-kh-ubnd-2025-t-online-filing-rate-2025"].iloc[0]
        assert (row["comparator"], row["value_exact"], row["unit"], row["due_year"]) == (
            "ge",
            Decimal("80"),
            "percent",
            2025,
        )
        assert row["source_quote"] == "80% hồ sơ thủ tục hành chính được xử lý trực tuyến"

    def test_new_user_sorts_and_plots(self, data: sodoan.Dataset, pyplot: Any) -> None:
        """What a new user tries first works: sort by the due date, plot the values."""
        frame = data.to_pandas("targets")
        ordered = frame.sort_values("due_end")
        assert ordered["due_end"].is_monotonic_increasing or ordered["due_end"].hasnans
        assert frame.sort_values("due")["due"].iloc[0] == "2022"  # one type: str labels sort
        assert frame.select_dtypes("number").columns.tolist() == [
            "value",
            "upper",
            "due_year",
            "baseline_value",
            "baseline_period_year",
        ]
        axes = frame.plot(y="value")
        assert len(axes.lines) == 1
        assert len(axes.lines[0].get_ydata()) == len(frame)

    def test_dataset_actuals_filtered(self, data: sodoan.Dataset) -> None:
        """Dataset actuals take the filters of Dataset.actuals."""
        frame = data.to_pandas(
            "actuals", indicator="dti-rank", province="tuyen-quang", document="48-NQ/TU"
        )
        assert list(frame.columns) == [
            "id",
            "plan",
            "indicator",
            "province",
            "level",
            "area",
            "period",
            "period_start",
            "period_end",
            "period_year",
            "qualifier",
            "change_from",
            "change_from_start",
            "change_from_end",
            "change_from_year",
            "value",
            "value_exact",
            "unit",
            "fraction_numerator",
            "fraction_denominator",
            "note",
            *SOURCE_COLUMNS,
        ]
        assert frame["value_exact"].tolist() == [
            Decimal("58"),
            Decimal("48"),
            Decimal("38"),
            Decimal("10"),
        ]
        assert frame["value"].tolist() == [58.0, 48.0, 38.0, 10.0]
        assert frame["unit"].tolist() == ["rank", "rank", "rank", "place"]
        assert frame["period"].tolist() == ["2021", "2022", "2023", "2022"]
        assert frame["period_year"].tolist() == [2021, 2022, 2023, 2022]

    def test_dataset_findings(self, data: sodoan.Dataset) -> None:
        """Dataset findings: one row per finding of Dataset.check."""
        frame = data.to_pandas("findings")
        assert list(frame.columns) == [
            "code",
            "severity",
            "province",
            "indicator",
            "period",
            "period_start",
            "period_end",
            "period_year",
            "stated",
            "stated_exact",
            "stated_unit",
            "computed",
            "computed_exact",
            "computed_unit",
            "difference",
            "difference_exact",
            "difference_unit",
            "documents",
            "description",
        ]
        assert frame.shape == (len(data.check()), 19)
        row = frame[frame["code"] == "budget-total"].iloc[0]
        assert (
            row["stated_exact"],
            row["computed_exact"],
            row["difference_exact"],
            row["difference_unit"],
        ) == (
            Decimal("92013.235"),
            Decimal("91510.235"),
            Decimal("503.000"),
            "million_VND",
        )
        assert row["difference"] == 503.0

    def test_dataset_other_tables(self, data: sodoan.Dataset) -> None:
        """Budgets, their lines, plans, documents and the codelists are tables too."""
        lines = data.to_pandas("budget_lines")
        assert lines["amount_exact"].tolist() == [
            Decimal("68673.618"),
            Decimal("16855.990"),
            Decimal("2167.000"),
            Decimal("3813.627"),
        ]
        assert set(lines["amount_unit"]) == {"million_VND"}
        provinces = data.to_pandas("provinces").set_index("id")
        assert provinces.loc["tra-vinh", "successor"] == "vinh-long"
        assert provinces.loc["vinh-long", "merged_from"] == "ben-tre tra-vinh"
        assert len(data.to_pandas("indicators")) == len(data.indicators)

    def test_dataset_unknown_table(self, data: sodoan.Dataset) -> None:
        """An unknown table is a ValueError listing the tables; filters are for figures only."""
        with pytest.raises(ValueError, match="what must be one of targets, actuals, budgets"):
            data.to_pandas("plan")
        with pytest.raises(ValueError, match="only targets and actuals take filters"):
            data.to_pandas("budgets", province="tuyen-quang")

    def test_validation_report(self) -> None:
        """A validation report's frame lists the errors: line, path, type, message."""
        lines = (
            b'{"value": "98.26", "unit": "percent"}\n'
            b'{"value": "98,26", "unit": "percent"}\n'
            b'{"value": "1", "unit": "ton"}\n'
        )
        report = sodoan.validate_jsonl(lines, kind="measure")
        frame = report.to_pandas()
        assert list(frame.columns) == ["line", "path", "type", "message"]
        assert [str(d) for d in frame.dtypes] == ["Int64", "string", "string", "string"]
        assert frame["line"].tolist() == [2, 3]
        assert frame["path"].tolist() == ["value", "unit"]
        assert frame.iloc[0]["type"] == "decimal_format"

    def test_validation_report_empty(self) -> None:
        """A report without errors gives an empty frame with the same columns."""
        report = sodoan.validate_jsonl(b'{"value": "1", "unit": "count"}\n', kind="measure")
        frame = report.to_pandas()
        assert list(frame.columns) == ["line", "path", "type", "message"]
        assert frame.shape == (0, 4)

    @pytest.mark.parametrize(
        ("make", "column"),
        [
            (
                lambda d: sodoan.compare("dti-rank", ["tra-vinh"], as_of=AS_OF).to_pandas(),
                "actual_period_year",
            ),
            (lambda d: digital_economy().to_pandas(), "due_year"),
            (lambda d: d.to_pandas("actuals"), "change_from_year"),
        ],
        ids=["comparison-actual-period", "comparison-due", "dataset-change-from"],
    )
    def test_years_stay_whole(self, data: sodoan.Dataset, make: Any, column: str) -> None:
        """A year column keeps whole years (2024, not 2024.0), gaps being missing values."""
        frame = make(data)
        assert str(frame[column].dtype) == "Int64"
        values = [v for v in frame[column].tolist() if v is not None and v is not pd_na()]
        assert values
        assert all(type(v) is int and 1945 <= v <= 2100 for v in values)


def pd_na() -> Any:
    """pandas' missing-value marker."""
    import pandas

    return pandas.NA


# -- missing optional dependencies ---------------------------------------------------------


def _pandas_methods() -> list[tuple[str, Any]]:
    return [
        ("comparison", lambda: sodoan.compare("online-filing-rate", as_of=AS_OF).to_pandas()),
        ("progress", lambda: sodoan.progress("tuyen-quang", as_of=AS_OF).to_pandas()),
        ("dataset-targets", lambda: sodoan.load().to_pandas("targets")),
        ("dataset-findings", lambda: sodoan.load().to_pandas("findings")),
        ("validation", lambda: sodoan.validate_jsonl(b"", kind="measure").to_pandas()),
    ]


class TestMissingDependency:
    """Without an extra, the feature raises MissingDependencyError naming the extra."""

    @pytest.mark.parametrize(
        "call", [c for _, c in _pandas_methods()], ids=[n for n, _ in _pandas_methods()]
    )
    def test_pandas(self, monkeypatch: pytest.MonkeyPatch, call: Any) -> None:
        """to_pandas without pandas names the pandas extra."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(sodoan.MissingDependencyError) as caught:
            call()
        assert str(caught.value) == (
            "pandas is not installed; install it with: pip install 'sodoan[pandas]'"
        )
        assert (caught.value.package, caught.value.extra) == ("pandas", "pandas")
        assert isinstance(caught.value, ImportError)
        assert isinstance(caught.value, sodoan.SodoanError)

    def test_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """plot without matplotlib names the plot extra."""
        comparison = digital_economy()
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
        with pytest.raises(sodoan.MissingDependencyError) as caught:
            comparison.plot()
        assert str(caught.value) == (
            "matplotlib is not installed; install it with: pip install 'sodoan[plot]'"
        )
        assert (caught.value.package, caught.value.extra) == ("matplotlib", "plot")


# -- charts --------------------------------------------------------------------------------


class TestPlot:
    """Comparison.plot draws actuals and targets with matplotlib."""

    def test_targets(self, pyplot: Any) -> None:
        """Targets are hollow markers at their due year, labelled with the comparator."""
        from matplotlib.figure import Figure

        figure = digital_economy().plot()
        assert isinstance(figure, Figure)
        (axes,) = figure.axes
        assert axes.get_title() == "Tỷ trọng kinh tế số trong GRDP\n(Digital economy share of GRDP)"
        assert axes.get_xlabel() == "năm / year (targets at their due year)"
        assert axes.get_ylabel() == "percent"
        assert axes.get_legend_handles_labels()[1] == [
            "Tuyên Quang: actual",
            "Tuyên Quang: target",
            "Trà Vinh: target",
        ]
        assert [text.get_text() for text in axes.texts] == [
            "≥ 20%",
            "> 18%",
            "≥ 30%",
            "≥ 10%",
            "> 25%",
        ]
        points = [c.get_offsets().tolist() for c in axes.collections]
        assert points == [[[2025, 20]], [[2025, 18]], [[2030, 30]], [[2025, 10]], [[2030, 25]]]
        # Tuyên Quang's reported share (6,19% in 2023, the statistics office's estimate)
        assert [line.get_xydata().tolist() for line in axes.lines] == [[[2023, 6.19]]]

    def test_due_years_on_the_axis(self, pyplot: Any) -> None:
        """The x axis has whole-year ticks that include the due years."""
        figure = digital_economy().plot()
        figure.canvas.draw()
        labels = [label.get_text() for label in figure.axes[0].get_xticklabels()]
        assert {"2025", "2030"} <= set(labels)
        assert all(re.fullmatch(r"\d{4}", label) for label in labels)

    def test_actuals(self, pyplot: Any) -> None:
        """Reported levels are a line of dots over the years."""
        figure = sodoan.compare(
            "online-filing-rate", ["tra-vinh", "tuyen-quang"], as_of=AS_OF
        ).plot()
        axes = figure.axes[0]
        assert axes.get_legend_handles_labels()[1] == [
            "Trà Vinh: target",
            "Tuyên Quang: actual",
            "Tuyên Quang: target",
            "Hà Giang: actual",
        ]
        assert [line.get_xydata().tolist() for line in axes.lines] == [
            [[2024, 98.26]],
            [[2024, 82]],
        ]
        assert [text.get_text() for text in axes.texts] == ["≥ 60%", "≥ 80%"]

    def test_rank_axis_inverted(self, pyplot: Any) -> None:
        """For a rank (lower is better) the y axis is inverted."""
        figure = sodoan.compare("dti-rank", ["tuyen-quang", "tra-vinh"], as_of=AS_OF).plot()
        axes = figure.axes[0]
        assert axes.yaxis_inverted()
        # each rank once although several sources state it; Hà Giang (merged into Tuyên
        # Quang) is drawn apart
        assert [line.get_xydata().tolist() for line in axes.lines] == [
            [[2020, 44], [2021, 58], [2022, 48], [2023, 38]],
            [[2022, 57]],
            [[2021, 26], [2022, 25]],
        ]
        assert [text.get_text() for text in axes.texts] == ["≤ hạng 20"]

    def test_given_axes(self, pyplot: Any) -> None:
        """plot(ax=...) draws into the axes given and returns its figure."""
        figure, axes = pyplot.subplots()
        assert digital_economy().plot(axes) is figure
        assert len(axes.collections) == 5

    def test_savefig_png(self, pyplot: Any, tmp_path: Path) -> None:
        """The figure saves as a PNG file."""
        figure = digital_economy().plot()
        path = tmp_path / "c.png"
        figure.savefig(path)
        assert path.read_bytes()[:8] == PNG_SIGNATURE


# -- found while writing docs/cli.md -------------------------------------------------------


def test_check_table_keeps_brackets() -> None:
    """The check table prints each finding's description as written, brackets included."""
    from click.testing import CliRunner

    from sodoan.cli import main

    result = CliRunner().invoke(main, ["check", "--lang", "en"], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    assert "20% [ge] — tuyen-quang-article-48-nq-tu-results, đoạn 14" in result.output
    assert "94.05% [nearly] — tuyen-quang-60-kh-ubnd-2025-text" in result.output
