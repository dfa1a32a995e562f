"""Frames beyond pandas (polars, Arrow), the table specifications, and finding entries."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sodoan
from sodoan._search import fold
from sodoan._tables import Column, Table, decimal_scale
from sodoan.frames import DATA_TABLES, TABLES, columns, data_table

AS_OF = dt.date(2025, 6, 30)


@pytest.fixture(scope="module")
def data() -> sodoan.Dataset:
    """The bundled dataset."""
    return sodoan.load()


class TestTables:
    """The table specifications (data/tables.json) are whole and consistent."""

    def test_every_table_builds(self, data: sodoan.Dataset) -> None:
        """Every table of the dataset builds, and only with known columns."""
        for name in TABLES:
            table = data_table(data, name)
            assert table.rows, name
            assert all(len(row) == len(table.columns) for row in table.rows)

    def test_foreign_keys_point_at_keys(self) -> None:
        """Each column that refers to another table names that table's key column."""
        for name in (*TABLES, "rows"):
            for column in columns(name):
                if column.refers_to is not None:
                    table, field = column.refers_to
                    assert table in DATA_TABLES, (name, column.name)
                    assert columns(table)[0].name == field == "id"

    def test_foreign_keys_hold(self, data: sodoan.Dataset) -> None:
        """Every value of a referring column is an id of the table it refers to."""
        ids = {name: set(data_table(data, name).column("id")) for name in DATA_TABLES if name in (
            "plans", "documents", "indicators", "provinces", "pillars", "agencies", "budgets",
        )}  # fmt: skip
        for name in DATA_TABLES:
            table = data_table(data, name)
            for column in table.columns:
                if column.refers_to is not None:
                    values = {v for v in table.column(column.name) if v is not None}
                    assert values <= ids[column.refers_to[0]], (name, column.name)

    def test_required_columns_have_values(self, data: sodoan.Dataset) -> None:
        """A required column has a value in every row."""
        for name in DATA_TABLES:
            table = data_table(data, name)
            for column in table.columns:
                if column.required:
                    assert None not in table.column(column.name), (name, column.name)

    def test_keys_are_unique(self, data: sodoan.Dataset) -> None:
        """The key of each table identifies its rows."""
        for name in DATA_TABLES:
            table = data_table(data, name)
            keys = [tuple(row[table.column_index(k)] for k in table.key) for row in table.rows]
            assert len(keys) == len(set(keys)), name

    def test_unknown_column_is_a_bug(self) -> None:
        """A record with a key that is no column is refused, not silently dropped."""
        with pytest.raises(ValueError, match=r"table t: no column \['valeu'\]"):
            Table.of("t", [Column("value", "decimal", "v")], [{"valeu": Decimal(1)}])


class TestDecimalScale:
    """Exact columns hold every value: the scale is the most decimal places of any value."""

    def test_scale(self) -> None:
        """80, 98.26 and 0.125 need three decimal places."""
        values = [Decimal("80"), Decimal("98.26"), None, Decimal("0.125")]
        assert decimal_scale("t", "v", values) == 3

    def test_too_many_digits(self) -> None:
        """A column that would need more than 38 digits is refused, not rounded."""
        values = [Decimal("1" * 30), Decimal("0." + "1" * 10)]
        with pytest.raises(sodoan.DataError, match="column v needs 40 digits"):
            decimal_scale("t", "v", values)

    def test_float_refused(self) -> None:
        """A float is not an exact value."""
        with pytest.raises(sodoan.DataError, match="is not a finite Decimal"):
            decimal_scale("t", "v", [0.1])

    @given(st.lists(st.decimals(allow_nan=False, allow_infinity=False, places=4, max_value=10**9, min_value=-(10**9)), max_size=20))  # fmt: skip
    def test_arrow_round_trip(self, values: list[Decimal]) -> None:
        """Decimals go through Arrow and come back equal."""
        pytest.importorskip("pyarrow")
        table = Table.of("t", [Column("v", "decimal", "v")], [{"v": v} for v in values])
        assert table.to_arrow().column("v").to_pylist() == values


class TestPolars:
    """to_polars: exact Decimal columns, Date columns, Int64 years."""

    def test_comparison(self) -> None:
        """A comparison's polars frame keeps 98.26 exact and the due year whole."""
        polars = pytest.importorskip("polars")
        frame = sodoan.compare(
            "online-filing-rate", ["tra-vinh", "tuyen-quang"], as_of=AS_OF
        ).to_polars()
        assert frame.schema["actual_value"] == polars.Decimal(38, 2)
        assert frame.schema["due_start"] == polars.Date
        assert frame.schema["due_year"] == polars.Int64
        assert frame.schema["province"] == polars.String
        row = frame.filter(polars.col("province") == "tuyen-quang").row(0, named=True)
        assert row["actual_value"] == Decimal("98.26")
        assert row["margin"] == Decimal("18.26")
        assert row["due_end"] == dt.date(2025, 12, 31)
        assert "actual_value_exact" not in frame.columns

    def test_dataset_exact_sum(self, data: sodoan.Dataset) -> None:
        """Budget lines add up exactly in polars: 91.510,235 triệu đồng."""
        polars = pytest.importorskip("polars")
        lines = data.to_polars("budget_lines")
        assert lines["amount"].sum() == Decimal("91510.235")
        assert lines.schema["amount"] == polars.Decimal(38, 3)

    def test_progress_and_validation(self, data: sodoan.Dataset) -> None:
        """Progress reports and validation reports have polars frames too."""
        pytest.importorskip("polars")
        report = sodoan.progress("tuyen-quang", dataset=data, as_of=AS_OF)
        assert report.to_polars().height == len(report.rows)
        errors = sodoan.validate_jsonl(b'{"value": "98,26", "unit": "percent"}\n', kind="measure")
        assert errors.to_polars()["line"].to_list() == [1]


class TestArrow:
    """to_arrow: decimal128(38, s), date32, int64, with descriptions."""

    def test_dataset_targets(self, data: sodoan.Dataset) -> None:
        """The targets table's schema and an exact value."""
        pyarrow = pytest.importorskip("pyarrow")
        table = data.to_arrow("targets", province="tuyen-quang", indicator="online-filing-rate")
        assert table.schema.field("value").type == pyarrow.decimal128(38, 0)
        assert table.schema.field("due_start").type == pyarrow.date32()
        assert table.schema.field("due_year").type == pyarrow.int64()
        assert not table.schema.field("id").nullable
        assert table.schema.field("value").metadata == {
            b"description": b"threshold (the lower bound of a range)"
        }
        assert table.column("value").to_pylist() == [Decimal("80")]

    def test_validation_report(self) -> None:
        """A validation report's errors as an Arrow table."""
        pyarrow = pytest.importorskip("pyarrow")
        errors = sodoan.validate_jsonl(b'{"value": "98,26", "unit": "percent"}\n', kind="measure")
        table = errors.to_arrow()
        assert table.schema.field("line").type == pyarrow.int64()
        assert table.column("type").to_pylist() == ["decimal_format"]


class TestMissingExtras:
    """Without pyarrow or polars the frames name the extra to install."""

    @pytest.mark.parametrize(
        ("module", "call", "extra"),
        [
            ("pyarrow", lambda: sodoan.load().to_arrow("targets"), "arrow"),
            ("pyarrow", lambda: sodoan.load().to_pandas("targets"), "pandas"),
            ("polars", lambda: sodoan.compare("dti-rank", as_of=AS_OF).to_polars(), "polars"),
        ],
        ids=["arrow", "pandas-needs-pyarrow", "polars"],
    )
    def test_extra_named(
        self, monkeypatch: pytest.MonkeyPatch, module: str, call: Any, extra: str
    ) -> None:
        """MissingDependencyError names the package and the extra."""
        monkeypatch.setitem(sys.modules, module, None)
        with pytest.raises(sodoan.MissingDependencyError) as caught:
            call()
        assert (caught.value.package, caught.value.extra) == (module, extra)


class TestFind:
    """Catalogue.find_indicators / find_provinces and look-ups by name."""

    @pytest.mark.parametrize(
        ("text", "folded"),
        [
            ("Tuyên Quang", "tuyen quang"),
            ("Đắk Lắk", "dak lak"),
            ("dti-rank", "dti rank"),
            ("  Kinh tế số!  ", "kinh te so"),
        ],
    )
    def test_fold(self, text: str, folded: str) -> None:
        """Diacritics, đ, case and punctuation are folded away."""
        assert fold(text) == folded

    @pytest.mark.parametrize(
        ("query", "first"),
        [
            ("dti", ["dti-score", "dti-rank"]),
            ("digital economy", ["digital-economy-share-grdp"]),
            ("kinh tế số", ["digital-economy-share-grdp"]),
            ("kinh te so", ["digital-economy-share-grdp"]),
            ("online-filing-rate", ["online-filing-rate"]),
            ("Share of administrative dossiers filed or processed online", ["online-filing-rate"]),
        ],
    )
    def test_find_indicators(self, data: sodoan.Dataset, query: str, first: list[str]) -> None:
        """The best matches come first."""
        found = [i.id for i in data.find_indicators(query)]
        assert found[: len(first)] == first

    @pytest.mark.parametrize(
        ("query", "first"),
        [
            ("Tuyên Quang", "tuyen-quang"),
            ("tuyen quang", "tuyen-quang"),
            ("Tra Vinh", "tra-vinh"),
            ("trà vinh", "tra-vinh"),
            ("tuyen qang", "tuyen-quang"),
            ("Viet Nam", "viet-nam"),
        ],
    )
    def test_find_provinces(self, data: sodoan.Dataset, query: str, first: str) -> None:
        """A name in either language, with or without diacritics, or a near spelling."""
        assert data.find_provinces(query)[0].id == first

    def test_empty_query_lists_everything(self, data: sodoan.Dataset) -> None:
        """An empty query gives the whole codelist, in its order."""
        assert data.find_provinces("") == list(data.provinces)

    @pytest.mark.parametrize("name", ["Tuyên Quang", "tuyen quang", "TUYEN QUANG", "Tuyen Quang"])
    def test_province_by_name(self, data: sodoan.Dataset, name: str) -> None:
        """Dataset.province takes names."""
        assert data.province(name).id == "tuyen-quang"

    def test_names_work_in_queries_and_reports(self, data: sodoan.Dataset) -> None:
        """targets(), compare() and progress() take names too."""
        assert data.targets("Digital economy share of GRDP", "Tra Vinh") == data.targets(
            "digital-economy-share-grdp", "tra-vinh"
        )
        comparison = sodoan.compare("Tỷ trọng kinh tế số trong GRDP", ["Trà Vinh"], as_of=AS_OF)
        assert comparison.indicator.id == "digital-economy-share-grdp"
        assert {r.province for r in comparison.rows} == {"tra-vinh"}

    @pytest.mark.parametrize(
        ("kind", "query", "suggested"),
        [
            ("indicator", "dti", ["dti-score", "dti-rank"]),
            ("indicator", "digital economy", ["digital-economy-share-grdp"]),
            ("province", "vinh", ["vinh-long", "vinh-phuc", "tra-vinh"]),
            ("province", "tuyen-qang", ["tuyen-quang"]),
        ],
    )
    def test_unknown_suggests(
        self, data: sodoan.Dataset, kind: str, query: str, suggested: list[str]
    ) -> None:
        """An id that is neither an id nor a name raises UnknownIdError with the closest ids."""
        with pytest.raises(sodoan.UnknownIdError) as caught:
            getattr(data, kind)(query)
        assert list(caught.value.suggestions[: len(suggested)]) == suggested
        assert isinstance(caught.value, KeyError)

    def test_unknown_kind(self, data: sodoan.Dataset) -> None:
        """Catalogue.find names the codelists."""
        with pytest.raises(ValueError, match="kind must be one of pillar, indicator"):
            data.catalogue.find("plan", "x")  # type: ignore[arg-type]
