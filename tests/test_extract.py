"""sodoan.extract: whole documents to a Plan, the review list, and the parser's accuracy."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import sodoan
from sodoan import ParseError, Plan, UnknownIdError, extract, parse_actual, parse_target
from sodoan.cli import main
from tests.extract_truth import DOCUMENTS, score

DATA = Path(__file__).parent / "data"

PLAN = """KẾ HOẠCH
CHUYỂN ĐỔI SỐ NĂM 2025 TRÊN ĐỊA BÀN TỈNH TUYÊN QUANG
Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2024
1. Chính quyền số
a) Kết quả đạt được
Tỷ lệ hồ sơ nộp trực tuyến đạt 98,26% (tăng 0,11% so với năm 2023); có 1.868 Tổ công nghệ số cộng đồng[1].
Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt 79% kế hoạch.
2. Kinh phí thực hiện
Tổng kinh phí thực hiện các nhiệm vụ chuyển đổi số năm 2024 là: 92.013,235 triệu đồng, trong đó:
- Nguồn kinh phí sự nghiệp: 68.673,618 triệu đồng;
- Nguồn kinh phí đầu tư: 16.855,990 triệu đồng.
Phần II. KẾ HOẠCH TRIỂN KHAI THỰC HIỆN NĂM 2025
II. MỤC TIÊU
2.1. Chính quyền số
- 80% hồ sơ thủ tục hành chính được xử lý trực tuyến.
- Tỷ trọng kinh tế số chiếm trên 18% GRDP của tỉnh; có 35 abc xyz.
[1] Cấp xã: 137 tổ (với 1.400 thành viên).
"""


def run(text: str = PLAN, **options: Any) -> sodoan.Extraction:
    return extract(text, **{"province": "tuyen-quang", "document": "kh", **options})


class TestStructure:
    """Headings decide targets and results, years and clause paths."""

    def test_results_and_targets_by_heading(self) -> None:
        """Figures under Phần I are 2024 results, under Phần II 2025 targets."""
        plan = run().plan
        assert [(a.indicator, str(a.value), str(a.period), a.change_from) for a in plan.actuals][
            :2
        ] == [
            ("online-filing-rate", "98.26 percent", "2024", None),
            ("online-filing-rate", "0.11 percent", "2024", sodoan.Period(2023)),
        ]
        assert [(t.indicator, t.comparator, str(t.value), str(t.due)) for t in plan.targets] == [
            ("online-filing-rate", "ge", "80 percent", "2025"),
            ("digital-economy-share-grdp", "gt", "18 percent", "2025"),
        ]

    def test_clause_paths(self) -> None:
        """Each source names the document's own numbering."""
        plan = run().plan
        assert plan.actuals[0].source.clause == "Phần I, mục 1.a"
        assert plan.targets[0].source.clause == "Phần II, mục II.2.1"

    def test_footnote_read_in_its_context(self) -> None:
        """A footnote takes the place, year and subject of the clause citing it."""
        plan = run().plan
        footnoted = [a for a in plan.actuals if "chú thích" in a.source.clause]
        assert [(a.indicator, a.value.value, a.level) for a in footnoted] == [
            ("community-tech-team-count", Decimal("137"), "commune"),
            ("community-tech-team-member-count", Decimal("1400"), "commune"),
        ]
        assert footnoted[0].source.clause == "Phần I, mục 1.a, chú thích [1]"

    def test_quotes_are_the_text_at_their_offsets(self) -> None:
        """source.quote == text[start:end] for every figure, and ids are unique."""
        result = run()
        sources = [r.source for r in (*result.plan.targets, *result.plan.actuals)]
        assert all(PLAN[s.start : s.end] == s.quote for s in sources)  # type: ignore[misc]
        ids = [r.id for r in (*result.plan.targets, *result.plan.actuals)]
        assert len(ids) == len(set(ids))
        assert all(id.startswith("kh-") for id in ids)

    def test_repeated_passage_read_once(self) -> None:
        """A passage a web copy repeats word for word gives its figures once."""
        line = "Tỷ lệ hồ sơ nộp trực tuyến toàn trình và một phần đạt 98,26% trong năm 2024.\n"
        plan = run("Phần I. KẾT QUẢ NĂM 2024\n" + line + line).plan
        assert len(plan.actuals) == 1

    def test_unheaded_text_read_by_its_words(self) -> None:
        """Outside headings, 'mục tiêu' makes targets and 'đã'/'hiện có' results."""
        text = (
            "Tỉnh đặt mục tiêu đến năm 2025, kinh tế số chiếm 20% trong GRDP của tỉnh.\n"
            "Toàn tỉnh hiện có 19 mô hình chợ 4.0.\n"
        )
        result = run(text, as_of=2024)
        assert [(t.indicator, str(t.due)) for t in result.plan.targets] == [
            ("digital-economy-share-grdp", "2025")
        ]
        assert [(a.indicator, str(a.period)) for a in result.plan.actuals] == [
            ("market-4-0-count", "2024")
        ]


class TestBudgets:
    """Budget statements become budgets with their lines."""

    def test_total_and_lines(self) -> None:
        """The total and each line's funding source, kept as written."""
        (budget,) = run().plan.budgets
        assert (budget.period, budget.total) == (
            sodoan.Period(2024),
            sodoan.Measure(value="92013.235", unit="million_VND"),
        )
        assert [(line.funding, line.label, line.amount.value) for line in budget.lines] == [
            ("recurrent", "Nguồn kinh phí sự nghiệp", Decimal("68673.618")),
            ("investment", "Nguồn kinh phí đầu tư", Decimal("16855.990")),
        ]
        assert budget.source.quote.startswith("Tổng kinh phí thực hiện")

    def test_budget_figures_are_not_results(self) -> None:
        """The sums of a budget are not also read as results."""
        assert all(a.value.unit != "million_VND" for a in run().plan.actuals)


class TestReview:
    """What cannot be placed is listed with its reason, never guessed."""

    def test_reasons(self) -> None:
        """A share of a plan, a figure without indicator, a result without a year."""
        review = run(as_of=None).review
        assert [(r.reason, r.text) for r in review] == [
            ("not-a-level", "đạt 79%"),
            ("no-indicator", "35"),
        ]
        assert review[0].clause == "Phần I, mục 1.a"
        assert PLAN[review[1].start : review[1].end] == "35"

    def test_result_without_year(self) -> None:
        """A result with no year anywhere goes to review unless as_of is given."""
        text = "Toàn tỉnh đã có 1.868 Tổ công nghệ số cộng đồng.\n"
        assert [r.reason for r in run(text).review] == ["no-year"]
        assert [str(a.period) for a in run(text, as_of=2024).plan.actuals] == ["2024"]

    def test_target_without_year_kept_without_due(self) -> None:
        """A target whose text states no year has no due date: the source does not say."""
        text = "Mục tiêu: tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt 50% trở lên.\n"
        (target,) = run(text).plan.targets
        assert (target.comparator, target.due) == ("ge", None)


class TestArguments:
    """Province, document, as_of and errors."""

    def test_province_from_text(self) -> None:
        """Without province=, the province the text names most often."""
        plan = extract(PLAN).plan
        assert (plan.province, plan.province_basis) == ("tuyen-quang", "named-in-text")

    def test_no_province(self) -> None:
        """A text naming no province needs province=."""
        with pytest.raises(ParseError, match="names no province"):
            extract("Tỷ lệ hồ sơ đạt 50%.")

    def test_unknown_province(self) -> None:
        """An unknown province id is an UnknownIdError."""
        with pytest.raises(UnknownIdError):
            extract(PLAN, province="tuyen-qang")

    def test_not_text(self) -> None:
        """Input that is not a string is a ParseError."""
        with pytest.raises(ParseError, match="expected text"):
            extract(b"abc")  # type: ignore[arg-type]

    def test_bad_as_of(self) -> None:
        """as_of must be a year or a date."""
        with pytest.raises(ParseError, match="as_of"):
            run(as_of="2024")  # type: ignore[arg-type]

    def test_plan_facts(self) -> None:
        """Number and issue date from the document's head."""
        text = "Số: 60/KH-UBND |\nTuyên Quang, ngày 26 tháng 3 năm 2025 |\n" + PLAN
        plan = extract(text).plan
        assert (plan.id, plan.number, plan.kind, str(plan.issued)) == (
            "tuyen-quang-60-kh-ubnd",
            "60/KH-UBND",
            "plan",
            "2025-03-26",
        )

    @settings(max_examples=40, deadline=None)
    @given(
        st.text(
            alphabet=st.sampled_from(list("Năm 2024 đạt 98,26% 1.868 tổ [1]\n:-.;()")), max_size=300
        )
    )
    def test_any_text(self, text: str) -> None:
        """Any text gives a valid plan; every quote is the text at its offsets."""
        result = extract(text, province="tuyen-quang", document="d", as_of=2024)
        Plan.model_validate_json(result.plan.model_dump_json())
        for record in (*result.plan.targets, *result.plan.actuals):
            source = record.source
            assert source.start is not None
            assert text[source.start : source.end] == source.quote


class TestCommand:
    """sodoan extract."""

    def test_prints_a_valid_plan(self, tmp_path: Path) -> None:
        """JSON on stdout that validates as a Plan; the review in a JSON file."""
        source = tmp_path / "plan.txt"
        source.write_text(PLAN, encoding="utf-8")
        review = tmp_path / "review.json"
        result = CliRunner().invoke(main, ["extract", str(source), "--review", str(review)])
        assert result.exit_code == 0, result.output
        plan = Plan.model_validate_json(result.stdout)
        assert plan.targets[0].source.file == "plan.txt"
        assert [item["reason"] for item in json.loads(review.read_text())] == [
            "not-a-level",
            "no-indicator",
        ]

    def test_table_and_review_on_stderr(self, tmp_path: Path) -> None:
        """--format table for people; the review table goes to stderr."""
        source = tmp_path / "plan.txt"
        source.write_text(PLAN, encoding="utf-8")
        result = CliRunner().invoke(
            main, ["extract", str(source), "--format", "table", "--lang", "en"]
        )
        assert result.exit_code == 0
        assert "2 targets, 5 results, 1 budgets" in result.stdout
        assert "To review: 2 figures" in result.stderr

    def test_unreadable_file(self, tmp_path: Path) -> None:
        """A missing file: one line on stderr, exit status 2."""
        result = CliRunner().invoke(main, ["extract", str(tmp_path / "none.txt")])
        assert result.exit_code == 2
        assert result.stderr.startswith("sodoan: cannot read")

    def test_no_province(self, tmp_path: Path) -> None:
        """A text naming no province: a usage error, exit status 2."""
        source = tmp_path / "x.txt"
        source.write_text("Tỷ lệ đạt 50%.", encoding="utf-8")
        result = CliRunner().invoke(main, ["extract", str(source)])
        assert result.exit_code == 2
        assert "names no province" in result.stderr


class TestSourceDocuments:
    """The five source documents against the bundled dataset."""

    def test_recall_and_precision(self, sources_dir: Path) -> None:
        """At least 90% of the bundled figures are found, and 90% of those found are right."""
        result = score(sources_dir)
        assert result.recall >= 0.9, result.report()
        assert result.precision >= 0.9, result.report()

    def test_every_plan_validates(self, sources_dir: Path) -> None:
        """Each document gives a Plan the models accept, with quotes found at their offsets."""
        for name, options in DOCUMENTS.items():
            text = (sources_dir / name).read_text(encoding="utf-8")
            plan = extract(text, file=name, **options).plan
            for record in (*plan.targets, *plan.actuals):
                source = record.source
                assert text[source.start : source.end] == source.quote  # type: ignore[misc]


# -- the parser on sentence sets -------------------------------------------------------------


def _target_keys(text: str, year: int | None) -> list[tuple[Any, ...]]:
    return [
        (
            t.comparator,
            t.value.value.normalize(),
            t.value.unit,
            t.upper.value.normalize() if t.upper else None,
            t.due.year if t.due else None,
        )
        for t in parse_target(text, default_year=year)
    ]


def _actual_keys(text: str) -> list[tuple[Any, ...]]:
    return [
        (
            a.qualifier,
            a.value.value.normalize(),
            a.value.unit,
            a.period.year if a.period else None,
            a.change_from.year if a.change_from else None,
        )
        for a in parse_actual(text)
    ]


def _expected_target(row: list[Any]) -> tuple[Any, ...]:
    comparator, value, unit, upper, year = row
    return (
        comparator,
        Decimal(value).normalize(),
        unit,
        Decimal(upper).normalize() if upper else None,
        year,
    )


def _expected_actual(row: list[Any]) -> tuple[Any, ...]:
    qualifier, value, unit, year, since = row
    return (qualifier, Decimal(value).normalize(), unit, year, since)


def _sets() -> tuple[list[Any], list[Any]]:
    targets = json.loads((DATA / "sentences_targets.json").read_text(encoding="utf-8"))["cases"]
    results = json.loads((DATA / "sentences_results.json").read_text(encoding="utf-8"))["cases"]
    held = json.loads((DATA / "sentences_heldout.json").read_text(encoding="utf-8"))
    return targets + held["targets"], results + held["results"]


class TestSentenceAccuracy:
    """Value, unit, comparator (qualifier) and year on realistic sentences, own and held out."""

    def test_targets(self) -> None:
        """At least 95% of target sentences read right."""
        cases, _ = _sets()
        wrong = [
            (c[0], _target_keys(c[0], c[1]))
            for c in cases
            if _target_keys(c[0], c[1]) != [_expected_target(r) for r in c[2]]
        ]
        assert 1 - len(wrong) / len(cases) >= 0.95, wrong

    def test_results(self) -> None:
        """At least 90% of result sentences read right."""
        _, cases = _sets()
        wrong = [
            (c[0], _actual_keys(c[0]))
            for c in cases
            if _actual_keys(c[0]) != [_expected_actual(r) for r in c[1]]
        ]
        assert 1 - len(wrong) / len(cases) >= 0.90, wrong
