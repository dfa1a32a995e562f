"""Targets, figures and assessments in words, in Vietnamese or English (labels from
``data/labels.json``, numbers written by :mod:`sodoan.numbers`)."""

from __future__ import annotations

from decimal import Decimal

from sodoan._labels import label
from sodoan.measure import Measure
from sodoan.model import Actual, Target
from sodoan.numbers import format_measure, output_locale
from sodoan.period import Period

__all__ = [
    "due_text",
    "explain",
    "figure_text",
    "margin_range_text",
    "threshold_text",
    "when_text",
]


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


def margin_range_text(
    low: Decimal | None,
    low_closed: bool,
    high: Decimal | None,
    high_closed: bool,
    unit: str,
    locale: str,
) -> str:
    """The margins a qualified figure allows, in words: ``còn thiếu dưới 5 điểm phần trăm``
    (margins in (-5, 0)), ``2 to 4 percentage points ahead``, ``from 4.25 percentage points
    short to 4.25 percentage points ahead``. ``None`` is an unbounded end; positive is better."""

    def size(value: Decimal) -> str:
        return format_measure(Measure(value=abs(value), unit=unit), locale)

    def bound(kind: str) -> str:
        return label("margin", kind, locale)

    def text(key: str, **fields: str) -> str:
        return label("margin", key, locale, **fields)

    upper = bound("at_most") if high_closed else bound("less_than")
    lower = bound("at_least") if low_closed else bound("more_than")
    if low is not None and low >= 0:  # ahead for sure (or at the threshold)
        if high is None:
            if low == 0:
                return text("at_or_above" if low_closed else "above")
            return text("ahead_bound", bound=lower, size=size(low))
        if low == 0:
            return text("ahead_bound", bound=upper, size=size(high))
        return text("ahead_between", low=size(low), high=size(high))
    if high is not None and high <= 0:  # short for sure (or at the threshold)
        # the shortfall is -margin: its least is -high, its most -low
        least = bound("at_least") if high_closed else bound("more_than")
        most = bound("at_most") if low_closed else bound("less_than")
        if low is None:
            if high == 0:
                return text("at_or_below" if high_closed else "below")
            return text("short_bound", bound=least, size=size(high))
        if high == 0:
            return text("short_bound", bound=most, size=size(low))
        return text("short_between", low=size(high), high=size(low))
    if low is not None and high is not None:
        return text("either_way", short=size(low), ahead=size(high))
    if low is not None:
        most = bound("at_most") if low_closed else bound("less_than")
        return text("short_or_ahead", bound=most, size=size(low))
    if high is not None:
        return text("ahead_or_short", bound=upper, size=size(high))
    return text("unknown")


def explain(
    actual: Actual,
    target: Target,
    status: str,
    compared: Measure,
    margin: Measure,
    before_due: bool,
    locale: str,
    margin_range: str | None = None,
) -> str:
    """One sentence: the status, the figure and when, the target, and the margin (for a
    qualified figure, ``margin_range``: the margins it allows, in words)."""
    figure = figure_text(actual, locale)
    if compared.unit != actual.value.unit and actual.value.unit != "rank":
        figure += label("explanation", "growth", locale, growth=format_measure(compared, locale))
    goal = threshold_text(target, locale)
    if target.due is not None:
        goal += f" {label('when', 'by', locale)} {due_text(target.due, locale)}"
    size = format_measure(Measure(value=abs(margin.value), unit=margin.unit), locale)
    if margin_range is not None:
        gap = margin_range
    elif margin.value == 0:
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
