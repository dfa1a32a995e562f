"""``sodoan check``: the data's inconsistencies and conflicts."""

from __future__ import annotations

from typing import Final

import click

from sodoan._labels import label
from sodoan.cli._common import console, format_option, lang_option, text, write_rows
from sodoan.cli._safe import json_text, safe

__all__ = ["check"]

FINDING_COLUMNS: Final = (
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


@click.command()
@format_option
@lang_option
def check(fmt: str, lang: str) -> None:
    """The bundled data's inconsistencies and conflicts (the data is kept as written).

    Exit status 0: a finding is information, not a failure.
    """
    from rich.table import Table

    from sodoan import load
    from sodoan.numbers import format_measure

    findings = load().check()
    if fmt == "json":
        click.echo(
            json_text(
                [{**f.model_dump(mode="json"), "description": f.describe(lang)} for f in findings]
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
                "period": text(f.period),
                "stated": f"{f.stated.value} {f.stated.unit}" if f.stated else "",
                "computed": f"{f.computed.value} {f.computed.unit}" if f.computed else "",
                "difference": f"{f.difference.value} {f.difference.unit}" if f.difference else "",
                "documents": " ".join(f.documents),
                "description": f.describe(lang),
            }
            for f in findings
        ]
        write_rows(rows, FINDING_COLUMNS, "csv")
        return
    out = console()
    table = Table(
        title=label("phrase", "findings_title", lang),
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(label("header", "finding", lang), no_wrap=True)
    table.add_column(label("header", "details", lang), overflow="fold", ratio=1)
    for number, finding in enumerate(findings, 1):
        kind = f"{finding.code}\n{finding.severity}"
        if finding.difference is not None:
            kind += f"\nΔ {format_measure(finding.difference, lang)}"
        table.add_row(str(number), safe(kind), safe(finding.describe(lang)))
    out.print(table)
    out.print(f"{len(findings)} {label('phrase', 'findings', lang)}")
