"""Exports: the dataset as files that R, Stata, DuckDB, Spark or a spreadsheet read unchanged.

:func:`export` writes one file per table of :data:`sodoan.frames.DATA_TABLES` (targets,
actuals, budgets, budget lines, responsibilities, plans, documents and the codelists
indicators, provinces, pillars and agencies) in one of four formats:

* ``datapackage``: a `Frictionless data package <https://datapackage.org>`_, the CSV files and
  ``datapackage.json`` describing them: a Table Schema per resource (field types, descriptions,
  required fields, primary keys, foreign keys to the codelists, ``.`` as the decimal mark and
  no grouping character), which ``frictionless validate datapackage.json`` accepts;
* ``parquet``: Parquet files with exact ``DECIMAL(38, s)`` columns, dates as ``DATE`` and the
  column descriptions in the schema (needs the ``arrow`` extra); DuckDB, polars and pyarrow
  read the decimals back exactly;
* ``csv``: the CSV files alone (UTF-8, a header row, ``,`` between fields, an empty field for a
  missing value, decimals as written with ``.`` as the decimal mark: ``92013.235``);
* ``jsonl``: JSON Lines, one object per row, decimals as strings (``"98.26"``), dates as
  ``"2025-12-31"``, missing values as ``null``.

Every figure row keeps its source columns (document, clause, quote, url). (The module is
``exports``, plural, so that importing it never hides the function ``sodoan.export``.)
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, Literal

from sodoan._optional import require
from sodoan._tables import Column, Table
from sodoan.dataset import Dataset, load
from sodoan.frames import DATA_TABLES, data_table

__all__ = ["EXPORT_FORMATS", "ExportFormat", "datapackage", "export"]

ExportFormat = Literal["datapackage", "parquet", "csv", "jsonl"]
#: The formats of :func:`export`.
EXPORT_FORMATS: Final = ("datapackage", "parquet", "csv", "jsonl")

#: Table Schema (Frictionless) type of each column type.
_FIELD_TYPES: Final = {
    "string": "string",
    "decimal": "number",
    "integer": "integer",
    "date": "date",
    "boolean": "boolean",
}


def _text(value: Any) -> str:
    """A value as a CSV field: decimals as written (no exponent), dates ISO, missing empty."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _replace(path: Path, write: Any) -> Path:
    """Write ``path`` through a temporary file, so a failure never leaves half a file."""
    partial = path.with_name(path.name + ".partial")
    try:
        write(partial)
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()
    return path


def _write_csv(table: Table, path: Path) -> Path:
    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow([c.name for c in table.columns])
            writer.writerows([_text(v) for v in row] for row in table.rows)

    return _replace(path, write)


def _write_jsonl(table: Table, path: Path) -> Path:
    names = [c.name for c in table.columns]

    def write(target: Path) -> None:
        with target.open("w", encoding="utf-8", newline="\n") as stream:
            for row in table.rows:
                record = {n: _json_value(v) for n, v in zip(names, row, strict=True)}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    return _replace(path, write)


def _write_parquet(table: Table, path: Path) -> Path:
    parquet = require("pyarrow.parquet", "arrow")
    arrow = table.to_arrow()
    return _replace(path, lambda target: parquet.write_table(arrow, target))


def _field(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {
        "name": column.name,
        "type": _FIELD_TYPES[column.type],
        "description": column.description,
    }
    if column.type == "decimal":
        field.update(decimalChar=".", groupChar="", bareNumber=True)
    if column.required:
        field["constraints"] = {"required": True}
    return field


def _foreign_keys(table: Table) -> list[dict[str, Any]]:
    keys = []
    for column in table.columns:
        if column.refers_to is None:
            continue
        resource, field = column.refers_to
        keys.append(
            {
                "fields": [column.name],
                # Table Schema: an empty resource name is the resource itself.
                "reference": {
                    "resource": "" if resource == table.name else resource,
                    "fields": [field],
                },
            }
        )
    return keys


def _resource(table: Table, path: str) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field(c) for c in table.columns],
        "missingValues": [""],
    }
    if table.key:
        schema["primaryKey"] = list(table.key)
    foreign = _foreign_keys(table)
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": table.name,
        "path": path,
        "profile": "tabular-data-resource",
        "description": table.description,
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "dialect": {"delimiter": ",", "doubleQuote": True, "header": True},
        "schema": schema,
    }


def datapackage(tables: Iterable[Table], paths: Sequence[str]) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor of ``tables`` written to ``paths`` (CSV files)."""
    from importlib.metadata import version

    return {
        "profile": "tabular-data-package",
        "name": "sodoan",
        "title": "Targets and results of Vietnamese provincial digital-transformation plans",
        "description": (
            "Targets, reported results, budgets and responsibilities stated in Vietnamese "
            "provincial and national digital-transformation documents, each figure exact and "
            "with its source (document, clause, quote), and the codelists they refer to. "
            "Written by sodoan.export()."
        ),
        "version": version("sodoan"),
        "resources": [_resource(t, p) for t, p in zip(tables, paths, strict=True)],
    }


_WRITERS: Final = {"csv": _write_csv, "jsonl": _write_jsonl, "parquet": _write_parquet}
_SUFFIXES: Final = {"datapackage": "csv", "csv": "csv", "jsonl": "jsonl", "parquet": "parquet"}


def export(
    directory: str | os.PathLike[str],
    format: ExportFormat = "datapackage",
    dataset: Dataset | None = None,
) -> list[Path]:
    """Write the tables of ``dataset`` (default: :func:`sodoan.load`) to ``directory`` (created
    if missing) in ``format``: ``datapackage`` (CSV files and ``datapackage.json``),
    ``parquet``, ``csv`` or ``jsonl``. Returns the paths written.

    Files of the same names are replaced (each through a temporary file, so a failure leaves
    no half-written file); other files in the directory are left alone. ``parquet`` needs the
    ``arrow`` extra (:class:`~sodoan.MissingDependencyError` otherwise).
    """
    if format not in EXPORT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(EXPORT_FORMATS)}; not {format!r:.40}")
    if format == "parquet":
        require("pyarrow.parquet", "arrow")
    data = dataset if dataset is not None else load()
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    tables = [data_table(data, name) for name in DATA_TABLES]
    suffix = _SUFFIXES[format]
    names = [f"{t.name}.{suffix}" for t in tables]
    writer = _WRITERS["csv" if format == "datapackage" else format]
    written = [writer(t, folder / n) for t, n in zip(tables, names, strict=True)]
    if format == "datapackage":
        descriptor = json.dumps(datapackage(tables, names), ensure_ascii=False, indent=2) + "\n"
        written.append(
            _replace(
                folder / "datapackage.json",
                lambda target: target.write_text(descriptor, encoding="utf-8"),
            )
        )
    return written
