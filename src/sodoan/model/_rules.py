"""Rules tying a figure's measure to its indicator, for the models and for the JSON Schemas.

A figure is either *absolute* (a target's threshold, an actual that is not a change: "98,26%",
"hạng 38") or a *change* (an actual with ``change_from``: "tăng 10 bậc"). ("Level" in sodoan
means an administrative level only: tỉnh, huyện, xã, thôn.)

* An absolute figure must use a unit of the indicator's dimension: an ``online-filing-rate`` is
  in percent, never in VND.
* An absolute figure of a ratio, amount, count, score, frequency or speed is never negative; a
  ratio (a share of a whole, in percent) is at most 100; a rank is a whole number >= 1; only
  growth rates may be negative.
* A change may also use the difference unit of the indicator's dimension (percentage points
  for a percentage, places for a rank) and may be negative.
* A growth-rate indicator's threshold is a rate (``percent_per_year``); its actuals may be a
  rate or an absolute figure of the quantity that grows (money, a count), and a growth target's
  baseline is such a figure: assessment then computes the compound annual growth.

The rules depend only on the indicator's :class:`~sodoan.model._refs.IndicatorFacts` (unit,
kind, direction), so they hold for any catalogue; each is computed once per distinct facts. The
same rules are emitted as ``if``/``then`` blocks in the JSON Schemas, one block per group of
indicators that share a rule.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from decimal import Decimal
from typing import Any, Final

from pydantic_core import PydanticCustomError

from sodoan._exact import value_json_schema
from sodoan.measure import Measure
from sodoan.model._refs import Codes, IndicatorFacts
from sodoan.period import Period
from sodoan.units import UNIT_CODES, unit_spec

__all__ = [
    "absolute_rule",
    "absolute_table",
    "absolute_units",
    "change_units",
    "check_absolute",
    "check_absolute_value",
    "check_between",
    "check_change",
    "check_change_period",
    "growing_units",
    "indicator_schema_blocks",
]

_ABSOLUTE_RULES: Final = {
    "ratio": "share",
    "amount": "nonnegative",
    "count": "count",
    "rank": "rank",
    "score": "nonnegative",
    "growth_rate": "any",
    "frequency": "nonnegative",
    "speed": "nonnegative",
}


@functools.cache
def absolute_units(facts: IndicatorFacts) -> tuple[str, ...]:
    """Units an absolute figure may use: those of the indicator unit's dimension (any scale of
    đồng for a VND indicator, never US dollars)."""
    own = unit_spec(facts.unit).dimension
    return tuple(u for u in UNIT_CODES if unit_spec(u).dimension == own)


#: Units of the quantities whose growth a growth-rate indicator measures (never rates).
_GROWING_DIMENSIONS: Final = ("[currency_vnd]", "[currency_usd]", "[count]", "[data_rate]")


@functools.cache
def growing_units(facts: IndicatorFacts) -> tuple[str, ...]:
    """Units of the quantity a growth-rate indicator's rate is the growth of; () otherwise."""
    if facts.kind != "growth_rate":
        return ()
    return tuple(u for u in UNIT_CODES if unit_spec(u).dimension in _GROWING_DIMENSIONS)


@functools.cache
def change_units(facts: IndicatorFacts) -> tuple[str, ...]:
    """Units a change may use: the absolute units and their difference units."""
    units = list(absolute_units(facts))
    for unit in absolute_units(facts):
        difference = unit_spec(unit).difference
        if difference not in units:
            units.append(difference)
    return tuple(units)


def absolute_rule(facts: IndicatorFacts) -> str:
    """The value rule of an absolute figure (``nonnegative``, ``count``, ``rank``...)."""
    return _ABSOLUTE_RULES[facts.kind]


@functools.cache
def absolute_table(facts: IndicatorFacts) -> tuple[frozenset[str], frozenset[str], bool]:
    """(absolute units, growing units, whether an absolute figure must be >= 0)."""
    return (
        frozenset(absolute_units(facts)),
        frozenset(growing_units(facts)),
        absolute_rule(facts) != "any",
    )


def _unit_error(indicator: str, unit: str, allowed: tuple[str, ...], what: str) -> None:
    raise PydanticCustomError(
        "unit_not_allowed_for_indicator",
        "Indicator {indicator} is measured in {allowed}; a {what} in {unit} is not allowed",
        {"indicator": indicator, "allowed": ", ".join(allowed), "what": what, "unit": unit},
    )


def check_absolute_value(
    unit: str, value: Decimal, indicator: str, facts: IndicatorFacts, *, growing: bool = False
) -> None:
    """Check an absolute figure (``value`` in ``unit``) of ``indicator``; raise a pydantic
    error if wrong.

    With ``growing``, a growth-rate indicator also accepts an absolute figure of the growing
    quantity (actuals and baselines); such a figure is never negative. Whole-number and rank
    rules are the unit's (checked by Measure); this adds the unit's fit and the sign.
    """
    units, grows, nonnegative = absolute_table(facts)
    share = facts.kind == "ratio"
    if unit not in units:
        if not (growing and unit in grows):
            allowed = absolute_units(facts) + (growing_units(facts) if growing else ())
            _unit_error(indicator, unit, allowed, "figure")
        nonnegative, share = True, False
    if nonnegative and value.is_signed():
        raise PydanticCustomError(
            "value_not_allowed_for_indicator",
            "A figure of {indicator} must be a number >= 0; got {value}",
            {"indicator": indicator, "value": str(value)},
        )
    if share and value > 100:
        raise PydanticCustomError(
            "value_not_allowed_for_indicator",
            "{indicator} is a share of a whole: a figure must be from 0 to 100 percent; "
            "got {value}",
            {"indicator": indicator, "value": str(value)},
        )


def check_absolute(
    measure: Measure, indicator: str, codes: Codes, *, growing: bool = False
) -> Measure:
    """Check an absolute ``measure`` of ``indicator`` in the catalogue ``codes``."""
    check_absolute_value(
        measure.unit, measure.value, indicator, codes.facts(indicator), growing=growing
    )
    return measure


def check_change_period(change_from: Period, period: Period) -> None:
    """A change is measured from an earlier period."""
    if not change_from < period:
        raise PydanticCustomError(
            "change_from_not_before_period",
            "A change is measured from an earlier period; {change_from} is not before {period}",
            {"change_from": str(change_from), "period": str(period)},
        )


def check_change(measure: Measure, indicator: str, codes: Codes) -> Measure:
    """Check a change ``measure`` of ``indicator`` (any sign; absolute or difference units)."""
    allowed = change_units(codes.facts(indicator))
    if measure.unit not in allowed:
        _unit_error(indicator, measure.unit, allowed, "change")
    return measure


def check_between(lower: Measure, upper: Measure) -> None:
    """A range's lower bound must not exceed its upper bound."""
    if lower > upper:
        raise PydanticCustomError(
            "range_reversed",
            "The lower bound {lower} is greater than the upper bound {upper}",
            {"lower": str(lower), "upper": str(upper)},
        )


# -- the same rules in JSON Schema -----------------------------------------------------------

_GroupKey = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str]


def _groups(codes: Codes) -> dict[_GroupKey, list[str]]:
    groups: dict[_GroupKey, list[str]] = defaultdict(list)
    for indicator in sorted(codes.ids("indicator")):
        facts = codes.facts(indicator)
        key = (
            absolute_units(facts),
            growing_units(facts),
            change_units(facts),
            absolute_rule(facts),
        )
        groups[key].append(indicator)
    return groups


def _measure_rule(units: tuple[str, ...], rule: str | None) -> dict[str, Any]:
    properties: dict[str, Any] = {"unit": {"enum": list(units)}}
    if rule is not None and rule != "any":
        properties["value"] = value_json_schema(rule)
    return {"properties": properties}


def _either(absolute: dict[str, Any], growing: tuple[str, ...]) -> dict[str, Any]:
    """``absolute``, or else a non-negative figure of the growing quantity when there is one."""
    if not growing:
        return absolute
    return {"anyOf": [absolute, _measure_rule(growing, "nonnegative")]}


def indicator_schema_blocks(
    codes: Codes, absolute_fields: tuple[str, ...], change_field: str | None = None
) -> list[dict[str, Any]]:
    """``if``/``then`` blocks binding measure fields to the indicator's units and sign rule.

    ``absolute_fields`` are Measure fields holding absolute figures (``value``, ``upper``) or
    objects holding one under ``value`` (``baseline``). A growth rate's ``baseline`` is a figure
    of the growing quantity, and an actual's ``value`` (``change_field`` given) may be one too.
    With ``change_field``, ``value`` follows the change rule when that field is present and not
    null.
    """
    blocks: list[dict[str, Any]] = []
    for (absolute, growing, changes, rule), indicators in _groups(codes).items():
        plain = _measure_rule(absolute, rule)
        properties: dict[str, Any] = {}
        for field in absolute_fields:
            if field == "baseline":
                baseline = _measure_rule(growing, "nonnegative") if growing else plain
                properties[field] = {"properties": {"value": baseline}}
            elif field == "value" and change_field is not None:
                properties[field] = _either(plain, growing)
            else:
                properties[field] = plain
        then: dict[str, Any] = {"properties": properties}
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
