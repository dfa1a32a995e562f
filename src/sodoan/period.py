"""Period: the time a target is due by or an actual refers to (a year, quarter, month or day)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Final, Literal

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._context import reject_json_float
from sodoan._messages import clip
from sodoan._types import MAX_YEAR, MIN_YEAR, YEAR_DATE_PATTERN, YEAR_PATTERN
from sodoan.errors import PeriodError

__all__ = ["Period", "native_period_schema"]

_PERIOD_RE: Final = re.compile(
    r"^(?P<year>[0-9]{4})(?:-Q(?P<quarter>[1-4])|-(?P<month>0[1-9]|1[0-2])(?:-(?P<day>[0-9]{2}))?)?$"
)

PeriodKind = Literal["year", "quarter", "month", "day"]


class Period:
    """A calendar year, quarter, month or day.

    JSON form: a year is an integer (``2025``); the others are strings ``"2025-Q2"``,
    ``"2025-06"`` and ``"2025-06-30"``. "Đến năm 2025" is ``Period(2025)``; "hết tháng 6 năm
    2025" is the day ``Period(2025, month=6, day=30)``.

    Periods are immutable and hashable; they order by their first day, then their last day.
    """

    __slots__ = ("_bounds", "_day", "_month", "_quarter", "_year")

    def __init__(
        self,
        year: int,
        *,
        quarter: int | None = None,
        month: int | None = None,
        day: int | None = None,
    ) -> None:
        if type(year) is not int or not MIN_YEAR <= year <= MAX_YEAR:
            raise PeriodError(f"year must be an integer from {MIN_YEAR} to {MAX_YEAR}: {year!r}")
        for name, part in (("quarter", quarter), ("month", month), ("day", day)):
            if part is not None and type(part) is not int:
                raise PeriodError(
                    f"{name} must be an integer (not {type(part).__name__}): {part!r}"
                )
        if quarter is not None and (month is not None or day is not None):
            raise PeriodError("a period is a quarter or a month/day, not both")
        if quarter is not None and quarter not in (1, 2, 3, 4):
            raise PeriodError(f"quarter must be 1-4: {quarter!r}")
        if day is not None and month is None:
            raise PeriodError("a day needs a month")
        if month is not None and month not in range(1, 13):
            raise PeriodError(f"month must be 1-12: {month!r}")
        if day is not None:
            try:
                dt.date(year, month or 1, day)
            except ValueError:
                raise PeriodError(f"{year}-{month:02d}-{day:02d} is not a calendar date") from None
        self._year = year
        self._quarter = quarter
        self._month = month
        self._day = day
        self._bounds: tuple[dt.date, dt.date] | None = None

    # Construction -------------------------------------------------------------------------

    @classmethod
    def of(cls, value: int | float | str | dt.date | Period) -> Period:
        """A period from its JSON form (``2025``, ``"2025-Q2"``, ``"2025-06-30"``) or a date."""
        if isinstance(value, Period):
            return value
        if isinstance(value, dt.datetime):
            raise PeriodError("a period is a date, not a datetime")
        if isinstance(value, dt.date):
            return cls(value.year, month=value.month, day=value.day)
        if isinstance(value, bool):
            raise PeriodError(f"not a period: {clip(value)!r}")
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON Schema's "integer" accepts 2025.0; so do we
        if isinstance(value, int):
            return cls(value)
        if isinstance(value, str):
            match = _PERIOD_RE.fullmatch(value)
            if match is None:
                raise PeriodError(
                    f"not a period: {clip(value)!r}; expected YYYY, YYYY-Qn, YYYY-MM or YYYY-MM-DD"
                )
            groups = match.groupdict()
            return cls(
                int(groups["year"]),
                quarter=int(groups["quarter"]) if groups["quarter"] else None,
                month=int(groups["month"]) if groups["month"] else None,
                day=int(groups["day"]) if groups["day"] else None,
            )
        raise PeriodError(f"not a period: {clip(value)!r}")

    # Accessors ----------------------------------------------------------------------------

    @property
    def year(self) -> int:
        """The calendar year."""
        return self._year

    @property
    def quarter(self) -> int | None:
        """The quarter (1-4) of a quarter period."""
        return self._quarter

    @property
    def month(self) -> int | None:
        """The month of a month or day period."""
        return self._month

    @property
    def day(self) -> int | None:
        """The day of a day period."""
        return self._day

    @property
    def kind(self) -> PeriodKind:
        """``year``, ``quarter``, ``month`` or ``day``."""
        if self._day is not None:
            return "day"
        if self._month is not None:
            return "month"
        if self._quarter is not None:
            return "quarter"
        return "year"

    def _compute_bounds(self) -> tuple[dt.date, dt.date]:
        if self._quarter is not None:
            start = dt.date(self._year, 3 * self._quarter - 2, 1)
            last_month = 3 * self._quarter
        else:
            start = dt.date(self._year, self._month or 1, self._day or 1)
            last_month = self._month or 12
        if self._day is not None:
            end = start
        else:
            end = dt.date(self._year, last_month, calendar.monthrange(self._year, last_month)[1])
        self._bounds = (start, end)
        return self._bounds

    @property
    def start(self) -> dt.date:
        """The first day of the period."""
        return (self._bounds or self._compute_bounds())[0]

    @property
    def end(self) -> dt.date:
        """The last day of the period (a target due in 2025 is due by 31 December 2025)."""
        return (self._bounds or self._compute_bounds())[1]

    def contains(self, day: dt.date) -> bool:
        """Whether ``day`` falls within the period."""
        return self.start <= day <= self.end

    def to_json(self) -> int | str:
        """The JSON form: an integer for a year, a string otherwise."""
        if self.kind == "year":
            return self._year
        return str(self)

    # Identity -----------------------------------------------------------------------------

    def _key(self) -> tuple[int, int | None, int | None, int | None]:
        return (self._year, self._quarter, self._month, self._day)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)

    def __le__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self == other or self < other

    def __gt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return other < self

    def __ge__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self == other or other < self

    def __str__(self) -> str:
        if self._quarter is not None:
            return f"{self._year}-Q{self._quarter}"
        if self._day is not None:
            return f"{self._year}-{self._month:02d}-{self._day:02d}"
        if self._month is not None:
            return f"{self._year}-{self._month:02d}"
        return str(self._year)

    def __repr__(self) -> str:
        return f"Period({self.to_json()!r})"

    # pydantic -----------------------------------------------------------------------------

    @classmethod
    def _validate(cls, value: Any, info: ValidationInfo | None = None) -> Period:
        if type(value) is int and MIN_YEAR <= value <= MAX_YEAR:  # the common case, kept cheap
            period = object.__new__(cls)
            period._year, period._quarter, period._month, period._day = value, None, None, None
            period._bounds = None
            return period
        reject_json_float(value, info)
        try:
            return cls.of(value)
        except PeriodError as error:
            raise PydanticCustomError(
                "period",
                "Input should be a year (2025) or a string YYYY-Qn, YYYY-MM or YYYY-MM-DD "
                "within 1945-2100: {reason}",
                {"reason": str(error)},
            ) from None

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                Period.to_json, when_used="json"
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                {"type": "string", "pattern": rf"^{YEAR_PATTERN}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"},
                {"type": "string", "format": "date", "pattern": YEAR_DATE_PATTERN},
            ]
        }


def native_period_schema() -> core_schema.CoreSchema:
    """The JSON forms of a Period as a pydantic-core schema without a Python call, for the bulk
    reader's acceptor (:mod:`sodoan._accept`): it accepts no JSON that :class:`Period` rejects.

    A year is a JSON integer from MIN_YEAR to MAX_YEAR (a float such as ``2025.0``, which Period
    also accepts, is left to Period); a year, quarter or month string is read by the same
    pattern as the JSON Schema's; a day is a date string that is a calendar day (read as a
    ``date``).
    """
    years = core_schema.int_schema(ge=MIN_YEAR, le=MAX_YEAR, strict=True)
    parts = core_schema.str_schema(
        pattern=rf"^{YEAR_PATTERN}(-Q[1-4]|-(0[1-9]|1[0-2]))?$", strict=True
    )
    days = core_schema.chain_schema(
        [core_schema.str_schema(pattern=YEAR_DATE_PATTERN, strict=True), core_schema.date_schema()]
    )
    return core_schema.union_schema([years, parts, days], mode="left_to_right")
