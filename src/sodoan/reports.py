"""Reports built from a dataset: one indicator across provinces (:func:`compare`) and every
target of a province (:func:`progress`), each row a target with its latest actual, assessed.

Provinces follow the July 2025 mergers: asking for ``vinh-long`` also gives the rows of Trà Vinh
and Bến Tre (each row keeps its own province and says what it was merged into).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, Literal

from pydantic import Field

from sodoan._base import Record
from sodoan._display import render
from sodoan._labels import collation_key, label
from sodoan._types import IsoDate
from sodoan.assessment import Assessment, assess
from sodoan.assessment.words import due_text, figure_text, threshold_text
from sodoan.dataset import Dataset, load
from sodoan.frames import RowFrames
from sodoan.model import Actual, Indicator, Names, Target
from sodoan.numbers import output_locale

__all__ = [
    "SOURCE_PRECEDENCE",
    "Comparison",
    "ComparisonRow",
    "MergerNote",
    "ProgressReport",
    "RowStatus",
    "compare",
    "latest_actual",
    "merger_note",
    "progress",
]

#: A row's status: an assessment's status, or why there is none.
RowStatus = Literal["achieved", "pending", "missed", "indeterminate", "no-data", "no-target"]


#: Which source a report believes when sources disagree on a figure of the same period: an
#: official table (the body that measures) over the plan's own text over a press report.
SOURCE_PRECEDENCE: Final = {"official-table": 0, "official-text": 1, "news-article": 2}


def latest_actual(
    actuals: Iterable[Actual],
    target: Target | None = None,
    *,
    as_of: dt.date | None = None,
    precedence: Callable[[Actual], int] | None = None,
) -> Actual | None:
    """The figure a target is assessed with: an absolute actual (not a change) of the whole
    province at ``target``'s administrative level, reported by ``as_of``.

    The latest one measured by the target's due date; if every figure is later than the due
    date, the first after it. Figures of the same period are chosen by ``precedence`` (lower
    first: :data:`SOURCE_PRECEDENCE` of their document's kind), then exact before qualified.
    """
    candidates = [
        a
        for a in actuals
        if not a.is_change
        and a.area is None
        and (target is None or (a.indicator == target.indicator and a.level == target.level))
        and (as_of is None or a.period.start <= as_of)
    ]
    if not candidates:
        return None
    rank = precedence if precedence is not None else (lambda a: 0)

    def preferred(a: Actual) -> tuple[int, bool, dt.date]:
        return (-rank(a), a.qualifier == "exact", a.period.start)

    due = target.due.end if target is not None and target.due is not None else None
    by_due = [a for a in candidates if due is None or a.period.end <= due]
    if by_due:
        return max(by_due, key=lambda a: (a.period.end, *preferred(a)))
    return max(candidates, key=lambda a: (-a.period.end.toordinal(), *preferred(a)))


class ComparisonRow(Record):
    """One line of a comparison or report: a target, the matching actual, and the assessment."""

    province: str
    """Province id (``viet-nam`` for the nation)."""

    province_name: str
    """Province name (Vietnamese)."""

    merged_into: str | None = None
    """Id of the province this one was merged into (1 July 2025), if any."""

    pillar: str
    """Pillar of the indicator."""

    indicator: str
    """Indicator id."""

    target: Target | None = None
    """The target (none when the province states none for the indicator)."""

    actual: Actual | None = None
    """The latest matching actual (none when no figure is reported)."""

    assessment: Assessment | None = None
    """The assessment, when there is both a target and an actual."""

    status: RowStatus
    """The assessment's status, ``no-data`` (a target without an actual) or ``no-target``."""

    plan: str | None = None
    """Id of the plan that states the target (or the actual, when there is no target)."""

    @property
    def level(self) -> str | None:
        """The administrative level of the row's target, or of its actual when it has none."""
        if self.target is not None:
            return self.target.level
        return self.actual.level if self.actual is not None else None

    @property
    def area(self) -> str | None:
        """The named unit (district, commune) the row's figure is for, when not the province."""
        return self.actual.area if self.actual is not None else None

    def record(self) -> dict[str, Any]:
        """The row as flat fields, for tables and machine-readable output (``to_pandas``, the
        command line's csv and json): exact values; each period as its label (``"2025"``), first
        and last day and year; the margins the figure allows (``margin_low``, ``margin_high``:
        ``margin`` for an exact figure, ``None`` where unbounded)."""
        target, actual, assessment = self.target, self.actual, self.assessment
        stated = target if target is not None else actual
        due = target.due if target is not None else None
        period = actual.period if actual is not None else None
        return {
            "province": self.province,
            "province_name": self.province_name,
            "merged_into": self.merged_into,
            "pillar": self.pillar,
            "indicator": self.indicator,
            "level": self.level,
            "area": self.area,
            "due": str(due.to_json()) if due else None,
            "due_start": due.start if due else None,
            "due_end": due.end if due else None,
            "due_year": due.year if due else None,
            "comparator": target.comparator if target else None,
            "target_value": target.value.value if target else None,
            "target_unit": target.value.unit if target else None,
            "target_upper": target.upper.value if target and target.upper else None,
            "target_upper_unit": target.upper.unit if target and target.upper else None,
            "actual_period": str(period.to_json()) if period else None,
            "actual_period_start": period.start if period else None,
            "actual_period_end": period.end if period else None,
            "actual_period_year": period.year if period else None,
            "actual_value": actual.value.value if actual else None,
            "actual_unit": actual.value.unit if actual else None,
            "actual_qualifier": actual.qualifier if actual else None,
            "status": self.status,
            "timing": assessment.timing if assessment else None,
            "margin": assessment.margin.value if assessment else None,
            "margin_low": assessment.margin_low if assessment else None,
            "margin_high": assessment.margin_high if assessment else None,
            "margin_unit": assessment.margin.unit if assessment else None,
            "ratio": assessment.ratio if assessment else None,
            "plan": self.plan,
            "source_document": stated.source.document if stated else None,
            "source_clause": stated.source.clause if stated else None,
            "source_quote": stated.source.quote if stated else None,
            "source_url": stated.source.url if stated else None,
            "source_file": stated.source.file if stated else None,
            "source_cites": stated.source.cites if stated else None,
        }

    def status_text(self, locale: str | None = None) -> str:
        """The status in words, saying when the figure predates or follows the due date
        (``đạt sớm (số liệu trước hạn)``, ``short so far (figure before due)``)."""
        locale = output_locale(locale)
        timing = self.assessment.timing if self.assessment is not None else "at-due"
        if timing in ("before-due", "after-due"):
            return label("status", f"{self.status}-{timing}", locale)
        return label("status", self.status, locale)

    def summary(self, locale: str | None = None) -> dict[str, str]:
        """The row as display strings (columns of the text, HTML and CSV views)."""
        locale = output_locale(locale)
        target = self.target
        actual = self.actual
        goal = threshold_text(target, locale) if target is not None else ""
        due = due_text(target.due, locale) if target is not None and target.due else ""
        figure = ""
        if actual is not None:
            figure = f"{figure_text(actual, locale)} ({actual.period})"
        margin = ""
        if self.assessment is not None:
            margin = self.assessment.margin_text(locale)
        stated = target if target is not None else actual
        source = f"{self.plan or ''} {stated.source.clause}".strip() if stated else ""
        level = self.level
        where = self.area or (label("admin_level", level, locale) if level else "")
        return {
            "province": self.province_name,
            "indicator": self.indicator,
            "level": where,
            "due": due,
            "target": goal,
            "actual": figure,
            "status": self.status_text(locale),
            "margin": margin,
            "source": source,
        }


def _text_table(rows: Sequence[ComparisonRow], locale: str, columns: Sequence[str]) -> str:
    table = [[row.summary(locale)[c] for c in columns] for row in rows]
    headers = [label("header", c, locale) for c in columns]
    widths = [max([len(h), *(len(r[i]) for r in table)]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in table]
    return "\n".join(lines)


class MergerNote(Record):
    """A province of a report that was merged into another (1 July 2025)."""

    province: str
    """Id of the province merged away (``tra-vinh``)."""

    name: Names
    """Its names."""

    successor: str
    """Id of the province it was merged into (``vinh-long``)."""

    successor_name: Names
    """The successor's names."""

    date: IsoDate
    """The first day of the merged province (``2025-07-01``)."""

    def text(self, locale: str | None = None) -> str:
        """``Trà Vinh: nhập vào Vĩnh Long từ 01/7/2025`` (or in English)."""
        locale = output_locale(locale)
        day = self.date
        date = f"{day.day:02d}/{day.month}/{day.year}" if locale == "vi" else day.isoformat()
        merged = label(
            "phrase",
            "merged_into",
            locale,
            successor=self.successor_name.localized(locale),
            date=date,
        )
        return f"{self.name.localized(locale)}: {merged}"


def merger_note(dataset: Dataset, province: str) -> MergerNote | None:
    """The note for ``province`` if it was merged into another, else None."""
    info = dataset.province(province)
    if info.successor is None or info.valid_to is None:
        return None
    successor = dataset.province(info.successor)
    return MergerNote(
        province=info.id,
        name=info.name,
        successor=successor.id,
        successor_name=successor.name,
        date=info.valid_to + dt.timedelta(days=1),
    )


def merger_notes(rows: Sequence[ComparisonRow], dataset: Dataset) -> list[MergerNote]:
    """A note for each province of ``rows`` that was merged away."""
    notes = (merger_note(dataset, p) for p in dict.fromkeys(r.province for r in rows))
    return [note for note in notes if note is not None]


class Comparison(RowFrames, Record):
    """One indicator across provinces: targets (with due year, comparator, source) and the
    latest actuals side by side, with assessments. Returned by :func:`compare`."""

    indicator: Indicator
    """The indicator compared."""

    year: int | None = None
    """The due year the targets were filtered by, if any."""

    as_of: IsoDate
    """Date of the assessments."""

    rows: list[ComparisonRow]
    """One row per target, plus one per province with actuals but no target."""

    actuals: list[Actual] = Field(default_factory=list)
    """Every absolute figure reported for the compared provinces (their history, for charts)."""

    notes: list[MergerNote] = Field(default_factory=list)
    """Provinces of the rows that were merged away, and into what."""

    def table(self, locale: str | None = None) -> str:
        """The comparison as a plain-text table (in the default locale unless given)."""
        locale = output_locale(locale)
        columns = ["province", "level", "due", "target", "actual", "status", "margin", "source"]
        title = f"{self.indicator.id}: {self.indicator.name.localized(locale)}"
        notes = "".join(f"\n{n.text(locale)}" for n in self.notes)
        return f"{title}\n{_text_table(self.rows, locale, columns)}{notes}"

    def __str__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        return str(render("html", self))

    def plot(self, ax: Any = None) -> Any:
        """A chart of the provinces' actuals against their targets (needs the ``plot`` extra).

        One colour per province: reported figures as a line of dots over the years, targets as
        hollow markers at their due year labelled with the comparator (``≥ 20%``). Values are in
        the indicator's unit; for a rank (lower is better) the axis is inverted. Returns the
        matplotlib Figure (``figure.savefig("chart.png")`` saves it).
        """
        return render("plot", self, ax)

    def __repr__(self) -> str:
        return f"<Comparison {self.indicator.id}: {len(self.rows)} rows>"


class ProgressReport(RowFrames, Record):
    """Every target of one or more provinces with its best matching actual and assessment,
    grouped by pillar. Returned by :func:`progress`."""

    as_of: IsoDate
    """Date of the assessments."""

    rows: list[ComparisonRow]
    """One row per target, ordered by province, pillar, indicator and due date."""

    notes: list[MergerNote] = Field(default_factory=list)
    """Provinces of the rows that were merged away, and into what."""

    def by_pillar(self) -> dict[str, list[ComparisonRow]]:
        """Rows grouped by pillar id, in the order of the rows."""
        groups: dict[str, list[ComparisonRow]] = {}
        for row in self.rows:
            groups.setdefault(row.pillar, []).append(row)
        return groups

    def by_province(self) -> dict[str, list[ComparisonRow]]:
        """Rows grouped by province id."""
        groups: dict[str, list[ComparisonRow]] = {}
        for row in self.rows:
            groups.setdefault(row.province, []).append(row)
        return groups

    def counts(self) -> dict[str, int]:
        """How many rows have each status."""
        counts: dict[str, int] = {}
        for row in self.rows:
            counts[row.status] = counts.get(row.status, 0) + 1
        return counts

    def table(self, locale: str | None = None) -> str:
        """The report as plain text: a table per province and pillar."""
        locale = output_locale(locale)
        columns = ["indicator", "level", "due", "target", "actual", "status", "source"]
        parts = []
        for province, rows in self.by_province().items():
            parts.append(f"== {rows[0].province_name} ({province})")
            grouped: dict[str, list[ComparisonRow]] = {}
            for row in rows:
                grouped.setdefault(row.pillar, []).append(row)
            for pillar, pillar_rows in grouped.items():
                parts.append(f"-- {pillar}")
                parts.append(_text_table(pillar_rows, locale, columns))
        parts += [n.text(locale) for n in self.notes]
        return "\n".join(parts)

    def __str__(self) -> str:
        return self.table()

    def _repr_html_(self) -> str:
        return str(render("html", self))

    def __repr__(self) -> str:
        return f"<ProgressReport: {len(self.rows)} targets, {self.counts()}>"


def _row(
    dataset: Dataset,
    province: str,
    indicator: Indicator,
    target: Target | None,
    actual: Actual | None,
    as_of: dt.date,
) -> ComparisonRow:
    info = dataset.province(province)
    assessment = (
        assess(actual, target, as_of=as_of, catalogue=dataset.catalogue)
        if target and actual
        else None
    )
    status: RowStatus
    if assessment is not None:
        status = assessment.status
    elif target is not None:
        status = "no-data"
    else:
        status = "no-target"
    item = target or actual
    return ComparisonRow(
        province=province,
        province_name=info.name.vi,
        merged_into=info.successor,
        pillar=indicator.pillar,
        indicator=indicator.id,
        target=target,
        actual=actual,
        assessment=assessment,
        status=status,
        plan=dataset.plan_of(item).id if item is not None else None,
    )


_LEVEL_ORDER: Final = {None: 0, "province": 1, "district": 2, "commune": 3, "village": 4}


def _target_order(target: Target) -> tuple[int, int, str]:
    due = target.due.end.toordinal() if target.due is not None else 10**9
    return (due, _LEVEL_ORDER[target.level], target.id)


def _province_order(dataset: Dataset, provinces: Iterable[str]) -> list[str]:
    """The nation first, then provinces in Vietnamese alphabetical order."""
    return sorted(
        set(provinces),
        key=lambda p: (
            not dataset.catalogue.is_nation(p),
            collation_key(dataset.province(p).name.vi),
        ),
    )


def _precedence(dataset: Dataset) -> Callable[[Actual], int]:
    kinds = {d.id: SOURCE_PRECEDENCE[d.kind] for d in dataset.documents}
    return lambda actual: kinds.get(actual.source.document, len(SOURCE_PRECEDENCE))


def _chosen(dataset: Dataset, provinces: Sequence[str] | None) -> list[str] | None:
    """The provinces asked for, with every province merged into them (lineage)."""
    if provinces is None:
        return None
    chosen: list[str] = []
    for province in provinces:
        chosen += [p for p in dataset.lineage(province) if p not in chosen]
    return chosen


def _unmatched(
    data: Dataset,
    province: str,
    info: Indicator,
    targets: Sequence[Target],
    reported: Sequence[Actual],
    today: dt.date,
) -> list[ComparisonRow]:
    """``no-target`` rows for the latest figure of each administrative level or named area
    (a district) that no target of the province is set for: a province's only figures may be
    a district's, and a comparison shows them, marked as such."""
    levels = {t.level for t in targets}
    groups: dict[tuple[str | None, str | None], list[Actual]] = {}
    for actual in reported:
        if actual.period.start <= today and (actual.area is not None or actual.level not in levels):
            groups.setdefault((actual.level, actual.area), []).append(actual)
    rows = []
    for (level, area), actuals in groups.items():
        if area is None and (level is None or not targets):
            continue  # the province-wide figure is already in the province's rows
        latest = max(actuals, key=lambda a: (a.period.end, a.qualifier == "exact"))
        rows.append(_row(data, province, info, None, latest, today))
    return rows


def compare(
    indicator: str,
    provinces: Sequence[str] | None = None,
    *,
    year: int | None = None,
    dataset: Dataset | None = None,
    as_of: dt.date | None = None,
) -> Comparison:
    """Every province's targets and latest actuals for ``indicator``, side by side.

    ``provinces`` limits the provinces (default: every province, and the nation, with a target
    or an actual), each with the provinces merged into it; ``year`` keeps the targets due that
    year; ``dataset`` defaults to :func:`sodoan.load`. Provinces with actuals but no target get
    a ``no-target`` row; targets without an actual are ``no-data``. Rows of provinces merged
    away on 1 July 2025 say so (``merged_into``).
    """
    data = dataset if dataset is not None else load()
    info = data.indicator(indicator)
    today = as_of if as_of is not None else dt.date.today()
    chosen = _chosen(data, provinces)
    rank = _precedence(data)
    targets = data.targets(info.id, year=year)
    actuals = [a for a in data.actuals(info.id) if not a.is_change]
    if chosen is None:
        chosen = _province_order(
            data, {t.province for t in targets} | {a.province for a in actuals}
        )
    rows: list[ComparisonRow] = []
    for province in chosen:
        mine = sorted((t for t in targets if t.province == province), key=_target_order)
        reported = [a for a in actuals if a.province == province]
        for target in mine:
            actual = latest_actual(reported, target, as_of=today, precedence=rank)
            rows.append(_row(data, province, info, target, actual, today))
        if not mine:
            actual = latest_actual(reported, as_of=today, precedence=rank)
            if actual is not None:
                rows.append(_row(data, province, info, None, actual, today))
        rows += _unmatched(data, province, info, mine, reported, today)
    history = sorted(
        (a for a in actuals if a.province in chosen), key=lambda a: (a.province, a.period.end)
    )
    return Comparison(
        indicator=info,
        year=year,
        as_of=today,
        rows=rows,
        actuals=history,
        notes=merger_notes(rows, data),
    )


def progress(
    province: str | Sequence[str] | None = None,
    *,
    dataset: Dataset | None = None,
    as_of: dt.date | None = None,
) -> ProgressReport:
    """Every target (of ``province`` and the provinces merged into it, or of every province)
    with its best matching actual and assessment, grouped by pillar."""
    data = dataset if dataset is not None else load()
    today = as_of if as_of is not None else dt.date.today()
    asked = [province] if isinstance(province, str) else province
    chosen = _chosen(data, asked)
    rank = _precedence(data)
    pillar_order = {p.id: i for i, p in enumerate(data.pillars)}
    targets = data.targets()
    actuals = data.actuals()
    if chosen is None:
        chosen = _province_order(data, {t.province for t in targets})
    rows: list[ComparisonRow] = []
    for name in chosen:
        mine = [t for t in targets if t.province == name]
        mine.sort(
            key=lambda t: (
                pillar_order[data.indicator(t.indicator).pillar],
                t.indicator,
                _target_order(t),
            )
        )
        reported = [a for a in actuals if a.province == name]
        for target in mine:
            actual = latest_actual(
                (a for a in reported if a.indicator == target.indicator),
                target,
                as_of=today,
                precedence=rank,
            )
            rows.append(_row(data, name, data.indicator(target.indicator), target, actual, today))
    return ProgressReport(as_of=today, rows=rows, notes=merger_notes(rows, data))
