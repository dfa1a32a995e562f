"""Assessment: does an actual meet a target?

:func:`assess` answers for one actual and one target with a typed :class:`Assessment`:

* ``achieved``: the comparator holds (``trên 80%`` is strict: exactly 80% does not meet it).
* ``pending``: it does not hold, and the target is not yet due (or states no due date).
* ``missed``: it does not hold and the due date has passed.
* ``indeterminate``: the actual's qualifier leaves both answers possible ("more than 800"
  against "at least 1.000", "approximately 85%" against "above 85%"); see
  :mod:`sodoan.assessment.interval`.

:func:`assess_many` gives, pair by pair, what :func:`assess` gives, much faster: each unit's
conversion factor is looked up once, and the outcomes are kept in columns.

The indicator's kind and direction come from the catalogue in use (``catalogue=``, the bundled
one by default). Nothing here loads the bundled dataset.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Final, Literal, NamedTuple, overload

from sodoan._base import Record
from sodoan._display import render
from sodoan._exact import ExactDecimal
from sodoan._types import IsoDate
from sodoan.assessment.interval import Interval, holds, qualified, verdict
from sodoan.assessment.words import explain, margin_range_text
from sodoan.errors import AssessmentError, UnitMismatchError
from sodoan.measure import Measure
from sodoan.model import Actual, Target
from sodoan.model._refs import Codes, bundled_codes
from sodoan.numbers import format_measure, output_locale
from sodoan.units import EXACT, convert, is_compatible, unit_specs

__all__ = [
    "DERIVED_PLACES",
    "Assessment",
    "MarginInterval",
    "Outcome",
    "Outcomes",
    "Status",
    "Timing",
    "assess",
    "assess_many",
]

Status = Literal["achieved", "pending", "missed", "indeterminate"]
#: When the actual was measured, against the due date: ``before-due`` (a verdict so far: the
#: due-date figure is not known), ``at-due``, ``after-due``, or ``no-due`` (no due date).
Timing = Literal["before-due", "at-due", "after-due", "no-due"]

#: Decimal places kept in derived values that are not exact (ratios, compound growth rates).
DERIVED_PLACES: Final = 6


class MarginInterval(Record):
    """The margins a qualified figure allows: "gần 100%" (nearly: 95% to 100%, 100% excluded)
    against "≥ 100%" gives margins from -5 to 0 percentage points, both excluded ("less than 5
    percentage points short"), not a margin of 0. A bound of ``None`` is unbounded ("trên 800":
    no upper bound). Positive is better, as for :attr:`Assessment.margin`."""

    low: ExactDecimal | None
    """The smallest margin (``None``: unbounded below)."""

    low_closed: bool
    """Whether ``low`` itself is possible."""

    high: ExactDecimal | None
    """The largest margin (``None``: unbounded above)."""

    high_closed: bool
    """Whether ``high`` itself is possible."""

    unit: str
    """Unit of the bounds (percentage points for percentages, places for ranks)."""

    def text(self, locale: str | None = None) -> str:
        """The interval in words: ``còn thiếu dưới 5 điểm phần trăm``, ``less than 5 percentage
        points short``, ``from 4.25 percentage points short to 4.25 percentage points ahead``."""
        return margin_range_text(
            self.low, self.low_closed, self.high, self.high_closed, self.unit, output_locale(locale)
        )


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
    from the target's baseline when the actual is an absolute figure and the target a growth
    rate."""

    margin: Measure
    """How far the actual is beyond the threshold, signed so that positive means better:
    actual - threshold for higher-is-better indicators, threshold - actual for lower-is-better
    ones (in places for ranks); percentage points for percentages. For a range, the distance to
    the nearest bound (positive inside)."""

    ratio: ExactDecimal | None = None
    """Achievement ratio (actual / threshold, or threshold / actual for lower-is-better), when
    meaningful: none for ranks, ranges, zero thresholds and comparators against the direction.
    Exact when it has at most 6 decimal places, otherwise rounded (half even) to 6. For a
    qualified figure, the ratio of the figure as stated."""

    actual_before_due: bool
    """Whether the actual's period ends before the target is due: a ``missed`` status then
    means the last reported figure fell short, not that the due-date figure is known."""

    margin_interval: MarginInterval | None = None
    """For a qualified figure ("gần", "khoảng", "trên", "dưới"), the margins it allows;
    ``margin`` is then the margin of the figure as stated, one point of this interval. ``None``
    for an exact figure."""

    @property
    def margin_low(self) -> Decimal | None:
        """The smallest margin the figure allows (``None``: unbounded); ``margin`` when exact."""
        if self.margin_interval is None:
            return self.margin.value
        return self.margin_interval.low

    @property
    def margin_high(self) -> Decimal | None:
        """The largest margin the figure allows (``None``: unbounded); ``margin`` when exact."""
        if self.margin_interval is None:
            return self.margin.value
        return self.margin_interval.high

    def margin_text(self, locale: str | None = None) -> str:
        """The margin as shown in tables: ``18,26 điểm phần trăm`` (negative when short), or for
        a qualified figure the margins it allows (``còn thiếu dưới 5 điểm phần trăm``)."""
        if self.margin_interval is not None:
            return self.margin_interval.text(locale)
        return format_measure(self.margin, output_locale(locale))

    @property
    def met(self) -> bool:
        """Whether the target is achieved."""
        return self.status == "achieved"

    @property
    def timing(self) -> Timing:
        """When the actual was measured against the due date (see :data:`Timing`): an
        ``achieved`` from a figure ``before-due`` is achieved early, a ``missed`` one is short
        so far; the outputs say so."""
        due = self.target.due
        if due is None:
            return "no-due"
        if self.actual.period.end < due.end:
            return "before-due"
        if self.actual.period.start > due.end:
            return "after-due"
        return "at-due"

    def explanation(self, locale: str | None = None) -> str:
        """One sentence explaining the status, in ``vi`` or ``en`` (default: the default
        locale, see :func:`sodoan.set_default_locale`)."""
        return explain(
            self.actual,
            self.target,
            self.status,
            self.value,
            self.margin,
            self.actual_before_due,
            output_locale(locale),
            self.margin_interval.text(locale) if self.margin_interval is not None else None,
        )

    def _repr_html_(self) -> str:
        return str(render("html", self))

    def __repr__(self) -> str:
        return (
            f"<Assessment {self.status}: {self.actual.id} vs {self.target.id}, "
            f"margin {self.margin.value} {self.margin.unit}>"
        )


# -- the calculus --------------------------------------------------------------------------

_DERIVED_QUANTUM: Final = Decimal(1).scaleb(-DERIVED_PLACES)
_ONE: Final = Decimal(1)
_RATIO_CONTEXT: Final = decimal.Context(prec=60)


def _compound_growth(actual: Actual, target: Target) -> tuple[Decimal, Any]:
    """The compound annual growth (percent per year) from the target's baseline to the actual,
    and the interval of growths the actual's qualifier allows."""
    baseline = target.baseline
    if baseline is None:
        raise AssessmentError(
            f"actual {actual.id} is an absolute figure ({actual.value.unit}) and target "
            f"{target.id} a growth rate without a baseline: give the target a baseline, or the "
            "actual as a rate"
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

        interval = qualified(actual.value.in_root_units(), actual.qualifier)
        mapped = interval._replace(
            low=rate(interval.low) if interval.low is not None and interval.low > 0 else None,
            high=rate(interval.high) if interval.high is not None else None,
        )
        value = rate(actual.value.in_root_units())
    value = value.quantize(_DERIVED_QUANTUM)
    if value.is_zero():
        value = value.copy_abs()  # a growth that rounds to nothing is no negative zero
    return value, mapped


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
    elif result.as_tuple().exponent > 0:  # type: ignore[operator]
        result = result.quantize(_ONE, context=_RATIO_CONTEXT)  # 0 / 1.000 is 0E+3: 0
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
    margins: Interval | None = None


def _derived(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return _nonzero(value.quantize(_DERIVED_QUANTUM, context=_RATIO_CONTEXT))


def _nonzero(value: Decimal | None) -> Decimal | None:
    return value.copy_abs() if value is not None and value.is_zero() else value


def _margins(
    interval: Interval, comparator: str, low: Decimal, high: Decimal | None, higher: bool
) -> Interval:
    """The margins (positive: better) of the values of ``interval`` (see MarginInterval)."""
    if comparator == "between" and high is not None:
        # margin = min(x - low, high - x): rises to the middle of the range, then falls.
        def at(x: Decimal | None) -> Decimal | None:
            return None if x is None else min(EXACT.subtract(x, low), EXACT.subtract(high, x))

        ends = [(at(interval.low), interval.low_closed), (at(interval.high), interval.high_closed)]
        finite = [e for e in ends if e[0] is not None]
        if len(finite) < len(ends):
            least: tuple[Decimal | None, bool] = (None, False)
        else:
            least = min(finite, key=lambda e: (e[0], not e[1]))
        middle = EXACT.divide(EXACT.add(low, high), 2)  # exact: a half always terminates
        if Interval(middle, True, middle, True).disjoint(interval):
            most = max(finite, key=lambda e: (e[0], e[1])) if finite else (None, False)
        else:
            most = (EXACT.divide(EXACT.subtract(high, low), 2), True)
        return Interval(_nonzero(least[0]), least[1], _nonzero(most[0]), most[1])

    def minus(x: Decimal | None, y: Decimal | None) -> Decimal | None:
        return None if x is None or y is None else _nonzero(EXACT.subtract(x, y))

    if higher:
        return Interval(
            minus(interval.low, low),
            interval.low_closed,
            minus(interval.high, low),
            interval.high_closed,
        )
    return Interval(
        minus(low, interval.high),
        interval.high_closed,
        minus(low, interval.low),
        interval.low_closed,
    )


def _fits(number: Decimal, actual: Actual, target: Target, what: str) -> None:
    """An exact result must fit a measure (30 digits each side of the point); else an error,
    the same from assess and assess_many."""
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    if len(digits) + exponent > 30 or -exponent > 30:
        raise AssessmentError(
            f"the {what} of {actual.id} against {target.id} has more than 30 digits on a side "
            "of the point: beyond what sodoan holds exactly"
        )


def _check_day(day: dt.date) -> dt.date:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise AssessmentError(f"as_of must be a date, not {type(day).__name__}")
    if not 1945 <= day.year <= 2100:
        raise AssessmentError(f"as_of {day.isoformat()} is outside the years 1945-2100")
    return day


def _core(actual: Actual, target: Target, today: dt.date, codes: Codes) -> _Core:
    if not isinstance(actual, Actual) or not isinstance(target, Target):
        raise AssessmentError("assess(actual, target) takes an Actual and a Target")
    if actual.indicator != target.indicator:
        raise AssessmentError(
            f"actual {actual.id} is of indicator {actual.indicator!r} but target {target.id} of "
            f"{target.indicator!r}"
        )
    if actual.change_from is not None:
        raise AssessmentError(
            f"actual {actual.id} is a change since {actual.change_from}, not an absolute "
            "figure: it cannot be compared with a target"
        )
    try:
        facts = codes.facts(target.indicator)
    except KeyError:
        raise AssessmentError(
            f"indicator {target.indicator!r} is not in the catalogue given"
        ) from None
    unit = target.value.unit
    derived = facts.kind == "growth_rate" and actual.value.unit != "percent_per_year"
    if derived:
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
        interval = None if actual.qualifier == "exact" else qualified(value, actual.qualifier)
    low = target.value.value
    upper = target.upper
    high = convert(upper.value, upper.unit, unit) if upper is not None else None
    comparator = target.comparator
    due_end = target.due.end if target.due is not None else None
    met = (
        holds(value, comparator, low, high)
        if interval is None
        else verdict(interval, comparator, low, high)
    )
    status: Status
    if met:
        status = "achieved"
    elif met is None:
        status = "indeterminate"
    elif due_end is not None and today > due_end:
        status = "missed"
    else:
        status = "pending"
    higher = facts.direction == "higher_is_better"
    if comparator == "between" and high is not None:
        margin = min(EXACT.subtract(value, low), EXACT.subtract(high, value))
    else:
        margin = EXACT.subtract(value, low) if higher else EXACT.subtract(low, value)
    if margin.is_zero():
        margin = margin.copy_abs()  # -1 * 0 is a negative zero, not a margin to show
    _fits(margin, actual, target, "margin")
    _fits(value, actual, target, "value compared")
    ratio = None
    if facts.kind != "rank" and comparator != "between":
        if higher and comparator in ("gt", "ge", "eq"):
            ratio = _ratio(value, low)
        elif not higher and comparator in ("lt", "le", "eq"):
            ratio = _ratio(low, value)
    if ratio is not None:  # 1% against a threshold of 1E-30% is a 31-digit ratio
        _fits(ratio, actual, target, "achievement ratio")
    margins = None if interval is None else _margins(interval, comparator, low, high, higher)
    if margins is not None and not derived:  # "khoảng" a 30-decimal figure: 5% of it has more
        for bound in (margins.low, margins.high):
            if bound is not None:
                _fits(bound, actual, target, "margin interval")
    core = _Core(
        status=status,
        value=value,
        unit=unit,
        margin=margin,
        margin_unit="place" if facts.kind == "rank" else _difference_units()[unit],
        ratio=ratio,
        before_due=due_end is not None and actual.period.end < due_end,
        margins=margins,
    )
    if derived and core.margins is not None:  # compound growth: rounded as DERIVED_PLACES says
        core = core._replace(
            margins=core.margins._replace(
                low=_derived(core.margins.low), high=_derived(core.margins.high)
            )
        )
    return core


def assess(
    actual: Actual,
    target: Target,
    *,
    as_of: dt.date | None = None,
    catalogue: Codes | None = None,
) -> Assessment:
    """Assess ``actual`` against ``target``, as of ``as_of`` (default: today).

    >>> from sodoan import load
    >>> data = load()
    >>> actual = data.actuals("online-filing-rate", "tuyen-quang", year=2024)[0]
    >>> target = data.targets("online-filing-rate", "tuyen-quang", year=2025)[0]
    >>> result = assess(actual, target, as_of=dt.date(2025, 6, 30))
    >>> result.status, result.margin
    ('achieved', Measure(value=Decimal('18.26'), unit='percentage_point'))

    ``catalogue`` is the catalogue the indicator is in (default: the bundled one). Raises
    :class:`~sodoan.AssessmentError` when the actual and the target are of different
    indicators, when the actual is a change rather than an absolute figure, or when a figure
    cannot be turned into a growth rate (no baseline).
    """
    today = _check_day(as_of if as_of is not None else dt.date.today())
    core = _core(actual, target, today, catalogue if catalogue is not None else bundled_codes())
    return Assessment(
        target=target,
        actual=actual,
        status=core.status,
        as_of=today,
        value=Measure(value=core.value, unit=core.unit),
        margin=Measure(value=core.margin, unit=core.margin_unit),
        ratio=core.ratio,
        actual_before_due=core.before_due,
        margin_interval=None
        if core.margins is None
        else MarginInterval(
            low=core.margins.low,
            low_closed=core.margins.low_closed,
            high=core.margins.high,
            high_closed=core.margins.high_closed,
            unit=core.margin_unit,
        ),
    )


# -- many at once --------------------------------------------------------------------------


class Outcome(NamedTuple):
    """The result of one pair in :func:`assess_many`: what :class:`Assessment` says, without
    the embedded target and actual."""

    status: Status
    margin: Decimal
    margin_unit: str
    ratio: Decimal | None
    actual_before_due: bool


class Outcomes(Sequence[Outcome]):
    """The outcomes of :func:`assess_many`, kept in columns (one list per field).

    A sequence of :class:`Outcome` (indexing, slicing, iteration, ``==`` with a list of
    outcomes). Columns hold no container per pair, so a million outcomes give the garbage
    collector nothing to scan; :attr:`columns` hands them to a DataFrame as they are.
    """

    __slots__ = ("columns",)

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns = columns
        """``status``, ``margin``, ``margin_unit``, ``ratio``, ``actual_before_due``: lists."""

    def __len__(self) -> int:
        return len(self.columns["status"])

    @overload
    def __getitem__(self, index: int) -> Outcome: ...
    @overload
    def __getitem__(self, index: slice) -> list[Outcome]: ...
    def __getitem__(self, index: int | slice) -> Outcome | list[Outcome]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        c = self.columns
        return Outcome(
            c["status"][index],
            c["margin"][index],
            c["margin_unit"][index],
            c["ratio"][index],
            c["actual_before_due"][index],
        )

    def __iter__(self) -> Iterator[Outcome]:
        c = self.columns
        return map(
            Outcome,
            c["status"],
            c["margin"],
            c["margin_unit"],
            c["ratio"],
            c["actual_before_due"],
        )

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Outcomes | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Outcomes: {len(self)} pairs>"


def assess_many(
    pairs: Iterable[tuple[Actual, Target]],
    *,
    as_of: dt.date | None = None,
    catalogue: Codes | None = None,
) -> Outcomes:
    """Assess many (actual, target) pairs: each unit's factor is looked up once, not per pair.

    Gives, pair by pair, the status, margin, ratio and ``actual_before_due`` that
    :func:`assess` gives (a property test checks it), in a fraction of the time. Raises
    :class:`~sodoan.AssessmentError` as assess does.
    """
    today = _check_day(as_of if as_of is not None else dt.date.today())
    codes = catalogue if catalogue is not None else bundled_codes()
    status: list[Status] = []
    margin: list[Decimal] = []
    margin_unit: list[str] = []
    ratio: list[Decimal | None] = []
    before: list[bool] = []
    for actual, target in pairs:
        core = _core(actual, target, today, codes)
        status.append(core.status)
        margin.append(core.margin)
        margin_unit.append(core.margin_unit)
        ratio.append(core.ratio)
        before.append(core.before_due)
    return Outcomes(
        {
            "status": status,
            "margin": margin,
            "margin_unit": margin_unit,
            "ratio": ratio,
            "actual_before_due": before,
        }
    )
