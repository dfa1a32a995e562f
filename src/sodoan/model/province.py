"""Provinces and centrally-run cities, with the July 2025 mergers."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from sodoan._base import Record
from sodoan._types import DocumentNumber, IsoDate, LongText, Slug
from sodoan.model._refs import ProvinceId
from sodoan.model.source import Source
from sodoan.model.text import Names

__all__ = ["AdminCode", "Merger", "Province"]


class AdminCode(Record):
    """An official administrative code of a province (mã số đơn vị hành chính cấp tỉnh), and
    when it applies."""

    code: str = Field(pattern=r"^[0-9]{2}$")
    """The two-digit code, as in the official list (``08``)."""

    valid_from: IsoDate | None = None
    """First day the code applies to this province, if known."""

    valid_to: IsoDate | None = None
    """Last day it applies, if it no longer does."""

    basis: DocumentNumber
    """The decision that assigns it (``19/2025/QĐ-TTg``)."""

    source: Source
    """Where the code was read (the list's row, quoted)."""


class Merger(Record):
    """Provinces merged into this one on a date (their territory joined this province)."""

    date: IsoDate
    """First day of the merged province (``2025-07-01``)."""

    provinces: list[ProvinceId] = Field(min_length=1, max_length=10)
    """Ids of the provinces merged in."""


class Province(Record):
    """A province (tỉnh) or centrally-run city (thành phố trực thuộc trung ương).

    On 1 July 2025 Vietnam's 63 provinces became 34 (Nghị quyết 202/2025/QH15 of 12 June 2025).
    A province merged into another has ``valid_to`` 2025-06-30 and a ``successor``; the
    province that absorbed it keeps its id and lists the merger in ``mergers``, because its
    territory (and so its figures) changed on that day although its name did not.
    """

    id: Slug
    """Stable id, e.g. ``tuyen-quang``."""

    name: Names
    """Vietnamese and English names."""

    kind: Literal["province", "city", "nation"]
    """``province`` (tỉnh), ``city`` (thành phố trực thuộc trung ương), or ``nation`` (the
    country as a whole, ``viet-nam``: the scope of national programmes and rankings)."""

    valid_from: IsoDate | None = None
    """First day this unit existed with this id, when relevant."""

    valid_to: IsoDate | None = None
    """Last day this unit existed (``2025-06-30`` for provinces merged away); none if current."""

    successor: ProvinceId | None = None
    """The province this one was merged into."""

    mergers: list[Merger] = Field(default_factory=list, max_length=10)
    """Provinces merged into this one, by date."""

    codes: list[AdminCode] = Field(default_factory=list, max_length=10)
    """Official administrative codes, with the period each applies to."""

    note: LongText | None = None
    """Legal basis and remarks."""

    def code_on(self, day: dt.date) -> str | None:
        """The official code that applies on ``day``, if known."""
        for code in self.codes:
            if (code.valid_from is None or code.valid_from <= day) and (
                code.valid_to is None or day <= code.valid_to
            ):
                return code.code
        return None

    def exists_on(self, day: dt.date) -> bool:
        """Whether the province existed (under this id) on ``day``."""
        if self.valid_from is not None and day < self.valid_from:
            return False
        return self.valid_to is None or day <= self.valid_to

    def territory_changed_between(self, start: dt.date, end: dt.date) -> bool:
        """Whether a merger changed this province's territory after ``start`` and by ``end``."""
        low, high = min(start, end), max(start, end)
        return any(low < merger.date <= high for merger in self.mergers)

    def __repr__(self) -> str:
        return f"<Province {self.id}>"
