"""No data loss: the bundled data and any measure survive JSON round trips exactly, and loading
data never runs code or follows a reference.

What is checked, strongest first:

* Each bundled plan file is exactly (byte for byte) the dump of the plan loaded from it, written
  the way the files are written: ``model_dump(mode="json", exclude_unset=True)`` (defaults that
  the file leaves out stay out), keys in model field order, ``json.dumps(..., indent=1,
  ensure_ascii=False)`` and a final newline. So every decimal keeps the digits the file gives it:
  ``"80.0"`` stays ``"80.0"``, ``"2167.000"`` stays ``"2167.000"`` (equal to ``2167`` as a
  number, but not rewritten).
* The full dump (``model_dump_json()``, defaults included) loads back to an equal plan and
  dumps again to the same bytes; reading the dump from a file with :meth:`Dataset.read` gives
  the same plan.
* Any measure made from a decimal string is dumped with exactly that string.
* Loading reads JSON as data: strings that look like code or templates stay text, unknown keys
  (``__class__``, ``$ref``) are rejected, and no network or file access happens.
"""

from __future__ import annotations

import builtins
import io
import json
import re
import socket
import subprocess
import urllib.request
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import sodoan
from sodoan import DataError, Dataset, Measure, Plan
from sodoan.bulk import validate_jsonl, validate_record
from sodoan.units import UNIT_CODES, unit_spec

REPO = Path(__file__).resolve().parent.parent
PLAN_FILES = sorted((REPO / "src" / "sodoan" / "data" / "plans").glob("*.json"))
SCHEMAS = REPO / "schemas"

#: Strings that would change if anything evaluated or rendered them.
PAYLOADS = [
    "__import__('os').system('touch pwned')",
    "{{7*7}}",
    "${7*7}",
    "#{7*7}",
    "<%= 7*7 %>",
    "!!python/object/apply:os.system ['id']",
    "eval('1+1')",
    "%(x)s {0} {x!r}",
]


def canonical(plan: Plan) -> str:
    """The plan written the way the bundled files are written."""
    return (
        json.dumps(plan.model_dump(mode="json", exclude_unset=True), ensure_ascii=False, indent=1)
        + "\n"
    )


def plan_file(plan: Plan) -> Path:
    return REPO / "src" / "sodoan" / "data" / "plans" / f"{plan.id}.json"


def plans() -> tuple[Plan, ...]:
    return sodoan.load().plans


def plan_ids() -> list[str]:
    return [path.stem for path in PLAN_FILES]


def measures_in(raw: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """(path, value string) of every measure object in a parsed JSON document."""
    found: list[tuple[tuple[Any, ...], str]] = []
    if isinstance(raw, dict):
        if set(raw) == {"value", "unit"} and isinstance(raw["value"], str):
            found.append((path, raw["value"]))
        for key, value in raw.items():
            found.extend(measures_in(value, (*path, key)))
    elif isinstance(raw, list):
        for index, value in enumerate(raw):
            found.extend(measures_in(value, (*path, index)))
    return found


def follow(model: Any, path: tuple[Any, ...]) -> Any:
    """The object at a JSON path in a model or a parsed document."""
    for key in path:
        model = model[key] if isinstance(model, dict | list | tuple) else getattr(model, key)
    return model


# -- (a) the bundled dataset -------------------------------------------------------------------


def test_every_plan_file_is_loaded() -> None:
    """Each plan file is one plan of sodoan.load(), named by its id."""
    assert PLAN_FILES != []
    assert sorted(plan.id for plan in plans()) == plan_ids()


@pytest.mark.parametrize("plan_id", plan_ids())
def test_plan_json_round_trip_is_identity(plan_id: str) -> None:
    """Dumping a bundled plan and loading it back gives an equal plan, and the same bytes."""
    plan = sodoan.load().plan(plan_id)
    dumped = plan.model_dump_json()
    again = Plan.model_validate_json(dumped)
    assert again == plan
    assert again.model_dump_json() == dumped
    assert Plan.model_validate(plan.model_dump()) == plan
    assert Plan.model_validate(json.loads(dumped)) == plan


def test_dataset_read_of_dumps_is_identity(tmp_path: Path) -> None:
    """Plans written with model_dump_json and read back with Dataset.read equal the bundled ones."""
    files = []
    for plan in plans():
        path = tmp_path / f"{plan.id}.json"
        path.write_text(plan.model_dump_json(indent=2), encoding="utf-8")
        files.append(path)
    assert Dataset.read(files).plans == plans()
    assert Dataset.read(PLAN_FILES).plans == plans()


@pytest.mark.parametrize("plan_id", plan_ids())
def test_plan_file_is_its_canonical_dump(plan_id: str) -> None:
    """Each plan file is, byte for byte, its plan dumped without unset defaults (indent 1)."""
    plan = sodoan.load().plan(plan_id)
    text = plan_file(plan).read_text(encoding="utf-8")
    assert json.loads(text) == plan.model_dump(mode="json", exclude_unset=True)
    assert text == canonical(plan), (
        f"{plan_file(plan).name} is not in canonical form; rewrite it with "
        "json.dumps(plan.model_dump(mode='json', exclude_unset=True), ensure_ascii=False, "
        "indent=1) + a final newline"
    )


@pytest.mark.parametrize("plan_id", plan_ids())
def test_full_dump_adds_only_defaults(plan_id: str) -> None:
    """The full dump differs from the file only by keys the file leaves out, all at default."""
    plan = sodoan.load().plan(plan_id)
    full = plan.model_dump(mode="json")
    stated = json.loads(plan_file(plan).read_text(encoding="utf-8"))

    def compare(full: Any, stated: Any) -> None:
        if isinstance(stated, dict):
            for key, value in full.items():
                if key in stated:
                    compare(value, stated[key])
                else:
                    assert value in (None, [], "exact"), key
            assert set(stated) <= set(full)
        elif isinstance(stated, list):
            assert len(full) == len(stated)
            for a, b in zip(full, stated, strict=True):
                compare(a, b)
        else:
            assert full == stated
            assert type(full) is type(stated)

    compare(full, stated)


# -- (b) every decimal keeps its digits -------------------------------------------------------


@pytest.mark.parametrize("plan_id", plan_ids())
def test_every_decimal_keeps_its_digits(plan_id: str) -> None:
    """Each measure value string of a plan file is kept digit for digit by the model and dump."""
    plan = sodoan.load().plan(plan_id)
    raw = json.loads(plan_file(plan).read_text(encoding="utf-8"))
    found = measures_in(raw)
    assert found != []
    dumped = json.loads(plan.model_dump_json())
    for path, text in found:
        measure = follow(plan, path)
        assert isinstance(measure, Measure)
        assert measure.value.as_tuple() == Decimal(text).as_tuple(), path
        assert follow(dumped, path)["value"] == text, path


def test_trailing_zeros_are_kept() -> None:
    """ "2167.000" and "16855.990" (60/KH-UBND's budget lines) keep their trailing zeros."""
    plan = sodoan.load().plan("tuyen-quang-60-kh-ubnd-2025")
    amounts = [line.amount for budget in plan.budgets for line in budget.lines]
    written = [json.loads(a.model_dump_json())["value"] for a in amounts]
    assert "2167.000" in written
    assert "16855.990" in written
    kept = next(a for a in amounts if a.value == Decimal("2167"))
    assert kept.value.as_tuple().exponent == -3
    assert kept == Measure(value="2167.000", unit="million_VND")
    assert kept.value == Decimal("2167")  # equal as a number, written as the source wrote it


def test_eighty_point_zero_stays() -> None:
    """ "80.0" stays "80.0" through a plan-shaped round trip, and equals 80."""
    measure = Measure.model_validate_json('{"value": "80.0", "unit": "percent"}')
    assert measure.model_dump_json() == '{"value":"80.0","unit":"percent"}'
    assert measure.value == Decimal(80)
    assert str(measure.value) == "80.0"
    assert (
        Measure(value="80", unit="percent").model_dump_json() == '{"value":"80","unit":"percent"}'
    )


# -- (c) any measure made from a decimal string ---------------------------------------------

#: Units by value rule: any decimal, or (count, place) a whole number, or (rank) one >= 1.
ANY_UNITS = [u for u in UNIT_CODES if unit_spec(u).values == "any"]
WHOLE_UNITS = [u for u in UNIT_CODES if unit_spec(u).values == "integer"]


@st.composite
def decimal_strings(draw: st.DrawFn, fraction: bool = True, negative: bool = True) -> str:
    """Plain decimal strings as the JSON form allows them: up to 30 digits either side of the
    point, no leading zeros, trailing zeros kept, never a negative zero."""
    whole = draw(st.just("0") | st.from_regex(r"\A[1-9][0-9]{0,29}\Z"))
    digits = draw(st.none() | st.from_regex(r"\A[0-9]{1,30}\Z")) if fraction else None
    text = whole if digits is None else f"{whole}.{digits}"
    if negative and draw(st.booleans()) and Decimal(text) != 0:
        text = "-" + text
    return text


def check_string_round_trip(text: str, unit: str) -> None:
    measure = Measure(value=text, unit=unit)
    dumped = measure.model_dump_json()
    assert dumped == json.dumps({"value": text, "unit": unit}, separators=(",", ":"))
    again = Measure.model_validate_json(dumped)
    assert again == measure
    assert again.value.as_tuple() == Decimal(text).as_tuple()
    assert again.model_dump_json() == dumped


@given(text=decimal_strings(), unit=st.sampled_from(ANY_UNITS))
def test_measure_string_round_trip(text: str, unit: str) -> None:
    """A measure made from a decimal string is dumped with exactly that string, and reloads equal."""
    check_string_round_trip(text, unit)


@given(text=decimal_strings(fraction=False), unit=st.sampled_from(WHOLE_UNITS))
def test_whole_measure_string_round_trip(text: str, unit: str) -> None:
    """Counts and places (whole numbers, any sign) keep their exact string too."""
    check_string_round_trip(text, unit)


@given(text=st.from_regex(r"\A[1-9][0-9]{0,29}\Z"))
def test_rank_string_round_trip(text: str) -> None:
    """Ranks (whole numbers >= 1) keep their exact string too."""
    check_string_round_trip(text, "rank")


# -- (d) safety --------------------------------------------------------------------------------


def bundled_plan_document() -> dict[str, Any]:
    path = next(p for p in PLAN_FILES if p.name == "tuyen-quang-60-kh-ubnd-2025.json")
    return json.loads(path.read_text(encoding="utf-8"))


def test_code_like_strings_load_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Strings that look like code or templates load verbatim; nothing is run."""
    ran: list[Any] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        ran.append(args)
        raise AssertionError(f"code was run: {args!r}")

    document = bundled_plan_document()
    document["note"] = PAYLOADS[0]
    document["title"] = {"vi": PAYLOADS[1], "en": PAYLOADS[2]}
    document["signer"] = PAYLOADS[3]
    document["targets"][0]["note"] = " ".join(PAYLOADS)
    document["targets"][0]["source"]["quote"] = PAYLOADS[4]
    document["actuals"][0]["source"]["clause"] = PAYLOADS[5]
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr("os.system", refuse)
    monkeypatch.setattr("os.popen", refuse)
    monkeypatch.setattr(subprocess, "Popen", refuse)

    monkeypatch.chdir(tmp_path)

    plan = Dataset.read([path]).plans[0]

    assert ran == []
    assert not (tmp_path / "pwned").exists()
    assert plan.note == PAYLOADS[0]
    assert (plan.title.vi, plan.title.en, plan.signer) == (PAYLOADS[1], PAYLOADS[2], PAYLOADS[3])
    assert plan.targets[0].note == " ".join(PAYLOADS)
    assert plan.targets[0].source.quote == PAYLOADS[4]
    assert plan.actuals[0].source.clause == PAYLOADS[5]
    assert json.loads(plan.model_dump_json())["note"] == PAYLOADS[0]


@pytest.mark.parametrize("key", ["__class__", "__init__", "$type", "py/object", "$ref"])
def test_unknown_magic_keys_are_rejected(tmp_path: Path, key: str) -> None:
    """A plan file with a key that some loaders act on is rejected as an unknown field."""
    document = bundled_plan_document()
    document[key] = "os.system"
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataError, match=re.escape(f"{key}: Extra inputs are not permitted")):
        Dataset.read([path])


@pytest.fixture
def no_io(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Network connections, URL fetches and opening files other than the test's own fail."""
    attempts: list[str] = []

    def refuse_connect(self: socket.socket, address: Any) -> None:
        attempts.append(f"connect {address!r}")
        raise OSError("network access in a test")

    def refuse_network(url: Any, *args: Any, **kwargs: Any) -> Any:
        attempts.append(f"fetch {url!r}")
        raise OSError("network access in a test")

    real_open = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if "passwd" in str(file) or str(file).startswith(("/etc", "file:")):
            attempts.append(f"open {file!r}")
            raise OSError("file access in a test")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", refuse_connect)
    monkeypatch.setattr(socket, "create_connection", refuse_network)
    monkeypatch.setattr(urllib.request, "urlopen", refuse_network)
    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(io, "open", guarded_open)  # what pathlib.Path.open calls
    return attempts


def test_no_io_guard_works(no_io: list[str]) -> None:
    """The guard used below does block a URL fetch and opening /etc/passwd (and records both)."""
    with pytest.raises(OSError, match="network access"):
        urllib.request.urlopen("http://example.invalid/x.json")
    with pytest.raises(OSError, match="file access"), Path("/etc/passwd").open():
        pass
    assert no_io == ["fetch 'http://example.invalid/x.json'", "open PosixPath('/etc/passwd')"]


def references() -> list[dict[str, str]]:
    return [
        {"$ref": "http://example.invalid/x.json"},
        {"$ref": "https://example.invalid/x.json#/$defs/Measure"},
        {"$ref": "file:///etc/passwd"},
        {"$ref": "/etc/passwd"},
    ]


def samples() -> dict[str, tuple[dict[str, Any], tuple[str, ...]]]:
    """A real document of each kind, and the path of an object inside it (for a nested $ref)."""
    data = sodoan.load()
    plan = data.plan("tuyen-quang-60-kh-ubnd-2025")
    return {
        "measure": (plan.targets[0].value.model_dump(mode="json"), ()),
        "actual": (plan.actuals[0].model_dump(mode="json"), ("value",)),
        "target": (plan.targets[0].model_dump(mode="json"), ("source",)),
        "plan": (plan.model_dump(mode="json"), ("targets", "0", "value")),
        "indicator": (data.indicator("online-filing-rate").model_dump(mode="json"), ("name",)),
    }


@pytest.mark.parametrize("kind", ["measure", "actual", "target", "plan", "indicator"])
@pytest.mark.parametrize("nested", [False, True], ids=["top", "nested"])
def test_validate_jsonl_never_follows_ref(kind: str, nested: bool, no_io: list[str]) -> None:
    """A "$ref" key is an unknown field, reported on its line; nothing is fetched or opened."""
    document, inner = samples()[kind]
    lines = []
    for reference in references():
        changed = json.loads(json.dumps(document))
        node = changed
        for key in inner if nested else ():
            node = node[int(key)] if isinstance(node, list) else node[key]
        node.update(reference)
        lines.append(json.dumps(changed, ensure_ascii=False).encode())
    raw = b"\n".join([json.dumps(document).encode(), *lines]) + b"\n"

    report = validate_jsonl(raw, kind=kind)  # type: ignore[arg-type]
    collected = validate_jsonl(raw, kind=kind, collect=True)  # type: ignore[arg-type]

    where = ".".join(inner) + ".$ref" if nested and inner else "$ref"
    expected = [(line, where, "extra_forbidden") for line in range(2, 6)]
    for result in (report, collected):
        assert (result.records, result.valid) == (5, 1)
        assert [(e.line, e.path, e.type) for e in result.errors] == expected
    for line in lines:
        assert [(e.path, e.type) for e in validate_record(line, kind)] == [  # type: ignore[arg-type]
            (where, "extra_forbidden")
        ]
    assert no_io == []


@pytest.mark.parametrize("kind", ["measure", "actual", "target", "plan", "indicator"])
def test_jsonschema_does_not_follow_instance_ref(kind: str, no_io: list[str]) -> None:
    """jsonschema on the published schemas rejects an instance "$ref" key without fetching it."""
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    document, _ = samples()[kind]
    assert list(validator.iter_errors(document)) == []
    for reference in references():
        errors = list(validator.iter_errors({**document, **reference}))
        assert [error.validator for error in errors] == ["additionalProperties"]
    assert no_io == []


@pytest.mark.parametrize("source", ["http://example.invalid/x.jsonl", "file:///etc/passwd"])
def test_validate_jsonl_reads_no_url(source: str, no_io: list[str]) -> None:
    """A URL given as the source is a (missing) local path, never fetched."""
    with pytest.raises(sodoan.SodoanError, match="cannot read"):
        validate_jsonl(source)
    assert [attempt for attempt in no_io if not attempt.startswith("open ")] == []


def schema_refs(node: Any) -> list[str]:
    """Every "$ref" value in a schema."""
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in schema_refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in schema_refs(value)]
    return []


@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.schema.json")), ids=lambda p: p.name)
def test_schemas_refer_only_to_themselves(path: Path) -> None:
    """Every "$ref" in schemas/ is local (#/$defs/...): none is http(s):, file: or another file."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    refs = schema_refs(schema)
    assert [ref for ref in refs if ref.startswith(("http://", "https://", "file:"))] == []
    assert [ref for ref in refs if not ref.startswith("#/$defs/")] == []
    defs = schema.get("$defs", {})
    assert {ref.removeprefix("#/$defs/") for ref in refs} <= set(defs)
    assert schema["$id"].startswith("urn:sodoan:schema:")
