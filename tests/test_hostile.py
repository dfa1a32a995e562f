"""Hostile input, class by class (docs/reliability.md lists each guarantee and its test).

Stream framing is tested in test_stream_framing.py, the parser's hostile classes in
test_parsing_hostile.py, the schemas in Rust in test_jsonschema_rs.py; the rest is here.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
from decimal import Context, Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import ValidationError

import sodoan
from sodoan import Actual, Measure, Period, Target
from sodoan.assessment import assess_many
from sodoan.bulk import validate_jsonl
from sodoan.cli import main
from sodoan.cli._safe import csv_cell, json_text, safe
from sodoan.errors import AssessmentError, SodoanError
from tests.documents import ACTUAL, TARGET
from tests.memory import run_with_peak
from tests.strategies import scaled

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"

#: C1 controls, and the bidirectional embeddings, overrides and isolates.
FORBIDDEN = st.one_of(
    st.integers(0x80, 0x9F), st.integers(0x202A, 0x202E), st.integers(0x2066, 0x2069)
).map(chr)


def python_validator(kind: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def rust_valid(kind: str, document: Any) -> bool | None:
    """jsonschema-rs's verdict, or None when it is not installed."""
    try:
        from tests.rs.check import validator
    except ImportError:  # pragma: no cover - jsonschema-rs is in the dev extra
        return None
    return bool(validator(kind).is_valid(document))


def string_leaves(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every string value in a JSON document."""
    if isinstance(node, dict):
        return [leaf for key, value in node.items() for leaf in string_leaves(value, (*path, key))]
    if isinstance(node, list):
        return [leaf for i, value in enumerate(node) for leaf in string_leaves(value, (*path, i))]
    return [path] if isinstance(node, str) else []


def replaced(document: Any, path: tuple[Any, ...], make: Any) -> Any:
    copy = json.loads(json.dumps(document))
    node = copy
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = make(node[path[-1]])
    return copy


def cli(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


# -- 2. memory bounded by the line limit ----------------------------------------------------


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("kind_option", [["--kind", "actual"], []], ids=["kind", "sniffed"])
def test_flooded_line_is_bounded(tmp_path: Path, kind_option: list[str]) -> None:
    """A 15 MB line of a million unknown keys (then a good record): one clear error, the record
    after it counted, peak memory under 150 MB, with and without --kind (kind sniffing reads a
    bounded prefix)."""
    flood = "{" + ",".join(f'"k{n}":0' for n in range(1_200_000)) + "}\n"
    path = tmp_path / "flood.jsonl"
    path.write_text(flood + json.dumps(ACTUAL) + "\n", encoding="utf-8")
    lines, peak_kib = run_with_peak("validate", *kind_option, str(path))
    assert peak_kib < 150 * 1024
    assert lines[0] == (
        f"{path}:1: (record): an object of more than 64 keys: no sodoan record has one"
    )
    assert "2 records: 1 valid, 1 invalid (1 errors)" in lines[1]


def test_big_json_document_is_not_read(tmp_path: Path) -> None:
    """A .json document over 16 MiB is refused from its size: Dataset.read and validate."""
    path = tmp_path / "plans"
    path.mkdir()
    big = path / "big.json"
    with big.open("wb") as stream:
        stream.truncate(17 * 1024 * 1024)
    with pytest.raises(sodoan.DataError, match="larger than 16777216 bytes"):
        sodoan.Dataset.read([big])
    result = cli("validate", "--kind", "plan", str(big))
    assert result.exit_code == 1
    assert "document_too_long" in result.output or "longer than 16777216" in result.output


# -- 3. portable schemas: a final newline ---------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "document"), [("actual", ACTUAL), ("target", TARGET)], ids=["actual", "target"]
)
def test_a_final_newline_is_refused_in_every_string(kind: str, document: Any) -> None:
    """Every string field of a target and of an actual, given a final newline, is refused by
    the model, Python's jsonschema (whose '$' matches before a final newline) and jsonschema-rs."""
    assert python_validator(kind).is_valid(document)
    model = {"actual": Actual, "target": Target}[kind]
    for path in string_leaves(document):
        bad = replaced(document, path, lambda text: text + "\n")
        assert not python_validator(kind).is_valid(bad), path
        assert rust_valid(kind, bad) in (False, None), path
        with pytest.raises(ValidationError):
            model.model_validate(bad)


def test_every_anchored_pattern_refuses_a_newline() -> None:
    """Beside every pattern ending in '$' the schemas refuse a newline, in every schema."""
    count = 0

    def walk(node: Any) -> None:
        nonlocal count
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            pattern = node.get("pattern")
            if isinstance(pattern, str) and pattern.endswith("$"):
                assert node["not"] == {"type": "string", "pattern": "\n"}
                count += 1
            for value in node.values():
                walk(value)

    for path in sorted(SCHEMAS.glob("*.schema.json")):
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert count > 150


# -- 5. exact arithmetic --------------------------------------------------------------------

#: Levels of online-filing-rate (a share: 0-100 percent) with up to 30 digits after the point.
shares = st.builds(
    lambda whole, digits, places: Decimal(f"{whole}.{digits:0{places}d}"),
    st.integers(0, 99),
    st.integers(0, 10**30 - 1),
    st.just(30),
) | st.sampled_from([Decimal(0), Decimal(100), Decimal("99.999999999999999999999999999999")])


@settings(max_examples=scaled(200))
@given(
    shares,
    shares,
    st.sampled_from(["gt", "ge", "eq", "le", "lt"]),
    st.dates(dt.date(1900, 1, 1), dt.date(2200, 12, 31)),
)
def test_assess_is_exact_and_agrees_with_assess_many(
    actual_value: Decimal, target_value: Decimal, comparator: str, as_of: dt.date
) -> None:
    """With 32-digit values the margin is the exact difference and the status the exact
    comparison; assess and assess_many agree, and refuse an as_of outside 1945-2100 alike."""
    actual = Actual.model_validate(
        {**ACTUAL, "value": {"value": f"{actual_value:f}", "unit": "percent"}}
    )
    target = Target.model_validate(
        {
            **TARGET,
            "comparator": comparator,
            "value": {"value": f"{target_value:f}", "unit": "percent"},
        }
    )
    if not dt.date(1945, 1, 1) <= as_of <= dt.date(2100, 12, 31):
        with pytest.raises(AssessmentError):
            sodoan.assess(actual, target, as_of=as_of)
        with pytest.raises(AssessmentError):
            assess_many([(actual, target)], as_of=as_of)
        return
    exact = Context(prec=100).subtract(actual_value, target_value)
    # The achievement ratio (actual / target, for a target to reach or pass) of 1 against
    # 1E-30 has 31 digits: beyond what sodoan holds, an AssessmentError from both.
    if (
        comparator in ("gt", "ge", "eq")
        and target_value > 0
        and Context(prec=100).divide(actual_value, target_value) >= 10**30
    ):
        with pytest.raises(AssessmentError, match="achievement ratio"):
            sodoan.assess(actual, target, as_of=as_of)
        with pytest.raises(AssessmentError, match="achievement ratio"):
            assess_many([(actual, target)], as_of=as_of)
        return
    one = sodoan.assess(actual, target, as_of=as_of)
    many = assess_many([(actual, target)], as_of=as_of)[0]
    assert one.margin.value == exact
    assert str(one.margin.unit) == "percentage_point"
    assert many.margin == exact
    met = {
        "gt": actual_value > target_value,
        "ge": actual_value >= target_value,
        "eq": actual_value == target_value,
        "le": actual_value <= target_value,
        "lt": actual_value < target_value,
    }[comparator]
    assert one.met is met
    assert (one.status, one.ratio) == (many.status, many.ratio)


def test_margin_interval_is_exact_or_refused() -> None:
    """ "khoảng" (within 5%) a long figure: the margin interval's bounds are exact; when they
    would need more than 30 decimals, assess and assess_many raise the same AssessmentError
    (never a pydantic error from arithmetic)."""
    x = Decimal("27.36842105263157894736842105")
    actual = Actual.model_validate(
        {**ACTUAL, "qualifier": "approximately", "value": {"value": str(x), "unit": "percent"}}
    )
    target = Target.model_validate(
        {**TARGET, "comparator": "gt", "value": {"value": "26", "unit": "percent"}}
    )
    interval = sodoan.assess(actual, target, as_of=dt.date(2025, 6, 30)).margin_interval
    assert interval is not None
    exact = Context(prec=100)
    assert interval.low == exact.subtract(exact.multiply(x, Decimal("0.95")), 26)
    assert interval.high == exact.subtract(exact.multiply(x, Decimal("1.05")), 26)
    tiny = actual.model_copy(
        update={"value": Measure(value="0.001010526315789473684210526316", unit="percent")}
    )
    low = target.model_copy(update={"value": Measure(value="0.00096", unit="percent")})
    with pytest.raises(AssessmentError, match="margin interval"):
        sodoan.assess(tiny, low, as_of=dt.date(2025, 6, 30))
    with pytest.raises(AssessmentError, match="margin interval"):
        assess_many([(tiny, low)], as_of=dt.date(2025, 6, 30))


@given(st.integers(1, 10**30 - 1), st.integers(0, 10**30 - 1), st.sampled_from(["-", ""]))
def test_negation_is_exact(whole: int, fraction: int, sign: str) -> None:
    """Negating a 60-digit amount keeps every digit."""
    text = f"{sign}{whole}.{fraction:030d}"
    measure = Measure(value=text, unit="VND")
    negated = -measure
    assert negated.value == Decimal(text).copy_negate()
    assert str(negated.value.copy_abs()) == text.lstrip("-")
    assert -negated == measure


# -- 6. the CLI contract --------------------------------------------------------------------


def one_line_error(result: Any) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sodoan: ")
    return str(lines[0])


def test_as_of_out_of_range_is_a_usage_error() -> None:
    result = cli("--as-of", "2101-01-01")
    assert result.exit_code == 2
    assert one_line_error(result) == (
        "sodoan: Invalid value for --as-of: 2101-01-01 is outside the years 1945-2100"
    )


def test_json_error_object() -> None:
    result = cli("--format", "json", "--as-of", "2101-01-01")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "error": {
            "status": 2,
            "type": "usage",
            "message": "Invalid value for --as-of: 2101-01-01 is outside the years 1945-2100",
        }
    }


@pytest.mark.parametrize(
    "args",
    [["schema", "--out", "{file}/x"], ["export", "{file}/x"]],
    ids=["schema", "export"],
)
def test_unwritable_output_is_exit_2(tmp_path: Path, args: list[str]) -> None:
    """Writing under a regular file (not a directory): exit 2, one line naming the path."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli(*[arg.format(file=blocker) for arg in args])
    assert result.exit_code == 2
    assert str(blocker) in one_line_error(result)


def test_ctrl_c_is_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr("sodoan.reports.progress", interrupted)
    result = cli("--as-of", "2026-11-27")
    assert result.exit_code == 130
    assert one_line_error(result) == "sodoan: interrupted"


def test_invalid_data_is_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({**ACTUAL, "period": 1800}) + "\n", encoding="utf-8")
    assert cli("validate", str(path)).exit_code == 1
    path.write_text(json.dumps(ACTUAL) + "\n", encoding="utf-8")
    assert cli("validate", str(path)).exit_code == 0


@pytest.mark.skipif(shutil.which("sodoan") is None, reason="the sodoan script is not installed")
def test_closed_pipe_is_not_an_error() -> None:
    """`sodoan report | head -1`: exit 0 and nothing on stderr."""
    process = subprocess.Popen(
        ["sodoan", "report", "--as-of", "2026-11-27"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=60) == 0
    assert [line for line in stderr.splitlines() if "mpd_setminalloc" not in line] == []


# -- 7. output cannot attack the terminal or a spreadsheet -----------------------------------

HOSTILE_KEYS = ["\x1b[2J", "x\u202ey", "=HYPERLINK(1)", "@SUM(1)", "+1+2", "\x9b31m"]


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_validate_output_is_escaped(tmp_path: Path, fmt: str) -> None:
    """Unknown keys from the input reach the output: escaped, and not formulas in CSV."""
    document = {**ACTUAL, **dict.fromkeys(HOSTILE_KEYS, 1)}
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(document, ensure_ascii=False) + "\n", encoding="utf-8")
    result = cli("validate", "--format", fmt, str(path))
    assert result.exit_code == 1
    out = result.stdout
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", out)
    if fmt == "csv":
        paths = [row.split(",")[2] for row in out.splitlines()[1:]]
        assert set(paths) == {
            "'=HYPERLINK(1)",
            "'@SUM(1)",
            "'+1+2",
            "\\x1b[2J",
            "x\\u202ey",
            "\\x9b31m",
        }
    elif fmt == "json":
        errors = json.loads(out)["errors"]
        assert sorted(error["path"] for error in errors) == sorted(HOSTILE_KEYS)
    else:
        shown = {line.split(": ")[1] for line in out.splitlines()[:-1]}
        assert shown == {"=HYPERLINK(1)", "@SUM(1)", "+1+2", "\\x1b[2J", "x\\u202ey", "\\x9b31m"}


@given(st.text())
def test_safe_output_has_no_active_character(text: str) -> None:
    """Whatever the text: no control character or bidi mark survives; a CSV cell never starts
    like a formula unless it is a plain number; json_text reads back as the same text."""
    unsafe = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
    assert not unsafe.search(safe(text))
    cell = csv_cell(text)
    assert not unsafe.search(cell)
    if cell.startswith(("=", "+", "-", "@")):
        assert re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell)
    dumped = json_text({"text": text})
    assert not re.search("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", dumped)
    assert json.loads(dumped) == {"text": text}


def test_plain_numbers_stay_numbers_in_csv() -> None:
    assert [csv_cell(v) for v in ["-5", "-5.25", "=1", "-1+2"]] == ["-5", "-5.25", "'=1", "'-1+2"]


# -- 8. text fields -------------------------------------------------------------------------


@settings(max_examples=scaled(60))
@given(
    FORBIDDEN,
    st.sampled_from([("source", "quote"), ("source", "clause"), ("note",), ("area",)]),
)
def test_text_fields_refuse_c1_and_bidi(char: str, path: tuple[str, ...]) -> None:
    """A C1 control or a bidi override or isolate in a text field: refused by the model (at that
    field), by Python's jsonschema and by jsonschema-rs."""
    document = {**ACTUAL, "note": "ghi chú", "area": "huyện Na Hang"}
    bad = replaced(document, path, lambda text: text[:2] + char + text[2:])
    with pytest.raises(ValidationError) as caught:
        Actual.model_validate(bad)
    assert tuple(caught.value.errors()[0]["loc"]) == path
    assert not python_validator("actual").is_valid(bad)
    assert rust_valid("actual", bad) in (False, None)


@given(FORBIDDEN)
def test_ids_refuse_c1_and_bidi(char: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Actual.model_validate({**ACTUAL, "id": f"a{char}b"})
    assert caught.value.errors()[0]["loc"] == ("id",)


# -- 9. strict public constructors ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((2025,), {"quarter": 2.0}, "quarter must be an integer (not float): 2.0"),
        ((2025,), {"quarter": True}, "quarter must be an integer (not bool): True"),
        ((2025,), {"month": "3"}, "month must be an integer (not str): '3'"),
        ((2025.0,), {}, "year must be an integer from 1945 to 2100: 2025.0"),
    ],
)
def test_period_is_strict(args: tuple[Any, ...], kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(sodoan.PeriodError) as caught:
        Period(*args, **kwargs)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "source", [io.StringIO('{"value": "1"}\n'), "bad\x00path.jsonl"], ids=["text-io", "nul"]
)
def test_validate_jsonl_refuses_what_it_cannot_read(source: Any) -> None:
    with pytest.raises(SodoanError):
        validate_jsonl(source, kind="measure")


@pytest.mark.parametrize("text", ["-0", "-0,0", "−0", "-0,00"])
def test_negative_zero_refused_by_parser_and_model(text: str) -> None:
    """parse_number agrees with Measure: a negative zero is refused by both."""
    with pytest.raises(sodoan.NumberFormatError):
        sodoan.parse_number(text)
    with pytest.raises(ValidationError):
        Measure(value=text.replace(",", ".").replace("−", "-"), unit="percent")


# -- 10. what a service expects of validate ------------------------------------------------


def messages(lines: bytes, kind: str = "actual", **options: Any) -> list[tuple[int, str, str]]:
    report = validate_jsonl(lines, kind=kind, **options)  # type: ignore[arg-type]
    return [(e.line, e.type, e.message) for e in report.errors]


def line(document: Any) -> bytes:
    return (json.dumps(document, ensure_ascii=False) + "\n").encode()


def test_repeated_id_across_lines() -> None:
    found = messages(line(ACTUAL) + line({**ACTUAL, "period": 2023}))
    assert [(n, kind) for n, kind, _ in found] == [(2, "duplicate_id")]
    assert "'a'" in found[0][2]
    assert messages(line(ACTUAL) * 2, unique_ids=False) == []


def test_share_over_100() -> None:
    found = messages(line({**ACTUAL, "value": {"value": "100.01", "unit": "percent"}}))
    assert found == [
        (
            1,
            "value_not_allowed_for_indicator",
            "online-filing-rate is a share of a whole: a figure must be from 0 to 100 percent; "
            "got 100.01",
        )
    ]


def test_figure_after_the_province_ended() -> None:
    """Hà Giang merged into Tuyên Quang on 2025-07-01: a 2026 figure is an error naming it."""
    document = {**ACTUAL, "province": "ha-giang", "period": 2026}
    found = messages(line(document))
    assert [kind for _, kind, _ in found] == ["province_ended"]
    assert "tuyen-quang" in found[0][2]
    assert messages(line({**document, "period": 2024})) == []


def test_messages_quote_the_value_clipped() -> None:
    long = "9" * 10_000
    found = messages(line({**ACTUAL, "period": long}))
    assert len(found) == 1
    assert f"'{'9' * 60}… (10,000 characters)'" in found[0][2]
    assert len(found[0][2]) < 300


def test_validate_reads_stdin() -> None:
    result = cli("validate", "-", input=json.dumps(ACTUAL) + "\n" + json.dumps(ACTUAL) + "\n")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith("<stdin>:2: id: ")
