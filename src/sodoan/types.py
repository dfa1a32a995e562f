"""sodoan's reusable field types, for your own pydantic models.

Each is an ``Annotated`` type that validates as sodoan's models do and states the same rule in
JSON Schema::

    from pydantic import BaseModel
    from sodoan.types import ExactDecimal, IndicatorId, IsoDate

    class MyFigure(BaseModel):
        indicator: IndicatorId      # checked against the catalogue in use
        value: ExactDecimal         # "98.26" -> Decimal('98.26'), never a float
        reported: IsoDate           # YYYY-MM-DD only

* :data:`ExactDecimal`: a ``Decimal`` whose JSON form is a decimal string (or a JSON number a
  double holds exactly); NaN, infinities, exponents and grouping are rejected.
* :data:`Slug`: a kebab-case id; :data:`ShortText`, :data:`LongText`, :data:`Quote`: text people
  read (NFC, no control characters); :data:`DocumentNumber` (``60/KH-UBND``), :data:`Url`,
  :data:`FileName`; :data:`IsoDate`; :data:`Year` (1945-2100).
* :data:`IndicatorId`, :data:`ProvinceId`, :data:`PillarId`, :data:`AgencyId`: ids of the
  catalogue in use (``context={"catalogue": ...}``, the bundled one by default).
"""

from __future__ import annotations

from sodoan._exact import ExactDecimal
from sodoan._types import (
    DocumentNumber,
    FileName,
    IsoDate,
    LongText,
    Quote,
    ShortText,
    Slug,
    Url,
    WholeNumber,
    Year,
)
from sodoan.model._refs import AgencyId, IndicatorId, PillarId, ProvinceId

__all__ = [
    "AgencyId",
    "DocumentNumber",
    "ExactDecimal",
    "FileName",
    "IndicatorId",
    "IsoDate",
    "LongText",
    "PillarId",
    "ProvinceId",
    "Quote",
    "ShortText",
    "Slug",
    "Url",
    "WholeNumber",
    "Year",
]
