"""What a document says of itself: its province, number, title, kind and date."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import Counter
from typing import Any, Final

from sodoan.catalogue import Catalogue
from sodoan.errors import ParseError
from sodoan.parsing.text import fold
from sodoan.period import Period

__all__ = ["as_of_period", "plan_facts", "province_of", "slug"]

_KINDS: Final = (
    ("/kh-", "plan"),
    ("/bc-", "report"),
    ("-nq/", "resolution"),
    ("/nq-", "resolution"),
    ("/qđ-", "decision"),
    ("-ctr/", "programme"),
)
_STAMP_RE: Final = re.compile(r"^\s*date\s+[0-9-]+\s*")
_NUMBER_RE: Final = re.compile(r"(?:Số|Số hiệu)\s*[:|]\s*([0-9]+(?:[/-][0-9A-Za-zĐđ]+)+)")
# -- the document's facts ------------------------------------------------------------------------


def province_of(text: str, given: str | None, catalogue: Catalogue) -> tuple[str, str]:
    """The province id and how it was established."""
    low = fold(text)
    counts: Counter[str] = Counter()
    for province in catalogue.provinces:
        if province.kind == "nation":
            continue
        name = fold(province.name.vi)
        pattern = re.compile(r"(?<!\w)(?:tỉnh|thành phố)\s+" + re.escape(name) + r"(?!\w)")
        counts[province.id] = len(pattern.findall(low))
    if given is not None:
        catalogue.province(given)  # an unknown id raises, with the closest ids
        return given, "named-in-text" if counts[given] else "publisher"
    named = [(n, p) for p, n in counts.items() if n]
    if not named:
        raise ParseError(
            "the text names no province ('tỉnh ...'); give the province id (province=...)"
        )
    named.sort(reverse=True)
    if len(named) > 1 and named[0][0] == named[1][0]:
        raise ParseError(
            f"the text names {named[0][1]!r} and {named[1][1]!r} as often; give the province "
            "id (province=...)"
        )
    return named[0][1], "named-in-text"


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def _title(text: str) -> str:
    for line in text.split("\n"):
        cleaned = " ".join(_STAMP_RE.sub("", line).replace("|", " ").split())
        if cleaned:
            return cleaned[:300].rstrip()
    return "(untitled)"


def plan_facts(text: str, date: Period | None) -> dict[str, Any]:
    head = text[:3000]
    match = _NUMBER_RE.search(head)
    number = match.group(1) if match else None
    title = _title(text)
    kind = "report" if fold(title).startswith("báo cáo") else "plan"
    for mark, mark_kind in _KINDS:
        if number and mark in fold(number):
            kind = mark_kind
            break
    facts: dict[str, Any] = {"kind": kind, "title": {"vi": title}}
    if number:
        facts["number"] = number
        if date is not None and date.day is not None:
            facts["issued"] = dt.date(date.year, date.month or 1, date.day)
    return facts


def as_of_period(value: object) -> Period | None:
    if value is None:
        return None
    if isinstance(value, Period):
        return value
    if isinstance(value, dt.date):
        return Period(value.year, month=value.month, day=value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        return Period(value)
    raise ParseError(f"as_of must be a year, a date or a Period, got {value!r}")
