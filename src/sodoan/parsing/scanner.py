"""The figure scanner: numbers, their units, ranges, ranks and fractions, left to right.

A number is a figure when a unit phrase of ``data/units.json`` follows it (``98,26%``,
``tỷ đồng``), when it is a rank (``xếp thứ 38``, ``top 20``), a fraction ``13/17`` (results
only), or a whole number followed by the thing it counts (``01 trung tâm dữ liệu``). Numbers
glued to letters (``5G``, ``48-NQ``), years, references (``mục 2``) and numbers followed by a
word that shows they count nothing (``15 tuổi``) are not figures.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

from pydantic import ValidationError

from sodoan.errors import NumberFormatError
from sodoan.measure import Measure
from sodoan.model.actual import MAX_FRACTION_WHOLE
from sodoan.numbers import parse_number
from sodoan.parsing.document import Document, Group
from sodoan.parsing.lexicon import CueKind, lexicon
from sodoan.parsing.text import NUMBER_RE, alternation, fold, folded_words, vi, words_pattern
from sodoan.units import UnitCode, unit_specs

__all__ = ["Figure", "Scanner", "measure"]

#: (lower bound unit, upper bound unit) of ranges whose "/năm" is written once, at the end.
_SHARED_RATE: Final = frozenset(
    {
        ("percent", "percent_per_year"),
        ("percentage_point", "percentage_point_per_year"),
        ("count", "count_per_year"),
    }
)
_SPELLED_OUT_RE: Final = re.compile(r"\s{0,3}\([^()\d\n]{1,25}\)")
_PER_NUMBER_RE: Final = re.compile(r"[^\W\d_][\w ]{0,30}?/\s{0,2}[0-9]")
_NEXT_WORDS_RE: Final = re.compile(r"\s{1,3}([^\W\d_][\w]*)(?:\s{1,3}([^\W\d_][\w]*))?")


@dataclass
class Figure:
    """A number read as a figure, before it becomes a target or an actual."""

    start: int  # span, cue words included
    end: int
    core_start: int  # the number(s) and unit
    core_end: int
    value: Measure
    upper: Measure | None = None
    cues: tuple[CueKind, ...] = ()
    post: Literal["ge", "le"] | None = None
    group_rank: bool = False
    counted: bool = True  # a bare number is followed by the thing it counts
    fraction: tuple[int, int] | None = None
    is_fraction: bool = False
    group: Group | None = None
    chunk: int = 0


def measure(value: Decimal, unit: str) -> Measure | None:
    """``value`` in ``unit``, or None when the unit does not allow it (a negative count)."""
    try:
        return Measure(value=value, unit=unit)
    except ValidationError:
        return None


# -- word tables -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _UnitTables:
    suffix: re.Pattern[str]
    suffix_units: tuple[UnitCode, ...]
    prefix: re.Pattern[str]


@functools.cache
def _unit_tables(locale: str) -> _UnitTables:
    suffixes: dict[str, UnitCode] = {}
    prefixes: list[str] = list(lexicon().rank_prefixes)
    # English numbers may stand in Vietnamese text: both languages' unit phrases are read.
    languages = (locale, "vi") if locale != "vi" else ("vi",)
    for code, spec in unit_specs().items():
        for language in languages:
            for phrase in (*spec.symbols, *spec.labels[language].suffixes):
                suffixes.setdefault(phrase, code)
        if code == "rank" and locale != "vi":
            prefixes.extend(spec.labels[locale].prefixes)
    ordered = sorted(suffixes, key=lambda p: (-len(p), p))
    suffix = re.compile(
        r"\s{0,3}(?:" + "|".join(f"({words_pattern(p, glued=True)})" for p in ordered) + ")"
    )
    prefix_alternatives = "|".join(
        words_pattern(p) for p in sorted(set(prefixes), key=lambda p: (-len(p), p))
    )
    prefix = re.compile(r"(?:" + prefix_alternatives + r")\s{0,3}$")
    return _UnitTables(suffix, tuple(suffixes[p] for p in ordered), prefix)


@dataclass(frozen=True)
class _Words:
    not_counted: frozenset[str]
    not_counted_pairs: frozenset[str]
    reference: frozenset[str]
    reference_pairs: frozenset[str]
    not_reference_pairs: frozenset[str]
    score: frozenset[str]
    group_rank: re.Pattern[str]
    group_rank_context: re.Pattern[str]
    range_separator: re.Pattern[str]
    per_year: re.Pattern[str]


@functools.cache
def _words() -> _Words:
    words = lexicon()
    return _Words(
        not_counted=folded_words(words.not_counted_words),
        not_counted_pairs=folded_words(words.not_counted_pairs),
        reference=folded_words(words.reference_words),
        reference_pairs=folded_words(words.reference_pairs),
        not_reference_pairs=folded_words(words.not_reference_pairs),
        score=folded_words(words.score_words),
        group_rank=vi(
            r"(?<!\w)((?:"
            + alternation(words.group_rank_verbs)
            + r"\s{1,3}){0,3})("
            + "|".join(re.escape(w) for w in words.group_rank_words)
            + r")\s{1,3}([0-9]{1,3})(?![0-9]|[.,][0-9]|\s{0,3}%)"
        ),
        group_rank_context=vi(r"[^;.\n]{0,40}?" + alternation(words.group_rank_context)),
        range_separator=vi(
            r"\s{0,3}(?:" + "|".join(re.escape(w) for w in words.range_separators) + r")\s{0,3}"
        ),
        per_year=vi(r"(?<!\w)" + alternation(words.per_year_words) + r"(?!\w)"),
    )


class Scanner:
    """Finds the figures of a document, left to right."""

    def __init__(self, doc: Document, mode: Literal["target", "actual"]) -> None:
        self.doc = doc
        self.low = doc.low
        self.mode = mode
        self.units = _unit_tables(doc.locale)
        self.words = _words()
        self.group_ranks = self._find_group_ranks()

    def _find_group_ranks(self) -> dict[int, tuple[int, int]]:
        """Number start -> (span start, number end) of ``nằm trong nhóm 20 tỉnh``, ``top 20``."""
        found: dict[int, tuple[int, int]] = {}
        needs_context = fold(lexicon().group_rank_words[0])
        for match in self.words.group_rank.finditer(self.low):
            if match.group(2) == needs_context and not self.words.group_rank_context.match(
                self.low, match.end()
            ):
                continue
            found[match.start(3)] = (match.start(), match.end(3))
        return found

    def number(self, start: int, end: int) -> Decimal | None:
        """The number written at ``start:end`` of the input, or None if malformed."""
        try:
            return parse_number(self.doc.src[start:end], self.doc.locale)
        except NumberFormatError:
            return None

    def unit_after(self, position: int) -> tuple[UnitCode, int] | None:
        """The unit phrase at ``position`` (after a number) and where it ends."""
        match = self.units.suffix.match(self.low, position)
        if match is None or match.lastindex is None:
            return None
        return self.units.suffix_units[match.lastindex - 1], match.end()

    def scan(self) -> list[Figure]:
        """Every figure of the document, in text order, none overlapping another."""
        figures: list[Figure] = []
        consumed = 0
        for match in NUMBER_RE.finditer(self.low):
            start, end = match.span()
            if start < consumed or not self.doc.free(start, end):
                continue
            figure = self._figure_at(start, end)
            if figure is not None:
                figures.append(figure)
                consumed = max(figure.core_end, figure.end)
        return figures

    # -- one number --------------------------------------------------------------------------

    def _glued_before(self, start: int) -> bool:
        if start == 0:
            return False
        before = self.low[start - 1]
        if before.isalnum() or before in "_/.,'’":
            return True
        if before in "-–":
            return start >= 2 and (self.low[start - 2].isalnum())
        return False

    def _figure_at(self, start: int, end: int) -> Figure | None:
        if start in self.group_ranks:
            return self._group_rank(start)
        if self._glued_before(start):
            return None
        value = self.number(start, end)
        if value is None:
            return None
        rank_prefix = self.units.prefix.search(self.low, max(0, start - 20), start)
        # N/D: a fraction of a whole (actuals), a rank out of D, or something else
        slash = NUMBER_RE.match(self.low, end + 1) if self.low[end : end + 1] == "/" else None
        if slash is not None:  # "/" then an ASCII digit ("13/١٧" is not a fraction)
            if rank_prefix is not None:
                return self._rank(rank_prefix.start(), start, end, slash.end(), value)
            return self._fraction(start, value, slash)
        if rank_prefix is not None:
            return self._rank(rank_prefix.start(), start, end, end, value)
        return self._measured(start, end, value)

    def _group_rank(self, start: int) -> Figure | None:
        span_start, number_end = self.group_ranks[start]
        value = self.number(start, number_end)
        rank = measure(value, "rank") if value is not None else None
        if rank is None:
            return None
        return Figure(span_start, number_end, start, number_end, rank, group_rank=True)

    @staticmethod
    def _rank(
        span_start: int, start: int, end: int, span_end: int, value: Decimal
    ) -> Figure | None:
        rank = measure(value, "rank")
        if rank is None:
            return None
        return Figure(span_start, span_end, start, end, rank)

    def _fraction(self, start: int, value: Decimal, denominator: re.Match[str]) -> Figure | None:
        """``13/17``: a count of a whole, read in results only."""
        whole = self.number(*denominator.span())
        if self.mode != "actual" or whole is None or not _fraction_values(value, whole):
            return None
        after = self.low[denominator.end() : denominator.end() + 1]
        if (
            not self.doc.free(*denominator.span())
            or after in ("/", "-")
            or self._counted_after(denominator.end()) is None  # "650/1.000 điểm"
        ):
            return None
        count = measure(value, "count")
        if count is None:
            return None
        end = denominator.end()
        fraction = (int(value), int(whole))
        return Figure(start, end, start, end, count, fraction=fraction, is_fraction=True)

    def _measured(self, start: int, end: int, value: Decimal) -> Figure | None:
        """A number with a unit, a range, or a bare count."""
        unit_match = self.unit_after(end)
        figure = self._range(start, end, value, unit_match)
        if figure is not None:
            return figure
        if unit_match is None:
            return self._bare(start, end, value)
        unit, unit_end = unit_match
        result = measure(value, unit)
        return Figure(start, unit_end, start, unit_end, result) if result else None

    def _bare(self, start: int, end: int, value: Decimal) -> Figure | None:
        """A number without a unit: a count when the thing counted follows it."""
        next_char = self.low[end : end + 1]
        if next_char and (next_char.isalnum() or next_char in "/-_"):
            return None  # whatever follows a number must not be glued to it (5G, 48-NQ)
        if _is_year(self.low[start:end], value) or self._reference_before(start):
            return None
        noun = self._counted_after(end)
        if noun is None:
            return None
        group, chunk = self.doc.locate(start)
        per_year = self.words.per_year.search(self.low, group.chunks[chunk][0], start)
        # "Mỗi năm tổ chức tối thiểu 01 cuộc diễn tập"
        count = measure(value, "count_per_year" if per_year else "count")
        if count is None:
            return None
        return Figure(start, end, start, end, count, counted=noun)

    # -- ranges ------------------------------------------------------------------------------

    def _range(
        self, start: int, end: int, lower: Decimal, lower_unit: tuple[UnitCode, int] | None
    ) -> Figure | None:
        """``23-25%``, ``từ 2 ÷ 3%``, ``10,5% – 11%``: lower < upper, one unit (a rate written
        once at the end applies to both bounds)."""
        separator = self.words.range_separator.match(self.low, lower_unit[1] if lower_unit else end)
        if separator is None:
            return None
        second = NUMBER_RE.match(self.low, separator.end())
        if second is None or not self.doc.free(*second.span()) or not self.doc.free(start, end):
            return None
        upper = self.number(*second.span())
        if upper is None:
            return None
        upper_unit = self.unit_after(second.end())
        unit = self._range_unit(start, end, second, lower_unit, upper_unit)
        if unit is None:
            return None
        unit_end = upper_unit[1] if upper_unit else second.end()
        low_measure, high_measure = measure(lower, unit), measure(upper, unit)
        if low_measure is None or high_measure is None or lower >= upper:
            return None
        return Figure(start, unit_end, start, unit_end, low_measure, upper=high_measure)

    def _range_unit(
        self,
        start: int,
        end: int,
        second: re.Match[str],
        lower_unit: tuple[UnitCode, int] | None,
        upper_unit: tuple[UnitCode, int] | None,
    ) -> UnitCode | None:
        """The unit of both bounds, or None when they do not share one."""
        if upper_unit is None:
            if lower_unit is not None:
                return None
            return "count" if self._counted_range(start, end, second) else None
        if (
            lower_unit
            and lower_unit[0] != upper_unit[0]
            # "từ 10% đến 15%/năm": the rate written once applies to both bounds
            and (lower_unit[0], upper_unit[0]) not in _SHARED_RATE
        ):
            return None
        return upper_unit[0]

    def _counted_range(self, start: int, end: int, second: re.Match[str]) -> bool:
        """A range of counts needs the thing counted: "từ 2 đến 3 doanh nghiệp"."""
        if self.low[second.end() : second.end() + 1] in ("/", "-"):
            return False
        if not self._counted_after(second.end()):
            return False
        return not any(len(t) == 4 and t.isdigit() for t in (self.low[start:end], second.group()))

    # -- words around a bare number ------------------------------------------------------------

    def _reference_before(self, start: int) -> bool:
        words = self.low[max(0, start - 30) : start].split()
        if not words:
            return False
        last = words[-1].strip("(\"'“")
        pair = " ".join(words[-2:]) if len(words) >= 2 else last
        if pair in self.words.not_reference_pairs:
            return False
        return last in self.words.reference or pair in self.words.reference_pairs

    def _counted_after(self, end: int) -> bool | None:
        """True when a noun follows (a count); False when nothing does (a bare number, kept only
        if an indicator vouches for it); None when the next word shows it is not a count."""
        spelled = _SPELLED_OUT_RE.match(self.low, end)  # "01 (một) trung tâm"
        match = _NEXT_WORDS_RE.match(self.low, spelled.end() if spelled else end)
        if match is None:
            following = self.low[end : end + 2].lstrip(" ")
            return False if not following or following[0] in ",;.)\n" else None
        first, second = match.group(1), match.group(2)
        pair = f"{first} {second}" if second else first
        if first in self.words.not_counted or pair in self.words.not_counted_pairs:
            return None
        if first in self.words.score and (second is None or second in self.words.not_counted):
            return None  # "đạt 85 điểm": a score, not a count ("169 điểm cầu" is one)
        if _PER_NUMBER_RE.match(self.low, match.start(1)):
            return None  # "100 thuê bao/100 dân": a rate sodoan has no unit for
        return True


def _fraction_values(value: Decimal, whole: Decimal) -> bool:
    """Whether ``value/whole`` can be a part of a whole: whole numbers, 0 <= part <= whole."""
    return (
        value == value.to_integral_value()
        and whole == whole.to_integral_value()
        and 0 <= value <= whole
        and 1 <= whole <= MAX_FRACTION_WHOLE
    )


def _is_year(digits: str, value: Decimal) -> bool:
    """A year written without "năm": four digits from 1900 to 2199."""
    return len(digits) == 4 and digits.isdigit() and 1900 <= value <= 2199
