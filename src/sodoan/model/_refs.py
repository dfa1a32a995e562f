"""References to codelist entries (indicator, pillar, province, agency ids), checked against the
catalogue in use.

A reference is valid when the id is in the catalogue the document is validated with: the one
passed in pydantic's validation context (``Model.model_validate(data, context={"catalogue":
catalogue})``; see :class:`sodoan.Catalogue`), or else the bundled codelists
(``sodoan/data/*.json``). The JSON Schemas carry the same ids as an ``enum``, generated from the
catalogue the schemas are generated for (:func:`schema_catalogue`).

Validation needs only ids and a few facts per indicator (unit, kind, direction), so this module
reads no models: the bundled ids come straight from the JSON files, and any catalogue object
that answers :class:`Codes` works.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import difflib
import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import Annotated, Any, Final, Literal, NamedTuple, Protocol

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._context import CATALOGUE
from sodoan._resources import read_json
from sodoan._types import MAX_ID_LENGTH, Slug

__all__ = [
    "CODELIST_FILES",
    "CONTEXT_KEY",
    "AgencyId",
    "CodeTable",
    "CodelistKind",
    "Codes",
    "IndicatorFacts",
    "IndicatorId",
    "PillarId",
    "ProvinceId",
    "bundled_codes",
    "codes_in",
    "schema_catalogue",
    "schema_codes",
]

CodelistKind = Literal["pillar", "indicator", "province", "agency"]
CODELIST_KINDS: Final[tuple[CodelistKind, ...]] = ("pillar", "indicator", "province", "agency")

#: The package data file of each codelist.
CODELIST_FILES: Final[Mapping[CodelistKind, str]] = {
    "pillar": "pillars.json",
    "indicator": "indicators.json",
    "province": "provinces.json",
    "agency": "agencies.json",
}

#: The key of pydantic's validation context that holds the catalogue in use.
CONTEXT_KEY: Final = CATALOGUE


class IndicatorFacts(NamedTuple):
    """What validation and assessment need to know about an indicator (a tuple, so that the
    caches keyed on it hash it at C speed)."""

    unit: str
    kind: str
    direction: str


class Codes(Protocol):
    """What validation asks of a catalogue (:class:`sodoan.Catalogue` answers it)."""

    def ids(self, kind: CodelistKind) -> frozenset[str]:
        """The ids of the ``kind`` codelist."""
        ...

    def facts(self, indicator: str) -> IndicatorFacts:
        """Unit, kind and direction of ``indicator`` (KeyError if unknown)."""
        ...

    def is_nation(self, province: str) -> bool:
        """Whether ``province`` is the nation as a whole (``viet-nam``)."""
        ...

    def ended(self, province: str) -> tuple[dt.date, str | None] | None:
        """(last day, successor) of a province that no longer exists; None if it does."""
        ...


class CodeTable:
    """:class:`Codes` built from raw codelist entries (mappings with ``id`` and, for
    indicators, ``unit``/``kind``/``direction``; provinces may have ``kind`` ``nation``)."""

    def __init__(self, entries: Mapping[CodelistKind, Iterable[Mapping[str, Any]]]) -> None:
        lists = {kind: list(entries.get(kind, ())) for kind in CODELIST_KINDS}
        self._ids = {kind: frozenset(str(e["id"]) for e in lists[kind]) for kind in lists}
        self._facts = {
            str(e["id"]): IndicatorFacts(str(e["unit"]), str(e["kind"]), str(e["direction"]))
            for e in lists["indicator"]
        }
        self._nations = frozenset(
            str(e["id"]) for e in lists["province"] if e.get("kind") == "nation"
        )
        self._ended = {
            str(e["id"]): (_date(e["valid_to"]), e.get("successor"))
            for e in lists["province"]
            if e.get("valid_to") is not None
        }

    def ids(self, kind: CodelistKind) -> frozenset[str]:
        return self._ids[kind]

    def facts(self, indicator: str) -> IndicatorFacts:
        return self._facts[indicator]

    def is_nation(self, province: str) -> bool:
        return province in self._nations

    def ended(self, province: str) -> tuple[dt.date, str | None] | None:
        return self._ended.get(province)


def _date(value: object) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


@functools.cache
def bundled_codes() -> CodeTable:
    """The ids and indicator facts of the bundled codelists (read once, without the models)."""
    return CodeTable({kind: read_json(name) for kind, name in CODELIST_FILES.items()})


def codes_in(info: ValidationInfo | None) -> Codes:
    """The catalogue of a validation: the context's ``catalogue``, or the bundled codelists."""
    context = info.context if info is not None else None
    if isinstance(context, dict):
        codes = context.get(CONTEXT_KEY)
        if codes is not None:
            return codes  # type: ignore[no-any-return]
    return bundled_codes()


def suggest_ids(ids: Iterable[str], value: object, n: int = 3) -> list[str]:
    """The ids closest to ``value`` (for "did you mean" in error messages)."""
    if not isinstance(value, str) or len(value) > MAX_ID_LENGTH:
        return []  # a value far longer than any id has no close match worth the search
    return difflib.get_close_matches(value, sorted(ids), n=n, cutoff=0.75)


_SCHEMA_CODES: Final[contextvars.ContextVar[Codes | None]] = contextvars.ContextVar(
    "sodoan_schema_codes", default=None
)


def schema_codes() -> Codes:
    """The catalogue JSON Schemas are being generated for (the bundled one by default)."""
    return _SCHEMA_CODES.get() or bundled_codes()


@contextlib.contextmanager
def schema_catalogue(codes: Codes | None) -> Iterator[None]:
    """Within the block, JSON Schemas are generated for ``codes`` (None: the bundled one)."""
    token = _SCHEMA_CODES.set(codes)
    try:
        yield
    finally:
        _SCHEMA_CODES.reset(token)


class _Known:
    """Annotation: the value must be an id of the ``kind`` codelist of the catalogue in use.

    The error (type ``unknown_id``, context ``kind``) is stable; sodoan's error reports add the
    closest known ids. The JSON Schema is an ``enum`` of the catalogue's ids.
    """

    def __init__(self, kind: CodelistKind) -> None:
        self.kind = kind
        self._message = f"Unknown {kind} id (not in the {kind} codelist)"

    def _check(self, value: Any, info: ValidationInfo) -> str:
        if type(value) is not str or value not in codes_in(info).ids(self.kind):
            raise PydanticCustomError("unknown_id", self._message, {"kind": self.kind})
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(self._check)

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "enum": sorted(schema_codes().ids(self.kind))}


#: Id of an indicator in the catalogue (``online-filing-rate``).
IndicatorId = Annotated[Slug, _Known("indicator")]
#: Id of a pillar or foundation (``digital-government``).
PillarId = Annotated[Slug, _Known("pillar")]
#: Id of a province, or of the nation (``tuyen-quang``, ``viet-nam``).
ProvinceId = Annotated[Slug, _Known("province")]
#: Id of an agency (``tuyen-quang-so-khoa-hoc-va-cong-nghe``).
AgencyId = Annotated[Slug, _Known("agency")]
