"""References to codelist entries (indicator, pillar, province, agency ids).

A reference is valid when the id is in the bundled codelist (``sodoan/data/*.json``). The model
checks membership; the JSON Schema carries the same ids as an ``enum``, generated from the same
files, so every validator rejects an unknown id.

The id sets are read straight from the JSON files (ids only, no model validation), so that the
codelists can refer to each other (a province's successor is a province).
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._resources import read_json
from sodoan._types import Slug

__all__ = [
    "CODELIST_FILES",
    "AgencyId",
    "CodelistKind",
    "IndicatorFacts",
    "IndicatorId",
    "PillarId",
    "ProvinceId",
    "indicator_facts",
    "known_ids",
]

CodelistKind = Literal["pillar", "indicator", "province", "agency"]

#: The package data file of each codelist.
CODELIST_FILES: Mapping[CodelistKind, str] = {
    "pillar": "pillars.json",
    "indicator": "indicators.json",
    "province": "provinces.json",
    "agency": "agencies.json",
}


@functools.cache
def known_ids(kind: CodelistKind) -> frozenset[str]:
    """The ids of the bundled ``kind`` codelist."""
    return frozenset(entry["id"] for entry in read_json(CODELIST_FILES[kind]))


@dataclass(frozen=True)
class IndicatorFacts:
    """What validation needs to know about an indicator (read without validating the catalogue)."""

    unit: str
    kind: str
    direction: str


@functools.cache
def _all_indicator_facts() -> Mapping[str, IndicatorFacts]:
    return {
        entry["id"]: IndicatorFacts(entry["unit"], entry["kind"], entry["direction"])
        for entry in read_json(CODELIST_FILES["indicator"])
    }


def indicator_facts(indicator: str) -> IndicatorFacts:
    """Unit, kind and direction of a bundled indicator."""
    return _all_indicator_facts()[indicator]


def _suggest(value: str, ids: frozenset[str]) -> str:
    close = difflib.get_close_matches(value, sorted(ids), n=3, cutoff=0.75)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


class _Known:
    """Annotation: the value must be an id of the ``kind`` codelist (model check + schema enum)."""

    def __init__(self, kind: CodelistKind) -> None:
        self.kind = kind

    def _check(self, value: str) -> str:
        ids = known_ids(self.kind)
        if value not in ids:
            raise PydanticCustomError(
                "unknown_id",
                "Unknown {kind} id '{value}' (not in the {kind} codelist){hint}",
                {"kind": self.kind, "value": value, "hint": _suggest(value, ids)},
            )
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler(schema)
        json_schema = handler.resolve_ref_schema(json_schema)
        json_schema["enum"] = sorted(known_ids(self.kind))
        return json_schema


#: Id of an indicator in the catalogue (``online-filing-rate``).
IndicatorId = Annotated[Slug, _Known("indicator")]
#: Id of a pillar or foundation (``digital-government``).
PillarId = Annotated[Slug, _Known("pillar")]
#: Id of a province (``tuyen-quang``).
ProvinceId = Annotated[Slug, _Known("province")]
#: Id of an agency (``tuyen-quang-so-khoa-hoc-va-cong-nghe``).
AgencyId = Annotated[Slug, _Known("agency")]
