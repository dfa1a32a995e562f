"""The bulk reader's acceptor: the rules of an ``Actual``, for one catalogue, compiled into one
pydantic-core schema that checks a raw JSON line in one call (and, for a figure of a province
that has ended, one comparison in Python).

It only ever says "valid", together with the key proof: a line is taken when the acceptor
returns a record *and* :func:`sodoan._guards.no_repeated_keys` proves from the line and the
record that the line has no key the record does not hold (the acceptor ignores keys it does not
know, and the reader keeps the last of two: the proof finds both, unknown and repeated keys,
and is cheaper than pydantic-core's own check of unknown keys). A line not taken, for whatever
reason, is validated by the models (:class:`sodoan._lines.LineValidator`), whose errors are the
ones reported; so the acceptor may leave forms out (it does: changes, fractions and quote
offsets other than null, JSON numbers with a fraction, and a quarter or month of a province
that has ended all go to the models) but the two together must never take a line that
``Actual`` rejects. To that end nothing here restates a rule:

* a field whose own schema needs no Python call (ids, texts, URLs, literals, with their
  patterns and lengths) is validated by that very schema, read from the model's field;
* a field the models check in Python is either compiled from the same tables the models
  read (the catalogue's ids, indicator facts and provinces' last days,
  :func:`~sodoan.model._rules.absolute_table`, the units' value rules and patterns,
  :func:`~sodoan.period.native_period_schema`) or left out, so that a line that has it goes
  to the models;
* the models' validators are listed in :data:`COMPILED_VALIDATORS`, and there is no acceptor
  for a model with any other (a subclass of ``Actual`` with a rule of its own, or ``Actual``
  after a rule is added to it): its lines all go to the models until the rule is compiled
  here too (tests/test_accept.py fails meanwhile, since the acceptor is then missing).

What it returns for a valid line is plain dicts (no models are built, which is most of the
saving).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping
from typing import Any, Final

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError, SchemaValidator, core_schema

from sodoan._exact import native_value_schema
from sodoan.measure import Measure
from sodoan.model import Actual, Source
from sodoan.model._refs import Codes
from sodoan.model._rules import absolute_table
from sodoan.model.actual import Fraction
from sodoan.period import native_period_schema
from sodoan.units import value_rules

__all__ = ["COMPILED_VALIDATORS", "Acceptor", "actual_acceptor"]

#: The models' own validators, each compiled here or the fields it reads left out:
#: ``Actual._province_existed`` (a province's last day: years and days compared after the
#: schema, a quarter or month left out), ``_change_before_period``
#: and ``_value_fits_indicator`` (the indicator's units and value rules; ``change_from`` is left
#: out), ``Measure._value_fits_unit`` (the unit's value rule), ``Source._offsets`` (``start`` and
#: ``end`` are left out) and ``Fraction._part_of_whole`` (``fraction`` is left out).
COMPILED_VALIDATORS: Final[Mapping[type[BaseModel], frozenset[str]]] = {
    Actual: frozenset({"_province_existed", "_change_before_period", "_value_fits_indicator"}),
    Measure: frozenset({"_value_fits_unit"}),
    Source: frozenset({"_offsets"}),
    Fraction: frozenset({"_part_of_whole"}),
}

#: Validates one raw JSON line; raises pydantic's ValidationError for any line it does not
#: accept. Keys it does not know are left out of the record: only a line that also passes
#: :func:`sodoan._guards.no_repeated_keys` is taken.
Acceptor = Callable[[bytes | str], dict[str, Any]]


def actual_acceptor(model: type[BaseModel], codes: Codes) -> Acceptor | None:
    """The acceptor of lines of ``model`` checked against the catalogue ``codes``, or None if
    ``model`` is not sodoan's ``Actual`` with exactly the validators compiled here."""
    if model is not Actual or any(
        _validators(known) != names for known, names in COMPILED_VALIDATORS.items()
    ):
        return None
    record = functools.partial(_record, core_schema.literal_schema(sorted(codes.ids("province"))))
    groups: dict[tuple[tuple[str, tuple[str, ...]], ...], core_schema.CoreSchema] = {}
    definitions: list[core_schema.CoreSchema] = []
    by_indicator: dict[str, core_schema.CoreSchema] = {}
    for indicator in sorted(codes.ids("indicator")):
        units = _unit_rules(codes, indicator)
        if units not in groups:
            ref = f"actual-{len(definitions)}"
            definitions.append(record(_measure(units), ref))
            groups[units] = core_schema.definition_reference_schema(ref)
        by_indicator[indicator] = groups[units]
    schema = core_schema.definitions_schema(
        core_schema.tagged_union_schema(by_indicator, discriminator="indicator"), definitions
    )
    # The model's own configuration (how strings are read, for one), under another title.
    config = {**_core_schema(Actual).get("config", {}), "title": _TITLE}
    validate = SchemaValidator(schema, config=config).validate_json  # type: ignore[arg-type]
    endings = _endings(codes)

    def accept(raw: bytes | str) -> dict[str, Any]:
        """The record, if the line is valid; a province that has ended takes only the years
        and days that start by its last day (a quarter or month is left to the models)."""
        record: dict[str, Any] = validate(raw)
        last = endings.get(record["province"])
        if last is not None and not _starts_by(record["period"], last):
            raise _not_taken(record["period"])
        return record

    return accept if endings else validate


_TITLE: Final = "Actual (bulk acceptor)"


def _starts_by(period: object, last: dt.date) -> bool:
    """Whether ``period``, as the acceptor reads it, is a year or a day that starts on or
    before ``last`` (a quarter, month or year string: not answered here, False)."""
    if type(period) is int:
        return period <= last.year
    return type(period) is dt.date and period <= last


def _not_taken(period: object) -> ValidationError:
    error = PydanticCustomError("left_to_the_models", "left to the models")
    details = InitErrorDetails(type=error, loc=("period",), input=period)
    return ValidationError.from_exception_data(_TITLE, [details])


def _validators(model: type[BaseModel]) -> frozenset[str]:
    """The names of ``model``'s own validators, of every kind."""
    found = model.__pydantic_decorators__
    kinds = (
        found.field_validators,
        found.model_validators,
        found.validators,
        found.root_validators,
    )
    return frozenset(name for kind in kinds for name in kind)


def _endings(codes: Codes) -> dict[str, dt.date]:
    """The provinces of the catalogue that have ended, with their last days."""
    found: dict[str, dt.date] = {}
    for province in sorted(codes.ids("province")):
        ended = codes.ended(province)
        if ended is not None:
            found[province] = ended[0]
    return found


def _unit_rules(codes: Codes, indicator: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each unit an absolute figure of ``indicator`` may use, with the value rules it must obey:
    the unit's own, and the indicator's sign and share rules (as in
    :func:`~sodoan.model._rules.check_absolute_value` with ``growing``)."""
    facts = codes.facts(indicator)
    units, grows, nonnegative = absolute_table(facts)
    rules = value_rules()
    found = []
    for unit in sorted(units):
        extra = ("share",) if facts.kind == "ratio" else ("nonnegative",) if nonnegative else ()
        found.append((unit, _rules(rules[unit], *extra)))
    found.extend((unit, _rules(rules[unit], "nonnegative")) for unit in sorted(grows - units))
    return tuple(found)


def _rules(*rules: str) -> tuple[str, ...]:
    return tuple(sorted({rule for rule in rules if rule != "any"}))


def _measure(units: tuple[tuple[str, tuple[str, ...]], ...]) -> core_schema.CoreSchema:
    # Measure's fields are value and unit (tests/test_accept.py checks that it has no others).
    return core_schema.tagged_union_schema(
        {
            unit: core_schema.typed_dict_schema(
                {
                    "value": core_schema.typed_dict_field(native_value_schema(rules)),
                    "unit": core_schema.typed_dict_field(core_schema.str_schema(strict=True)),
                },
                extra_behavior="ignore",
            )
            for unit, rules in units
        },
        discriminator="unit",
    )


def _record(
    provinces: core_schema.CoreSchema, value: core_schema.CoreSchema, ref: str
) -> core_schema.CoreSchema:
    """An Actual of an indicator whose figures are ``value``; the indicator itself is checked
    by the tagged union that chose this schema."""
    fields = dict(_native_fields(Actual, leave_out=("indicator", "province", "period", "value")))
    fields["indicator"] = core_schema.typed_dict_field(core_schema.str_schema(strict=True))
    fields["province"] = core_schema.typed_dict_field(provinces)
    fields["period"] = core_schema.typed_dict_field(native_period_schema())
    fields["value"] = core_schema.typed_dict_field(value)
    source = dict(_native_fields(Source))
    fields["source"] = core_schema.typed_dict_field(
        core_schema.typed_dict_schema(source, extra_behavior="ignore")
    )
    return core_schema.typed_dict_schema(fields, extra_behavior="ignore", ref=ref)


@functools.cache
def _native_fields(
    model: type[BaseModel], leave_out: tuple[str, ...] = ()
) -> dict[str, core_schema.TypedDictField]:
    """The fields of ``model`` whose own schemas make no Python call (and hold no model), with
    those very schemas (read from the model's core schema); of the other optional fields that
    take null, null only (a line with another value goes to the models); the rest, and those
    in ``leave_out``, are not accepted at all."""
    fields = {}
    for name, field in _model_fields(model).items():
        schema = field["schema"]
        required = schema.get("type") != "default"  # a default is given when the key is absent
        if not required:
            schema = schema["schema"]
        if name in leave_out:
            continue
        if _native(schema):
            fields[name] = core_schema.typed_dict_field(schema, required=required)
        elif not required and _takes_null(schema):  # null only, as if absent
            fields[name] = core_schema.typed_dict_field(core_schema.none_schema(), required=False)
    return fields


def _takes_null(schema: Any) -> bool:
    """Whether ``schema`` is nullable, perhaps under field validators that run after it (the
    compiled validators, which all pass None through)."""
    while schema.get("type") == "function-after":
        schema = schema["schema"]
    return schema.get("type") == "nullable"  # type: ignore[no-any-return]


def _core_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s core schema (built now: the models defer building it)."""
    model.model_rebuild()
    return model.__pydantic_core_schema__  # type: ignore[return-value]


def _model_fields(model: type[BaseModel]) -> dict[str, Any]:
    """The ``model-fields`` of ``model``'s core schema (under its model validators)."""
    schema: Any = _core_schema(model)
    while schema.get("type") != "model-fields":
        schema = schema["schema"]
    return schema["fields"]  # type: ignore[no-any-return]


_NATIVE_TYPES: Final = frozenset({"str", "literal", "nullable"})


def _native(schema: Any) -> bool:
    """Whether ``schema`` is built of strings and literals only (and None)."""
    if schema.get("type") not in _NATIVE_TYPES:
        return False
    inner = schema.get("schema")
    return inner is None or _native(inner)
