"""validate_jsonl and assess_many: streaming, strictness, and agreement with the models."""

from __future__ import annotations

import datetime as dt
import io
import json
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

import sodoan
import sodoan._lines
from sodoan import Actual, SodoanError, Target
from sodoan.assessment import assess_many
from sodoan.bulk import validate_jsonl, validate_record
from tests.documents import ACTUAL as GOOD
from tests.documents import SOURCE
from tests.strategies import actuals, scaled, targets


def line(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode() + b"\n"


def model_accepts(raw: bytes) -> bool:
    """The reference verdict: strict JSON (no duplicate keys) and the Actual model."""
    import jiter

    try:
        Actual.model_validate(
            jiter.from_json(raw, allow_inf_nan=False, catch_duplicate_keys=True, float_mode="float")
        )
    except (ValidationError, ValueError):
        return False
    return True


class TestValidateJsonl:
    """Reports, line numbers, field paths and streams."""

    def test_three_valid_two_invalid(self) -> None:
        """Exactly the two invalid lines are reported, with line numbers and paths."""
        data = b"".join(
            [
                line(GOOD),
                line({**GOOD, "value": {"value": "98,26", "unit": "percent"}}),
                line(GOOD),
                line({**GOOD, "indicator": "online-filing"}),
                line(GOOD),
            ]
        )
        report = validate_jsonl(data, unique_ids=False)
        assert (report.records, report.valid, report.invalid) == (5, 3, 2)
        assert [(e.line, e.path, e.type) for e in report.errors] == [
            (2, "value.value", "decimal_format"),
            (4, "indicator", "unknown_id"),
        ]
        assert "did you mean 'online-filing-rate'" in report.errors[1].message
        assert str(report.errors[0]).startswith("2: value.value: Input should be an exact decimal")
        assert report.summary() == "<bytes>: 5 records: 3 valid, 2 invalid (2 errors)"

    @pytest.mark.parametrize(
        ("raw", "kind"),
        [
            (b'{"id": "a", "id": "b"}', "duplicate_key"),
            (b"\xef\xbb\xbf" + json.dumps(GOOD).encode(), "json_bom"),
            (json.dumps(GOOD).encode().replace(b"98.26", b"98.26\xff"), "json_invalid"),
            (b'{"id": ', "json_invalid"),
            (b"NaN", "json_invalid"),
        ],
    )
    def test_strict_json(self, raw: bytes, kind: str) -> None:
        """Duplicate keys, byte-order marks, invalid UTF-8 and broken JSON are errors."""
        (error,) = validate_record(raw)
        assert error.type == kind
        assert error.path == "(record)"

    def test_duplicate_nested_key(self) -> None:
        """A key repeated inside a nested object is caught too."""
        raw = (
            json.dumps(GOOD)
            .replace('"unit": "percent"', '"unit": "percent", "unit": "VND"')
            .encode()
        )
        assert [e.type for e in validate_record(raw)] == ["duplicate_key"]

    def test_sources(self, tmp_path: Path) -> None:
        """A path, a binary file object and bytes give the same report."""
        data = line(GOOD) + b"\n   \n" + line({**GOOD, "period": 1800})
        path = tmp_path / "a.jsonl"
        path.write_bytes(data)
        reports = [
            validate_jsonl(path),
            validate_jsonl(str(path)),
            validate_jsonl(io.BytesIO(data)),
            validate_jsonl(data),
        ]
        assert {(r.records, r.valid, tuple(map(str, r.errors))) for r in reports} == {
            (
                2,
                1,
                (
                    "4: period: Input should be a year (2025) or a string YYYY-Qn, YYYY-MM or YYYY-MM-DD within 1945-2100: year must be an integer from 1945 to 2100: 1800",
                ),
            )
        }

    def test_collect(self) -> None:
        """collect=True returns the valid records as models."""
        report = validate_jsonl(line(GOOD) * 3, collect=True, unique_ids=False)
        assert [type(i) for i in report.items] == [Actual] * 3
        assert report.items[0] == Actual.model_validate(GOOD)

    @pytest.mark.parametrize("kind", ["target", "plan", "indicator", "measure"])
    def test_other_kinds(self, kind: str) -> None:
        """Every document kind can be validated."""
        assert validate_jsonl(b"{}\n", kind=kind).invalid == 1  # type: ignore[arg-type]

    def test_unknown_kind(self) -> None:
        """An unknown kind is a usage error."""
        with pytest.raises(SodoanError, match="unknown document kind"):
            validate_jsonl(b"", kind="budget")  # type: ignore[arg-type]

    def test_unreadable(self, tmp_path: Path) -> None:
        """A missing file is a SodoanError naming it."""
        with pytest.raises(SodoanError, match=r"missing\.jsonl"):
            validate_jsonl(tmp_path / "missing.jsonl")

    def test_max_errors(self) -> None:
        """Only max_errors errors are kept; all are counted."""
        report = validate_jsonl(b"{}\n" * 50, max_errors=5)
        assert len(report.errors) == 5
        assert report.error_count > 50
        assert "shown" in report.summary()

    def test_oversized_line(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A line longer than the limit is reported and skipped, not read whole."""
        monkeypatch.setattr(sodoan.bulk, "MAX_LINE_BYTES", 1000)
        report = validate_jsonl(
            line(GOOD) + b'{"id": "' + b"x" * 5000 + b'"}\n' + line(GOOD), unique_ids=False
        )
        assert (report.records, report.valid) == (3, 2)
        assert [(e.line, e.type) for e in report.errors] == [(2, "line_too_long")]

    def test_progress(self) -> None:
        """progress is called with the bytes read."""
        seen: list[int] = []
        data = line(GOOD) * 3
        validate_jsonl(data, progress=seen.append, unique_ids=False)
        assert seen[-1] == len(data)

    @staticmethod
    def _peak(copies: int) -> int:
        data = (line(GOOD) + line({**GOOD, "period": 1800})) * copies
        stream = io.BytesIO(data)
        tracemalloc.start()
        report = validate_jsonl(stream, max_errors=100, unique_ids=False)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert report.records == 2 * copies
        return peak

    def test_memory_does_not_grow(self) -> None:
        """Twice the input (4.4 MB, half invalid, vs 8.8 MB: several 1 MiB chunks) needs no more
        memory: a chunk, a partial line and max_errors errors, never the whole input."""
        small, large = self._peak(10_000), self._peak(20_000)
        assert small < 8_000_000
        assert large < small + 500_000


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=5,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths: list[tuple[Any, ...]] = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths += _paths(value, (*prefix, key))
    return paths


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid Actual document, mutated at one place (or not at all)."""
    document = json.loads(draw(actuals()).model_dump_json())
    how = draw(st.sampled_from(["none", "replace", "delete", "add", "duplicate"]))
    paths = _paths(document)
    path = draw(st.sampled_from(paths))
    parent = document
    for key in path[:-1]:
        parent = parent[key]
    if how == "replace":
        parent[path[-1]] = draw(
            JSON_VALUES
            | st.sampled_from(
                ["98,26", "-0", "1e5", "VND", "count", "tuyen-quang", 0, -1, 2024, "2024-02-30"]
            )
        )
    elif how == "delete":
        del parent[path[-1]]
    elif how == "add":
        parent[draw(st.sampled_from(["extra", "unit", "value", "note"]))] = draw(JSON_VALUES)
    raw = json.dumps(document, ensure_ascii=False)
    if how == "duplicate":
        key = json.dumps(path[-1])
        position = raw.find(key + ":")
        assume(position > 0)
        raw = raw[:position] + f"{key}: 0, " + raw[position:]
    return raw.encode()


@given(mutated())
def test_bulk_verdict_equals_model_verdict(raw: bytes) -> None:
    """validate_jsonl (the bulk path, pydantic-core on the raw line) accepts exactly what the
    Actual model accepts when the line is read strictly."""
    assert validate_jsonl(raw + b"\n").ok == model_accepts(raw)


@given(mutated())
def test_collect_path_agrees(raw: bytes) -> None:
    """collect=True gives the same verdict, and the model of each valid line."""
    fast = validate_jsonl(raw + b"\n")
    full = validate_jsonl(raw + b"\n", collect=True)
    assert (fast.valid, fast.invalid) == (full.valid, full.invalid)
    assert [type(item) for item in full.items] == [Actual] * full.valid


class TestDuplicateIds:
    """A service validating a file expects each record's id once."""

    def test_a_repeated_id_is_an_error(self) -> None:
        """The second record with an id gets duplicate_id; an invalid record is not counted."""
        data = line(GOOD) + line({**GOOD, "period": 1800}) + line(GOOD) + line({**GOOD, "id": "b"})
        report = validate_jsonl(data)
        assert [(e.line, e.path, e.type) for e in report.errors] == [
            (2, "period", "period"),
            (3, "id", "duplicate_id"),
        ]
        assert report.errors[1].message == "id 'a' is already used by an earlier record"

    def test_the_check_can_be_turned_off(self) -> None:
        """unique_ids=False accepts repeated ids."""
        assert validate_jsonl(line(GOOD) * 3, unique_ids=False).ok

    @settings(max_examples=50)
    @given(st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=12))
    def test_exactly_the_repeats(self, ids: list[str]) -> None:
        """Every record whose id came before is reported, and only those."""
        data = b"".join(line({**GOOD, "id": i}) for i in ids)
        report = validate_jsonl(data)
        repeats = [n for n, i in enumerate(ids, 1) if i in ids[: n - 1]]
        assert [e.line for e in report.errors] == repeats

    @settings(max_examples=100)
    @given(
        st.lists(st.lists(st.sampled_from([f"id-{n}" for n in range(40)]), max_size=30)),
        st.sampled_from([0, 1, 5, 1 << 18]),
    )
    def test_add_all_finds_the_repeats(self, parts: list[list[str]], small: int) -> None:
        """add_all gives the positions of the ids seen before (earlier in its list or in an
        earlier call), in the set, in the table (small=0: the inline path of the callers of
        -j beyond the set's size), and across the move from one to the other."""
        from sodoan._guards import SeenIds

        seen = SeenIds(small=small)
        before: list[str] = []
        for ids in parts:
            expected = [k for k, i in enumerate(ids) if i in before or i in ids[:k]]
            assert seen.add_all(ids) == expected
            before += ids

    def test_memory_per_record(self) -> None:
        """The first SMALL_IDS ids take under 20 MB (a set of 8-byte digests); beyond them, the
        ids kept take under 64 bytes a record (the digests, in a table)."""
        import sys

        from sodoan._guards import SMALL_IDS, SeenIds

        seen = SeenIds()
        for number in range(SMALL_IDS - 1):
            assert seen.add(f"record-{number}")
        assert seen._small is not None
        assert 8 * SMALL_IDS < seen.nbytes < 20 * 2**20
        count = SMALL_IDS + 100_000
        for number in range(SMALL_IDS - 1, count):
            assert seen.add(f"record-{number}")
        assert seen._small is None  # moved into the table
        for number in (0, 7, SMALL_IDS - 2, SMALL_IDS - 1, count - 1):
            assert not seen.add(f"record-{number}")
        assert seen.add(f"record-{count}")
        assert seen.nbytes / count < 64
        assert sum(sys.getsizeof(part) for part in seen._parts) < 64 * count


class TestOneValidationPath:
    """Bulk validation runs the model's own validator: a rule added to the model applies."""

    def test_a_rule_added_to_the_model_applies_in_bulk(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A cross-field rule on (a subclass of) Actual rejects records in validate_jsonl and
        validate_record too: there is no second validator to forget."""
        from pydantic import model_validator
        from pydantic_core import PydanticCustomError

        class Stricter(Actual):
            @model_validator(mode="after")
            def _no_cao_bang(self) -> Stricter:
                if self.province == "cao-bang":
                    raise PydanticCustomError("no_cao_bang", "Cao Bằng is not accepted here")
                return self

        monkeypatch.setitem(sodoan._lines._MODELS, "actual", Stricter)
        good, bad = line(GOOD), line({**GOOD, "province": "cao-bang"})
        report = validate_jsonl(good + bad, unique_ids=False)
        assert [(e.line, e.type) for e in report.errors] == [(2, "no_cao_bang")]
        assert [e.type for e in validate_record(bad)] == ["no_cao_bang"]

    def test_valid_lines_take_the_fast_path(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A valid line is validated once, on the raw bytes; only a rejected line (or one with
        a JSON float) is read again strictly to report the model's errors."""
        from sodoan._lines import LineValidator

        calls: list[int] = []
        exact = LineValidator.exact

        def counting(self: LineValidator, number: int, raw: bytes | str) -> Any:
            calls.append(number)
            return exact(self, number, raw)

        monkeypatch.setattr(LineValidator, "exact", counting)
        report = validate_jsonl(line(GOOD) * 3 + line({**GOOD, "period": 1800}), unique_ids=False)
        assert (report.valid, report.invalid) == (3, 1)
        assert calls == [4]


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Actual, Target]:
    target = draw(targets())
    actual = draw(actuals())
    data = json.loads(actual.model_dump_json())
    data["indicator"] = target.indicator
    data["change_from"] = None
    data["value"] = json.loads(target.value.model_dump_json())
    data["value"]["value"] = str(draw(st.decimals(min_value=0, max_value=10**6, places=2)))
    if target.value.unit == "percent":  # a share of a whole
        data["value"]["value"] = str(draw(st.decimals(min_value=0, max_value=100, places=2)))
    if target.value.unit == "rank":
        data["value"]["value"] = str(draw(st.integers(1, 100)))
    elif target.value.unit == "count":
        data["value"]["value"] = str(draw(st.integers(0, 10**6)))
    return Actual.model_validate(data), target


@settings(max_examples=scaled(100))
@given(
    st.lists(pairs(), min_size=1, max_size=5), st.dates(dt.date(2020, 1, 1), dt.date(2035, 1, 1))
)
def test_assess_many_equals_assess(items: list[tuple[Actual, Target]], as_of: dt.date) -> None:
    """assess_many gives, pair by pair, exactly what assess gives."""
    outcomes = assess_many(items, as_of=as_of)
    for (actual, target), outcome in zip(items, outcomes, strict=True):
        expected = sodoan.assess(actual, target, as_of=as_of)
        assert outcome.status == expected.status
        assert outcome.margin == expected.margin.value
        assert outcome.margin_unit == expected.margin.unit
        assert outcome.ratio == expected.ratio
        assert outcome.actual_before_due == expected.actual_before_due


def test_assess_many_raises_like_assess() -> None:
    """A pair of different indicators raises AssessmentError."""
    actual = Actual.model_validate(GOOD)
    target = Target.model_validate(
        {
            "id": "t",
            "indicator": "dti-rank",
            "province": "tuyen-quang",
            "comparator": "le",
            "value": {"value": "20", "unit": "rank"},
            "source": SOURCE,
        }
    )
    with pytest.raises(sodoan.AssessmentError):
        assess_many([(actual, target)])
