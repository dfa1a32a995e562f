"""Hypothesis strategies shared by the test modules: those of :mod:`sodoan.testing` (the public
strategies users test their own data with), under the names the tests use."""

from __future__ import annotations

from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from sodoan import testing
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
from sodoan.testing import (
    actual_measures,
    actuals,
    baseline_measures,
    indicators,
    level_measures,
    measures,
    plans,
    targets,
)
from sodoan.testing import decimals as decimals_for

__all__ = [
    "MODEL_STRATEGIES",
    "actual_measures",
    "actuals",
    "agency_ids",
    "baseline_measures",
    "dates",
    "decimals_for",
    "indicator_ids",
    "indicators",
    "level_measures",
    "measures",
    "periods",
    "pillar_ids",
    "plans",
    "province_ids",
    "scaled",
    "short_text",
    "slugs",
    "sources",
    "targets",
    "years",
]

slugs = testing.slugs()
short_text = testing.texts()
years = testing.years()
dates = testing.dates()
periods = testing.periods()
sources = testing.sources()
indicator_ids = testing.ids("indicator")
province_ids = testing.ids("province")
agency_ids = testing.ids("agency")
pillar_ids = testing.ids("pillar")

#: Every model class with a strategy for it (used by the round-trip property).
MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Measure: testing.measures(),
    Source: testing.sources(),
    Target: testing.targets(),
    Actual: testing.actuals(),
    Budget: testing.budgets(),
    BudgetLine: testing.budget_lines(),
    Responsibility: testing.responsibilities(),
    Plan: testing.plans(),
    Pillar: testing.pillars(),
    Indicator: testing.indicators(),
    Province: testing.provinces(),
    Agency: testing.agencies(),
    SourceDocument: testing.source_documents(),
}


def scaled(examples: int) -> int:
    """``examples`` under the "ci" profile (200 examples a test), in proportion under the
    others: a test that needs more examples than most keeps its share of the run."""
    return max(10, examples * settings.default.max_examples // 200)
