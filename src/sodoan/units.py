"""sodoan's units: one pint registry, loaded lazily from ``units.txt``, and what each unit means.

The unit codes (:data:`UnitCode`) are part of sodoan's JSON contract. Their conversions are
defined in ``units.txt`` (pint's definition language); their labels, parse spellings and value
rules in ``data/units.json``.

Importing this module does not import pint or build the registry. Validating a
:class:`~sodoan.Measure` never touches pint either: pint is asked once per unit, the first time a
conversion or comparison needs it, for the unit's exact ``Decimal`` factor to its dimension's
root unit, and the answer is cached (:func:`factor`).
"""

from __future__ import annotations

import decimal
import functools
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, Literal, get_args

from sodoan._resources import read_json
from sodoan.errors import UnitMismatchError, UnknownUnitError

if TYPE_CHECKING:
    import pint

__all__ = [
    "UNIT_CODES",
    "UnitCode",
    "UnitLabels",
    "UnitSpec",
    "convert",
    "dimension",
    "factor",
    "is_compatible",
    "registry",
    "unit_spec",
    "unit_specs",
    "value_rules",
]

#: Every unit code sodoan knows. ``percent`` is a level and ``percentage_point`` a difference of
#: levels; ``rank`` is ordinal (lower is better) and ``place`` a difference of ranks.
UnitCode = Literal[
    "percent",
    "percentage_point",
    "percent_per_year",
    "percentage_point_per_year",
    "VND",
    "thousand_VND",
    "million_VND",
    "billion_VND",
    "thousand_billion_VND",
    "USD",
    "million_USD",
    "billion_USD",
    "count",
    "count_per_year",
    "rank",
    "place",
    "score",
    "bit_per_second",
    "megabit_per_second",
    "gigabit_per_second",
]

UNIT_CODES: Final[tuple[UnitCode, ...]] = get_args(UnitCode)

ValueRule = Literal["any", "nonnegative", "integer", "count", "rank"]


@dataclass(frozen=True)
class UnitLabels:
    """How a unit is written in one locale."""

    #: Template (``{number}``/``{percent}``) or a map of CLDR plural category to template.
    format: str | Mapping[str, str]
    #: Spellings accepted after the number, e.g. ``triệu đồng``.
    suffixes: tuple[str, ...]
    #: Spellings accepted before the number, e.g. ``hạng`` in ``hạng 38``.
    prefixes: tuple[str, ...]


@dataclass(frozen=True)
class UnitSpec:
    """What sodoan knows about a unit code, read from ``data/units.json`` (no pint involved)."""

    code: UnitCode
    #: pint dimensionality, e.g. ``[currency_vnd]`` (a test checks it against the registry).
    dimension: str
    #: Rule every value in this unit obeys (``nonnegative``, ``count``, ``rank``, ...).
    values: ValueRule
    #: Unit of the difference of two values in this unit (percent -> percentage_point).
    difference: UnitCode
    #: Spellings accepted in every locale (``%``, ``VND``, ``Mbps``).
    symbols: tuple[str, ...]
    #: Labels per locale code.
    labels: Mapping[str, UnitLabels]

    @property
    def additive(self) -> bool:
        """Whether values in this unit can be added (ranks cannot)."""
        return self.values != "rank"


def _labels(raw: Mapping[str, Any]) -> UnitLabels:
    return UnitLabels(
        format=raw["format"], suffixes=tuple(raw["suffixes"]), prefixes=tuple(raw["prefixes"])
    )


@functools.cache
def unit_specs() -> Mapping[UnitCode, UnitSpec]:
    """Every unit's :class:`UnitSpec`, by code, in the order of :data:`UNIT_CODES`."""
    raw = {entry["code"]: entry for entry in read_json("units.json")["units"]}
    if set(raw) != set(UNIT_CODES):  # pragma: no cover - guarded by tests/test_units.py
        raise RuntimeError("data/units.json does not list exactly the unit codes of UnitCode")
    return {
        code: UnitSpec(
            code=code,
            dimension=raw[code]["dimension"],
            values=raw[code]["values"],
            difference=raw[code]["difference"],
            symbols=tuple(raw[code]["symbols"]),
            labels={loc: _labels(raw[code][loc]) for loc in ("vi", "en")},
        )
        for code in UNIT_CODES
    }


@functools.cache
def value_rules() -> Mapping[str, ValueRule]:
    """Each unit's value rule, by code (a table for per-value checks)."""
    return {code: spec.values for code, spec in unit_specs().items()}


def unit_spec(code: str) -> UnitSpec:
    """The :class:`UnitSpec` of ``code``; :class:`~sodoan.UnknownUnitError` if unknown."""
    try:
        return unit_specs()[code]  # type: ignore[index]  # str narrowed by the lookup
    except KeyError:
        raise UnknownUnitError(code, UNIT_CODES) from None


def dimension(code: str) -> str:
    """The dimension of ``code``, e.g. ``[share]`` for percent (from the data file, no pint)."""
    return unit_spec(code).dimension


def is_compatible(a: str, b: str) -> bool:
    """Whether values in units ``a`` and ``b`` measure the same thing (can be converted)."""
    return dimension(a) == dimension(b)


# The one registry: built on first use by registry(); importing sodoan leaves it None.
_REGISTRY: pint.UnitRegistry[Decimal] | None = None
_REGISTRY_LOCK = threading.Lock()


def registry() -> pint.UnitRegistry[Decimal]:
    """sodoan's pint registry (``Decimal`` magnitudes), built from ``units.txt`` on first use."""
    global _REGISTRY
    if _REGISTRY is None:
        with _REGISTRY_LOCK:
            if _REGISTRY is None:
                import pint  # deferred: importing pint takes ~0.15 s

                ureg: pint.UnitRegistry[Decimal] = pint.UnitRegistry(None, non_int_type=Decimal)
                with resources.as_file(resources.files("sodoan") / "units.txt") as path:
                    ureg.load_definitions(str(path))
                _REGISTRY = ureg
    return _REGISTRY


@functools.cache
def factor(code: str) -> Decimal:
    """Exact factor from ``code`` to the root unit of its dimension (``million_VND`` -> 10^6).

    Asked of pint once per unit and cached, so per-value work is plain ``Decimal`` arithmetic.
    """
    unit_spec(code)  # raise UnknownUnitError before touching pint
    magnitude = registry().Quantity(Decimal(1), code).to_root_units().magnitude
    if not isinstance(magnitude, Decimal):  # pragma: no cover - pint configured with Decimal
        raise TypeError(f"pint returned a {type(magnitude).__name__} factor for {code}")
    return magnitude


#: Arithmetic context for conversions: far more precision than any value has, and rounding
#: raises instead of happening (values have at most 60 digits; factors are powers of ten).
EXACT: Final = decimal.Context(
    prec=120, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation]
)


@functools.cache
def _ratio(source: str, target: str) -> tuple[int | None, Decimal]:
    """(power of ten, ratio) from ``source`` to ``target``; the power is None if not one."""
    if not is_compatible(source, target):
        raise UnitMismatchError(source, target, "convert")
    ratio = EXACT.divide(factor(source), factor(target)).normalize(EXACT)
    _, digits, exponent = ratio.as_tuple()
    return (exponent if digits == (1,) and isinstance(exponent, int) else None), ratio


def convert(value: Decimal, source: str, target: str) -> Decimal:
    """Convert ``value`` from unit ``source`` to unit ``target``, exactly.

    Raises :class:`~sodoan.UnitMismatchError` across dimensions. The result is exact: the
    factors are powers of ten (the decimal point moves: ``92013.235`` million is ``92013235000``
    đồng), and any rounding would raise ``decimal.Inexact`` instead of happening.
    """
    if source == target:
        unit_spec(source)
        return value
    shift, ratio = _ratio(source, target)
    result = value.scaleb(shift, EXACT) if shift is not None else EXACT.multiply(value, ratio)
    if result.as_tuple().exponent > 0:  # type: ignore[operator]  # finite
        result = result.quantize(Decimal(1), context=EXACT)
    return result


def exact_scale(value: Decimal, numerator: Decimal, denominator: Decimal) -> Decimal:
    """``value * numerator / denominator``, exactly, without spurious trailing zeros.

    A power-of-ten ratio (every scale sodoan defines) moves the decimal point; any other ratio
    is multiplied out. Rounding raises ``decimal.Inexact`` instead of happening silently.
    """
    ratio = EXACT.divide(numerator, denominator).normalize(EXACT)
    _, digits, exponent = ratio.as_tuple()
    if digits == (1,) and isinstance(exponent, int):
        result = value.scaleb(exponent, EXACT)
    else:  # pragma: no cover - no non-decimal scale is defined yet
        result = EXACT.multiply(value, ratio)
    if result.as_tuple().exponent > 0:  # type: ignore[operator]  # finite
        result = result.quantize(Decimal(1), context=EXACT)
    return result
