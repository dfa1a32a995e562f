"""Field types shared by sodoan's models, each with the JSON Schema rule it enforces.

Every rule here is one that JSON Schema can state (pattern, length, range), so a document that
the models reject for one of these reasons is rejected by ``schemas/`` too.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Final

from pydantic import Field, GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._context import reject_json_float
from sodoan._messages import clip

__all__ = [
    "DATE_PATTERN",
    "MAX_YEAR",
    "MIN_YEAR",
    "SLUG_PATTERN",
    "TEXT_PATTERN",
    "YEAR_DATE_PATTERN",
    "YEAR_PATTERN",
    "DocumentNumber",
    "FileName",
    "IsoDate",
    "LongText",
    "Quote",
    "ShortText",
    "Slug",
    "Url",
    "WholeCount",
    "WholeNumber",
    "Year",
    "whole_number",
]

#: Identifiers: lowercase ASCII kebab-case (``tuyen-quang``, ``online-filing-rate``).
SLUG_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"

#: Text read by people: no control characters (C0, DEL and C1), no bidirectional overrides or
#: isolates (U+202A-U+202E, U+2066-U+2069: they reorder what a reader sees), and no combining
#: diacritics, i.e. Vietnamese in NFC (precomposed) form; NFD text (``e`` + U+0302 + U+0300) is
#: rejected, not silently changed. The same pattern is the JSON Schema's: it is a regular
#: expression in Python, ECMA-262 and Rust alike. (A lone surrogate, which pydantic rejects
#: while decoding, cannot be named in a Rust pattern: JSON Schema validators that keep lone
#: surrogates in strings, such as ajv and Python's jsonschema, accept one in text; see
#: docs/reliability.md.)
_TEXT_CHARS: Final = r"[^\u0000-\u001f\u007f-\u009f\u0300-\u036f\u202a-\u202e\u2066-\u2069]"
TEXT_PATTERN: Final = rf"^{_TEXT_CHARS}*$"

#: ISO calendar dates, ``YYYY-MM-DD``.
DATE_PATTERN: Final = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

MIN_YEAR: Final = 1945
MAX_YEAR: Final = 2100
#: A year 1945-2100 as four digits.
YEAR_PATTERN: Final = r"(194[5-9]|19[5-9][0-9]|20[0-9][0-9]|2100)"
#: ISO dates within 1945-2100 (the day-of-month limit is left to "format": "date").
YEAR_DATE_PATTERN: Final = rf"^{YEAR_PATTERN}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"

#: Longest id (slug) accepted.
MAX_ID_LENGTH: Final = 120
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=MAX_ID_LENGTH)]


def _text(max_length: int) -> Any:
    return Field(
        pattern=TEXT_PATTERN,
        min_length=1,
        max_length=max_length,
    )


#: A name, label or clause reference.
ShortText = Annotated[str, _text(300)]
#: A quote copied from a source document.
Quote = Annotated[str, _text(1000)]
#: A definition, note or task description.
LongText = Annotated[str, _text(4000)]

#: A document number as printed: ``60/KH-UBND``, ``48-NQ/TU``, ``411/QĐ-TTg``, ``202/2025/QH15``.
DocumentNumber = Annotated[
    str,
    Field(pattern=r"^[0-9]+([/-][0-9A-Za-z\u0110\u0111]+)+$", min_length=3, max_length=60),
]

#: A file name without directories (``003_3af9811e5cc25df9.txt``); never a path to follow.
FileName = Annotated[str, Field(pattern=r"^[A-Za-z0-9_][A-Za-z0-9._-]*$", max_length=120)]

#: A web address (kept as written; sodoan never fetches it).
#: Characters never allowed in a URL: controls (C0, DEL, C1), and every space or invisible
#: separator, listed explicitly (``\s`` means different things in Python, Rust and JavaScript).
_URL_FORBIDDEN: Final = (
    r"\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
Url = Annotated[str, Field(pattern=rf"^https?://[^{_URL_FORBIDDEN}]+$", max_length=2000)]


def whole_number(value: Any, info: ValidationInfo | None = None) -> int:
    """An int from JSON's idea of an integer: an int, or a float with no fraction (``2024.0``).

    JSON Schema's ``"integer"`` accepts ``2024.0``; so must the models, or the two disagree.
    Strings and booleans are rejected (pydantic's lax mode would accept ``"2024"``).
    """
    reject_json_float(value, info)
    if isinstance(value, bool):
        raise PydanticCustomError("int_type", "Input should be a whole number, not a boolean")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise PydanticCustomError(
        "int_type", "Input should be a whole number; got {value}", {"value": clip(value)}
    )


class WholeNumber:
    """Annotation: a whole number (see :func:`whole_number`) within ``minimum``..``maximum``."""

    def __init__(self, minimum: int, maximum: int) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def _check(self, value: int) -> int:
        if not self.minimum <= value <= self.maximum:
            raise PydanticCustomError(
                "int_out_of_range",
                "Input should be a whole number from {minimum} to {maximum}; got {value}",
                {"minimum": self.minimum, "maximum": self.maximum, "value": value},
            )
        return value

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            self._check, core_schema.with_info_plain_validator_function(whole_number)
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


#: A calendar year, 1945-2100.
Year = Annotated[int, WholeNumber(MIN_YEAR, MAX_YEAR)]
#: A count of things in a fraction such as ``13/17``.
WholeCount = Annotated[int, WholeNumber(0, 10**12)]

_DATE_RE: Final = re.compile(DATE_PATTERN)


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "Input should be a date, not a datetime")
    if isinstance(value, dt.date):
        result = value
    elif isinstance(value, str) and _DATE_RE.fullmatch(value):
        try:
            result = dt.date.fromisoformat(value)
        except ValueError:
            raise PydanticCustomError(
                "date_invalid", "{value} is not a calendar date", {"value": clip(value)}
            ) from None
    else:
        raise PydanticCustomError(
            "date_format",
            "Input should be a date written YYYY-MM-DD, such as 2025-03-26; got {value}",
            {"value": clip(value)},
        )
    if not MIN_YEAR <= result.year <= MAX_YEAR:
        raise PydanticCustomError(
            "date_out_of_range",
            "Date {value} is outside the years 1945-2100",
            {"value": result.isoformat()},
        )
    return result


class _IsoDateAnnotation:
    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _parse_date,
            serialization=core_schema.plain_serializer_function_ser_schema(
                dt.date.isoformat, when_used="json"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # The pattern bounds the form; "format" lets validators that assert formats (jsonschema
        # with a FormatChecker, ajv-formats) also reject 2025-02-30. Years are 1945-2100.
        return {"type": "string", "format": "date", "pattern": YEAR_DATE_PATTERN}


#: A calendar date, JSON form ``YYYY-MM-DD`` only (no timestamps, no datetimes).
IsoDate = Annotated[dt.date, _IsoDateAnnotation]
