"""Plans: the documents that set targets, report actuals, assign agencies and budget money."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import (
    Field,
    GetJsonSchemaHandler,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from sodoan._base import Record
from sodoan._display import render
from sodoan._exact import to_plain_string, value_json_schema
from sodoan._types import DocumentNumber, IsoDate, LongText, ShortText, Slug, Year
from sodoan.measure import Measure
from sodoan.model._refs import AgencyId, PillarId, ProvinceId, codes_in
from sodoan.model.actual import Actual
from sodoan.model.source import Source
from sodoan.model.target import Target
from sodoan.model.text import LocalizedText
from sodoan.period import Period
from sodoan.units import UNIT_CODES, dimension

__all__ = [
    "Budget",
    "BudgetLine",
    "FundingSource",
    "Plan",
    "PlanKind",
    "Responsibility",
    "Role",
    "YearRange",
]

PlanKind = Literal["plan", "resolution", "decision", "programme", "report"]

#: ``recurrent`` (kinh phí sự nghiệp), ``investment`` (đầu tư), ``socialised`` (xã hội hóa),
#: ``central`` and ``local`` budget, ``other`` (khác).
FundingSource = Literal["recurrent", "investment", "socialised", "central", "local", "other"]

#: ``lead`` (chủ trì), ``coordinate`` (phối hợp), ``assigned`` (given the task, role unstated).
Role = Literal["lead", "coordinate", "assigned"]

_MONEY_UNITS = [u for u in UNIT_CODES if dimension(u) in ("[currency_vnd]", "[currency_usd]")]
_MAX_ITEMS = 5000


def _check_money(measure: Measure | None) -> Measure | None:
    if measure is None:
        return None
    if measure.unit not in _MONEY_UNITS:
        raise PydanticCustomError(
            "money_unit_required",
            "A budget amount must be in a currency unit ({units}); got {unit}",
            {"units": ", ".join(_MONEY_UNITS), "unit": measure.unit},
        )
    if measure.value.is_signed():
        raise PydanticCustomError(
            "money_negative",
            "A budget amount must be >= 0; got {value} {unit}",
            {"value": to_plain_string(measure.value), "unit": measure.unit},
        )
    return measure


def _money_schema(
    handler: GetJsonSchemaHandler, schema: core_schema.CoreSchema, *fields: str
) -> JsonSchemaValue:
    json_schema = handler.resolve_ref_schema(handler(schema))
    money = {
        "properties": {"unit": {"enum": _MONEY_UNITS}, "value": value_json_schema("nonnegative")}
    }
    json_schema["allOf"] = [{"properties": {field: money}} for field in fields]
    return json_schema


class YearRange(Record):
    """The years a plan covers, both inclusive (``2021-2025``)."""

    start: Year
    """First year."""

    end: Year
    """Last year."""

    @model_validator(mode="after")
    def _ordered(self) -> YearRange:
        if self.start > self.end:
            raise PydanticCustomError(
                "range_reversed",
                "The period starts ({start}) after it ends ({end})",
                {"start": self.start, "end": self.end},
            )
        return self


class BudgetLine(Record):
    """One funding source's amount in a budget statement."""

    funding: FundingSource
    """Kind of funding source."""

    label: ShortText
    """The line's label as written (``Nguồn kinh phí sự nghiệp``)."""

    amount: Measure
    """The amount, in the scale the document uses (``million_VND``)."""

    source: Source
    """Where the line is stated."""

    @field_validator("amount")
    @classmethod
    def _money(cls, amount: Measure) -> Measure:
        _check_money(amount)
        return amount

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _money_schema(handler, schema, "amount")


class Budget(Record):
    """A budget statement: a stated total and its lines by funding source, kept as written.

    The lines need not add up to the total: documents sometimes disagree with themselves, and
    :meth:`sodoan.Dataset.check` reports it.
    """

    id: Slug
    """Id unique within the dataset."""

    period: Period
    """The year (or other period) the money is for."""

    purpose: ShortText
    """What the money is for, as written."""

    total: Measure | None = None
    """The stated total, if the document states one."""

    lines: list[BudgetLine] = Field(default_factory=list, max_length=200)
    """Amounts by funding source."""

    source: Source
    """Where the total (or the statement) is made."""

    @field_validator("total")
    @classmethod
    def _money(cls, total: Measure | None) -> Measure | None:
        return _check_money(total)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _money_schema(handler, schema, "total")


class Responsibility(Record):
    """A task a plan gives an agency, and the role it plays."""

    agency: AgencyId
    """The agency given the task."""

    role: Role
    """``lead`` (chủ trì), ``coordinate`` (phối hợp) or ``assigned``."""

    task: LongText
    """The task, as written (possibly shortened with "...")."""

    partners: list[AgencyId] = Field(default_factory=list, max_length=50)
    """Agencies it works with on the task."""

    source: Source
    """Where the task is assigned."""


class Plan(Record):
    """A plan (kế hoạch), resolution (nghị quyết), decision or programme, as read from sources.

    When a plan is known only through a news article, the plan's fields hold what the article
    says of it and every figure's :class:`~sodoan.Source` names the article (``document``) and
    the plan it reports on (``cites``).
    """

    id: Slug
    """Id unique within the dataset, e.g. ``tuyen-quang-60-kh-ubnd-2025``."""

    kind: PlanKind
    """``plan`` (kế hoạch), ``resolution`` (nghị quyết), ``decision`` (quyết định),
    ``programme`` (chương trình) or ``report`` (báo cáo, including a published ranking)."""

    number: DocumentNumber | None = None
    """Document number (``60/KH-UBND``), when known."""

    title: LocalizedText
    """Title, as written."""

    province: ProvinceId
    """Province the plan is for; ``viet-nam`` for a national document. A national document's
    targets are the nation's, but its actuals may be any province's (a ranking table)."""

    province_basis: Literal["named-in-text", "publisher"]
    """How the province was established: named in the text, or only from the publisher of the
    article that reports the plan."""

    issuer: AgencyId | None = None
    """Issuing body."""

    signer: ShortText | None = None
    """Person who signed, as printed."""

    issued: IsoDate | None = None
    """Date of issue."""

    effective: IsoDate | None = None
    """Date it takes effect."""

    period: YearRange | None = None
    """Years the plan covers."""

    implements: list[DocumentNumber] = Field(default_factory=list, max_length=100)
    """Numbers of the documents it implements (``48-NQ/TU``, ``411/QĐ-TTg``)."""

    supersedes: list[DocumentNumber] = Field(default_factory=list, max_length=100)
    """Numbers of the plans it replaces."""

    pillars: list[PillarId] = Field(default_factory=list, max_length=50)
    """Pillars and foundations the plan is organised by."""

    documents: list[Slug] = Field(min_length=1, max_length=50)
    """Ids of the source documents this record was read from."""

    source: Source | None = None
    """Where the plan's number, date and issuer are stated."""

    targets: list[Target] = Field(default_factory=list, max_length=_MAX_ITEMS)
    """What the plan promises."""

    actuals: list[Actual] = Field(default_factory=list, max_length=_MAX_ITEMS)
    """Results the plan reports."""

    responsibilities: list[Responsibility] = Field(default_factory=list, max_length=_MAX_ITEMS)
    """Tasks given to agencies."""

    budgets: list[Budget] = Field(default_factory=list, max_length=200)
    """Budget statements."""

    note: LongText | None = None
    """The encoder's remarks."""

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> Plan:
        if self.issued is not None and self.effective is not None and self.effective < self.issued:
            raise PydanticCustomError(
                "effective_before_issued",
                "effective ({effective}) is before issued ({issued})",
                {"effective": str(self.effective), "issued": str(self.issued)},
            )
        _unique("target", (t.id for t in self.targets))
        _unique("actual", (a.id for a in self.actuals))
        _unique("budget", (b.id for b in self.budgets))
        for index, target in enumerate(self.targets):
            _same_province(self.province, target.province, f"targets.{index}")
            if self.issued is not None and target.due is not None and target.due.end < self.issued:
                raise PydanticCustomError(
                    "due_before_issued",
                    "targets.{index}.due ({due}) ends before the plan was issued ({issued})",
                    {"index": index, "due": str(target.due), "issued": str(self.issued)},
                )
        if not codes_in(info).is_nation(self.province):  # a national report covers provinces
            for index, actual in enumerate(self.actuals):
                _same_province(self.province, actual.province, f"actuals.{index}")
        return self

    def _repr_html_(self) -> str:
        return str(render("html", self))

    def __repr__(self) -> str:
        return f"<Plan {self.number or self.id} ({self.province})>"


def _unique(kind: str, ids: Iterable[str]) -> None:
    repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
    if repeated:
        raise PydanticCustomError(
            "duplicate_id",
            "{kind} ids must be unique; repeated: {ids}",
            {"kind": kind, "ids": ", ".join(repeated)},
        )


def _same_province(plan: str, item: str, where: str) -> None:
    if plan != item:
        raise PydanticCustomError(
            "province_mismatch",
            "{where}.province is '{item}' but the plan is for '{plan}'",
            {"where": where, "item": item, "plan": plan},
        )
