"""Reading targets and results straight from Vietnamese plan text.

:func:`parse_target` turns a sentence of a plan into typed targets, :func:`parse_actual` a
sentence of a report into typed results, so that adding a province is reviewing parsed output,
not retyping numbers:

>>> [(t.comparator, str(t.value), t.due) for t in parse_target("Đến năm 2030, tối thiểu 90% ...")]
[('ge', '90 percent', Period(2030))]

The parser reads the phrase grammar of these documents rather than particular sentences:

* **Figures**: a number (Vietnamese format: ``.`` groups thousands, ``,`` is the decimal mark)
  with a unit phrase of ``data/units.json`` (``%``, ``%/năm``, ``điểm phần trăm``, ``triệu đồng``,
  ``tỷ đồng``, ``lần/năm``, ``bậc``, ...), a rank (``xếp thứ 38``, ``nằm trong nhóm 20 tỉnh``,
  ``top 20``), a range (``từ 2 ÷ 3%``, ``23-25%``, ``10,5% – 11%``) or a bare whole number
  followed by the thing counted (``01 trung tâm dữ liệu``, ``1.899 thủ tục``).
* **Not figures**: years and dates, document numbers (``60/KH-UBND``, ``42/2022/NĐ-CP``),
  ``4G/5G``, ``chợ 4.0``, list markers (``(1)``, ``2.1.``), footnotes (``[4]``), section numbers
  (``mục 2``, ``Phụ lục 02``), ages (``15 tuổi``), durations and service levels (``mức độ 4``).
* **Comparators and qualifiers** from the words just before the figure (``trên``, ``tối thiểu``,
  ``không quá``, ``dưới``, ``khoảng``, ``gần``, ...) and after it (``trở lên``, ``trở xuống``).
* **Context** from the clause: the year a figure is due or refers to, the administrative level
  (``cấp tỉnh``, ``cấp huyện``, ``cấp xã``, ``thôn``) and the indicator, matched against the
  aliases of the bundled indicator catalogue: whole words, the noun right after the figure
  first, then the longest alias. An alias ``A ... B`` is A followed by B within 80 characters;
  when B is the noun right after the figure, A may stand in an earlier clause of the sentence
  ("cáp quang phủ 100% xã, phường, thị trấn và trên 80% hộ gia đình").

Clauses are the parts of a sentence between ``,`` ``;`` ``:`` (and ``và`` when a new figure
follows); a parenthesised part is a clause of its own, which sees its enclosing clause but is not
seen by it, so "80% hồ sơ công việc cấp huyện (năm 2030 đạt 90%)" gives a target for the default
year and one for 2030, both at district level.

When the parser is unsure it returns nothing rather than a guess: every value it returns is a
number written in the text.

Limits: the input is at most :data:`MAX_TEXT_LENGTH` characters (longer text raises
:class:`ParseError`; split a document into paragraphs first). Offsets (``start``, ``end``) index
the NFC form of the input, which is the input itself for ordinary (NFC) text.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, Literal

from pydantic import NonNegativeInt, TypeAdapter, ValidationError

from sodoan._base import Record
from sodoan._resources import read_json
from sodoan._types import MAX_YEAR, MIN_YEAR
from sodoan.errors import NumberFormatError, ParseError
from sodoan.measure import Measure
from sodoan.model.actual import MAX_FRACTION_WHOLE, Fraction, Qualifier
from sodoan.model.indicator import KIND_DIMENSIONS, Indicator, units_of_kind
from sodoan.model.target import AdminLevel, Comparator
from sodoan.numbers import normalize_locale, parse_number
from sodoan.period import Period
from sodoan.units import UnitCode, dimension, unit_spec, unit_specs

__all__ = [
    "MAX_TEXT_LENGTH",
    "ParseError",
    "ParsedActual",
    "ParsedTarget",
    "parse_actual",
    "parse_target",
]

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


# -- text normalisation ----------------------------------------------------------------------

# Old and new placement of the tone mark (hoá/hóa, thuỷ/thủy) and the two spellings of tỷ/tỉ
# are folded to one form, without changing the length of the text (offsets stay valid).
_TONE_FIXES: Final[Mapping[str, str]] = {
    "oá": "óa",
    "oà": "òa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oé": "óe",
    "oè": "òe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uý": "úy",
    "uỳ": "ùy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE: Final = re.compile("|".join(_TONE_FIXES))
_TI_RE: Final = re.compile(r"(?<!\w)tỉ(?!\w)")


def _lower_char(char: str) -> str:
    lowered = char.lower()
    if len(lowered) != 1:
        return char
    if lowered.isspace() and lowered != "\n":
        return " "
    if lowered == "％":
        return "%"
    return lowered


def _fold(text: str) -> str:
    """``text`` lower-cased and spelling-folded for matching, with the same length."""
    folded = "".join(_lower_char(c) for c in text)
    folded = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group()], folded)
    return _TI_RE.sub("tỷ", folded)


def _vi(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """A regex whose Vietnamese literals are spelled as :func:`_fold` spells the text (lower
    case, new tone placement: ``khoảng`` is matched as ``khỏang``)."""
    pattern = _TONE_RE.sub(lambda m: _TONE_FIXES[m.group()], pattern)
    return re.compile(_TI_RE.sub("tỷ", pattern), flags)


def _words_pattern(phrase: str, *, glued: bool = False) -> str:
    """A regex for a folded phrase: words separated by 1-3 spaces, symbols by 0-3; the phrase
    starts a word unless ``glued`` (a unit may follow its number directly: ``10Gb/s``)."""
    parts: list[str] = []
    for token in re.findall(r"\w+|[^\w\s]", _fold(" ".join(phrase.split()))):
        if parts:
            word_to_word = token[0].isalnum() and parts[-1][-1].isalnum()
            parts.append(r"\s{1,3}" if word_to_word else r"\s{0,3}")
        parts.append(re.escape(token))
    pattern = "".join(parts)
    if phrase[:1].isalnum() and not glued:
        pattern = r"(?<!\w)" + pattern
    if phrase[-1:].isalnum():
        pattern += r"(?!\w)"
    return pattern


# -- vocabulary ------------------------------------------------------------------------------

_CueKind = Literal[
    "gt",
    "ge",
    "le",
    "lt",
    "approx",
    "nearly",
    "from",
    "up",
    "down",
    "to_level",
    "average",
    "plain",
    "filler",
]

#: Words just before a figure and what they say about it (folded; up to three words).
_CUE_WORDS_AS_WRITTEN: Final[Mapping[str, _CueKind]] = {
    # strictly more
    "trên": "gt",
    "hơn": "gt",
    "vượt": "gt",
    "vượt trên": "gt",
    "cao hơn": "gt",
    "lớn hơn": "gt",
    "nhiều hơn": "gt",
    # at least
    "tối thiểu": "ge",
    "ít nhất": "ge",
    "không dưới": "ge",
    "không thấp hơn": "ge",
    "không ít hơn": "ge",
    "không nhỏ hơn": "ge",
    # at most
    "tối đa": "le",
    "không quá": "le",
    "không vượt quá": "le",
    "không vượt": "le",
    "không cao hơn": "le",
    "không lớn hơn": "le",
    "không nhiều hơn": "le",
    "nhiều nhất": "le",
    # strictly less
    "dưới": "lt",
    "thấp hơn": "lt",
    "ít hơn": "lt",
    "nhỏ hơn": "lt",
    "chưa đến": "lt",
    "chưa tới": "lt",
    "chưa đầy": "lt",
    "không đến": "lt",
    "không tới": "lt",
    # how exact a reported figure is
    "khoảng": "approx",
    "khoảng chừng": "approx",
    "xấp xỉ": "approx",
    "ước đạt": "approx",
    "ước tính": "approx",
    "ước khoảng": "approx",
    "ước": "approx",
    "chừng": "approx",
    "gần": "nearly",
    "gần như": "nearly",
    # "từ 7%/năm", "từ 20% ... trở lên": at least
    "từ": "from",
    # changes ("tăng 0,11% so với năm 2023") and levels reached ("tăng lên 98%")
    "tăng": "up",
    "tăng thêm": "up",
    "nâng": "up",
    "giảm": "down",
    "giảm thêm": "down",
    "cắt giảm": "down",
    "giảm thiểu": "down",
    "rút ngắn": "down",
    # "tăng bình quân 7%": a growth rate per year
    "bình quân": "average",
    "trung bình": "average",
    "hằng năm": "average",
    "hàng năm": "average",
    "mỗi năm": "average",
    "tăng lên": "to_level",
    "nâng lên": "to_level",
    "giảm xuống": "to_level",
    "giảm còn": "to_level",
    "lên": "to_level",
    "còn": "to_level",
    # a plain level
    "đạt": "plain",
    "đạt được": "plain",
    "chiếm": "plain",
    "phấn đấu": "plain",
    "phấn đấu đạt": "plain",
    "duy trì": "plain",
    "bằng": "plain",
    # words that may stand between a cue and the figure
    "là": "filler",
    "mức": "filler",
    "ở": "filler",
    "ở mức": "filler",
    "tỷ lệ": "filler",
    "tỷ trọng": "filler",
    "có": "filler",
    "hiện có": "filler",
    "được": "filler",
    "đến": "filler",
    "tới": "filler",
    "con số": "filler",
    "tổng số": "filler",
    "tổng cộng": "filler",
    "thêm": "filler",
    "cho": "filler",
    "với": "filler",
    "đạt tỷ lệ": "plain",
}

_CUE_WORDS: Final[Mapping[str, _CueKind]] = {_fold(k): v for k, v in _CUE_WORDS_AS_WRITTEN.items()}

_CUE_COMPARATORS: Final[Mapping[_CueKind, Comparator]] = {
    "gt": "gt",
    "ge": "ge",
    "le": "le",
    "lt": "lt",
}


#: Words after a bare number that show it is not a count of things (time, age, scale words,
#: section words, function words) - such numbers are never read as figures.
def _folded_words(*lines: str) -> frozenset[str]:
    return frozenset(_fold(word) for line in lines for word in line.split())


#: Words of a clause that continues the previous figure's subject ("và 30% vào năm 2030").
_ELLIPSIS_WORDS: Final = frozenset(
    {word for phrase in _CUE_WORDS for word in phrase.split()}
    | _folded_words(
        "và hoặc còn riêng thì sẽ phải cần grdp gdp"
        # what follows a rank in a group: "nhóm 10 tỉnh, thành phố dẫn đầu cả nước"
        " nhóm top tốp tỉnh thành phố địa phương dẫn đứng đầu cả nước toàn quốc cao tốt nhất"
    )
)

_NOT_COUNTED: Final = _folded_words(
    # time and age
    "năm tháng ngày tuần giờ phút giây quý buổi kỳ tuổi thế đời khóa"
    # scale words without a known unit, measures sodoan has no unit for
    " nghìn ngàn triệu tỷ tỉ trăm chục vạn km m cm mm ha kg g tấn lít mét kw kwh mw gb tb mb"
    " ghz mhz lượng"
    # counts that are structure, not results
    " cấp bước phần chiều nhóm số lần điều khoản mục chương loại mặt hướng kênh"
    # function words
    " tại của và hoặc trên dưới với cho trong ngoài ở là đã được để theo về từ đến tới này"
    " đó các những như thì mà nhưng có không sẽ đang khi nếu vào ra lên xuống bằng so hơn"
    " đạt chiếm gồm tăng giảm x"
)
_NOT_COUNTED_PAIRS: Final = frozenset(
    _fold(w)
    for w in (
        "mục tiêu",
        "nhiệm vụ",
        "giải pháp",
        "trụ cột",
        "nội dung",
        "chỉ tiêu",
        "lĩnh vực",
        "đột phá",
        "chương trình",
        "định hướng",
        "quan điểm",
        "nguyên tắc",
        "cấp độ",
        "mức độ",
        "thành phần",
    )
)

#: Words just before a bare number that make it a name or a reference, not a figure.
_REFERENCE_WORDS: Final = _folded_words(
    "số thứ mục điều khoản điểm chương phần khóa quý tháng ngày năm lần kỳ lớp"
    " phường quận xã thôn tổ ấp khóm khu đường lộ tầng phòng lô km nhóm top tốp"
    " quyết nghị định hoạch tư văn thị báo cáo luật cv án trình"
)
#: ... and two-word ones.
_REFERENCE_PAIRS: Final = frozenset(
    _fold(w)
    for w in (
        "mức độ",
        "cấp độ",
        "lần thứ",
        "phụ lục",
        "tiểu mục",
        "giai đoạn",
        "thời kỳ",
        "khu phố",
        "quốc lộ",
        "tỉnh lộ",
        "phiên bản",
        "công nghiệp",
        "cách mạng",
    )
)
#: Words before a number that are not references although they end in one of the above.
_NOT_REFERENCE_PAIRS: Final = frozenset(_fold(w) for w in ("tổng số", "con số", "có số"))

#: Unit words before a number that make it a rank (``xếp thứ 38``); bare ``thứ`` is an ordinal.
_RANK_PREFIXES_VI: Final = (
    "xếp thứ",
    "đứng thứ",
    "đứng hạng",
    "xếp hạng",
    "vị trí thứ",
    "thứ hạng",
    "hạng",
)

#: Level words, and phrases that name several levels (no single level then).
_LEVEL_PHRASES: Final[Sequence[tuple[str, AdminLevel | None]]] = (
    (r"các\s{1,3}cấp", None),
    (
        r"(?:cấp\s{1,3})?(?:trung\s{1,3}ương|tỉnh)\s{1,3}(?:đến|tới|xuống)\s{1,3}"
        r"(?:cấp\s{1,3})?(?:huyện|xã|cơ\s{1,3}sở|thôn)",
        None,
    ),
    (
        r"cấp\s{1,3}(?:tỉnh|huyện|xã|thôn|quận|phường)(?:\s{0,3}(?:,|và|đến|tới|-|–|/)\s{0,3}"
        r"(?:cấp\s{1,3})?(?:tỉnh|huyện|xã|thôn|bản|quận|phường|thị\s{1,3}trấn))+",
        None,
    ),
    (r"cấp\s{1,3}tỉnh", "province"),
    (r"cấp\s{1,3}(?:huyện|quận)", "district"),
    (r"cấp\s{1,3}(?:xã|phường)", "commune"),
    (r"cấp\s{1,3}thôn", "village"),
    (
        r"(?<!nông\s)thôn(?:\s{0,3},\s{0,3}(?:bản|ấp|xóm|làng))?"
        r"(?:\s{0,3},\s{0,3}tổ\s{1,3}(?:dân\s{1,3}phố|nhân\s{1,3}dân))?",
        "village",
    ),
    (r"tổ\s{1,3}dân\s{1,3}phố|tổ\s{1,3}nhân\s{1,3}dân|ấp\s{0,3},\s{0,3}khóm", "village"),
)

#: A named area is stated at its level: "huyện Hàm Yên (06 chợ ...)" (the name must follow with
#: a capital letter; "các huyện, thành phố" names no area).
_NAMED_AREAS: Final[Sequence[tuple[str, AdminLevel]]] = (
    (r"huyện|thành\s{1,3}phố|thị\s{1,3}xã|quận", "district"),
    (r"xã|phường|thị\s{1,3}trấn", "commune"),
)

#: Between a figure and a level word, words that make the level word the thing counted
#: ("100% các thôn", "94,05% số thôn", "100% đơn vị hành chính cấp xã"): those units are the
#: population of the indicator, not the level the figure is stated for.
_POPULATION_RE: Final = _vi(
    r"\s*(?:(?:các|số|những|toàn\s{1,3}bộ|tất\s{1,3}cả)\s{1,3}){0,2}"
    r"(?:đơn\s{1,3}vị\s{1,3}hành\s{1,3}chính\s{1,3})?"
)

# -- units -----------------------------------------------------------------------------------

_NUMBER_RE: Final = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


@dataclass(frozen=True)
class _UnitTables:
    suffix: re.Pattern[str]
    suffix_units: tuple[UnitCode, ...]
    prefix: re.Pattern[str]


@functools.cache
def _unit_tables(locale: str) -> _UnitTables:
    suffixes: dict[str, UnitCode] = {}
    prefixes: list[str] = list(_RANK_PREFIXES_VI)
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
        r"\s{0,3}(?:" + "|".join(f"({_words_pattern(p, glued=True)})" for p in ordered) + ")"
    )
    prefix_alternatives = "|".join(
        _words_pattern(p) for p in sorted(set(prefixes), key=lambda p: (-len(p), p))
    )
    prefix = re.compile(r"(?:" + prefix_alternatives + r")\s{0,3}$")
    return _UnitTables(suffix, tuple(suffixes[p] for p in ordered), prefix)


def _measure(value: Decimal, unit: str) -> Measure | None:
    try:
        return Measure(value=value, unit=unit)
    except ValidationError:
        return None


# -- the indicator catalogue -----------------------------------------------------------------


@dataclass(frozen=True)
class _Alias:
    indicator: str
    pattern: re.Pattern[str]
    anchor: str  # a folded word the text must contain for the pattern to match
    gap: bool


@dataclass(frozen=True)
class _Catalogue:
    indicators: Mapping[str, Indicator]
    aliases: tuple[_Alias, ...]


_GAP: Final = "..."


@functools.cache
def _catalogue() -> _Catalogue:
    entries = TypeAdapter(list[Indicator]).validate_python(read_json("indicators.json"))
    aliases: list[_Alias] = []
    for indicator in entries:
        seen: set[str] = set()
        for phrase in (indicator.name.vi, *indicator.aliases):
            key = _fold(" ".join(phrase.split()))
            if key in seen or not key.strip(" .…"):
                continue
            seen.add(key)
            pieces = [p.strip() for p in phrase.replace("…", _GAP).split(_GAP)]
            pieces = [p for p in pieces if p]
            if not pieces:
                continue
            parts = [_words_pattern(p) for p in pieces]
            if len(parts) > 1:
                parts[-1] = f"(?P<tail>{parts[-1]})"
            pattern = r"[^\n;]{0,80}?".join(parts)
            anchor = max(_fold(" ".join(pieces)).split(), key=len)
            aliases.append(_Alias(indicator.id, re.compile(pattern), anchor, gap=len(pieces) > 1))
    return _Catalogue({i.id: i for i in entries}, tuple(aliases))


@functools.cache
def _change_dimensions(kind: str) -> frozenset[str]:
    dims = set(KIND_DIMENSIONS[kind])
    for unit in units_of_kind(kind):
        dims.add(dimension(unit_spec(unit).difference))
    return frozenset(dims)


def _fits(indicator: Indicator, unit: str, change: bool) -> bool:
    dim = dimension(unit)
    if dim in KIND_DIMENSIONS[indicator.kind]:
        return True
    return change and dim in _change_dimensions(indicator.kind)


# -- periods ---------------------------------------------------------------------------------

_YEAR = r"((?:19|20|21)[0-9]{2})(?![0-9]|[.,][0-9])"
_TIME_LEAD = (
    r"(?:(?:đến|tới|trước|vào|trong|tính\s{1,3}đến|cho\s{1,3}đến|hết|cuối|đầu|giữa|sau|từ|"
    r"tầm\s{1,3}nhìn|định\s{1,3}hướng|phấn\s{1,3}đấu)\s{1,3}){0,3}"
)
_SINCE = r"(so\s{1,3}(?:với|sánh\s{1,3}với)\s{1,3}(?:cùng\s{1,3}kỳ\s{1,3})?)?"
_ROMAN_QUARTERS: Final[Mapping[str, int]] = {"i": 1, "ii": 2, "iii": 3, "iv": 4}

_Role = Literal["at", "since", "doc"]


@dataclass(frozen=True)
class _When:
    start: int
    end: int
    period: Period | None
    role: _Role


def _period(year: int, month: int | None = None, day: int | None = None) -> Period | None:
    try:
        return Period(year, month=month, day=day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> Period | None:
    if not 1 <= month <= 12 or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _period(year, month, calendar.monthrange(year, month)[1])


_WHEN_PATTERNS: Final = tuple(
    _vi(p)
    for p in (
        # 0: ngày 30/6/2025, ngày 5-8-2022
        _SINCE + r"(" + _TIME_LEAD + r")ngày\s{1,3}([0-9]{1,2})\s{0,2}[/.-]\s{0,2}([0-9]{1,2})"
        r"\s{0,2}[/.-]\s{0,2}" + _YEAR,
        # 1: ngày 26 tháng 3 năm 2025
        _SINCE + r"(" + _TIME_LEAD + r")ngày\s{1,3}([0-9]{1,2})\s{1,3}tháng\s{1,3}([0-9]{1,2})"
        r"\s{1,3}năm\s{1,3}" + _YEAR,
        # 2: đến 30/6/2025 (no "ngày"); a bare d/m/yyyy is a document date
        _SINCE + r"(" + _TIME_LEAD + r")(?<![0-9/.-])([0-9]{1,2})\s{0,2}[/.-]\s{0,2}([0-9]{1,2})"
        r"\s{0,2}[/.-]\s{0,2}" + _YEAR,
        # 3: hết tháng 6 năm 2025, tháng 12/2024
        _SINCE
        + r"("
        + _TIME_LEAD
        + r")tháng\s{1,3}([0-9]{1,2})(?:\s{1,3}năm\s{1,3}|\s{0,2}/\s{0,2})"
        + _YEAR,
        # 4: quý II năm 2025, quý 3/2024
        _SINCE
        + r"("
        + _TIME_LEAD
        + r")quý\s{1,3}(iv|i{1,3}|[1-4])(?:\s{1,3}năm\s{1,3}|\s{0,2}/\s{0,2})"
        + _YEAR,
        # 5: giai đoạn 2021-2025, 2026 - 2030, từ năm 2021 đến năm 2025
        _SINCE + r"((?:giai\s{1,3}đoạn|thời\s{1,3}kỳ|từ\s{1,3}năm|từ|năm)\s{1,3})?(?<![0-9])"
        r"((?:19|20|21)[0-9]{2})\s{0,3}(?:-|–|—|đến|tới|÷)\s{0,3}(?:năm\s{1,3})?" + _YEAR,
        # 6: năm 2025, đến hết năm 2025, so với năm 2023
        _SINCE + r"(" + _TIME_LEAD + r")năm\s{1,3}" + _YEAR,
        # 7: đến 2025, tầm nhìn 2030
        _SINCE
        + r"((?:đến|tới|vào|tầm\s{1,3}nhìn|định\s{1,3}hướng)\s{1,3}(?:đến\s{1,3})?)"
        + _YEAR
        + r"(?!\s{0,3}(?:%|\w))",
    )
)


def _when_of(index: int, match: re.Match[str]) -> _When:
    since = match.group(1) is not None
    lead = (match.group(2) or "").strip()
    role: _Role = "since" if since else "at"
    period: Period | None
    if index in (0, 1, 2):
        day, month, year = int(match.group(3)), int(match.group(4)), int(match.group(5))
        if not lead and not since:
            role = "doc"
        period = _period(year, month, day) if MIN_YEAR <= year <= MAX_YEAR else None
    elif index == 3:
        month, year = int(match.group(3)), int(match.group(4))
        if re.search(r"(?:hết|cuối)$", lead):
            period = _month_end(year, month)
        else:
            period = _period(year, month) if MIN_YEAR <= year <= MAX_YEAR and month <= 12 else None
    elif index == 4:
        raw, year = match.group(3), int(match.group(4))
        quarter = _ROMAN_QUARTERS.get(raw) or int(raw)
        period = Period(year, quarter=quarter) if MIN_YEAR <= year <= MAX_YEAR else None
    elif index == 5:
        first, last = int(match.group(3)), int(match.group(4))
        ok = first < last <= first + 30 and MIN_YEAR <= last <= MAX_YEAR
        period = Period(last) if ok else None
    else:
        year = int(match.group(3))
        period = Period(year) if MIN_YEAR <= year <= MAX_YEAR else None
    return _When(match.start(), match.end(), period, role)


# -- things that look like numbers but are not figures ---------------------------------------

_DOCUMENT_NUMBER_RE: Final = re.compile(
    r"(?<![\w/])[0-9]{1,5}(?:/[0-9]{2,4})*(?:[-/]\s?[A-ZĐ][\wĐđ]*)+"
)
_BLOCKED_PATTERNS: Final = tuple(
    _vi(p, re.MULTILINE)
    for p in (
        # list markers at the start of a line: "1.", "2.1.", "3)", "- 1.2."
        r"^[ \t]*[-+•*]?[ \t]*\(?[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}[.)](?=\s|$)",
        # "(1)", "[4]" anywhere
        r"\(\s{0,2}[0-9]{1,2}\s{0,2}\)|\[[0-9]{1,3}\]",
        # clock times and 24/7
        r"(?<![0-9])(?:24/7|24/24|[0-9]{1,2}\s?(?:h|giờ)\s?[0-9]{2}|[0-9]{1,2}:[0-9]{2})(?![0-9])",
        # dates without a year: "ngày 10/12", and month/year "6/2025"
        r"ngày\s{1,3}[0-9]{1,2}\s{0,2}/\s{0,2}[0-9]{1,2}(?!\s{0,2}/?\s{0,2}[0-9])",
        r"(?<![0-9/.,])[0-9]{1,2}/(?:19|20|21)[0-9]{2}(?![0-9])",
        # bare years (a 4-digit number from 1900 to 2199 with no unit): handled in the scanner
    )
)

# -- text structure --------------------------------------------------------------------------


@dataclass(eq=False)
class _Group:
    """A sentence, or a parenthesised part of one (which may be left open at the sentence end)."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    parent: _Group | None
    sentence: int
    children: list[_Group] = field(default_factory=list)
    child_starts: list[int] = field(default_factory=list)
    chunks: list[tuple[int, int]] = field(default_factory=list)
    chunk_starts: list[int] = field(default_factory=list)

    def ancestors(self) -> Iterable[_Group]:
        group: _Group | None = self
        while group is not None:
            yield group
            group = group.parent


#: Parentheses nested deeper than this are read as plain characters.
_MAX_NESTING: Final = 8
_SENTENCE_END_RE: Final = _vi(r"\n|[.!?…]+(?=\s|$)")
_CUE_LOOKAHEAD = (
    r"(?:(?:trên|hơn|dưới|tối\s{1,3}thiểu|ít\s{1,3}nhất|khoảng|gần|có|đạt|chiếm|tối\s{1,3}đa|"
    r"không\s{1,3}quá|từ)\s{1,3}){0,3}"
)
_SEPARATOR_RE: Final = _vi(
    r"[,;:]|\svới\s{1,3}(?=tổng\s{1,3}số\s)|\s(?:và|hoặc)\s(?="
    + _CUE_LOOKAHEAD
    + r"[0-9]|(?:đến|tới|trong|vào)?\s{0,3}năm\s)"
)


@dataclass
class _Figure:
    """A number read as a figure, before it becomes a target or an actual."""

    start: int  # span, cue words included
    end: int
    core_start: int  # the number(s) and unit
    core_end: int
    value: Measure
    upper: Measure | None = None
    cues: tuple[_CueKind, ...] = ()
    post: Literal["ge", "le"] | None = None
    group_rank: bool = False
    counted: bool = True  # a bare number is followed by the thing it counts
    fraction: tuple[int, int] | None = None
    is_fraction: bool = False
    group: _Group | None = None
    chunk: int = 0


class _Document:
    """A text with everything the figure scanner and the context rules need, computed once."""

    def __init__(self, text: str, locale: str) -> None:
        self.src = unicodedata.normalize("NFC", text)
        self.low = _fold(self.src)
        self.locale = locale
        self.blocked = bytearray(len(self.low))
        self.whens = self._find_whens()
        self._block_references()
        self.levels = self._find_levels()
        self.aliases = self._find_aliases()
        protected = bytearray(len(self.low))
        for start, end, _ in self.levels:
            protected[start:end] = b"\x01" * (end - start)
        for start, end, (_, tail) in self.aliases:
            if tail is None:
                protected[start:end] = b"\x01" * (end - start)
        self.protected = protected
        self.sentences = self._find_groups()
        self.sentence_starts = [g.outer_start for g in self.sentences]
        self._mark_titles()
        self._heading_years = self._find_heading_years()
        self._heading_starts = [start for start, _ in self._heading_years]

    # -- spans -------------------------------------------------------------------------------

    def _block(self, start: int, end: int) -> None:
        self.blocked[start:end] = b"\x01" * (end - start)

    def free(self, start: int, end: int) -> bool:
        return not any(self.blocked[start:end])

    def _find_whens(self) -> list[_When]:
        whens: list[_When] = []
        for index, pattern in enumerate(_WHEN_PATTERNS):
            for match in pattern.finditer(self.low):
                # the lead words ("đến", "so với") may overlap an earlier match; the date may not
                core = match.start(3) if match.lastindex and match.lastindex >= 3 else match.start()
                if not self.free(core, match.end()):
                    continue
                when = _when_of(index, match)
                if self._quoted(match.start()):
                    when = _When(when.start, when.end, when.period, "doc")
                whens.append(when)
                self._block(core, match.end())
        whens.sort(key=lambda w: w.start)
        return whens

    def _quoted(self, position: int) -> bool:
        """Whether ``position`` is inside a quoted title (“...” or "...") of its line."""
        line_start = self.low.rfind("\n", 0, position) + 1
        before = self.low[line_start:position]
        if before.count("“") > before.count("”"):
            return True
        return before.count('"') % 2 == 1

    def _block_references(self) -> None:
        for match in _DOCUMENT_NUMBER_RE.finditer(self.src):
            self._block(match.start(), match.end())
        for pattern in _BLOCKED_PATTERNS:
            for match in pattern.finditer(self.low):
                self._block(match.start(), match.end())

    def _find_levels(self) -> list[tuple[int, int, AdminLevel | None]]:
        found: list[tuple[int, int, AdminLevel | None]] = []
        taken = bytearray(len(self.low))
        for pattern, level in _LEVEL_PATTERNS:
            for match in pattern.finditer(self.low):
                if any(taken[match.start() : match.end()]):
                    continue
                taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
                found.append((match.start(), match.end(), level))
        for pattern, area_level in _NAMED_AREA_PATTERNS:
            for match in pattern.finditer(self.low):
                if any(taken[match.start() : match.end()]) or not self.src[match.end()].isupper():
                    continue
                found.append((match.start(), match.end(), area_level))
        found.sort()
        return found

    def _find_aliases(self) -> list[tuple[int, int, tuple[str, int | None]]]:
        """Alias matches: start, end, indicator id and, for a gap alias ("A ... B"), where its
        last part B starts."""
        found: list[tuple[int, int, tuple[str, int | None]]] = []
        for alias in _catalogue().aliases:
            if alias.anchor not in self.low:
                continue
            found.extend(
                (m.start(), m.end(), (alias.indicator, m.start("tail") if alias.gap else None))
                for m in alias.pattern.finditer(self.low)
            )
        found.sort()
        return found

    # -- sentences, parentheses and clauses ----------------------------------------------------

    def _find_groups(self) -> list[_Group]:
        low = self.low
        sentences: list[_Group] = []
        start = 0
        bounds = [m.end() for m in _SENTENCE_END_RE.finditer(low)]
        if not bounds or bounds[-1] != len(low):
            bounds.append(len(low))
        for end in bounds:
            if end <= start:
                continue
            sentence = _Group(start, end, start, end, None, len(sentences))
            stack = [sentence]
            groups = [sentence]
            for position in range(start, end):
                char = low[position]
                if char == "(" and len(stack) <= _MAX_NESTING:
                    child = _Group(position + 1, end, position, end, stack[-1], sentence.sentence)
                    stack[-1].children.append(child)
                    stack.append(child)
                    groups.append(child)
                elif char == ")" and len(stack) > 1:
                    child = stack.pop()
                    child.end = position
                    child.outer_end = position + 1
            for group in groups:
                group.child_starts = [c.outer_start for c in group.children]
                self._split(group)
            sentences.append(sentence)
            start = end
        return sentences

    def _split(self, group: _Group) -> None:
        """Cut a group into clauses at separators outside its parentheses and protected text."""
        low = self.low
        cuts: list[tuple[int, int]] = []
        gaps: list[tuple[int, int]] = []
        lo = group.start
        for child in group.children:
            gaps.append((lo, child.outer_start))
            lo = child.outer_end
        gaps.append((lo, group.end))
        for gap_start, gap_end in gaps:
            for match in _SEPARATOR_RE.finditer(low, gap_start, gap_end):
                position = match.start()
                if self.protected[position]:
                    continue
                if (
                    match.group() in ",:"
                    and 0 < position < len(low) - 1
                    and low[position - 1].isdigit()
                    and low[position + 1].isdigit()
                ):
                    continue
                cuts.append((match.start(), match.end()))
        lo = group.start
        for cut_start, cut_end in cuts:
            group.chunks.append((lo, cut_start))
            lo = cut_end
        group.chunks.append((lo, group.end))
        group.chunk_starts = [c[0] for c in group.chunks]

    def locate(self, position: int) -> tuple[_Group, int]:
        """The innermost group holding ``position`` and the index of its chunk."""
        index = max(0, bisect.bisect_right(self.sentence_starts, position) - 1)
        group = self.sentences[index]
        while group.children:
            at = bisect.bisect_left(group.child_starts, position) - 1
            if at < 0 or not position < group.children[at].outer_end:
                break
            group = group.children[at]
        return group, max(0, bisect.bisect_right(group.chunk_starts, position) - 1)

    def _mark_titles(self) -> None:
        """Years in the title of a cited document are not the figures' years: "Chương trình
        Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030; phấn đấu 80% ..."."""
        titles = [
            m.start() for m in _TITLE_WORD_RE.finditer(self.low) if self.src[m.start()].isupper()
        ]
        titles += [m.start() for m in _DOCUMENT_NUMBER_RE.finditer(self.src)]
        titles.sort()
        previous: _When | None = None
        for index, when in enumerate(self.whens):
            if when.role == "at":
                group, chunk = self.locate(when.start)
                lo = group.chunks[chunk][0]
                first_word = _FIRST_WORD_RE.match(self.low, lo)
                after_lead = first_word.end() if first_word else lo
                at = bisect.bisect_left(titles, after_lead)
                in_title = at < len(titles) and titles[at] < when.start
                continued = (
                    previous is not None
                    and previous.role == "doc"
                    and when.start - previous.end <= 3
                    and _CONTINUATION_RE.match(self.low, when.start) is not None
                )
                if in_title or continued:
                    self.whens[index] = when = _When(when.start, when.end, when.period, "doc")
            previous = when

    # -- headings ------------------------------------------------------------------------------

    def _find_heading_years(self) -> list[tuple[int, Period | None]]:
        """(line start, year of the heading in force) for every line."""
        result: list[tuple[int, Period | None]] = []
        current: Period | None = None
        starts = [w.start for w in self.whens]
        start = 0
        for line in self.low.split("\n"):
            result.append((start, current))
            stripped = line.strip()
            if stripped.endswith(":"):
                first = bisect.bisect_left(starts, start)
                last = bisect.bisect_left(starts, start + len(line))
                years = [w.period for w in self.whens[first:last] if w.role == "at" and w.period]
                current = years[-1] if years else None
            elif _HEADING_RE.match(stripped):
                current = None
            start += len(line) + 1
        return result

    def heading_year(self, position: int) -> Period | None:
        index = bisect.bisect_right(self._heading_starts, position) - 1
        return self._heading_years[index][1] if index >= 0 else None


#: Words that begin the name of a cited document when capitalised inside a clause.
_TITLE_WORD_RE: Final = _vi(
    r"(?<=\S\s)(?:chương\s{1,3}trình|chiến\s{1,3}lược|đề\s{1,3}án|dự\s{1,3}án|nghị\s{1,3}quyết|"
    r"quyết\s{1,3}định|kế\s{1,3}hoạch|nghị\s{1,3}định|thông\s{1,3}tư|chỉ\s{1,3}thị|luật)(?!\w)"
)
_FIRST_WORD_RE: Final = re.compile(r"[\s\-–•+*]*\S+")
#: "..., định hướng đến năm 2030" / "tầm nhìn đến năm 2045" right after a title's year.
_CONTINUATION_RE: Final = _vi(r"[,\s]{0,3}(?:tầm\s{1,3}nhìn|định\s{1,3}hướng)(?!\w)")
_HEADING_RE: Final = _vi(
    r"^(?:[ivxl]+\.|[0-9]{1,2}(?:\.[0-9]{1,2})*\.?\s|\([0-9]{1,2}\)|[a-zđ]\)|phần\s|chương\s|mục\s)"
)
_LEVEL_PATTERNS: Final = tuple(
    (_vi(r"(?<!\w)(?:" + p + r")(?!\w)"), level) for p, level in _LEVEL_PHRASES
)
_NAMED_AREA_PATTERNS: Final = tuple(
    (_vi(r"(?<!\w)(?:" + p + r")\s{1,3}(?=\w)"), level) for p, level in _NAMED_AREAS
)

# -- the scanner -----------------------------------------------------------------------------

#: (lower bound unit, upper bound unit) of ranges whose "/năm" is written once, at the end.
_SHARED_RATE: Final = frozenset(
    {
        ("percent", "percent_per_year"),
        ("percentage_point", "percentage_point_per_year"),
        ("count", "count_per_year"),
    }
)
_RANGE_SEPARATOR_RE: Final = _vi(r"\s{0,3}(?:÷|-|–|—|~|đến|tới)\s{0,3}")
_GROUP_RANK_RE: Final = _vi(
    r"(?<!\w)((?:(?:nằm|đứng|xếp|vào|lọt|thuộc|trong)\s{1,3}){0,3})(nhóm|top|tốp)\s{1,3}"
    r"([0-9]{1,3})(?![0-9]|[.,][0-9]|\s{0,3}%)"
)
_GROUP_RANK_CONTEXT_RE: Final = _vi(
    r"[^;.\n]{0,40}?(?:tỉnh|thành\s{1,3}phố|địa\s{1,3}phương|cả\s{1,3}nước|toàn\s{1,3}quốc|"
    r"đứng\s{1,3}đầu|dẫn\s{1,3}đầu|cao\s{1,3}nhất|tốt\s{1,3}nhất)"
)
_POST_CUE_RE: Final = _vi(r"\s{0,3}(?:[^\W\d_]+\s{1,3}){0,3}?trở\s{1,3}(lên|xuống)(?!\w)")
_NEXT_WORDS_RE: Final = _vi(r"\s{1,3}([^\W\d_][\w]*)(?:\s{1,3}([^\W\d_][\w]*))?")
#: What may stand between a number and the noun it counts.
_DETERMINERS_RE: Final = _vi(r"\s{0,3}(?:(?:các|những|số|toàn\s{1,3}bộ|tất\s{1,3}cả)\s{1,3})?")
#: How far after a figure the noun it counts may start (past the determiners above).
_NOUN_REACH: Final = 20
_SPELLED_OUT_RE: Final = re.compile(r"\s{0,3}\([^()\d\n]{1,25}\)")
_SCORE: Final = _fold("điểm")
_PER_NUMBER_RE: Final = re.compile(r"[^\W\d_][\w ]{0,30}?/\s{0,2}[0-9]")
#: "đạt 95% so với kế hoạch": a figure compared with something is not a level.
_COMPARED_RE: Final = _vi(r"\s{0,3}(?:[^\W\d_]+\s{1,3}){0,2}?so\s{1,3}(?:với|sánh)(?!\w)")
_PER_YEAR_RE: Final = _vi(r"(?<!\w)(?:mỗi|hằng|hàng|một)\s{1,3}năm(?!\w)")


class _Scanner:
    """Finds the figures of a document, left to right."""

    def __init__(self, doc: _Document, mode: Literal["target", "actual"]) -> None:
        self.doc = doc
        self.mode = mode
        self.units = _unit_tables(doc.locale)
        self.figures: list[_Figure] = []
        self.group_ranks = self._find_group_ranks()

    def _find_group_ranks(self) -> dict[int, tuple[int, int]]:
        """Number start -> (span start, number end) of ``nằm trong nhóm 20 tỉnh``, ``top 20``."""
        low = self.doc.low
        found: dict[int, tuple[int, int]] = {}
        for match in _GROUP_RANK_RE.finditer(low):
            if match.group(2) == "nhóm" and not _GROUP_RANK_CONTEXT_RE.match(low, match.end()):
                continue
            found[match.start(3)] = (match.start(), match.end(3))
        return found

    def number(self, start: int, end: int) -> Decimal | None:
        try:
            return parse_number(self.doc.src[start:end], self.doc.locale)
        except NumberFormatError:
            return None

    def unit_after(self, position: int) -> tuple[UnitCode, int] | None:
        match = self.units.suffix.match(self.doc.low, position)
        if match is None or match.lastindex is None:
            return None
        return self.units.suffix_units[match.lastindex - 1], match.end()

    def scan(self) -> list[_Figure]:
        low = self.doc.low
        consumed = 0
        for match in _NUMBER_RE.finditer(low):
            start, end = match.span()
            if start < consumed or not self.doc.free(start, end):
                continue
            figure = self._figure_at(start, end)
            if figure is not None:
                self.figures.append(figure)
                consumed = max(figure.core_end, figure.end)
        return self.figures

    # -- one number --------------------------------------------------------------------------

    def _glued_before(self, start: int) -> bool:
        low = self.doc.low
        if start == 0:
            return False
        before = low[start - 1]
        if before.isalnum() or before in "_/.,'’":
            return True
        if before in "-–":
            return start >= 2 and (low[start - 2].isalnum())
        return False

    def _figure_at(self, start: int, end: int) -> _Figure | None:
        doc, low = self.doc, self.doc.low
        if start in self.group_ranks:
            span_start, number_end = self.group_ranks[start]
            value = self.number(start, number_end)
            rank = _measure(value, "rank") if value is not None else None
            if rank is None:
                return None
            return _Figure(span_start, number_end, start, number_end, rank, group_rank=True)
        if self._glued_before(start):
            return None
        value = self.number(start, end)
        if value is None:
            return None
        after = low[end : end + 2]
        rank_prefix = self.units.prefix.search(low, max(0, start - 20), start)

        # N/D: a fraction of a whole (actuals), a rank out of D, or something else
        denominator = _NUMBER_RE.match(low, end + 1) if after[:1] == "/" else None
        if denominator is not None:  # "/" then an ASCII digit ("13/١٧" is not a fraction)
            if rank_prefix is not None:
                rank = _measure(value, "rank")
                if rank is None:
                    return None
                return _Figure(rank_prefix.start(), denominator.end(), start, end, rank)
            whole = self.number(*denominator.span())
            if (
                self.mode != "actual"
                or whole is None
                or value != value.to_integral_value()
                or whole != whole.to_integral_value()
                or not 0 <= value <= whole
                or whole < 1
                or whole > MAX_FRACTION_WHOLE
                or not doc.free(*denominator.span())
                or low[denominator.end() : denominator.end() + 1] in ("/", "-")
                or self._counted_after(denominator.end()) is None  # "650/1.000 điểm"
            ):
                return None
            count = _measure(value, "count")
            if count is None:
                return None
            return _Figure(
                start,
                denominator.end(),
                start,
                denominator.end(),
                count,
                fraction=(int(value), int(whole)),
                is_fraction=True,
            )

        if rank_prefix is not None:
            rank = _measure(value, "rank")
            if rank is None:
                return None
            return _Figure(rank_prefix.start(), end, start, end, rank)

        unit_match = self.unit_after(end)
        unit: UnitCode = unit_match[0] if unit_match else "count"
        unit_end = unit_match[1] if unit_match else end

        # a range: 23-25%, từ 2 ÷ 3%, 10,5% – 11%
        figure = self._range(start, end, value, unit_match)
        if figure is not None:
            return figure

        # whatever follows a number must not be glued to it (5G, 48-NQ, 3.353.x)
        next_char = low[unit_end : unit_end + 1]
        if unit_match is None and next_char and (next_char.isalnum() or next_char in "/-_"):
            return None

        counted = True
        if unit_match is None:
            if len(low[start:end]) == 4 and low[start:end].isdigit() and 1900 <= value <= 2199:
                return None  # a year written without "năm"
            if self._reference_before(start):
                return None
            noun = self._counted_after(end)
            if noun is None:
                return None
            counted = noun
            group, chunk = doc.locate(start)
            if _PER_YEAR_RE.search(low, group.chunks[chunk][0], start):
                unit = "count_per_year"  # "Mỗi năm tổ chức tối thiểu 01 cuộc diễn tập"
        measure = _measure(value, unit)
        if measure is None:
            return None
        return _Figure(start, unit_end, start, unit_end, measure, counted=counted)

    def _range(
        self,
        start: int,
        end: int,
        lower: Decimal,
        lower_unit: tuple[UnitCode, int] | None,
    ) -> _Figure | None:
        doc, low = self.doc, self.doc.low
        position = lower_unit[1] if lower_unit else end
        separator = _RANGE_SEPARATOR_RE.match(low, position)
        if separator is None:
            return None
        second = _NUMBER_RE.match(low, separator.end())
        if second is None or not doc.free(*second.span()):
            return None
        if not doc.free(start, end):
            return None
        upper = self.number(*second.span())
        if upper is None:
            return None
        upper_unit = self.unit_after(second.end())
        if (
            lower_unit
            and upper_unit
            and lower_unit[0] != upper_unit[0]
            # "từ 10% đến 15%/năm": the rate written once applies to both bounds
            and (lower_unit[0], upper_unit[0]) not in _SHARED_RATE
        ):
            return None
        unit_end = upper_unit[1] if upper_unit else second.end()
        if upper_unit is None and lower_unit is not None:
            return None
        unit: UnitCode
        if upper_unit is None:
            # a range of counts needs the thing counted: "từ 2 đến 3 doanh nghiệp"
            if low[second.end() : second.end() + 1] in ("/", "-") or not self._counted_after(
                second.end()
            ):
                return None
            if any(len(t) == 4 and t.isdigit() for t in (low[start:end], second.group())):
                return None
            unit = "count"
        else:
            unit = upper_unit[0]
        low_measure, high_measure = _measure(lower, unit), _measure(upper, unit)
        if low_measure is None or high_measure is None or lower >= upper:
            return None
        return _Figure(start, unit_end, start, unit_end, low_measure, upper=high_measure)

    def _reference_before(self, start: int) -> bool:
        words = self.doc.low[max(0, start - 30) : start].split()
        if not words:
            return False
        last = words[-1].strip("(\"'“")
        pair = " ".join(words[-2:]) if len(words) >= 2 else last
        if pair in _NOT_REFERENCE_PAIRS:
            return False
        return last in _REFERENCE_WORDS or pair in _REFERENCE_PAIRS

    def _counted_after(self, end: int) -> bool | None:
        """True when a noun follows (a count); False when nothing does (a bare number, kept only
        if an indicator vouches for it); None when the next word shows it is not a count."""
        spelled = _SPELLED_OUT_RE.match(self.doc.low, end)  # "01 (một) trung tâm"
        match = _NEXT_WORDS_RE.match(self.doc.low, spelled.end() if spelled else end)
        if match is None:
            following = self.doc.low[end : end + 2].lstrip(" ")
            return False if not following or following[0] in ",;.)\n" else None
        first = match.group(1)
        pair = f"{first} {match.group(2)}" if match.group(2) else first
        if first in _NOT_COUNTED or pair in _NOT_COUNTED_PAIRS:
            return None
        if first == _SCORE and (match.group(2) is None or match.group(2) in _NOT_COUNTED):
            return None  # "đạt 85 điểm": a score, not a count ("169 điểm cầu" is one)
        if _PER_NUMBER_RE.match(self.doc.low, match.start(1)):
            return None  # "100 thuê bao/100 dân": a rate sodoan has no unit for
        return True


# -- cues ------------------------------------------------------------------------------------

_MAX_CUE_WORDS: Final = 3


def _cues_before(low: str, lo: int, start: int) -> tuple[int, tuple[_CueKind, ...]]:
    """The cue words just before ``start`` (nearest first) and where the first meaningful one
    starts; reading stops at a word that is not a cue or after an opening parenthesis."""
    window_start = max(lo, start - 80)
    words = [
        (window_start + m.start(), window_start + m.end(), m.group())
        for m in re.finditer(r"\S+", low[window_start:start])
    ]
    if words and words[0][0] == window_start and window_start > lo:
        words = words[1:]  # cut by the window
    kinds: list[_CueKind] = []
    span_start = start
    index = len(words)
    while index > 0:
        for size in range(min(_MAX_CUE_WORDS, index), 0, -1):
            chunk = words[index - size : index]
            first = chunk[0][2]
            opened = first[:1] in "(-–•+"
            phrase = " ".join([first.lstrip("(-–•+"), *(w for _, _, w in chunk[1:])])
            if any(c in w for _, _, w in chunk for c in ",;:)"):
                continue
            kind = _CUE_WORDS.get(phrase)
            if kind is not None:
                break
        else:
            break
        kinds.append(kind)
        if kind != "filler":
            span_start = chunk[0][0] + (1 if opened else 0)
        index -= size
        if opened:
            break
    return span_start, tuple(kinds)


# -- context ---------------------------------------------------------------------------------


class _Resolver:
    """Finds the year, level and indicator of each figure from its clause."""

    def __init__(self, doc: _Document, figures: list[_Figure]) -> None:
        self.doc = doc
        self.catalogue = _catalogue()
        # figures by group, in order: (core start, core end) and the chunks holding one
        self.cores: dict[int, list[tuple[int, int]]] = {}
        self.figure_chunks: dict[int, set[int]] = {}
        for figure in figures:
            figure.group, figure.chunk = doc.locate(figure.core_start)
            self.cores.setdefault(id(figure.group), []).append((figure.core_start, figure.core_end))
            self.figure_chunks.setdefault(id(figure.group), set()).add(figure.chunk)
        self.core_starts = {key: [c[0] for c in cores] for key, cores in self.cores.items()}
        self.alias_starts = [a[0] for a in doc.aliases]
        # gap aliases by where their last part starts, and where every figure starts
        self.gap_tails = sorted(
            (tail, start, end, indicator_id)
            for start, end, (indicator_id, tail) in doc.aliases
            if tail is not None
        )
        self.figure_starts = sorted(f.core_start for f in figures)
        self.level_starts = [lv[0] for lv in doc.levels]
        self.when_starts = [w.start for w in doc.whens]
        self.when_groups = [doc.locate(w.start)[0] for w in doc.whens]

    # -- windows -----------------------------------------------------------------------------

    def _window(self, group: _Group, chunk: int, ref_start: int, ref_end: int) -> tuple[int, int]:
        """The part of a chunk that belongs to the figure at ref: up to the neighbouring figures
        of the same group."""
        lo, hi = group.chunks[chunk]
        cores = self.cores.get(id(group), [])
        starts = self.core_starts.get(id(group), [])
        before = bisect.bisect_left(starts, ref_start) - 1
        while before >= 0 and cores[before][1] > ref_start:
            before -= 1
        if before >= 0:
            lo = max(lo, cores[before][1])
        after = bisect.bisect_left(starts, ref_end)
        if after < len(cores):
            hi = min(hi, cores[after][0])
        return lo, hi

    def _windows(
        self, group: _Group, chunk: int, ref_start: int, ref_end: int, forward_first: bool
    ) -> Iterable[tuple[_Group, tuple[int, int], int, int]]:
        """Where to look, in order: the figure's own chunk, the chunks without figures just
        after and before it, then the enclosing group: as seen from the figure before the
        parenthesis in its clause ("98,26% (tăng 0,11% ...)"), or else the chunk holding it."""
        yield group, self._window(group, chunk, ref_start, ref_end), ref_start, ref_end
        with_figures = self.figure_chunks.get(id(group), set())
        after: list[int] = []
        for index in range(chunk + 1, len(group.chunks)):
            if index in with_figures:
                break
            after.append(index)
        before: list[int] = []
        for index in range(chunk - 1, -1, -1):
            if index in with_figures:
                break
            before.append(index)
        for index in (after + before) if forward_first else (before + after):
            yield group, group.chunks[index], ref_start, ref_end
        yield from self._enclosing(group, forward_first)

    def _enclosing(
        self, group: _Group, forward_first: bool
    ) -> Iterable[tuple[_Group, tuple[int, int], int, int]]:
        parent = group.parent
        if parent is None:
            return
        ref_start, ref_end = group.outer_start, group.outer_end
        chunk = max(0, bisect.bisect_right(parent.chunk_starts, ref_start) - 1)
        cores = self.cores.get(id(parent), [])
        at = bisect.bisect_left(self.core_starts.get(id(parent), []), ref_start) - 1
        if at >= 0 and cores[at][0] >= parent.chunks[chunk][0]:
            # the parenthesis is about the figure before it in its clause
            yield from self._windows(parent, chunk, *cores[at], forward_first)
            return
        yield parent, self._window(parent, chunk, ref_start, ref_end), ref_start, ref_end
        yield from self._enclosing(parent, forward_first)

    @staticmethod
    def _in_window(group: _Group, window: tuple[int, int], start: int, end: int) -> bool:
        """Whether a mention lies in the window and outside the group's parentheses."""
        lo, hi = window
        if start < lo or end > hi:
            return False
        at = bisect.bisect_left(group.child_starts, end)
        return not (at > 0 and group.children[at - 1].outer_end > start)

    # -- level -------------------------------------------------------------------------------

    def level(self, figure: _Figure) -> AdminLevel | None:
        assert figure.group is not None
        for group, window, ref_start, ref_end in self._windows(
            figure.group, figure.chunk, figure.core_start, figure.core_end, forward_first=False
        ):
            best: tuple[int, AdminLevel | None] | None = None
            first = bisect.bisect_left(self.level_starts, window[0])
            for start, end, level in itertools.islice(self.doc.levels, first, None):
                if start >= window[1]:
                    break
                if not self._in_window(group, window, start, end):
                    continue
                distance = start - ref_end if start >= ref_end else max(0, ref_start - end)
                if start >= ref_end and _POPULATION_RE.fullmatch(self.doc.low, ref_end, start):
                    level = None  # the units counted, not the level
                if best is None or distance < best[0]:
                    best = (distance, level)
            if best is not None:
                return best[1]
        return None

    # -- indicator ---------------------------------------------------------------------------

    def _noun_aliases(self, figure: _Figure) -> list[tuple[int, int, str]]:
        """Gap aliases ("A ... B") that name the noun right after the figure, read across
        clause separators (which cut a figure's clause but not a gap) though not past the next
        figure or out of the sentence: one that starts with that noun ("237 doanh nghiệp, cơ
        sở sản xuất kinh doanh ... “Mỗi xã một sản phẩm”"), or one whose last part B is that
        noun, its first part A earlier in the sentence ("cáp quang phủ 100% xã, phường, thị
        trấn và trên 80% hộ gia đình", "Tổ công nghệ số cộng đồng với tổng số 10.257 thành
        viên")."""
        assert figure.group is not None
        low, ref_end = self.doc.low, figure.core_end
        sentence = self.doc.sentences[figure.group.sentence]
        following = bisect.bisect_left(self.figure_starts, ref_end)
        stop = sentence.outer_end
        if following < len(self.figure_starts):
            stop = min(stop, self.figure_starts[following])

        def noun_at(position: int) -> bool:
            return position >= ref_end and bool(_DETERMINERS_RE.fullmatch(low, ref_end, position))

        found: list[tuple[int, int, str]] = []
        first = bisect.bisect_left(self.alias_starts, ref_end)
        for start, end, (indicator_id, tail) in itertools.islice(self.doc.aliases, first, None):
            if start > ref_end + _NOUN_REACH:
                break
            if tail is not None and noun_at(start) and end <= stop:
                found.append((start, end, indicator_id))
        first = bisect.bisect_left(self.gap_tails, (ref_end,))
        for tail, start, end, indicator_id in itertools.islice(self.gap_tails, first, None):
            if tail > ref_end + _NOUN_REACH:
                break
            if noun_at(tail) and start >= sentence.outer_start and end <= stop:
                found.append((start, end, indicator_id))
        return found

    def indicator(self, figure: _Figure, change: bool) -> Indicator | None:
        """The indicator whose alias is nearest the figure, preferring the noun right after
        it, then the longest alias; None when two indicators tie. A bare number followed by
        no noun is vouched for only by an alias in its own clause. Aliases are matched as
        whole words; a gap alias ("A ... B") must lie in the figure's clause, unless it names
        the noun right after the figure (:meth:`_noun_aliases`)."""
        assert figure.group is not None
        unit = figure.value.unit
        windows = list(
            self._windows(
                figure.group, figure.chunk, figure.core_start, figure.core_end, forward_first=True
            )
        )
        nouns = [
            (-(end - start), 0, indicator_id, True)
            for start, end, indicator_id in self._noun_aliases(figure)
            if _fits(self.catalogue.indicators[indicator_id], unit, change)
        ]
        for group, window, ref_start, ref_end in windows if figure.counted else windows[:1]:
            # the first window also holds the nouns read across clause separators
            scored: list[tuple[int, int, str, bool]] = nouns
            number_first = bool(nouns)
            nouns = []
            first = bisect.bisect_left(self.alias_starts, window[0])
            for start, end, (indicator_id, _) in itertools.islice(self.doc.aliases, first, None):
                if start >= window[1]:
                    break
                if not self._in_window(group, window, start, end):
                    continue
                indicator = self.catalogue.indicators[indicator_id]
                if not _fits(indicator, unit, change):
                    continue
                after = start >= ref_end
                distance = start - ref_end if after else max(0, ref_start - end)
                if after and _DETERMINERS_RE.fullmatch(self.doc.low, ref_end, start):
                    number_first = True  # "10.257 thành viên", "90% hộ gia đình có ..."
                scored.append((-(end - start), distance, indicator_id, after))
            if number_first:
                # the noun phrase after the number says what it counts: read only that phrase
                scored = [s for s in scored if s[3]]
            if scored:
                scored.sort()
                best = scored[0]
                rivals = {s[2] for s in scored if s[:2] == best[:2]}
                if len(rivals) > 1:
                    return None
                return self.catalogue.indicators[best[2]]
        return None

    def elliptical(self, figure: _Figure) -> bool:
        """Whether the figure's clause names nothing but the figure, a time and cue words, so
        that it continues the previous figure's subject: "... đạt 80%, đến năm 2030 đạt 95%",
        "20% GRDP vào năm 2025 và 30% vào năm 2030"."""
        assert figure.group is not None
        lo, hi = self._window(figure.group, figure.chunk, figure.core_start, figure.core_end)
        text = list(self.doc.low[lo:hi])
        blanks = [(figure.start, figure.end)]
        for index in range(bisect.bisect_left(self.when_starts, lo - 80), len(self.doc.whens)):
            when = self.doc.whens[index]
            if when.start >= hi:
                break
            blanks.append((when.start, when.end))
        for start, end in blanks:
            for position in range(max(lo, start), min(hi, end)):
                text[position - lo] = " "
        words = re.findall(r"[^\W\d_]+", "".join(text))
        return all(word in _ELLIPSIS_WORDS for word in words)

    # -- periods -----------------------------------------------------------------------------

    def _visible(self, figure: _Figure, index: int) -> bool:
        """Whether the figure sees the time phrase: it is in the figure's group or around it."""
        assert figure.group is not None
        group = self.when_groups[index]
        return any(g is group for g in figure.group.ancestors())

    def period(self, figure: _Figure) -> Period | None:
        """The year or day stated for the figure: before it in its own clause, else after it in
        its own clause ("đạt 20% vào năm 2025"), else earlier in the sentence outside any
        parenthesis the figure is not in, else in the heading its list item stands under."""
        assert figure.group is not None
        group = figure.group
        whens = self.doc.whens
        lo, hi = self._window(group, figure.chunk, figure.core_start, figure.core_end)
        sentence = self.doc.sentences[group.sentence]
        first = bisect.bisect_left(self.when_starts, sentence.outer_start)
        here = bisect.bisect_left(self.when_starts, figure.start)

        def usable(index: int) -> bool:
            when = whens[index]
            return when.role == "at" and when.period is not None

        earlier: _When | None = None
        for index in range(here - 1, first - 1, -1):
            if whens[index].end <= figure.start and usable(index) and self._visible(figure, index):
                earlier = whens[index]
                break
        if earlier is not None and earlier.start >= lo:
            return earlier.period
        for index in range(here, len(whens)):
            when = whens[index]
            if when.start >= hi:
                break
            if (
                when.start >= figure.end
                and when.end <= hi
                and usable(index)
                and self.when_groups[index] is group
            ):
                return when.period
        if earlier is not None:
            return earlier.period
        return self.doc.heading_year(figure.start)

    def since(self, figure: _Figure) -> Period | None:
        """The period of ``so với năm 2023`` right after the figure, if any."""
        low = self.doc.low
        index = bisect.bisect_left(self.when_starts, figure.end)
        for when in itertools.islice(self.doc.whens, index, None):
            if when.start > figure.end + 60:
                break
            if when.role != "since":
                continue
            between = low[figure.end : when.start]
            if _NUMBER_RE.search(between) or any(c in between for c in ";()\n"):
                return None
            return when.period
        return None


# -- putting it together ---------------------------------------------------------------------


class _Subjects:
    """The indicator and level of each figure, carried over to an elliptical clause from the
    figure before it in the same sentence ("Kinh tế số chiếm 20% GRDP vào năm 2025 và 30% vào
    năm 2030")."""

    def __init__(self, resolver: _Resolver) -> None:
        self.resolver = resolver
        self.last: dict[int, tuple[Indicator | None, AdminLevel | None]] = {}

    def of(self, figure: _Figure, change: bool) -> tuple[Indicator | None, AdminLevel | None]:
        assert figure.group is not None
        indicator = self.resolver.indicator(figure, change=change)
        level = self.resolver.level(figure)
        previous = self.last.get(figure.group.sentence)
        if previous is not None and self.resolver.elliptical(figure):
            earlier_indicator, earlier_level = previous
            if (
                indicator is None
                and earlier_indicator is not None
                and _fits(earlier_indicator, figure.value.unit, change)
            ):
                indicator = earlier_indicator
            if level is None:
                level = earlier_level
        self.last[figure.group.sentence] = (indicator, level)
        return indicator, level


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise ParseError(f"expected text (str), got {type(text).__name__}")
    if len(text) > MAX_TEXT_LENGTH:
        raise ParseError(
            f"text of {len(text)} characters is longer than the {MAX_TEXT_LENGTH} characters "
            "the parser reads; split it into paragraphs"
        )
    return text


def _direction_comparator(figure: _Figure, indicator: Indicator | None) -> Comparator:
    unit = figure.value.unit
    if unit == "rank":
        return "le"
    if unit == "place":
        return "ge"
    if indicator is not None and indicator.direction == "lower_is_better":
        return "le"
    return "ge"


def _analyse(
    text: str, locale: str, mode: Literal["target", "actual"]
) -> tuple[_Document, list[_Figure], _Resolver]:
    doc = _Document(text, locale)
    scanner = _Scanner(doc, mode)
    figures = scanner.scan()
    resolver = _Resolver(doc, figures)
    low = doc.low
    for figure in figures:
        assert figure.group is not None
        if figure.group_rank:
            continue
        lo = figure.group.chunks[figure.chunk][0]
        span_start, cues = _cues_before(low, lo, figure.core_start)
        figure.start = min(figure.start, span_start)
        figure.cues = cues
        post = _POST_CUE_RE.match(low, figure.core_end, figure.group.chunks[figure.chunk][1])
        if post is not None and not _NUMBER_RE.search(low, figure.core_end, post.end()):
            figure.post = "ge" if post.group(1) == "lên" else "le"
            figure.end = post.end()
    _share_cues(figures, low)
    for figure in figures:
        # "năng suất lao động tăng bình quân 7%": an average growth is a rate per year
        if (
            figure.value.unit == "percent"
            and _change_sign(figure.cues) == 1
            and "average" in figure.cues
        ):
            rate = _measure(figure.value.value, "percent_per_year")
            upper = _measure(figure.upper.value, "percent_per_year") if figure.upper else None
            if rate is not None:
                figure.value, figure.upper = rate, upper
    return doc, figures, resolver


_SHARED_CUES: Final = frozenset({"gt", "ge", "le", "lt", "approx", "nearly"})
_AND_RE: Final = _vi(r"\s(?:và|hoặc)\s")


def _share_cues(figures: Sequence[_Figure], low: str) -> None:
    """A comparator or qualifier before the first of two figures joined by ``và`` applies to
    the second when it has none: "khoảng 150.000 văn bản được gửi và 515.000 văn bản nhận"."""
    previous: dict[int, _Figure] = {}
    for figure in figures:
        key = id(figure.group)
        before = previous.get(key)
        previous[key] = figure
        if before is None or figure.group_rank or figure.post is not None:
            continue
        if any(k not in ("filler", "plain") for k in figure.cues):
            continue
        between = low[before.core_end : figure.start]
        if not _AND_RE.search(between) or any(c in between for c in ",;:()\n"):
            continue
        inherited = tuple(k for k in before.cues if k in _SHARED_CUES)
        if inherited and before.value.unit == figure.value.unit:
            figure.cues = (*figure.cues, inherited[0])


def _change_sign(cues: Sequence[_CueKind]) -> Literal[1, -1] | None:
    for kind in cues:
        if kind == "up":
            return 1
        if kind == "down":
            return -1
        if kind == "to_level":
            return None
    return None


def _nearest_comparator(cues: Sequence[_CueKind]) -> Comparator | None:
    """The comparator of the cue word nearest the figure, if any ("đạt trên" is gt)."""
    return next((_CUE_COMPARATORS[k] for k in cues if k in _CUE_COMPARATORS), None)


#: Units that only measure a difference ("lên 5-10 bậc" is a change of rank).
_DIFFERENCE_UNITS: Final = frozenset({"place", "percentage_point", "percentage_point_per_year"})
#: Units of a growth, which "tăng" states as a level ("tăng bình quân 7%/năm", "tăng 5 bậc").
_GROWTH_UNITS: Final = frozenset({"percent_per_year", "count_per_year", "place"})


def parse_target(
    text: str, *, locale: str = "vi", default_year: int | None = None
) -> list[ParsedTarget]:
    """The targets stated in ``text``, in the order they appear.

    >>> [t.comparator for t in parse_target("Tỷ trọng kinh tế số chiếm trên 18% GRDP")]
    ['gt']

    ``default_year`` is the due year of figures for which the text states none (the year of the
    plan, say); without it their ``due`` is None. ``locale`` selects how numbers and unit
    phrases are written (``vi``: ``98,26%``; ``en``: ``98.26%``); the phrase grammar is always
    Vietnamese. Raises :class:`ParseError` for text that is not a string or is longer than
    :data:`MAX_TEXT_LENGTH`, or a ``default_year`` outside 1945-2100, and
    :class:`~sodoan.UnsupportedLocaleError` for another locale; otherwise returns a (possibly
    empty) list.
    """
    text = _check_text(text)
    locale = normalize_locale(locale)
    default: Period | None = None
    if default_year is not None:
        if isinstance(default_year, bool) or not isinstance(default_year, int):
            raise ParseError(f"default_year must be a whole number, got {default_year!r}")
        if not MIN_YEAR <= default_year <= MAX_YEAR:
            raise ParseError(f"default_year must be from {MIN_YEAR} to {MAX_YEAR}: {default_year}")
        default = Period(default_year)
    doc, figures, resolver = _analyse(text, locale, "target")
    results: list[ParsedTarget] = []
    subjects = _Subjects(resolver)
    for figure in figures:
        if figure.is_fraction:
            continue
        if resolver.since(figure) is not None or _COMPARED_RE.match(doc.low, figure.end):
            continue  # measured against a base ("tăng 5 điểm phần trăm so với năm 2020")
        sign = _change_sign(figure.cues)
        if sign is not None and figure.value.unit not in _GROWTH_UNITS:
            continue  # "tăng 20%" of an unstated base is not a threshold
        change = sign is not None or figure.value.unit in _DIFFERENCE_UNITS
        indicator, level = subjects.of(figure, change)
        if not figure.counted and (indicator is None or indicator.kind != "count"):
            continue
        comparator: Comparator
        if figure.upper is not None:
            comparator = "between"
        elif figure.group_rank:
            comparator = "le"
        else:
            nearest = _nearest_comparator(figure.cues)
            if figure.post is not None:
                comparator = figure.post
            elif nearest is not None:
                comparator = nearest
            elif "from" in figure.cues:
                comparator = "ge"
            else:
                comparator = _direction_comparator(figure, indicator)
        due = resolver.period(figure) or default
        results.append(
            ParsedTarget(
                comparator=comparator,
                value=figure.value,
                upper=figure.upper,
                due=due,
                level=level,
                indicator=indicator.id if indicator else None,
                start=figure.start,
                end=figure.end,
                text=doc.src[figure.start : figure.end],
            )
        )
    return results


_QUALIFIERS: Final[Mapping[str, Qualifier]] = {
    "gt": "more_than",
    "ge": "at_least",
    "le": "at_most",
    "lt": "less_than",
    "approx": "approximately",
    "nearly": "nearly",
}


def _link_fractions(figures: list[_Figure], low: str) -> list[_Figure]:
    """Attach ``13/17 ... đạt 76,5%`` to the percentage; keep unmatched fractions as counts."""
    kept: list[_Figure] = []
    for index, figure in enumerate(figures):
        if figure.is_fraction:
            nxt = figures[index + 1] if index + 1 < len(figures) else None
            if (
                nxt is not None
                and nxt.value.unit == "percent"
                and nxt.upper is None
                and nxt.core_start - figure.core_end <= 80
                and not any(c in low[figure.core_end : nxt.core_start] for c in ";\n")
                and nxt.group is not None
                and nxt.group.sentence == (figure.group.sentence if figure.group else -1)
            ):
                nxt.fraction = figure.fraction
                nxt.start = figure.start  # the text read runs from "13/17" to "76,5%"
                continue
            prev = kept[-1] if kept else None
            if (
                prev is not None
                and prev.value.unit == "percent"
                and prev.fraction is None
                and 0 <= figure.core_start - prev.core_end <= 4
            ):
                prev.fraction = figure.fraction  # "76,5% (13/17)"
                prev.end = max(prev.end, figure.end)
                continue
        kept.append(figure)
    return kept


def parse_actual(text: str, *, locale: str = "vi") -> list[ParsedActual]:
    """The results reported in ``text``, in the order they appear.

    >>> [(a.qualifier, str(a.value)) for a in parse_actual("đạt khoảng 85%")]
    [('approximately', '85 percent')]

    A change (``tăng 0,11% so với năm 2023``) has ``change_from``; ``giảm`` makes it negative;
    ``tăng 10 bậc`` is a change of rank in ``place``. A change whose base the text does not
    state (``tăng 15%``) is not returned. ``locale`` and errors as for :func:`parse_target`.
    """
    text = _check_text(text)
    locale = normalize_locale(locale)
    doc, figures, resolver = _analyse(text, locale, "actual")
    results: list[ParsedActual] = []
    subjects = _Subjects(resolver)
    for figure in _link_fractions(figures, doc.low):
        value = figure.value
        if figure.upper is not None:
            continue  # a reported range is not one figure
        sign = _change_sign(figure.cues)
        since = resolver.since(figure)
        change = False
        compared = since is not None or _COMPARED_RE.match(doc.low, figure.end) is not None
        if sign is not None or compared:
            if sign is None or (compared and since is None):
                continue  # "bằng 120% so với năm 2023", "đạt 95% so với kế hoạch": not read
            if since is None and value.unit != "place" and value.unit != "percent_per_year":
                continue  # a change from an unstated base
            change = value.unit != "percent_per_year" or since is not None
            if change and sign < 0:
                negated = _measure(-value.value, value.unit)
                if negated is None:
                    continue
                value = negated
        indicator, level = subjects.of(figure, change)
        if not figure.counted and (indicator is None or indicator.kind != "count"):
            continue
        qualifier: Qualifier = "exact"
        if figure.group_rank:
            qualifier = "at_most"
        elif figure.post is not None:
            qualifier = "at_least" if figure.post == "ge" else "at_most"
        else:
            for kind in figure.cues:
                if kind in _QUALIFIERS:
                    qualifier = _QUALIFIERS[kind]
                    break
                if kind == "from":
                    qualifier = "at_least"
                    break
        fraction = (
            Fraction(numerator=figure.fraction[0], denominator=figure.fraction[1])
            if figure.fraction
            else None
        )
        results.append(
            ParsedActual(
                value=value,
                qualifier=qualifier,
                change_from=since if change else None,
                fraction=fraction,
                period=resolver.period(figure),
                level=level,
                indicator=indicator.id if indicator else None,
                start=figure.start,
                end=figure.end,
                text=doc.src[figure.start : figure.end],
            )
        )
    return results
