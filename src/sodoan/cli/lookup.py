"""``sodoan indicators [QUERY]`` and ``sodoan provinces [QUERY]``: find the ids to compare."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import click

from sodoan._labels import label
from sodoan.cli._common import console, format_option, lang_option, say, write_rows

if TYPE_CHECKING:
    from sodoan.dataset import Dataset

__all__ = ["indicators", "provinces"]

INDICATOR_COLUMNS: Final = (
    "id",
    "name_vi",
    "name_en",
    "pillar",
    "unit",
    "kind",
    "direction",
    "targets",
    "actuals",
)
PROVINCE_COLUMNS: Final = ("id", "name_vi", "name_en", "kind", "successor", "targets", "actuals")


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def _print(
    records: list[dict[str, Any]], columns: tuple[str, ...], lang: str, kind: str, query: str
) -> None:
    from sodoan.cli._table import Column, render

    out = console()
    if not records:
        say(out, label("phrase", "none_found", lang, query=query))
        return
    name = f"name_{lang}"
    cells = [{c: _cell(r[name if c == "name" else c]) for c in columns} for r in records]
    table = [
        Column(c, label("header", "merged_into" if c == "successor" else c, lang), wrap=c == "name")
        for c in columns
    ]
    for line in render(table, cells, out.width):
        out.print(line, soft_wrap=True)
    say(out, label("phrase", f"{kind}_found", lang, n=len(records)))


def _write(records: list[dict[str, Any]], columns: tuple[str, ...], fmt: str) -> None:
    if fmt == "json":
        write_rows(records, columns, fmt)
    else:
        write_rows(
            [{k: "" if v is None else str(v) for k, v in r.items()} for r in records], columns, fmt
        )


def _data() -> Dataset:
    from sodoan import load

    return load()


@click.command()
@click.argument("query", required=False, default="")
@format_option
@lang_option
def indicators(query: str, fmt: str, lang: str) -> None:
    """Indicators whose id or name (vi or en, with or without diacritics) matches QUERY, best
    first, with unit and how many targets and actuals the data states (all without QUERY)."""
    data = _data()
    counts = data.counts("indicator")
    records = [
        {
            "id": i.id,
            "name_vi": i.name.vi,
            "name_en": i.name.en,
            "pillar": i.pillar,
            "unit": i.unit,
            "kind": i.kind,
            "direction": i.direction,
            "targets": counts.get(i.id, (0, 0))[0],
            "actuals": counts.get(i.id, (0, 0))[1],
        }
        for i in data.find_indicators(query)
    ]
    if fmt != "table":
        _write(records, INDICATOR_COLUMNS, fmt)
        return
    _print(records, ("id", "name", "unit", "targets", "actuals"), lang, "indicators", query)


@click.command()
@click.argument("query", required=False, default="")
@format_option
@lang_option
def provinces(query: str, fmt: str, lang: str) -> None:
    """Provinces (and the nation) whose id or name matches QUERY ("tuyen quang", "Trà Vinh"),
    best first, with what each was merged into and how many targets and actuals it has."""
    data = _data()
    counts = data.counts("province")
    records = [
        {
            "id": p.id,
            "name_vi": p.name.vi,
            "name_en": p.name.en,
            "kind": p.kind,
            "successor": p.successor,
            "targets": counts.get(p.id, (0, 0))[0],
            "actuals": counts.get(p.id, (0, 0))[1],
        }
        for p in data.find_provinces(query)
    ]
    if fmt != "table":
        _write(records, PROVINCE_COLUMNS, fmt)
        return
    _print(records, ("id", "name", "successor", "targets", "actuals"), lang, "provinces", query)
