"""The figure scanner: numbers, their units, ranges, ranks and fractions, left to right.

A number is a figure when a unit phrase of ``data/units.json`` follows it (``98,26%``,
``tỷ đồng``), when it is a rank (``xếp thứ 38``, ``top 20``), a fraction ``13/17`` (results
only), or a whole number followed by the thing it counts (``01 trung tâm dữ liệu``). Numbers
glued to letters (``5G``, ``48-NQ``), years, references (``mục 2``) and numbers followed by a
word that shows they count nothing (``15 tuổi``) are not figures.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
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
from sodoan.parsing.text import (
    NUMBER_RE,
    alternation,
    fold,
    folded_words,
    phrase_pattern,
    vi,
    words_pattern,
)
from sodoan.units import UNIT_CODES, UnitCode, convert, dimension, unit_specs

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
_MONEY_DIMENSIONS: Final = frozenset({"[currency_vnd]", "[currency_usd]"})
#: A character other than ASCII next to a digit, "." or ",": maybe an invisible one.
_BESIDE_NUMBER_RE: Final = re.compile(r"(?<=[0-9.,])[^\x00-\x7f]|[^\x00-\x7f](?=[0-9.,])")


def _is_number_char(char: str) -> bool:
    return char in "0123456789.," or unicodedata.category(char) == "Cf"


def _invisible_runs(low: str) -> bytearray:
    """Marks the runs of digits, ``.`` and ``,`` that hold an invisible character: a number
    written with one inside ("98,\u200b26") is not read, rather than read as two numbers.
    Invisible characters are those of Unicode category Cf: soft hyphen, zero-width space and
    joiners, word joiner, byte order mark, direction marks, ..."""
    marks = bytearray(len(low))
    for match in _BESIDE_NUMBER_RE.finditer(low):
        if marks[match.start()] or unicodedata.category(match.group()) != "Cf":
            continue
        lo = hi = match.start()
        while lo > 0 and not marks[lo - 1] and _is_number_char(low[lo - 1]):
            lo -= 1
        while hi < len(low) and not marks[hi] and _is_number_char(low[hi]):
            hi += 1
        marks[lo:hi] = b"\x01" * (hi - lo)
    return marks


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
    prefix_ends: tuple[str, ...]  # the last word or symbol of each prefix


@functools.cache
def _unit_tables(locale: str) -> _UnitTables:
    suffixes: dict[str, UnitCode] = {}
    prefixes: list[str] = list(lexicon().rank_prefixes)
    # English numbers may stand in Vietnamese text: both languages' unit phrases are read. A
    # score word ("điểm") is no unit in running text: "169 điểm cầu" counts places, and a bare
    # "85 điểm" is left unread (see the lexicon's score_words), as parse_measure alone reads it.
    languages = (locale, "vi") if locale != "vi" else ("vi",)
    ambiguous = {fold(word) for word in lexicon().score_words}
    for code, spec in unit_specs().items():
        for language in languages:
            for phrase in (*spec.symbols, *spec.labels[language].suffixes):
                if fold(phrase) not in ambiguous:
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
    ends = tuple({re.findall(r"\w+|[^\w\s]", fold(p))[-1] for p in prefixes})
    return _UnitTables(suffix, tuple(suffixes[p] for p in ordered), prefix, ends)


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
    signs: frozenset[str]
    money_scale: re.Pattern[str]
    money_scales: dict[str, str]
    not_rank_before: frozenset[str]


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
        signs=frozenset(words.sign_characters),
        money_scale=vi(
            r"\s{1,3}("
            + "|".join(
                phrase_pattern(fold(p)) for p in sorted(words.money_scales, key=lambda p: -len(p))
            )
            + r")(?!\w)"
        ),
        money_scales={" ".join(fold(k).split()): v for k, v in words.money_scales.items()},
        not_rank_before=folded_words(words.not_rank_before),
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
        self.invisible = _invisible_runs(self.low)
        self.per_year = [m.span() for m in self.words.per_year.finditer(self.low)]

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
        """The number written at ``start:end`` of the input, or None if malformed or written
        with an invisible character inside."""
        if self.invisible[start]:
            return None
        written = self.doc.src[start:end]
        if written.isdigit() and written.isascii():
            return Decimal(written)  # what parse_number gives, without babel's cost
        try:
            return parse_number(written, self.doc.locale)
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
        """Whether the number is glued to what stands before it ("5G", "48-NQ", "A1") or
        signed ("-5%", "−3,5%"): then it is not read (never without its sign)."""
        if start == 0:
            return False
        before = self.low[start - 1]
        if before.isalnum() or before in "_/.,'’":
            return True
        return before in self.words.signs

    def _figure_at(self, start: int, end: int) -> Figure | None:
        if start in self.group_ranks:
            return self._group_rank(start)
        if self._glued_before(start):
            return None
        value = self.number(start, end)
        if value is None:
            return None
        rank_prefix = self._rank_prefix(start)
        if rank_prefix is not None and self._not_rank(rank_prefix.start()):
            return None  # "bảng xếp hạng 63 tỉnh": the size of the table
        # N/D: a fraction of a whole (actuals), a rank out of D, or something else
        slash = NUMBER_RE.match(self.low, end + 1) if self.low[end : end + 1] == "/" else None
        if slash is not None:  # "/" then an ASCII digit ("13/١٧" is not a fraction)
            if rank_prefix is not None:
                return self._rank(rank_prefix.start(), start, end, slash.end(), value)
            return self._fraction(start, value, slash)
        if rank_prefix is not None:
            return self._rank(rank_prefix.start(), start, end, end, value)
        return self._measured(start, end, value)

    def _rank_prefix(self, start: int) -> re.Match[str] | None:
        """``xếp thứ``, ``hạng`` ... right before the number (searched only when the word
        before it ends one)."""
        lo = max(0, start - 20)
        if not self.low[lo:start].rstrip().endswith(self.units.prefix_ends):
            return None
        return self.units.prefix.search(self.low, lo, start)

    def _not_rank(self, prefix_start: int) -> bool:
        """Whether the word before a rank word makes the number no rank ("bảng xếp hạng")."""
        words = self.low[max(0, prefix_start - 20) : prefix_start].split()
        return bool(words) and words[-1] in self.words.not_rank_before

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
        # "Mỗi năm tổ chức tối thiểu 01 cuộc diễn tập"
        count = measure(value, "count_per_year" if self._per_year_before(start) else "count")
        if count is None:
            return None
        return Figure(start, end, start, end, count, counted=noun)

    def _per_year_before(self, start: int) -> bool:
        """Whether "mỗi năm" (or the like) stands earlier in the number's clause."""
        group, chunk = self.doc.locate(start)
        at = bisect.bisect_left(self.per_year, (group.chunks[chunk][0],))
        return at < len(self.per_year) and self.per_year[at][1] <= start

    # -- ranges ------------------------------------------------------------------------------

    def _range(
        self, start: int, end: int, lower: Decimal, lower_unit: tuple[UnitCode, int] | None
    ) -> Figure | None:
        """``23-25%``, ``từ 2 ÷ 3%``, ``10,5% – 11%``: lower < upper, one unit (a rate written
        once at the end applies to both bounds), or two scales of one currency ("từ 500 triệu
        đến 1 tỷ đồng")."""
        scale = self.words.money_scale.match(self.low, end) if lower_unit is None else None
        position = lower_unit[1] if lower_unit else scale.end() if scale else end
        second = self._second_bound(position)
        if second is None or not self.doc.free(start, end):
            return None
        upper = self.number(*second.span())
        if upper is None:
            return None
        upper_unit = self.unit_after(second.end())
        if scale is not None:
            units = self._scaled_units(scale, upper_unit)
        else:
            units = self._range_units(start, end, second, lower_unit, upper_unit)
        if units is None:
            return None
        unit_end = upper_unit[1] if upper_unit else second.end()
        low_measure, high_measure = measure(lower, units[0]), measure(upper, units[1])
        if low_measure is None or high_measure is None:
            return None
        if convert(lower, units[0], units[1]) >= upper:
            return None
        return Figure(start, unit_end, start, unit_end, low_measure, upper=high_measure)

    def _second_bound(self, position: int) -> re.Match[str] | None:
        """The number after a range separator at ``position`` ("- 25", "đến 3"), if free."""
        separator = self.words.range_separator.match(self.low, position)
        if separator is None:
            return None
        second = NUMBER_RE.match(self.low, separator.end())
        return second if second is not None and self.doc.free(*second.span()) else None

    def _scaled_units(
        self, scale: re.Match[str], upper_unit: tuple[UnitCode, int] | None
    ) -> tuple[UnitCode, UnitCode] | None:
        """The units of "500 triệu" and "1 tỷ đồng": the scale word's, in the upper bound's
        currency."""
        if upper_unit is None or dimension(upper_unit[0]) not in _MONEY_DIMENSIONS:
            return None
        currency = upper_unit[0].rsplit("_", 1)[-1]
        words = " ".join(scale.group(1).split())
        code = f"{self.words.money_scales[words]}_{currency}"
        lower = next((c for c in UNIT_CODES if c == code), None)
        return (lower, upper_unit[0]) if lower is not None else None

    def _range_units(
        self,
        start: int,
        end: int,
        second: re.Match[str],
        lower_unit: tuple[UnitCode, int] | None,
        upper_unit: tuple[UnitCode, int] | None,
    ) -> tuple[UnitCode, UnitCode] | None:
        """The units of the two bounds, or None when they do not go together."""
        if upper_unit is None:
            if lower_unit is not None:
                return None
            return ("count", "count") if self._counted_range(start, end, second) else None
        upper = upper_unit[0]
        if lower_unit is None or lower_unit[0] == upper:
            return upper, upper
        if (lower_unit[0], upper) in _SHARED_RATE:
            return upper, upper  # "từ 10% đến 15%/năm": the rate written once applies to both
        money = dimension(lower_unit[0]) == dimension(upper) in _MONEY_DIMENSIONS
        return (lower_unit[0], upper) if money else None  # "500 triệu đồng - 1 tỷ đồng"

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
