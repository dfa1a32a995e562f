"""Targets: what a plan promises."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, GetJsonSchemaHandler, ValidationInfo, field_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._base import Record
from sodoan._display import render
from sodoan._types import LongText, Slug
from sodoan.measure import Measure
from sodoan.model._refs import IndicatorId, ProvinceId, codes_in, schema_codes
from sodoan.model._rules import (
    check_absolute,
    check_between,
    growing_units,
    indicator_schema_blocks,
)
from sodoan.model.source import Source
from sodoan.period import Period

__all__ = ["AdminLevel", "Baseline", "Comparator", "Target"]

#: ``gt`` "trên/hơn/vượt" (strict), ``ge`` "tối thiểu/ít nhất/trở lên/đạt", ``eq`` exactly,
#: ``le`` "không quá/tối đa", ``lt`` "dưới" (strict), ``between`` "từ 2 ÷ 3%" (inclusive).
Comparator = Literal["gt", "ge", "eq", "le", "lt", "between"]

#: Administrative level a figure applies to: tỉnh, huyện, xã, thôn.
AdminLevel = Literal["province", "district", "commune", "village"]


class Baseline(Record):
    """The starting value a target is measured from (for growth targets)."""

    value: Measure
    """The baseline level."""

    period: Period
    """When the baseline was measured."""


class Target(Record):
    """What a plan promises for an indicator, with its source.

    A target stated as a plain level ("chiếm 20% GRDP", "đạt 100%", "80% hồ sơ ... được xử lý
    trực tuyến") is ``ge`` for a higher-is-better indicator and ``le`` for a lower-is-better one
    (a rank): the encoder records that reading in ``comparator``.
    """

    id: Slug
    """Id unique within the dataset, e.g. ``tuyen-quang-60-kh-ubnd-2025-online-filing-rate``."""

    indicator: IndicatorId
    """Indicator of the catalogue."""

    province: ProvinceId
    """Province the target is for."""

    level: AdminLevel | None = None
    """Administrative level, when the target is stated per level (``cấp xã``)."""

    comparator: Comparator
    """How the actual must relate to ``value`` (and ``upper`` for ``between``)."""

    value: Measure
    """The threshold; the lower bound of a ``between`` range."""

    upper: Measure | None = Field(default=None, validate_default=True)
    """The upper bound of a ``between`` range (required then, absent otherwise)."""

    due: Period | None = None
    """When the target is due (a year, or a day: "hết tháng 6 năm 2025" is 2025-06-30); none when
    the source does not say."""

    baseline: Baseline | None = None
    """Starting value, for targets measured from one."""

    source: Source
    """Where the target is stated."""

    note: LongText | None = None
    """The encoder's remarks: wording, ambiguity, how the comparator was read."""

    @field_validator("value")
    @classmethod
    def _value_fits_indicator(cls, value: Measure, info: ValidationInfo) -> Measure:
        indicator = info.data.get("indicator")
        if indicator is None:  # the indicator itself was invalid; that error is reported
            return value
        return check_absolute(value, indicator, codes_in(info))

    @field_validator("upper")
    @classmethod
    def _upper_iff_between(cls, upper: Measure | None, info: ValidationInfo) -> Measure | None:
        comparator = info.data.get("comparator")
        if comparator is None:
            return upper
        if comparator == "between" and upper is None:
            raise PydanticCustomError("upper_required", "A 'between' target needs an upper bound")
        if comparator != "between" and upper is not None:
            raise PydanticCustomError(
                "upper_not_allowed",
                "Only a 'between' target has an upper bound; this one is '{comparator}'",
                {"comparator": comparator},
            )
        if upper is not None:
            indicator = info.data.get("indicator")
            if indicator is not None:
                check_absolute(upper, indicator, codes_in(info))
            lower = info.data.get("value")
            if lower is not None:
                check_between(lower, upper)
        return upper

    @field_validator("baseline")
    @classmethod
    def _baseline_fits_indicator(
        cls, baseline: Baseline | None, info: ValidationInfo
    ) -> Baseline | None:
        indicator = info.data.get("indicator")
        if baseline is None or indicator is None:
            return baseline
        codes = codes_in(info)
        growing = growing_units(codes.facts(indicator))
        check_absolute(baseline.value, indicator, codes, growing=bool(growing))
        if growing and baseline.value.unit not in growing:
            raise PydanticCustomError(
                "baseline_is_a_rate",
                "The baseline of a growth target is the quantity that grows "
                "(money or a count), not a rate; got {unit}",
                {"unit": baseline.value.unit},
            )
        return baseline

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler.resolve_ref_schema(handler(schema))
        json_schema["allOf"] = [
            {
                "if": {
                    "properties": {"comparator": {"const": "between"}},
                    "required": ["comparator"],
                },
                "then": {
                    "required": ["upper"],
                    "properties": {"upper": {"not": {"type": "null"}}},
                },
                "else": {
                    "anyOf": [
                        {"not": {"required": ["upper"]}},
                        {"properties": {"upper": {"type": "null"}}},
                    ]
                },
            },
            *indicator_schema_blocks(schema_codes(), ("value", "upper", "baseline")),
        ]
        return json_schema

    def _repr_html_(self) -> str:
        return str(render("html", self))

    def __repr__(self) -> str:
        bound = f"..{self.upper.value}" if self.upper is not None else ""
        due = f" by {self.due}" if self.due is not None else ""
        return (
            f"<Target {self.id}: {self.indicator} {self.comparator} "
            f"{self.value.value}{bound} {self.value.unit}{due}>"
        )
