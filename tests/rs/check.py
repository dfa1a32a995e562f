"""Check sodoan's JSON Schemas with a third, independent validator: jsonschema-rs (Rust).

    python tests/rs/check.py

1. every ``schemas/*.schema.json`` compiles (Draft 2020-12, formats asserted, patterns as Rust
   regular expressions);
2. every bundled data file is valid: the plans against ``plan.schema.json``, the codelists and
   documents against the schema of the same name;
3. every case of ``tests/bad_inputs/cases.json`` marked ``"jsonschema": "reject"`` is invalid
   (a document that strict JSON reading refuses counts as rejected).

Prints one line per failure and a summary; exit status 1 on any failure, 2 when jsonschema-rs is
not installed (``pip install jsonschema-rs``, in the ``dev`` extra).
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "schemas"
DATA = REPO / "src" / "sodoan" / "data"
CORPUS = REPO / "tests" / "bad_inputs"
CODELISTS = ("pillars", "indicators", "provinces", "agencies", "documents")


class NotJson(ValueError):
    """A document strict JSON reading refuses (duplicate keys, NaN, invalid UTF-8)."""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise NotJson("duplicate key")
    return dict(pairs)


def _constant(name: str) -> Any:
    raise NotJson(f"{name} is not JSON")


def strict_loads(raw: bytes) -> Any:
    """``raw`` parsed as strict JSON (UTF-8, no duplicate keys, no NaN or Infinity)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotJson(str(error)) from None
    return json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)


@functools.cache
def validator(name: str) -> Any:
    """The jsonschema-rs validator of ``schemas/<name>.schema.json``, formats asserted."""
    import jsonschema_rs

    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def failures() -> tuple[list[str], int]:
    """(what failed, how many checks ran)."""
    failed: list[str] = []
    checks = 0
    for path in sorted(SCHEMAS.glob("*.schema.json")):
        checks += 1
        try:
            validator(path.name.removesuffix(".schema.json"))
        except Exception as error:  # any compile error is a failure to report
            failed.append(f"compile {path.name}: {error}")
    for path in sorted((DATA / "plans").glob("*.json")):
        checks += 1
        document = json.loads(path.read_text(encoding="utf-8"))
        if not validator("plan").is_valid(document):
            failed.append(f"data {path.name}: {next(validator('plan').iter_errors(document))}")
    for name in CODELISTS:
        checks += 1
        document = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
        if not validator(name).is_valid(document):
            failed.append(f"data {name}.json: {next(validator(name).iter_errors(document))}")
    cases = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
    for case in cases:
        if case["jsonschema"] != "reject":
            continue
        checks += 1
        raw = (CORPUS / case["file"]).read_bytes()
        try:
            document = strict_loads(raw)
        except (NotJson, ValueError):
            continue  # refused before any schema: rejected
        if validator(case["kind"]).is_valid(document):
            failed.append(f"corpus {case['file']}: accepted, the models reject it")
    return failed, checks


def main() -> int:
    try:
        import jsonschema_rs  # noqa: F401
    except ImportError:
        print("jsonschema-rs is not installed (pip install jsonschema-rs)", file=sys.stderr)
        return 2
    failed, checks = failures()
    for line in failed:
        print(line)
    print(f"jsonschema-rs: {checks} checks, {len(failed)} failures")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
