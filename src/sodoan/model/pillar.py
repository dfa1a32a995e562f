"""Pillars of digital transformation and the foundations beside them."""

from __future__ import annotations

from typing import Literal

from sodoan._base import Record
from sodoan._types import Slug
from sodoan.model.text import Definition, Names

__all__ = ["Pillar"]


class Pillar(Record):
    """A pillar (Chính quyền số, Kinh tế số, Xã hội số) or a foundation (Hạ tầng số, ...)."""

    id: Slug
    """Stable id: ``digital-government``, ``digital-economy``, ``digital-society``, ..."""

    name: Names
    """Vietnamese and English names."""

    kind: Literal["pillar", "foundation"]
    """``pillar`` for the three pillars, ``foundation`` for what plans list beside them."""

    description: Definition
    """What the pillar covers."""

    def __repr__(self) -> str:
        return f"<Pillar {self.id}>"
