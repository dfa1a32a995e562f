"""The published JSON Schemas: current, valid, and in agreement with the models."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import BaseModel, ValidationError

from sodoan import Actual, Measure, Plan, Target, schemas
from sodoan.model import Indicator
from sodoan.schemas import render, schema_names, stale
from tests.documents import ACTUAL, TARGET
from tests.strategies import MODEL_STRATEGIES

REPO = Path(__file__).resolve().parent.parent
SCHEMAS = REPO / "schemas"


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


class TestFiles:
    """schemas/ is generated, current and valid."""

    def test_no_drift(self) -> None:
        """The committed schemas are exactly what the models generate (run python -m sodoan.schemas)."""
        assert stale(SCHEMAS) == []

    def test_no_extra_files(self) -> None:
        """schemas/ holds only the published schemas."""
        assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(
            f"{n}.schema.json" for n in schema_names()
        )

    @pytest.mark.parametrize("name", schema_names())
    def test_valid_draft_2020_12(self, name: str) -> None:
        """Every schema is a valid Draft 2020-12 schema with a stable $id."""
        schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        assert schema["$id"] == f"urn:sodoan:schema:{name}:1:{schemas.content_hash()}"
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"

    def test_render_is_deterministic(self) -> None:
        """Rendering twice gives the same bytes."""
        assert render("plan") == render("plan")

    @pytest.mark.parametrize(
        "name", ["pillars", "indicators", "provinces", "agencies", "documents"]
    )
    def test_codelists_validate(self, name: str) -> None:
        """Each bundled codelist file is a valid instance of its schema."""
        data = json.loads(
            (REPO / "src" / "sodoan" / "data" / f"{name}.json").read_text(encoding="utf-8")
        )
        assert list(validator(name).iter_errors(data)) == []


def canonical_hash(files: dict[str, dict[str, Any]]) -> str:
    """The content hash as docs/schemas.md defines it, computed here independently."""
    import hashlib

    bodies = {name: {k: v for k, v in s.items() if k != "$id"} for name, s in files.items()}
    text = json.dumps(bodies, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def committed() -> dict[str, dict[str, Any]]:
    return {
        name: json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
        for name in schema_names()
    }


class TestPackaged:
    """The schemas shipped as package data are the committed ones, found by name."""

    def test_package_copy_is_current(self) -> None:
        """sodoan/data/schemas holds exactly the generated schemas (python -m sodoan.schemas)."""
        assert stale(schemas.package_dir()) == []
        assert sorted(p.name for p in schemas.package_dir().iterdir()) == sorted(
            f"{n}.schema.json" for n in schema_names()
        )

    @pytest.mark.parametrize("name", schema_names())
    def test_path_is_identical_to_schemas_dir(self, name: str) -> None:
        """schemas.path(name) is a file with the same bytes as schemas/<name>.schema.json."""
        packaged = schemas.path(name)
        assert packaged.name == f"{name}.schema.json"
        assert packaged.read_bytes() == (SCHEMAS / packaged.name).read_bytes()

    def test_path_via_importlib_resources(self) -> None:
        """importlib.resources reaches the same file (no sodoan code needed)."""
        from importlib.resources import files

        node = files("sodoan") / "data" / "schemas" / "plan.schema.json"
        assert node.read_text(encoding="utf-8") == render("plan")

    def test_read(self) -> None:
        """schemas.read(name) is the parsed packaged schema."""
        assert schemas.read("actual") == schemas.generate("actual")

    @pytest.mark.parametrize("name", ["", "plans", "../plan", "plan.schema.json"])
    def test_unknown_name(self, name: str) -> None:
        """An unknown schema name is an UnknownIdError (a KeyError) listing the names."""
        from sodoan import UnknownIdError

        for call in (schemas.path, schemas.generate, schemas.render):
            with pytest.raises(UnknownIdError, match="unknown schema id") as caught:
                call(name)
            assert isinstance(caught.value, KeyError)
            assert caught.value.kind == "schema"

    def test_check_command_checks_both_copies(self, tmp_path: Path) -> None:
        """--check fails on a stale ./schemas and names the stale file; --out checks DIR only."""
        import contextlib
        import io
        import os

        schemas.write(tmp_path / "schemas")
        (tmp_path / "schemas" / "plan.schema.json").write_text("{}", encoding="utf-8")
        err = io.StringIO()
        cwd = Path.cwd()
        os.chdir(tmp_path)
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                assert schemas.main(["--check"]) == 1
                assert schemas.main(["--check", "--out", str(tmp_path / "none")]) == 1
                schemas.write(tmp_path / "other")
                assert schemas.main(["--check", "--out", str(tmp_path / "other")]) == 0
        finally:
            os.chdir(cwd)
        assert "stale schemas in schemas: plan.schema.json" in err.getvalue()


class TestVersion:
    """Every $id carries a hash of the content of the whole set of schemas."""

    def test_id_is_the_hash_of_the_committed_content(self) -> None:
        """The hash in each committed $id is the SHA-256 (12 hex) of the canonical content of
        all committed schemas without $id: editing any schema by hand breaks this test."""
        files = committed()
        digest = canonical_hash(files)
        assert schemas.content_hash() == digest
        for name, schema in files.items():
            assert schema["$id"] == f"urn:sodoan:schema:{name}:{schemas.SCHEMA_VERSION}:{digest}"
            assert schemas.schema_id(name) == schema["$id"]

    def test_any_content_change_changes_the_hash(self) -> None:
        """Changing one keyword of one schema changes the hash of the set."""
        files = committed()
        before = canonical_hash(files)
        files["measure"]["description"] += "."
        assert canonical_hash(files) != before

    def test_hash_ignores_key_order(self) -> None:
        """The hash is over canonical JSON: the key order of the files does not matter."""
        files = committed()
        reordered = {n: dict(reversed(list(s.items()))) for n, s in reversed(files.items())}
        assert canonical_hash(reordered) == canonical_hash(files)

    def test_own_catalogue_gets_its_own_hash(self) -> None:
        """Schemas for a catalogue with one more indicator have another hash, in every $id
        (measure's too, whose content is the same), and the bundled ones are unchanged."""
        from sodoan import Catalogue

        bundled = Catalogue.bundled()
        mine = bundled.extend(
            indicators=[
                {
                    **bundled.indicator("online-filing-rate").model_dump(),
                    "id": "smart-school-share",
                    "aliases": [],
                }
            ]
        )
        digest = schemas.content_hash(mine)
        assert len(digest) == 12
        assert digest != schemas.content_hash()
        assert schemas.content_hash(bundled) == schemas.content_hash()
        assert schemas.generate("measure", mine)["$id"].endswith(f":1:{digest}")
        assert "smart-school-share" in json.dumps(schemas.generate("actual", mine))
        assert "smart-school-share" not in json.dumps(schemas.generate("actual"))

    def test_schema_command_with_own_catalogue(self, tmp_path: Path) -> None:
        """sodoan schema --catalogue FILE writes schemas whose $id carries their own hash."""
        from click.testing import CliRunner

        from sodoan.cli import main

        catalogue = tmp_path / "catalogue.json"
        province = {"id": "dao-ngoc", "name": {"vi": "Đảo Ngọc", "en": "Pearl Island"}}
        catalogue.write_text(
            json.dumps({"provinces": [{**province, "kind": "province"}]}), encoding="utf-8"
        )
        out = tmp_path / "out"
        result = CliRunner().invoke(
            main, ["schema", "--catalogue", str(catalogue), "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        written = json.loads((out / "actual.schema.json").read_text(encoding="utf-8"))
        digest = written["$id"].rsplit(":", 1)[1]
        assert written["$id"] == f"urn:sodoan:schema:actual:1:{digest}"
        assert digest != schemas.content_hash()
        assert "dao-ngoc" in json.dumps(written)


def mutate(base: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return data


ACTUAL_CASES = [
    ("abc", ("value", "value"), "abc"),
    ("comma decimal", ("value", "value"), "98,26"),
    ("vi grouping", ("value", "value"), "1.234,5"),
    ("NaN", ("value", "value"), "NaN"),
    ("Infinity", ("value", "value"), "Infinity"),
    ("exponent", ("value", "value"), "1e999"),
    ("negative zero", ("value", "value"), "-0"),
    ("negative share", ("value", "value"), "-5"),
    ("unknown unit", ("value", "unit"), "percnt"),
    ("scale word", ("value", "unit"), "million"),
    ("VND for a share", ("value", "unit"), "VND"),
    ("extra field", ("extra",), 1),
    ("extra in measure", ("value", "scale"), "million"),
    ("unknown indicator", ("indicator",), "online-filing"),
    ("unknown province", ("province",), "tuyen-qang"),
    ("cyrillic id", ("id",), "tuyеn"),
    ("bad qualifier", ("qualifier",), "about"),
    ("year out of range", ("period",), 1800),
    ("year as text", ("period",), "year 2024"),
    ("date out of range", ("period",), "2024-13-01"),
    ("nfd quote", ("source", "quote"), "đa\u0323t"),
    ("control char", ("source", "quote"), "a\u0007b"),
    ("wrong type", ("value",), "98.26 percent"),
    ("null value", ("value",), None),
    ("bool value", ("value", "value"), True),
]


class TestAgreement:
    """jsonschema on schemas/ rejects what the models reject, and accepts what they accept."""

    def test_reference_valid_in_both(self) -> None:
        """The reference Actual is valid for both."""
        Actual.model_validate(ACTUAL)
        assert list(validator("actual").iter_errors(ACTUAL)) == []

    @pytest.mark.parametrize(
        ("name", "path", "value"), ACTUAL_CASES, ids=[c[0] for c in ACTUAL_CASES]
    )
    def test_actual_rejected_by_both(self, name: str, path: tuple[str, ...], value: Any) -> None:
        """Each bad Actual is rejected by the model (on the same field) and by jsonschema."""
        data = mutate(ACTUAL, path, value)
        with pytest.raises(ValidationError) as caught:
            Actual.model_validate_json(json.dumps(data))
        top = path[0] if path[0] != "extra" else "extra"
        assert any(error["loc"][0] == top for error in caught.value.errors())
        assert list(validator("actual").iter_errors(data)) != []

    @pytest.mark.parametrize(
        ("path", "value"),
        [(("required",), None), (("value", "unit"), None), (("source",), None)],
    )
    def test_missing_required(self, path: tuple[str, ...], value: Any) -> None:
        """Removing a required field is rejected by both."""
        data = copy.deepcopy(ACTUAL)
        if path == ("required",):
            del data["indicator"]
        elif path == ("value", "unit"):
            del data["value"]["unit"]
        else:
            del data["source"]
        with pytest.raises(ValidationError):
            Actual.model_validate_json(json.dumps(data))
        assert list(validator("actual").iter_errors(data)) != []

    @pytest.mark.parametrize(
        ("name", "document"),
        [
            ("between without upper", {"comparator": "between"}),
            ("upper for ge", {"upper": {"value": "90", "unit": "percent"}}),
            ("unknown comparator", {"comparator": "gte"}),
            ("money for a share", {"value": {"value": "1", "unit": "billion_VND"}}),
            ("rank zero", {"indicator": "dti-rank", "value": {"value": "0", "unit": "rank"}}),
            (
                "fractional rank",
                {"indicator": "dti-rank", "value": {"value": "20.5", "unit": "rank"}},
            ),
            ("unknown level", {"level": "ward"}),
        ],
    )
    def test_target_rejected_by_both(self, name: str, document: dict[str, Any]) -> None:
        """Each bad Target is rejected by the model and by jsonschema."""
        data = {**TARGET, **document}
        with pytest.raises(ValidationError):
            Target.model_validate_json(json.dumps(data))
        assert list(validator("target").iter_errors(data)) != []


SCHEMA_OF: dict[type[BaseModel], str] = {
    Measure: "measure",
    Target: "target",
    Actual: "actual",
    Plan: "plan",
    Indicator: "indicator",
}


@pytest.mark.parametrize("model", list(SCHEMA_OF), ids=lambda m: m.__name__)
@given(data=st.data())
def test_generated_documents_valid_for_jsonschema(
    model: type[BaseModel], data: st.DataObject
) -> None:
    """Every document the models accept (drawn from the strategies) is valid for jsonschema too."""
    instance = data.draw(MODEL_STRATEGIES[model])
    document = json.loads(instance.model_dump_json())
    assert list(validator(SCHEMA_OF[model]).iter_errors(document)) == []
