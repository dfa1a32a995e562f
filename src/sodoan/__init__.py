"""sodoan: a typed, unit-aware data model of Vietnamese provincial digital-transformation plans.

The public names are loaded on first use (PEP 562), the way pydantic loads its own: ``import
sodoan`` imports neither pint, babel, pandas nor matplotlib and builds no unit registry, so it
costs about as much as ``import pydantic``. The errors are imported eagerly, so ``except
sodoan.SodoanError`` never loads anything.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sodoan import _display
from sodoan.errors import (
    AssessmentError,
    DataError,
    MissingDependencyError,
    NotAdditiveError,
    NumberFormatError,
    ParseError,
    PeriodError,
    SodoanError,
    UnitError,
    UnitMismatchError,
    UnknownIdError,
    UnknownUnitError,
    UnsupportedLocaleError,
    ValueRangeError,
)

if TYPE_CHECKING:
    from sodoan.assessment import (
        Assessment,
        MarginInterval,
        Outcome,
        Outcomes,
        assess,
        assess_many,
    )
    from sodoan.assessment.frame import assess_frame, pairs_frame
    from sodoan.bulk import RecordError, ValidationReport, validate_jsonl
    from sodoan.catalogue import Catalogue
    from sodoan.checks import Finding
    from sodoan.dataset import Dataset, load
    from sodoan.exports import export
    from sodoan.measure import Measure
    from sodoan.model import (
        Actual,
        Agency,
        Budget,
        BudgetLine,
        Indicator,
        Pillar,
        Plan,
        Province,
        Responsibility,
        Source,
        SourceDocument,
        Target,
    )
    from sodoan.numbers import (
        default_locale,
        format_measure,
        format_number,
        parse_measure,
        parse_number,
        set_default_locale,
    )
    from sodoan.parsing import (
        Extraction,
        ParsedActual,
        ParsedTarget,
        ReviewItem,
        extract,
        parse_actual,
        parse_target,
    )
    from sodoan.period import Period
    from sodoan.reports import Comparison, ComparisonRow, ProgressReport, compare, progress
    from sodoan.units import UNIT_CODES, UnitCode

# Public name -> module that defines it; loaded by __getattr__ on first access.
_LAZY: dict[str, str] = {
    **dict.fromkeys(
        ["Assessment", "MarginInterval", "Outcome", "Outcomes", "assess", "assess_many"],
        "sodoan.assessment",
    ),
    **dict.fromkeys(["assess_frame", "pairs_frame"], "sodoan.assessment.frame"),
    **dict.fromkeys(["RecordError", "ValidationReport", "validate_jsonl"], "sodoan.bulk"),
    "Catalogue": "sodoan.catalogue",
    "Finding": "sodoan.checks",
    **dict.fromkeys(["Dataset", "load"], "sodoan.dataset"),
    "export": "sodoan.exports",
    "Measure": "sodoan.measure",
    **dict.fromkeys(
        [
            "Actual",
            "Agency",
            "Budget",
            "BudgetLine",
            "Indicator",
            "Pillar",
            "Plan",
            "Province",
            "Responsibility",
            "Source",
            "SourceDocument",
            "Target",
        ],
        "sodoan.model",
    ),
    **dict.fromkeys(
        [
            "default_locale",
            "format_measure",
            "format_number",
            "parse_measure",
            "parse_number",
            "set_default_locale",
        ],
        "sodoan.numbers",
    ),
    **dict.fromkeys(
        [
            "Extraction",
            "ParsedActual",
            "ParsedTarget",
            "ReviewItem",
            "extract",
            "parse_actual",
            "parse_target",
        ],
        "sodoan.parsing",
    ),
    "Period": "sodoan.period",
    **dict.fromkeys(
        ["Comparison", "ComparisonRow", "ProgressReport", "compare", "progress"], "sodoan.reports"
    ),
    **dict.fromkeys(["UNIT_CODES", "UnitCode"], "sodoan.units"),
}

__all__ = [
    "UNIT_CODES",
    "Actual",
    "Agency",
    "Assessment",
    "AssessmentError",
    "Budget",
    "BudgetLine",
    "Catalogue",
    "Comparison",
    "ComparisonRow",
    "DataError",
    "Dataset",
    "Extraction",
    "Finding",
    "Indicator",
    "MarginInterval",
    "Measure",
    "MissingDependencyError",
    "NotAdditiveError",
    "NumberFormatError",
    "Outcome",
    "Outcomes",
    "ParseError",
    "ParsedActual",
    "ParsedTarget",
    "Period",
    "PeriodError",
    "Pillar",
    "Plan",
    "ProgressReport",
    "Province",
    "RecordError",
    "Responsibility",
    "ReviewItem",
    "SodoanError",
    "Source",
    "SourceDocument",
    "Target",
    "UnitCode",
    "UnitError",
    "UnitMismatchError",
    "UnknownIdError",
    "UnknownUnitError",
    "UnsupportedLocaleError",
    "ValidationReport",
    "ValueRangeError",
    "__version__",
    "assess",
    "assess_frame",
    "assess_many",
    "compare",
    "default_locale",
    "export",
    "extract",
    "format_measure",
    "format_number",
    "load",
    "pairs_frame",
    "parse_actual",
    "parse_measure",
    "parse_number",
    "parse_target",
    "progress",
    "set_default_locale",
    "validate_jsonl",
]


def _load_views() -> None:
    from sodoan import views  # noqa: F401  (importing it registers every view)


# The top of the house gives the view registry its loader: models, measures and reports ask
# the registry for their views without importing the modules that draw them.
_display.set_loader(_load_views)


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        value: Any = version("sodoan")
    elif name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
    else:
        raise AttributeError(f"module 'sodoan' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*__all__, *(n for n in globals() if n.startswith("__"))})
