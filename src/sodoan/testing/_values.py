"""Strategies for the values documents are made of: ids, text, periods, decimals, measures,
sources."""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, cast

from hypothesis import strategies as st

from sodoan._types import TEXT_PATTERN
from sodoan.measure import Measure
from sodoan.model import Source
from sodoan.model._refs import CodelistKind, Codes, bundled_codes
from sodoan.model._rules import absolute_rule, absolute_units, growing_units
from sodoan.period import Period
from sodoan.units import UNIT_CODES, unit_spec

if TYPE_CHECKING:
    from sodoan.catalogue import Catalogue

__all__ = [
    "Rule",
    "actual_measures",
    "baseline_measures",
    "codes_of",
    "dates",
    "decimals",
    "document_numbers",
    "ids",
    "level_measures",
    "measures",
    "periods",
    "slugs",
    "sources",
    "texts",
    "urls",
    "years",
]

Rule = Literal["any", "nonnegative", "share", "integer", "count", "rank"]
"""What a value must obey (:func:`decimals`, :func:`measures`): anything, zero or more, a share
of a whole (0 to 100), a whole number, a whole number of zero or more, or a rank (a whole
number of 1 or more)."""


def codes_of(catalogue: Catalogue | Codes | None) -> Codes:
    """The catalogue strategies draw ids from: ``catalogue``, or the bundled one."""
    return catalogue if catalogue is not None else bundled_codes()


@functools.cache
def slugs() -> st.SearchStrategy[str]:
    """Identifiers as sodoan writes them: lower-case ASCII words joined by ``-``."""
    return st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")


_VIETNAMESE = (
    "Tuyên Quang",
    "Trà Vinh",
    "hồ sơ trực tuyến",
    "Sở Khoa học và Công nghệ",
    "kinh tế số",
    "đạt 98,26%",
)


@functools.cache
def texts() -> st.SearchStrategy[str]:
    """Short text people read (1-40 characters), mixed with Vietnamese phrases: any character
    but those sodoan's text fields refuse (controls, surrogates, combining marks: text is kept
    in NFC; bidirectional embeddings and isolates)."""
    allowed = re.compile(TEXT_PATTERN)
    refused = [
        chr(c) for c in (*range(0x300, 0x370), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    ]
    anything = st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs"), blacklist_characters=[*refused, "\x7f"]
        ),
        min_size=1,
        max_size=40,
    ).filter(lambda text: allowed.fullmatch(text) is not None)  # the model's own rule decides
    return st.one_of(anything, st.sampled_from(_VIETNAMESE))


@functools.cache
def years() -> st.SearchStrategy[int]:
    """Years sodoan accepts: 1945 to 2100."""
    return st.integers(1945, 2100)


@functools.cache
def dates() -> st.SearchStrategy[dt.date]:
    """Dates from 1945-01-01 to 2100-12-31."""
    return st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31))


@functools.cache
def periods() -> st.SearchStrategy[Period]:
    """Periods: years, quarters, months and days."""
    return st.one_of(
        years().map(Period),
        st.builds(lambda y, q: Period(y, quarter=q), years(), st.integers(1, 4)),
        st.builds(lambda y, m: Period(y, month=m), years(), st.integers(1, 12)),
        dates().map(Period.of),
    )


def decimals(
    rule: Rule = "any", *, max_places: int = 6, max_digits: int = 15
) -> st.SearchStrategy[Decimal]:
    """Exact decimals obeying ``rule`` (see :data:`Rule`); never negative zero, never NaN or
    infinite."""
    limit = 10**max_digits - 1
    low = {"any": -limit, "integer": -limit, "nonnegative": 0, "share": 0, "count": 0, "rank": 1}
    places = 0 if rule in ("integer", "count", "rank") else max_places
    values = st.builds(
        lambda coefficient, exponent: Decimal(coefficient).scaleb(-exponent),
        st.integers(low[rule], limit),
        st.integers(0, places),
    ).filter(lambda d: not (d.is_zero() and d.is_signed()))
    return values.filter(lambda d: d <= 100) if rule == "share" else values


def _strictest(unit_rule: str, rule: str | None) -> Rule:
    """The rule a value must obey under both its unit's rule and an indicator's level rule."""
    if rule is None or rule == "any":
        strictest = unit_rule
    elif unit_rule == "any":
        strictest = rule
    elif unit_rule == "integer" and rule in ("nonnegative", "count"):
        strictest = "count"
    elif rule == "share" and unit_rule in ("integer", "count"):  # pragma: no cover
        strictest = "count"  # shares are in percent, whose values may have decimals
    else:
        strictest = unit_rule if unit_rule == "rank" else rule
    return cast("Rule", strictest)


@functools.cache
def measures(
    units: tuple[str, ...] | None = None, rule: Rule | None = None
) -> st.SearchStrategy[Measure]:
    """Valid measures in ``units`` (default: every unit code); each value obeys its unit's
    rule (a count is whole, a rank is 1 or more) and ``rule`` if given."""
    choices = UNIT_CODES if units is None else units

    @st.composite
    def build(draw: st.DrawFn) -> Measure:
        unit = draw(st.sampled_from(choices))
        value = draw(decimals(_strictest(unit_spec(unit).values, rule)))
        return Measure(value=value, unit=unit)

    return build()


def ids(kind: CodelistKind, catalogue: Catalogue | Codes | None = None) -> st.SearchStrategy[str]:
    """Ids of the ``kind`` codelist (``indicator``, ``province``, ``agency``, ``pillar``) of
    ``catalogue`` (default: the bundled one)."""
    codes: Any = codes_of(catalogue)  # the cache key; a Codes protocol need not be Hashable
    try:
        return _ids(kind, codes)
    except TypeError:  # a catalogue object that cannot be a cache key
        return st.sampled_from(sorted(codes.ids(kind)))


@functools.lru_cache(maxsize=64)
def _ids(kind: CodelistKind, codes: Any) -> st.SearchStrategy[str]:
    # A catalogue is immutable, so its ids are sampled from one list for its lifetime.
    return st.sampled_from(sorted(codes.ids(kind)))


@functools.cache
def document_numbers() -> st.SearchStrategy[str]:
    """Vietnamese document numbers (``60/KH-UBND``, ``411/QĐ-TTg``)."""
    return st.sampled_from(["60/KH-UBND", "48-NQ/TU", "411/QĐ-TTg", "202/2025/QH15", "105/KH-UBND"])


@functools.cache
def urls() -> st.SearchStrategy[str]:
    """Web addresses."""
    return st.sampled_from(["https://example.org/a", "http://baonamdinh.vn/x?y=1"])


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """Valid sources (document, clause, quote and the optional file, cited number, URL and the
    quote's span in the document's text)."""
    spans = st.none() | st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(sorted)
    return st.builds(
        lambda span, **fields: Source(
            **fields, start=span[0] if span else None, end=span[1] if span else None
        ),
        spans,
        document=slugs(),
        clause=texts(),
        quote=texts(),
        file=st.none() | st.sampled_from(["003_3af9811e5cc25df9.txt", "plan.txt"]),
        cites=st.none() | document_numbers(),
        url=st.none() | urls(),
    )


# -- figures of an indicator ---------------------------------------------------------------


def level_measures(
    indicator: str, catalogue: Catalogue | Codes | None = None
) -> st.SearchStrategy[Measure]:
    """Measures valid as a level of ``indicator`` (a target's threshold)."""
    facts = codes_of(catalogue).facts(indicator)
    return measures(absolute_units(facts), cast("Rule", absolute_rule(facts)))


def baseline_measures(
    indicator: str, catalogue: Catalogue | Codes | None = None
) -> st.SearchStrategy[Measure]:
    """Measures valid as a baseline: the growing level for growth rates, a level otherwise."""
    growing = growing_units(codes_of(catalogue).facts(indicator))
    return measures(growing, "nonnegative") if growing else level_measures(indicator, catalogue)


def actual_measures(
    indicator: str, catalogue: Catalogue | Codes | None = None
) -> st.SearchStrategy[Measure]:
    """Measures valid as an actual's level: a threshold-like level, or a growing level."""
    growing = growing_units(codes_of(catalogue).facts(indicator))
    level = level_measures(indicator, catalogue)
    return level | measures(growing, "nonnegative") if growing else level
