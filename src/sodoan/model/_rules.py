"""Rules tying a figure's measure to its indicator, for the models and for the JSON Schemas.

* A level (a target threshold, an actual that is not a change) must use a unit of the
  indicator's dimension: an ``online-filing-rate`` is in percent, never in VND.
* A level of a ratio, amount, count, frequency or speed is never negative; a rank is a whole
  number >= 1; only growth rates may be negative.
* A change (an actual with ``change_from``) may also use the difference unit of the indicator's
  dimension (percentage points for a percentage, places for a rank) and may be negative.
* A growth-rate indicator's threshold is a rate (``percent_per_year``); its actuals may be a
  rate or a level of the quantity that grows (money, a count), and a growth target's baseline is
  such a level: assessment then computes the compound annual growth.

The same rules are emitted as ``if``/``then`` blocks in the JSON Schemas, one block per group of
indicators that share a rule, generated from the indicator catalogue.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from decimal import Decimal
from typing import Any, Final

from pydantic_core import PydanticCustomError

from sodoan._exact import value_json_schema
from sodoan.measure import Measure
from sodoan.model._refs import indicator_facts, known_ids
from sodoan.period import Period
from sodoan.units import UNIT_CODES, unit_spec

__all__ = [
    "change_units",
    "check_between",
    "check_change",
    "check_change_period",
    "check_change_unit",
    "check_level",
    "check_level_value",
    "growing_units",
    "indicator_schema_blocks",
    "level_rule",
    "level_table",
    "level_units",
]

_LEVEL_RULES: Final = {
    "ratio": "nonnegative",
    "amount": "nonnegative",
    "count": "count",
    "rank": "rank",
    "score": "nonnegative",
    "growth_rate": "any",
    "frequency": "nonnegative",
    "speed": "nonnegative",
}


@functools.cache
def level_units(indicator: str) -> tuple[str, ...]:
    """Units a level of ``indicator`` may use: those of its own unit's dimension (any scale of
    đồng for a VND indicator, never US dollars)."""
    own = unit_spec(indicator_facts(indicator).unit).dimension
    return tuple(u for u in UNIT_CODES if unit_spec(u).dimension == own)


#: Units of the quantities whose growth a growth-rate indicator measures (levels, never rates).
_GROWING_DIMENSIONS: Final = ("[currency_vnd]", "[currency_usd]", "[count]", "[data_rate]")


@functools.cache
def growing_units(indicator: str) -> tuple[str, ...]:
    """Units of the level that a growth-rate indicator's rate is the growth of; () otherwise."""
    if indicator_facts(indicator).kind != "growth_rate":
        return ()
    return tuple(u for u in UNIT_CODES if unit_spec(u).dimension in _GROWING_DIMENSIONS)


@functools.cache
def change_units(indicator: str) -> tuple[str, ...]:
    """Units a change of ``indicator`` may use: its level units and their difference units."""
    units = list(level_units(indicator))
    for unit in level_units(indicator):
        difference = unit_spec(unit).difference
        if difference not in units:
            units.append(difference)
    return tuple(units)


def level_rule(indicator: str) -> str:
    """The value rule of a level of ``indicator`` (``nonnegative``, ``count``, ``rank``...)."""
    return _LEVEL_RULES[indicator_facts(indicator).kind]


def _unit_error(indicator: str, unit: str, allowed: tuple[str, ...], what: str) -> None:
    raise PydanticCustomError(
        "unit_not_allowed_for_indicator",
        "Indicator {indicator} is measured in {allowed}; a {what} in {unit} is not allowed",
        {"indicator": indicator, "allowed": ", ".join(allowed), "what": what, "unit": unit},
    )


@functools.cache
def level_table(indicator: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """(level units, growing units, whether a level must be >= 0) of ``indicator``."""
    return (
        frozenset(level_units(indicator)),
        frozenset(growing_units(indicator)),
        level_rule(indicator) != "any",
    )


def check_level_value(unit: str, value: Decimal, indicator: str, *, growing: bool = False) -> None:
    """Check a level (``value`` in ``unit``) of ``indicator``; raise a pydantic error if wrong.

    With ``growing``, a growth-rate indicator also accepts a level of the growing quantity
    (actuals and baselines); such a level is never negative. Whole-number and rank rules are
    the unit's (checked by Measure); this adds the unit's fit and the sign.
    """
    units, grows, nonnegative = level_table(indicator)
    if unit not in units:
        if not (growing and unit in grows):
            allowed = level_units(indicator) + (growing_units(indicator) if growing else ())
            _unit_error(indicator, unit, allowed, "level")
        nonnegative = True
    if nonnegative and value.is_signed():
        raise PydanticCustomError(
            "value_not_allowed_for_indicator",
            "A level of {indicator} must be a number >= 0; got {value}",
            {"indicator": indicator, "value": str(value)},
        )


def check_level(measure: Measure, indicator: str | None, *, growing: bool = False) -> Measure:
    """Check a level ``measure`` of ``indicator`` (skipped when the indicator was invalid)."""
    if indicator is not None:
        check_level_value(measure.unit, measure.value, indicator, growing=growing)
    return measure


def check_change_unit(unit: str, indicator: str) -> None:
    """A change of ``indicator`` may use its level units and their difference units."""
    allowed = change_units(indicator)
    if unit not in allowed:
        _unit_error(indicator, unit, allowed, "change")


def check_change_period(change_from: Period, period: Period) -> None:
    """A change is measured from an earlier period."""
    if not change_from < period:
        raise PydanticCustomError(
            "change_from_not_before_period",
            "A change is measured from an earlier period; {change_from} is not before {period}",
            {"change_from": str(change_from), "period": str(period)},
        )


def check_change(measure: Measure, indicator: str | None) -> Measure:
    """Check a change ``measure`` of ``indicator`` (any sign; level or difference units)."""
    if indicator is not None:
        check_change_unit(measure.unit, indicator)
    return measure


_GroupKey = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]


def _groups() -> dict[_GroupKey, list[str]]:
    groups: dict[_GroupKey, list[str]] = defaultdict(list)
    for indicator in sorted(known_ids("indicator")):
        key = (
            level_units(indicator),
            growing_units(indicator),
            change_units(indicator),
            level_rule(indicator),
        )
        groups[key].append(indicator)
    return groups


def _measure_rule(units: tuple[str, ...], rule: str | None) -> dict[str, Any]:
    properties: dict[str, Any] = {"unit": {"enum": list(units)}}
    if rule is not None and rule != "any":
        properties["value"] = value_json_schema(rule)
    return {"properties": properties}


def _either(levels: dict[str, Any], growing: tuple[str, ...]) -> dict[str, Any]:
    """``levels``, or else a non-negative level of the growing quantity when there is one."""
    if not growing:
        return levels
    return {"anyOf": [levels, _measure_rule(growing, "nonnegative")]}


def indicator_schema_blocks(
    level_fields: tuple[str, ...], change_field: str | None = None
) -> list[dict[str, Any]]:
    """``if``/``then`` blocks binding measure fields to the indicator's units and sign rule.

    ``level_fields`` are Measure fields holding levels (``value``, ``upper``) or objects holding
    one under ``value`` (``baseline``). A growth rate's ``baseline`` is a level of the growing
    quantity, and an actual's ``value`` (``change_field`` given) may be one too. With
    ``change_field``, ``value`` follows the change rule when that field is present and not null.
    """
    blocks: list[dict[str, Any]] = []
    for (levels, growing, changes, rule), indicators in _groups().items():
        level = _measure_rule(levels, rule)
        level_properties: dict[str, Any] = {}
        for field in level_fields:
            if field == "baseline":
                baseline = _measure_rule(growing, "nonnegative") if growing else level
                level_properties[field] = {"properties": {"value": baseline}}
            elif field == "value" and change_field is not None:
                level_properties[field] = _either(level, growing)
            else:
                level_properties[field] = level
        then: dict[str, Any] = {"properties": level_properties}
        if change_field is not None:
            then = {
                "if": {
                    "properties": {change_field: {"not": {"type": "null"}}},
                    "required": [change_field],
                },
                "then": {"properties": {"value": _measure_rule(changes, None)}},
                "else": then,
            }
        blocks.append(
            {
                "if": {
                    "properties": {"indicator": {"enum": indicators}},
                    "required": ["indicator"],
                },
                "then": then,
            }
        )
    return blocks


def check_between(lower: Measure, upper: Measure) -> None:
    """A range's lower bound must not exceed its upper bound."""
    if lower > upper:
        raise PydanticCustomError(
            "range_reversed",
            "The lower bound {lower} is greater than the upper bound {upper}",
            {"lower": str(lower), "upper": str(upper)},
        )
