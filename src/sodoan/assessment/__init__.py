"""Assessment: does an actual meet a target? (the core of sodoan's comparisons).

* :mod:`sodoan.assessment.interval`: what a qualified figure can be; whether a comparator holds.
* :mod:`sodoan.assessment.core`: :func:`assess`, :class:`Assessment`, :func:`assess_many`.
* :mod:`sodoan.assessment.words`: targets, figures and assessments in Vietnamese or English.
"""

from sodoan.assessment.core import (
    DERIVED_PLACES,
    Assessment,
    MarginInterval,
    Outcome,
    Outcomes,
    Status,
    Timing,
    assess,
    assess_many,
)
from sodoan.assessment.interval import APPROXIMATION
from sodoan.assessment.words import figure_text, threshold_text

__all__ = [
    "APPROXIMATION",
    "DERIVED_PLACES",
    "Assessment",
    "MarginInterval",
    "Outcome",
    "Outcomes",
    "Status",
    "Timing",
    "assess",
    "assess_many",
    "figure_text",
    "threshold_text",
]
