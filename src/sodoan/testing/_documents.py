"""Strategies for sodoan's models and documents: targets, actuals, plans and the codelists."""

from __future__ import annotations

import datetime as dt
import json
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final, TypeVar

from hypothesis import strategies as st
from pydantic import BaseModel

from sodoan.measure import Measure
from sodoan.model import (
    Actual,
    AdminLevel,
    Agency,
    AgencyKind,
    Baseline,
    Budget,
    BudgetLine,
    Comparator,
    Definition,
    Direction,
    Fraction,
    Indicator,
    LocalizedText,
    Merger,
    Names,
    Pillar,
    Plan,
    PlanKind,
    Province,
    Qualifier,
    Responsibility,
    Role,
    SourceDocument,
    Target,
    YearRange,
)
from sodoan.model._refs import CONTEXT_KEY, Codes
from sodoan.model._rules import change_units
from sodoan.period import Period
from sodoan.testing._values import (
    actual_measures,
    baseline_measures,
    codes_of,
    dates,
    document_numbers,
    ids,
    level_measures,
    measures,
    periods,
    slugs,
    sources,
    texts,
    urls,
    years,
)

if TYPE_CHECKING:
    from sodoan.catalogue import Catalogue

__all__ = [
    "KINDS",
    "MODEL_OF",
    "actuals",
    "agencies",
    "budget_lines",
    "budgets",
    "check_kind",
    "documents",
    "indicators",
    "models",
    "pillars",
    "plans",
    "provinces",
    "responsibilities",
    "source_documents",
    "targets",
    "to_json",
]

M = TypeVar("M", bound=BaseModel)


def _choices(kind: Any) -> list[str]:
    """The values of a ``Literal`` type, or of a model field typed by one (``(Model, field)``):
    the strategies draw from the models' own lists."""
    if isinstance(kind, tuple):
        model, field = kind
        kind = model.model_fields[field].annotation
    return list(typing.get_args(kind))


LEVELS: Final = _choices(AdminLevel)
QUALIFIERS: Final = _choices(Qualifier)


def _validated(model: type[M], data: Mapping[str, Any], codes: Codes) -> M:
    """``data`` validated by the model itself, with ``codes`` as the catalogue in use."""
    return model.model_validate(dict(data), context={CONTEXT_KEY: codes})


def _unique_by_id(items: list[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


# -- figures -------------------------------------------------------------------------------


def targets(
    province: str | None = None,
    due_after: dt.date | None = None,
    catalogue: Catalogue | Codes | None = None,
) -> st.SearchStrategy[Target]:
    """Valid targets of every comparator (for ``province`` if given; due on or after
    ``due_after`` if given; ids from ``catalogue``, default the bundled one)."""
    codes = codes_of(catalogue)

    @st.composite
    def build(draw: st.DrawFn) -> Target:
        indicator = draw(ids("indicator", codes))
        comparator = draw(st.sampled_from(_choices(Comparator)))
        value = draw(level_measures(indicator, codes))
        upper = None
        if comparator == "between":
            other = draw(level_measures(indicator, codes))
            value, upper = (value, other) if value <= other else (other, value)
        due = draw(st.none() | periods())
        if due is not None and due_after is not None and due.end < due_after:
            due = Period(max(due_after.year, due.year))
        baseline = draw(
            st.none()
            | st.builds(Baseline, value=baseline_measures(indicator, codes), period=periods())
        )
        data = {
            "id": draw(slugs()),
            "indicator": indicator,
            "province": province or draw(ids("province", codes)),
            "level": draw(st.none() | st.sampled_from(LEVELS)),
            "comparator": comparator,
            "value": value,
            "upper": upper,
            "due": due,
            "baseline": baseline,
            "source": draw(sources()),
            "note": draw(st.none() | texts()),
        }
        return _validated(Target, data, codes)

    return build()


def actuals(
    province: str | None = None, catalogue: Catalogue | Codes | None = None
) -> st.SearchStrategy[Actual]:
    """Valid actuals: levels with every qualifier, and changes since an earlier period (for
    ``province`` if given; ids from ``catalogue``, default the bundled one). A province merged
    away has figures only for periods that began while it existed."""
    codes = codes_of(catalogue)

    @st.composite
    def build(draw: st.DrawFn) -> Actual:
        indicator = draw(ids("indicator", codes))
        chosen = province or draw(ids("province", codes))
        ended = codes.ended(chosen)
        period = draw(periods().filter(lambda p: ended is None or p.start <= ended[0]))
        change_from = draw(
            st.none() | st.just(Period(period.start.year - 1))
            if period.start.year > 1945
            else st.none()
        )
        if change_from is not None:
            value = draw(measures(change_units(codes.facts(indicator)), "any"))
        else:
            value = draw(actual_measures(indicator, codes))
        fraction = draw(
            st.none()
            | st.builds(
                lambda d, n: Fraction(numerator=min(n, d), denominator=d),
                st.integers(1, 500),
                st.integers(0, 500),
            )
        )
        data = {
            "id": draw(slugs()),
            "indicator": indicator,
            "province": chosen,
            "level": draw(st.none() | st.sampled_from(LEVELS)),
            "area": draw(st.none() | texts()),
            "period": period,
            "qualifier": draw(st.sampled_from(QUALIFIERS)),
            "change_from": change_from,
            "value": value,
            "fraction": fraction,
            "source": draw(sources()),
            "note": draw(st.none() | texts()),
        }
        return _validated(Actual, data, codes)

    return build()


def _money() -> st.SearchStrategy[Any]:
    return measures(("VND", "thousand_VND", "million_VND", "billion_VND", "USD"), "nonnegative")


def budget_lines() -> st.SearchStrategy[BudgetLine]:
    """Valid budget lines (an amount of money by funding source)."""
    return st.builds(
        BudgetLine,
        funding=st.sampled_from(
            ["recurrent", "investment", "socialised", "central", "local", "other"]
        ),
        label=texts(),
        amount=_money(),
        source=sources(),
    )


def budgets() -> st.SearchStrategy[Budget]:
    """Valid budgets (their lines need not sum to the stated total: documents disagree)."""
    return st.builds(
        Budget,
        id=slugs(),
        period=periods(),
        purpose=texts(),
        total=st.none() | _money(),
        lines=st.lists(budget_lines(), max_size=4),
        source=sources(),
    )


def responsibilities(
    catalogue: Catalogue | Codes | None = None,
) -> st.SearchStrategy[Responsibility]:
    """Valid responsibilities (an agency leading or coordinating a task)."""
    codes = codes_of(catalogue)

    @st.composite
    def build(draw: st.DrawFn) -> Responsibility:
        data = {
            "agency": draw(ids("agency", codes)),
            "role": draw(st.sampled_from(_choices(Role))),
            "task": draw(texts()),
            "partners": draw(st.lists(ids("agency", codes), max_size=3)),
            "source": draw(sources()),
        }
        return _validated(Responsibility, data, codes)

    return build()


def plans(catalogue: Catalogue | Codes | None = None) -> st.SearchStrategy[Plan]:
    """Valid plans with a few targets, actuals, responsibilities and budgets each."""
    codes = codes_of(catalogue)

    @st.composite
    def build(draw: st.DrawFn) -> Plan:
        province = draw(ids("province", codes))
        issued = draw(st.none() | dates())
        start = draw(years())
        data = {
            "id": draw(slugs()),
            "kind": draw(st.sampled_from(_choices(PlanKind))),
            "number": draw(st.none() | document_numbers()),
            "title": draw(st.builds(LocalizedText, vi=texts(), en=st.none() | texts())),
            "province": province,
            "province_basis": draw(st.sampled_from(_choices((SourceDocument, "province_basis")))),
            "issuer": draw(st.none() | ids("agency", codes)),
            "signer": draw(st.none() | texts()),
            "issued": issued,
            "effective": issued,
            "period": draw(st.none() | st.just(YearRange(start=start, end=min(2100, start + 5)))),
            "implements": draw(st.lists(document_numbers(), max_size=2)),
            "supersedes": draw(st.lists(document_numbers(), max_size=1)),
            "pillars": draw(st.lists(ids("pillar", codes), max_size=3)),
            "documents": draw(st.lists(slugs(), min_size=1, max_size=2)),
            "source": draw(st.none() | sources()),
            "targets": _unique_by_id(draw(st.lists(targets(province, issued, codes), max_size=3))),
            "actuals": _unique_by_id(draw(st.lists(actuals(province, codes), max_size=3))),
            "responsibilities": draw(st.lists(responsibilities(codes), max_size=2)),
            "budgets": _unique_by_id(draw(st.lists(budgets(), max_size=2))),
            "note": draw(st.none() | texts()),
        }
        return _validated(Plan, data, codes)

    return build()


# -- codelists -----------------------------------------------------------------------------


def _names() -> st.SearchStrategy[Names]:
    return st.builds(Names, vi=texts(), en=texts())


def _definitions() -> st.SearchStrategy[Definition]:
    return st.builds(Definition, vi=texts(), en=texts())


def pillars() -> st.SearchStrategy[Pillar]:
    """Valid pillars and foundations."""
    return st.builds(
        Pillar,
        id=slugs(),
        name=_names(),
        kind=st.sampled_from(_choices((Pillar, "kind"))),
        description=_definitions(),
    )


def indicators(catalogue: Catalogue | Codes | None = None) -> st.SearchStrategy[Indicator]:
    """Valid indicators (the unit fits the kind; the pillar is one of ``catalogue``'s)."""
    from sodoan.model.indicator import KIND_DIMENSIONS, units_of_kind

    codes = codes_of(catalogue)

    @st.composite
    def build(draw: st.DrawFn) -> Indicator:
        kind = draw(st.sampled_from(sorted(KIND_DIMENSIONS)))
        data = {
            "id": draw(slugs()),
            "name": draw(_names()),
            "pillar": draw(ids("pillar", codes)),
            "unit": draw(st.sampled_from(units_of_kind(kind))),
            "kind": kind,
            "direction": draw(st.sampled_from(_choices(Direction))),
            "definition": draw(_definitions()),
            "aliases": draw(st.lists(texts(), max_size=3)),
            "note": draw(st.none() | texts()),
        }
        return _validated(Indicator, data, codes)

    return build()


def provinces(catalogue: Catalogue | Codes | None = None) -> st.SearchStrategy[Province]:
    """Valid provinces and cities, with successors and mergers from ``catalogue``."""
    codes = codes_of(catalogue)
    merger = st.builds(
        Merger, date=dates(), provinces=st.lists(ids("province", codes), min_size=1, max_size=2)
    )

    @st.composite
    def build(draw: st.DrawFn) -> Province:
        data = {
            "id": draw(slugs()),
            "name": draw(_names()),
            "kind": draw(st.sampled_from(["province", "city"])),
            "valid_from": draw(st.none() | dates()),
            "valid_to": draw(st.none() | dates()),
            "successor": draw(st.none() | ids("province", codes)),
            "mergers": draw(st.lists(merger, max_size=2)),
            "note": draw(st.none() | texts()),
        }
        return _validated(Province, data, codes)

    return build()


AGENCY_KINDS: Final = _choices(AgencyKind)


def agencies(catalogue: Catalogue | Codes | None = None) -> st.SearchStrategy[Agency]:
    """Valid agencies, with province, parent and successor from ``catalogue``."""
    codes = codes_of(catalogue)

    @st.composite
    def build(draw: st.DrawFn) -> Agency:
        data = {
            "id": draw(slugs()),
            "name": draw(_names()),
            "kind": draw(st.sampled_from(AGENCY_KINDS)),
            "province": draw(st.none() | ids("province", codes)),
            "parent": draw(st.none() | ids("agency", codes)),
            "successor": draw(st.none() | ids("agency", codes)),
            "note": draw(st.none() | texts()),
        }
        return _validated(Agency, data, codes)

    return build()


def source_documents(
    catalogue: Catalogue | Codes | None = None,
) -> st.SearchStrategy[SourceDocument]:
    """Valid source documents (official texts and news articles)."""
    codes = codes_of(catalogue)

    @st.composite
    def build(draw: st.DrawFn) -> SourceDocument:
        data = {
            "id": draw(slugs()),
            "kind": draw(st.sampled_from(_choices((SourceDocument, "kind")))),
            "title": draw(st.none() | texts()),
            "publisher": draw(st.none() | texts()),
            "author": draw(st.none() | texts()),
            "published": draw(st.none() | periods()),
            "url": draw(st.none() | urls()),
            "file": draw(st.none() | st.just("001_95ff1117b97008d4.txt")),
            "province": draw(ids("province", codes)),
            "province_basis": draw(st.sampled_from(_choices((SourceDocument, "province_basis")))),
            "reports_on": draw(st.lists(document_numbers(), max_size=2)),
            "note": draw(st.none() | texts()),
        }
        return _validated(SourceDocument, data, codes)

    return build()


# -- document kinds ------------------------------------------------------------------------


def _codelist(
    entries: Callable[[Catalogue | Codes | None], st.SearchStrategy[Any]],
) -> Callable[[Catalogue | Codes | None], st.SearchStrategy[Any]]:
    return lambda catalogue: st.lists(
        entries(catalogue), min_size=1, max_size=3, unique_by=lambda entry: entry.id
    )


#: Each document kind (a schema name of :mod:`sodoan.schemas`) and the strategy of its models:
#: one model, or a list of them for a codelist file.
_KIND_STRATEGIES: Final[Mapping[str, Callable[[Catalogue | Codes | None], Any]]] = {
    "measure": lambda catalogue: measures(),
    "target": lambda catalogue: targets(catalogue=catalogue),
    "actual": lambda catalogue: actuals(catalogue=catalogue),
    "plan": plans,
    "indicator": indicators,
    "indicators": _codelist(indicators),
    "pillars": _codelist(lambda catalogue: pillars()),
    "provinces": _codelist(provinces),
    "agencies": _codelist(agencies),
    "documents": _codelist(source_documents),
}

KINDS: Final[tuple[str, ...]] = tuple(_KIND_STRATEGIES)
"""The document kinds: the names of the JSON Schemas (``sodoan.schemas.schema_names()``)."""

#: The model of a document of each kind (of each entry, for the codelist kinds).
MODEL_OF: Final[Mapping[str, type[BaseModel]]] = {
    "measure": Measure,
    "target": Target,
    "actual": Actual,
    "plan": Plan,
    "indicator": Indicator,
    "indicators": Indicator,
    "pillars": Pillar,
    "provinces": Province,
    "agencies": Agency,
    "documents": SourceDocument,
}


def check_kind(kind: str) -> None:
    """Raise :class:`sodoan.UnknownIdError` (a ``KeyError``) unless ``kind`` is in KINDS."""
    if kind not in _KIND_STRATEGIES:
        from sodoan.errors import UnknownIdError

        raise UnknownIdError("document kind", kind, KINDS)


def models(kind: str, catalogue: Catalogue | Codes | None = None) -> st.SearchStrategy[Any]:
    """Valid documents of ``kind`` (one of :data:`KINDS`) as sodoan objects: a model such as
    :class:`sodoan.Actual`, or a list of models for the codelist kinds (``indicators``,
    ``pillars``, ``provinces``, ``agencies``, ``documents``)."""
    check_kind(kind)
    strategy: st.SearchStrategy[Any] = _KIND_STRATEGIES[kind](catalogue)
    return strategy


def to_json(value: Any) -> Any:
    """The JSON form of a model or a list of models, as plain Python data."""
    if isinstance(value, list):
        return [to_json(item) for item in value]
    return json.loads(value.model_dump_json())


def documents(kind: str, catalogue: Catalogue | Codes | None = None) -> st.SearchStrategy[Any]:
    """Valid documents of ``kind`` in their JSON form (dicts, lists, strings, numbers), ready to
    send to a service: valid for the models and for ``schemas/<kind>.schema.json``."""
    return models(kind, catalogue).map(to_json)
