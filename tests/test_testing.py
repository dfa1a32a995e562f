"""sodoan.testing: the public strategies draw what they promise, for the models and the schemas."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from pydantic import TypeAdapter, ValidationError

from sodoan import Catalogue, UnknownIdError, schemas, testing
from sodoan.testing._broken import possible_faults
from sodoan.testing._documents import MODEL_OF

REPO = Path(__file__).resolve().parent.parent
CODELISTS = {"indicators", "pillars", "provinces", "agencies", "documents"}
#: Quick: every (kind, fault) pair has its own test, and the kinds' strategies are tested at
#: length by the round-trip and differential properties.
FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])


@functools.cache
def adapter(kind: str) -> TypeAdapter[Any]:
    model = MODEL_OF[kind]
    return TypeAdapter(list[model] if kind in CODELISTS else model)  # type: ignore[valid-type]


@functools.cache
def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(
        json.loads((REPO / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")),
        format_checker=FormatChecker(),
    )


def starts_with(location: tuple[Any, ...], path: tuple[Any, ...]) -> bool:
    return tuple(location[: len(path)]) == path


class TestKinds:
    """The document kinds are the schemas."""

    def test_kinds_are_the_schema_names(self) -> None:
        """testing.KINDS lists exactly the published schemas, in the same order."""
        assert tuple(schemas.schema_names()) == testing.KINDS

    def test_unknown_kind(self) -> None:
        """An unknown kind is an UnknownIdError naming the kinds."""
        for strategy in (testing.models, testing.documents, testing.broken_documents):
            with pytest.raises(UnknownIdError, match="unknown document kind id 'actuals'"):
                strategy("actuals")

    def test_possible_faults(self) -> None:
        """Measures have decimal and unit faults and no references; pillars neither."""
        assert possible_faults(MODEL_OF["measure"]) == {
            "extra-field",
            "missing-field",
            "wrong-type",
            "bad-decimal",
            "unknown-unit",
        }
        assert possible_faults(MODEL_OF["pillars"]) == {
            "extra-field",
            "missing-field",
            "wrong-type",
        }
        assert possible_faults(MODEL_OF["plan"]) == set(testing.FAULTS)

    @pytest.mark.parametrize(
        ("kind", "faults", "message"),
        [
            ("pillars", ["unknown-id"], "a pillars document cannot have the faults unknown-id"),
            ("actual", ["typo"], "faults must be some of extra-field, "),
            ("actual", [], "faults must be some of"),
        ],
    )
    def test_impossible_faults(self, kind: str, faults: list[str], message: str) -> None:
        """Asking for faults a kind cannot have, or unknown faults, is a ValueError."""
        with pytest.raises(ValueError, match=message):
            testing.broken_documents(kind, faults=faults)


@pytest.mark.parametrize("kind", testing.KINDS)
@FEW
@given(data=st.data())
def test_documents_are_valid(kind: str, data: st.DataObject) -> None:
    """A drawn document is valid for the models and for the kind's JSON Schema, and validating
    it gives back the drawn models."""
    drawn = data.draw(testing.models(kind))
    document = testing._documents.to_json(drawn)
    assert adapter(kind).validate_json(json.dumps(document)) == drawn
    assert list(validator(kind).iter_errors(document)) == []


@pytest.mark.parametrize(
    ("kind", "fault"),
    [
        (kind, fault)
        for kind in testing.KINDS
        for fault in testing.FAULTS
        if fault in possible_faults(MODEL_OF[kind])
    ],
)
@FEW
@given(data=st.data())
def test_broken_documents_are_rejected_where_they_say(
    kind: str, fault: str, data: st.DataObject
) -> None:
    """Each broken document is rejected by the models with an error at (or inside) its path,
    and by the JSON Schema; the document it was made from passes both."""
    broken = data.draw(testing.broken_documents(kind, faults=[fault]))
    assert broken.kind == kind
    assert broken.fault == fault
    adapter(kind).validate_json(json.dumps(broken.valid))
    assert list(validator(kind).iter_errors(broken.valid)) == []
    with pytest.raises(ValidationError) as caught:
        adapter(kind).validate_json(json.dumps(broken.document))
    locations = [error["loc"] for error in caught.value.errors()]
    assert any(starts_with(loc, broken.path) for loc in locations), (str(broken), locations)
    assert list(validator(kind).iter_errors(broken.document)) != []


class TestBroken:
    """What a Broken record says."""

    def test_str(self) -> None:
        """str() names the kind, the fault and the path."""
        broken = testing.Broken("actual", "bad-decimal", ("value", "value"), "1e5", {}, {})
        assert str(broken) == "actual: bad-decimal at value.value"
        assert str(testing.Broken("measure", "extra-field", ("unexpected",), True, {}, {})) == (
            "measure: extra-field at unexpected"
        )

    @FEW
    @given(testing.broken_documents("actual", faults=["missing-field"]))
    def test_missing_field_is_removed(self, broken: testing.Broken) -> None:
        """A missing field is absent from the document and present in the valid one."""
        *parents, name = broken.path
        node, valid = broken.document, broken.valid
        for part in parents:
            node, valid = node[part], valid[part]
        assert name not in node
        assert name in valid
        assert broken.value is None

    @FEW
    @given(testing.broken_documents("measure", faults=["bad-decimal"]))
    def test_bad_decimal_is_one_of_the_list(self, broken: testing.Broken) -> None:
        """A bad decimal is one of BAD_DECIMALS, put at value."""
        assert broken.path == ("value",)
        assert broken.document["value"] in testing.BAD_DECIMALS
        assert broken.document["unit"] == broken.valid["unit"]


class TestCatalogue:
    """Strategies draw ids from the catalogue given."""

    MINE = Catalogue.bundled().extend(
        provinces=[
            {
                "id": "dao-ngoc",
                "name": {"vi": "Đảo Ngọc", "en": "Pearl Island"},
                "kind": "province",
            }
        ]
    )

    @FEW
    @given(testing.ids("province", MINE))
    def test_ids(self, province: str) -> None:
        """testing.ids draws from the catalogue's ids."""
        assert province in self.MINE.ids("province")

    @FEW
    @given(testing.actuals(province="dao-ngoc", catalogue=MINE))
    def test_actuals_of_own_province(self, actual: Any) -> None:
        """An actual of a province only the catalogue has is valid with that catalogue, and an
        unknown id without it."""
        document = json.loads(actual.model_dump_json())
        assert type(actual).model_validate(document, context={"catalogue": self.MINE}) == actual
        with pytest.raises(ValidationError, match="Unknown province id"):
            type(actual).model_validate(document)


def test_import_sodoan_does_not_import_hypothesis() -> None:
    """import sodoan (and its names) loads neither sodoan.testing nor hypothesis."""
    code = (
        "import sys, sodoan; sodoan.Measure; sodoan.load; "
        "print('hypothesis' in sys.modules, 'sodoan.testing' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "False"]


def test_public_namespace() -> None:
    """dir(sodoan) is __all__ plus dunders, and so is dir(sodoan.testing)'s public part."""
    import sodoan

    assert dir(sodoan) == sorted(
        {*sodoan.__all__, *(n for n in vars(sodoan) if n.startswith("__"))}
    )
    assert not {n for n in dir(sodoan) if not n.startswith("__")} - set(sodoan.__all__)
    assert sodoan.__all__ == sorted(sodoan.__all__, key=lambda n: (not n.isupper(), n))
    assert testing.__all__ == sorted(testing.__all__, key=lambda n: (not n.isupper(), n))
    assert {n for n in vars(testing) if not n.startswith("_")} - set(testing.__all__) == set()
