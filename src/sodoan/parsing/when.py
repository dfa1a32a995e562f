"""Time phrases: years, dates, months, quarters and spans of years, and what each is for.

A time phrase is ``at`` (when a figure is due or was measured: ``đến năm 2025``), ``since``
(what a change is measured from: ``so với năm 2023``) or ``doc`` (the date of a cited
document, or a year inside its title: never a figure's year).
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from sodoan._types import MAX_YEAR, MIN_YEAR
from sodoan.parsing.lexicon import lexicon
from sodoan.parsing.text import alternation, vi
from sodoan.period import Period

__all__ = ["Role", "When", "find_whens", "quoted"]

Role = Literal["at", "since", "doc"]


@dataclass(frozen=True)
class When:
    """A time phrase: its span in the text, the period it names (None if impossible) and role."""

    start: int
    end: int
    period: Period | None
    role: Role


def _period(year: int, month: int | None = None, day: int | None = None) -> Period | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return Period(year, month=month, day=day)
    except ValueError:
        return None


def _month_end(year: int, month: int) -> Period | None:
    if not 1 <= month <= 12 or not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return _period(year, month, calendar.monthrange(year, month)[1])


# -- readers: one per pattern, each gives the period and whether it is a bare date -------------

_Reader = Callable[[re.Match[str], str], Period | None]


def _read_day(match: re.Match[str], lead: str) -> Period | None:
    day, month, year = int(match.group(3)), int(match.group(4)), int(match.group(5))
    return _period(year, month, day)


def _read_month(match: re.Match[str], lead: str) -> Period | None:
    month, year = int(match.group(3)), int(match.group(4))
    if lead.split()[-1:] and lead.split()[-1] in _month_end_words():
        return _month_end(year, month)
    return _period(year, month) if month <= 12 else None


def _read_quarter(match: re.Match[str], lead: str) -> Period | None:
    raw, year = match.group(3), int(match.group(4))
    quarter = lexicon().quarter_numerals.get(raw) or int(raw)
    return Period(year, quarter=quarter) if MIN_YEAR <= year <= MAX_YEAR else None


def _read_span(match: re.Match[str], lead: str) -> Period | None:
    first, last = int(match.group(3)), int(match.group(4))
    ok = first < last <= first + 30 and MIN_YEAR <= last <= MAX_YEAR
    return Period(last) if ok else None


def _read_year(match: re.Match[str], lead: str) -> Period | None:
    return _period(int(match.group(3)))


@functools.cache
def _month_end_words() -> frozenset[str]:
    return frozenset(lexicon().month_end_words)


@dataclass(frozen=True)
class _WhenPattern:
    pattern: re.Pattern[str]
    read: _Reader
    dated: bool  # a day: without lead words it is a document's date


@functools.cache
def _patterns() -> tuple[_WhenPattern, ...]:
    words = lexicon()
    year = r"((?:19|20|21)[0-9]{2})(?![0-9]|[.,][0-9])"
    lead = r"(" + r"(?:" + alternation(words.time_lead_words) + r"\s{1,3}){0,3})"
    since = (
        r"("
        + alternation(words.since_words)
        + r"\s{1,3}(?:"
        + alternation(words.same_period_words)
        + r"\s{1,3})?)?"
    )
    numerals = "|".join(sorted(words.quarter_numerals, key=lambda n: (-len(n), n)))
    specs: list[tuple[str, _Reader, bool]] = [
        # ngày 30/6/2025, ngày 5-8-2022
        (
            lead
            + r"ngày\s{1,3}([0-9]{1,2})\s{0,2}[/.-]\s{0,2}([0-9]{1,2})\s{0,2}[/.-]\s{0,2}"
            + year,
            _read_day,
            True,
        ),
        # ngày 26 tháng 3 năm 2025
        (
            lead
            + r"ngày\s{1,3}([0-9]{1,2})\s{1,3}tháng\s{1,3}([0-9]{1,2})\s{1,3}năm\s{1,3}"
            + year,
            _read_day,
            True,
        ),
        # đến 30/6/2025 (no "ngày"); a bare d/m/yyyy is a document date
        (
            lead
            + r"(?<![0-9/.-])([0-9]{1,2})\s{0,2}[/.-]\s{0,2}([0-9]{1,2})\s{0,2}[/.-]\s{0,2}"
            + year,
            _read_day,
            True,
        ),
        # hết tháng 6 năm 2025, tháng 12/2024
        (
            lead + r"tháng\s{1,3}([0-9]{1,2})(?:\s{1,3}năm\s{1,3}|\s{0,2}/\s{0,2})" + year,
            _read_month,
            False,
        ),
        # quý II năm 2025, quý 3/2024
        (
            lead
            + r"quý\s{1,3}("
            + numerals
            + r"|[1-4])(?:\s{1,3}năm\s{1,3}|\s{0,2}/\s{0,2})"
            + year,
            _read_quarter,
            False,
        ),
        # giai đoạn 2021-2025, 2026 - 2030, từ năm 2021 đến năm 2025
        (
            r"("
            + alternation(words.span_lead_words)
            + r"\s{1,3})?(?<![0-9])((?:19|20|21)[0-9]{2})\s{0,3}(?:-|–|—|đến|tới|÷)\s{0,3}"
            r"(?:năm\s{1,3})?" + year,
            _read_span,
            False,
        ),
        # năm 2025, đến hết năm 2025, so với năm 2023
        (lead + r"năm\s{1,3}" + year, _read_year, False),
        # đến 2025, tầm nhìn 2030
        (
            r"("
            + alternation(words.bare_year_lead_words)
            + r"\s{1,3}(?:đến\s{1,3})?)"
            + year
            + r"(?!\s{0,3}(?:%|\w))",
            _read_year,
            False,
        ),
    ]
    return tuple(_WhenPattern(vi(since + p), read, dated) for p, read, dated in specs)


def quoted(low: str, positions: Iterable[int]) -> set[int]:
    """Those of ``positions`` inside a quoted title (“...” or "...") of their line: more “
    than ” before it on its line, or an odd number of ". One pass over the text."""
    inside: set[int] = set()
    opened = closed = straight = 0
    scanned = 0
    for position in sorted(set(positions)):
        for char in low[scanned:position]:
            if char == "\n":
                opened = closed = straight = 0
            elif char == "“":
                opened += 1
            elif char == "”":
                closed += 1
            elif char == '"':
                straight += 1
        scanned = position
        if opened > closed or straight % 2 == 1:
            inside.add(position)
    return inside


def _when_of(spec: _WhenPattern, match: re.Match[str]) -> When:
    since = match.group(1) is not None
    lead = (match.group(2) or "").strip()
    role: Role = "since" if since else "at"
    if spec.dated and not lead and not since:
        role = "doc"
    return When(match.start(), match.end(), spec.read(match, lead), role)


def find_whens(low: str, blocked: bytearray) -> list[When]:
    """The time phrases of folded text, in text order; their dates are marked in ``blocked``
    (the lead words, "đến", "so với", may overlap an earlier phrase; the dates may not)."""
    whens: list[When] = []
    for spec in _patterns():
        for match in spec.pattern.finditer(low):
            core = match.start(3) if match.lastindex and match.lastindex >= 3 else match.start()
            if any(blocked[core : match.end()]):
                continue
            whens.append(_when_of(spec, match))
            blocked[core : match.end()] = b"\x01" * (match.end() - core)
    titles = quoted(low, (w.start for w in whens))
    whens = [When(w.start, w.end, w.period, "doc") if w.start in titles else w for w in whens]
    whens.sort(key=lambda w: w.start)
    return whens
