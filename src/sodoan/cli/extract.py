"""``sodoan extract``: a plan or report's text to a Plan document, and what to review."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sodoan._labels import label
from sodoan.cli._common import CommandError, console, lang_option

if TYPE_CHECKING:
    from rich.console import Console

    from sodoan.parsing import Extraction, ReviewItem

__all__ = ["extract"]


def _read(file: str) -> str:
    try:
        if file == "-":
            return sys.stdin.read()
        return Path(file).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CommandError(f"cannot read {file}: not UTF-8 text", type="io") from None
    except OSError as error:
        raise CommandError(f"cannot read {file}: {error.strerror or error}", type="io") from None


def _review_json(review: Sequence[ReviewItem]) -> str:
    return json.dumps(
        [item.model_dump(mode="json", exclude_none=True) for item in review],
        ensure_ascii=False,
        indent=2,
    )


def _figures_table(out: Console, result: Extraction, lang: str) -> None:
    from rich.table import Table

    from sodoan.numbers import format_measure

    plan = result.plan
    table = Table(
        box=None, title=f"{plan.number or plan.id} ({plan.province})", title_justify="left"
    )
    for key in ("kind", "indicator", "value", "year", "clause"):
        table.add_column(label("header", key, lang), no_wrap=key != "clause", overflow="fold")
    for target in plan.targets:
        symbol = label("comparator_symbol", target.comparator, lang)
        value = f"{symbol} {format_measure(target.value, lang)}"
        if target.upper is not None:
            value += f" – {format_measure(target.upper, lang)}"
        table.add_row(
            label("header", "target", lang),
            target.indicator,
            value,
            str(target.due or ""),
            target.source.clause,
        )
    for actual in plan.actuals:
        qualifier = label("qualifier", actual.qualifier, lang)
        table.add_row(
            label("header", "actual", lang),
            actual.indicator,
            f"{qualifier} {format_measure(actual.value, lang)}".strip(),
            str(actual.period),
            actual.source.clause,
        )
    for budget in plan.budgets:
        total = format_measure(budget.total, lang) if budget.total else ""
        table.add_row(
            label("phrase", "budget", lang),
            budget.purpose,
            total,
            str(budget.period),
            budget.source.clause,
        )
    out.print(table)
    out.print(
        label(
            "phrase",
            "extracted",
            lang,
            targets=len(plan.targets),
            actuals=len(plan.actuals),
            budgets=len(plan.budgets),
        )
    )


def _review_table(review: Sequence[ReviewItem], lang: str) -> None:
    from rich.table import Table

    from sodoan.numbers import format_measure

    out = console(stderr=True)
    table = Table(
        title=label("phrase", "review_title", lang, n=len(review)),
        title_justify="left",
        show_lines=True,
    )
    table.add_column(label("header", "reason", lang), overflow="fold", max_width=24)
    table.add_column(label("header", "value", lang), no_wrap=True)
    table.add_column(label("header", "clause", lang), overflow="fold", max_width=24)
    table.add_column(label("header", "quote", lang), overflow="fold", ratio=1)
    for item in review:
        value = format_measure(item.value, lang) if item.value is not None else item.text
        reason = label("review_reason", item.reason, lang)
        if item.detail:
            reason += f"\n{item.detail[:200]}"
        table.add_row(reason, value, item.clause, item.quote)
    out.print(table)


@click.command()
@click.argument("file", metavar="FILE")
@click.option("--province", default=None, help="Province id (default: the one the text names).")
@click.option("--document", default=None, help="Id of the document in the figures' sources.")
@click.option(
    "--as-of",
    "as_of",
    type=click.IntRange(1945, 2100),
    default=None,
    help="Year the document speaks from, for results it states as current and without a year.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("json", "table")),
    default="json",
    show_default=True,
    help="json: the Plan document (for sodoan validate --kind plan); table: for people.",
)
@click.option(
    "--review",
    "review_file",
    default=None,
    metavar="FILE",
    help="Write the figures left out (with reasons) to FILE as JSON, instead of a table on stderr.",
)
@lang_option
def extract(
    file: str,
    province: str | None,
    document: str | None,
    as_of: int | None,
    fmt: str,
    review_file: str | None,
    lang: str,
) -> None:
    """Read a plan or report FILE (UTF-8 text; - for standard input) into a Plan document.

    Every target, result and budget it can place is in the plan, with its clause, quote and
    offsets; the figures it cannot place are listed for review with the reason.
    """
    from sodoan import ParseError
    from sodoan.errors import UnknownIdError
    from sodoan.parsing import extract as run

    text = _read(file)
    name = Path(file).name if file != "-" else None
    try:
        result = run(
            text,
            province=province,
            document=document,
            as_of=as_of,
            file=name if name and _file_name(name) else None,
        )
    except (ParseError, UnknownIdError) as error:
        raise CommandError(str(error)) from None
    if fmt == "json":
        click.echo(result.plan.model_dump_json(exclude_none=True))  # one line: JSON Lines
    else:
        _figures_table(console(), result, lang)
    if review_file is not None:
        try:
            Path(review_file).write_text(_review_json(result.review) + "\n", encoding="utf-8")
        except OSError as error:
            raise CommandError(
                f"cannot write {review_file}: {error.strerror or error}", type="io"
            ) from None
    elif result.review:
        _review_table(result.review, lang)


def _file_name(name: str) -> bool:
    import re

    return re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*", name) is not None and len(name) <= 120
