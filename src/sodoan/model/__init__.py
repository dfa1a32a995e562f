"""sodoan's information model: one module per concept."""

from sodoan.model.actual import Actual, Fraction, Qualifier
from sodoan.model.agency import Agency, AgencyKind
from sodoan.model.indicator import Direction, Indicator, IndicatorKind
from sodoan.model.pillar import Pillar
from sodoan.model.plan import (
    Budget,
    BudgetLine,
    FundingSource,
    Plan,
    PlanKind,
    Responsibility,
    Role,
    YearRange,
)
from sodoan.model.province import AdminCode, Merger, Province
from sodoan.model.source import Source, SourceDocument
from sodoan.model.target import AdminLevel, Baseline, Comparator, Target
from sodoan.model.text import Definition, LocalizedText, Names

__all__ = [
    "Actual",
    "AdminCode",
    "AdminLevel",
    "Agency",
    "AgencyKind",
    "Baseline",
    "Budget",
    "BudgetLine",
    "Comparator",
    "Definition",
    "Direction",
    "Fraction",
    "FundingSource",
    "Indicator",
    "IndicatorKind",
    "LocalizedText",
    "Merger",
    "Names",
    "Pillar",
    "Plan",
    "PlanKind",
    "Province",
    "Qualifier",
    "Responsibility",
    "Role",
    "Source",
    "SourceDocument",
    "Target",
    "YearRange",
]
