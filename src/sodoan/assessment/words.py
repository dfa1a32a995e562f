"""Targets, figures and assessments in words, in Vietnamese or English (labels from
``data/labels.json``, numbers written by :mod:`sodoan.numbers`)."""

from __future__ import annotations

from sodoan._labels import label
from sodoan.measure import Measure
from sodoan.model import Actual, Target
from sodoan.numbers import format_measure, output_locale
from sodoan.period import Period

__all__ = ["due_text", "explain", "figure_text", "threshold_text", "when_text"]


def when_text(period: Period, locale: str) -> str:
    """When a figure was measured: ``năm 2024`` / ``in 2024``."""
    if period.kind == "year":
        return label("when", "year", locale, year=period.year)
    if period.kind == "day":
        day = period.start
        return label(
            "when", "day", locale, day=day.day, month=day.month, year=day.year, iso=day.isoformat()
        )
    return label("when", "other", locale, period=period)


def due_text(due: Period, locale: str) -> str:
    """When a target is due: ``năm 2025`` / ``2025``, ``ngày 30/6/2025`` / ``2025-06-30``."""
    if due.kind == "year":
        return label("when", "due_year", locale, year=due.year)
    if due.kind == "day":
        day = due.start
        return label(
            "when",
            "due_day",
            locale,
            day=day.day,
            month=day.month,
            year=day.year,
            iso=day.isoformat(),
        )
    return str(due)


def threshold_text(target: Target, locale: str | None = None) -> str:
    """The target's condition in words: ``tối thiểu 80%``, ``trong nhóm 20 đứng đầu``
    (default: the default locale)."""
    locale = output_locale(locale)
    value = format_measure(target.value, locale)
    if target.comparator == "between" and target.upper is not None:
        upper = format_measure(target.upper, locale)
        return label("comparator", "between", locale, value=value, upper=upper)
    if target.value.unit == "rank":
        return label("rank_condition", target.comparator, locale, n=target.value.value)
    return f"{label('comparator', target.comparator, locale)} {value}"


def figure_text(actual: Actual, locale: str | None = None) -> str:
    """An actual's figure with its qualifier, as a reader writes it (``khoảng 85%``)."""
    locale = output_locale(locale)
    return label("qualifier", actual.qualifier, locale) + format_measure(actual.value, locale)


def explain(
    actual: Actual,
    target: Target,
    status: str,
    compared: Measure,
    margin: Measure,
    before_due: bool,
    locale: str,
) -> str:
    """One sentence: the status, the figure and when, the target, and the margin."""
    figure = figure_text(actual, locale)
    if compared.unit != actual.value.unit and actual.value.unit != "rank":
        figure += label("explanation", "growth", locale, growth=format_measure(compared, locale))
    goal = threshold_text(target, locale)
    if target.due is not None:
        goal += f" {label('when', 'by', locale)} {due_text(target.due, locale)}"
    size = format_measure(Measure(value=abs(margin.value), unit=margin.unit), locale)
    if margin.value == 0:
        gap = label("explanation", "at_threshold", locale)
    else:
        gap = label("explanation", "ahead" if margin.value > 0 else "short", locale, size=size)
    text = label(
        "explanation",
        "sentence",
        locale,
        lead=label("status_lead", status, locale),
        figure=figure,
        when=when_text(actual.period, locale),
        goal=goal,
        gap=gap,
    )
    if status == "indeterminate":
        text += label("explanation", "indeterminate", locale)
    elif status == "missed" and before_due:
        text += label("explanation", "before_due", locale)
    return text
