"""The dataset and the reports as tables: typed columns for pandas, polars, Arrow and the exports.

Every table is built here, once, as a typed :class:`~sodoan._tables.Table`; ``to_pandas()``,
``to_polars()``, ``to_arrow()`` (on :class:`~sodoan.Dataset`, :class:`~sodoan.Comparison` and
:class:`~sodoan.ProgressReport`) and :func:`sodoan.export` only convert it. The choices:

* a figure's value is exact: ``decimal128(38, s)`` in Arrow, Parquet and polars; in pandas a
  ``float64`` column under the plain name (plots, quick arithmetic) beside ``<name>_exact``
  (``decimal128(38, s)[pyarrow]``, exact);
* a period (``due``, ``period``, ``change_from``, ...) is four columns: the label as written
  (``"2025"``, ``"2025-Q2"``, ``"2025-06-30"``), its first and last day (dates) and its year
  (``Int64`` in pandas);
* a missing value is missing (``<NA>``, ``NaN``, ``NaT``, ``null``), never ``None`` in an
  ``object`` column;
* every figure row keeps its source: ``source_document``, ``source_clause``, ``source_quote``,
  ``source_url`` (and ``source_file``, ``source_cites``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final, Protocol

from sodoan._resources import read_json
from sodoan._tables import Column, Table
from sodoan.catalogue import Catalogue
from sodoan.checks import Finding
from sodoan.errors import DataError
from sodoan.measure import Measure
from sodoan.model import Actual, Plan, Source, SourceDocument, Target
from sodoan.numbers import output_locale
from sodoan.period import Period

__all__ = [
    "DATA_TABLES",
    "TABLES",
    "Data",
    "RowFrames",
    "columns",
    "data_table",
    "rows_table",
]


class Data(Protocol):
    """What the tables read from a dataset (:class:`sodoan.Dataset` has it)."""

    @property
    def plans(self) -> tuple[Plan, ...]: ...
    @property
    def documents(self) -> tuple[SourceDocument, ...]: ...
    @property
    def catalogue(self) -> Catalogue: ...
    def plan_of(self, item: Target | Actual) -> Plan: ...
    def check(self) -> list[Finding]: ...


# -- columns (data/tables.json) ------------------------------------------------------------

_TYPES: Final = frozenset({"string", "decimal", "integer", "date", "boolean"})


def _column(entry: Mapping[str, Any], optional: bool = False) -> Column:
    if entry.get("type") not in _TYPES:
        raise DataError("tables.json", f"column {entry.get('name')!r}: unknown type")
    refers = entry.get("refers_to")
    return Column(
        str(entry["name"]),
        entry["type"],
        str(entry["description"]),
        tuple(refers.split(".", 1)) if refers else None,
        bool(entry.get("required")) and not optional,
    )


def _expand(entry: Mapping[str, Any], groups: Mapping[str, Any]) -> list[Column]:
    if "group" in entry:
        return [_column(c, bool(entry.get("optional"))) for c in groups[entry["group"]]]
    if entry.get("type") == "period":
        name, what = entry["name"], entry["description"]
        return [
            Column(name, "string", f"{what}, as written: 2025, 2025-Q2, 2025-06 or 2025-06-30"),
            Column(f"{name}_start", "date", f"first day of {what}"),
            Column(f"{name}_end", "date", f"last day of {what}"),
            Column(f"{name}_year", "integer", f"year of {what}"),
        ]
    return [_column(entry)]


@functools.cache
def _specs() -> dict[str, tuple[tuple[Column, ...], tuple[str, ...], str]]:
    """name -> (columns, key, description) of every table, read from data/tables.json."""
    document = read_json("tables.json")
    groups = document["groups"]
    try:
        return {
            name: (
                tuple(c for entry in table["columns"] for c in _expand(entry, groups)),
                tuple(table["key"]),
                str(table["description"]),
            )
            for name, table in document["tables"].items()
        }
    except (KeyError, TypeError, AttributeError) as error:
        raise DataError("tables.json", f"malformed: {error!r}") from None


def columns(table: str) -> tuple[Column, ...]:
    """The columns of ``table`` (one of :data:`TABLES`, or ``rows``)."""
    return _specs()[table][0]


def _period_values(prefix: str, period: Period | None) -> dict[str, Any]:
    if period is None:
        return {}
    return {
        prefix: str(period.to_json()),
        f"{prefix}_start": period.start,
        f"{prefix}_end": period.end,
        f"{prefix}_year": period.year,
    }


def _source_values(source: Source) -> dict[str, Any]:
    return {
        "source_document": source.document,
        "source_clause": source.clause,
        "source_quote": source.quote,
        "source_url": source.url,
        "source_file": source.file,
        "source_cites": source.cites,
    }


def _measure(measure: Measure | None, name: str, unit: str | None = None) -> dict[str, Any]:
    if measure is None:
        return {}
    return {name: measure.value, unit or f"{name}_unit": measure.unit}


def _joined(values: Iterable[str], separator: str = " ") -> str | None:
    text = separator.join(values)
    return text or None


# -- tables of the dataset -----------------------------------------------------------------


def _target_record(target: Target, plan: str) -> dict[str, Any]:
    baseline = target.baseline
    return {
        "id": target.id,
        "plan": plan,
        "indicator": target.indicator,
        "province": target.province,
        "level": target.level,
        "comparator": target.comparator,
        **_measure(target.value, "value", "unit"),
        **_measure(target.upper, "upper"),
        **_period_values("due", target.due),
        **_measure(baseline.value if baseline else None, "baseline_value", "baseline_unit"),
        **_period_values("baseline_period", baseline.period if baseline else None),
        "note": target.note,
        **_source_values(target.source),
    }


def _actual_record(actual: Actual, plan: str) -> dict[str, Any]:
    fraction = actual.fraction
    return {
        "id": actual.id,
        "plan": plan,
        "indicator": actual.indicator,
        "province": actual.province,
        "level": actual.level,
        "area": actual.area,
        **_period_values("period", actual.period),
        "qualifier": actual.qualifier,
        **_period_values("change_from", actual.change_from),
        **_measure(actual.value, "value", "unit"),
        "fraction_numerator": fraction.numerator if fraction else None,
        "fraction_denominator": fraction.denominator if fraction else None,
        "note": actual.note,
        **_source_values(actual.source),
    }


def _plans(data: Data) -> Iterator[dict[str, Any]]:
    for plan in data.plans:
        yield {
            "id": plan.id,
            "kind": plan.kind,
            "number": plan.number,
            "title_vi": plan.title.vi,
            "title_en": plan.title.en,
            "province": plan.province,
            "province_basis": plan.province_basis,
            "issuer": plan.issuer,
            "signer": plan.signer,
            "issued": plan.issued,
            "effective": plan.effective,
            "start_year": plan.period.start if plan.period else None,
            "end_year": plan.period.end if plan.period else None,
            "implements": _joined(plan.implements, "; "),
            "supersedes": _joined(plan.supersedes, "; "),
            "pillars": _joined(plan.pillars),
            "documents": _joined(plan.documents),
            "note": plan.note,
        }


def _documents(data: Data) -> Iterator[dict[str, Any]]:
    for doc in data.documents:
        yield {
            **doc.model_dump(include={"id", "kind", "number", "issuer", "title", "publisher"}),
            **doc.model_dump(include={"author", "url", "file", "province", "province_basis"}),
            **_period_values("published", doc.published),
            "reports_on": _joined(doc.reports_on, "; "),
            "note": doc.note,
        }


def _budgets(data: Data) -> Iterator[dict[str, Any]]:
    for plan in data.plans:
        for budget in plan.budgets:
            yield {
                "id": budget.id,
                "plan": plan.id,
                "province": plan.province,
                **_period_values("period", budget.period),
                "purpose": budget.purpose,
                **_measure(budget.total, "total"),
                **_source_values(budget.source),
            }


def _budget_lines(data: Data) -> Iterator[dict[str, Any]]:
    for plan in data.plans:
        for budget in plan.budgets:
            for number, line in enumerate(budget.lines, 1):
                yield {
                    "budget": budget.id,
                    "line": number,
                    "plan": plan.id,
                    "funding": line.funding,
                    "label": line.label,
                    **_measure(line.amount, "amount"),
                    **_source_values(line.source),
                }


def _responsibilities(data: Data) -> Iterator[dict[str, Any]]:
    for plan in data.plans:
        for number, item in enumerate(plan.responsibilities, 1):
            yield {
                "plan": plan.id,
                "number": number,
                "agency": item.agency,
                "role": item.role,
                "task": item.task,
                "partners": _joined(item.partners),
                **_source_values(item.source),
            }


def _indicators(data: Data) -> Iterator[dict[str, Any]]:
    for item in data.catalogue.indicators:
        yield {
            "id": item.id,
            "name_vi": item.name.vi,
            "name_en": item.name.en,
            "pillar": item.pillar,
            "unit": item.unit,
            "kind": item.kind,
            "direction": item.direction,
            "definition_vi": item.definition.vi,
            "definition_en": item.definition.en,
            "aliases": _joined(item.aliases, "; "),
            "parts": _joined(item.parts),
            "note": item.note,
        }


def _provinces(data: Data) -> Iterator[dict[str, Any]]:
    for item in data.catalogue.provinces:
        yield {
            "id": item.id,
            "name_vi": item.name.vi,
            "name_en": item.name.en,
            "kind": item.kind,
            "valid_from": item.valid_from,
            "valid_to": item.valid_to,
            "successor": item.successor,
            "merged_from": _joined(p for m in item.mergers for p in m.provinces),
            "merged_on": max((m.date for m in item.mergers), default=None),
            "note": item.note,
        }


def _pillars(data: Data) -> Iterator[dict[str, Any]]:
    for item in data.catalogue.pillars:
        yield {
            "id": item.id,
            "name_vi": item.name.vi,
            "name_en": item.name.en,
            "kind": item.kind,
            "description_vi": item.description.vi,
            "description_en": item.description.en,
        }


def _agencies(data: Data) -> Iterator[dict[str, Any]]:
    for item in data.catalogue.agencies:
        yield {
            "id": item.id,
            "name_vi": item.name.vi,
            "name_en": item.name.en,
            **item.model_dump(include={"kind", "province", "parent", "successor", "note"}),
        }


def _findings(data: Data) -> Iterator[dict[str, Any]]:
    locale = output_locale(None)
    for finding in data.check():
        yield {
            "code": finding.code,
            "severity": finding.severity,
            "province": finding.province,
            "indicator": finding.indicator,
            **_period_values("period", finding.period),
            **_measure(finding.stated, "stated"),
            **_measure(finding.computed, "computed"),
            **_measure(finding.difference, "difference"),
            "documents": " ".join(finding.documents),
            "description": finding.describe(locale),
        }


_Rows = Callable[[Data], Iterable[Mapping[str, Any]]]

_ROWS: Final[dict[str, _Rows]] = {
    "budgets": _budgets,
    "budget_lines": _budget_lines,
    "responsibilities": _responsibilities,
    "plans": _plans,
    "documents": _documents,
    "indicators": _indicators,
    "provinces": _provinces,
    "pillars": _pillars,
    "agencies": _agencies,
    "findings": _findings,
}

#: The tables of :meth:`sodoan.Dataset.to_pandas` (and to_polars, to_arrow).
TABLES: Final = ("targets", "actuals", *_ROWS)
#: The tables of the data as stated (an export): every table but the derived findings.
DATA_TABLES: Final = tuple(name for name in TABLES if name != "findings")


def data_table(
    data: Data,
    what: str,
    *,
    targets: Iterable[Target] | None = None,
    actuals: Iterable[Actual] | None = None,
) -> Table:
    """The table ``what`` (one of :data:`TABLES`) of ``data``; ``targets`` and ``actuals``
    (already filtered) default to all of them. ValueError for an unknown table."""
    if what not in TABLES:
        raise ValueError(f"what must be one of {', '.join(TABLES)}; not {what!r:.40}")
    spec, key, description = _specs()[what]
    records: Iterable[Mapping[str, Any]]
    if what == "targets":
        chosen_targets = (
            targets if targets is not None else (t for p in data.plans for t in p.targets)
        )
        records = (_target_record(t, data.plan_of(t).id) for t in chosen_targets)
    elif what == "actuals":
        chosen = actuals if actuals is not None else (a for p in data.plans for a in p.actuals)
        records = (_actual_record(a, data.plan_of(a).id) for a in chosen)
    else:
        records = _ROWS[what](data)
    return Table.of(what, spec, records, description=description, key=key)


# -- report rows ---------------------------------------------------------------------------


def rows_table(records: Iterable[Mapping[str, Any]], name: str = "rows") -> Table:
    """The table of report rows given as ``ComparisonRow.record()`` dicts."""
    return Table.of(name, columns("rows"), records)


class _HasRows(Protocol):
    @property
    def rows(self) -> Sequence[Any]: ...


class RowFrames:
    """``to_pandas``, ``to_polars`` and ``to_arrow`` of a report whose rows have ``record()``
    (:class:`~sodoan.Comparison`, :class:`~sodoan.ProgressReport`)."""

    __slots__ = ()

    def _table(self: _HasRows) -> Table:
        return rows_table(row.record() for row in self.rows)

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame (needs the ``pandas`` extra), one row per row.

        Values are ``float64`` under their name and exact (``decimal128(38, s)[pyarrow]``) in
        ``<name>_exact``; periods are a label, first and last day, and year; see
        :mod:`sodoan.frames`.
        """
        return RowFrames._table(self).to_pandas()  # type: ignore[arg-type]

    def to_polars(self) -> Any:
        """The rows as a polars DataFrame with exact decimals (needs the ``polars`` extra)."""
        return RowFrames._table(self).to_polars()  # type: ignore[arg-type]

    def to_arrow(self) -> Any:
        """The rows as a pyarrow Table with exact decimals (needs the ``arrow`` extra)."""
        return RowFrames._table(self).to_arrow()  # type: ignore[arg-type]
