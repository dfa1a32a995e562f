"""Dict-shaped validators derived from the models, for bulk validation.

Building frozen model objects is most of the cost of validating a small record. When a caller
only needs to know whether records are valid (and why not), :func:`shape_validator` gives a
pydantic validator of the same fields, with the same annotated types (patterns, codelist ids,
exact decimals, ranges), that returns plain dicts. It is derived from the model classes, so
every field rule is written once. Two substitutions keep it cheap: periods are checked inside
pydantic-core without building :class:`~sodoan.Period` objects, and the models' cross-field
rules (``@field_validator`` methods) are not part of the shape: :mod:`sodoan.bulk` applies them
with the same rule functions the models call. A differential test holds the two paths to the
same verdict on generated and mutated documents.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Callable
from typing import Annotated, Any

from annotated_types import Ge, Le
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    GetCoreSchemaHandler,
    Strict,
    TypeAdapter,
)
from pydantic_core import PydanticCustomError, core_schema
from typing_extensions import NotRequired, Required, TypedDict

from sodoan._messages import clip
from sodoan._types import MAX_YEAR, MIN_YEAR, YEAR_DATE_PATTERN, YEAR_PATTERN, WholeNumber
from sodoan.period import Period

__all__ = ["shape_validator"]


def _check_day(text: str) -> str:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        raise PydanticCustomError(
            "period", "{value} is not a calendar date", {"value": clip(text)}
        ) from None
    return text


class _PeriodShape:
    """A period's JSON form checked in pydantic-core; kept as the int or str it was."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.union_schema(
            [
                core_schema.int_schema(ge=MIN_YEAR, le=MAX_YEAR, strict=True),
                core_schema.str_schema(pattern=rf"^{YEAR_PATTERN}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"),
                core_schema.chain_schema(
                    [
                        core_schema.str_schema(pattern=YEAR_DATE_PATTERN),
                        core_schema.no_info_plain_validator_function(_check_day),
                    ]
                ),
            ],
            custom_error_type="period",
            custom_error_message=(
                "Input should be a year (2025) or a string YYYY-Qn, YYYY-MM or YYYY-MM-DD "
                "within 1945-2100"
            ),
        )


PeriodShape = Annotated[int | str, _PeriodShape]


def _convert(annotation: Any, seen: dict[type, Any]) -> Any:
    if annotation is Period:
        return PeriodShape
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _shape(annotation, seen)
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        whole = next((a for a in args[1:] if isinstance(a, WholeNumber)), None)
        if whole is not None:
            # JSON integers only: a JSON number with a fraction is left to the exact path.
            return Annotated[int, Strict(), Ge(whole.minimum), Le(whole.maximum)]
        parameters = (_convert(args[0], seen), *args[1:])
        return Annotated[parameters]
    if origin in (typing.Union, types.UnionType):
        converted = tuple(_convert(a, seen) for a in args)
        return typing.Union[converted]  # noqa: UP007 - built from a runtime tuple
    if origin is list:
        return list[_convert(args[0], seen)]  # type: ignore[misc]
    return annotation


def _shape(model: type[BaseModel], seen: dict[type, Any]) -> Any:
    if model in seen:
        return seen[model]
    fields: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        annotation = _convert(field.annotation, seen)
        if field.metadata:
            parameters = (annotation, *field.metadata)
            annotation = Annotated[parameters]
        fields[name] = Required[annotation] if field.is_required() else NotRequired[annotation]
    shape = TypedDict(f"{model.__name__}Shape", fields)  # type: ignore[misc]  # built at runtime
    shape.__pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[attr-defined]
    rule = _model_rules().get(model)
    seen[model] = Annotated[shape, AfterValidator(rule)] if rule else shape
    return seen[model]


@functools.cache
def _model_rules() -> dict[type[BaseModel], Callable[[dict[str, Any]], dict[str, Any]]]:
    """The models' own cross-field rules (``model_validator``), applied to their dict shapes."""
    from sodoan.model.actual import Fraction, check_fraction

    def fraction(record: dict[str, Any]) -> dict[str, Any]:
        check_fraction(record["numerator"], record["denominator"])
        return record

    return {Fraction: fraction}


@functools.cache
def shape_validator(model: type[BaseModel]) -> TypeAdapter[dict[str, Any]]:
    """A validator of ``model``'s JSON shape and field rules that returns dicts."""
    return TypeAdapter(_shape(model, {}))


# -- the strict actual: every rule of the Actual model inside pydantic-core ------------------


def _combine(unit_rule: str, nonnegative: bool) -> str:
    """The value rule of a level: the unit's own rule, made non-negative if the level must be."""
    if not nonnegative or unit_rule in ("rank", "count", "nonnegative"):
        return unit_rule
    return "count" if unit_rule == "integer" else "nonnegative"


def _number_rule(rule: str) -> Any:
    from sodoan._exact import _validate, check_value_rule

    def check(value: Any) -> Any:
        if isinstance(value, float):
            # The double is not the JSON text (98.26000000000001 reads as 98.26): left to the
            # exact path, which checks the text.
            raise PydanticCustomError("json_float", "a JSON number with a fraction")
        return check_value_rule(_validate(value), rule, "")

    return check


@functools.cache
def _decimal(rule: str) -> core_schema.CoreSchema:
    from sodoan._exact import VALUE_PATTERNS

    from_string = core_schema.chain_schema(
        [
            core_schema.str_schema(pattern=VALUE_PATTERNS[rule], strict=True),
            core_schema.decimal_schema(allow_inf_nan=False),
        ]
    )
    from_number = core_schema.no_info_plain_validator_function(_number_rule(rule))
    return core_schema.union_schema([from_string, from_number], mode="left_to_right")


def _measure(rules: tuple[tuple[str, str], ...]) -> core_schema.CoreSchema:
    """A measure whose unit is one of ``rules``' units and whose value obeys that unit's rule."""
    choices: dict[Any, core_schema.CoreSchema] = {
        unit: core_schema.typed_dict_schema(
            {
                "unit": core_schema.typed_dict_field(core_schema.literal_schema([unit])),
                "value": core_schema.typed_dict_field(_decimal(rule)),
            },
            extra_behavior="forbid",
        )
        for unit, rule in rules
    }
    return core_schema.tagged_union_schema(choices, discriminator="unit")


def _check_order(record: dict[str, Any]) -> dict[str, Any]:
    from sodoan.model._rules import check_change_period

    check_change_period(Period.of(record["change_from"]), Period.of(record["period"]))
    return record


@functools.cache
def strict_actual_validator() -> Any:
    """A validator of actuals that applies all of the Actual model's rules in pydantic-core.

    Records are validated into dicts; a record it rejects should be validated by the model to
    learn why (the messages here are not meant for people). The indicator selects, through a
    tagged union, a group schema: a level (no ``change_from``) whose measure must be in the
    indicator's units with its sign rule, or a change (with ``change_from``, an earlier period)
    in its level or difference units.
    """
    from pydantic_core import SchemaValidator

    from sodoan.model import Actual
    from sodoan.model._refs import known_ids
    from sodoan.model._rules import change_units, level_table
    from sodoan.units import value_rules

    base = shape_validator(Actual).core_schema
    fields = base["fields"]
    unit_rules = value_rules()
    groups: dict[tuple[Any, ...], str] = {}
    definitions: list[core_schema.CoreSchema] = []
    choices: dict[str, core_schema.CoreSchema] = {}
    for indicator in sorted(known_ids("indicator")):
        units, growing, nonnegative = level_table(indicator)
        levels = tuple(sorted((u, _combine(unit_rules[u], nonnegative)) for u in units))
        levels += tuple(sorted((u, _combine(unit_rules[u], True)) for u in growing))
        changes = tuple(sorted((u, unit_rules[u]) for u in change_units(indicator)))
        key = (levels, changes)
        if key not in groups:
            ref = f"actual-group-{len(groups)}"
            groups[key] = ref
            level = {**fields, "value": core_schema.typed_dict_field(_measure(levels))}
            level["change_from"] = core_schema.typed_dict_field(
                core_schema.none_schema(), required=False
            )
            change = {**fields, "value": core_schema.typed_dict_field(_measure(changes))}
            change["change_from"] = core_schema.typed_dict_field(
                fields["change_from"]["schema"]["schema"]
            )
            definitions.append(
                core_schema.union_schema(
                    [
                        core_schema.typed_dict_schema(level, extra_behavior="forbid"),
                        core_schema.no_info_after_validator_function(
                            _check_order,
                            core_schema.typed_dict_schema(change, extra_behavior="forbid"),
                        ),
                    ],
                    mode="left_to_right",
                    ref=ref,
                )
            )
        choices[indicator] = core_schema.definition_reference_schema(groups[key])
    schema = core_schema.definitions_schema(
        core_schema.tagged_union_schema(choices, discriminator="indicator"),
        definitions,
    )
    # Only keys repeat from record to record; caching every string value (quotes, ids) costs
    # more than it saves (measured: about 7 % faster with keys only).
    return SchemaValidator(schema, {"cache_strings": "keys"})
