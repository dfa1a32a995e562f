"""Differential testing: the models and the published JSON Schemas accept and reject alike.

Valid documents are drawn from the strategies of ``tests/strategies.py`` and dumped with
``model_dump(mode="json")``; then exactly one thing is changed: a node (a leaf, or a whole object
or array) is replaced by a tricky JSON value, a key or array item is deleted, or an unknown key
is added. The model (``Model.model_validate``; a :class:`pydantic.ValidationError` is a
rejection) and ``jsonschema``'s Draft 2020-12 validator on ``schemas/`` (formats asserted) must
then give the same verdict.

The only disagreements allowed are the rules that JSON Schema cannot state, which only the models
apply: those comparing two fields of a document (:data:`CROSS_FIELD_RULES`: change_from before
period, lower <= upper of a range across scales, a fraction's part <= its whole, effective and
due dates on or after the issue date, unique ids in a plan, targets and actuals in the plan's
province, a plan period's start <= end) and the digit count of a JSON number (at most 15
significant digits: :func:`too_many_digits`). An example where the model's only objections are
such rules is skipped (``assume``), not counted as agreement; a test below checks that each of
these rules really is model-only, so the list cannot hide an expressible rule. Any other
disagreement fails the test.

Each published schema is self-contained (its ``$defs`` inline, no reference to another file:
checked in ``tests/test_roundtrip.py``), so it is loaded as ``tests/test_schemas.py`` loads it,
with no reference registry.
"""

from __future__ import annotations

import functools
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from sodoan import Actual, Indicator, Measure, Plan, Target
from sodoan.period import Period
from sodoan.units import UNIT_CODES
from tests.documents import ACTUAL, TARGET
from tests.strategies import (
    actuals,
    indicator_ids,
    indicators,
    measures,
    periods,
    plans,
    province_ids,
    scaled,
    targets,
)

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"

#: Error types of the model rules that JSON Schema cannot express: each compares two fields.
CROSS_FIELD_RULES: dict[str, str] = {
    # Actual: a change is measured from an earlier period (change_from < period).
    "change_from_not_before_period": "Actual.change_from is before Actual.period",
    # Target: a 'between' range has lower <= upper, compared across scales (2 tỷ vs 1.500 triệu
    # đồng); YearRange (Plan.period): start <= end.
    "range_reversed": "Target.value <= Target.upper; Plan.period.start <= Plan.period.end",
    # Fraction: the part is at most the whole.
    "fraction_exceeds_whole": "Actual.fraction.numerator <= Actual.fraction.denominator",
    # Plan: effective on or after issued.
    "effective_before_issued": "Plan.effective >= Plan.issued",
    # Plan: every target's due period ends on or after the plan's issue date.
    "due_before_issued": "Plan.targets[*].due ends on or after Plan.issued",
    # Plan: target, actual and budget ids unique (uniqueItems compares whole items, not ids).
    "duplicate_id": "ids unique within Plan.targets, Plan.actuals and Plan.budgets",
    # Source: the quote's offsets are in order.
    "offsets_reversed": "Source.start <= Source.end",
    # Plan: every target and actual is for the plan's province.
    "province_mismatch": "Plan.targets[*].province and Plan.actuals[*].province == Plan.province",
    # Actual: a province merged away has no figure for a period that began after it ended.
    "province_ended": "Actual.period starts by the end of Actual.province (Hà Giang: 2025-06-30)",
}
#: The other rule JSON Schema cannot express: a JSON number (a double) must have at most 15
#: significant digits and at most 30 after the point (JSON Schema cannot count a number's
#: digits). The model reports it as ``decimal_format`` (its union's one error type for a bad
#: decimal) or ``decimal_too_precise``; it is recognised by the input, a float.
DIGIT_COUNT_TYPES = frozenset({"decimal_format", "decimal_too_precise", "json_number"})


def too_many_digits(number: object) -> bool:
    """Whether ``number`` is a JSON number rejected only for its digits (see DIGIT_COUNT_TYPES)."""
    if not isinstance(number, float) or not math.isfinite(number) or abs(number) >= 10**15:
        return False
    exact = Decimal(repr(number)).normalize()
    digits = len(exact.as_tuple().digits)
    exponent = exact.as_tuple().exponent
    return digits > 15 or (isinstance(exponent, int) and exponent < -30)


def not_expressible(error: ErrorDetails) -> bool:
    """Whether a model error is one of the rules that JSON Schema cannot express."""
    if error["type"] in CROSS_FIELD_RULES:
        return True
    return error["type"] in DIGIT_COUNT_TYPES and too_many_digits(error["input"])


MODELS: dict[str, type[BaseModel]] = {
    "measure": Measure,
    "actual": Actual,
    "target": Target,
    "plan": Plan,
    "indicator": Indicator,
}
STRATEGIES: dict[str, st.SearchStrategy[BaseModel]] = {
    "measure": measures(),
    "actual": actuals(),
    "target": targets(),
    "plan": plans(),
    "indicator": indicators(),
}
#: Examples per kind (plans are the slowest to draw, and the richest to mutate).
EXAMPLES = {
    kind: scaled(n)
    for kind, n in {
        "measure": 300,
        "actual": 300,
        "target": 300,
        "indicator": 300,
        "plan": 200,
    }.items()
}

#: Values that look almost right: locale-formatted decimals, non-finite and exponent strings,
#: negative zero, padding, the wrong JSON type, codes that are valid somewhere else, an
#: impossible date, an over-long string and a Cyrillic look-alike of a province id.
#: Some end in a newline: Python's ``re`` lets ``$`` match before it, and the schemas must still
#: refuse them in Python's jsonschema.
TRICKY: list[Any] = [
    "98.26\n",
    "tuyen-quang\n",
    "2024\n",
    "98,26",
    "1.234,5",
    "1e999",
    "NaN",
    "Infinity",
    "-0",
    "-0.0",
    "",
    " 98.26",
    "98.26 ",
    "98.26",
    "80.0",
    "+5",
    "0x10",
    0,
    -1,
    1.5,
    2024,
    2024.0,
    10**15,
    True,
    False,
    None,
    [],
    {},
    ["tuyen-quang"],
    {"value": "1", "unit": "count"},
    "tuyen-quang",
    "tra-vinh",
    "online-filing-rate",
    "dti-rank",
    "digital-economy",
    "VND",
    "million_VND",
    "percent",
    "percentage_point",
    "rank",
    "count",
    "ge",
    "between",
    "province",
    "exact",
    "2024",
    "2024-Q2",
    "2025-06",
    "2025-06-30",
    "2024-02-30",
    "2024-13-01",
    "2025-06-30T00:00:00",
    "60/KH-UBND",
    "https://example.org/a",
    "file:///etc/passwd",
    "003_3af9811e5cc25df9.txt",
    "../etc/passwd",
    "a" * 200,
    "đ" * 301,
    "tuуen-quang",  # Cyrillic у (U+0443)
    "Tuyên Quang",
    "Tuye\u0302n Quang",  # NFD: rejected, not normalised
    "a\u0007b",
    "9" * 31,
    "0." + "1" * 31,
    0.30000000000000004,  # 17 significant digits: more than a double holds exactly
    5e-324,
    1e-7,
    -1e-7,
    1e300,
]
#: Values valid somewhere (any unit code, indicator, province or comparator; a period; a decimal
#: string or JSON number): half of the replacements, so that a change is as likely to meet a rule
#: between fields (the unit of an indicator, the sign of a level) as a type check.
VALID_SOMEWHERE = (
    st.sampled_from(UNIT_CODES)
    | indicator_ids
    | province_ids
    | st.sampled_from(["gt", "ge", "eq", "le", "lt", "between", "village", "ratio", "amount"])
    | periods.map(Period.to_json)
    | st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=1000
    ).map(str)
    | st.integers(-5, 5)
    | st.floats(-1e16, 1e16, allow_nan=False)
)
UNKNOWN_KEYS = ["extra", "$ref", "Value", "value ", "__proto__", "id\u200b"]


@functools.cache
def schema_validator(kind: str) -> Draft202012Validator:
    """The committed schema of ``kind``, formats asserted (as tests/test_schemas.py loads it)."""
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_accepts(kind: str, document: Any) -> bool:
    """jsonschema's verdict, checked against jsonschema-rs's (Rust) when it is installed: the
    two independent validators must agree on every document."""
    verdict = next(schema_validator(kind).iter_errors(document), None) is None
    if RUST is not None:
        assert RUST(kind).is_valid(document) == verdict, f"jsonschema-rs disagrees on {kind}"
    return verdict


try:
    from tests.rs.check import validator as RUST
except ImportError:  # pragma: no cover - jsonschema-rs is in the dev extra
    RUST = None


def model_errors(kind: str, document: Any) -> list[ErrorDetails] | None:
    """The model's errors for ``document``, or None when the model accepts it."""
    try:
        MODELS[kind].model_validate(document)
    except ValidationError as error:
        return error.errors()
    return None


def children(document: Any) -> list[tuple[Any, Any]]:
    """(key or index, value) of an object's or array's members; [] for a leaf."""
    if isinstance(document, dict):
        return list(document.items())
    if isinstance(document, list):
        return list(enumerate(document))
    return []


def nodes(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every node below the root (objects, arrays and leaves)."""
    found: list[tuple[Any, ...]] = []
    for key, value in children(document):
        found.append((*prefix, key))
        found.extend(nodes(value, (*prefix, key)))
    return found


def objects(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every object, the root included."""
    found = [prefix] if isinstance(document, dict) else []
    for key, value in children(document):
        found.extend(objects(value, (*prefix, key)))
    return found


def at(document: Any, path: tuple[Any, ...]) -> Any:
    """The node at ``path``."""
    for key in path:
        document = document[key]
    return document


def replacements() -> st.SearchStrategy[Any]:
    """A tricky value or a value valid somewhere, each half of the time."""
    return st.booleans().flatmap(
        lambda tricky: st.sampled_from(TRICKY) if tricky else VALID_SOMEWHERE
    )


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> tuple[str, Any]:
    """(description, document): a valid ``kind`` document with exactly one change."""
    document = draw(STRATEGIES[kind]).model_dump(mode="json")
    operation = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add"]))
    if operation == "add":
        path = draw(st.sampled_from(objects(document)))
        key = draw(st.sampled_from(UNKNOWN_KEYS))
        value = draw(replacements())
        at(document, path)[key] = value
        return f"add {key!r}={value!r} at {path}", document
    paths = nodes(document)
    assume(paths)
    path = draw(st.sampled_from(paths))
    parent = at(document, path[:-1])
    if operation == "delete":
        old = parent[path[-1]]
        del parent[path[-1]]
        return f"delete {path} (was {old!r})", document
    value = draw(replacements())
    old = parent[path[-1]]
    assume(value != old or type(value) is not type(old))
    parent[path[-1]] = value
    return f"replace {path}: {old!r} -> {value!r}", document


def check_agreement(kind: str, description: str, document: Any) -> None:
    """The model and the schema agree, unless the model's only objections are not expressible."""
    errors = model_errors(kind, document)
    schema_ok = schema_accepts(kind, document)
    # The model reads the JSON text exactly as it reads the parsed document.
    try:
        MODELS[kind].model_validate_json(json.dumps(document))
        json_ok = True
    except ValidationError:
        json_ok = False
    assert json_ok == (errors is None), f"python and JSON modes disagree: {description}"
    if errors is not None and schema_ok:
        assume(not all(not_expressible(error) for error in errors))
    types = sorted({error["type"] for error in errors or ()})
    assert (errors is None) == schema_ok, (
        f"{kind}: {description}: model "
        f"{'accepts' if errors is None else f'rejects ({types})'}, jsonschema "
        f"{'accepts' if schema_ok else 'rejects'}"
    )


@pytest.mark.parametrize("kind", list(MODELS))
def test_unmutated_documents_valid_in_both(kind: str) -> None:
    """The strategies' documents, unchanged, are valid for the model and for the schema."""

    @settings(max_examples=20, deadline=None)
    @given(item=STRATEGIES[kind])
    def check(item: BaseModel) -> None:
        document = item.model_dump(mode="json")
        assert model_errors(kind, document) is None
        assert schema_accepts(kind, document)

    check()


@settings(max_examples=EXAMPLES["measure"], deadline=None)
@given(case=mutated("measure"))
def test_measure_model_and_schema_agree(case: tuple[str, Any]) -> None:
    """A measure with one change: the Measure model and measure.schema.json agree."""
    check_agreement("measure", *case)


@settings(max_examples=EXAMPLES["actual"], deadline=None)
@given(case=mutated("actual"))
def test_actual_model_and_schema_agree(case: tuple[str, Any]) -> None:
    """An actual with one change: the Actual model and actual.schema.json agree."""
    check_agreement("actual", *case)


@settings(max_examples=EXAMPLES["target"], deadline=None)
@given(case=mutated("target"))
def test_target_model_and_schema_agree(case: tuple[str, Any]) -> None:
    """A target with one change: the Target model and target.schema.json agree."""
    check_agreement("target", *case)


@settings(max_examples=EXAMPLES["indicator"], deadline=None)
@given(case=mutated("indicator"))
def test_indicator_model_and_schema_agree(case: tuple[str, Any]) -> None:
    """An indicator with one change: the Indicator model and indicator.schema.json agree."""
    check_agreement("indicator", *case)


@settings(max_examples=EXAMPLES["plan"], deadline=None)
@given(case=mutated("plan"))
def test_plan_model_and_schema_agree(case: tuple[str, Any]) -> None:
    """A plan with one change: the Plan model and plan.schema.json agree."""
    check_agreement("plan", *case)


# -- the allowed disagreements really are model-only ---------------------------------------

PLAN: dict[str, Any] = {
    "id": "p",
    "kind": "plan",
    "title": {"vi": "Kế hoạch chuyển đổi số năm 2025"},
    "province": "tuyen-quang",
    "province_basis": "named-in-text",
    "issued": "2025-03-26",
    "documents": ["doc"],
    "targets": [TARGET],
    "actuals": [ACTUAL],
}
MODEL_ONLY_CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("change_from_not_before_period", "actual", {**ACTUAL, "change_from": 2024}),
    ("province_ended", "actual", {**ACTUAL, "province": "ha-giang", "period": 2026}),
    (
        "range_reversed",
        "target",
        {
            **TARGET,
            "indicator": "dx-spending",
            "comparator": "between",
            "value": {"value": "2", "unit": "billion_VND"},
            "upper": {"value": "1500", "unit": "million_VND"},
        },
    ),
    ("range_reversed", "plan", {**PLAN, "period": {"start": 2025, "end": 2021}}),
    (
        "fraction_exceeds_whole",
        "actual",
        {**ACTUAL, "fraction": {"numerator": 13, "denominator": 7}},
    ),
    ("effective_before_issued", "plan", {**PLAN, "effective": "2025-03-01"}),
    ("due_before_issued", "plan", {**PLAN, "targets": [{**TARGET, "due": "2025-03-25"}]}),
    ("duplicate_id", "plan", {**PLAN, "targets": [TARGET, TARGET]}),
    ("province_mismatch", "plan", {**PLAN, "actuals": [{**ACTUAL, "province": "tra-vinh"}]}),
    (
        "offsets_reversed",
        "actual",
        {**ACTUAL, "source": {**ACTUAL["source"], "start": 10, "end": 4}},
    ),
    ("digit count", "measure", {"value": 0.30000000000000004, "unit": "percent"}),
    ("digit count", "actual", {**ACTUAL, "value": {"value": 5e-324, "unit": "percent"}}),
]


@pytest.mark.parametrize(
    ("rule", "kind", "document"),
    MODEL_ONLY_CASES,
    ids=[f"{rule}-{kind}" for rule, kind, _ in MODEL_ONLY_CASES],
)
def test_allowed_disagreements_are_model_only(rule: str, kind: str, document: Any) -> None:
    """Each allowed rule is one the schema accepts and the model rejects, and is recognised."""
    assert schema_accepts(kind, document)
    errors = model_errors(kind, document)
    assert errors is not None
    assert all(not_expressible(error) for error in errors)
    if rule != "digit count":
        assert [error["type"] for error in errors] == [rule]


def test_every_allowed_rule_is_exercised() -> None:
    """The cases above cover every entry of CROSS_FIELD_RULES (none is allowed untested)."""
    assert {rule for rule, _, _ in MODEL_ONLY_CASES} == {*CROSS_FIELD_RULES, "digit count"}


def test_reference_documents_valid_in_both() -> None:
    """The base documents of those cases are valid for the models and the schemas."""
    for kind, document in (("actual", ACTUAL), ("target", TARGET), ("plan", PLAN)):
        assert model_errors(kind, document) is None
        assert schema_accepts(kind, document)


# -- regression: a huge JSON number ---------------------------------------------------------


@pytest.mark.parametrize("number", [1e28, 1e300, -1e300])
def test_huge_json_number_rejected_by_both(number: float) -> None:
    """A JSON number >= 1e28 is rejected by schema and model (the model raised InvalidOperation)."""
    document = {"value": number, "unit": "percent"}
    assert not schema_accepts("measure", document)
    with pytest.raises(ValidationError) as caught:
        Measure.model_validate(document)
    assert [(error["loc"], error["type"]) for error in caught.value.errors()] == [
        (("value",), "decimal_format")
    ]
