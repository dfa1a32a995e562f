"""Agencies that plans assign work to."""

from __future__ import annotations

from typing import Literal

from sodoan._base import Record
from sodoan._types import LongText, Slug
from sodoan.model._refs import AgencyId, ProvinceId
from sodoan.model.text import Names

__all__ = ["Agency", "AgencyKind"]

AgencyKind = Literal[
    "peoples-committee",
    "office",
    "department",
    "police",
    "party",
    "front",
    "press",
    "enterprise",
    "steering-committee",
    "association",
    "government",
]


class Agency(Record):
    """A body that plans name: Ủy ban nhân dân tỉnh, a Sở, Công an tỉnh, a newspaper, ...

    ``kind``: ``peoples-committee`` (UBND at any level), ``office`` (Văn phòng UBND),
    ``department`` (Sở), ``police`` (Công an), ``party`` (Tỉnh ủy and its bodies), ``front``
    (Mặt trận Tổ quốc and socio-political organisations), ``press``, ``enterprise``,
    ``steering-committee`` (Ban Chỉ đạo), ``association`` (Hiệp hội), ``government`` (central
    government bodies such as the Prime Minister).
    """

    id: Slug
    """Stable id, e.g. ``tuyen-quang-so-tai-chinh``."""

    name: Names
    """Vietnamese and English names."""

    kind: AgencyKind
    """What kind of body it is."""

    province: ProvinceId | None = None
    """Province of a provincial body; none for central bodies."""

    parent: AgencyId | None = None
    """The body it belongs to, if any."""

    successor: AgencyId | None = None
    """The body that took over its work after a reorganisation."""

    note: LongText | None = None
    """Remarks (reorganisations, groups of bodies named together)."""

    def __repr__(self) -> str:
        return f"<Agency {self.id}>"
