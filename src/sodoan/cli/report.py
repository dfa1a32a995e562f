"""``sodoan report`` (the default command) and ``sodoan compare``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click

from sodoan._labels import label
from sodoan.cli._common import (
    ROW_COLUMNS,
    as_of_option,
    check_provinces,
    console,
    date,
    format_option,
    lang_option,
    print_rows,
    row_record,
    say,
    write_rows,
)

if TYPE_CHECKING:
    from sodoan.reports import ComparisonRow, MergerNote

__all__ = ["compare", "report"]

_province_option = click.option(
    "--province",
    "provinces",
    multiple=True,
    help="Only these provinces (ids; repeatable), with the provinces merged into them.",
)


def _heading(province: str, notes: dict[str, MergerNote], lang: str, name: str) -> str:
    note = notes.get(province)
    return f"{name} ({note.text(lang).split(': ', 1)[1]})" if note else name


@click.command()
@format_option
@lang_option
@as_of_option
@_province_option
def report(fmt: str, lang: str, as_of: dt.datetime | None, provinces: tuple[str, ...]) -> None:
    """Every target with the latest actual and its status, by province and pillar.

    A province includes the provinces merged into it on 1 July 2025 (--province vinh-long also
    shows Trà Vinh and Bến Tre, each marked as merged); a province merged away says into what.
    """
    from sodoan import load
    from sodoan.reports import merger_note, progress

    data = load()
    chosen = check_provinces(data, provinces) or None
    result = progress(chosen, dataset=data, as_of=date(as_of))
    rows = result.rows
    if fmt != "table":
        write_rows([row_record(r) for r in rows], ROW_COLUMNS, fmt)
        return
    out = console()
    notes = {n.province: n for n in result.notes}
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
            say(out, _heading(province, notes, lang, name), "bold")
        title = data.pillar(pillar).name.localized(lang)
        print_rows(out, group, lang, columns, title, data)
        out.print()
    shown = {province for province, _ in groups}
    for province in chosen or []:
        note = merger_note(data, province)
        if note is not None and province not in shown:
            say(out, note.text(lang))
    summary = ", ".join(f"{n} {label('status', s, lang)}" for s, n in sorted(counts.items()))
    say(out, f"{len(rows)} {label('phrase', 'targets', lang)}: {summary}")


@click.command()
@click.argument("indicator")
@_province_option
@click.option("--year", type=int, default=None, help="Only targets due this year.")
@format_option
@lang_option
@as_of_option
def compare(
    indicator: str,
    provinces: tuple[str, ...],
    year: int | None,
    fmt: str,
    lang: str,
    as_of: dt.datetime | None,
) -> None:
    """One INDICATOR across provinces (and the nation): targets and latest actuals, assessed."""
    from sodoan import UnknownIdError, load
    from sodoan.reports import compare as compare_

    data = load()
    try:
        chosen = check_provinces(data, provinces) or None
        comparison = compare_(indicator, chosen, year=year, dataset=data, as_of=date(as_of))
    except UnknownIdError as error:
        raise click.UsageError(str(error)) from None
    if fmt != "table":
        write_rows([row_record(r) for r in comparison.rows], ROW_COLUMNS, fmt)
        return
    columns = ("province", "target", "actual", "status", "margin", "source")
    title = f"{comparison.indicator.name.localized(lang)} ({comparison.indicator.id})"
    out = console()
    print_rows(out, comparison.rows, lang, columns, title, data)
    for note in comparison.notes:
        say(out, note.text(lang))
