"""Actuals: what was achieved, as reported."""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import GetJsonSchemaHandler, ValidationInfo, field_validator, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._base import Record
from sodoan._display import render
from sodoan._types import LongText, ShortText, Slug, WholeCount, WholeNumber
from sodoan.measure import Measure
from sodoan.model._refs import IndicatorId, ProvinceId, codes_in, schema_codes
from sodoan.model._rules import (
    check_absolute,
    check_change,
    check_change_period,
    indicator_schema_blocks,
)
from sodoan.model.source import Source
from sodoan.model.target import AdminLevel
from sodoan.period import Period

__all__ = ["Actual", "Fraction", "Qualifier"]

#: How exact a reported figure is: ``exact``; ``approximately`` "khoảng"; ``more_than``
#: "trên/hơn"; ``at_least`` "ít nhất"; ``nearly`` "gần" (just under); ``less_than`` "dưới";
#: ``at_most`` "không quá/tối đa".
Qualifier = Literal[
    "exact", "approximately", "more_than", "at_least", "nearly", "less_than", "at_most"
]


#: Largest whole a Fraction may have.
MAX_FRACTION_WHOLE: Final = 10**12


class Fraction(Record):
    """A result reported as a part of a whole, such as ``07/07 huyện`` or ``13/17``."""

    numerator: WholeCount
    """The part."""

    denominator: Annotated[int, WholeNumber(1, MAX_FRACTION_WHOLE)]
    """The whole (at least 1, and at least the numerator: a part is never more than the whole)."""

    @model_validator(mode="after")
    def _part_of_whole(self) -> Fraction:
        check_fraction(self.numerator, self.denominator)
        return self


def check_fraction(numerator: int, denominator: int) -> None:
    """Raise a pydantic error if a fraction's part is more than its whole (13/7)."""
    if numerator > denominator:
        raise PydanticCustomError(
            "fraction_exceeds_whole",
            "A fraction is a part of a whole: numerator {numerator} is more than "
            "denominator {denominator}",
            {"numerator": numerator, "denominator": denominator},
        )


class Actual(Record):
    """A reported result for an indicator, with its period, qualifier and source.

    A change ("tăng 0,11% so với năm 2023") is an actual with ``change_from`` set: its measure is
    the change since that period, not a level, and assessment never compares it with a target.
    """

    id: Slug
    """Id unique within the dataset."""

    indicator: IndicatorId
    """Indicator of the catalogue."""

    province: ProvinceId
    """Province the figure is for."""

    level: AdminLevel | None = None
    """Administrative level, when the figure is for one level (``cấp xã``)."""

    area: ShortText | None = None
    """The named unit within the province the figure is for (``huyện Hàm Yên``), if not the
    whole province or level."""

    period: Period
    """When the figure was measured: a year (2024), or a day ("đến hết ngày 31/12/2024")."""

    qualifier: Qualifier = "exact"
    """How exact the reported figure is (``khoảng`` is ``approximately``)."""

    change_from: Period | None = None
    """For a change: the period it is measured from (``so với năm 2023``)."""

    value: Measure
    """The reported figure, or the change when ``change_from`` is set."""

    fraction: Fraction | None = None
    """The part and whole behind a figure reported as ``13/17``."""

    source: Source
    """Where the figure is stated."""

    note: LongText | None = None
    """The encoder's remarks."""

    @field_validator("period")
    @classmethod
    def _province_existed(cls, period: Period, info: ValidationInfo) -> Period:
        province = info.data.get("province")
        ended = codes_in(info).ended(province) if province is not None else None
        if ended is not None and period.start > ended[0]:
            last, successor = ended
            raise PydanticCustomError(
                "province_ended",
                "{province} no longer existed in {period}: it ended on {last} (merged into "
                "{successor}); a figure for {period} is {successor}'s",
                {
                    "province": province,
                    "period": str(period),
                    "last": last.isoformat(),
                    "successor": successor or "another province",
                },
            )
        return period

    @field_validator("change_from")
    @classmethod
    def _change_before_period(
        cls, change_from: Period | None, info: ValidationInfo
    ) -> Period | None:
        period = info.data.get("period")
        if change_from is not None and period is not None:
            check_change_period(change_from, period)
        return change_from

    @field_validator("value")
    @classmethod
    def _value_fits_indicator(cls, value: Measure, info: ValidationInfo) -> Measure:
        indicator = info.data.get("indicator")
        if indicator is None or "change_from" not in info.data:
            return value  # the indicator or change_from was invalid: no rule applies
        if info.data["change_from"] is not None:
            return check_change(value, indicator, codes_in(info))
        return check_absolute(value, indicator, codes_in(info), growing=True)

    @property
    def is_change(self) -> bool:
        """Whether the figure is a change since ``change_from`` rather than a level."""
        return self.change_from is not None

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler.resolve_ref_schema(handler(schema))
        json_schema["allOf"] = indicator_schema_blocks(
            schema_codes(), ("value",), change_field="change_from"
        )
        return json_schema

    def _repr_html_(self) -> str:
        return str(render("html", self))

    def __repr__(self) -> str:
        change = f" since {self.change_from}" if self.change_from is not None else ""
        qualifier = "" if self.qualifier == "exact" else f" ({self.qualifier})"
        return (
            f"<Actual {self.id}: {self.indicator} {self.period} = "
            f"{self.value.value} {self.value.unit}{qualifier}{change}>"
        )
