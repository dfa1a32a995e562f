"""What the commands share: options, output formats, the console, tables of rows, errors.

Exit status (every command): 0 success; 1 invalid data (``validate`` found an invalid record);
2 usage errors and files that cannot be read or written; 130 interrupted (Ctrl-C). Every failure
is one line on standard error; with ``--format json`` a JSON object
``{"error": {"status": 2, "type": "usage", "message": "..."}}`` is also printed on standard
output. A closed pipe (``sodoan report | head``) ends the command quietly with status 0.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import click

from sodoan._labels import label
from sodoan.cli._safe import csv_cell, json_text, safe

if TYPE_CHECKING:
    from rich.console import Console

    from sodoan.dataset import Dataset
    from sodoan.reports import ComparisonRow

__all__ = [
    "FORMATS",
    "LANGS",
    "ROW_COLUMNS",
    "CommandError",
    "as_of_option",
    "console",
    "csv_cell",
    "date",
    "format_option",
    "json_text",
    "lang_option",
    "print_rows",
    "row_record",
    "say",
    "text",
    "write_rows",
]

FORMATS: Final = ("table", "csv", "json")
LANGS: Final = ("vi", "en")

STATUS_STYLES: Final = {
    "achieved": "green",
    "pending": "yellow",
    "missed": "red",
    "indeterminate": "magenta",
    "no-data": "dim",
    "no-target": "dim",
}

#: Columns of the machine-readable row output (csv and json), in order.
ROW_COLUMNS: Final = (
    "province",
    "pillar",
    "indicator",
    "level",
    "area",
    "due",
    "comparator",
    "target_value",
    "target_upper",
    "target_unit",
    "target_upper_unit",
    "actual_period",
    "actual_value",
    "actual_unit",
    "actual_qualifier",
    "status",
    "timing",
    "margin",
    "margin_low",
    "margin_high",
    "margin_unit",
    "ratio",
    "plan",
    "source_document",
    "source_clause",
    "source_quote",
)


class CommandError(click.ClickException):
    """A failure reported as one line on stderr with a documented exit status."""

    def __init__(self, message: str, status: int = 2, type: str = "usage") -> None:
        super().__init__(message)
        self.status = status
        self.type = type


def console(stderr: bool = False) -> Console:
    """A rich console; no markup, so text from documents ("[ge]", "[1]") prints as written.

    A closed pipe ends the command with status 0 (rich's own choice would be 1).
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    # soft_wrap: rich never breaks or pads lines; the tables wrap their own text (_table).
    return _Console(stderr=stderr, highlight=False, soft_wrap=True, markup=False)


def format_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for people; csv or json for programs.",
    )(function)


def lang_option(function: Callable[..., Any]) -> Callable[..., Any]:
    from sodoan.numbers import default_locale

    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default=default_locale(),
        show_default=True,
        help="Language of labels and numbers (vi: 98,26%; en: 98.26%; default: SODOAN_LANG).",
    )(function)


def as_of_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Assess as of this date (YYYY-MM-DD, 1945-2100; default: today).",
    )(function)


def date(value: dt.datetime | None) -> dt.date | None:
    """The date of an ``--as-of`` value, within the years sodoan handles."""
    if value is None:
        return None
    if not 1945 <= value.year <= 2100:
        raise click.BadParameter(
            f"{value.date()} is outside the years 1945-2100", param_hint="--as-of"
        )
    return value.date()


def text(value: Any) -> str:
    """A value as text for csv/json output (exact decimals, no exponent)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def row_record(row: ComparisonRow) -> dict[str, str]:
    values = row.record()
    return {key: text(values[key]) for key in ROW_COLUMNS}


def write_rows(rows: Sequence[dict[str, str]], columns: Sequence[str], fmt: str) -> None:
    """Rows as JSON (a list of objects) or CSV (a header and a row each), safe to show."""
    if fmt == "json":
        click.echo(json_text(list(rows)))
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: csv_cell(value) for key, value in row.items()} for row in rows)
    click.echo(buffer.getvalue(), nl=False)


def short_target(row: ComparisonRow, lang: str) -> str:
    """A target in a few characters: ``≥ 80% · 2025``, ``top 20 · 2025``, ``2–3% · 2025``."""
    from sodoan.numbers import format_measure

    target = row.target
    if target is None:
        return "—"
    if target.comparator == "between" and target.upper is not None:
        low = format_measure(target.value, lang).removesuffix("%")
        shown = f"{low}–{format_measure(target.upper, lang)}"
    elif target.value.unit == "rank" and target.comparator == "le":
        shown = label("rank_condition", "top", lang, n=target.value.value)
    else:
        symbol = label("comparator_symbol", target.comparator, lang)
        shown = f"{symbol} {format_measure(target.value, lang)}"
    if target.level:
        shown += f" ({label('admin_level', target.level, lang)})"
    if target.due is not None:
        shown += f" · {target.due}"
    return shown


def plan_label(row: ComparisonRow, data: Dataset) -> str:
    """A short name for where the row's figure is stated: the plan's number (``60/KH-UBND``),
    what a plan known without its number implements (``KH 411/QĐ-TTg``), or the web site of
    the page a report was read from (``baodongkhoi.vn``)."""
    if row.plan is None:
        return ""
    plan = data.plan(row.plan)
    if plan.number:
        return str(plan.number)
    if plan.implements:
        return f"KH {plan.implements[0]}"
    stated = row.target or row.actual
    url = data.document(stated.source.document).url if stated is not None else None
    if url:
        from urllib.parse import urlsplit

        return (urlsplit(url).hostname or plan.id).removeprefix("www.")
    return str(plan.id)


def print_rows(
    out: Console,
    rows: Sequence[ComparisonRow],
    lang: str,
    columns: Sequence[str],
    title: str | None,
    data: Dataset,
) -> None:
    """Rows as a terminal table (stacked when the terminal is too narrow; see _table)."""
    from sodoan.cli._table import Column, render

    cells: list[dict[str, str]] = []
    styles: list[dict[str, str]] = []
    for row in rows:
        summary = row.summary(lang)
        cell = {
            "status": summary["status"],
            "source": plan_label(row, data),
            "indicator": data.indicator(row.indicator).name.localized(lang)
            + "\n"
            + short_target(row, lang),
            "target": short_target(row, lang),
            "province": data.province(row.province).name.localized(lang)
            + (f"\n{summary['level']}" if row.area or (row.target is None and row.level) else ""),
        }
        cells.append({c: cell.get(c, summary.get(c, "")) for c in columns})
        styles.append({"status": STATUS_STYLES[row.status]})
    table = [Column(c, label("header", c, lang), wrap=c == "indicator") for c in columns]
    for line in render(table, cells, out.width, styles, title):
        out.print(line, soft_wrap=True)


def say(out: Console, text: str, style: str | None = None) -> None:
    """A paragraph, wrapped at the console's width (lines never longer, never padded)."""
    import textwrap

    from rich.text import Text

    for line in textwrap.wrap(safe(text), max(out.width, 20), break_on_hyphens=False) or [""]:
        out.print(Text(line, style=style or ""), soft_wrap=True)


def check_provinces(data: Dataset, provinces: Sequence[str]) -> list[str]:
    """The ids given, each checked (a usage error names the closest ids)."""
    from sodoan.errors import UnknownIdError

    try:
        return [data.province(province).id for province in provinces]
    except UnknownIdError as error:
        raise click.UsageError(str(error)) from None
