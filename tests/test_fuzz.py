"""Fuzzing: the parsers and the validators on arbitrary text, bytes and JSON never misbehave.

"Misbehave" means raising anything but the documented exception, hanging, or giving a result
that breaks the documented contract. Each test has a per-example deadline (``DEADLINE_MS``), so
a hang or a pathological slowdown fails the test instead of stalling the suite.

Bounds of the generated inputs (hypothesis shrinks within them):

* number text for :func:`sodoan.parse_number` / :func:`sodoan.parse_measure`: up to 300
  characters (their limit is 200, so both sides of it are reached); any code point but lone
  surrogates (control characters, combining marks and non-BMP characters included);
* plan text for :func:`sodoan.parse_target` / :func:`sodoan.parse_actual`: up to 2,000
  characters of arbitrary text (some of it at least 1,000), or up to 80 fragments of
  Vietnamese plan phrasing and numbers;
* bytes for :func:`sodoan.validate_jsonl` / :func:`sodoan.bulk.validate_record`: up to 2,000;
* JSON values: null, booleans, integers of any size, floats including NaN and the infinities
  (serialised as ``NaN``/``Infinity``, which is not JSON), text up to 20 characters, nested in
  lists and objects up to 20 leaves; up to 8 documents per JSON Lines input.
"""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from typing import Any, get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import sodoan
from sodoan import NumberFormatError, ParseError
from sodoan.bulk import Kind, RecordError, ValidationReport, validate_jsonl, validate_record
from sodoan.measure import Measure
from sodoan.model._refs import bundled_codes
from sodoan.parsing import MAX_TEXT_LENGTH, ParsedActual, ParsedTarget
from sodoan.units import UNIT_CODES, unit_specs

#: Per-example deadline in milliseconds: generous for a 2-core machine, far below a hang.
DEADLINE_MS = 10_000
LOCALES = ("vi", "en")
KINDS: tuple[str, ...] = get_args(Kind)
MODELS: dict[str, type[BaseModel]] = {
    "actual": sodoan.Actual,
    "target": sodoan.Target,
    "plan": sodoan.Plan,
    "indicator": sodoan.Indicator,
    "measure": sodoan.Measure,
}

# -- strategies ------------------------------------------------------------------------------

#: Any text hypothesis makes (every code point except lone surrogates).
any_text = st.text(max_size=300)
#: Text made of what numbers are written with, so that some of it parses.
numberish = st.text(alphabet="0123456789.,-+ \u00a0\u202f", max_size=40)


def _unit_phrases() -> list[str]:
    phrases: set[str] = set()
    for spec in unit_specs().values():
        phrases.update(spec.symbols)
        for labels in spec.labels.values():
            phrases.update(labels.suffixes)
            phrases.update(labels.prefixes)
    return sorted(phrases)


UNIT_PHRASES = _unit_phrases()


@st.composite
def measure_texts(draw: st.DrawFn) -> str:
    """A number-like run with a unit phrase before or after it (often valid, often not)."""
    number = draw(numberish | st.integers(-(10**20), 10**20).map(str))
    phrase = draw(st.sampled_from(UNIT_PHRASES))
    space = draw(st.sampled_from(["", " ", "  ", "\u00a0"]))
    if draw(st.booleans()):
        return f"{number}{space}{phrase}"
    return f"{phrase}{space}{number}"


FRAGMENTS = [
    "Đến năm 2025",
    "năm 2030",
    "hết tháng 6 năm 2025",
    "đến ngày 30/6/2025",
    ",",
    ";",
    ":",
    ".",
    "(",
    ")",
    "tối thiểu",
    "ít nhất",
    "trên",
    "hơn",
    "vượt",
    "dưới",
    "không quá",
    "tối đa",
    "khoảng",
    "gần",
    "đạt",
    "chiếm",
    "phấn đấu",
    "trở lên",
    "trở xuống",
    "từ",
    "÷",
    "-",
    "–",
    "đến",
    "và",
    "%",
    "%/năm",
    "triệu đồng",
    "tỷ đồng",
    "tỉ đồng",
    "điểm phần trăm",
    "lần/năm",
    "bậc",
    "hồ sơ",
    "thủ tục",
    "trực tuyến",
    "cấp xã",
    "cấp huyện",
    "cấp tỉnh",
    "thôn",
    "kinh tế số",
    "GRDP",
    "xếp thứ",
    "hạng",
    "nằm trong nhóm",
    "tỉnh",
    "đứng đầu",
    "top",
    "tăng",
    "giảm",
    "tăng bình quân",
    "so với năm 2023",
    "so với kế hoạch",
    "1.899",
    "98,26",
    "92.013,235",
    "0",
    "01",
    "07/07",
    "13/17",
    "[4]",
    "(1)",
    "2.1.",
    "60/KH-UBND",
    "4G/5G",
    "chợ 4.0",
    "mục 2",
    "Phụ lục 02",
    "15 tuổi",
    "mức độ 4",
    "\u00a0",
    "\u0301",
    "\n",
    '"',
    "/",
    "²",  # a digit to str.isdigit, not to [0-9]
    "١٧",  # Arabic-Indic digits
    "５",  # a fullwidth digit
]

#: Plan-like text: fragments of the phrase grammar and numbers, in any order, spaced or glued.
plan_texts = st.builds(
    str.join,
    st.sampled_from([" ", ""]),
    st.lists(st.sampled_from(FRAGMENTS) | numberish | st.integers(0, 10**6).map(str), max_size=80),
)
#: Numbers written with digits of any script (², ١٧, ５, ๓) among ASCII digits and separators.
unicode_numbers = st.lists(
    st.sampled_from(list("0123456789/.,%-÷ "))
    | st.sampled_from(["²", "٣", "١٧", "５", "๓", "¹⁰"])
    | st.characters(categories=("Nd", "No")),
    max_size=12,
).map("".join)
#: Arbitrary text within the bound, short and long (1,000-2,000 characters).
arbitrary_plan_text = (
    st.text(max_size=2000) | st.text(min_size=1000, max_size=2000) | unicode_numbers
)

#: Numbers at the edges of what a double and a Decimal hold.
EDGE_NUMBERS = [0.1 + 0.2, 5e-324, 1e-31, 1e15, 2**53, 10**15 - 1, 1e27, 1e28, 1e300, -1e300]
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(EDGE_NUMBERS)
    | st.text(max_size=20)
)
#: Arbitrary JSON values (plus NaN and the infinities, which json.dumps writes as non-JSON).
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


#: Objects shaped like a measure: a unit code (or anything) and any JSON scalar as the value.
measure_like = st.fixed_dictionaries(
    {"value": scalars, "unit": st.sampled_from(UNIT_CODES) | scalars},
    optional={"extra": json_values},
)


def shaped(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    """Objects with the field names of ``kind`` (and others), holding arbitrary JSON values."""
    names = sorted(MODELS[kind].model_fields)
    return st.dictionaries(
        st.sampled_from(names) | st.text(max_size=8), json_values | measure_like, max_size=8
    )


def documents(kind: str) -> st.SearchStrategy[Any]:
    """Arbitrary JSON, objects with ``kind``'s field names, and measure-like objects."""
    return json_values | shaped(kind) | measure_like


# -- helpers -------------------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def _warm_up() -> None:
    """Build every lazily built schema and cache once, so no example pays for it (deadline)."""
    for locale in LOCALES:
        sodoan.parse_number("1", locale)
        sodoan.parse_measure("1%", locale)
        sodoan.parse_target("tối thiểu 80% hồ sơ", locale=locale, default_year=2025)
        sodoan.parse_actual("đạt 98,26%", locale=locale)
    for kind in KINDS:
        validate_jsonl(b"{}\n", kind=kind)  # type: ignore[arg-type]
        validate_record(b"{}", kind)  # type: ignore[arg-type]


def non_blank_lines(data: bytes) -> list[int]:
    """1-based numbers of the lines validate_jsonl counts as records (non-blank lines)."""
    return [
        number for number, line in enumerate(data.split(b"\n"), 1) if line and not line.isspace()
    ]


def assert_consistent(report: ValidationReport, data: bytes, kind: str) -> set[int]:
    """The report's counts and errors agree with the input; returns the invalid line numbers."""
    records = non_blank_lines(data)
    assert isinstance(report, ValidationReport)
    assert report.kind == kind
    assert report.records == len(records)
    assert 0 <= report.valid <= report.records
    assert report.records == report.valid + report.invalid
    assert report.error_count == len(report.errors)  # max_errors is never reached here
    for error in report.errors:
        assert_error(error)
        assert error.line in records
    lines = [error.line for error in report.errors]
    assert lines == sorted(lines)  # input order
    invalid = set(lines)
    assert len(invalid) == report.invalid  # every invalid record is reported, no valid one
    assert report.ok == (report.invalid == 0)
    return invalid


def assert_error(error: RecordError) -> None:
    assert isinstance(error, RecordError)
    assert error.line >= 1
    assert error.message.strip() != ""
    assert error.path != ""
    assert error.type != ""


class NotJsonError(ValueError):
    """A NaN or infinity token, which Python's json module reads but JSON does not have."""


def _refuse(token: str) -> Any:
    raise NotJsonError(token)


def is_json(line: str) -> bool:
    """Whether ``line`` is RFC 8259 JSON (json.dumps writes NaN and Infinity, which are not)."""
    try:
        json.loads(line, parse_constant=_refuse)
    except NotJsonError:
        return False
    return True


def check_number_error(error: NumberFormatError, locale: str) -> None:
    """A NumberFormatError names the locale and a reason."""
    assert error.locale == locale
    assert error.reason != ""
    assert re.search(rf"is not a valid (measure|number) in locale {locale!r}: .", str(error))


def model_accepts_json(kind: str, raw: str) -> bool:
    try:
        MODELS[kind].model_validate_json(raw)
    except ValidationError:
        return False
    return True


# -- number parsers ------------------------------------------------------------------------


@settings(deadline=DEADLINE_MS)
@given(text=any_text | numberish, locale=st.sampled_from(LOCALES))
def test_parse_number_raises_only_number_format_error(text: str, locale: str) -> None:
    """parse_number returns a finite Decimal or raises NumberFormatError naming text and locale."""
    try:
        value = sodoan.parse_number(text, locale)
    except NumberFormatError as error:
        check_number_error(error, locale)
        return
    assert type(value) is Decimal
    assert value.is_finite()
    assert len(text) <= 200


@settings(deadline=DEADLINE_MS)
@given(text=numberish, locale=st.sampled_from(LOCALES))
def test_parsed_number_formats_back(text: str, locale: str) -> None:
    """A number parse_number accepts is written by format_number and read back unchanged."""
    try:
        value = sodoan.parse_number(text, locale)
    except NumberFormatError:
        return
    assert value.is_finite()
    again = sodoan.parse_number(sodoan.format_number(value, locale), locale)
    assert again == value


@settings(deadline=DEADLINE_MS)
@given(text=any_text | measure_texts(), locale=st.sampled_from(LOCALES))
def test_parse_measure_raises_only_number_format_error(text: str, locale: str) -> None:
    """parse_measure returns a valid Measure or raises NumberFormatError, on any text."""
    try:
        measure = sodoan.parse_measure(text, locale)
    except NumberFormatError as error:
        check_number_error(error, locale)
        return
    assert type(measure) is Measure
    assert measure.value.is_finite()
    assert Measure.model_validate_json(measure.model_dump_json()) == measure


@settings(deadline=DEADLINE_MS)
@given(text=measure_texts(), locale=st.sampled_from(LOCALES))
def test_parsed_measure_formats_and_parses_back(text: str, locale: str) -> None:
    """A measure parse_measure accepts is formatted and re-parsed to the same value and unit."""
    try:
        measure = sodoan.parse_measure(text, locale)
    except NumberFormatError:
        return
    written = sodoan.format_measure(measure, locale)
    again = sodoan.parse_measure(written, locale)
    assert again.unit == measure.unit
    assert again.value == measure.value
    assert str(again.value) == str(measure.value)  # the same digits, trailing zeros included


# -- plan text parsers -----------------------------------------------------------------------


def check_spans(items: list[Any], text: str) -> None:
    normalised = unicodedata.normalize("NFC", text)
    for item in items:
        assert 0 <= item.start < item.end <= len(normalised)
        assert item.text == normalised[item.start : item.end]
        assert type(item.value) is Measure
        assert item.value.value.is_finite()
        assert item.indicator is None or item.indicator in bundled_codes().ids("indicator")


@settings(deadline=DEADLINE_MS)
@given(
    text=arbitrary_plan_text | plan_texts,
    locale=st.sampled_from(LOCALES),
    default_year=st.none() | st.integers(1945, 2100),
)
def test_parse_target_never_raises_on_text(
    text: str, locale: str, default_year: int | None
) -> None:
    """parse_target returns a list of well-formed targets for any text within its limit."""
    items = sodoan.parse_target(text, locale=locale, default_year=default_year)
    assert isinstance(items, list)
    assert all(type(item) is ParsedTarget for item in items)
    check_spans(items, text)
    for item in items:
        assert (item.upper is not None) == (item.comparator == "between")


@settings(deadline=DEADLINE_MS)
@given(text=arbitrary_plan_text | plan_texts, locale=st.sampled_from(LOCALES))
def test_parse_actual_never_raises_on_text(text: str, locale: str) -> None:
    """parse_actual returns a list of well-formed results for any text within its limit."""
    items = sodoan.parse_actual(text, locale=locale)
    assert isinstance(items, list)
    assert all(type(item) is ParsedActual for item in items)
    check_spans(items, text)
    for item in items:
        if item.change_from is not None and item.period is not None:
            assert item.change_from < item.period


@settings(deadline=DEADLINE_MS)
@given(year=st.integers(-(10**6), 10**6))
def test_parse_target_default_year_checked(year: int) -> None:
    """A default_year outside 1945-2100 raises ParseError; inside it, the text is read."""
    if 1945 <= year <= 2100:
        items = sodoan.parse_target("đạt 80% hồ sơ trực tuyến", default_year=year)
        assert [item.due.to_json() if item.due else None for item in items] == [year]
    else:
        with pytest.raises(ParseError, match="default_year must be from 1945 to 2100"):
            sodoan.parse_target("đạt 80% hồ sơ trực tuyến", default_year=year)


@pytest.mark.parametrize("parse", [sodoan.parse_target, sodoan.parse_actual])
def test_text_over_the_limit_raises_parse_error(parse: Any) -> None:
    """Text one character over MAX_TEXT_LENGTH raises ParseError; text of that length reads."""
    with pytest.raises(ParseError, match=f"longer than {MAX_TEXT_LENGTH:,}|{MAX_TEXT_LENGTH}"):
        parse("a" * (MAX_TEXT_LENGTH + 1))
    assert parse("a" * MAX_TEXT_LENGTH) == []


# -- validators ----------------------------------------------------------------------------


@settings(deadline=DEADLINE_MS)
@given(data=st.binary(max_size=2000), kind=st.sampled_from(KINDS))
def test_validate_jsonl_arbitrary_bytes(data: bytes, kind: str) -> None:
    """Arbitrary bytes give a consistent report (counts, line numbers, messages), never raise."""
    report = validate_jsonl(data, kind=kind, max_errors=10**6)  # type: ignore[arg-type]
    assert report.source == "<bytes>"
    assert_consistent(report, data, kind)


@settings(deadline=DEADLINE_MS)
@given(data=st.data(), kind=st.sampled_from(KINDS), ascii_only=st.booleans())
def test_validate_jsonl_arbitrary_json_lines(
    data: st.DataObject, kind: str, ascii_only: bool
) -> None:
    """Arbitrary JSON documents, one per line: each line's verdict is the model's, never raised."""
    docs = data.draw(st.lists(documents(kind), max_size=8))
    lines = [json.dumps(doc, allow_nan=True, ensure_ascii=ascii_only) for doc in docs]
    raw = "\n".join(lines).encode()
    report = validate_jsonl(raw, kind=kind, max_errors=10**6)  # type: ignore[arg-type]
    invalid = assert_consistent(report, raw, kind)
    assert report.records == len(docs)
    expected_invalid = {
        number
        for number, line in enumerate(lines, 1)
        if not is_json(line) or not model_accepts_json(kind, line)
    }
    assert invalid == expected_invalid
    for error in report.errors:
        if not is_json(lines[error.line - 1]):
            assert error.type == "json_invalid"


@settings(deadline=DEADLINE_MS)
@given(data=st.binary(max_size=2000), kind=st.sampled_from(KINDS))
def test_validate_record_arbitrary_bytes(data: bytes, kind: str) -> None:
    """validate_record reports well-formed errors on line 1, and accepts only what the model does."""
    errors = validate_record(data, kind)  # type: ignore[arg-type]
    assert isinstance(errors, list)
    for error in errors:
        assert_error(error)
        assert error.line == 1
    if errors == []:  # sodoan is stricter than pydantic's own JSON reading, never laxer
        MODELS[kind].model_validate_json(data)


@settings(deadline=DEADLINE_MS)
@given(data=st.data(), kind=st.sampled_from(KINDS))
def test_fast_and_exact_paths_agree(data: st.DataObject, kind: str) -> None:
    """The bulk path (pydantic-core on the raw line, floats and duplicate keys sent to the
    strict reader) and the exact path (strict reader, then the model) give the same verdict
    and the same errors on any JSON document."""
    from sodoan._lines import LineValidator

    doc = data.draw(documents(kind))
    raw = json.dumps(doc, allow_nan=True, indent=data.draw(st.sampled_from([None, 1]))).encode()
    validator = LineValidator(kind)
    fast_errors, fast_item = validator(1, raw)
    exact_errors, exact_item = validator.exact(1, raw)
    assert fast_errors == exact_errors
    assert fast_item == exact_item


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("blank", [b"", b" ", b"\t\r\n  \n"])
def test_validate_record_blank_is_an_error(kind: str, blank: bytes) -> None:
    """An empty or blank document is reported as json_empty, never passed as valid."""
    assert [(e.line, e.path, e.type) for e in validate_record(blank, kind)] == [  # type: ignore[arg-type]
        (1, "(record)", "json_empty")
    ]


# -- regressions: inputs the fuzzing above found ---------------------------------------------
# Each crashed or was misread before being fixed: babel's strict check re-formatted numbers under
# Python's 28-digit decimal context; "/" then a non-ASCII digit tripped an internal assert; an
# "N/D" fraction above 10^12 raised pydantic's ValidationError from parse_actual; a whole JSON
# number >= 1e28 made the decimal validator raise decimal.InvalidOperation.


@pytest.mark.parametrize(
    ("text", "locale"),
    [("10.000.000.000.000.000.000.000.000", "vi"), ("10,000,000,000,000,000,000,000,000", "en")],
)
def test_grouped_26_digit_number(text: str, locale: str) -> None:
    """A grouped 26-digit number parses exactly (it raised decimal.InvalidOperation)."""
    assert sodoan.parse_number(text, locale) == Decimal(10**25)


def test_grouped_29_significant_digits() -> None:
    """A grouped number with 29 significant digits parses exactly (it was "malformed")."""
    value = sodoan.parse_number("1.000,0000000000000000000000001", "vi")
    assert value.as_tuple() == Decimal("1000.0000000000000000000000001").as_tuple()


@pytest.mark.parametrize("parse", [sodoan.parse_target, sodoan.parse_actual])
def test_plan_text_with_26_digit_number(parse: Any) -> None:
    """Plan text with a grouped 26-digit figure is read (it raised decimal.InvalidOperation)."""
    items = parse("đạt 10.000.000.000.000.000.000.000.000 tỷ đồng")
    assert [(item.value.value, item.value.unit) for item in items] == [
        (Decimal(10**25), "billion_VND")
    ]


def test_measure_with_29_digits_round_trip() -> None:
    """A valid 29-digit Measure survives format_measure then parse_measure (it was rejected)."""
    measure = Measure(value="1111.1111111111111111111111111", unit="percent")
    for locale in LOCALES:
        again = sodoan.parse_measure(sodoan.format_measure(measure, locale), locale)
        assert again == measure
        assert str(again.value) == "1111.1111111111111111111111111"


@pytest.mark.parametrize("parse", [sodoan.parse_target, sodoan.parse_actual])
@pytest.mark.parametrize("text", ["0/²", "đạt 13/١٧ xã", "5/٣%"])
def test_slash_unicode_digit(parse: Any, text: str) -> None:
    """Text with "/" then a non-ASCII digit reads no figure (it raised AssertionError)."""
    assert parse(text) == []


@pytest.mark.parametrize("text", ["0/1000000000001", "1.000.000.000.001/1.000.000.000.002"])
def test_fraction_over_bound(text: str) -> None:
    """parse_actual skips a fraction above 10^12 (it raised pydantic's ValidationError)."""
    assert sodoan.parse_actual(text) == []


@pytest.mark.parametrize("number", ["1e28", "1e300", "-1e300"])
@pytest.mark.parametrize("kind", ["measure", "actual"])
def test_huge_json_number_reported(kind: str, number: str) -> None:
    """validate_jsonl reports a JSON number >= 1e28 as a value error (it raised InvalidOperation)."""
    measure = f'{{"value": {number}, "unit": "percent"}}'
    if kind == "measure":
        line, path = measure, "value"
    else:
        line = (
            '{"id": "a", "indicator": "online-filing-rate", "province": "tuyen-quang", '
            f'"period": 2024, "value": {measure}, '
            '"source": {"document": "d", "clause": "c", "quote": "q"}}'
        )
        path = "value.value"
    for collect in (False, True):
        report = validate_jsonl(line.encode() + b"\n", kind=kind, collect=collect)  # type: ignore[arg-type]
        assert (report.records, report.valid) == (1, 0)
        assert [(error.line, error.path, error.type) for error in report.errors] == [
            (1, path, "decimal_format")
        ]
