"""The exceptions sodoan raises.

Every error sodoan raises on purpose is a :class:`SodoanError`. Errors about a bad value are also
:class:`ValueError`, so code that already catches ``ValueError`` keeps working. Invalid documents
are reported by pydantic's :class:`pydantic.ValidationError`, which names the field path, the
input and what was expected.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = [
    "AssessmentError",
    "DataError",
    "MissingDependencyError",
    "NotAdditiveError",
    "NumberFormatError",
    "ParseError",
    "PeriodError",
    "SodoanError",
    "UnitError",
    "UnitMismatchError",
    "UnknownIdError",
    "UnknownUnitError",
    "UnsupportedLocaleError",
    "ValueRangeError",
]


class SodoanError(Exception):
    """Base class of every error that sodoan raises on purpose.

    Every sodoan error survives a pickle round trip (so it crosses process pools intact): a
    subclass whose ``__init__`` takes other arguments than its message says how to rebuild it
    in :meth:`__reduce__`.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self.args, self.__dict__ or None)


class UnitError(SodoanError, ValueError):
    """A unit is unknown, or two units cannot be used together."""


class UnknownUnitError(UnitError):
    """A unit code or unit phrase that sodoan does not know."""

    def __init__(self, unit: str, known: Sequence[str]) -> None:
        self.unit = unit
        self.known = tuple(known)
        super().__init__(f"unknown unit {unit!r}; expected one of: {', '.join(self.known)}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.unit, self.known))


class UnitMismatchError(UnitError):
    """Two measures whose units have different dimensions were compared or combined.

    Comparing 98.26 percent with 92 billion VND is a mistake in the caller's logic; sodoan raises
    instead of returning ``False``.
    """

    def __init__(self, left: str, right: str, operation: str = "compare") -> None:
        self.left = left
        self.right = right
        self.operation = operation
        super().__init__(
            f"cannot {operation} {left!r} with {right!r}: the units measure different things"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.left, self.right, self.operation))


class ValueRangeError(SodoanError, ValueError):
    """An exact result (a conversion, a sum, a margin) beyond what sodoan holds exactly: 30
    digits on each side of the decimal point. Never rounded instead."""


class NotAdditiveError(UnitError):
    """Arithmetic on a unit that does not support it, such as adding two ranks."""


class NumberFormatError(SodoanError, ValueError):
    """Text that is not a well-formed number (or measure) in the given locale."""

    def __init__(
        self,
        text: str,
        locale: str,
        reason: str,
        suggestions: Sequence[str] = (),
        what: str = "number",
    ) -> None:
        self.text = text
        self.locale = locale
        self.reason = reason
        self.suggestions = tuple(suggestions)
        self.what = what
        message = f"{text!r} is not a valid {what} in locale {locale!r}: {reason}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            type(self),
            (self.text, self.locale, self.reason, self.suggestions, self.what),
        )


class PeriodError(SodoanError, ValueError):
    """A period (year, quarter, month or day) that does not exist or is malformed."""


class UnsupportedLocaleError(SodoanError, ValueError):
    """A locale that sodoan cannot parse or format numbers in."""

    def __init__(self, locale: object, supported: Sequence[str]) -> None:
        self.locale = locale
        self.supported = tuple(supported)
        super().__init__(
            f"unsupported locale {locale!r}; supported locales: {', '.join(self.supported)}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.locale, self.supported))


class ParseError(SodoanError, ValueError):
    """Text that :func:`sodoan.parse_target` and :func:`sodoan.parse_actual` refuse to read: not
    a string, longer than their limit (10,000 characters), or a ``default_year`` outside
    1945-2100. (Text they can read but find no figure in gives an empty list, not an error.)"""


class UnknownIdError(SodoanError, KeyError):
    """An identifier (indicator, province, agency, pillar, ...) that is not in the codelist."""

    def __init__(self, kind: str, id: str, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.id = id
        self.suggestions = tuple(suggestions)
        message = f"unknown {kind} id {id!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:  # KeyError would repr() the message otherwise
        return str(self.args[0])

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.kind, self.id, self.suggestions))


class DataError(SodoanError, ValueError):
    """A data file (bundled or the caller's) is unreadable or invalid.

    The message names the file and, for validation failures, every field path that failed.
    """

    def __init__(self, file: str, message: str) -> None:
        self.file = file
        self.message = message
        super().__init__(f"{file}: {message}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.file, self.message))


class AssessmentError(SodoanError, ValueError):
    """An actual cannot be assessed against a target (different indicators, incompatible units)."""


class MissingDependencyError(SodoanError, ImportError):
    """An optional dependency (pandas, matplotlib) is needed for this and is not installed."""

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{package} is not installed; install it with: pip install 'sodoan[{extra}]'"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.package, self.extra))
