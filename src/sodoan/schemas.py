"""Generate, write and check sodoan's JSON Schemas (Draft 2020-12).

The schemas ship in two identical copies: ``schemas/`` in the repository (and the sdist), and
package data in the wheel, found with :func:`path` (``sodoan/data/schemas/<name>.schema.json``).
A test fails when either differs from what the models generate now. Rewrite them with::

    python -m sodoan.schemas            # writes ./schemas and the package copy
    python -m sodoan.schemas --out DIR  # writes DIR only
    python -m sodoan.schemas --check    # exit 1 if ./schemas or the package copy is stale

Each schema is self-contained (its ``$defs`` inline) and has an ``$id`` that names its content,
a URN of the form ``urn:sodoan:schema:<name>:<SCHEMA_VERSION>:<content hash>``, so validators
resolve nothing over the network. The content hash (:func:`content_hash`) is the first 12 hex
digits of a SHA-256 over the canonical JSON of *all* the schemas of a set without their
``$id``: it changes whenever any schema of the set changes (a rule, a unit, an indicator added
to the catalogue), and schemas generated for another catalogue get their own.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Final

from pydantic import TypeAdapter

from sodoan._resources import data_dir
from sodoan.errors import UnknownIdError
from sodoan.model._refs import Codes, schema_catalogue

__all__ = [
    "SCHEMA_VERSION",
    "content_hash",
    "generate",
    "package_dir",
    "path",
    "read",
    "render",
    "schema_id",
    "schema_names",
    "stale",
    "write",
]

SCHEMA_VERSION: Final = "1"
"""Major version of the JSON contract (changed by hand on an incompatible change); the part of
every ``$id`` before the content hash."""
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
#: Hex digits of the SHA-256 content hash kept in ``$id`` (48 bits: collisions are not a concern
#: for telling versions of one set of schemas apart).
HASH_LENGTH: Final = 12


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


def _check_name(name: str) -> None:
    if name not in _documents():
        raise UnknownIdError("schema", name, sorted(_documents()))


def _body(name: str, catalogue: Codes | None) -> dict[str, Any]:
    """The schema ``name`` as published, but without its ``$id``."""
    build, description = _documents()[name]
    with schema_catalogue(catalogue):
        body = build()
    schema: dict[str, Any] = {"$schema": DIALECT, "title": f"sodoan {name}"}
    schema["description"] = description
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


def _hash(bodies: Mapping[str, Any]) -> str:
    """The content hash of a set of schemas (each without ``$id``): canonical JSON (sorted keys,
    no whitespace, UTF-8) of the mapping name -> schema, hashed with SHA-256."""
    canonical = json.dumps(bodies, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def _generate_all(catalogue: Codes | None) -> dict[str, dict[str, Any]]:
    bodies = {name: _body(name, catalogue) for name in _documents()}
    digest = _hash(bodies)
    result = {}
    for name, body in bodies.items():
        # $schema first, then $id: the order of the committed files.
        schema = {"$schema": body.pop("$schema")}
        schema["$id"] = f"urn:sodoan:schema:{name}:{SCHEMA_VERSION}:{digest}"
        schema.update(body)
        result[name] = schema
    return result


@functools.cache
def _bundled_texts() -> Mapping[str, str]:
    """The rendered schemas of the bundled catalogue (generated once per process)."""
    return {name: _text(schema) for name, schema in _generate_all(None).items()}


def _texts(catalogue: Codes | None) -> Mapping[str, str]:
    if catalogue is None:
        return _bundled_texts()
    return {name: _text(schema) for name, schema in _generate_all(catalogue).items()}


def _text(schema: Mapping[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def generate(name: str, catalogue: Codes | None = None) -> dict[str, Any]:
    """The JSON Schema called ``name`` (see :func:`schema_names`), with the ids and indicator
    rules of ``catalogue`` (default: the bundled one).

    Raises :class:`sodoan.UnknownIdError` (a ``KeyError``) for a name that is not a schema.
    """
    _check_name(name)
    result: dict[str, Any] = json.loads(_texts(catalogue)[name])
    return result


def content_hash(catalogue: Codes | None = None) -> str:
    """The content hash shared by the ``$id`` of every schema generated for ``catalogue``
    (default: the bundled one): 12 hex digits of a SHA-256 over the canonical JSON of all the
    schemas without their ``$id``. Equal hashes mean identical schemas."""
    return schema_id(schema_names()[0], catalogue).rsplit(":", 1)[1]


def schema_id(name: str, catalogue: Codes | None = None) -> str:
    """The ``$id`` of schema ``name``: ``urn:sodoan:schema:<name>:<SCHEMA_VERSION>:<hash>``."""
    result: str = generate(name, catalogue)["$id"]
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
    _check_name(name)
    return _texts(catalogue)[name]


def write(directory: Path, catalogue: Codes | None = None) -> list[Path]:
    """Write every schema (for ``catalogue``, default the bundled one) into ``directory``;
    return the paths written."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in _texts(catalogue).items():
        file = directory / f"{name}.schema.json"
        file.write_text(text, encoding="utf-8")
        paths.append(file)
    return paths


def stale(directory: Path) -> list[str]:
    """File names in ``directory`` that are missing or differ from what the models generate."""
    result = []
    for name, text in _bundled_texts().items():
        file = directory / f"{name}.schema.json"
        if not file.is_file() or file.read_text(encoding="utf-8") != text:
            result.append(file.name)
    return result


def package_dir() -> Path:
    """The directory of the schemas shipped in the package (``sodoan/data/schemas``).

    sodoan is installed as plain files (as pip installs a wheel), so this is a directory on
    disk that a service can copy or point a validator at.
    """
    return Path(str(data_dir() / "schemas"))


def path(name: str) -> Path:
    """The packaged file of schema ``name`` (``sodoan.schemas.path("plan")`` is
    ``.../sodoan/data/schemas/plan.schema.json``), identical to ``schemas/plan.schema.json``
    of the repository.

    Raises :class:`sodoan.UnknownIdError` (a ``KeyError``) for a name that is not a schema.
    """
    _check_name(name)
    return package_dir() / f"{name}.schema.json"


def read(name: str) -> dict[str, Any]:
    """The packaged schema ``name`` parsed (plain ``json``), ready for a validator."""
    result: dict[str, Any] = json.loads(path(name).read_text(encoding="utf-8"))
    return result


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: write the schemas, or check them with ``--check``."""
    parser = argparse.ArgumentParser(
        prog="python -m sodoan.schemas", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="directory (default: ./schemas and the package copy)",
    )
    parser.add_argument(
        "--check", action="store_true", help="only check that the files are current"
    )
    args = parser.parse_args(argv)
    directories = [args.out] if args.out is not None else [Path("schemas"), package_dir()]
    if args.check:
        status = 0
        for directory in directories:
            outdated = stale(directory)
            if outdated:
                print(
                    f"stale schemas in {directory}: {', '.join(outdated)}; "
                    "run python -m sodoan.schemas",
                    file=sys.stderr,
                )
                status = 1
            else:
                print(f"{len(schema_names())} schemas in {directory} are current")
        return status
    for directory in directories:
        for written in write(directory):
            print(written)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
