"""Typed tables of plain records, and their pandas, polars and Arrow forms.

A :class:`Table` is a name, typed :class:`Column` s and rows of plain Python values (``str``,
``Decimal``, ``int``, ``datetime.date``, ``bool``, ``None`` for missing). Each column type maps
to one type per library, whatever the values hold (see :data:`PANDAS_TYPES` and the docs'
"Frames and exports" page):

========== ============================================== ===================== ==============
column     pandas                                         polars                Arrow
========== ============================================== ===================== ==============
string     ``string`` (``<NA>`` for missing)              ``String``            ``string``
decimal    ``float64`` (NaN) + ``<name>_exact``:          ``Decimal(38, s)``    ``decimal128``
           ``decimal128(38, s)[pyarrow]``                                       ``(38, s)``
integer    ``Int64`` (``<NA>``)                           ``Int64``             ``int64``
date       ``datetime64[ns]`` (``NaT``)                   ``Date``              ``date32``
boolean    ``boolean`` (``<NA>``)                         ``Boolean``           ``bool``
========== ============================================== ===================== ==============

``s`` (the scale) is the largest number of decimal places in the column, so every value is
held exactly; a column whose values need more than 38 digits is refused
(:class:`~sodoan.DataError`), never rounded. pandas gets a float column under the plain name
(for plots and quick arithmetic) beside the exact one; polars and Arrow compute on decimals
natively and get the exact column under the plain name.

This module sits with the values: it knows no model, so every layer may build its frames here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final, Literal

from sodoan._optional import require
from sodoan.errors import DataError

__all__ = [
    "EXACT_SUFFIX",
    "MAX_DIGITS",
    "PANDAS_TYPES",
    "Column",
    "ColumnType",
    "Table",
    "decimal_scale",
]

ColumnType = Literal["string", "decimal", "integer", "date", "boolean"]

#: Digits an exact decimal column may hold (Arrow's decimal128, Parquet and DuckDB's DECIMAL).
MAX_DIGITS: Final = 38
#: The pandas column holding a decimal column's exact values.
EXACT_SUFFIX: Final = "_exact"
#: The pandas dtype of each column type (decimal: the float column; its exact twin is Arrow's).
PANDAS_TYPES: Final[Mapping[ColumnType, str]] = {
    "string": "string",
    "decimal": "float64",
    "integer": "Int64",
    "date": "datetime64[ns]",
    "boolean": "boolean",
}


@dataclass(frozen=True)
class Column:
    """A column: its name, type, a description for people, and (for exports) what it refers to."""

    name: str
    type: ColumnType
    description: str
    refers_to: tuple[str, str] | None = None
    """``(table, column)`` this column's values are keys of (a foreign key), if any."""
    required: bool = False
    """Whether every row has a value."""


@dataclass(frozen=True)
class Table:
    """A named table: typed columns and rows of plain values (one tuple per row)."""

    name: str
    columns: tuple[Column, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)
    description: str = ""
    key: tuple[str, ...] = ()
    """The columns that identify a row (a primary key), if any."""

    @classmethod
    def of(
        cls,
        name: str,
        columns: Sequence[Column],
        records: Iterable[Mapping[str, Any]],
        *,
        description: str = "",
        key: Sequence[str] = (),
    ) -> Table:
        """A table of ``records`` (dicts by column name; a missing key is a missing value, a key
        that is no column's name is a bug: ValueError)."""
        names = [c.name for c in columns]
        known = frozenset(names)
        rows = []
        for record in records:
            if not known.issuperset(record):
                raise ValueError(f"table {name}: no column {sorted(set(record) - known)}")
            rows.append(tuple(record.get(n) for n in names))
        return cls(name, tuple(columns), rows, description, tuple(key))

    def column_index(self, name: str) -> int:
        """The position of column ``name`` (ValueError if there is none)."""
        return [c.name for c in self.columns].index(name)

    def column(self, name: str) -> list[Any]:
        """The values of column ``name``."""
        index = self.column_index(name)
        return [row[index] for row in self.rows]

    def scale(self, name: str) -> int:
        """The decimal places of decimal column ``name``: the most any of its values has."""
        return decimal_scale(self.name, name, self.column(name))

    # Frames -------------------------------------------------------------------------------

    def to_pandas(self) -> Any:
        """A pandas DataFrame (needs the ``pandas`` extra: pandas and pyarrow)."""
        pandas = require("pandas", "pandas")
        pyarrow = require("pyarrow", "pandas")
        simple = {
            pyarrow.string(): pandas.StringDtype(),
            pyarrow.int64(): pandas.Int64Dtype(),
            pyarrow.bool_(): pandas.BooleanDtype(),
        }

        def mapper(kind: Any) -> Any:
            if pyarrow.types.is_decimal(kind):
                return pandas.ArrowDtype(kind)
            return simple.get(kind)

        frame = self.to_arrow().to_pandas(types_mapper=mapper, date_as_object=False)
        data: dict[str, Any] = {}
        for index, column in enumerate(self.columns):
            values = frame[column.name]
            if column.type == "decimal":
                floats = [
                    float(row[index]) if row[index] is not None else None for row in self.rows
                ]
                data[column.name] = pandas.array(floats, dtype="float64")
                data[column.name + EXACT_SUFFIX] = values
            elif column.type == "date":
                data[column.name] = values.astype(PANDAS_TYPES["date"])
            else:
                data[column.name] = values
        return pandas.DataFrame(data, index=pandas.RangeIndex(len(self.rows)))

    def arrow_schema(self) -> Any:
        """The Arrow schema of :meth:`to_arrow` (needs the ``arrow`` extra)."""
        pyarrow = require("pyarrow", "arrow")
        simple = {
            "string": pyarrow.string(),
            "integer": pyarrow.int64(),
            "date": pyarrow.date32(),
            "boolean": pyarrow.bool_(),
        }
        fields = []
        for column in self.columns:
            kind = (
                pyarrow.decimal128(MAX_DIGITS, self.scale(column.name))
                if column.type == "decimal"
                else simple[column.type]
            )
            fields.append(
                pyarrow.field(
                    column.name,
                    kind,
                    nullable=not column.required,
                    metadata={"description": column.description},
                )
            )
        metadata = {"name": self.name}
        if self.description:
            metadata["description"] = self.description
        return pyarrow.schema(fields, metadata=metadata)

    def to_arrow(self) -> Any:
        """A pyarrow Table with exact ``decimal128(38, s)`` columns (needs the ``arrow`` extra)."""
        pyarrow = require("pyarrow", "arrow")
        schema = self.arrow_schema()
        arrays = [
            pyarrow.array(self.column(f.name), type=f.type) for f in schema
        ]  # one array per column, typed by the schema
        return pyarrow.Table.from_arrays(arrays, schema=schema)

    def to_polars(self) -> Any:
        """A polars DataFrame with exact ``Decimal(38, s)`` columns (needs the ``polars`` extra)."""
        polars = require("polars", "polars")
        simple = {
            "string": polars.String,
            "integer": polars.Int64,
            "date": polars.Date,
            "boolean": polars.Boolean,
        }
        series = []
        for column in self.columns:
            kind = (
                polars.Decimal(MAX_DIGITS, self.scale(column.name))
                if column.type == "decimal"
                else simple[column.type]
            )
            series.append(polars.Series(column.name, self.column(column.name), dtype=kind))
        return polars.DataFrame(series)


def decimal_scale(table: str, column: str, values: Iterable[Any]) -> int:
    """The decimal places that hold every value of a decimal column exactly.

    :class:`~sodoan.DataError` if a value is not a ``Decimal`` (a float would not be exact) or
    if the column needs more than :data:`MAX_DIGITS` digits.
    """
    scale = 0
    whole = 1
    for value in values:
        if value is None:
            continue
        if not isinstance(value, Decimal) or not value.is_finite():
            raise DataError(table, f"column {column}: {value!r} is not a finite Decimal")
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)  # finite
        scale = max(scale, -exponent)
        whole = max(whole, value.adjusted() + 1)
    if whole + scale > MAX_DIGITS:
        raise DataError(
            table,
            f"column {column} needs {whole + scale} digits ({whole} whole, {scale} decimal); "
            f"exact columns hold at most {MAX_DIGITS}",
        )
    return scale
