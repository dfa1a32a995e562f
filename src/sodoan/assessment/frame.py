"""Columnar assessment: status, margin and ratio for many actual/target pairs held in columns
(a polars DataFrame or an Arrow table), computed by polars expressions with exact decimals.

Needs the ``polars`` extra (``pip install 'sodoan[polars]'``); importing :mod:`sodoan` does not
import polars. :func:`assess_frame` gives, row by row, what :func:`sodoan.assess` gives for the
pair (a property test checks it), and is many times faster than :func:`sodoan.assess_many` on
large inputs because nothing is done per row in Python:

* Values are exact: each row is compared at its own decimal scale, as whole numbers (``Int128``,
  the decimal's own digits): the actual is brought to the target's unit by a power of ten, at
  the fewest places that hold the actual, the threshold and the upper bound exactly, plus two
  for the 5 % of "khoảng". No decimal product is taken by polars, which gives the product of
  two decimals the larger of their scales (``35.71 * 0.01`` at scale 2 is ``0.36``).
* Qualified actuals ("khoảng", "trên", "gần") are intervals, decided in columns by the same
  calculus as :mod:`sodoan.assessment.interval` (``approximately`` ± 5 %, ``nearly`` up to 5 %
  below).
* The achievement ratio (rounded half-even to 6 places when inexact) is a division of whole
  numbers with its remainder, rounded exactly.
* Rows the columns cannot hold exactly go to :func:`sodoan.assess`'s own calculus, one by one:
  an absolute figure against a growth-rate target (compound growth from the baseline, a
  root), and values too large for 128-bit whole numbers at the scale needed.

The input columns (:data:`COLUMNS`; :func:`pairs_frame` builds them from models) are the
figures of each pair: ``indicator``, ``actual_value`` (decimal), ``actual_unit``,
``qualifier`` (null: exact), ``actual_end`` (the last day of the actual's period),
``comparator``, ``target_value`` (decimal), ``target_unit``, ``upper_value``/``upper_unit``
(a range's upper bound, or null), ``due_end`` (the last day of the due period, or null) and
``baseline_value``/``baseline_unit``/``baseline_end`` (a growth target's baseline, or null).
The result has the columns of :class:`sodoan.Outcomes`: ``status``, ``margin`` (decimal),
``margin_unit``, ``ratio`` (decimal or null) and ``actual_before_due``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from sodoan._optional import require
from sodoan.assessment.core import _core, _difference_units
from sodoan.errors import AssessmentError
from sodoan.measure import Measure
from sodoan.model import Actual, Target
from sodoan.model._refs import Codes, IndicatorFacts, bundled_codes
from sodoan.model.target import Baseline
from sodoan.period import Period
from sodoan.units import UNIT_CODES, _ratio, is_compatible

if TYPE_CHECKING:
    import polars

__all__ = ["COLUMNS", "assess_frame", "pairs_frame"]

#: The columns :func:`assess_frame` reads, in the order :func:`pairs_frame` writes them.
COLUMNS: Final = (
    "indicator",
    "actual_value",
    "actual_unit",
    "qualifier",
    "actual_end",
    "comparator",
    "target_value",
    "target_unit",
    "upper_value",
    "upper_unit",
    "due_end",
    "baseline_value",
    "baseline_unit",
    "baseline_end",
)

#: Codes of the qualifiers and comparators, ordered so that each interval bound is a range.
_QUALIFIERS: Final = {
    "exact": 0,
    "more_than": 1,
    "at_least": 2,
    "less_than": 3,
    "at_most": 4,
    "approximately": 5,
    "nearly": 6,
}
_COMPARATORS: Final = {"ge": 0, "gt": 1, "eq": 2, "between": 3, "le": 4, "lt": 5}
#: The powers of ten a row may need.
_SHIFTS: Final = range(39)
#: The columns every row must fill.
_REQUIRED: Final = (
    "indicator",
    "actual_value",
    "actual_unit",
    "actual_end",
    "comparator",
    "target_value",
    "target_unit",
)
#: The columns of the result.
_OUTCOMES: Final = ("status", "margin", "margin_unit", "ratio", "actual_before_due")

#: Significant digits a Decimal column holds.
_PRECISION: Final = 38
#: Values are held as whole numbers of units of 10^-scale below 10^this (far inside 128
#: bits: a sum or difference of two of them cannot overflow).
_DIGITS: Final = 36
_RATIO_PLACES: Final = 6


def _polars() -> Any:
    return require("polars", "polars")


def _scale(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def pairs_frame(pairs: Iterable[tuple[Actual, Target]]) -> polars.DataFrame:
    """The columns of :func:`assess_frame` for (actual, target) pairs of models.

    This is a loop in Python (about as slow as :func:`sodoan.assess_many` itself): build the
    columns once and keep them, or read them from a file, to assess fast. An actual that is a
    change cannot be assessed and raises :class:`~sodoan.AssessmentError`, as in assess.
    """
    pl = _polars()
    columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
    for actual, target in pairs:
        if actual.change_from is not None:
            raise AssessmentError(
                f"actual {actual.id} is a change since {actual.change_from}, not an absolute "
                "figure: it cannot be compared with a target"
            )
        upper, due, baseline = target.upper, target.due, target.baseline
        row = (
            actual.indicator,
            actual.value.value,
            actual.value.unit,
            actual.qualifier,
            actual.period.end,
            target.comparator,
            target.value.value,
            target.value.unit,
            upper.value if upper is not None else None,
            upper.unit if upper is not None else None,
            due.end if due is not None else None,
            baseline.value.value if baseline is not None else None,
            baseline.value.unit if baseline is not None else None,
            baseline.period.end if baseline is not None else None,
        )
        for name, value in zip(COLUMNS, row, strict=True):
            columns[name].append(value)
    schema: dict[str, Any] = {}
    for name in COLUMNS:
        if name.endswith("_value"):
            values = [v for v in columns[name] if v is not None]
            scale = max((_scale(v) for v in values), default=0)
            digits = max((v.adjusted() + 1 for v in values if v), default=0)
            if digits + scale > _PRECISION:
                raise AssessmentError(
                    f"{name}: values need more than {_PRECISION} digits in one column (up to "
                    f"{digits} before the point and {scale} after): use assess_many"
                )
            schema[name] = pl.Decimal(_PRECISION, scale)
        elif name.endswith("_end"):
            schema[name] = pl.Date
        else:
            schema[name] = pl.String
    built: polars.DataFrame = pl.DataFrame(columns, schema=schema)
    return built


def _powers(
    sources: list[str | None], targets: list[str | None]
) -> dict[tuple[str, str], int | None]:
    """The power of ten from each compatible (source, target) pair of units to the other, None
    where the ratio is not a power of ten."""
    return {
        (a, b): 0 if a == b else _ratio(a, b)[0]
        for a in sources
        for b in targets
        if a is not None and b is not None and is_compatible(a, b)
    }


def _summary(pl: Any, frame: polars.DataFrame) -> dict[str, Any]:
    """What the frame holds, in one pass: empty values, and the distinct qualifiers,
    comparators, indicators and units."""
    return (
        frame.lazy()
        .select(
            *(pl.col(name).null_count().alias(f"nulls {name}") for name in _REQUIRED),
            pl.col("qualifier").unique().implode(),
            pl.col("comparator").unique().implode(),
            pl.col("indicator").unique().implode(),
            pl.col("actual_unit").unique().implode(),
            pl.col("target_unit").unique().implode(),
            pl.col("upper_unit").unique().implode(),
        )
        .collect()
        .row(0, named=True)
    )


def _facts_of(codes: Codes, indicator: str) -> IndicatorFacts:
    try:
        return codes.facts(indicator)
    except KeyError:
        raise AssessmentError(f"indicator {indicator!r} is not in the catalogue given") from None


def _power(pl: Any, exponent: Any, dtype: Any = None) -> Any:
    """10^``exponent`` (per row, 0-38; null outside), as a whole number or a ``dtype``."""
    if dtype is None:
        values = pl.Series([10**e for e in _SHIFTS], dtype=pl.Int128)
    else:
        values = pl.Series([10.0**e for e in _SHIFTS], dtype=dtype)
    inside = exponent.is_between(0, _SHIFTS[-1])
    index = exponent.clip(0, _SHIFTS[-1])
    return pl.when(inside).then(pl.lit(values).gather(index))


def _whole(pl: Any, value: str, scale: int, places: Any) -> tuple[Any, Any]:
    """(``value`` times 10^``places`` as a whole number, whether a row cannot be held so).

    ``value`` is a decimal column of ``scale`` (its physical form is that number times
    10^scale); ``places`` (per row) is at least ``scale``. The result stays below 10^36, far
    inside 128 bits, or the row is marked.
    """
    shift = places - scale
    whole = pl.col(value).to_physical()
    large = (whole.abs() >= _power(pl, _DIGITS - shift)).fill_null(True)
    return whole * _power(pl, shift), pl.col(value).is_not_null() & large


def assess_frame(
    frame: Any, *, as_of: dt.date | None = None, catalogue: Codes | None = None
) -> polars.DataFrame:
    """Assess every row of ``frame`` (a polars DataFrame, or anything ``polars.from_arrow``
    reads, with the columns of :data:`COLUMNS`) as :func:`sodoan.assess` would.

    Returns a DataFrame with one row per input row, in order: ``status``, ``margin``,
    ``margin_unit``, ``ratio`` and ``actual_before_due`` (see :class:`sodoan.Outcome`). Margins
    and ratios are decimals equal to assess's (at the frame's working scale: ``18.260000`` for
    ``18.26``). Raises :class:`~sodoan.AssessmentError` where assess would, and for an unknown
    unit or indicator.
    """
    pl = _polars()
    if not isinstance(frame, pl.DataFrame):
        frame = pl.from_arrow(frame)
    missing = [name for name in COLUMNS if name not in frame.columns]
    if missing:
        raise AssessmentError(f"assess_frame needs the columns {', '.join(missing)}")
    today = as_of if as_of is not None else dt.date.today()
    codes = catalogue if catalogue is not None else bundled_codes()
    if frame.height == 0:
        return _empty(pl)
    frame = frame.select(COLUMNS)
    for name in COLUMNS:
        dtype = frame.schema[name]
        if name.endswith("_value") and not (dtype.is_decimal() or dtype.is_integer()):
            raise AssessmentError(
                f"column {name} is {dtype}: values must be decimals (or whole numbers), never "
                "floats; pairs_frame builds such columns"
            )
    summary = _summary(pl, frame)
    for name in _REQUIRED:
        if summary[f"nulls {name}"]:
            raise AssessmentError(
                f"column {name} has {summary[f'nulls {name}']} empty values; every pair needs one"
            )
    for name, known in (("qualifier", _QUALIFIERS), ("comparator", _COMPARATORS)):
        unknown = set(summary[name]) - set(known) - {None}
        if unknown:
            raise AssessmentError(f"unknown {name} {sorted(unknown)[0]!r} in column {name}")
    facts = {indicator: _facts_of(codes, indicator) for indicator in summary["indicator"]}
    for name in ("actual_unit", "target_unit", "upper_unit"):
        unknown = set(summary[name]) - set(UNIT_CODES) - {None}
        if unknown:
            raise AssessmentError(f"unknown unit {sorted(unknown)[0]!r} in column {name}")
    # Every pair of units seen that can be compared; a row with another pair (units of
    # different dimensions) goes to assess's calculus, which raises AssessmentError for it.
    value_powers = _powers(summary["actual_unit"], summary["target_unit"])
    upper_powers = _powers(summary["upper_unit"], summary["target_unit"])
    growth = (pl.col("_kind") == "growth_rate") & (pl.col("actual_unit") != "percent_per_year")
    scales = {name: _column_scale(frame, name) for name in COLUMNS if name.endswith("_value")}

    def power(unit: str, powers: dict[tuple[str, str], int | None]) -> Any:
        keys = {f"{a}|{b}": p for (a, b), p in powers.items() if p is not None}
        pair = pl.concat_str(pl.col(unit), pl.lit("|"), pl.col("target_unit"))
        return pair.replace_strict(keys, default=None, return_dtype=pl.Int32)

    c = pl.col
    k, k_upper = c("_k"), c("_ku")
    # Each row is compared at its own scale: the fewest places that hold its three values
    # exactly in the target's unit, plus 2 for x * 0.05.
    work = 2 + pl.max_horizontal(
        scales["actual_value"] - pl.min_horizontal(k.fill_null(0), 0),
        pl.lit(scales["target_value"]),
        scales["upper_value"] - pl.min_horizontal(k_upper.fill_null(0), 0),
    )
    x, x_python = _whole(pl, "actual_value", scales["actual_value"], c("_work") + k)
    low, low_python = _whole(pl, "target_value", scales["target_value"], c("_work"))
    high, high_python = _whole(pl, "upper_value", scales["upper_value"], c("_work") + k_upper)
    qualifier = c("qualifier").fill_null("exact")
    lazy = (
        frame.lazy()
        .with_columns(
            _kind=pl.col("indicator").replace_strict(
                {i: f.kind for i, f in facts.items()}, return_dtype=pl.String
            ),
            _higher=pl.col("indicator").replace_strict(
                {i: f.direction == "higher_is_better" for i, f in facts.items()},
                return_dtype=pl.Boolean,
            ),
            _k=power("actual_unit", value_powers),
            _ku=power("upper_unit", upper_powers),
            _q=qualifier.replace_strict(_QUALIFIERS, return_dtype=pl.Int8),
            _c=c("comparator").replace_strict(_COMPARATORS, return_dtype=pl.Int8),
        )
        .with_columns(_work=work, _growth=growth)
        .with_columns(_x=x, _low=low, _high=high, _python=x_python | low_python | high_python)
        .with_columns(_python=(c("_python") | c("_growth")).fill_null(True))
    )
    result = _columns(pl, lazy, today).collect()
    return _with_python_rows(pl, frame, result, today, codes)


def _column_scale(frame: polars.DataFrame, name: str) -> int:
    return int(getattr(frame.schema[name], "scale", 0) or 0)


def _empty(pl: Any) -> polars.DataFrame:
    empty: polars.DataFrame = pl.DataFrame(
        schema={
            "status": pl.String,
            "margin": pl.Decimal(_PRECISION, 0),
            "margin_unit": pl.String,
            "ratio": pl.Decimal(_PRECISION, _RATIO_PLACES),
            "actual_before_due": pl.Boolean,
        }
    )
    return empty


def _columns(pl: Any, frame: polars.LazyFrame, today: dt.date) -> polars.LazyFrame:
    """Status, margin, ratio and timing of every row, in columns."""
    c = pl.col
    x, low, high = c("_x"), c("_low"), c("_high")
    q, cmp = c("_q"), c("_c")  # codes: see _QUALIFIERS and _COMPARATORS
    spread = x.abs() // 100 * 5  # 5 % of x, exact: x is a multiple of 100 at this scale
    # The interval the actual stands for (None: unbounded).
    i_low = pl.when(q <= 2).then(x).when(q >= 5).then(x - spread)
    i_low_closed = (q == 0) | (q == 2)
    i_high = (
        pl.when((q == 0) | (q == 3) | (q == 4) | (q == 6)).then(x).when(q == 5).then(x + spread)
    )
    i_high_closed = (q == 0) | (q == 4)
    # The region that meets the comparator.
    r_low = pl.when(cmp <= 3).then(low)
    r_low_closed = (cmp <= 3) & (cmp != 1)
    r_high = pl.when((cmp == 2) | (cmp >= 4)).then(low).when(cmp == 3).then(high)
    r_high_closed = (cmp >= 2) & (cmp <= 4)
    comparator = c("comparator")
    frame = frame.with_columns(
        _il=i_low,
        _ilc=i_low_closed,
        _ih=i_high,
        _ihc=i_high_closed,
        _rl=r_low,
        _rlc=r_low_closed,
        _rh=r_high,
        _rhc=r_high_closed,
    )
    il, ih, rl, rh = c("_il"), c("_ih"), c("_rl"), c("_rh")
    ilc, ihc, rlc, rhc = c("_ilc"), c("_ihc"), c("_rlc"), c("_rhc")
    low_inside = rl.is_null() | (il.is_not_null() & ((il > rl) | ((il == rl) & ~(ilc & ~rlc))))
    high_inside = rh.is_null() | (ih.is_not_null() & ((ih < rh) | ((ih == rh) & ~(ihc & ~rhc))))
    # "between" without an upper bound holds for nothing (as in assess).
    contains = (low_inside & high_inside).fill_null(False) & ~(
        (comparator == "between") & high.is_null()
    )

    def before(a_high: Any, a_closed: Any, b_low: Any, b_closed: Any) -> Any:
        return (
            a_high.is_not_null()
            & b_low.is_not_null()
            & ((a_high < b_low) | ((a_high == b_low) & ~(a_closed & b_closed)))
        ).fill_null(False)

    disjoint = (
        before(ih, ihc, rl, rlc)
        | before(rh, rhc, il, ilc)
        | ((comparator == "between") & high.is_null())
    )
    late = c("due_end").is_not_null() & (pl.lit(today) > c("due_end"))
    status = (
        pl.when(contains)
        .then(pl.lit("achieved"))
        .when(~disjoint)
        .then(pl.lit("indeterminate"))
        .when(late)
        .then(pl.lit("missed"))
        .otherwise(pl.lit("pending"))
    )
    higher = c("_higher")
    margin = (
        pl.when((comparator == "between") & high.is_not_null())
        .then(pl.min_horizontal(x - low, high - x))
        .when(higher)
        .then(x - low)
        .otherwise(low - x)
    )
    rank = c("_kind") == "rank"
    units = _difference_units()
    margin_unit = (
        pl.when(rank)
        .then(pl.lit("place"))
        .otherwise(c("target_unit").replace_strict(units, return_dtype=pl.String))
    )
    # The ratio: numerator / denominator rounded half-even to 6 places, in whole numbers (both
    # are at the row's scale): q, r = divmod(numerator * 10^6, denominator).
    forward = higher & (cmp <= 2)  # gt, ge, eq
    backward = ~higher & ((cmp == 2) | (cmp >= 4))  # lt, le, eq
    numerator = pl.when(forward).then(x).otherwise(low)
    denominator = pl.when(forward).then(low).otherwise(x)
    ratio_wanted = ~rank & (forward | backward) & (denominator > 0)
    scaled = numerator * 10**_RATIO_PLACES
    quotient = scaled // denominator
    twice = 2 * (scaled - quotient * denominator)
    rounded = (
        pl.when(twice > denominator)
        .then(quotient + 1)
        .when(twice == denominator)
        .then(quotient + quotient % 2)  # to the even neighbour
        .otherwise(quotient)
    )
    ratio = (
        pl.when(ratio_wanted)
        .then(rounded.cast(pl.Decimal(_PRECISION, 0)) * pl.lit(Decimal(1).scaleb(-_RATIO_PLACES)))
        .cast(pl.Decimal(_PRECISION, _RATIO_PLACES))
    )
    # numerator * 10^6 must stay inside 128 bits (x, low and high are below 10^36); and assess
    # rounds a quotient to 60 digits before its 6 places, which only a quotient above 10^16
    # can feel: such rows are left to assess.
    unsure = (numerator.abs() >= 10 ** (_DIGITS - _RATIO_PLACES)) | (
        quotient.abs() >= 10 ** (16 + _RATIO_PLACES)
    )
    before_due = c("due_end").is_not_null() & (c("actual_end") < c("due_end"))
    needed = (ratio_wanted & unsure).fill_null(False) | c("_python").fill_null(False)
    return frame.select(
        status=status,
        _margin=margin // 100,  # exact: x and the bounds are multiples of 100 at this scale
        _places=c("_work") - 2,
        margin_unit=margin_unit,
        ratio=ratio,
        actual_before_due=before_due,
        _needed=needed,
        _most=(c("_work") - 2).filter(~needed).max(),  # the scale every margin fits in
    )


def _with_python_rows(
    pl: Any, frame: polars.DataFrame, result: polars.DataFrame, today: dt.date, codes: Codes
) -> polars.DataFrame:
    """The outcome columns: margins brought to one scale, and the rows that need assess's
    calculus replaced by its answers."""
    c = pl.col
    needed = result.get_column("_needed")
    rows = needed.arg_true().to_list()
    answers: dict[str, list[Any]] = {name: [] for name in _OUTCOMES}
    for row in frame[rows].select(COLUMNS).iter_rows(named=True):
        core = _core(*_models(row), today, codes)
        for name, value in zip(_OUTCOMES, _outcome(core), strict=True):
            answers[name].append(value)
    places = result.get_column("_most")[0]
    scale = max([int(places or 0), *(_scale(m) for m in answers["margin"])])
    shift = scale - c("_places")
    too_long = ~c("_needed") & (c("_margin").abs() >= _power(pl, _PRECISION - shift)).fill_null(
        True
    )
    margin = pl.Decimal(_PRECISION, scale)
    result = (
        result.lazy()
        .select(
            "status",
            margin=pl.when(~c("_needed"))
            .then(
                (c("_margin") * _power(pl, shift)).cast(pl.Decimal(_PRECISION, 0))
                * pl.lit(Decimal(1).scaleb(-scale))
            )
            .cast(margin),
            margin_unit="margin_unit",
            ratio="ratio",
            actual_before_due="actual_before_due",
            _too_long=too_long.any(),
        )
        .collect()
    )
    if result.get_column("_too_long")[0] or any(
        len(m.as_tuple().digits) - _scale(m) + scale > _PRECISION for m in answers["margin"]
    ):
        raise AssessmentError(
            f"margins need more than {_PRECISION} digits at scale {scale} (values of very "
            "different sizes and precisions): use assess_many"
        )
    result = result.drop("_too_long")
    if not rows:
        return result
    columns = []
    for name in _OUTCOMES:  # the rows computed by assess, put in place
        column = result.get_column(name)
        values = pl.Series(name, answers[name], dtype=column.dtype)
        columns.append(column.scatter(rows, values))
    replaced: polars.DataFrame = pl.DataFrame(columns)
    return replaced


def _outcome(core: Any) -> tuple[Any, ...]:
    return (core.status, core.margin, core.margin_unit, core.ratio, core.before_due)


def _unchecked(**fields: Any) -> dict[str, Any]:
    return fields


def _period(day: dt.date) -> Period:
    return Period(day.year, month=day.month, day=day.day)


def _models(row: dict[str, Any]) -> tuple[Actual, Target]:
    """An actual and a target carrying a row's figures (built without validation, for
    assess's calculus, which reads only these)."""
    # Fields the calculus never reads (province, source) are left out.
    actual = Actual.model_construct(
        **_unchecked(id="row"),
        indicator=row["indicator"],
        period=_period(row["actual_end"]),
        qualifier=row["qualifier"] or "exact",
        change_from=None,
        value=Measure.model_construct(value=row["actual_value"], unit=row["actual_unit"]),
    )
    upper = (
        Measure.model_construct(value=row["upper_value"], unit=row["upper_unit"])
        if row["upper_value"] is not None
        else None
    )
    baseline = (
        Baseline.model_construct(
            value=Measure.model_construct(value=row["baseline_value"], unit=row["baseline_unit"]),
            period=_period(row["baseline_end"]),
        )
        if row["baseline_value"] is not None
        else None
    )
    target = Target.model_construct(
        **_unchecked(id="row"),
        indicator=row["indicator"],
        comparator=row["comparator"],
        value=Measure.model_construct(value=row["target_value"], unit=row["target_unit"]),
        upper=upper,
        due=_period(row["due_end"]) if row["due_end"] is not None else None,
        baseline=baseline,
    )
    return actual, target
