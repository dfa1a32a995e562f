"""How sodoan's objects are shown: HTML for notebooks, text for measures, charts.

Importing this package registers every view with :mod:`sodoan._display`; the models' thin
``_repr_html_``, ``Measure.format`` and ``Comparison.plot`` find them there. The package
``sodoan`` imports it on the first view asked for, so nobody needs to import it by hand.
"""

from __future__ import annotations

from typing import Any

from sodoan._display import register
from sodoan.assessment import Assessment
from sodoan.checks import Finding
from sodoan.measure import Measure
from sodoan.model import Actual, Plan, Target
from sodoan.numbers import format_measure
from sodoan.reports import Comparison, ProgressReport
from sodoan.views import _html

__all__: list[str] = []

register("text", Measure)(format_measure)
register("html", Target)(_html.target_html)
register("html", Actual)(_html.actual_html)
register("html", Plan)(_html.plan_html)
register("html", Assessment)(_html.assessment_html)
register("html", Finding)(_html.finding_html)
register("html", Comparison)(_html.comparison_html)
register("html", ProgressReport)(_html.progress_html)


@register("plot", Comparison)
def _plot(comparison: Comparison, ax: Any = None) -> Any:
    from sodoan.views._plot import plot_comparison  # matplotlib is imported only to draw

    return plot_comparison(comparison, ax)
