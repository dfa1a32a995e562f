"""Consistency checks: where documents contradict themselves or each other.

The data is kept as written; these checks report, with the figures, sources and exact
differences, what a careful reader would notice:

* ``budget-total``: a budget's lines do not add up to its stated total.
* ``parts-sum``: figures of indicators declared as parts of another (``procedure-count`` is
  full + partial + information-only procedures) do not add up to it.
* ``breakdown-sum``: figures stated per level or area (commune teams, village teams) do not add
  up to the figure stated for the whole, in the same document.
* ``competing-targets``: different targets for the same indicator, province, level and year.
* ``conflicting-actuals``: different results for the same indicator, province, level, area and
  year.
* ``change-mismatch``: a stated change ("tăng 10 bậc") that does not match the two levels.

A finding's ``severity`` is ``inconsistency`` when all its figures come from one document and
``conflict`` when documents disagree.
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Final, Literal

from sodoan._base import Record
from sodoan._display import render
from sodoan._labels import label
from sodoan.catalogue import Catalogue
from sodoan.measure import Measure
from sodoan.model import Actual, Budget, Comparator, Plan, Qualifier, SourceDocument, Target
from sodoan.numbers import format_measure, output_locale
from sodoan.period import Period
from sodoan.units import EXACT, is_compatible, unit_spec

__all__ = ["FigureRef", "Finding", "FindingCode", "run_checks"]

#: Findings about parts that do not add up to a whole.
_SUM_CODES: Final = frozenset({"budget-total", "parts-sum", "breakdown-sum"})

FindingCode = Literal[
    "budget-total",
    "parts-sum",
    "breakdown-sum",
    "competing-targets",
    "conflicting-actuals",
    "change-mismatch",
]


class FigureRef(Record):
    """A figure involved in a finding, with where it is stated."""

    kind: Literal["target", "actual", "budget-total", "budget-line"]
    """What the figure is."""

    id: str
    """Id of the target, actual or budget."""

    plan: str
    """Id of the plan record it belongs to."""

    value: Measure
    """The figure as stated."""

    comparator: Comparator | None = None
    """For targets: how the threshold applies."""

    qualifier: Qualifier | None = None
    """For actuals: how exact the figure is."""

    label: str | None = None
    """Level, area or budget line label, when that distinguishes the figure."""

    document: str
    """Source document id."""

    clause: str
    """Clause in the document."""

    quote: str
    """The words of the document."""


class Finding(Record):
    """An inconsistency within a document or a conflict between documents."""

    code: FindingCode
    """Which check found it."""

    severity: Literal["inconsistency", "conflict"]
    """``inconsistency`` within one document, ``conflict`` between documents."""

    province: str
    """Province concerned."""

    indicator: str | None = None
    """Indicator concerned (none for budgets)."""

    period: Period | None = None
    """Year (or period) concerned."""

    figures: list[FigureRef]
    """The figures that disagree, with their sources."""

    stated: Measure | None = None
    """The stated whole (total), for sums."""

    computed: Measure | None = None
    """The sum of the stated parts, for sums."""

    difference: Measure | None = None
    """By how much they disagree: stated - computed for sums, largest - smallest otherwise."""

    preferred: str | None = None
    """For conflicting results: the id of the figure the reports use, chosen by the kind of
    its document (an official table over the plan's own text over a press report), then exact
    over qualified; none when that does not decide."""

    @property
    def documents(self) -> list[str]:
        """Documents involved, in order of first appearance."""
        return list(dict.fromkeys(f.document for f in self.figures))

    def describe(self, locale: str | None = None) -> str:
        """One sentence saying what disagrees and by how much (``vi`` or ``en``; default: the
        default locale)."""
        locale = output_locale(locale)

        def fmt(measure: Measure | None) -> str:
            return format_measure(measure, locale) if measure is not None else "?"

        subject = self.indicator or label("phrase", "budget", locale)
        when = f" {self.period}" if self.period is not None else ""
        statements = "; ".join(
            f"{fmt(f.value)}"
            + (f" ({f.label})" if f.label else "")
            + (f" [{f.comparator}]" if f.comparator else "")
            + (f" [{f.qualifier}]" if f.qualifier and f.qualifier != "exact" else "")
            + f" — {f.document}, {f.clause}"
            for f in self.figures
        )
        key = "sum" if self.code in _SUM_CODES else self.code
        believed = ""
        if self.preferred is not None:
            chosen = next(f for f in self.figures if f.id == self.preferred)
            believed = " " + label(
                "finding", "preferred", locale, value=fmt(chosen.value), document=chosen.document
            )
        return (
            label(
                "finding",
                key,
                locale,
                where=f"{self.province}, {subject}{when}",
                computed=fmt(self.computed),
                stated=fmt(self.stated),
                difference=fmt(self.difference),
                statements=statements,
            )
            + believed
        )

    def _repr_html_(self) -> str:
        return str(render("html", self))


# -- helpers -------------------------------------------------------------------------------


def _ref_target(plan: Plan, target: Target) -> FigureRef:
    return FigureRef(
        kind="target",
        id=target.id,
        plan=plan.id,
        value=target.value,
        comparator=target.comparator,
        label=target.level,
        document=target.source.document,
        clause=target.source.clause,
        quote=target.source.quote,
    )


def _ref_actual(plan: Plan, actual: Actual) -> FigureRef:
    label = " ".join(x for x in (actual.level, actual.area) if x) or None
    return FigureRef(
        kind="actual",
        id=actual.id,
        plan=plan.id,
        value=actual.value,
        qualifier=actual.qualifier,
        label=label,
        document=actual.source.document,
        clause=actual.source.clause,
        quote=actual.source.quote,
    )


def _sum(measures: Sequence[Measure], unit: str) -> Measure:
    with decimal.localcontext() as ctx:
        ctx.prec = 120
        ctx.traps[decimal.Inexact] = True
        total = sum((m.to(unit).value for m in measures), Decimal(0))
    return Measure(value=total, unit=unit)


def _severity(figures: Iterable[FigureRef]) -> Literal["inconsistency", "conflict"]:
    return "inconsistency" if len({f.document for f in figures}) == 1 else "conflict"


def _spread(measures: Sequence[Measure]) -> Measure:
    high = max(measures, key=lambda m: m.in_root_units())
    low = min(measures, key=lambda m: m.in_root_units())
    return high - low.to(high.unit)


def _sum_finding(
    code: FindingCode,
    plan: Plan,
    whole: FigureRef,
    parts: Sequence[FigureRef],
    indicator: str | None,
    period: Period | None,
) -> Finding | None:
    computed = _sum([p.value for p in parts], whole.value.unit)
    if computed.equivalent(whole.value):
        return None
    figures = [whole, *parts]
    return Finding(
        code=code,
        severity=_severity(figures),
        province=plan.province,
        indicator=indicator,
        period=period,
        figures=figures,
        stated=whole.value,
        computed=computed,
        difference=whole.value - computed,
    )


# -- the checks ----------------------------------------------------------------------------


def _budget_totals(plans: Sequence[Plan]) -> Iterable[Finding]:
    for plan in plans:
        for budget in plan.budgets:
            if budget.total is None or not budget.lines:
                continue
            whole = _budget_ref(plan, budget)
            parts = [
                FigureRef(
                    kind="budget-line",
                    id=budget.id,
                    plan=plan.id,
                    value=line.amount,
                    label=line.label,
                    document=line.source.document,
                    clause=line.source.clause,
                    quote=line.source.quote,
                )
                for line in budget.lines
            ]
            finding = _sum_finding("budget-total", plan, whole, parts, None, budget.period)
            if finding is not None:
                yield finding


def _budget_ref(plan: Plan, budget: Budget) -> FigureRef:
    assert budget.total is not None
    return FigureRef(
        kind="budget-total",
        id=budget.id,
        plan=plan.id,
        value=budget.total,
        label=budget.purpose,
        document=budget.source.document,
        clause=budget.source.clause,
        quote=budget.source.quote,
    )


def _key(actual: Actual) -> tuple[object, ...]:
    return (actual.province, actual.period, actual.level, actual.area, actual.change_from)


def _parts_sums(plans: Sequence[Plan], catalogue: Catalogue) -> Iterable[Finding]:
    parts_of = {i.id: i.parts for i in catalogue.indicators if i.parts}
    for plan in plans:
        by_indicator: dict[str, list[Actual]] = defaultdict(list)
        for actual in plan.actuals:
            by_indicator[actual.indicator].append(actual)
        for indicator, parts in parts_of.items():
            for whole in by_indicator.get(indicator, []):
                found = []
                for part in parts:
                    matches = [a for a in by_indicator.get(part, []) if _key(a) == _key(whole)]
                    if len(matches) != 1:
                        break
                    found.append(matches[0])
                else:
                    finding = _sum_finding(
                        "parts-sum",
                        plan,
                        _ref_actual(plan, whole),
                        [_ref_actual(plan, a) for a in found],
                        indicator,
                        whole.period,
                    )
                    if finding is not None:
                        yield finding


def _breakdown_sums(plans: Sequence[Plan], catalogue: Catalogue) -> Iterable[Finding]:
    additive = {i.id for i in catalogue.indicators if i.kind in ("count", "amount")}
    for plan in plans:
        groups: dict[tuple[object, ...], list[Actual]] = defaultdict(list)
        for actual in plan.actuals:
            if actual.indicator in additive and actual.change_from is None:
                groups[(actual.indicator, actual.province, actual.period)].append(actual)
        for (indicator, _, period), actuals in groups.items():
            wholes = [a for a in actuals if a.level is None and a.area is None]
            parts = [a for a in actuals if a.level is not None or a.area is not None]
            if len(wholes) != 1 or len(parts) < 2:
                continue
            if len({(a.level, a.area) for a in parts}) != len(parts):
                continue  # the same part stated twice is a conflict, reported elsewhere
            finding = _sum_finding(
                "breakdown-sum",
                plan,
                _ref_actual(plan, wholes[0]),
                [_ref_actual(plan, a) for a in parts],
                str(indicator),
                period if isinstance(period, Period) else None,
            )
            if finding is not None:
                yield finding


def _competing_targets(plans: Sequence[Plan]) -> Iterable[Finding]:
    groups: dict[tuple[object, ...], list[tuple[Plan, Target]]] = defaultdict(list)
    for plan in plans:
        for target in plan.targets:
            if target.due is not None:
                key = (target.province, target.indicator, target.level, target.due.year)
                groups[key].append((plan, target))
    for (province, indicator, _, year), members in groups.items():
        statements = {
            (t.comparator, t.value.in_root_units(), t.upper.in_root_units() if t.upper else None)
            for _, t in members
        }
        if len(statements) < 2:
            continue
        figures = [_ref_target(p, t) for p, t in members]
        yield Finding(
            code="competing-targets",
            severity=_severity(figures),
            province=str(province),
            indicator=str(indicator),
            period=Period(int(str(year))),
            figures=figures,
            difference=_spread([t.value for _, t in members]),
        )


#: The order in which sources are believed (see sodoan.reports.SOURCE_PRECEDENCE).
_PRECEDENCE: Final = {"official-table": 0, "official-text": 1, "news-article": 2}


def _preferred(members: Sequence[tuple[Plan, Actual]], kinds: Mapping[str, str]) -> str | None:
    """The figure a report believes: best source kind, then exact; None if that is a tie
    between different values."""

    def rank(actual: Actual) -> tuple[int, bool]:
        kind = kinds.get(actual.source.document, "")
        return (_PRECEDENCE.get(kind, len(_PRECEDENCE)), actual.qualifier != "exact")

    best = min(rank(a) for _, a in members)
    top = [a for _, a in members if rank(a) == best]
    if len({a.value.in_root_units() for a in top}) > 1:
        return None
    return top[0].id


def _conflicting_actuals(plans: Sequence[Plan], kinds: Mapping[str, str]) -> Iterable[Finding]:
    """Different results for one indicator, province, level, area and period (figures for the
    same period end: ``2024`` and ``2024-12-31`` compare; a quarter and a year do not)."""
    groups: dict[tuple[object, ...], list[tuple[Plan, Actual]]] = defaultdict(list)
    for plan in plans:
        for actual in plan.actuals:
            change = actual.change_from.end if actual.change_from else None
            key = (
                actual.province,
                actual.indicator,
                actual.level,
                actual.area,
                actual.period.end,
                change,
            )
            groups[key].append((plan, actual))
    for (province, indicator, *_), members in groups.items():
        values = {(a.value.in_root_units(), a.value.unit == "rank") for _, a in members}
        if len(values) < 2:
            continue
        figures = [_ref_actual(p, a) for p, a in members]
        measures = [a.value for _, a in members]
        yield Finding(
            code="conflicting-actuals",
            severity=_severity(figures),
            province=str(province),
            indicator=str(indicator),
            period=members[0][1].period,
            figures=figures,
            difference=None if measures[0].unit == "rank" else _spread(measures),
            preferred=_preferred(members, kinds),
        )


def _expected_change(change: Measure, old: Measure, new: Measure) -> Measure | None:
    """The change the two levels imply, in the change's unit; None when it cannot be checked."""
    if change.unit == "place" and old.unit == new.unit == "rank":
        return Measure(value=EXACT.subtract(old.value, new.value), unit="place")  # places moved up
    if unit_spec(new.unit).values == "rank" or not unit_spec(new.unit).additive:
        return None
    if change.unit in ("percent", "percent_per_year"):
        return None  # "tăng 0,11%" may be a relative change or points: not checkable
    implied = new - old
    return implied.to(change.unit) if is_compatible(implied.unit, change.unit) else None


def _change_mismatches(plans: Sequence[Plan]) -> Iterable[Finding]:
    levels: dict[tuple[object, ...], list[tuple[Plan, Actual]]] = defaultdict(list)
    changes: list[tuple[Plan, Actual]] = []
    for plan in plans:
        for actual in plan.actuals:
            if actual.change_from is None:
                key = (
                    actual.province,
                    actual.indicator,
                    actual.level,
                    actual.area,
                    actual.period.year,
                )
                levels[key].append((plan, actual))
            else:
                changes.append((plan, actual))
    for plan, change in changes:
        assert change.change_from is not None
        base = (change.province, change.indicator, change.level, change.area)
        before = levels.get((*base, change.change_from.year), [])
        after = levels.get((*base, change.period.year), [])
        if len(before) != 1 or len(after) != 1:
            continue
        computed = _expected_change(change.value, before[0][1].value, after[0][1].value)
        if computed is None or computed.equivalent(change.value):
            continue
        figures = [
            _ref_actual(plan, change),
            _ref_actual(*before[0]),
            _ref_actual(*after[0]),
        ]
        yield Finding(
            code="change-mismatch",
            severity=_severity(figures),
            province=change.province,
            indicator=change.indicator,
            period=change.period,
            figures=figures,
            stated=change.value,
            computed=computed,
            difference=change.value - computed,
        )


def run_checks(
    plans: Sequence[Plan],
    catalogue: Catalogue,
    documents: Mapping[str, SourceDocument] | None = None,
) -> list[Finding]:
    """Every finding of every check on ``plans``, in a stable order."""
    findings = [
        *_budget_totals(plans),
        *_parts_sums(plans, catalogue),
        *_breakdown_sums(plans, catalogue),
        *_competing_targets(plans),
        *_conflicting_actuals(plans, {d.id: d.kind for d in (documents or {}).values()}),
        *_change_mismatches(plans),
    ]
    return sorted(findings, key=lambda f: (f.province, f.code, f.indicator or "", str(f.period)))
