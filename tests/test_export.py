"""sodoan.export: a Frictionless data package, Parquet with exact decimals, CSV and JSON Lines."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import sodoan
from sodoan.frames import DATA_TABLES

ONLINE_FILING = "tuyen-quang-60-kh-ubnd-2025-a-online-filing-rate-2024"


@pytest.fixture(scope="module")
def data() -> sodoan.Dataset:
    """The bundled dataset."""
    return sodoan.load()


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data exported as a data package."""
    folder = tmp_path_factory.mktemp("datapackage")
    sodoan.export(folder)
    return folder


@pytest.fixture(scope="module")
def parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data exported as Parquet files."""
    pytest.importorskip("pyarrow")
    folder = tmp_path_factory.mktemp("parquet")
    sodoan.export(folder, format="parquet")
    return folder


def csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def online_filing_id(data: sodoan.Dataset) -> str:
    """Tuyên Quang's 98,26% of 2024, the actual of the README."""
    actual = next(
        a for a in data.actuals("online-filing-rate", "tuyen-quang", year=2024) if not a.is_change
    )
    assert actual.value.value == Decimal("98.26")
    return actual.id


class TestDataPackage:
    """The default format: CSV files described by datapackage.json."""

    def test_files(self, package: Path) -> None:
        """One CSV per table and the descriptor, nothing else."""
        names = sorted(p.name for p in package.iterdir())
        assert names == sorted([*(f"{t}.csv" for t in DATA_TABLES), "datapackage.json"])

    def test_descriptor(self, package: Path) -> None:
        """Resources with Table Schemas: types, required fields, keys, decimal characters."""
        descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
        assert descriptor["profile"] == "tabular-data-package"
        assert descriptor["name"] == "sodoan"
        resources = {r["name"]: r for r in descriptor["resources"]}
        assert list(resources) == list(DATA_TABLES)
        targets = resources["targets"]
        assert targets["path"] == "targets.csv"
        fields = {f["name"]: f for f in targets["schema"]["fields"]}
        assert fields["value"] == {
            "name": "value",
            "type": "number",
            "description": "threshold (the lower bound of a range)",
            "decimalChar": ".",
            "groupChar": "",
            "bareNumber": True,
            "constraints": {"required": True},
        }
        assert fields["due_start"]["type"] == "date"
        assert fields["due_year"]["type"] == "integer"
        assert targets["schema"]["primaryKey"] == ["id"]
        assert {
            "fields": ["indicator"],
            "reference": {"resource": "indicators", "fields": ["id"]},
        } in targets["schema"]["foreignKeys"]
        assert {
            "fields": ["source_document"],
            "reference": {"resource": "documents", "fields": ["id"]},
        } in targets["schema"]["foreignKeys"]
        provinces = resources["provinces"]["schema"]["foreignKeys"]
        assert provinces == [
            {"fields": ["successor"], "reference": {"resource": "", "fields": ["id"]}}
        ]

    def test_values_as_written(self, package: Path, data: sodoan.Dataset) -> None:
        """Decimals keep the digits the documents wrote; each row keeps its source."""
        actuals = {r["id"]: r for r in csv_rows(package / "actuals.csv")}
        row = actuals[online_filing_id(data)]
        assert (row["value"], row["unit"], row["period"], row["period_end"]) == (
            "98.26",
            "percent",
            "2024",
            "2024-12-31",
        )
        assert row["source_document"] == "tuyen-quang-60-kh-ubnd-2025-text"
        assert row["source_quote"]
        lines = csv_rows(package / "budget_lines.csv")
        assert [r["amount"] for r in lines] == ["68673.618", "16855.990", "2167.000", "3813.627"]
        assert len(csv_rows(package / "targets.csv")) == len(data.targets())

    def test_frictionless_validates(self, package: Path) -> None:
        """frictionless accepts the package: types, keys and foreign keys hold."""
        frictionless = pytest.importorskip("frictionless")
        report = frictionless.validate(str(package / "datapackage.json"))
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]

    def test_frictionless_catches_a_broken_reference(self, package: Path, tmp_path: Path) -> None:
        """The foreign keys are checked: an unknown indicator makes the package invalid."""
        frictionless = pytest.importorskip("frictionless")
        copy = tmp_path / "broken"
        shutil.copytree(package, copy)
        text = (copy / "targets.csv").read_text(encoding="utf-8")
        (copy / "targets.csv").write_text(
            text.replace(",digital-economy-share-grdp,", ",digital-economy-share-grdX,", 1),
            encoding="utf-8",
        )
        report = frictionless.validate(str(copy / "datapackage.json"))
        assert not report.valid
        assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


class TestParquet:
    """Parquet with exact DECIMAL columns, read unchanged by pyarrow, polars and DuckDB."""

    def test_pyarrow(self, parquet: Path, data: sodoan.Dataset) -> None:
        """pyarrow reads decimal128(38, s) and gets the Decimals back."""
        pyarrow = pytest.importorskip("pyarrow")
        reader = pytest.importorskip("pyarrow.parquet")

        table = reader.read_table(parquet / "actuals.parquet")
        assert pyarrow.types.is_decimal128(table.schema.field("value").type)
        assert table.schema.field("period_start").type == pyarrow.date32()
        values = dict(
            zip(table.column("id").to_pylist(), table.column("value").to_pylist(), strict=True)
        )
        assert values[online_filing_id(data)] == Decimal("98.26")
        assert len(values) == len(data.actuals())

    def test_polars(self, parquet: Path) -> None:
        """polars reads Decimal columns; the budget lines add up exactly."""
        polars = pytest.importorskip("polars")
        lines = polars.read_parquet(parquet / "budget_lines.parquet")
        assert lines.schema["amount"] == polars.Decimal(38, 3)
        assert lines["amount"].sum() == Decimal("91510.235")

    def test_duckdb(self, parquet: Path, data: sodoan.Dataset) -> None:
        """DuckDB reads DECIMAL(38, s) and computes exactly: the budget lines, 98.26."""
        duckdb = pytest.importorskip("duckdb")
        connection = duckdb.connect()
        lines = str(parquet / "budget_lines.parquet")
        total, kind = connection.execute(
            f"select sum(amount), typeof(sum(amount)) from read_parquet('{lines}')"
        ).fetchone()
        assert total == Decimal("91510.235")
        assert kind == "DECIMAL(38,3)"
        actuals = str(parquet / "actuals.parquet")
        (value,) = connection.execute(
            f"select value from read_parquet('{actuals}') where id = ?", [online_filing_id(data)]
        ).fetchone()
        assert value == Decimal("98.26")
        targets = str(parquet / "targets.parquet")
        indicators = str(parquet / "indicators.parquet")
        (joined,) = connection.execute(
            f"select count(*) from read_parquet('{targets}') t "
            f"join read_parquet('{indicators}') i on t.indicator = i.id"
        ).fetchone()
        assert joined == len(data.targets())


class TestJsonLines:
    """JSON Lines: one object per row, decimals as strings, dates ISO, null when missing."""

    def test_rows(self, tmp_path: Path, data: sodoan.Dataset) -> None:
        """Every actual is a line; values are exact strings."""
        sodoan.export(tmp_path, format="jsonl", dataset=data)
        lines = (tmp_path / "actuals.jsonl").read_text(encoding="utf-8").splitlines()
        rows = {r["id"]: r for r in map(json.loads, lines)}
        assert len(rows) == len(data.actuals())
        row = rows[online_filing_id(data)]
        assert (row["value"], row["period_start"], row["period_year"], row["area"]) == (
            "98.26",
            "2024-01-01",
            2024,
            None,
        )


class TestPlainCsv:
    """--format csv: the CSV files alone."""

    def test_no_descriptor(self, tmp_path: Path) -> None:
        """No datapackage.json, one CSV per table."""
        written = sodoan.export(tmp_path, format="csv")
        assert sorted(p.name for p in written) == sorted(f"{t}.csv" for t in DATA_TABLES)
        assert not (tmp_path / "datapackage.json").exists()


def test_function_survives_the_module_import() -> None:
    """sodoan.export stays the function once the module that defines it is imported."""
    import sodoan.cli  # imports sodoan.exports

    assert "sodoan.exports" in sys.modules
    assert callable(sodoan.export)
    assert sodoan.export.__module__ == "sodoan.exports"


class TestErrors:
    """Bad formats and missing extras."""

    def test_unknown_format(self, tmp_path: Path) -> None:
        """An unknown format is a ValueError naming the formats."""
        with pytest.raises(ValueError, match="format must be one of datapackage, parquet"):
            sodoan.export(tmp_path, format="xlsx")  # type: ignore[arg-type]

    def test_parquet_without_pyarrow(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Parquet without pyarrow names the arrow extra and writes nothing."""
        monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
        with pytest.raises(sodoan.MissingDependencyError) as caught:
            sodoan.export(tmp_path / "out", format="parquet")
        assert caught.value.extra == "arrow"
        assert not (tmp_path / "out").exists()

    def test_replaces_own_files_only(self, tmp_path: Path) -> None:
        """A second export replaces its files and leaves other files alone."""
        (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
        (tmp_path / "targets.csv").write_text("old", encoding="utf-8")
        sodoan.export(tmp_path, format="csv")
        assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
        assert (tmp_path / "targets.csv").read_text(encoding="utf-8").startswith("id,plan,")
        assert not list(tmp_path.glob("*.partial"))


@pytest.mark.skipif(
    shutil.which("frictionless") is None, reason="the frictionless command is not installed"
)
def test_frictionless_command(package: Path) -> None:
    """`frictionless validate datapackage.json`, as a researcher runs it, exits 0."""
    result: Any = subprocess.run(
        ["frictionless", "validate", "datapackage.json"],
        cwd=package,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:]
