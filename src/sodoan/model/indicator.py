"""Indicators: the shared ids that make provinces comparable."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

from pydantic import Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._base import Record
from sodoan._types import LongText, ShortText, Slug
from sodoan.model._refs import PillarId
from sodoan.model.text import Definition, Names
from sodoan.units import UNIT_CODES, UnitCode, dimension

__all__ = ["KIND_DIMENSIONS", "Direction", "Indicator", "IndicatorKind"]

IndicatorKind = Literal[
    "ratio", "amount", "count", "rank", "score", "growth_rate", "frequency", "speed"
]
Direction = Literal["higher_is_better", "lower_is_better"]

#: The unit dimensions each indicator kind may use.
KIND_DIMENSIONS: Final[Mapping[str, tuple[str, ...]]] = {
    "ratio": ("[share]",),
    "amount": ("[currency_vnd]", "[currency_usd]"),
    "count": ("[count]",),
    "rank": ("[rank]",),
    "score": ("[score]",),
    "growth_rate": ("[share] / [time]",),
    "frequency": ("[count] / [time]",),
    "speed": ("[data_rate]",),
}


def units_of_kind(kind: str) -> list[str]:
    """The unit codes an indicator of ``kind`` may use."""
    return [code for code in UNIT_CODES if dimension(code) in KIND_DIMENSIONS[kind]]


class Indicator(Record):
    """A concept measured across provinces, e.g. ``online-filing-rate``.

    The id is the comparison key: two provinces' figures compare when they use the same id.
    Where plans word the concept differently, the definition says so and the wordings are kept
    in ``aliases`` (used by :func:`sodoan.parse_target` to recognise the indicator).
    """

    id: Slug
    """Stable kebab-case id, shared by every province."""

    name: Names
    """Vietnamese and English names."""

    pillar: PillarId
    """Pillar or foundation the indicator belongs to."""

    unit: UnitCode
    """Canonical unit; figures may use any unit of the same dimension (triệu or tỷ đồng)."""

    kind: IndicatorKind
    """``ratio`` (percent), ``amount`` (money), ``count``, ``rank``, ``score`` (an index score
    such as the DTI's), ``growth_rate`` (percent per year), ``frequency`` (times per year) or
    ``speed`` (data rate)."""

    direction: Direction
    """Whether a higher value is better (most indicators) or a lower one (ranks)."""

    definition: Definition
    """What is measured, including how the plans' wordings differ."""

    aliases: list[ShortText] = Field(default_factory=list, max_length=100)
    """Vietnamese phrasings of the indicator seen in documents."""

    parts: list[Slug] = Field(default_factory=list, max_length=20)
    """Indicators whose values add up to this one's for the same province and period
    (``procedure-count`` is full + partial + information-only procedures). Checked by
    :meth:`sodoan.Dataset.check`."""

    note: LongText | None = None
    """Remarks for users comparing figures."""

    @model_validator(mode="after")
    def _unit_matches_kind(self) -> Indicator:
        if dimension(self.unit) not in KIND_DIMENSIONS[self.kind]:
            raise PydanticCustomError(
                "unit_kind_mismatch",
                "An indicator of kind {kind} cannot use unit {unit}; expected one of {units}",
                {
                    "kind": self.kind,
                    "unit": self.unit,
                    "units": ", ".join(units_of_kind(self.kind)),
                },
            )
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler.resolve_ref_schema(handler(schema))
        json_schema["allOf"] = [
            {
                "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
                "then": {"properties": {"unit": {"enum": units_of_kind(kind)}}},
            }
            for kind in KIND_DIMENSIONS
        ]
        return json_schema

    def __repr__(self) -> str:
        return f"<Indicator {self.id}>"
