"""Vietnamese and English numbers, percentages and money, parsed and written exactly (babel).

Vietnamese writes ``.`` to group thousands and ``,`` as the decimal mark: ``92.013,235 triệu
đồng`` is 92013.235 million VND, ``1.899`` is 1899, ``98,26%`` is 98.26 percent. English writes
``92,013.235 million VND``, ``1,899`` and ``98.26%``.

* :func:`parse_number` parses a number strictly in a locale (babel's strict mode, plus a check
  that a decimal mark has digits on both sides). Malformed text raises
  :class:`~sodoan.NumberFormatError` naming the text, the locale and babel's suggestions.
* :func:`parse_measure` parses a number with a unit phrase (``%``, ``%/năm``, ``điểm phần
  trăm``, ``triệu đồng``, ``tỷ đồng``, ``hạng 38``, ...). The scale is kept as written.
* :func:`format_measure` writes a measure for a reader of the locale, exactly: every digit is
  kept (``80,0%`` stays ``80,0%``) unless ``places`` asks for rounding.

Locales: ``vi`` and ``en`` (``vi_VN``, ``en-US`` and other regional forms of the two languages are
read as the language). The unit spellings are data: ``sodoan/data/units.json``.
"""

from __future__ import annotations

import decimal
import functools
import os
import re
import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from sodoan.errors import NumberFormatError, UnsupportedLocaleError
from sodoan.units import UnitCode, unit_specs

if TYPE_CHECKING:
    from sodoan.measure import Measure

__all__ = [
    "SUPPORTED_LOCALES",
    "default_locale",
    "format_measure",
    "format_number",
    "normalize_locale",
    "output_locale",
    "parse_measure",
    "parse_number",
    "set_default_locale",
]

#: Languages sodoan reads and writes numbers in.
SUPPORTED_LOCALES: Final = ("vi", "en")

#: Longest text parse_number/parse_measure accept (a bound for hostile input, not for real use).
MAX_TEXT_LENGTH: Final = 200

_WHITESPACE: Final = re.compile(r"\s+")
# Where the number is in a measure: the first run of digits and separators. Tokenising only;
# whether the run is a well-formed number is babel's decision.
_NUMBER_TOKEN: Final = re.compile(r"[+-]?[0-9][0-9.,]*")


def normalize_locale(locale: object) -> str:
    """``vi`` or ``en`` for a locale of either language; UnsupportedLocaleError otherwise."""
    if isinstance(locale, str):
        language = locale.replace("-", "_").split("_")[0].lower()
        if language in SUPPORTED_LOCALES and re.fullmatch(r"[A-Za-z]{2}([_-][A-Za-z]{2})?", locale):
            return language
    raise UnsupportedLocaleError(locale, SUPPORTED_LOCALES)


def _initial_default() -> str:
    chosen = os.environ.get("SODOAN_LANG", "vi")
    try:
        return normalize_locale(chosen)
    except UnsupportedLocaleError:
        return "vi"


_DEFAULT: Final[list[str]] = ["vi"]


def output_locale(locale: object = None) -> str:
    """The language to write in: ``locale`` (``vi`` or ``en``), or the default locale for None."""
    return _DEFAULT[0] if locale is None else normalize_locale(locale)


def default_locale() -> str:
    """The language sodoan writes in when none is given: ``vi`` unless changed with
    :func:`set_default_locale` or the ``SODOAN_LANG`` environment variable (``vi`` or ``en``).

    Printing, the notebook views, explanations and the command line all use it.
    """
    return _DEFAULT[0]


def set_default_locale(locale: str) -> None:
    """Make ``locale`` (``vi`` or ``en``) the language sodoan writes in by default."""
    _DEFAULT[0] = normalize_locale(locale)


_DEFAULT[0] = _initial_default()


@functools.cache
def _symbols(locale: str) -> tuple[str, str]:
    from babel import numbers

    return numbers.get_decimal_symbol(locale), numbers.get_group_symbol(locale)


def _clean(text: object, locale: str) -> str:
    if not isinstance(text, str):
        raise NumberFormatError(repr(text), locale, f"expected text, got {type(text).__name__}")
    if len(text) > MAX_TEXT_LENGTH:
        raise NumberFormatError(
            text[:40] + "...", locale, f"longer than {MAX_TEXT_LENGTH} characters"
        )
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def parse_number(text: str, locale: str = "vi") -> Decimal:
    """The exact value of a number written in ``locale``: ``parse_number("92.013,235")``.

    >>> parse_number("92.013,235")
    Decimal('92013.235')
    >>> parse_number("1,899", "en")
    Decimal('1899')

    Strict: ``92.01,235`` (misplaced grouping), ``98,,26``, ``1e5``, ``NaN``, ``,5`` and empty
    text raise :class:`~sodoan.NumberFormatError`, with babel's suggestions when it has some
    (``92.01,235`` -> ``9.201,235`` or ``92,01235``).
    """
    locale = normalize_locale(locale)
    cleaned = _clean(text, locale)
    return _parse_clean(cleaned, locale, cleaned)


def _parse_clean(number: str, locale: str, original: str, what: str = "number") -> Decimal:
    from babel import numbers

    def error(reason: str, suggestions: tuple[str, ...] = ()) -> NumberFormatError:
        return NumberFormatError(original, locale, reason, suggestions, what=what)

    decimal_symbol, group_symbol = _symbols(locale)
    if not number:
        raise error("no number")
    allowed = set("0123456789+-") | {decimal_symbol, group_symbol}
    stray = sorted({c for c in number if c not in allowed})
    if stray:
        raise error(f"unexpected character(s) {' '.join(repr(c) for c in stray)}")
    body = number.lstrip("+-")
    if len(number) - len(body) > 1 or "+" in body or "-" in body:
        raise error("a sign may only come once, first")
    if not body[:1].isdigit() or not body[-1:].isdigit():
        raise error("a number starts and ends with a digit")
    # babel's strict mode re-formats the number to compare it with the text, under the current
    # decimal context: give it room for every digit (the default holds 28).
    exact = decimal.Context(prec=max(28, len(number) + 2), Emax=decimal.MAX_EMAX)
    try:
        with decimal.localcontext(exact):
            value = numbers.parse_decimal(number, locale=locale, strict=True)
    except numbers.NumberFormatError as failure:
        raise error(
            "malformed number", tuple(getattr(failure, "suggestions", None) or ())
        ) from None
    except decimal.DecimalException:  # pragma: no cover - the context above holds every digit
        raise error("malformed number") from None
    if not isinstance(value, Decimal) or not value.is_finite():  # pragma: no cover - guarded above
        raise error("not a finite number")
    if value.is_zero() and value.is_signed():
        raise error("a negative zero is not a number a document states (Measure rejects it)")
    return value


# -- units ---------------------------------------------------------------------------------


@functools.cache
def _phrases(locale: str) -> tuple[Mapping[str, UnitCode], Mapping[str, UnitCode]]:
    """(suffix -> unit, prefix -> unit) for ``locale``, keys case-folded."""
    suffixes: dict[str, UnitCode] = {}
    prefixes: dict[str, UnitCode] = {}
    for code, spec in unit_specs().items():
        labels = spec.labels[locale]
        for phrase in (*spec.symbols, *labels.suffixes):
            suffixes.setdefault(_fold(phrase), code)
        for phrase in labels.prefixes:
            prefixes.setdefault(_fold(phrase), code)
    return suffixes, prefixes


_AROUND_SYMBOL: Final = re.compile(r"\s*([/%])\s*")


def _fold(phrase: str) -> str:
    """A unit phrase for matching: NFC, case-folded, single spaces, none around ``/`` or ``%``."""
    phrase = _WHITESPACE.sub(" ", unicodedata.normalize("NFC", phrase)).strip()
    return _AROUND_SYMBOL.sub(r"\1", phrase).casefold()


def _unit_of(prefix: str, suffix: str, text: str, locale: str) -> UnitCode:
    def error(reason: str) -> NumberFormatError:
        return NumberFormatError(text, locale, reason, what="measure")

    suffixes, prefixes = _phrases(locale)
    if prefix and suffix:
        raise error(f"unexpected text before the number: {prefix!r}")
    if prefix:
        unit = prefixes.get(_fold(prefix))
        if unit is None:
            raise error(f"unknown unit {prefix!r} before the number")
        return unit
    if not suffix:
        return "count"
    unit = suffixes.get(_fold(suffix))
    if unit is None:
        raise error(f"unknown unit {suffix!r}")
    return unit


def parse_measure(text: str, locale: str = "vi") -> Measure:
    """A :class:`~sodoan.Measure` from a number and a unit phrase, scale kept as written.

    >>> parse_measure("92.013,235 triệu đồng")
    Measure(value=Decimal('92013.235'), unit='million_VND')
    >>> parse_measure("11,5%/năm")
    Measure(value=Decimal('11.5'), unit='percent_per_year')
    >>> parse_measure("98.26%", "en")
    Measure(value=Decimal('98.26'), unit='percent')

    A bare number is a ``count`` (a whole number). Text is NFC-normalised and surrounding or
    repeated whitespace (including non-breaking spaces) is ignored; anything else that is not
    a number and a known unit phrase raises :class:`~sodoan.NumberFormatError`.
    """
    from pydantic import ValidationError

    from sodoan.measure import Measure

    locale = normalize_locale(locale)
    cleaned = _clean(text, locale)
    match = _NUMBER_TOKEN.search(cleaned)
    if match is None:
        raise NumberFormatError(cleaned, locale, "no number", what="measure")
    prefix, suffix = cleaned[: match.start()].strip(), cleaned[match.end() :].strip()
    unit = _unit_of(prefix, suffix, cleaned, locale)
    value = _parse_clean(match.group(), locale, cleaned, what="measure")
    try:
        return Measure(value=value, unit=unit)
    except ValidationError as error:
        reason = "; ".join(str(e["msg"]) for e in error.errors())
        raise NumberFormatError(cleaned, locale, reason, what="measure") from None


# -- formatting ----------------------------------------------------------------------------


def _pattern(base: str, value: Decimal) -> str:
    """``base`` (a CLDR pattern such as ``#,##0%``) with exactly ``value``'s fraction digits."""
    exponent = value.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    fraction = "." + "0" * places if places else ""
    return base.replace("#,##0", "#,##0" + fraction, 1)


def format_number(value: Decimal, locale: str | None = None) -> str:
    """``value`` written for ``locale`` (default: :func:`default_locale`) with every digit
    kept: ``92.013,235``, ``80,0``.

    >>> format_number(Decimal("92013.235"))
    '92.013,235'
    >>> format_number(Decimal("92013.235"), "en")
    '92,013.235'
    """
    from babel import numbers

    locale = output_locale(locale)
    with decimal.localcontext() as ctx:
        ctx.prec = 100
        return str(
            numbers.format_decimal(
                value, format=_pattern("#,##0", value), locale=locale, decimal_quantization=False
            )
        )


def _format_percent(value: Decimal, locale: str) -> str:
    from babel import Locale, numbers

    base = Locale.parse(locale).percent_formats[None].pattern
    with decimal.localcontext() as ctx:
        ctx.prec = 100
        return str(
            numbers.format_percent(
                value.scaleb(-2),  # babel formats fractions: 98.26 percent is 0.9826
                format=_pattern(base, value),
                locale=locale,
                decimal_quantization=False,
            )
        )


def format_measure(
    measure: Measure, locale: str | None = None, *, places: int | None = None
) -> str:
    """``measure`` written for a reader of ``locale`` (default: :func:`default_locale`),
    exactly unless ``places`` is given.

    >>> from sodoan import Measure
    >>> format_measure(Measure(value="98.26", unit="percent"))
    '98,26%'
    >>> format_measure(Measure(value="92013.235", unit="million_VND"), "en")
    '92,013.235 million VND'
    >>> format_measure(Measure(value="98.26", unit="percent"), "vi", places=1)
    '98,3%'

    ``places`` rounds half to even to that many decimal places, for display only.
    """
    from babel import Locale

    locale = output_locale(locale)
    value = measure.value
    if places is not None:  # rounding asked for, for display: in a context that holds every digit
        display = decimal.Context(prec=200, rounding=decimal.ROUND_HALF_EVEN)
        value = value.quantize(Decimal(1).scaleb(-places), context=display)
    template = unit_specs()[measure.unit].labels[locale].format
    if not isinstance(template, str):
        category = Locale.parse(locale).plural_form(value)
        template = template.get(category, template["other"])
    if "{percent}" in template:
        return template.replace("{percent}", _format_percent(value, locale))
    return template.replace("{number}", format_number(value, locale))
