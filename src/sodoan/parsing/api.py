"""The parsers: :func:`parse_target` and :func:`parse_actual`, and what they return."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, Literal

from pydantic import NonNegativeInt

from sodoan._base import Record
from sodoan._types import MAX_YEAR, MIN_YEAR
from sodoan.errors import ParseError
from sodoan.measure import Measure
from sodoan.model.actual import Fraction, Qualifier
from sodoan.model.indicator import Indicator
from sodoan.model.target import AdminLevel, Comparator
from sodoan.numbers import normalize_locale
from sodoan.parsing.cues import attach_cues, change_sign, nearest_comparator
from sodoan.parsing.document import Document
from sodoan.parsing.indicators import IndicatorCatalogue, index_of
from sodoan.parsing.lexicon import CueKind, lexicon
from sodoan.parsing.resolver import Resolver, Subjects
from sodoan.parsing.scanner import Figure, Scanner, measure
from sodoan.parsing.text import alternation, vi
from sodoan.period import Period

__all__ = [
    "MAX_TEXT_LENGTH",
    "IndicatorCatalogue",
    "ParsedActual",
    "ParsedTarget",
    "Reading",
    "Skipped",
    "parse_actual",
    "parse_target",
    "read_figures",
]

#: Why a figure is not returned: see :func:`read_figures`.
Skipped = Literal["compared", "bare", "range", "quoted-target"]

#: Longest text the parsers accept, in characters (a paragraph or a few; a bound for hostile
#: input that keeps every call well under a second).
MAX_TEXT_LENGTH: Final = 10_000


# -- results ---------------------------------------------------------------------------------


class ParsedTarget(Record):
    """A target read from text: ``comparator value`` (``between value upper``), with its context.

    Review it before it becomes a :class:`~sodoan.Target`: the text span (``start``, ``end``,
    ``text``) shows what was read.
    """

    comparator: Comparator
    """``gt`` (trên, hơn, vượt), ``ge`` (tối thiểu, ít nhất, trở lên, từ), ``le`` (không quá,
    tối đa, a rank), ``lt`` (dưới) or ``between`` (a range); a plain level (đạt, chiếm, ``80%
    hồ sơ ...``) is ``ge``, or ``le`` for a lower-is-better indicator."""

    value: Measure
    """The threshold; the lower bound of a ``between`` range."""

    upper: Measure | None = None
    """The upper bound of a ``between`` range."""

    due: Period | None = None
    """When the target is due: the year stated for the clause (``đến năm 2025``), a day
    (``hết tháng 6 năm 2025`` is 2025-06-30), else ``default_year``, else none."""

    level: AdminLevel | None = None
    """Administrative level, when the clause states one (``cấp huyện``)."""

    indicator: str | None = None
    """Id of the catalogue indicator whose alias matches the clause, if any."""

    start: NonNegativeInt
    """Offset of the first character read (the comparator word, if any)."""

    end: NonNegativeInt
    """Offset just after the last character read (the unit)."""

    text: str
    """The text read, ``input[start:end]``."""


class ParsedActual(Record):
    """A reported result read from text: a value with how exact it is, and its context."""

    value: Measure
    """The reported level, or the change when ``change_from`` is set (negative for ``giảm``)."""

    qualifier: Qualifier
    """``exact``; ``approximately`` (khoảng); ``more_than`` (trên, hơn); ``at_least`` (ít nhất);
    ``nearly`` (gần); ``less_than`` (dưới); ``at_most`` (không quá, tối đa, ``top 20``)."""

    change_from: Period | None = None
    """For a change (``tăng 0,11% so với năm 2023``): the period it is measured from."""

    fraction: Fraction | None = None
    """The part and whole of a figure written ``13/17``."""

    period: Period | None = None
    """When the figure was measured, when the text says (``năm 2024``, ``đến hết ngày
    31/12/2024``)."""

    level: AdminLevel | None = None
    """Administrative level, when the clause states one."""

    indicator: str | None = None
    """Id of the catalogue indicator whose alias matches the clause, if any."""

    start: NonNegativeInt
    """Offset of the first character read."""

    end: NonNegativeInt
    """Offset just after the last character read."""

    text: str
    """The text read, ``input[start:end]``."""


# -- reading a text --------------------------------------------------------------------------

#: Units that only measure a difference ("lên 5-10 bậc" is a change of rank).
_DIFFERENCE_UNITS: Final = frozenset({"place", "percentage_point", "percentage_point_per_year"})
#: Units of a growth, which "tăng" states as a level ("tăng bình quân 7%/năm", "tăng 5 bậc").
_GROWTH_UNITS: Final = frozenset({"percent_per_year", "count_per_year", "place"})
#: How exact a reported figure is, from its nearest qualifying cue word.
_QUALIFIERS: Final[Mapping[CueKind, Qualifier]] = {
    "gt": "more_than",
    "ge": "at_least",
    "le": "at_most",
    "lt": "less_than",
    "approx": "approximately",
    "nearly": "nearly",
    "from": "at_least",
}


@functools.cache
def _compared() -> re.Pattern[str]:
    """A figure compared with something is not a level: "đạt 95% so với kế hoạch", "đạt 79%
    kế hoạch"."""
    words = lexicon().compared_words
    return vi(r"\s{0,3}(?:[^\W\d_]+\s{1,3}){0,2}?" + alternation(words) + r"(?!\w)")


@functools.cache
def _share_of_plan() -> re.Pattern[str]:
    """A percentage of a plan or target is not a level: "đạt 79% kế hoạch" (but "07 Kế
    hoạch" counts plans)."""
    return vi(r"\s{0,3}" + alternation(lexicon().plan_words) + r"(?!\w)")


@functools.cache
def _quoted_target() -> re.Pattern[str]:
    """A target quoted beside a reported result: "(chỉ tiêu 60%)"."""
    return vi(r"(?<!\w)" + alternation(lexicon().plan_words) + r"\s{0,3}:?\s{0,3}$")


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise ParseError(f"expected text (str), got {type(text).__name__}")
    if len(text) > MAX_TEXT_LENGTH:
        raise ParseError(
            f"text of {len(text)} characters is longer than the {MAX_TEXT_LENGTH} characters "
            "the parser reads; split it into paragraphs"
        )
    return text


def _default_period(default_year: object) -> Period | None:
    if default_year is None:
        return None
    if isinstance(default_year, bool) or not isinstance(default_year, int):
        raise ParseError(f"default_year must be a whole number, got {default_year!r}")
    if not MIN_YEAR <= default_year <= MAX_YEAR:
        raise ParseError(f"default_year must be from {MIN_YEAR} to {MAX_YEAR}: {default_year}")
    return Period(default_year)


def _analyse(
    text: str,
    locale: str,
    mode: Literal["target", "actual"],
    catalogue: IndicatorCatalogue | None,
) -> tuple[Document, list[Figure], Resolver]:
    doc = Document(text, locale, index_of(catalogue))
    figures = Scanner(doc, mode).scan()
    resolver = Resolver(doc, figures)  # places every figure in its group and clause
    attach_cues(figures, doc.low)
    return doc, figures, resolver


def _compared_with(figure: Figure, doc: Document) -> bool:
    if _compared().match(doc.low, figure.end) is not None:
        return True
    return (
        figure.value.unit == "percent" and _share_of_plan().match(doc.low, figure.end) is not None
    )


# -- targets ---------------------------------------------------------------------------------


def _direction_comparator(figure: Figure, indicator: Indicator | None) -> Comparator:
    unit = figure.value.unit
    if unit == "rank":
        return "le"
    if unit == "place":
        return "ge"
    if indicator is not None and indicator.direction == "lower_is_better":
        return "le"
    return "ge"


def _target_comparator(figure: Figure, indicator: Indicator | None) -> Comparator:
    if figure.upper is not None:
        return "between"
    if figure.group_rank:
        return "le"
    if figure.post is not None:
        return figure.post
    nearest = nearest_comparator(figure.cues)
    if nearest is not None:
        return nearest
    if "from" in figure.cues:
        return "ge"
    return _direction_comparator(figure, indicator)


def _threshold_change(figure: Figure, doc: Document, resolver: Resolver) -> bool | None:
    """Whether a target figure is a change (a growth or a difference); None when it is no
    threshold at all."""
    if figure.is_fraction:
        return None
    if resolver.since(figure) is not None or _compared_with(figure, doc):
        return None  # measured against a base ("tăng 5 điểm phần trăm so với năm 2020")
    sign = change_sign(figure.cues)
    if sign is not None and figure.value.unit not in _GROWTH_UNITS:
        return None  # "tăng 20%" of an unstated base is not a threshold
    return sign is not None or figure.value.unit in _DIFFERENCE_UNITS


def _vouched(figure: Figure, indicator: Indicator | None) -> bool:
    """A bare number with no noun after it is kept only when a count indicator names it."""
    return figure.counted or (indicator is not None and indicator.kind == "count")


def _target(
    figure: Figure, doc: Document, resolver: Resolver, subjects: Subjects, default: Period | None
) -> ParsedTarget | Skipped:
    change = _threshold_change(figure, doc, resolver)
    if change is None:
        return "compared"
    indicator, level = subjects.of(figure, change)
    if not _vouched(figure, indicator):
        return "bare"
    return ParsedTarget(
        comparator=_target_comparator(figure, indicator),
        value=figure.value,
        upper=figure.upper,
        due=resolver.period(figure) or default,
        level=level,
        indicator=indicator.id if indicator else None,
        start=figure.start,
        end=figure.end,
        text=doc.src[figure.start : figure.end],
    )


def parse_target(
    text: str,
    *,
    locale: str = "vi",
    default_year: int | None = None,
    catalogue: IndicatorCatalogue | None = None,
) -> list[ParsedTarget]:
    """The targets stated in ``text``, in the order they appear.

    >>> [t.comparator for t in parse_target("Tỷ trọng kinh tế số chiếm trên 18% GRDP")]
    ['gt']

    ``default_year`` is the due year of figures for which the text states none (the year of the
    plan, say); without it their ``due`` is None. ``locale`` selects how numbers and unit
    phrases are written (``vi``: ``98,26%``; ``en``: ``98.26%``); the phrase grammar is always
    Vietnamese. ``catalogue`` is where indicators are looked up: any object with an
    ``indicators`` attribute (a sequence of :class:`~sodoan.Indicator`); None, the default, is
    the bundled indicators. Raises :class:`ParseError` for text that is not a string or is
    longer than :data:`MAX_TEXT_LENGTH`, a ``default_year`` outside 1945-2100 or a catalogue
    without indicators, and :class:`~sodoan.UnsupportedLocaleError` for another locale;
    otherwise returns a (possibly empty) list.
    """
    text = _check_text(text)
    locale = normalize_locale(locale)
    default = _default_period(default_year)
    doc, figures, resolver = _analyse(text, locale, "target", catalogue)
    subjects = Subjects(resolver)
    targets = (_target(figure, doc, resolver, subjects, default) for figure in figures)
    return [target for target in targets if isinstance(target, ParsedTarget)]


# -- results ---------------------------------------------------------------------------------


def _fraction_for_next(figure: Figure, nxt: Figure | None, low: str) -> bool:
    """Whether ``13/17 ... đạt 76,5%``: the fraction is the next figure's, a percentage."""
    return (
        nxt is not None
        and nxt.value.unit == "percent"
        and nxt.upper is None
        and nxt.core_start - figure.core_end <= 80
        and not any(c in low[figure.core_end : nxt.core_start] for c in ";\n")
        and nxt.group is not None
        and nxt.group.sentence == (figure.group.sentence if figure.group else -1)
    )


def _fraction_for_previous(figure: Figure, prev: Figure | None) -> bool:
    """Whether ``76,5% (13/17)``: the fraction is the previous figure's, a percentage."""
    return (
        prev is not None
        and prev.value.unit == "percent"
        and prev.fraction is None
        and 0 <= figure.core_start - prev.core_end <= 4
    )


def _link_fractions(figures: list[Figure], low: str) -> list[Figure]:
    """Attach ``13/17 ... đạt 76,5%`` to the percentage; keep unmatched fractions as counts."""
    kept: list[Figure] = []
    for index, figure in enumerate(figures):
        if not figure.is_fraction:
            kept.append(figure)
            continue
        nxt = figures[index + 1] if index + 1 < len(figures) else None
        prev = kept[-1] if kept else None
        if nxt is not None and _fraction_for_next(figure, nxt, low):
            nxt.fraction = figure.fraction
            nxt.start = figure.start  # the text read runs from "13/17" to "76,5%"
        elif prev is not None and _fraction_for_previous(figure, prev):
            prev.fraction = figure.fraction
            prev.end = max(prev.end, figure.end)
        else:
            kept.append(figure)
    return kept


def _reported_value(
    figure: Figure, doc: Document, resolver: Resolver
) -> tuple[Measure, Period | None, bool, bool] | None:
    """The value reported (negative for ``giảm``), the period a change is measured from,
    whether it is a change, and whether its sign was read from a comparison ("cao hơn 10,2% so
    với cùng kỳ"); None when the figure is not a result that can be read."""
    value = figure.value
    sign = change_sign(figure.cues)
    since = resolver.since(figure)
    comparative = False
    if sign is None and since is not None:
        nearest = nearest_comparator(figure.cues)
        if nearest in ("gt", "lt"):
            sign, comparative = (1 if nearest == "gt" else -1), True
    compared = since is not None or _compared_with(figure, doc)
    if sign is None and not compared:
        return value, None, False, False
    if sign is None or (compared and since is None):
        return None  # "bằng 120% so với năm 2023", "đạt 95% so với kế hoạch": not read
    if since is None and value.unit not in ("place", "percent_per_year"):
        return None  # a change from an unstated base
    change = value.unit != "percent_per_year" or since is not None
    if not change:
        return value, None, False, False  # "tăng bình quân 7%/năm": a growth rate is a level
    signed = value if sign > 0 else measure(-value.value, value.unit)
    return None if signed is None else (signed, since, True, comparative)


def _qualifier(figure: Figure) -> Qualifier:
    if figure.group_rank:
        return "at_most"
    if figure.post is not None:
        return "at_least" if figure.post == "ge" else "at_most"
    return next((_QUALIFIERS[k] for k in figure.cues if k in _QUALIFIERS), "exact")


def _actual(
    figure: Figure, doc: Document, resolver: Resolver, subjects: Subjects
) -> ParsedActual | Skipped:
    if figure.upper is not None:
        return "range"  # a reported range is not one figure
    if _quoted_target().search(doc.low, max(0, figure.start - 30), figure.start):
        return "quoted-target"  # "(chỉ tiêu 60%)": the target, quoted beside the result
    reported = _reported_value(figure, doc, resolver)
    if reported is None:
        return "compared"
    value, since, change, comparative = reported
    indicator, level = subjects.of(figure, change)
    if not _vouched(figure, indicator):
        return "bare"
    fraction = (
        Fraction(numerator=figure.fraction[0], denominator=figure.fraction[1])
        if figure.fraction
        else None
    )
    return ParsedActual(
        value=value,
        qualifier="exact" if comparative else _qualifier(figure),
        change_from=since,
        fraction=fraction,
        period=resolver.period(figure),
        level=level,
        indicator=indicator.id if indicator else None,
        start=figure.start,
        end=figure.end,
        text=doc.src[figure.start : figure.end],
    )


def parse_actual(
    text: str, *, locale: str = "vi", catalogue: IndicatorCatalogue | None = None
) -> list[ParsedActual]:
    """The results reported in ``text``, in the order they appear.

    >>> [(a.qualifier, str(a.value)) for a in parse_actual("đạt khoảng 85%")]
    [('approximately', '85 percent')]

    A change (``tăng 0,11% so với năm 2023``) has ``change_from``; ``giảm`` makes it negative;
    ``tăng 10 bậc`` is a change of rank in ``place``. A change whose base the text does not
    state (``tăng 15%``) is not returned. ``locale``, ``catalogue`` and errors as for
    :func:`parse_target`.
    """
    text = _check_text(text)
    locale = normalize_locale(locale)
    doc, figures, resolver = _analyse(text, locale, "actual", catalogue)
    subjects = Subjects(resolver)
    actuals = (_actual(f, doc, resolver, subjects) for f in _link_fractions(figures, doc.low))
    return [actual for actual in actuals if isinstance(actual, ParsedActual)]


# -- every figure, read or not (for the document extractor) ---------------------------------


@dataclass(frozen=True)
class Reading:
    """A figure of a text: what it was read as, or why it was not."""

    start: int
    end: int
    item: ParsedTarget | ParsedActual | None
    skipped: Skipped | None


def read_figures(
    text: str,
    mode: Literal["target", "actual"],
    *,
    locale: str = "vi",
    default_year: int | None = None,
    catalogue: IndicatorCatalogue | None = None,
) -> list[Reading]:
    """Every figure of ``text`` read as a target or a result (``mode``), with the reason a
    figure is not returned by :func:`parse_target` / :func:`parse_actual`: ``compared`` (a
    figure measured against something: "đạt 79% kế hoạch", "tăng 20%" of an unstated base),
    ``bare`` (a number with no unit and no noun that no count indicator names), ``range`` (a
    reported range) or ``quoted-target`` (a target quoted beside a result)."""
    text = _check_text(text)
    locale = normalize_locale(locale)
    doc, figures, resolver = _analyse(text, locale, mode, catalogue)
    subjects = Subjects(resolver)
    readings: list[Reading] = []
    if mode == "target":
        default = _default_period(default_year)
        readings.extend(
            _reading(figure, _target(figure, doc, resolver, subjects, default))
            for figure in figures
        )
    else:
        readings.extend(
            _reading(figure, _actual(figure, doc, resolver, subjects))
            for figure in _link_fractions(figures, doc.low)
        )
    return readings


def _reading(figure: Figure, result: ParsedTarget | ParsedActual | Skipped) -> Reading:
    if isinstance(result, str):
        return Reading(figure.start, figure.end, None, result)
    return Reading(result.start, result.end, result, None)
