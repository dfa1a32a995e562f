"""The ``sodoan`` command: report, compare, check, validate, schema and parse.

Built on click (commands, options, help, exit codes) and rich (tables that fit the terminal,
colour only on a terminal, progress bars). Output formats: ``table`` for people, ``csv`` and
``json`` for programs (stable columns and keys).

Exit status: 0 success; 1 invalid records (``validate``) or findings (never for ``check``: a
finding is information, not a failure); 2 usage errors and unreadable files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from rich.console import Console

    from sodoan.assessment import ComparisonRow
    from sodoan.bulk import Kind, ValidationReport

__all__ = ["main"]

FORMATS = ("table", "csv", "json")
LANGS = ("vi", "en")

STATUS_LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "achieved": "đạt",
        "pending": "chưa đạt, còn hạn",
        "missed": "không đạt",
        "indeterminate": "chưa xác định",
        "no-data": "chưa có số liệu",
        "no-target": "không có mục tiêu",
    },
    "en": {
        "achieved": "achieved",
        "pending": "pending",
        "missed": "missed",
        "indeterminate": "indeterminate",
        "no-data": "no data",
        "no-target": "no target",
    },
}
STATUS_STYLES = {
    "achieved": "green",
    "pending": "yellow",
    "missed": "red",
    "indeterminate": "magenta",
    "no-data": "dim",
    "no-target": "dim",
}
HEADERS: dict[str, dict[str, str]] = {
    "vi": {
        "indicator": "Chỉ tiêu và mục tiêu",
        "level": "Cấp",
        "due": "Hạn",
        "target": "Mục tiêu",
        "actual": "Kết quả mới nhất",
        "status": "Đánh giá",
        "margin": "Chênh lệch",
        "source": "Nguồn",
        "province": "Tỉnh",
    },
    "en": {
        "indicator": "Indicator and target",
        "level": "Level",
        "due": "Due",
        "target": "Target",
        "actual": "Latest actual",
        "status": "Status",
        "margin": "Margin",
        "source": "Source",
        "province": "Province",
    },
}

#: Columns of the machine-readable row output (csv and json), in order.
ROW_COLUMNS = (
    "province",
    "pillar",
    "indicator",
    "level",
    "due",
    "comparator",
    "target_value",
    "target_upper",
    "target_unit",
    "actual_period",
    "actual_value",
    "actual_unit",
    "actual_qualifier",
    "status",
    "margin",
    "margin_unit",
    "ratio",
    "plan",
    "source_document",
    "source_clause",
    "source_quote",
)


# -- shared options -----------------------------------------------------------------------------


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    # No markup: text from the documents ("[ge]", "[1]") is printed as written.
    return Console(stderr=stderr, highlight=False, soft_wrap=False, markup=False)


def _format_option(function: Any) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="table for people; csv or json for programs.",
    )(function)


def _lang_option(function: Any) -> Any:
    return click.option(
        "--lang",
        type=click.Choice(LANGS),
        default="vi",
        show_default=True,
        help="Language of labels and numbers (vi: 98,26%; en: 98.26%).",
    )(function)


def _as_of_option(function: Any) -> Any:
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        default=None,
        help="Assess as of this date (YYYY-MM-DD; default: today).",
    )(function)


def _date(value: dt.datetime | None) -> dt.date | None:
    return value.date() if value is not None else None


def _str(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _row_record(row: ComparisonRow) -> dict[str, str]:
    values = row.record()
    return {key: _str(values[key]) for key in ROW_COLUMNS}


def _write_rows(rows: Sequence[dict[str, str]], columns: Sequence[str], fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2))
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    click.echo(buffer.getvalue(), nl=False)


_SYMBOLS = {"gt": ">", "ge": "≥", "eq": "=", "le": "≤", "lt": "<"}


def _short_target(row: ComparisonRow, lang: str) -> str:
    """A target in a few characters: ``≥ 80% · 2025``, ``top 20 · 2025``, ``2–3% · 2025``."""
    from sodoan.numbers import format_measure

    target = row.target
    if target is None:
        return "—"
    if target.comparator == "between" and target.upper is not None:
        low = format_measure(target.value, lang).removesuffix("%")
        text = f"{low}–{format_measure(target.upper, lang)}"
    elif target.value.unit == "rank" and target.comparator == "le":
        text = f"top {target.value.value}"
    else:
        text = f"{_SYMBOLS[target.comparator]} {format_measure(target.value, lang)}"
    if target.level:
        level = {"province": "tỉnh", "district": "huyện", "commune": "xã", "village": "thôn"}
        text += f" ({level[target.level] if lang == 'vi' else target.level})"
    if target.due is not None:
        text += f" · {target.due}"
    return text


def _plan_label(row: ComparisonRow, data: Any) -> str:
    if row.plan is None:
        return ""
    plan = data.plan(row.plan)
    if plan.number:
        return str(plan.number)
    # A plan known without its number: named by what it implements (KH 411/QĐ-TTg).
    return f"KH {plan.implements[0]}" if plan.implements else str(plan.id)


def _rows_table(
    rows: Sequence[ComparisonRow],
    lang: str,
    columns: Sequence[str],
    title: str | None,
    data: Any,
) -> Any:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=title, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False, expand=True
    )
    for column in columns:
        if column == "indicator":
            table.add_column(HEADERS[lang][column], overflow="fold", ratio=1, min_width=24)
        elif column in ("due", "status", "level", "province", "target", "source"):
            table.add_column(HEADERS[lang][column], no_wrap=True)
        else:
            table.add_column(HEADERS[lang][column], overflow="fold")
    for row in rows:
        summary = row.summary(lang)
        cells: list[Any] = []
        for column in columns:
            if column == "status":
                cells.append(Text(STATUS_LABELS[lang][row.status], style=STATUS_STYLES[row.status]))
            elif column == "source":
                cells.append(_plan_label(row, data))
            elif column == "indicator":
                name = Text(data.indicator(row.indicator).name.localized(lang))
                name.append("\n" + _short_target(row, lang), style="bold cyan")
                cells.append(name)
            elif column == "target":
                cells.append(_short_target(row, lang))
            elif column == "province":
                cells.append(data.province(row.province).name.localized(lang))
            else:
                cells.append(summary[column])
        table.add_row(*cells)
    return table


# -- the commands ---------------------------------------------------------------------------------


def _version() -> str:
    from importlib.metadata import version

    return version("sodoan")


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(version=None, package_name="sodoan", prog_name="sodoan")
@_format_option
@_lang_option
@_as_of_option
@click.option(
    "--province", "provinces", multiple=True, help="Only these provinces (ids; repeatable)."
)
@click.pass_context
def main(
    context: click.Context,
    fmt: str,
    lang: str,
    as_of: dt.datetime | None,
    provinces: tuple[str, ...],
) -> None:
    """sodoan: targets and results of Vietnamese provincial digital-transformation plans.

    Without a command, prints the progress report of the bundled data: for each province and
    pillar, every target with its due date, the latest actual, the status and the source.
    """
    if context.invoked_subcommand is None:
        context.invoke(report, fmt=fmt, lang=lang, as_of=as_of, provinces=provinces)
        return
    # Options written before a command (sodoan --lang en check) apply to that command.
    given = {
        name: value
        for name, value in context.params.items()
        if context.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
    }
    command = main.get_command(context, context.invoked_subcommand)
    accepted = {param.name for param in command.params} if command else set()
    for name in given:
        if name not in accepted:
            flag = {"fmt": "--format", "provinces": "--province"}.get(name, "--" + name)
            flag = flag.replace("_", "-")
            raise click.UsageError(
                f"{flag} does not apply to 'sodoan {context.invoked_subcommand}'", context
            )
    if given:
        context.default_map = {context.invoked_subcommand: given}


@main.command()
@_format_option
@_lang_option
@_as_of_option
@click.option(
    "--province", "provinces", multiple=True, help="Only these provinces (ids; repeatable)."
)
def report(fmt: str, lang: str, as_of: dt.datetime | None, provinces: tuple[str, ...]) -> None:
    """Every target with the latest actual and its status, by province and pillar."""
    from sodoan import load

    data = load()
    chosen: list[str | None] = [*_check_provinces(data, provinces)] or [None]
    rows = []
    for province in chosen:
        rows += data.progress(province, as_of=_date(as_of)).rows
    if fmt != "table":
        _write_rows([_row_record(r) for r in rows], ROW_COLUMNS, fmt)
        return
    from rich.text import Text

    console = _console()
    columns = ("indicator", "actual", "status", "source")
    counts: dict[str, int] = {}
    groups: dict[tuple[str, str], list[ComparisonRow]] = {}
    for row in rows:
        groups.setdefault((row.province, row.pillar), []).append(row)
        counts[row.status] = counts.get(row.status, 0) + 1
    current = None
    for (province, pillar), group in groups.items():
        if province != current:
            current = province
            name = data.province(province).name.localized(lang)
            merged = data.province(province).successor
            note = ""
            if merged:
                successor = data.province(merged).name.localized(lang)
                note = (
                    f" (nhập vào {successor} từ 01/7/2025)"
                    if lang == "vi"
                    else f" (merged into {successor} on 2025-07-01)"
                )
            console.print(Text(name, style="bold") + Text(note))
        title = data.pillar(pillar).name.localized(lang)
        console.print(_rows_table(group, lang, columns, title, data))
    summary = ", ".join(f"{n} {STATUS_LABELS[lang][s]}" for s, n in sorted(counts.items()))
    console.print(f"{len(rows)} {'mục tiêu' if lang == 'vi' else 'targets'}: {summary}")


def _check_provinces(data: Any, provinces: Iterable[str]) -> list[str]:
    from sodoan import UnknownIdError

    chosen = list(provinces)
    unknown = [p for p in chosen if p not in {known.id for known in data.provinces}]
    if unknown:
        try:
            data.province(unknown[0])
        except UnknownIdError as error:
            raise click.UsageError(str(error)) from None
    return chosen


@main.command()
@click.argument("indicator")
@click.option(
    "--province", "provinces", multiple=True, help="Only these provinces (ids; repeatable)."
)
@click.option("--year", type=int, default=None, help="Only targets due this year.")
@_format_option
@_lang_option
@_as_of_option
def compare(
    indicator: str,
    provinces: tuple[str, ...],
    year: int | None,
    fmt: str,
    lang: str,
    as_of: dt.datetime | None,
) -> None:
    """One INDICATOR across provinces: targets and latest actuals, assessed."""
    from sodoan import UnknownIdError, load
    from sodoan.assessment import compare as compare_

    data = load()
    try:
        chosen = _check_provinces(data, provinces) or None
        comparison = compare_(indicator, chosen, year=year, dataset=data, as_of=_date(as_of))
    except UnknownIdError as error:
        raise click.UsageError(str(error)) from None
    if fmt != "table":
        _write_rows([_row_record(r) for r in comparison.rows], ROW_COLUMNS, fmt)
        return
    columns = ("province", "target", "actual", "status", "margin", "source")
    title = f"{comparison.indicator.name.localized(lang)} ({indicator})"
    console = _console()
    console.print(_rows_table(comparison.rows, lang, columns, title, data))
    merged = sorted({r.province for r in comparison.rows if r.merged_into})
    for province in merged:
        info = data.province(province)
        successor = data.province(info.successor or "").name.localized(lang)
        console.print(
            f"{info.name.localized(lang)}: "
            + (
                f"nhập vào {successor} từ 01/7/2025"
                if lang == "vi"
                else f"merged into {successor} on 2025-07-01"
            )
        )


FINDING_COLUMNS = (
    "code",
    "severity",
    "province",
    "indicator",
    "period",
    "stated",
    "computed",
    "difference",
    "documents",
    "description",
)


@main.command()
@_format_option
@_lang_option
def check(fmt: str, lang: str) -> None:
    """The bundled data's inconsistencies and conflicts (the data is kept as written)."""
    from rich.table import Table

    from sodoan import load
    from sodoan.numbers import format_measure

    findings = load().check()
    if fmt == "json":
        click.echo(
            json.dumps(
                [{**f.model_dump(mode="json"), "description": f.describe(lang)} for f in findings],
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    if fmt == "csv":
        rows = [
            {
                "code": f.code,
                "severity": f.severity,
                "province": f.province,
                "indicator": f.indicator or "",
                "period": _str(f.period),
                "stated": f"{f.stated.value} {f.stated.unit}" if f.stated else "",
                "computed": f"{f.computed.value} {f.computed.unit}" if f.computed else "",
                "difference": f"{f.difference.value} {f.difference.unit}" if f.difference else "",
                "documents": " ".join(f.documents),
                "description": f.describe(lang),
            }
            for f in findings
        ]
        _write_rows(rows, FINDING_COLUMNS, "csv")
        return
    console = _console()
    heading = "Mâu thuẫn và không nhất quán" if lang == "vi" else "Conflicts and inconsistencies"
    table = Table(title=heading, title_justify="left", show_lines=True, expand=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Loại" if lang == "vi" else "Finding", no_wrap=True)
    table.add_column("Chi tiết" if lang == "vi" else "Details", overflow="fold", ratio=1)
    for number, finding in enumerate(findings, 1):
        kind = f"{finding.code}\n{finding.severity}"
        if finding.difference is not None:
            kind += f"\nΔ {format_measure(finding.difference, lang)}"
        table.add_row(str(number), kind, finding.describe(lang))
    console.print(table)
    console.print(f"{len(findings)} {'phát hiện' if lang == 'vi' else 'findings'}")


# -- validate -------------------------------------------------------------------------------------

KINDS = ("plan", "target", "actual", "indicator", "measure")
_PROGRESS_BYTES = 20 * 1024 * 1024  # show a progress bar for files at least this large


def _guess_kind(document: Any) -> Kind | None:
    if not isinstance(document, dict):
        return None
    keys = set(document)
    if "targets" in keys or "province_basis" in keys:
        return "plan"
    if "comparator" in keys:
        return "target"
    if "qualifier" in keys or "period" in keys:
        return "actual"
    if "direction" in keys or "definition" in keys:
        return "indicator"
    if keys <= {"value", "unit"}:
        return "measure"
    return None


def _first_line(path: Path) -> bytes:
    with path.open("rb") as stream:
        for raw in stream:
            if raw.strip():
                return raw[: 1024 * 1024]
    return b""


def _is_jsonl(path: Path) -> bool:
    """JSON Lines by extension (.jsonl, .ndjson), else by content: a first line that is a
    whole JSON object and more lines after it."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return True
    if suffix == ".json":
        return False
    import jiter

    try:
        jiter.from_json(_first_line(path).strip())
    except ValueError:
        return False
    with path.open("rb") as stream:
        return sum(1 for raw in stream if raw.strip()) > 1


def _validate_file(path: Path, kind: Kind | None, console: Console) -> ValidationReport:
    from sodoan.bulk import validate_document, validate_jsonl

    jsonl = _is_jsonl(path)
    if kind is None:
        import jiter

        try:
            sample = jiter.from_json(_first_line(path).strip() if jsonl else path.read_bytes())
        except ValueError:
            sample = None
        kind = _guess_kind(sample) or "actual"
    if not jsonl:
        # One JSON document (possibly over many lines): validated as a single record.
        return validate_document(path.read_bytes(), kind=kind, source=str(path))
    size = path.stat().st_size
    if console.is_terminal and size >= _PROGRESS_BYTES:
        from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task(path.name, total=size)
            return validate_jsonl(
                path, kind=kind, progress=lambda read: bar.update(task, completed=read)
            )
    return validate_jsonl(path, kind=kind)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default=None,
    help="Document kind (default: guessed from the first document).",
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Errors shown per file.",
)
@_format_option
def validate(files: tuple[Path, ...], kind: str | None, max_errors: int, fmt: str) -> None:
    """Validate JSON documents or JSON Lines (.jsonl, .ndjson: one document per line).

    Prints one line per error, FILE:LINE: FIELD.PATH: MESSAGE, and a summary. Exit status 0 when
    every record is valid, 1 when any is invalid, 2 when a file cannot be read.
    """
    from sodoan import SodoanError

    progress_console = _console(stderr=True)
    unreadable = [path for path in files if not path.is_file() or not os.access(path, os.R_OK)]
    for path in unreadable:
        click.echo(f"sodoan validate: cannot read {path}: no such file or not readable", err=True)
    if unreadable:
        raise SystemExit(2)
    reports: list[ValidationReport] = []
    for path in files:
        try:
            result = _validate_file(path, kind, progress_console)  # type: ignore[arg-type]
        except (SodoanError, OSError) as error:
            click.echo(f"sodoan validate: {path}: {error}", err=True)
            raise SystemExit(2) from None
        reports.append(result)
    records = [
        {
            "file": r.source,
            "line": str(e.line),
            "path": e.path,
            "type": e.type,
            "message": e.message,
        }
        for r in reports
        for e in r.errors[:max_errors]
    ]
    if fmt == "json":
        summary = [
            {
                "file": r.source,
                "kind": r.kind,
                "records": r.records,
                "valid": r.valid,
                "invalid": r.invalid,
                "errors": r.error_count,
            }
            for r in reports
        ]
        click.echo(json.dumps({"errors": records, "files": summary}, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        _write_rows(records, ("file", "line", "path", "type", "message"), "csv")
    else:
        for record in records:
            click.echo(f"{record['file']}:{record['line']}: {record['path']}: {record['message']}")
        total = sum(r.records for r in reports)
        invalid = sum(r.invalid for r in reports)
        errors = sum(r.error_count for r in reports)
        click.echo(
            f"{len(reports)} file(s), {total} records: {total - invalid} valid, {invalid} invalid "
            f"({errors} errors)"
        )
    if any(not r.ok for r in reports):
        raise SystemExit(1)


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Directory to write into.",
)
def schema(out: Path) -> None:
    """Write the JSON Schemas (Draft 2020-12) into a directory."""
    from sodoan.schemas import write

    for path in write(out):
        click.echo(str(path))


@main.command()
@click.argument("text")
@click.option("--actual", "actuals", is_flag=True, help="Read reported results instead of targets.")
@click.option("--year", type=int, default=None, help="Due year of targets whose text states none.")
@_format_option
@_lang_option
def parse(text: str, actuals: bool, year: int | None, fmt: str, lang: str) -> None:
    """Read targets (or, with --actual, results) from a Vietnamese sentence."""
    from rich.table import Table

    from sodoan import ParseError
    from sodoan.numbers import format_measure
    from sodoan.parsing import parse_actual, parse_target

    try:
        found: Sequence[Any] = (
            parse_actual(text) if actuals else parse_target(text, default_year=year)
        )
    except ParseError as error:
        raise click.UsageError(str(error)) from None
    if fmt == "json":
        click.echo(
            json.dumps(
                [item.model_dump(mode="json") for item in found], ensure_ascii=False, indent=2
            )
        )
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
                row[column] = _str(value)
        rows.append(row)
    if fmt == "csv":
        _write_rows(rows, columns, "csv")
        return
    table = Table(box=None)
    for column in columns:
        # Ids and figures stay whole; only the quoted text wraps.
        if column == "text":
            table.add_column(column, overflow="fold", ratio=1)
        else:
            table.add_column(column, no_wrap=True)
    for row in rows:
        table.add_row(*(row[c] for c in columns))
    console = _console()
    console.print(
        table if rows else ("Không đọc được mục tiêu nào." if lang == "vi" else "No figure found.")
    )


if __name__ == "__main__":  # pragma: no cover
    main()
