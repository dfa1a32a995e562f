"""The bundled dataset: completeness, provenance, integrity and consistency checks."""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

import sodoan
from sodoan import DataError, Measure, NumberFormatError, UnknownIdError
from sodoan.dataset import Dataset, load
from sodoan.numbers import parse_number

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "src" / "sodoan" / "data"
PLAN_FILES = sorted((DATA / "plans").glob("*.json"))
#: A plan file with targets, actuals, budgets and responsibilities (used to break things).
PLAN_60 = DATA / "plans" / "tuyen-quang-60-kh-ubnd-2025.json"


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load()


def _squash(text: str) -> str:
    return " ".join(text.split())


def _numbers_in(quote: str, locales: tuple[str, ...] = ("vi",)) -> set[Decimal]:
    """Every number written in the quote, read the Vietnamese way (or in ``locales``)."""
    found = set()
    for token in re.findall(r"\d[\d.,]*", quote):
        token = token.rstrip(".,")
        for locale in locales:
            found |= _parsed(token, locale)
    return found


def _parsed(token: str, locale: str) -> set[Decimal]:
    try:
        return {parse_number(token, locale)}
    except NumberFormatError:
        return set()


def _figures(data: Dataset) -> list[tuple[str, Any, list[Decimal]]]:
    """(what, source, values the quote must carry) for every figure in the dataset."""
    figures: list[tuple[str, Any, list[Decimal]]] = []
    for plan in data.plans:
        for t in plan.targets:
            values = [t.value.value] + ([t.upper.value] if t.upper else [])
            figures.append((t.id, t.source, values))
        for a in plan.actuals:
            values = [a.value.value]
            if a.fraction is not None:
                values += [Decimal(a.fraction.numerator), Decimal(a.fraction.denominator)]
            figures.append((a.id, a.source, values))
        for b in plan.budgets:
            if b.total is not None:
                figures.append((b.id, b.source, [b.total.value]))
            figures += [
                (f"{b.id}:{line.funding}", line.source, [line.amount.value]) for line in b.lines
            ]
    return figures


class TestCompleteness:
    """Every figure the sources state is there, for all three provinces."""

    def test_totals(self, data: Dataset) -> None:
        """At least 60 targets and 40 actuals."""
        assert len(data.targets()) >= 60
        assert len(data.actuals()) >= 40

    def test_per_source_file(self, data: Dataset) -> None:
        """The count of encoded figures per source file (a change here is a data change)."""
        counts: Counter[tuple[str | None, str]] = Counter()
        for plan in data.plans:
            counts.update((t.source.file, "targets") for t in plan.targets)
            counts.update((a.source.file, "actuals") for a in plan.actuals)
            for b in plan.budgets:
                counts[(b.source.file, "budget figures")] += 1 + len(b.lines)
            counts.update((r.source.file, "responsibilities") for r in plan.responsibilities)
        counts = Counter({key: n for key, n in counts.items() if key[0] is not None})
        assert dict(counts) == {
            ("000_dd7f22006c6a191c.txt", "targets"): 14,
            ("001_95ff1117b97008d4.txt", "targets"): 6,
            ("001_95ff1117b97008d4.txt", "responsibilities"): 4,
            ("002_4e26ec76ce9e422d.txt", "targets"): 2,
            ("002_4e26ec76ce9e422d.txt", "actuals"): 15,
            ("003_3af9811e5cc25df9.txt", "targets"): 26,
            ("003_3af9811e5cc25df9.txt", "actuals"): 78,
            ("003_3af9811e5cc25df9.txt", "budget figures"): 5,
            ("003_3af9811e5cc25df9.txt", "responsibilities"): 53,
            ("004_c7a2073dda4bf974.txt", "targets"): 30,
        }

    def test_three_provinces(self, data: Dataset) -> None:
        """Tuyên Quang, Trà Vinh and Nam Định all have targets, and so has the nation."""
        provinces = {t.province for t in data.targets()}
        assert provinces == {"tuyen-quang", "tra-vinh", "nam-dinh", "viet-nam"}

    def test_issue_12_coverage(self, data: Dataset) -> None:
        """Trà Vinh: 25+ actuals over 8+ indicators; DTI ranks for 90+ province-years, one year
        with 60+ provinces; 12+ national targets; 30+ targets assessed as of 2026-11-27."""
        import datetime as dt

        tra_vinh = data.actuals(province="tra-vinh")
        assert len(tra_vinh) >= 25
        assert len({a.indicator for a in tra_vinh}) >= 8
        ranks = {(a.province, a.period.year) for a in data.actuals("dti-rank") if not a.is_change}
        assert len(ranks) >= 90
        assert max(Counter(year for _, year in ranks).values()) >= 60
        assert len(data.targets(province="viet-nam")) >= 12
        counts = sodoan.progress(dataset=data, as_of=dt.date(2026, 11, 27)).counts()
        assert sum(n for status, n in counts.items() if status != "no-data") >= 30

    @pytest.mark.parametrize(
        "pillar",
        [
            "digital-government",
            "digital-economy",
            "digital-society",
            "digital-infrastructure",
            "information-security",
            "funding",
        ],
    )
    def test_pillars_with_targets(self, data: Dataset, pillar: str) -> None:
        """The pillars and foundations the documents set targets in have targets."""
        assert data.targets(pillar=pillar)

    @pytest.mark.parametrize(
        "indicator",
        [
            "digital-economy-share-grdp",
            "labour-productivity-growth",
            "sme-digital-platform-share",
            "online-filing-rate",
            "payment-account-share",
            "dti-rank",
            "e-contract-enterprise-share",
            "ecommerce-retail-share",
            "fibre-household-share",
        ],
    )
    def test_shared_indicators(self, data: Dataset, indicator: str) -> None:
        """The shared indicator ids exist and are used."""
        assert data.indicator(indicator).id == indicator
        assert data.targets(indicator) or data.actuals(indicator)

    @pytest.mark.parametrize(
        "indicator",
        [
            "digital-economy-share-grdp",
            "labour-productivity-growth",
            "sme-digital-platform-share",
            "online-filing-rate",
            "payment-account-share",
            "fibre-household-share",
        ],
    )
    def test_both_provinces_share_ids(self, data: Dataset, indicator: str) -> None:
        """Where both provinces state a figure, they use the same id."""
        assert {t.province for t in data.targets(indicator)} >= {"tuyen-quang", "tra-vinh"}

    def test_issue_figures(self, data: Dataset) -> None:
        """The figures the issue names are encoded exactly."""
        tq_actual = data.actuals("online-filing-rate", "tuyen-quang", year=2024)
        assert Measure(value="98.26", unit="percent") in [
            a.value for a in tq_actual if not a.is_change
        ]
        tq_target = data.targets("online-filing-rate", "tuyen-quang", year=2025)
        assert [(t.comparator, t.value) for t in tq_target] == [
            ("ge", Measure(value="80", unit="percent"))
        ]
        tv_target = data.targets("online-filing-rate", "tra-vinh", year=2025)
        assert [(t.comparator, t.value) for t in tv_target] == [
            ("ge", Measure(value="60", unit="percent"))
        ]
        (budget,) = data.plan("60/KH-UBND").budgets
        assert budget.total == Measure(value="92013.235", unit="million_VND")
        assert [line.amount.value for line in budget.lines] == [
            Decimal("68673.618"),
            Decimal("16855.990"),
            Decimal("2167.000"),
            Decimal("3813.627"),
        ]
        assert str(budget.lines[1].amount.value) == "16855.990"  # digits kept as written


class TestProvenance:
    """Every figure is traceable to its document, clause and exact words."""

    def test_every_quote_is_verbatim(self, data: Dataset, sources_dir: Path) -> None:
        """Every quote (figures, responsibilities, plan metadata) occurs in its source file."""
        texts = {p.name: _squash(p.read_text(encoding="utf-8")) for p in sources_dir.glob("*.txt")}
        missing = []
        for plan in data.plans:
            sources = [(f"{plan.id}:source", plan.source)] if plan.source else []
            sources += [(t.id, t.source) for t in plan.targets]
            sources += [(a.id, a.source) for a in plan.actuals]
            sources += [(f"{plan.id}:task:{r.agency}", r.source) for r in plan.responsibilities]
            sources += [(b.id, b.source) for b in plan.budgets]
            sources += [(b.id, line.source) for b in plan.budgets for line in b.lines]
            for what, source in sources:
                if source.file is None:
                    assert source.url is not None, f"{what}: a source needs a file or a URL"
                    continue  # a web page: the quote was checked when it was read
                if _squash(source.quote) not in texts[source.file]:
                    missing.append(what)
            missing += [
                f"{plan.id}:task text:{r.agency}"
                for r in plan.responsibilities
                if r.source.file is not None and _squash(r.task) not in texts[r.source.file]
            ]
        assert missing == []

    def test_every_quote_carries_its_value(self, data: Dataset) -> None:
        """The value of each figure appears in its quote, read with the Vietnamese number parser
        (or the English one, for quotes of pages that write numbers the English way; a fall
        written in words, "giảm 31 bậc", is stored as -31)."""
        wrong = [
            (what, source.quote, [str(v) for v in values])
            for what, source, values in _figures(data)
            if not {abs(v) for v in values} <= _numbers_in(source.quote, ("vi", "en"))
        ]
        assert wrong == []

    def test_vietnamese_quotes_are_read_the_vietnamese_way(self, data: Dataset) -> None:
        """A value found only by the English reading is from a page noted as writing numbers
        the English way (its note or its document's says so)."""
        notes = {d.id: d.note or "" for d in data.documents}
        for plan in data.plans:
            notes.update({item.id: item.note or "" for item in (*plan.targets, *plan.actuals)})
        surprising = [
            what
            for what, source, values in _figures(data)
            if not {abs(v) for v in values} <= _numbers_in(source.quote)
            and not _english(notes.get(what, "") + notes.get(source.document, ""))
        ]
        assert surprising == []

    def test_web_sources_have_provenance(self, data: Dataset) -> None:
        """A figure read from the web names its page (URL), and its document names the issuer
        or publisher and when it was published."""
        documents = {d.id: d for d in data.documents}
        for plan in data.plans:
            for item in (*plan.targets, *plan.actuals):
                if item.source.file is None:
                    assert item.source.url is not None, item.id
                    document = documents[item.source.document]
                    assert document.issuer or document.publisher, document.id
                    # no date is ever guessed: an undated page says so
                    assert document.published is not None or re.search(
                        r"không (rõ|có|ghi)|ước|theo nội dung", document.note or ""
                    ), document.id

    def test_sources_name_known_documents(self, data: Dataset) -> None:
        """Each source's document is in the documents list and its file is that document's."""
        files = {d.id: d.file for d in data.documents}
        for plan in data.plans:
            for item in (*plan.targets, *plan.actuals):
                assert files[item.source.document] == item.source.file

    def test_articles_cite_their_plan(self, data: Dataset) -> None:
        """A figure quoted from a news article names the plan it reports on, when it has a number."""
        articles = {d.id for d in data.documents if d.kind == "news-article"}
        for plan in data.plans:
            for item in (*plan.targets, *plan.actuals):
                if item.source.document in articles and plan.number:
                    assert item.source.cites == plan.number, item.id

    def test_nam_dinh_province_from_publisher(self, data: Dataset) -> None:
        """105/KH-UBND is Nam Định's, known from the publisher; the article names no province."""
        plan = data.plan("105/KH-UBND")
        assert plan.province == "nam-dinh"
        assert plan.province_basis == "publisher"
        document = data.document(plan.documents[0])
        assert document.province_basis == "publisher"
        assert document.kind == "news-article"


def _english(note: str) -> bool:
    """Whether a note says the figure is written the English way."""
    return bool(re.search(r"\ben\b|english|tiếng anh|kiểu anh|dấu chấm|locale", note.lower()))


class TestFiles:
    """The data files are valid documents for the published schemas, and load validates them."""

    @pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.name)
    def test_plan_files_match_schema(self, path: Path) -> None:
        """Each plan file is valid for schemas/plan.schema.json (jsonschema, formats asserted)."""
        schema = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
        document = json.loads(path.read_text(encoding="utf-8"))
        assert (
            list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document))
            == []
        )

    def test_load_is_cached(self) -> None:
        """load() returns the same dataset object each time."""
        assert load() is load()

    def test_broken_plan_file_names_file_and_field(self, tmp_path: Path) -> None:
        """A broken plan file fails with a DataError naming the file and the field path."""
        document = json.loads(PLAN_60.read_text(encoding="utf-8"))
        document["targets"][0]["value"]["value"] = "98,26"
        broken = tmp_path / "broken.json"
        broken.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(DataError) as caught:
            Dataset.read([broken])
        assert str(broken) in str(caught.value)
        assert "targets.0.value.value" in str(caught.value)

    def test_broken_bundled_file(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """load() reports a broken bundled file by its name."""
        import sodoan.dataset as module

        monkeypatch.setattr(
            module, "_bundled_plan_files", lambda: [("plans/bad.json", '{"id": "x"}')]
        )
        load.cache_clear()
        try:
            with pytest.raises(DataError, match=r"plans/bad\.json: kind: Field required"):
                load()
        finally:
            monkeypatch.undo()
            load.cache_clear()

    def test_unknown_id_in_a_file_suggests(self, tmp_path: Path) -> None:
        """A DataError for an unknown indicator id suggests the closest known ones."""
        document = json.loads(PLAN_60.read_text(encoding="utf-8"))
        document["targets"][0]["indicator"] = "digital-economy-share-grd"
        broken = tmp_path / "broken.json"
        broken.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        with pytest.raises(DataError, match="did you mean 'digital-economy-share-grdp'"):
            Dataset.read([broken])

    def test_unreadable_file(self, tmp_path: Path) -> None:
        """A missing file is a DataError naming it."""
        with pytest.raises(DataError, match=r"missing\.json"):
            Dataset.read([tmp_path / "missing.json"])

    def test_read_own_plans(self) -> None:
        """Dataset.read builds a dataset of one's own plan files with the bundled codelists."""
        own = Dataset.read(PLAN_FILES[:1])
        assert len(own.plans) == 1


class TestQueries:
    """Filters and lookups."""

    def test_filters_combine(self, data: Dataset) -> None:
        """indicator, province, pillar, year and document filters all apply."""
        rows = data.targets(indicator="work-file-online-share", province="tra-vinh", year=2030)
        assert sorted(t.level or "" for t in rows) == ["commune", "district", "province"]
        assert all(
            t.indicator == "work-file-online-share"
            for t in data.targets(
                pillar="digital-government",
                document="50/KH-UBND",
                indicator="work-file-online-share",
            )
        )
        assert {
            t.source.document for t in data.targets(document="tra-vinh-article-50-kh-ubnd")
        } == {"tra-vinh-article-50-kh-ubnd"}
        assert {a.province for a in data.actuals(province="nam-dinh")} == {"nam-dinh"}
        assert data.targets(province="nam-dinh", document="60/KH-UBND") == []

    def test_bare_calls_return_everything(self, data: Dataset) -> None:
        """Called bare, targets() and actuals() return every figure."""
        assert len(data.targets()) == sum(len(p.targets) for p in data.plans)
        assert len(data.actuals()) == sum(len(p.actuals) for p in data.plans)

    @pytest.mark.parametrize(
        ("method", "bad"),
        [
            ("indicator", "online-filing"),
            ("province", "tuyen-qang"),
            ("pillar", "digital-govt"),
            ("agency", "x"),
            ("plan", "61/KH-UBND"),
        ],
    )
    def test_unknown_ids(self, data: Dataset, method: str, bad: str) -> None:
        """Unknown ids raise UnknownIdError (a SodoanError and KeyError)."""
        with pytest.raises(UnknownIdError) as caught:
            getattr(data, method)(bad)
        assert isinstance(caught.value, KeyError)
        assert bad in str(caught.value)

    def test_unknown_filter_id(self, data: Dataset) -> None:
        """A misspelt filter id raises with a suggestion instead of returning nothing."""
        with pytest.raises(UnknownIdError, match="did you mean 'online-filing-rate'"):
            data.targets("online-filing-rat")

    def test_plan_by_number_or_id(self, data: Dataset) -> None:
        """Plans are found by number or id."""
        assert data.plan("60/KH-UBND") is data.plan("tuyen-quang-60-kh-ubnd-2025")


class TestProvinces:
    """The 2025 mergers."""

    @pytest.mark.parametrize(
        ("province", "lineage"),
        [
            ("vinh-long", ["vinh-long", "ben-tre", "tra-vinh"]),
            ("tuyen-quang", ["tuyen-quang", "ha-giang"]),
            ("ninh-binh", ["ninh-binh", "ha-nam", "nam-dinh"]),
            ("tra-vinh", ["tra-vinh"]),
            ("cao-bang", ["cao-bang"]),
        ],
    )
    def test_lineage(self, data: Dataset, province: str, lineage: list[str]) -> None:
        """A province's lineage is itself and every province merged into it."""
        assert data.lineage(province) == lineage

    def test_queries_follow_lineage_when_asked(self, data: Dataset) -> None:
        """province= is the id only; lineage=True adds the provinces merged into it."""
        assert data.targets(province="vinh-long") == []
        merged = data.targets(province="vinh-long", lineage=True)
        assert merged == data.targets(province="tra-vinh")
        assert {a.province for a in data.actuals(province="vinh-long", lineage=True)} == {
            "vinh-long",
            "ben-tre",
            "tra-vinh",
        }
        assert {a.province for a in data.actuals(province="tuyen-quang")} == {"tuyen-quang"}

    def test_reports_follow_lineage(self, data: Dataset) -> None:
        """progress("vinh-long") gives Trà Vinh's targets, each row saying it was merged; Trà
        Vinh's own report says it is part of Vĩnh Long now."""
        import datetime as dt

        report = sodoan.progress("vinh-long", dataset=data, as_of=dt.date(2026, 11, 27))
        assert {row.province for row in report.rows} == {"tra-vinh"}
        assert {row.merged_into for row in report.rows} == {"vinh-long"}
        assert [n.text("en") for n in report.notes] == [
            "Tra Vinh: merged into Vinh Long on 2025-07-01"
        ]
        own = sodoan.progress("tra-vinh", dataset=data, as_of=dt.date(2026, 11, 27))
        assert [n.successor for n in own.notes] == ["vinh-long"]
        comparison = sodoan.compare("dti-rank", ["vinh-long"], dataset=data)
        assert {row.province for row in comparison.rows} == {"vinh-long", "ben-tre", "tra-vinh"}

    def test_63_then_34(self, data: Dataset) -> None:
        """63 provinces before 1 July 2025, 34 after."""
        import datetime as dt

        provinces = [p for p in data.provinces if p.kind != "nation"]
        assert sum(p.exists_on(dt.date(2025, 6, 30)) for p in provinces) == 63
        assert sum(p.exists_on(dt.date(2025, 7, 1)) for p in provinces) == 34

    @pytest.mark.parametrize(
        ("old", "new"),
        [
            ("ha-giang", "tuyen-quang"),
            ("tra-vinh", "vinh-long"),
            ("ben-tre", "vinh-long"),
            ("nam-dinh", "ninh-binh"),
            ("ha-nam", "ninh-binh"),
        ],
    )
    def test_successors(self, data: Dataset, old: str, new: str) -> None:
        """Merged provinces point to their successor, which lists the merger."""
        province = data.province(old)
        assert province.successor == new
        assert any(old in m.provinces for m in data.province(new).mergers)

    def test_tuyen_quang_territory_changed(self, data: Dataset) -> None:
        """Tuyên Quang kept its name but not its territory."""
        import datetime as dt

        assert data.province("tuyen-quang").territory_changed_between(
            dt.date(2024, 12, 31), dt.date(2025, 12, 31)
        )
        assert not data.province("tuyen-quang").territory_changed_between(
            dt.date(2021, 1, 1), dt.date(2024, 12, 31)
        )


class TestChecks:
    """Dataset.check() reports the documents' inconsistencies with exact differences."""

    def findings(self, data: Dataset, code: str, indicator: str | None = None) -> list[Any]:
        return [f for f in data.check() if f.code == code and f.indicator == indicator]

    def test_budget_off_by_503(self, data: Dataset) -> None:
        """The 2024 budget lines add up to 91.510,235, not the stated 92.013,235 triệu đồng."""
        (finding,) = self.findings(data, "budget-total")
        assert finding.stated == Measure(value="92013.235", unit="million_VND")
        assert finding.computed == Measure(value="91510.235", unit="million_VND")
        assert finding.difference is not None
        assert finding.difference.value == Decimal("503")
        assert finding.severity == "inconsistency"

    def test_members_9816_vs_10257(self, data: Dataset) -> None:
        """1.400 + 8.416 = 9.816 members, against the stated 10.257 (441 apart)."""
        (finding,) = self.findings(data, "breakdown-sum", "community-tech-team-member-count")
        assert finding.computed == Measure(value="9816", unit="count")
        assert finding.stated == Measure(value="10257", unit="count")
        assert finding.difference == Measure(value="441", unit="count")

    def test_teams_1868_vs_1871(self, data: Dataset) -> None:
        """003 says 1.868 teams, 002 says 1.871: a conflict of 3 between documents."""
        findings = [
            f
            for f in self.findings(data, "conflicting-actuals", "community-tech-team-count")
            if all(fig.label is None for fig in f.figures)
        ]
        (finding,) = findings
        assert sorted(fig.value.value for fig in finding.figures) == [Decimal(1868), Decimal(1871)]
        assert finding.difference == Measure(value="3", unit="count")
        assert finding.severity == "conflict"
        assert set(finding.documents) == {
            "tuyen-quang-60-kh-ubnd-2025-text",
            "tuyen-quang-article-48-nq-tu-results",
        }

    def test_competing_digital_economy_targets(self, data: Dataset) -> None:
        """Tuyên Quang 2025: 20% of GRDP (48-NQ/TU, via 002) against 'trên 18%' (60/KH-UBND)."""
        (finding,) = [
            f
            for f in self.findings(data, "competing-targets", "digital-economy-share-grdp")
            if f.province == "tuyen-quang"
        ]
        statements = sorted((fig.comparator, str(fig.value.value)) for fig in finding.figures)
        assert statements == [("ge", "20"), ("gt", "18")]
        assert finding.difference == Measure(value="2", unit="percentage_point")

    def test_procedure_counts_add_up(self, data: Dataset) -> None:
        """950 + 742 + 207 = 1.899: the parts are encoded and no finding is reported."""
        by_id = {
            a.indicator: a.value.value
            for a in data.actuals(province="tuyen-quang", year=2024)
            if a.indicator.endswith("procedure-count")
        }
        assert (
            by_id["procedure-count"]
            == by_id["full-online-procedure-count"]
            + by_id["partial-online-procedure-count"]
            + by_id["info-only-procedure-count"]
            == 1899
        )
        assert not [f for f in data.check() if f.indicator == "procedure-count"]

    def test_data_kept_as_written(self, data: Dataset) -> None:
        """Checks report; they never change the data."""
        before = [t.model_dump() for t in data.targets()]
        data.check()
        assert [t.model_dump() for t in data.targets()] == before

    def test_describe(self, data: Dataset) -> None:
        """Findings explain themselves in vi and en, naming documents and the difference."""
        (finding,) = self.findings(data, "budget-total")
        assert "difference 503.000 million VND" in finding.describe("en")
        assert "chênh 503,000 triệu đồng" in finding.describe("vi")

    def test_findings_round_trip(self, data: Dataset) -> None:
        """Findings are JSON-serialisable models."""
        from sodoan.checks import Finding

        for finding in data.check():
            assert Finding.model_validate_json(finding.model_dump_json()) == finding


def test_public_names() -> None:
    """load and Dataset are exported."""
    assert sodoan.load is load
    assert sodoan.Dataset is Dataset


def test_data_sources_page_names_every_document(data: Dataset) -> None:
    """docs/data-sources.md names every bundled document (a new source is documented)."""
    page = (REPO / "docs" / "data-sources.md").read_text(encoding="utf-8")
    missing = [d.id for d in data.documents if d.id not in page and d.file is None]
    assert missing == []
