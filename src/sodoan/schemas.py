"""Generate, write and check sodoan's JSON Schemas (Draft 2020-12).

``schemas/`` in the repository holds the generated files; a test fails when they differ from
what the models generate now. Rewrite them with::

    python -m sodoan.schemas            # writes ./schemas
    python -m sodoan.schemas --out DIR  # writes DIR
    python -m sodoan.schemas --check    # exit 1 if ./schemas is stale

Each schema is self-contained (its ``$defs`` inline) and has a stable ``$id``, a URN of the form
``urn:sodoan:schema:<name>:<version>``, so validators resolve nothing over the network.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

from pydantic import TypeAdapter

from sodoan.model._refs import Codes, schema_catalogue

__all__ = ["SCHEMA_VERSION", "generate", "render", "schema_names", "write"]

#: Version of the JSON contract; part of every ``$id``.
SCHEMA_VERSION: Final = "1"
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"


def _documents() -> Mapping[str, tuple[Callable[[], Any], str]]:
    from sodoan.measure import Measure
    from sodoan.model import (
        Actual,
        Agency,
        Indicator,
        Pillar,
        Plan,
        Province,
        SourceDocument,
        Target,
    )

    def single(model: Any) -> Callable[[], Any]:
        return lambda: TypeAdapter(model).json_schema()

    def array(model: Any) -> Callable[[], Any]:
        return lambda: TypeAdapter(list[model]).json_schema()

    return {
        "measure": (single(Measure), 'A value with a unit: {"value": "98.26", "unit": "percent"}.'),
        "target": (single(Target), "A target of a plan, with its source."),
        "actual": (single(Actual), "A reported result, with its source."),
        "plan": (single(Plan), "A plan with its targets, actuals, responsibilities and budgets."),
        "indicator": (single(Indicator), "An indicator of the catalogue."),
        "indicators": (array(Indicator), "The indicator catalogue (codelist file)."),
        "pillars": (array(Pillar), "The pillars and foundations (codelist file)."),
        "provinces": (array(Province), "The provinces, with the 2025 mergers (codelist file)."),
        "agencies": (array(Agency), "The agencies (codelist file)."),
        "documents": (array(SourceDocument), "The source documents (codelist file)."),
    }


def schema_names() -> list[str]:
    """Names of the schemas sodoan publishes (``plan`` is ``plan.schema.json``)."""
    return list(_documents())


def generate(name: str, catalogue: Codes | None = None) -> dict[str, Any]:
    """The JSON Schema called ``name`` (see :func:`schema_names`), with the ids and indicator
    rules of ``catalogue`` (default: the bundled one)."""
    build, description = _documents()[name]
    with schema_catalogue(catalogue):
        body = build()
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"urn:sodoan:schema:{name}:{SCHEMA_VERSION}",
        "title": f"sodoan {name}",
        "description": description,
    }
    body.pop("title", None)
    body.pop("description", None)
    schema.update(body)
    return dict(_newline_proof(_object_types(schema)))


#: A final newline, refused beside every anchored pattern (see :func:`_newline_proof`).
_NO_NEWLINE: Final = {"type": "string", "pattern": "\n"}


def _newline_proof(node: Any) -> Any:
    r"""Refuse a newline wherever a pattern ends in ``$``.

    JSON Schema patterns are ECMA-262, where ``$`` matches only at the end; Python's ``re`` (used
    by the Python ``jsonschema`` package, and others built on it) also lets ``$`` match before a
    final newline, so ``"98.26\n"`` would pass ``^...$`` there. ``"not": {"type": "string",
    "pattern": "\n"}`` beside the pattern means the same thing in every regex dialect, so the
    verdict is the same in every validator. No pattern of ours admits a newline anyway: this
    changes no verdict under a conforming validator.
    """
    if isinstance(node, list):
        return [_newline_proof(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _newline_proof(value) for key, value in node.items()}
    pattern = result.get("pattern")
    if isinstance(pattern, str) and pattern.endswith("$"):
        if "not" in result:  # pragma: no cover - no generated pattern sits beside a "not"
            return {"allOf": [{"not": _NO_NEWLINE}, result]}
        result["not"] = dict(_NO_NEWLINE)
    return result


_COMBINATORS: Final = frozenset({"allOf", "anyOf", "oneOf", "not", "if", "then", "else"})


def _object_types(node: Any, field: bool = False) -> Any:
    """Give every subschema that uses ``properties`` an explicit object type.

    This changes no verdict (``properties`` only ever applies to objects, and the main schema
    fixes each field's type); it makes the schemas clean under strict validators (Ajv's
    ``strictTypes``), which ask for a type wherever a type-specific keyword is used. A
    subschema of a document is made ``"type": "object"``; one of a field (which may be null, such
    as a target's ``upper``) becomes ``anyOf: [null, object with those properties]``.
    """
    if isinstance(node, list):
        return [_object_types(item, field) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key == "properties" and isinstance(value, dict):
            result[key] = {name: _object_types(sub, True) for name, sub in value.items()}
        elif key in ("$defs", "definitions") and isinstance(value, dict):
            result[key] = {name: _object_types(sub) for name, sub in value.items()}
        else:
            result[key] = _object_types(value, field and key in _COMBINATORS | {"items"})
    if isinstance(result.get("properties"), dict) and "type" not in result:
        if not field:
            return {**result, "type": "object"}
        return {"anyOf": [{"type": "null"}, {"type": "object", **result}]}
    return result


def render(name: str, catalogue: Codes | None = None) -> str:
    """The text of ``<name>.schema.json`` as committed (stable key order, UTF-8, final newline)."""
    return json.dumps(generate(name, catalogue), ensure_ascii=False, indent=2) + "\n"


def write(directory: Path, catalogue: Codes | None = None) -> list[Path]:
    """Write every schema (for ``catalogue``, default the bundled one) into ``directory``;
    return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in schema_names():
        path = directory / f"{name}.schema.json"
        path.write_text(render(name, catalogue), encoding="utf-8")
        paths.append(path)
    return paths


def stale(directory: Path) -> list[str]:
    """File names in ``directory`` that are missing or differ from what the models generate."""
    result = []
    for name in schema_names():
        path = directory / f"{name}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != render(name):
            result.append(path.name)
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write the schemas, or check them with ``--check``."""
    parser = argparse.ArgumentParser(
        prog="python -m sodoan.schemas", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--out", type=Path, default=Path("schemas"), help="directory (default: ./schemas)"
    )
    parser.add_argument(
        "--check", action="store_true", help="only check that the files are current"
    )
    args = parser.parse_args(argv)
    if args.check:
        outdated = stale(args.out)
        if outdated:
            print(
                f"stale schemas in {args.out}: {', '.join(outdated)}; run python -m sodoan.schemas",
                file=sys.stderr,
            )
            return 1
        print(f"{len(schema_names())} schemas in {args.out} are current")
        return 0
    for path in write(args.out):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
