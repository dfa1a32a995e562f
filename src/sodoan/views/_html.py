"""HTML views for notebooks (``_repr_html_``): compact tables, every string escaped.

No external assets: plain HTML tables with a few inline styles, so the views render the same in
Jupyter, VS Code and exported notebooks, and nothing is fetched.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from typing import Any

from sodoan._labels import label
from sodoan.assessment import Assessment, figure_text, threshold_text
from sodoan.checks import Finding
from sodoan.model import Actual, Plan, Source, Target
from sodoan.numbers import format_measure, output_locale
from sodoan.reports import Comparison, ComparisonRow, ProgressReport

__all__ = [
    "actual_html",
    "assessment_html",
    "comparison_html",
    "finding_html",
    "plan_html",
    "progress_html",
    "table",
    "target_html",
]

_STATUS_COLOURS = {
    "achieved": "#1a7f37",
    "pending": "#9a6700",
    "missed": "#cf222e",
    "indeterminate": "#8250df",
    "no-data": "#6e7781",
    "no-target": "#6e7781",
}


def escape(value: Any) -> str:
    """Any value as escaped text (None is empty)."""
    return "" if value is None else html.escape(str(value), quote=True)


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: str | None = None) -> str:
    """An HTML table of escaped cells (a cell already made with :func:`Raw` is kept as is)."""
    parts = ['<table class="sodoan" style="border-collapse:collapse;font-size:0.9em">']
    if caption:
        parts.append(
            f'<caption style="text-align:left;font-weight:bold">{escape(caption)}</caption>'
        )
    parts.append("<thead><tr>")
    parts += [f'<th style="text-align:left;padding:2px 8px">{escape(h)}</th>' for h in headers]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        cells = "".join(
            f'<td style="text-align:left;padding:2px 8px;vertical-align:top">{_cell(c)}</td>'
            for c in row
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


class Raw(str):
    """Markup built here from escaped parts, placed in a cell without escaping again."""


def _cell(value: Any) -> str:
    return str(value) if isinstance(value, Raw) else escape(value)


def status(value: str, text: str | None = None) -> Raw:
    """A status in its colour (``text``: its label, the status id by default)."""
    colour = _STATUS_COLOURS.get(value, "inherit")
    shown = escape(text if text is not None else value)
    return Raw(f'<span style="color:{colour};font-weight:bold">{shown}</span>')


def source(src: Source) -> Raw:
    """Document and clause, with the quote below in italics."""
    return Raw(f"{escape(src.document)}, {escape(src.clause)}<br><i>“{escape(src.quote)}”</i>")


def _measure(measure: Any) -> str:
    return format_measure(measure) if measure is not None else ""


def _condition(target: Target) -> str:
    return threshold_text(target)


def target_html(target: Target) -> str:
    """One target as a table."""
    rows = [
        ("id", target.id),
        ("indicator", target.indicator),
        ("province", target.province),
        ("level", target.level),
        ("target", _condition(target)),
        ("due", target.due),
        ("source", source(target.source)),
        ("note", target.note),
    ]
    return table(("Target", ""), [r for r in rows if r[1] is not None])


def actual_html(actual: Actual) -> str:
    """One actual as a table."""
    rows = [
        ("id", actual.id),
        ("indicator", actual.indicator),
        ("province", actual.province),
        ("level", actual.level),
        ("area", actual.area),
        ("period", actual.period),
        ("value", f"{_measure(actual.value)} ({actual.qualifier})"),
        ("change since", actual.change_from),
        (
            "fraction",
            f"{actual.fraction.numerator}/{actual.fraction.denominator}"
            if actual.fraction
            else None,
        ),
        ("source", source(actual.source)),
        ("note", actual.note),
    ]
    return table(("Actual", ""), [r for r in rows if r[1] is not None])


def plan_html(plan: Plan) -> str:
    """A plan: its header and its targets and actuals."""
    head = table(
        ("Plan", ""),
        [
            (name, value)
            for name, value in (
                ("number", plan.number),
                ("title", plan.title.vi),
                ("province", plan.province),
                ("issued", plan.issued),
                ("issuer", plan.issuer),
                ("signer", plan.signer),
                ("figures", f"{len(plan.targets)} targets, {len(plan.actuals)} actuals"),
            )
            if value is not None
        ],
    )
    targets = table(
        ("indicator", "level", "target", "due", "source"),
        ((t.indicator, t.level, _condition(t), t.due, source(t.source)) for t in plan.targets),
        caption="Targets",
    )
    actuals = table(
        ("indicator", "level", "period", "value", "source"),
        (
            (
                a.indicator,
                a.level,
                a.period,
                f"{_measure(a.value)} ({a.qualifier})",
                source(a.source),
            )
            for a in plan.actuals
        ),
        caption="Actuals",
    )
    return head + (targets if plan.targets else "") + (actuals if plan.actuals else "")


def assessment_html(assessment: Assessment) -> str:
    """An assessment: status, margin, ratio and explanation."""
    return table(
        ("Assessment", ""),
        [
            ("status", status(assessment.status)),
            ("actual", f"{figure_text(assessment.actual)} ({assessment.actual.period})"),
            ("target", _condition(assessment.target)),
            ("margin", assessment.margin_text()),
            ("ratio", assessment.ratio),
            ("explanation", assessment.explanation()),
        ],
    )


def _rows(rows: Sequence[ComparisonRow], with_indicator: bool) -> list[list[Any]]:
    result = []
    for row in rows:
        summary = row.summary()
        stated = row.target or row.actual
        cells: list[Any] = [row.province_name]
        if with_indicator:
            cells.append(row.indicator)
        cells += [
            summary["level"],
            summary["due"],
            summary["target"],
            summary["actual"],
            status(row.status, summary["status"]),
            summary["margin"],
            source(stated.source) if stated is not None else "",
        ]
        result.append(cells)
    return result


def comparison_html(comparison: Comparison) -> str:
    """A comparison as one table."""
    headers = _headers("province", "level", "due", "target", "actual", "status", "margin", "source")
    caption = (
        f"{comparison.indicator.id}: {comparison.indicator.name.localized(output_locale(None))}"
    )
    return table(headers, _rows(comparison.rows, False), caption=caption) + _notes(comparison.notes)


def progress_html(report: ProgressReport) -> str:
    """A progress report: one table per province and pillar."""
    headers = _headers(
        "province", "indicator", "level", "due", "target", "actual", "status", "margin", "source"
    )
    parts = []
    for pillar, rows in report.by_pillar().items():
        parts.append(table(headers, _rows(rows, True), caption=pillar))
    return "".join(parts) + _notes(report.notes)


def _headers(*columns: str) -> tuple[str, ...]:
    locale = output_locale(None)
    return tuple(label("header", column, locale) for column in columns)


def _notes(notes: Sequence[Any]) -> str:
    """Notes below a table (provinces merged away), one paragraph each."""
    return "".join(f"<p><i>{escape(n.text())}</i></p>" for n in notes)


def finding_html(finding: Finding) -> str:
    """A finding: what disagrees, by how much, with the figures' sources."""
    figures = table(
        ("kind", "value", "qualifier / comparator", "label", "source"),
        (
            (
                f.kind,
                _measure(f.value),
                f.qualifier or f.comparator,
                f.label,
                Raw(f"{escape(f.document)}, {escape(f.clause)}<br><i>“{escape(f.quote)}”</i>"),
            )
            for f in finding.figures
        ),
    )
    head = table(
        ("Finding", ""),
        [
            ("code", f"{finding.code} ({finding.severity})"),
            ("province", finding.province),
            ("indicator", finding.indicator),
            ("period", finding.period),
            ("difference", _measure(finding.difference)),
            ("description", finding.describe()),
        ],
    )
    return head + figures
