"""The interval calculus behind assessment: what a qualified figure can be, and whether a
comparator holds for all, none or some of it.

A qualified figure stands for an interval of possible values: ``more_than`` v is (v, ∞),
``at_least`` [v, ∞), ``less_than`` (-∞, v), ``at_most`` (-∞, v], ``approximately`` v is within
5% of v either side, and ``nearly`` v is within 5% below v (excluded). The comparator holds when
it holds for every value of the interval, fails when it fails for every one, and is undecided
otherwise.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Final, NamedTuple

__all__ = ["APPROXIMATION", "Interval", "holds", "qualified", "region", "verdict"]

#: How far "khoảng" (approximately) and "gần" (nearly) may be from the stated value: 5% of it.
APPROXIMATION: Final = Decimal("0.05")
#: Bounds are computed exactly: values have at most 60 digits, their bounds at most 63 (the
#: default context's 28 digits would round ``27.36842105263157894736842105 * 0.95`` to 26).
_EXACT: Final = decimal.Context(prec=100)


class Interval(NamedTuple):
    """A set of numbers between two bounds; ``None`` is unbounded."""

    low: Decimal | None
    low_closed: bool
    high: Decimal | None
    high_closed: bool

    def contains_interval(self, other: Interval) -> bool:
        """Whether every number of ``other`` is in this interval."""
        if self.low is not None:
            if other.low is None or other.low < self.low:
                return False
            if other.low == self.low and other.low_closed and not self.low_closed:
                return False
        if self.high is not None:
            if other.high is None or other.high > self.high:
                return False
            if other.high == self.high and other.high_closed and not self.high_closed:
                return False
        return True

    def disjoint(self, other: Interval) -> bool:
        """Whether no number is in both intervals."""
        return _before(self, other) or _before(other, self)


def _before(a: Interval, b: Interval) -> bool:
    """Whether every number of ``a`` is below every number of ``b``."""
    if a.high is None or b.low is None:
        return False
    return a.high < b.low or (a.high == b.low and not (a.high_closed and b.low_closed))


def qualified(x: Decimal, qualifier: str) -> Interval:
    """The values a figure ``x`` stated with ``qualifier`` may stand for."""
    if qualifier == "exact":
        return Interval(x, True, x, True)
    if qualifier == "more_than":
        return Interval(x, False, None, False)
    if qualifier == "at_least":
        return Interval(x, True, None, False)
    if qualifier == "less_than":
        return Interval(None, False, x, False)
    if qualifier == "at_most":
        return Interval(None, False, x, True)
    spread = _EXACT.multiply(abs(x), APPROXIMATION)
    if qualifier == "approximately":
        return Interval(_EXACT.subtract(x, spread), False, _EXACT.add(x, spread), False)
    return Interval(_EXACT.subtract(x, spread), False, x, False)  # nearly: just under x


def region(comparator: str, low: Decimal, high: Decimal | None) -> Interval:
    """The values that meet ``comparator`` with threshold ``low`` (and ``high``, between)."""
    if comparator == "ge":
        return Interval(low, True, None, False)
    if comparator == "gt":
        return Interval(low, False, None, False)
    if comparator == "le":
        return Interval(None, False, low, True)
    if comparator == "lt":
        return Interval(None, False, low, False)
    if comparator == "eq":
        return Interval(low, True, low, True)
    return Interval(low, True, high, True)  # between


def holds(value: Decimal, comparator: str, low: Decimal, high: Decimal | None) -> bool:
    """Whether an exact value meets the comparator (the common case, without intervals)."""
    if comparator == "ge":
        return value >= low
    if comparator == "gt":
        return value > low
    if comparator == "le":
        return value <= low
    if comparator == "lt":
        return value < low
    if comparator == "eq":
        return value == low
    return high is not None and low <= value <= high


def verdict(interval: Interval, comparator: str, low: Decimal, high: Decimal | None) -> bool | None:
    """True if every value of ``interval`` meets the comparator, False if none does, else None."""
    wanted = region(comparator, low, high)
    if wanted.contains_interval(interval):
        return True
    return False if wanted.disjoint(interval) else None
