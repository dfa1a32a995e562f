"""Exact decimal values: the ``value`` of every Measure.

JSON form: a string such as ``"98.26"`` (the canonical form, always emitted), or a JSON number.

* Strings must be plain decimals: an optional ``-``, digits without leading zeros, an optional
  ``.`` and fraction digits; no exponent, no ``+``, no grouping, no surrounding spaces; at most 30
  digits on each side of the point; never a negative zero. Trailing zeros are kept: ``"80.0"``
  stays ``"80.0"`` (equal to ``"80"`` as a number, but written as the source wrote it).
* JSON numbers are read by every JSON parser as IEEE-754 doubles, which hold only about 15
  significant decimal digits. A number is accepted when it is finite, its magnitude is below
  10^15 and its shortest decimal form has at most 15 significant digits; anything else must be
  sent as a string. (JSON Schema cannot count digits, so that last rule is checked only here.)
* NaN and the infinities are rejected in every form.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Annotated, Any, Final

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._context import reject_json_float
from sodoan._messages import clip

__all__ = [
    "MAX_FLOAT_DIGITS",
    "NUMBER_LIMIT",
    "VALUE_PATTERNS",
    "ExactDecimal",
    "check_value_rule",
    "native_value_schema",
    "to_plain_string",
    "value_json_schema",
]


def _negative_fraction() -> str:
    """A negative number above -1 with 1-30 fraction digits, not all zero, without lookahead.

    Written out by the position of the first non-zero digit, so that Rust's regex engine (which
    pydantic-core uses and which has no lookahead) and every JSON Schema validator read it alike.
    """
    return "|".join(f"0{{{i}}}[1-9][0-9]{{0,{29 - i}}}" for i in range(30))


_INT = "[1-9][0-9]{0,29}"
_FRACTION = r"(\.[0-9]{1,30})?"

#: Patterns of the string form for each value rule of a unit (see data/units.json). None has a
#: lookahead: each is a regular expression in every engine (Rust, Python, ECMA-262).
VALUE_PATTERNS: Final[dict[str, str]] = {
    "any": rf"^(0{_FRACTION}|-?{_INT}{_FRACTION}|-0\.({_negative_fraction()}))$",
    "nonnegative": rf"^(0|{_INT}){_FRACTION}$",
    "integer": rf"^(0|-?{_INT})$",
    "count": rf"^(0|{_INT})$",
    "rank": rf"^{_INT}$",
    "share": r"^(100(\.0{1,30})?|[1-9]?[0-9](\.[0-9]{1,30})?)$",
}

#: What each value rule means, for error messages.
RULE_DESCRIPTIONS: Final[dict[str, str]] = {
    "any": "a decimal number",
    "nonnegative": "a decimal number >= 0",
    "integer": "a whole number",
    "count": "a whole number >= 0",
    "rank": "a whole number >= 1",
    "share": "a share of a whole, from 0 to 100",
}

#: JSON numbers must be smaller than this in magnitude (a double holds every integer below it).
NUMBER_LIMIT: Final = 10**15
#: JSON numbers may have at most this many significant digits (what a double holds exactly).
MAX_FLOAT_DIGITS: Final = 15
_STRING_LIMIT_DIGITS: Final = 30


def to_plain_string(value: Decimal) -> str:
    """The canonical string of ``value``: fixed-point, never an exponent (1E+5 -> 100000)."""
    return format(value, "f")


def _fail(kind: str, message: str, value: object) -> PydanticCustomError:
    return PydanticCustomError(kind, message, {"value": clip(value)})


def _check_bounds(value: Decimal, original: object) -> Decimal:
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite, checked by the callers
    integer_digits = len(digits) + exponent
    if integer_digits > _STRING_LIMIT_DIGITS:
        raise _fail(
            "decimal_too_large",
            "Decimal {value} has more than 30 digits before the point",
            original,
        )
    if -exponent > _STRING_LIMIT_DIGITS:
        raise _fail(
            "decimal_too_precise",
            "Decimal {value} has more than 30 digits after the point",
            original,
        )
    if sign and not any(digits):
        raise _fail("decimal_negative_zero", "Decimal {value} is a negative zero", original)
    return value


def _from_number(number: int | float) -> Decimal:
    if isinstance(number, float):
        if not math.isfinite(number):
            raise _fail(
                "decimal_not_finite", "Input should be a finite number; got {value}", number
            )
        value = Decimal(repr(number))
        if len(value.normalize().as_tuple().digits) > MAX_FLOAT_DIGITS:
            raise _fail(
                "decimal_too_precise",
                "JSON number {value} has more than 15 significant digits, more than a double "
                'holds exactly; send it as a string such as "0.1234567890123456789"',
                number,
            )
    else:
        value = Decimal(number)
    if abs(value) >= NUMBER_LIMIT:
        raise _fail(
            "decimal_too_large",
            "JSON number {value} is too large to be exact (the limit is 10^15); send it as a "
            "string",
            number,
        )
    if isinstance(number, float) and value == value.to_integral_value():
        value = value.quantize(Decimal(1))  # 3.0 -> 3: a double has no trailing zeros
    if value.is_zero():
        value = abs(value)  # JSON -0 and -0.0 are the number zero
    return _check_bounds(value, number)


def _from_decimal(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise _fail("decimal_not_finite", "Input should be a finite number; got {value}", value)
    return _check_bounds(value, value)


def _validate(value: Any, info: ValidationInfo | None = None) -> Decimal:
    """Inputs other than a well-formed string (which pydantic-core turns into a Decimal)."""
    reject_json_float(value, info)
    if isinstance(value, str):
        raise _fail("decimal_format", _FORMAT_MESSAGE, value)
    if isinstance(value, bool):
        raise _fail(
            "decimal_type", "Input should be a decimal string or number, not {value}", value
        )
    if isinstance(value, int | float):
        return _from_number(value)
    if isinstance(value, Decimal):
        return _from_decimal(value)
    raise _fail(
        "decimal_type",
        "Input should be a decimal string such as '98.26' or a JSON number; got {value}",
        value,
    )


def value_json_schema(rule: str = "any") -> JsonSchemaValue:
    """The JSON Schema of a value that obeys ``rule`` (one of :data:`VALUE_PATTERNS`)."""
    number: dict[str, Any] = {"type": "number", "exclusiveMaximum": NUMBER_LIMIT}
    if rule in ("integer", "count", "rank"):
        number["type"] = "integer"
    if rule == "any" or rule == "integer":
        number["exclusiveMinimum"] = -NUMBER_LIMIT
    elif rule == "rank":
        number["minimum"] = 1
    else:
        number["minimum"] = 0
    if rule == "share":
        number["maximum"] = 100
        del number["exclusiveMaximum"]
    return {"anyOf": [{"type": "string", "pattern": VALUE_PATTERNS[rule]}, number]}


def native_value_schema(rules: tuple[str, ...]) -> core_schema.CoreSchema:
    """A value that obeys every one of ``rules`` as a pydantic-core schema without a Python
    call, for the bulk reader's acceptor (:mod:`sodoan._accept`): an exact decimal string that
    matches the pattern of each rule, or a JSON integer within the numeric bounds of each rule's
    JSON Schema. It accepts no JSON that :data:`ExactDecimal` with :func:`check_value_rule`
    rejects; a JSON number with a fraction is left to them.
    """
    patterns: list[core_schema.CoreSchema] = [
        core_schema.str_schema(pattern=VALUE_PATTERNS["any"], strict=True)
    ]
    integers: list[core_schema.CoreSchema] = []
    for rule in ("any", *rules):
        if rule != "any":
            patterns.append(core_schema.str_schema(pattern=VALUE_PATTERNS[rule]))
        bounds = value_json_schema(rule)["anyOf"][1]
        integers.append(
            core_schema.int_schema(
                strict=True,
                ge=bounds.get("minimum"),
                le=bounds.get("maximum"),
                gt=bounds.get("exclusiveMinimum"),
                lt=bounds.get("exclusiveMaximum"),
            )
        )
    return core_schema.union_schema(
        [core_schema.chain_schema(patterns), core_schema.chain_schema(integers)],
        mode="left_to_right",
    )


def check_value_rule(value: Decimal, rule: str, unit: str) -> Decimal:
    """Check ``value`` against the value rule of ``unit``; raise a pydantic error if it fails."""
    if rule == "any":
        return value
    if rule == "nonnegative":
        ok = not value.is_signed()
    elif rule == "share":
        ok = not value.is_signed() and value <= 100
    else:
        integral = value.as_tuple().exponent >= 0  # type: ignore[operator]  # finite here
        if rule == "integer":
            ok = integral
        elif rule == "count":
            ok = integral and not value.is_signed()
        else:  # rank
            ok = integral and value >= 1
    if not ok:
        raise PydanticCustomError(
            "value_not_allowed_for_unit",
            "A value in {unit} must be {expected}; got {value}",
            {"unit": unit, "expected": RULE_DESCRIPTIONS[rule], "value": to_plain_string(value)},
        )
    return value


_FORMAT_MESSAGE: Final = (
    "Input should be an exact decimal: a string like '98.26' or '-5' (digits, an optional "
    "leading '-' and one '.', no exponent, '+', spaces or thousands separators, no negative "
    "zero, at most 30 digits on each side of the point), or a finite JSON number below 10^15 "
    "with at most 15 significant digits; got {value}"
)


class _ExactDecimalAnnotation:
    """pydantic hooks for :data:`ExactDecimal`.

    A well-formed string (the canonical, common case) is checked and converted inside
    pydantic-core; anything else goes to one Python function that gives one clear error.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        from_string = core_schema.chain_schema(
            [
                core_schema.str_schema(pattern=VALUE_PATTERNS["any"], strict=True),
                core_schema.decimal_schema(allow_inf_nan=False),
            ]
        )
        return core_schema.union_schema(
            [from_string, core_schema.with_info_plain_validator_function(_validate)],
            mode="left_to_right",
            custom_error_type="decimal_format",
            custom_error_message=_FORMAT_MESSAGE.removesuffix("; got {value}"),
            serialization=core_schema.plain_serializer_function_ser_schema(
                to_plain_string, when_used="json"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return value_json_schema("any")


#: A ``Decimal`` field with sodoan's exact JSON form (see the module docstring).
ExactDecimal = Annotated[Decimal, _ExactDecimalAnnotation]
