"""Hypothesis strategies for sodoan's documents, for your own tests.

The strategies that test sodoan itself, published so that a service can test its handling of
sodoan documents against the same rules::

    from hypothesis import given
    from sodoan import testing

    @given(testing.documents("actual"))
    def test_my_service_accepts_valid_actuals(document):
        assert my_service.post("/actuals", json=document).status_code == 201

    @given(testing.broken_documents("actual"))
    def test_my_service_rejects_broken_actuals(broken):
        response = my_service.post("/actuals", json=broken.document)
        assert response.status_code == 422, str(broken)

- :func:`documents` draws valid documents of a kind in their JSON form, :func:`models` the same
  as sodoan objects; the kinds (:data:`KINDS`) are the names of the JSON Schemas.
- :func:`broken_documents` draws documents with one field broken in a known way
  (:data:`FAULTS`), as :class:`Broken` records that say what was broken and where.
- The building blocks (:func:`measures`, :func:`periods`, :func:`targets`, :func:`plans`, ...)
  compose into strategies of your own.

Every strategy that draws ids takes ``catalogue=`` (a :class:`sodoan.Catalogue`; the bundled
one by default), so documents refer to your own indicators and provinces. This module imports
hypothesis; ``import sodoan`` does not import it.
"""

from sodoan.testing._broken import BAD_DECIMALS, BAD_UNITS, FAULTS, Broken, broken_documents
from sodoan.testing._documents import (
    KINDS,
    actuals,
    agencies,
    budget_lines,
    budgets,
    documents,
    indicators,
    models,
    pillars,
    plans,
    provinces,
    responsibilities,
    source_documents,
    targets,
)
from sodoan.testing._values import (
    Rule,
    actual_measures,
    baseline_measures,
    dates,
    decimals,
    ids,
    level_measures,
    measures,
    periods,
    slugs,
    sources,
    texts,
    years,
)

__all__ = [
    "BAD_DECIMALS",
    "BAD_UNITS",
    "FAULTS",
    "KINDS",
    "Broken",
    "Rule",
    "actual_measures",
    "actuals",
    "agencies",
    "baseline_measures",
    "broken_documents",
    "budget_lines",
    "budgets",
    "dates",
    "decimals",
    "documents",
    "ids",
    "indicators",
    "level_measures",
    "measures",
    "models",
    "periods",
    "pillars",
    "plans",
    "provinces",
    "responsibilities",
    "slugs",
    "source_documents",
    "sources",
    "targets",
    "texts",
    "years",
]
