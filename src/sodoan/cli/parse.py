"""``sodoan parse``: targets or results read from a Vietnamese sentence."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from sodoan._labels import label
from sodoan.cli._common import console, format_option, lang_option, text, write_rows
from sodoan.cli._safe import json_text, safe

__all__ = ["parse"]


@click.command()
@click.argument("sentence", metavar="TEXT")
@click.option("--actual", "actuals", is_flag=True, help="Read reported results instead of targets.")
@click.option("--year", type=int, default=None, help="Due year of targets whose text states none.")
@format_option
@lang_option
def parse(sentence: str, actuals: bool, year: int | None, fmt: str, lang: str) -> None:
    """Read targets (or, with --actual, results) from a Vietnamese sentence TEXT."""
    from rich.table import Table

    from sodoan import ParseError
    from sodoan.numbers import format_measure
    from sodoan.parsing import parse_actual, parse_target

    try:
        found: Sequence[Any] = (
            parse_actual(sentence) if actuals else parse_target(sentence, default_year=year)
        )
    except ParseError as error:
        raise click.UsageError(str(error)) from None
    if fmt == "json":
        click.echo(json_text([item.model_dump(mode="json") for item in found]))
        return
    if actuals:
        columns = ["text", "indicator", "qualifier", "value", "period", "change_from", "level"]
    else:
        columns = ["text", "indicator", "comparator", "value", "upper", "due", "level"]
    rows = []
    for item in found:
        row = {}
        for column in columns:
            value = getattr(item, column)
            if column in ("value", "upper") and value is not None:
                row[column] = format_measure(value, lang)
            else:
                row[column] = text(value)
        rows.append(row)
    if fmt == "csv":
        write_rows(rows, columns, "csv")
        return
    table = Table(box=None)
    for column in columns:
        # Ids and figures stay whole; only the quoted text wraps.
        if column == "text":
            table.add_column(column, overflow="fold", ratio=1)
        else:
            table.add_column(column, no_wrap=True)
    for row in rows:
        table.add_row(*(safe(row[c]) for c in columns))
    console().print(table if rows else label("phrase", "no_figure", lang))
