"""Assessment: does an actual meet a target? And how do provinces compare?

:func:`assess` answers for one actual and one target with a typed :class:`Assessment`:

* ``achieved``: the comparator holds (``trên 80%`` is strict: exactly 80% does not meet it).
* ``pending``: it does not hold, and the target is not yet due (or states no due date).
* ``missed``: it does not hold and the due date has passed.
* ``indeterminate``: the actual's qualifier leaves both answers possible ("more than 800"
  against "at least 1.000", "approximately 85%" against "above 85%").

A qualified figure stands for an interval of possible values: ``more_than`` v is (v, ∞),
``at_least`` [v, ∞), ``less_than`` (-∞, v), ``at_most`` (-∞, v], ``approximately`` v is within
5% of v either side, and ``nearly`` v is within 5% below v (excluded). The comparator holds when
it holds for every value of the interval, fails when it fails for every one, and is undecided
otherwise.

:func:`compare` lines up every province's targets and latest actuals for one indicator;
:func:`progress` does it for every target of a province, grouped by pillar.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import gc
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple

from sodoan._base import Record
from sodoan._exact import ExactDecimal
from sodoan._types import IsoDate
from sodoan.errors import AssessmentError, UnitMismatchError
from sodoan.measure import Measure
from sodoan.model import Actual, Indicator, Target
from sodoan.model._refs import indicator_facts
from sodoan.period import Period
from sodoan.units import convert, is_compatible, unit_specs

if TYPE_CHECKING:
    from sodoan.bulk import Outcome
    from sodoan.dataset import Dataset

__all__ = [
    "APPROXIMATION",
    "Assessment",
    "Comparison",
    "ComparisonRow",
    "ProgressReport",
    "RowStatus",
    "Status",
    "assess",
    "compare",
    "latest_actual",
    "progress",
]

Status = Literal["achieved", "pending", "missed", "indeterminate"]
#: A row of a comparison or report: an assessment's status, or why there is none.
RowStatus = Literal["achieved", "pending", "missed", "indeterminate", "no-data", "no-target"]

#: How far "khoảng" (approximately) and "gần" (nearly) may be from the stated value: 5% of it.
APPROXIMATION: Final = Decimal("0.05")
#: Decimal places kept in derived values that are not exact (ratios, compound growth rates).
DERIVED_PLACES: Final = 6


# -- intervals -----------------------------------------------------------------------------


class _Interval(NamedTuple):
    """A set of numbers between two bounds; ``None`` is unbounded."""

    low: Decimal | None
    low_closed: bool
    high: Decimal | None
    high_closed: bool

    def contains_interval(self, other: _Interval) -> bool:
        """Whether every number of ``other`` is in this interval."""
        if self.low is not None:
            if other.low is None or other.low < self.low:
                return False
            if other.low == self.low and other.low_closed and not self.low_closed:
                return False
        if self.high is not None:
            if other.high is None or other.high > self.high:
                return False
            if other.high == self.high and other.high_closed and not self.high_closed:
                return False
        return True

    def disjoint(self, other: _Interval) -> bool:
        """Whether no number is in both intervals."""
        return _before(self, other) or _before(other, self)


def _before(a: _Interval, b: _Interval) -> bool:
    """Whether every number of ``a`` is below every number of ``b``."""
    if a.high is None or b.low is None:
        return False
    return a.high < b.low or (a.high == b.low and not (a.high_closed and b.low_closed))


def _qualified(x: Decimal, qualifier: str) -> _Interval:
    if qualifier == "exact":
        return _Interval(x, True, x, True)
    if qualifier == "more_than":
        return _Interval(x, False, None, False)
    if qualifier == "at_least":
        return _Interval(x, True, None, False)
    if qualifier == "less_than":
        return _Interval(None, False, x, False)
    if qualifier == "at_most":
        return _Interval(None, False, x, True)
    spread = abs(x) * APPROXIMATION
    if qualifier == "approximately":
        return _Interval(x - spread, False, x + spread, False)
    return _Interval(x - spread, False, x, False)  # nearly: just under the stated value


def _region(comparator: str, low: Decimal, high: Decimal | None) -> _Interval:
    if comparator == "ge":
        return _Interval(low, True, None, False)
    if comparator == "gt":
        return _Interval(low, False, None, False)
    if comparator == "le":
        return _Interval(None, False, low, True)
    if comparator == "lt":
        return _Interval(None, False, low, False)
    if comparator == "eq":
        return _Interval(low, True, low, True)
    return _Interval(low, True, high, True)  # between


def _holds(value: Decimal, comparator: str, low: Decimal, high: Decimal | None) -> bool:
    """Whether an exact value meets the comparator (the common case, without intervals)."""
    if comparator == "ge":
        return value >= low
    if comparator == "gt":
        return value > low
    if comparator == "le":
        return value <= low
    if comparator == "lt":
        return value < low
    if comparator == "eq":
        return value == low
    return high is not None and low <= value <= high


# -- the assessment ------------------------------------------------------------------------


class Assessment(Record):
    """The result of :func:`assess`: status, margin, achievement ratio, and an explanation."""

    target: Target
    """The target assessed against."""

    actual: Actual
    """The actual assessed."""

    status: Status
    """``achieved``, ``pending``, ``missed`` or ``indeterminate``."""

    as_of: IsoDate
    """The date the status is for (due dates before it have passed)."""

    value: Measure
    """The actual as compared: in the target's unit, or the compound annual growth rate computed
    from the target's baseline when the actual is a level and the target a growth rate."""

    margin: Measure
    """How far the actual is beyond the threshold, signed so that positive means better:
    actual - threshold for higher-is-better indicators, threshold - actual for lower-is-better
    ones (in places for ranks); percentage points for percentages. For a range, the distance to
    the nearest bound (positive inside)."""

    ratio: ExactDecimal | None = None
    """Achievement ratio (actual / threshold, or threshold / actual for lower-is-better), when
    meaningful: none for ranks, ranges, zero thresholds and comparators against the direction.
    Exact when it has at most 6 decimal places, otherwise rounded (half even) to 6."""

    actual_before_due: bool
    """Whether the actual's period ends before the target is due: a ``missed`` status then
    means the last reported figure fell short, not that the due-date figure is known."""

    @property
    def met(self) -> bool:
        """Whether the target is achieved."""
        return self.status == "achieved"

    def explanation(self, locale: str = "en") -> str:
        """One sentence explaining the status, in ``vi`` or ``en``."""
        from sodoan.numbers import normalize_locale

        return _explain(self, normalize_locale(locale))

    def _repr_html_(self) -> str:
        from sodoan._html import assessment_html

        return assessment_html(self)

    def __repr__(self) -> str:
        return (
            f"<Assessment {self.status}: {self.actual.id} vs {self.target.id}, "
            f"margin {self.margin.value} {self.margin.unit}>"
        )


def _compound_growth(actual: Actual, target: Target) -> tuple[Decimal, _Interval]:
    """The compound annual growth (percent per year) from the target's baseline to the actual."""
    baseline = target.baseline
    if baseline is None:
        raise AssessmentError(
            f"actual {actual.id} is a level ({actual.value.unit}) and target {target.id} a growth "
            "rate without a baseline: give the target a baseline, or the actual as a rate"
        )
    if not is_compatible(baseline.value.unit, actual.value.unit):
        raise AssessmentError(
            f"baseline of {target.id} is in {baseline.value.unit} but actual {actual.id} in "
            f"{actual.value.unit}"
        )
    years = actual.period.year - baseline.period.year
    start = baseline.value.in_root_units()
    if years <= 0 or start <= 0:
        raise AssessmentError(
            f"compound growth needs a positive baseline before the actual: baseline "
            f"{baseline.period} ({baseline.value}), actual {actual.period}"
        )
    with decimal.localcontext() as ctx:
        ctx.prec = 50

        def rate(level: Decimal) -> Decimal:
            return ((level / start) ** (Decimal(1) / years) - 1) * 100

        interval = _qualified(actual.value.in_root_units(), actual.qualifier)
        mapped = _Interval(
            rate(interval.low) if interval.low is not None and interval.low > 0 else None,
            interval.low_closed,
            rate(interval.high) if interval.high is not None else None,
            interval.high_closed,
        )
        value = rate(actual.value.in_root_units())
    return value.quantize(Decimal(1).scaleb(-DERIVED_PLACES)), mapped


_DERIVED_QUANTUM: Final = Decimal(1).scaleb(-DERIVED_PLACES)
_RATIO_CONTEXT: Final = decimal.Context(prec=60)


def _ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator / denominator: exact when it has at most 6 decimals, else rounded to 6.

    None unless the denominator is positive: a share of a zero or negative threshold (a growth
    target of -1 %/year) is not an achievement ratio.
    """
    if denominator <= 0:
        return None
    result = _RATIO_CONTEXT.divide(numerator, denominator)
    rounded = result.quantize(_DERIVED_QUANTUM, context=_RATIO_CONTEXT)
    if rounded != result:  # more than 6 decimals (cheaper to test than as_tuple's 60 digits)
        result = rounded
    if result.is_zero():
        result = result.copy_abs()  # -0.00 / 5 is no negative ratio
    return result


@functools.cache
def _difference_units() -> dict[str, str]:
    return {code: spec.difference for code, spec in unit_specs().items()}


class _Core(NamedTuple):
    """What an assessment finds, in plain values (shared by assess and assess_many)."""

    status: Status
    value: Decimal
    unit: str
    margin: Decimal
    margin_unit: str
    ratio: Decimal | None
    before_due: bool


def _core(actual: Actual, target: Target, today: dt.date) -> _Core:
    if not isinstance(actual, Actual) or not isinstance(target, Target):
        raise AssessmentError("assess(actual, target) takes an Actual and a Target")
    if actual.indicator != target.indicator:
        raise AssessmentError(
            f"actual {actual.id} is of indicator {actual.indicator!r} but target {target.id} of "
            f"{target.indicator!r}"
        )
    if actual.change_from is not None:
        raise AssessmentError(
            f"actual {actual.id} is a change since {actual.change_from}, not a level: it cannot "
            "be compared with a target"
        )
    facts = indicator_facts(target.indicator)
    unit = target.value.unit
    interval: _Interval | None
    if facts.kind == "growth_rate" and actual.value.unit != "percent_per_year":
        value, interval = _compound_growth(actual, target)
    else:
        measured = actual.value
        try:
            value = (
                measured.value
                if measured.unit == unit
                else convert(measured.value, measured.unit, unit)
            )
        except UnitMismatchError as error:  # pragma: no cover - units are bound to indicators
            raise AssessmentError(str(error)) from None
        interval = None if actual.qualifier == "exact" else _qualified(value, actual.qualifier)
    low = target.value.value
    upper = target.upper
    high = convert(upper.value, upper.unit, unit) if upper is not None else None
    comparator = target.comparator
    due = target.due
    due_end = due.end if due is not None else None
    status: Status
    if interval is None:
        holds: bool | None = _holds(value, comparator, low, high)
    else:
        region = _region(comparator, low, high)
        holds = (
            True
            if region.contains_interval(interval)
            else None
            if not region.disjoint(interval)
            else False
        )
    if holds:
        status = "achieved"
    elif holds is None:
        status = "indeterminate"
    elif due_end is not None and today > due_end:
        status = "missed"
    else:
        status = "pending"
    higher = facts.direction == "higher_is_better"
    if comparator == "between" and high is not None:
        margin = min(value - low, high - value)
    else:
        margin = value - low if higher else low - value
    if margin.is_zero():
        margin = margin.copy_abs()  # -1 * 0 is a negative zero, not a margin to show
    ratio = None
    if facts.kind != "rank" and comparator != "between":
        if higher and comparator in ("gt", "ge", "eq"):
            ratio = _ratio(value, low)
        elif not higher and comparator in ("lt", "le", "eq"):
            ratio = _ratio(low, value)
    return _Core(
        status=status,
        value=value,
        unit=unit,
        margin=margin,
        margin_unit="place" if facts.kind == "rank" else _difference_units()[unit],
        ratio=ratio,
        before_due=due_end is not None and actual.period.end < due_end,
    )


def assess(actual: Actual, target: Target, *, as_of: dt.date | None = None) -> Assessment:
    """Assess ``actual`` against ``target``, as of ``as_of`` (default: today).

    >>> from sodoan import load
    >>> data = load()
    >>> actual = data.actuals("online-filing-rate", "tuyen-quang", year=2024)[0]
    >>> target = data.targets("online-filing-rate", "tuyen-quang", year=2025)[0]
    >>> result = assess(actual, target, as_of=dt.date(2025, 6, 30))
    >>> result.status, result.margin
    ('achieved', Measure(value=Decimal('18.26'), unit='percentage_point'))

    Raises :class:`~sodoan.AssessmentError` when the actual and the target are of different
    indicators, when the actual is a change rather than a level, or when a level cannot be
    turned into a growth rate (no baseline).
    """
    today = as_of if as_of is not None else dt.date.today()
    core = _core(actual, target, today)
    return Assessment(
        target=target,
        actual=actual,
        status=core.status,
        as_of=today,
        value=Measure(value=core.value, unit=core.unit),
        margin=Measure(value=core.margin, unit=core.margin_unit),
        ratio=core.ratio,
        actual_before_due=core.before_due,
    )


def batch_outcomes(pairs: Iterable[tuple[Actual, Target]], today: dt.date) -> list[Outcome]:
    """The outcomes of many pairs, each as :func:`assess` finds it (see sodoan.bulk)."""
    from sodoan.bulk import Outcome

    result = []
    # The outcomes hold no reference cycles; pausing the cyclic garbage collector keeps it from
    # rescanning the caller's (often large) heap of models at every few hundred outcomes
    # made, which otherwise costs more than the assessments themselves.
    paused = gc.isenabled()
    gc.disable()
    try:
        for actual, target in pairs:
            core = _core(actual, target, today)
            result.append(
                Outcome(core.status, core.margin, core.margin_unit, core.ratio, core.before_due)
            )
    finally:
        if paused:
            gc.enable()
    return result


# -- explanations --------------------------------------------------------------------------

_COMPARATOR_WORDS: Final = {
    "en": {
        "gt": "more than",
        "ge": "at least",
        "eq": "exactly",
        "le": "at most",
        "lt": "less than",
    },
    "vi": {"gt": "trên", "ge": "tối thiểu", "eq": "bằng", "le": "không quá", "lt": "dưới"},
}
_QUALIFIER_WORDS: Final = {
    "en": {
        "exact": "",
        "approximately": "about ",
        "more_than": "more than ",
        "at_least": "at least ",
        "nearly": "nearly ",
        "less_than": "less than ",
        "at_most": "at most ",
    },
    "vi": {
        "exact": "",
        "approximately": "khoảng ",
        "more_than": "trên ",
        "at_least": "ít nhất ",
        "nearly": "gần ",
        "less_than": "dưới ",
        "at_most": "không quá ",
    },
}


def _when(period: Period, locale: str) -> str:
    if period.kind == "year":
        return f"năm {period.year}" if locale == "vi" else f"in {period.year}"
    if period.kind == "day":
        day = period.start
        return (
            f"ngày {day.day}/{day.month}/{day.year}" if locale == "vi" else f"on {day.isoformat()}"
        )
    return f"kỳ {period}" if locale == "vi" else f"in {period}"


def threshold_text(target: Target, locale: str = "en") -> str:
    """The target's condition in words: ``at least 80%``, ``rank 20 or better``."""
    from sodoan.numbers import format_measure

    value = format_measure(target.value, locale)
    if target.comparator == "between" and target.upper is not None:
        upper = format_measure(target.upper, locale)
        return f"từ {value} đến {upper}" if locale == "vi" else f"between {value} and {upper}"
    if target.value.unit == "rank":
        n = target.value.value
        rank_words = {
            "en": {
                "le": f"rank {n} or better",
                "lt": f"better than rank {n}",
                "eq": f"rank {n}",
                "ge": f"rank {n} or lower",
                "gt": f"below rank {n}",
            },
            "vi": {
                "le": f"trong nhóm {n} đứng đầu",
                "lt": f"xếp trên hạng {n}",
                "eq": f"hạng {n}",
                "ge": f"từ hạng {n} trở xuống",
                "gt": f"xếp dưới hạng {n}",
            },
        }
        return rank_words[locale][target.comparator]
    return f"{_COMPARATOR_WORDS[locale][target.comparator]} {value}"


def figure_text(actual: Actual, locale: str = "vi") -> str:
    """An actual's figure with its qualifier, as a reader writes it (``khoảng 85%``)."""
    from sodoan.numbers import format_measure

    return _QUALIFIER_WORDS[locale][actual.qualifier] + format_measure(actual.value, locale)


def _explain(assessment: Assessment, locale: str) -> str:
    from sodoan.numbers import format_measure

    actual, target = assessment.actual, assessment.target
    figure = _QUALIFIER_WORDS[locale][actual.qualifier] + format_measure(actual.value, locale)
    if assessment.value.unit != actual.value.unit and actual.value.unit != "rank":
        growth = format_measure(assessment.value, locale)
        figure += f" (tăng bình quân {growth})" if locale == "vi" else f" (average growth {growth})"
    when = _when(actual.period, locale)
    goal = threshold_text(target, locale)
    if target.due is not None:
        goal += f" {'đến' if locale == 'vi' else 'by'} {_due(target.due, locale)}"
    margin = assessment.margin
    size = format_measure(Measure(value=abs(margin.value), unit=margin.unit), locale)
    if locale == "vi":
        gap = (
            "đúng ngưỡng"
            if margin.value == 0
            else (f"vượt {size}" if margin.value > 0 else f"còn thiếu {size}")
        )
        lead = {
            "achieved": "Đạt",
            "pending": "Chưa đạt, còn trong hạn",
            "missed": "Không đạt, đã quá hạn",
            "indeterminate": "Chưa xác định được",
        }[assessment.status]
        text = f"{lead}: {figure} ({when}) so với mục tiêu {goal}; {gap}."
        if assessment.status == "indeterminate":
            text += " Số liệu chỉ nêu gần đúng nên chưa thể kết luận."
        elif assessment.status == "missed" and assessment.actual_before_due:
            text += " Số liệu mới nhất có trước thời hạn."
        return text
    gap = (
        "exactly at the threshold"
        if margin.value == 0
        else (f"{size} ahead" if margin.value > 0 else f"{size} short")
    )
    lead = {
        "achieved": "Achieved",
        "pending": "Pending",
        "missed": "Missed",
        "indeterminate": "Indeterminate",
    }[assessment.status]
    text = f"{lead}: {figure} {when} against the target of {goal}; {gap}."
    if assessment.status == "indeterminate":
        text += " The figure is only stated approximately, so either answer is possible."
    elif assessment.status == "missed" and assessment.actual_before_due:
        text += " The latest figure predates the due date."
    return text


def _due(due: Period, locale: str) -> str:
    if due.kind == "year":
        return f"năm {due.year}" if locale == "vi" else str(due.year)
    if due.kind == "day":
        day = due.start
        return f"ngày {day.day}/{day.month}/{day.year}" if locale == "vi" else day.isoformat()
    return str(due)


# -- comparisons and reports ---------------------------------------------------------------


def latest_actual(
    actuals: Iterable[Actual], target: Target | None = None, *, as_of: dt.date | None = None
) -> Actual | None:
    """The most recent level actual (not a change) matching ``target``'s level, if any.

    Ties on the period are broken in favour of exact figures over qualified ones.
    """
    candidates = [
        a
        for a in actuals
        if not a.is_change
        and a.area is None
        and (target is None or (a.indicator == target.indicator and a.level == target.level))
        and (as_of is None or a.period.start <= as_of)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda a: (a.period.end, a.qualifier == "exact", a.period.start))


class ComparisonRow(Record):
    """One line of a comparison or report: a target, the matching actual, and the assessment."""

    province: str
    """Province id."""

    province_name: str
    """Province name (Vietnamese)."""

    merged_into: str | None = None
    """Id of the province this one was merged into (1 July 2025), if any."""

    pillar: str
    """Pillar of the indicator."""

    indicator: str
    """Indicator id."""

    target: Target | None = None
    """The target (none when the province states none for the indicator)."""

    actual: Actual | None = None
    """The latest matching actual (none when no figure is reported)."""

    assessment: Assessment | None = None
    """The assessment, when there is both a target and an actual."""

    status: RowStatus
    """The assessment's status, ``no-data`` (a target without an actual) or ``no-target``."""

    plan: str | None = None
    """Id of the plan that states the target (or the actual, when there is no target)."""

    def record(self) -> dict[str, Any]:
        """The row as flat fields (exact values, periods in their JSON form), for tables and
        machine-readable output (``to_pandas``, the command line's csv and json)."""
        target, actual, assessment = self.target, self.actual, self.assessment
        stated = target if target is not None else actual
        return {
            "province": self.province,
            "province_name": self.province_name,
            "merged_into": self.merged_into,
            "pillar": self.pillar,
            "indicator": self.indicator,
            "level": target.level if target else None,
            "due": target.due.to_json() if target and target.due else None,
            "comparator": target.comparator if target else None,
            "target_value": target.value.value if target else None,
            "target_upper": target.upper.value if target and target.upper else None,
            "target_unit": target.value.unit if target else None,
            "actual_period": actual.period.to_json() if actual else None,
            "actual_value": actual.value.value if actual else None,
            "actual_unit": actual.value.unit if actual else None,
            "actual_qualifier": actual.qualifier if actual else None,
            "status": self.status,
            "margin": assessment.margin.value if assessment else None,
            "margin_unit": assessment.margin.unit if assessment else None,
            "ratio": assessment.ratio if assessment else None,
            "plan": self.plan,
            "source_document": stated.source.document if stated else None,
            "source_clause": stated.source.clause if stated else None,
            "source_quote": stated.source.quote if stated else None,
        }

    def summary(self, locale: str = "en") -> dict[str, str]:
        """The row as display strings (columns of the text, HTML and CSV views)."""
        from sodoan.numbers import format_measure

        target = self.target
        actual = self.actual
        goal = threshold_text(target, locale) if target is not None else ""
        due = _due(target.due, "en") if target is not None and target.due is not None else ""
        figure = ""
        if actual is not None:
            figure = _QUALIFIER_WORDS[locale][actual.qualifier] + format_measure(
                actual.value, locale
            )
            figure += f" ({actual.period})"
        margin = ""
        if self.assessment is not None:
            margin = format_measure(self.assessment.margin, locale)
        source = (
            target.source if target is not None else actual.source if actual is not None else None
        )
        return {
            "province": self.province_name,
            "indicator": self.indicator,
            "level": (target.level if target is not None else None) or "",
            "due": due,
            "target": goal,
            "actual": figure,
            "status": self.status,
            "margin": margin,
            "source": f"{self.plan or ''} {source.clause}".strip() if source is not None else "",
        }


def _rows_frame(rows: Sequence[ComparisonRow]) -> Any:
    from sodoan._optional import frame

    return frame([row.record() for row in rows])


def _text_table(rows: Sequence[ComparisonRow], locale: str, columns: Sequence[str]) -> str:
    table = [[row.summary(locale)[c] for c in columns] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in table)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in table]
    return "\n".join(lines)


class Comparison(Record):
    """One indicator across provinces: targets (with due year, comparator, source) and the
    latest actuals side by side, with assessments. Returned by :func:`compare`."""

    indicator: Indicator
    """The indicator compared."""

    year: int | None = None
    """The due year the targets were filtered by, if any."""

    as_of: IsoDate
    """Date of the assessments."""

    rows: list[ComparisonRow]
    """One row per target, plus one per province with actuals but no target."""

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame, one column per field (needs the ``pandas`` extra)."""
        return _rows_frame(self.rows)

    def table(self, locale: str = "en") -> str:
        """The comparison as a plain-text table."""
        columns = ["province", "level", "due", "target", "actual", "status", "margin", "source"]
        title = f"{self.indicator.id}: {self.indicator.name.localized(locale)}"
        return f"{title}\n{_text_table(self.rows, locale, columns)}"

    def __str__(self) -> str:
        return self.table("en")

    def _repr_html_(self) -> str:
        from sodoan._html import comparison_html

        return comparison_html(self)

    def plot(self, ax: Any = None) -> Any:
        """A chart of the provinces' actuals against their targets (needs the ``plot`` extra).

        One colour per province: reported figures as a line of dots over the years, targets as
        hollow markers at their due year labelled with the comparator (``≥ 20%``). Values are in
        the indicator's unit; for a rank (lower is better) the axis is inverted. Returns the
        matplotlib Figure (``figure.savefig("chart.png")`` saves it).
        """
        from sodoan._plot import plot_comparison

        return plot_comparison(self, ax)

    def __repr__(self) -> str:
        return f"<Comparison {self.indicator.id}: {len(self.rows)} rows>"


class ProgressReport(Record):
    """Every target of one or more provinces with its best matching actual and assessment,
    grouped by pillar. Returned by :meth:`sodoan.Dataset.progress`."""

    as_of: IsoDate
    """Date of the assessments."""

    rows: list[ComparisonRow]
    """One row per target, ordered by province, pillar, indicator and due date."""

    def by_pillar(self) -> dict[str, list[ComparisonRow]]:
        """Rows grouped by pillar id, in the order of the rows."""
        groups: dict[str, list[ComparisonRow]] = {}
        for row in self.rows:
            groups.setdefault(row.pillar, []).append(row)
        return groups

    def by_province(self) -> dict[str, list[ComparisonRow]]:
        """Rows grouped by province id."""
        groups: dict[str, list[ComparisonRow]] = {}
        for row in self.rows:
            groups.setdefault(row.province, []).append(row)
        return groups

    def counts(self) -> dict[str, int]:
        """How many rows have each status."""
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        return counts

    def to_pandas(self) -> Any:
        """The rows as a pandas DataFrame, one column per field (needs the ``pandas`` extra)."""
        return _rows_frame(self.rows)

    def table(self, locale: str = "en") -> str:
        """The report as plain text: a table per province and pillar."""
        columns = ["indicator", "level", "due", "target", "actual", "status", "source"]
        parts = []
        for province, rows in self.by_province().items():
            parts.append(f"== {rows[0].province_name} ({province})")
            grouped: dict[str, list[ComparisonRow]] = {}
            for row in rows:
                grouped.setdefault(row.pillar, []).append(row)
            for pillar, pillar_rows in grouped.items():
                parts.append(f"-- {pillar}")
                parts.append(_text_table(pillar_rows, locale, columns))
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.table("en")

    def _repr_html_(self) -> str:
        from sodoan._html import progress_html

        return progress_html(self)

    def __repr__(self) -> str:
        return f"<ProgressReport: {len(self.rows)} targets, {self.counts()}>"


def _row(
    dataset: Dataset,
    province: str,
    indicator: Indicator,
    target: Target | None,
    actual: Actual | None,
    as_of: dt.date,
) -> ComparisonRow:
    info = dataset.province(province)
    assessment = assess(actual, target, as_of=as_of) if target and actual else None
    status: RowStatus
    if assessment is not None:
        status = assessment.status
    elif target is not None:
        status = "no-data"
    else:
        status = "no-target"
    item = target or actual
    return ComparisonRow(
        province=province,
        province_name=info.name.vi,
        merged_into=info.successor,
        pillar=indicator.pillar,
        indicator=indicator.id,
        target=target,
        actual=actual,
        assessment=assessment,
        status=status,
        plan=dataset.plan_of(item).id if item is not None else None,
    )


_LEVEL_ORDER: Final = {None: 0, "province": 1, "district": 2, "commune": 3, "village": 4}


def _target_order(target: Target) -> tuple[int, int, str]:
    due = target.due.end.toordinal() if target.due is not None else 10**9
    return (due, _LEVEL_ORDER[target.level], target.id)


def compare(
    indicator: str,
    provinces: Sequence[str] | None = None,
    *,
    year: int | None = None,
    dataset: Dataset | None = None,
    as_of: dt.date | None = None,
) -> Comparison:
    """Every province's targets and latest actuals for ``indicator``, side by side.

    ``provinces`` limits the provinces (default: every province with a target or an actual);
    ``year`` keeps the targets due that year; ``dataset`` defaults to :func:`sodoan.load`.
    Provinces with actuals but no target get a ``no-target`` row; targets without an actual
    are ``no-data``. Rows note provinces merged away on 1 July 2025 (``merged_into``).
    """
    from sodoan.dataset import load

    data = dataset if dataset is not None else load()
    info = data.indicator(indicator)
    today = as_of if as_of is not None else dt.date.today()
    if provinces is not None:
        for province in provinces:
            data.province(province)
    targets = data.targets(indicator, year=year)
    actuals = data.actuals(indicator)
    chosen = (
        list(provinces)
        if provinces is not None
        else sorted(
            {t.province for t in targets} | {a.province for a in actuals},
            key=lambda p: data.province(p).name.vi,
        )
    )
    rows: list[ComparisonRow] = []
    for province in chosen:
        mine = sorted((t for t in targets if t.province == province), key=_target_order)
        reported = [a for a in actuals if a.province == province]
        for target in mine:
            actual = latest_actual(reported, target, as_of=today)
            rows.append(_row(data, province, info, target, actual, today))
        if not mine:
            actual = latest_actual(reported, as_of=today)
            if actual is not None:
                rows.append(_row(data, province, info, None, actual, today))
    return Comparison(indicator=info, year=year, as_of=today, rows=rows)


def progress(
    dataset: Dataset, province: str | None = None, as_of: dt.date | None = None
) -> ProgressReport:
    """Every target (of ``province``, or of every province) with its best matching actual and
    assessment, grouped by pillar. Used by :meth:`sodoan.Dataset.progress`."""
    today = as_of if as_of is not None else dt.date.today()
    pillar_order = {p.id: i for i, p in enumerate(dataset.pillars)}
    targets = dataset.targets(province=province)
    actuals = dataset.actuals(province=province)
    provinces = sorted({t.province for t in targets}, key=lambda p: dataset.province(p).name.vi)
    rows: list[ComparisonRow] = []
    for name in provinces:
        mine = [t for t in targets if t.province == name]
        mine.sort(
            key=lambda t: (
                pillar_order[dataset.indicator(t.indicator).pillar],
                t.indicator,
                _target_order(t),
            )
        )
        reported = [a for a in actuals if a.province == name]
        for target in mine:
            actual = latest_actual(
                (a for a in reported if a.indicator == target.indicator), target, as_of=today
            )
            rows.append(
                _row(dataset, name, dataset.indicator(target.indicator), target, actual, today)
            )
    return ProgressReport(as_of=today, rows=rows)
