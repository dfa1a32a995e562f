"""What :func:`~sodoan.extract` read, and what it left for a person to review."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from sodoan._base import Record
from sodoan._types import LongText, Quote, ShortText, WholeCount
from sodoan.measure import Measure
from sodoan.model.plan import Plan

__all__ = ["Extraction", "ReviewItem", "ReviewReason"]

#: Why a figure was left out of the plan:
#:
#: * ``no-indicator``: no indicator of the catalogue names it (or its unit fits none);
#: * ``no-year``: a result whose text and headings state no year (an actual needs a period);
#: * ``target-or-result``: no heading and no word around it says which it is;
#: * ``not-a-level``: it is measured against something, not a level ("đạt 79% kế hoạch",
#:   "tăng 20%" of an unstated base);
#: * ``no-unit``: a number with no unit and no noun after it that no count indicator names;
#: * ``range``: a result reported as a range;
#: * ``quoted-target``: a target quoted beside a result ("(chỉ tiêu 60%)");
#: * ``no-funding``: a budget line whose label names no funding source;
#: * ``invalid``: the models reject the record built from it (the detail says why).
ReviewReason = Literal[
    "no-indicator",
    "no-year",
    "target-or-result",
    "not-a-level",
    "no-unit",
    "range",
    "quoted-target",
    "no-funding",
    "invalid",
]


class ReviewItem(Record):
    """A figure of the document that was not put in the plan, with the reason."""

    kind: Literal["target", "actual", "budget", "figure"]
    """What it was read as (``figure`` when it could not be told)."""

    reason: ReviewReason
    """Why it was left out."""

    clause: ShortText
    """Where it stands in the document (``Phần I, mục 7.a``)."""

    quote: Quote
    """The words around it, copied from the document."""

    start: WholeCount
    """Offset of the figure in the document's text."""

    end: WholeCount
    """Offset just after the figure."""

    text: Quote
    """The figure as written, with its cue words (``đạt trên 80%``)."""

    value: Measure | None = None
    """The value read, when one was."""

    indicator: str | None = None
    """The indicator read, when one was."""

    year: int | None = None
    """The year read, when one was."""

    detail: LongText | None = None
    """More about the reason (the models' message for ``invalid``)."""


class Extraction(Record):
    """The result of :func:`~sodoan.extract`: a plan, and what was left for review."""

    plan: Plan
    """The plan document, valid under ``schemas/plan.schema.json``."""

    review: list[ReviewItem] = Field(default_factory=list)
    """The figures left out, in document order, each with its reason."""
