"""Hypothesis strategies for sodoan's models, shared by every test module."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st

from sodoan.measure import Measure
from sodoan.model import (
    Actual,
    Agency,
    Baseline,
    Budget,
    BudgetLine,
    Definition,
    Fraction,
    Indicator,
    LocalizedText,
    Merger,
    Names,
    Pillar,
    Plan,
    Province,
    Responsibility,
    Source,
    SourceDocument,
    Target,
    YearRange,
)
from sodoan.model._refs import bundled_codes
from sodoan.model._rules import absolute_rule, absolute_units, change_units, growing_units
from sodoan.period import Period
from sodoan.units import UNIT_CODES, unit_spec


def known_ids(kind: str) -> frozenset[str]:
    return bundled_codes().ids(kind)  # type: ignore[arg-type]


def level_units(indicator: str) -> tuple[str, ...]:
    return absolute_units(bundled_codes().facts(indicator))


def level_rule(indicator: str) -> str:
    return absolute_rule(bundled_codes().facts(indicator))


# -- primitives ---------------------------------------------------------------------------

slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}\Z")

#: Text people read: any character but controls, surrogates and combining marks (NFC Vietnamese).
text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cc", "Cs"),
        blacklist_characters=[chr(c) for c in range(0x300, 0x370)] + ["\x7f"],
    ),
    min_size=1,
    max_size=40,
)
vietnamese = st.sampled_from(
    [
        "Tuyên Quang",
        "Trà Vinh",
        "hồ sơ trực tuyến",
        "Sở Khoa học và Công nghệ",
        "kinh tế số",
        "đạt 98,26%",
    ]
)
short_text = st.one_of(text, vietnamese)

years = st.integers(1945, 2100)
dates = st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date(2100, 12, 31))
periods = st.one_of(
    years.map(Period),
    st.builds(lambda y, q: Period(y, quarter=q), years, st.integers(1, 4)),
    st.builds(lambda y, m: Period(y, month=m), years, st.integers(1, 12)),
    dates.map(Period.of),
)


def decimals_for(
    rule: str, *, max_places: int = 6, max_digits: int = 15
) -> st.SearchStrategy[Decimal]:
    """Exact decimals obeying a value rule (``any``, ``nonnegative``, ``share`` (0-100),
    ``integer``, ``count``, ``rank``)."""
    limit = 10**max_digits - 1
    low = {"any": -limit, "integer": -limit, "nonnegative": 0, "share": 0, "count": 0, "rank": 1}
    places = 0 if rule in ("integer", "count", "rank") else max_places
    values = st.builds(
        lambda coefficient, exponent: Decimal(coefficient).scaleb(-exponent),
        st.integers(low[rule], limit),
        st.integers(0, places),
    ).filter(lambda d: not (d.is_zero() and d.is_signed()))
    return values.filter(lambda d: d <= 100) if rule == "share" else values


def _strictest(unit_rule: str, rule: str | None) -> str:
    """The rule a value must obey under both its unit's rule and an indicator's level rule."""
    if rule is None or rule == "any":
        return unit_rule
    if unit_rule == "any":
        return rule
    if unit_rule == "integer" and rule in ("nonnegative", "count"):
        return "count"
    if rule == "share" and unit_rule in ("integer", "count"):
        return "count"  # pragma: no cover - shares are in percent
    return unit_rule if unit_rule == "rank" else rule


def measures(
    units: tuple[str, ...] = UNIT_CODES, rule: str | None = None
) -> st.SearchStrategy[Measure]:
    """Valid measures in ``units`` (values obey each unit's rule, and ``rule`` if given)."""

    @st.composite
    def build(draw: st.DrawFn) -> Measure:
        unit = draw(st.sampled_from(units))
        value = draw(decimals_for(_strictest(unit_spec(unit).values, rule)))
        return Measure(value=value, unit=unit)

    return build()


indicator_ids = st.sampled_from(sorted(known_ids("indicator")))
province_ids = st.sampled_from(sorted(known_ids("province")))
agency_ids = st.sampled_from(sorted(known_ids("agency")))
pillar_ids = st.sampled_from(sorted(known_ids("pillar")))
document_numbers = st.sampled_from(
    ["60/KH-UBND", "48-NQ/TU", "411/QĐ-TTg", "202/2025/QH15", "105/KH-UBND"]
)
urls = st.sampled_from(["https://example.org/a", "http://baonamdinh.vn/x?y=1"])

sources = st.builds(
    Source,
    document=slugs,
    clause=short_text,
    quote=short_text,
    file=st.none() | st.sampled_from(["003_3af9811e5cc25df9.txt", "plan.txt"]),
    cites=st.none() | document_numbers,
    url=st.none() | urls,
).flatmap(
    lambda source: st.one_of(
        st.just(source),
        st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(
            lambda span: source.model_copy(update={"start": min(span), "end": max(span)})
        ),
    )
)

# -- figures -------------------------------------------------------------------------------


def level_measures(indicator: str) -> st.SearchStrategy[Measure]:
    """Measures valid as a level of ``indicator`` (a target's threshold)."""
    return measures(level_units(indicator), level_rule(indicator))


def baseline_measures(indicator: str) -> st.SearchStrategy[Measure]:
    """Measures valid as a baseline: the growing level for growth rates, a level otherwise."""
    growing = growing_units(bundled_codes().facts(indicator))
    return measures(growing, "nonnegative") if growing else level_measures(indicator)


def actual_measures(indicator: str) -> st.SearchStrategy[Measure]:
    """Measures valid as an actual's level: a threshold-like level, or a growing level."""
    growing = growing_units(bundled_codes().facts(indicator))
    return (
        level_measures(indicator) | measures(growing, "nonnegative")
        if growing
        else level_measures(indicator)
    )


@st.composite
def targets(
    draw: st.DrawFn, province: str | None = None, due_after: dt.date | None = None
) -> Target:
    """Valid targets (for ``province`` if given; due on or after ``due_after`` if given)."""
    indicator = draw(indicator_ids)
    comparator = draw(st.sampled_from(["gt", "ge", "eq", "le", "lt", "between"]))
    value = draw(level_measures(indicator))
    upper = None
    if comparator == "between":
        other = draw(level_measures(indicator))
        value, upper = (value, other) if value <= other else (other, value)
    due = draw(st.none() | periods)
    if due is not None and due_after is not None and due.end < due_after:
        due = Period(max(due_after.year, due.year))
    baseline = draw(
        st.none() | st.builds(Baseline, value=baseline_measures(indicator), period=periods)
    )
    return Target(
        id=draw(slugs),
        indicator=indicator,
        province=province or draw(province_ids),
        level=draw(st.none() | st.sampled_from(["province", "district", "commune", "village"])),
        comparator=comparator,
        value=value,
        upper=upper,
        due=due,
        baseline=baseline,
        source=draw(sources),
        note=draw(st.none() | short_text),
    )


@st.composite
def actuals(draw: st.DrawFn, province: str | None = None) -> Actual:
    """Valid actuals: levels, and changes since an earlier period (a province merged away has
    figures only for periods that began while it existed)."""
    indicator = draw(indicator_ids)
    province = province or draw(province_ids)
    ended = bundled_codes().ended(province)
    period = draw(periods.filter(lambda p: ended is None or p.start <= ended[0]))
    change_from = draw(
        st.none() | st.just(Period(period.start.year - 1))
        if period.start.year > 1945
        else st.none()
    )
    if change_from is not None:
        value = draw(measures(change_units(bundled_codes().facts(indicator)), "any"))
    else:
        value = draw(actual_measures(indicator))
    fraction = draw(
        st.none()
        | st.builds(
            lambda d, n: Fraction(numerator=min(n, d), denominator=d),
            st.integers(1, 500),
            st.integers(0, 500),
        )
    )
    return Actual(
        id=draw(slugs),
        indicator=indicator,
        province=province,
        level=draw(st.none() | st.sampled_from(["province", "district", "commune", "village"])),
        area=draw(st.none() | short_text),
        period=period,
        qualifier=draw(
            st.sampled_from(
                [
                    "exact",
                    "approximately",
                    "more_than",
                    "at_least",
                    "nearly",
                    "less_than",
                    "at_most",
                ]
            )
        ),
        change_from=change_from,
        value=value,
        fraction=fraction,
        source=draw(sources),
        note=draw(st.none() | short_text),
    )


money = measures(("VND", "thousand_VND", "million_VND", "billion_VND", "USD"), "nonnegative")

budget_lines = st.builds(
    BudgetLine,
    funding=st.sampled_from(["recurrent", "investment", "socialised", "central", "local", "other"]),
    label=short_text,
    amount=money,
    source=sources,
)
budgets = st.builds(
    Budget,
    id=slugs,
    period=periods,
    purpose=short_text,
    total=st.none() | money,
    lines=st.lists(budget_lines, max_size=4),
    source=sources,
)
responsibilities = st.builds(
    Responsibility,
    agency=agency_ids,
    role=st.sampled_from(["lead", "coordinate", "assigned"]),
    task=short_text,
    partners=st.lists(agency_ids, max_size=3),
    source=sources,
)


def _unique_by_id(items: list[Any]) -> list[Any]:
    seen: dict[str, Any] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    """Valid plans with a few of everything."""
    province = draw(province_ids)
    issued = draw(st.none() | dates)
    start = draw(years)
    return Plan(
        id=draw(slugs),
        kind=draw(st.sampled_from(["plan", "resolution", "decision", "programme"])),
        number=draw(st.none() | document_numbers),
        title=draw(st.builds(LocalizedText, vi=short_text, en=st.none() | short_text)),
        province=province,
        province_basis=draw(st.sampled_from(["named-in-text", "publisher"])),
        issuer=draw(st.none() | agency_ids),
        signer=draw(st.none() | short_text),
        issued=issued,
        effective=issued,
        period=draw(st.none() | st.just(YearRange(start=start, end=min(2100, start + 5)))),
        implements=draw(st.lists(document_numbers, max_size=2)),
        supersedes=draw(st.lists(document_numbers, max_size=1)),
        pillars=draw(st.lists(pillar_ids, max_size=3)),
        documents=draw(st.lists(slugs, min_size=1, max_size=2)),
        source=draw(st.none() | sources),
        targets=_unique_by_id(draw(st.lists(targets(province, issued), max_size=3))),
        actuals=_unique_by_id(draw(st.lists(actuals(province), max_size=3))),
        responsibilities=draw(st.lists(responsibilities, max_size=2)),
        budgets=_unique_by_id(draw(st.lists(budgets, max_size=2))),
        note=draw(st.none() | short_text),
    )


# -- codelists -----------------------------------------------------------------------------

names = st.builds(Names, vi=short_text, en=short_text)
definitions = st.builds(Definition, vi=short_text, en=short_text)

pillars = st.builds(
    Pillar,
    id=slugs,
    name=names,
    kind=st.sampled_from(["pillar", "foundation"]),
    description=definitions,
)


@st.composite
def indicators(draw: st.DrawFn) -> Indicator:
    """Valid indicators (the unit matches the kind)."""
    from sodoan.model.indicator import KIND_DIMENSIONS, units_of_kind

    kind = draw(st.sampled_from(sorted(KIND_DIMENSIONS)))
    return Indicator(
        id=draw(slugs),
        name=draw(names),
        pillar=draw(pillar_ids),
        unit=draw(st.sampled_from(units_of_kind(kind))),
        kind=kind,
        direction=draw(st.sampled_from(["higher_is_better", "lower_is_better"])),
        definition=draw(definitions),
        aliases=draw(st.lists(short_text, max_size=3)),
        note=draw(st.none() | short_text),
    )


provinces = st.builds(
    Province,
    id=slugs,
    name=names,
    kind=st.sampled_from(["province", "city"]),
    valid_from=st.none() | dates,
    valid_to=st.none() | dates,
    successor=st.none() | province_ids,
    mergers=st.lists(
        st.builds(Merger, date=dates, provinces=st.lists(province_ids, min_size=1, max_size=2)),
        max_size=2,
    ),
    note=st.none() | short_text,
)
agencies = st.builds(
    Agency,
    id=slugs,
    name=names,
    kind=st.sampled_from(
        [
            "peoples-committee",
            "office",
            "department",
            "police",
            "party",
            "front",
            "press",
            "enterprise",
            "steering-committee",
            "association",
            "government",
        ]
    ),
    province=st.none() | province_ids,
    parent=st.none() | agency_ids,
    successor=st.none() | agency_ids,
    note=st.none() | short_text,
)
source_documents = st.builds(
    SourceDocument,
    id=slugs,
    kind=st.sampled_from(["official-text", "news-article"]),
    title=st.none() | short_text,
    publisher=st.none() | short_text,
    author=st.none() | short_text,
    published=st.none() | periods,
    url=st.none() | urls,
    file=st.none() | st.just("001_95ff1117b97008d4.txt"),
    province=province_ids,
    province_basis=st.sampled_from(["named-in-text", "publisher"]),
    reports_on=st.lists(document_numbers, max_size=2),
    note=st.none() | short_text,
)

#: Every model class with a strategy for it (used by the round-trip property).
MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Measure: measures(),
    Source: sources,
    Target: targets(),
    Actual: actuals(),
    Budget: budgets,
    BudgetLine: budget_lines,
    Responsibility: responsibilities,
    Plan: plans(),
    Pillar: pillars,
    Indicator: indicators(),
    Province: provinces,
    Agency: agencies,
    SourceDocument: source_documents,
}


def scaled(examples: int) -> int:
    """``examples`` under the "ci" profile (200 examples a test), in proportion under the
    others: a test that needs more examples than most keeps its share of the run."""
    return max(10, examples * settings.default.max_examples // 200)
