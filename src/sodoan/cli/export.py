"""``sodoan export DIR``: the bundled data as a data package, Parquet, CSV or JSON Lines."""

from __future__ import annotations

from pathlib import Path

import click

from sodoan._labels import label
from sodoan.cli._common import console, lang_option, say

__all__ = ["export"]


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("datapackage", "parquet", "csv", "jsonl")),
    default="datapackage",
    show_default=True,
    help="datapackage: CSV files and datapackage.json (Frictionless); parquet: exact DECIMAL "
    "columns (needs the arrow extra); csv; jsonl.",
)
@lang_option
def export(directory: Path, fmt: str, lang: str) -> None:
    """Write every table of the bundled data (targets, actuals, budgets, budget lines,
    responsibilities, plans, documents and the codelists) to DIRECTORY, one file per table.

    Files of the same names are replaced; other files are left alone. Values are exact:
    decimals as written in CSV and JSON Lines, DECIMAL(38, s) in Parquet.
    """
    from sodoan.exports import export as export_

    written = export_(directory, format=fmt)  # type: ignore[arg-type]
    say(console(), label("phrase", "exported", lang, n=len(written), directory=directory))
