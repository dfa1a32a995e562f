"""Measure: an exact decimal value with a unit.

``{"value": "98.26", "unit": "percent"}`` is 98.26 %. Values are :class:`~decimal.Decimal`,
never float; units are the codes of :data:`sodoan.units.UnitCode`.

Validating a Measure does not touch pint. Converting and comparing do, through cached exact
factors (see :mod:`sodoan.units`), so ``92.013,235 triệu đồng`` compares exactly with
``92 tỷ đồng``.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import (
    GetJsonSchemaHandler,
    SerializerFunctionWrapHandler,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_serializer,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from sodoan._base import Record
from sodoan._display import render
from sodoan._exact import ExactDecimal, check_value_rule, to_plain_string, value_json_schema
from sodoan.errors import NotAdditiveError, UnitMismatchError, ValueRangeError
from sodoan.units import UnitCode, convert, exact_scale, factor, unit_spec, unit_specs, value_rules

if TYPE_CHECKING:
    import pint

__all__ = ["Measure"]


class Measure(Record):
    """An exact value with a unit: ``Measure(value="98.26", unit="percent")``.

    * ``m.to("VND")`` converts exactly (``92013.235 million_VND`` -> ``92013235000 VND``).
    * ``<``, ``<=``, ``>``, ``>=`` compare across compatible units
      (``92 billion_VND < 92013.235 million_VND``); across dimensions (percent vs VND) they raise
      :class:`~sodoan.UnitMismatchError` instead of answering.
    * ``a - b`` of two percentages is in percentage points; of two amounts, in ``a``'s unit.
      Ranks are ordinal: adding or subtracting them raises :class:`~sodoan.NotAdditiveError`.
    * ``==`` is structural (same value and unit, as stored); use :meth:`equivalent` to ask
      whether two measures are the same quantity in different units.
    """

    unit: UnitCode
    """Unit code, e.g. ``percent``, ``million_VND``, ``count`` or ``rank``."""

    value: ExactDecimal
    """The exact value; JSON form a decimal string such as ``"98.26"`` (or a JSON number)."""

    @field_validator("value")
    @classmethod
    def _value_fits_unit(cls, value: Decimal, info: ValidationInfo) -> Decimal:
        unit = info.data.get("unit")
        if unit is None:  # the unit itself was invalid; that error is reported
            return value
        rule = value_rules()[unit]
        return value if rule == "any" else check_value_rule(value, rule, unit)

    @model_serializer(mode="wrap")
    def _value_first(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Fields are declared unit-first so that the value is validated knowing its unit; the
        # JSON form reads value-first, as people write it.
        data: dict[str, Any] = handler(self)
        return {"value": data["value"], "unit": data["unit"]}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        json_schema = handler.resolve_ref_schema(handler(schema))
        by_rule: dict[str, list[str]] = {}
        for code, spec in unit_specs().items():
            if spec.values != "any":
                by_rule.setdefault(spec.values, []).append(code)
        json_schema["allOf"] = [
            {
                "if": {"properties": {"unit": {"enum": units}}, "required": ["unit"]},
                "then": {"properties": {"value": value_json_schema(rule)}},
            }
            for rule, units in by_rule.items()
        ]
        return json_schema

    def __repr_args__(self) -> Any:
        yield "value", self.value
        yield "unit", self.unit

    def __str__(self) -> str:
        return f"{to_plain_string(self.value)} {self.unit}"

    # Conversion ---------------------------------------------------------------------------

    def to(self, unit: UnitCode | str) -> Measure:
        """This measure in ``unit``, exactly; raises UnitMismatchError across dimensions."""
        if unit == self.unit:
            return self
        return _result(convert(self.value, self.unit, unit), unit, f"{self} in {unit}")

    def in_root_units(self) -> Decimal:
        """The value in the root unit of its dimension (đồng for every VND scale)."""
        return exact_scale(self.value, factor(self.unit), Decimal(1))

    def equivalent(self, other: Measure) -> bool:
        """Whether ``other`` is the same quantity, perhaps in another unit (1 tỷ == 1000 triệu)."""
        return self._dimension_matches(other) and self.in_root_units() == other.in_root_units()

    def to_quantity(self) -> pint.Quantity[Decimal]:
        """A pint ``Quantity`` with a ``Decimal`` magnitude in sodoan's registry."""
        from sodoan.units import registry

        return registry().Quantity(self.value, self.unit)

    def to_pint(self) -> pint.Quantity[Decimal]:
        """The measure as a pint ``Quantity`` (same as :meth:`to_quantity`), for work that
        continues in pint: the magnitude is the exact ``Decimal`` and the units are those of
        sodoan's registry (``sodoan.units.registry()``), so ``.to("VND")`` stays exact.
        Mixing it with quantities of another registry raises pint's error."""
        return self.to_quantity()

    @classmethod
    def from_quantity(cls, quantity: pint.Quantity[Any]) -> Measure:
        """A Measure from a pint ``Quantity`` of sodoan's registry with a Decimal/int magnitude."""
        magnitude = quantity.magnitude
        if isinstance(magnitude, float):
            raise TypeError("float magnitudes are not exact; build the Quantity with a Decimal")
        return cls(value=magnitude, unit=str(quantity.units))

    def format(self, locale: str | None = None, *, places: int | None = None) -> str:
        """This measure written for a reader of ``locale``: ``98,26%`` (vi), ``98.26%`` (en).

        The writing is :func:`sodoan.format_measure`'s (a measure does not know how it is
        written: the number-text module registers itself as its text view).
        """
        return str(render("text", self, locale, places=places))

    # Comparison ---------------------------------------------------------------------------

    def _dimension_matches(self, other: Measure) -> bool:
        return unit_spec(self.unit).dimension == unit_spec(other.unit).dimension

    def _common(self, other: Measure, operation: str) -> tuple[Decimal, Decimal]:
        """Both values in one unit of their shared dimension (exact)."""
        if self.unit == other.unit:
            return self.value, other.value
        if not self._dimension_matches(other):
            raise UnitMismatchError(self.unit, other.unit, operation)
        return self.in_root_units(), other.in_root_units()

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Measure):
            return NotImplemented
        left, right = self._common(other, "compare")
        return left < right

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Measure):
            return NotImplemented
        left, right = self._common(other, "compare")
        return left <= right

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Measure):
            return NotImplemented
        left, right = self._common(other, "compare")
        return left > right

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Measure):
            return NotImplemented
        left, right = self._common(other, "compare")
        return left >= right

    # Arithmetic ---------------------------------------------------------------------------

    def _combine(self, other: Measure, operation: str, sign: int) -> Measure:
        spec, other_spec = unit_spec(self.unit), unit_spec(other.unit)
        if not spec.additive or not other_spec.additive:
            raise NotAdditiveError(
                f"cannot {operation} {self.unit!r} and {other.unit!r}: ranks are ordinal "
                "(use sodoan.assess for the places between a rank and a target)"
            )
        with decimal.localcontext() as ctx:
            ctx.prec = 120
            ctx.traps[decimal.Inexact] = True
            if spec.dimension == other_spec.dimension:
                value = self.value + sign * convert(other.value, other.unit, self.unit)
                unit = spec.difference if sign < 0 else self.unit
            elif other.unit == spec.difference:  # a level plus or minus a difference
                value = self.value + sign * other.value
                unit = self.unit
            elif sign > 0 and self.unit == other_spec.difference:  # a difference plus a level
                value = other.value + self.value
                unit = other.unit
            else:
                raise UnitMismatchError(self.unit, other.unit, operation)
        return _result(value, unit, f"{self} {'+' if sign > 0 else '-'} {other}")

    def __sub__(self, other: object) -> Measure:
        if not isinstance(other, Measure):
            return NotImplemented
        return self._combine(other, "subtract", -1)

    def __add__(self, other: object) -> Measure:
        if not isinstance(other, Measure):
            return NotImplemented
        return self._combine(other, "add", 1)

    def __neg__(self) -> Measure:
        if not unit_spec(self.unit).additive:
            raise NotAdditiveError(f"cannot negate a {self.unit!r}: ranks are ordinal")
        # copy_negate is exact whatever the decimal context (unary minus rounds to its precision)
        return Measure(value=self.value.copy_negate() if self.value else self.value, unit=self.unit)


def _result(value: Decimal, unit: str, what: str) -> Measure:
    """A measure holding an arithmetic result, or ValueRangeError if the result is beyond what a
    measure holds (30 digits on each side of the point)."""
    try:
        return Measure(value=value, unit=unit)
    except ValidationError:
        raise ValueRangeError(
            f"{what} is {to_plain_string(value)[:40]}…, beyond the 30 digits on each side of "
            "the point that a measure holds exactly"
        ) from None
