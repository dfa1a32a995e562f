"""The JSON Schemas checked by an independent validator, ajv (Node.js), when it is installed.

``tests/ajv/validate.mjs`` validates the bundled data (must be valid) and the bad-input corpus
(cases marked ``reject`` must be invalid) with Ajv in Draft 2020-12 mode and ajv-formats. These
tests run it when ``node`` is on PATH and ``SODOAN_AJV_NODE_PATH`` names a ``node_modules``
directory holding the ajv and ajv-formats versions pinned in ``tests/ajv/package.json`` (see
``tests/ajv/README.md``); otherwise they are skipped, saying why.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "tests" / "ajv" / "validate.mjs"
CORPUS = REPO / "tests" / "bad_inputs"
DATA = REPO / "src" / "sodoan" / "data"
PINNED: dict[str, str] = json.loads(
    (REPO / "tests" / "ajv" / "package.json").read_text(encoding="utf-8")
)["dependencies"]
CASES: list[dict[str, Any]] = json.loads((CORPUS / "cases.json").read_text(encoding="utf-8"))
CODELISTS = ("pillars", "indicators", "provinces", "agencies", "documents")

#: Corpus cases that ajv accepts although the models reject them (the script's KNOWN_GAPS).
AJV_KNOWN_GAPS: list[str] = []

#: Strings of the corpus on which a schema pattern gives a different verdict in Python's ``re``
#: (what the jsonschema package uses) than in ECMAScript with the ``u`` flag (what ajv uses),
#: with Python's verdict: ``$`` in Python also matches before a final newline. The schemas do
#: not disagree: beside every such pattern they refuse a newline (``"not": {"pattern": "\n"}``).
PATTERN_DISAGREEMENTS = {
    ("003.txt\n", True),
    ("2024-Q4\n", True),
    ("60/KH-UBND\n", True),
    ("98.26\n", True),
    ("tuyen-quang-a-2024\n", True),
    ("đạt 98,26%\n", True),
}


@pytest.fixture(scope="module")
def node() -> str:
    """The node executable; the tests are skipped without it."""
    found = shutil.which("node")
    if found is None:
        pytest.skip("node (Node.js) is not on PATH")
    return found


@pytest.fixture(scope="module")
def node_modules() -> Path:
    """The node_modules directory named by SODOAN_AJV_NODE_PATH, holding ajv and ajv-formats."""
    value = os.environ.get("SODOAN_AJV_NODE_PATH")
    if not value:
        pytest.skip(
            "SODOAN_AJV_NODE_PATH is not set (a node_modules directory with ajv and "
            "ajv-formats; see tests/ajv/README.md)"
        )
    directory = Path(value)
    missing = [name for name in PINNED if not (directory / name / "package.json").is_file()]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not installed in SODOAN_AJV_NODE_PATH={value}")
    return directory


def run(
    node: str, node_modules: Path, *args: str, script: Path = SCRIPT
) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "NODE_PATH": str(node_modules)}
    return subprocess.run(
        [node, str(script), *args],
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def schema_patterns(schema: Any, found: set[str]) -> set[str]:
    """Every ``pattern`` keyword value in ``schema`` (as validate.mjs collects them)."""
    if isinstance(schema, list):
        for item in schema:
            schema_patterns(item, found)
    elif isinstance(schema, dict):
        for key, value in schema.items():
            if key == "pattern" and isinstance(value, str):
                found.add(value)
            elif key == "properties" and isinstance(value, dict):
                for sub in value.values():
                    schema_patterns(sub, found)
            else:
                schema_patterns(value, found)
    return found


def refused_by_strict_parser(document: bytes) -> bool:
    """Whether strict UTF-8 decoding (keeping a BOM) or JSON parsing refuses ``document``."""
    try:
        json.loads(document.decode("utf-8"))
    except ValueError:
        return True
    return False


def expected_summary(node_modules: Path) -> str:
    schemas = sorted((REPO / "schemas").glob("*.schema.json"))
    patterns: set[str] = set()
    for path in schemas:
        schema_patterns(json.loads(path.read_text(encoding="utf-8")), patterns)
    data_files = len(list((DATA / "plans").glob("*.json"))) + len(CODELISTS)
    reject = [case for case in CASES if case["jsonschema"] == "reject"]
    by_parser = sum(refused_by_strict_parser((CORPUS / c["file"]).read_bytes()) for c in reject)
    parse_errors = sum(case["jsonschema"] == "parse-error" for case in CASES)
    rejected = len(reject) - len(AJV_KNOWN_GAPS)
    return (
        f"ajv {PINNED['ajv']}, ajv-formats {PINNED['ajv-formats']}: "
        f"{len(schemas)} schemas and {len(patterns)} patterns compiled; "
        f"{data_files} data files checked; "
        f"{rejected}/{len(reject)} reject cases invalid ({by_parser} refused by the parser); "
        f"{parse_errors}/{parse_errors} parse-error cases unparseable; "
        f"{len(AJV_KNOWN_GAPS)} known gaps; 0 failures"
    )


def test_pinned_versions_installed(node_modules: Path) -> None:
    """The ajv and ajv-formats in SODOAN_AJV_NODE_PATH are exactly the pinned versions."""
    installed = {
        name: json.loads((node_modules / name / "package.json").read_text(encoding="utf-8"))[
            "version"
        ]
        for name in PINNED
    }
    assert installed == PINNED
    assert PINNED == {"ajv": "8.20.0", "ajv-formats": "3.0.1"}


def test_ajv_accepts_the_data_and_rejects_the_corpus(node: str, node_modules: Path) -> None:
    """validate.mjs passes: every schema and pattern compiles, every bundled data file is valid,
    every ``reject`` case is invalid and every ``parse-error`` case unparseable; the only lines
    before the summary are the known gaps."""
    result = run(node, node_modules)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == expected_summary(node_modules)
    assert [line.split(":")[1].strip() for line in lines[:-1]] == AJV_KNOWN_GAPS
    assert all(line.startswith("known: ") for line in lines[:-1])
    assert result.stderr == ""


def test_patterns_agree_with_python_re(node: str, node_modules: Path) -> None:
    """Every schema pattern gives the same verdict in ECMAScript (``u`` flag, as in ajv) and in
    Python's ``re.search`` (as in jsonschema) on every string of the corpus and the bundled
    data, except PATTERN_DISAGREEMENTS (a final newline; U+0085 in a URL)."""
    result = run(node, node_modules, "--pattern-verdicts")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    strings: list[str] = report["strings"]
    verdicts: dict[str, str] = report["verdicts"]
    patterns: set[str] = set()
    for path in sorted((REPO / "schemas").glob("*.schema.json")):
        schema_patterns(json.loads(path.read_text(encoding="utf-8")), patterns)
    assert set(verdicts) == patterns
    assert len(strings) > 1000
    disagreements = set()
    for pattern, marks in verdicts.items():
        assert len(marks) == len(strings)
        compiled = re.compile(pattern)
        for string, mark in zip(strings, marks, strict=True):
            python = compiled.search(string) is not None
            if python != (mark == "1"):
                disagreements.add((string, python))
    assert disagreements == PATTERN_DISAGREEMENTS


def test_script_reports_failures(node: str, node_modules: Path, tmp_path: Path) -> None:
    """On a copy of the repository where a ``reject`` case is a valid document and a plan has
    an extra field, validate.mjs names both and exits with status 1."""
    for part in ("schemas", "src/sodoan/data", "tests/bad_inputs", "tests/ajv"):
        shutil.copytree(REPO / part, tmp_path / part)
    valid = (CORPUS / "measure-comma-decimal.json").read_bytes().replace(b"98,26", b"98.26")
    (tmp_path / "tests" / "bad_inputs" / "measure-comma-decimal.json").write_bytes(valid)
    plan_path = tmp_path / "src" / "sodoan" / "data" / "plans" / "tra-vinh-50-kh-ubnd-2022.json"
    plan = json.loads(plan_path.read_text(encoding="utf-8"))
    plan["unexpected"] = 1
    plan_path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    result = run(node, node_modules, script=tmp_path / "tests" / "ajv" / "validate.mjs")
    assert result.returncode == 1
    failures = [line for line in result.stdout.splitlines() if line.startswith("FAIL ")]
    assert failures == [
        "FAIL src/sodoan/data/plans/tra-vinh-50-kh-ubnd-2022.json: invalid against "
        "plan.schema.json: / must NOT have additional properties",
        "FAIL measure-comma-decimal: VALID for ajv against measure.schema.json "
        '(Vietnamese decimal comma in "98,26")',
    ]
    assert result.stdout.splitlines()[-1].endswith("; 2 failures")
