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
from pydantic_core import core_schema

from sodoan._resources import read_json
from sodoan._types import MAX_ID_LENGTH, Slug

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
    "nation_ids",
    "suggest_ids",
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


@functools.cache
def nation_ids() -> frozenset[str]:
    """Ids of the province codelist's entries of kind ``nation`` (``viet-nam``)."""
    return frozenset(
        entry["id"]
        for entry in read_json(CODELIST_FILES["province"])
        if entry.get("kind") == "nation"
    )


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


def suggest_ids(kind: str, value: object, n: int = 3) -> list[str]:
    """Known ids of the ``kind`` codelist closest to ``value`` (for error messages)."""
    if kind not in CODELIST_FILES or not isinstance(value, str) or len(value) > MAX_ID_LENGTH:
        return []  # a value far longer than any id has no close match worth the search
    return difflib.get_close_matches(value, sorted(known_ids(kind)), n=n, cutoff=0.75)


class _Known:
    """Annotation: the value must be an id of the ``kind`` codelist (model check + schema enum).

    The check runs inside pydantic-core (a literal of the codelist's ids), so bulk validation
    pays no Python call for it; the error (type ``unknown_id``, context ``kind``) is stable, and
    sodoan's error reports add the closest known ids (:func:`suggest_ids`).
    """

    def __init__(self, kind: CodelistKind) -> None:
        self.kind = kind

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.custom_error_schema(
            core_schema.literal_schema(sorted(known_ids(self.kind))),
            custom_error_type="unknown_id",
            custom_error_message=f"Unknown {self.kind} id (not in the {self.kind} codelist)",
            custom_error_context={"kind": self.kind},
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "enum": sorted(known_ids(self.kind))}


#: Id of an indicator in the catalogue (``online-filing-rate``).
IndicatorId = Annotated[Slug, _Known("indicator")]
#: Id of a pillar or foundation (``digital-government``).
PillarId = Annotated[Slug, _Known("pillar")]
#: Id of a province (``tuyen-quang``).
ProvinceId = Annotated[Slug, _Known("province")]
#: Id of an agency (``tuyen-quang-so-khoa-hoc-va-cong-nghe``).
AgencyId = Annotated[Slug, _Known("agency")]
