"""The bundled dataset: codelists and plans read from package data, with queries and checks.

``sodoan.load()`` validates every file (codelists, then one JSON file per plan) and the links
between them, and returns a :class:`Dataset` (cached: the files are read once per process).
Data files are parsed as JSON and validated by the models; nothing in them is ever executed.
"""

from __future__ import annotations

import difflib
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from sodoan._messages import error_message, error_path
from sodoan._resources import data_dir
from sodoan.errors import DataError, UnknownIdError
from sodoan.model import (
    Actual,
    Agency,
    Indicator,
    Pillar,
    Plan,
    Province,
    Source,
    SourceDocument,
    Target,
)

if TYPE_CHECKING:
    import datetime as dt

    from sodoan.assessment import ProgressReport
    from sodoan.checks import Finding

__all__ = ["Dataset", "load"]

M = TypeVar("M", bound=BaseModel)


def _describe(error: ValidationError, limit: int = 10) -> str:
    parts = [
        f"{error_path(item['loc'])}: {error_message(item)}"
        for item in error.errors(include_url=False)[:limit]
    ]
    if error.error_count() > limit:
        parts.append(f"... and {error.error_count() - limit} more errors")
    return "; ".join(parts)


def _read_list(name: str, text: str, model: type[M]) -> tuple[M, ...]:
    try:
        return tuple(TypeAdapter(list[model]).validate_json(text))  # type: ignore[valid-type]
    except ValidationError as error:
        raise DataError(name, _describe(error)) from None


def _read_plan(name: str, text: str) -> Plan:
    try:
        return Plan.model_validate_json(text)
    except ValidationError as error:
        raise DataError(name, _describe(error)) from None


class Dataset:
    """Plans, their targets and actuals, and the codelists they refer to.

    Get the bundled one with :func:`sodoan.load`; build one from your own plan files with
    :meth:`Dataset.read` (they are checked against the bundled codelists).
    """

    def __init__(
        self,
        *,
        pillars: Iterable[Pillar],
        indicators: Iterable[Indicator],
        provinces: Iterable[Province],
        agencies: Iterable[Agency],
        documents: Iterable[SourceDocument],
        plans: Iterable[Plan],
    ) -> None:
        self.pillars: tuple[Pillar, ...] = tuple(pillars)
        """Pillars and foundations."""
        self.indicators: tuple[Indicator, ...] = tuple(indicators)
        """The indicator catalogue."""
        self.provinces: tuple[Province, ...] = tuple(provinces)
        """Provinces, with the July 2025 mergers."""
        self.agencies: tuple[Agency, ...] = tuple(agencies)
        """Agencies the plans name."""
        self.documents: tuple[SourceDocument, ...] = tuple(documents)
        """Documents the figures were read from."""
        self.plans: tuple[Plan, ...] = tuple(plans)
        """Plans (and resolutions), each with its targets, actuals, responsibilities, budgets."""
        self._index: dict[str, dict[str, Any]] = {
            "pillar": {p.id: p for p in self.pillars},
            "indicator": {i.id: i for i in self.indicators},
            "province": {p.id: p for p in self.provinces},
            "agency": {a.id: a for a in self.agencies},
            "document": {d.id: d for d in self.documents},
            "plan": {p.id: p for p in self.plans},
        }
        self._plan_of: dict[str, Plan] = {}
        for plan in self.plans:
            for item in _figures(plan):
                self._plan_of[item.id] = plan
        self._verify()

    # Construction -------------------------------------------------------------------------

    @classmethod
    def read(cls, plan_files: Iterable[str | Path]) -> Dataset:
        """A dataset of the bundled codelists and the plan files given (JSON, one plan each)."""
        bundled = load()
        plans = []
        for file in plan_files:
            path = Path(file)
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise DataError(str(path), f"cannot read: {error}") from None
            plans.append(_read_plan(str(path), text))
        return cls(
            pillars=bundled.pillars,
            indicators=bundled.indicators,
            provinces=bundled.provinces,
            agencies=bundled.agencies,
            documents=bundled.documents,
            plans=plans,
        )

    def _verify(self) -> None:
        """Check the links between records that no single file can check; DataError if broken."""
        problems: list[str] = []
        ids = Counter(item.id for plan in self.plans for item in _figures(plan))
        problems += [
            f"id {i!r} is used by more than one target or actual" for i, n in ids.items() if n > 1
        ]
        plan_ids = Counter(plan.id for plan in self.plans)
        problems += [f"plan id {i!r} is used more than once" for i, n in plan_ids.items() if n > 1]
        documents = self._index["document"]
        for plan in self.plans:
            for doc in plan.documents:
                if doc not in documents:
                    problems.append(f"plan {plan.id}: unknown document {doc!r}")
            for source in _plan_sources(plan):
                document = documents.get(source.document)
                if document is None:
                    problems.append(
                        f"plan {plan.id}: source names unknown document {source.document!r}"
                    )
                elif (
                    source.file is not None
                    and document.file is not None
                    and source.file != document.file
                ):
                    problems.append(
                        f"plan {plan.id}: source file {source.file!r} is not the file of "
                        f"document {document.id!r} ({document.file!r})"
                    )
        for province in self.provinces:
            if province.successor is not None:
                successor = self._index["province"][province.successor]
                if not any(province.id in m.provinces for m in successor.mergers):
                    problems.append(
                        f"province {province.id}: successor {successor.id} does not list the merger"
                    )
        if problems:
            raise DataError("dataset", "; ".join(problems))

    # Lookup -------------------------------------------------------------------------------

    def _get(self, kind: str, id: str) -> Any:
        index = self._index[kind]
        try:
            return index[id]
        except (KeyError, TypeError):
            close = difflib.get_close_matches(str(id), list(index), n=3, cutoff=0.75)
            raise UnknownIdError(kind, str(id), close) from None

    def indicator(self, id: str) -> Indicator:
        """The indicator ``id``; :class:`~sodoan.UnknownIdError` (with suggestions) if unknown."""
        result: Indicator = self._get("indicator", id)
        return result

    def province(self, id: str) -> Province:
        """The province ``id``."""
        result: Province = self._get("province", id)
        return result

    def pillar(self, id: str) -> Pillar:
        """The pillar ``id``."""
        result: Pillar = self._get("pillar", id)
        return result

    def agency(self, id: str) -> Agency:
        """The agency ``id``."""
        result: Agency = self._get("agency", id)
        return result

    def document(self, id: str) -> SourceDocument:
        """The source document ``id``."""
        result: SourceDocument = self._get("document", id)
        return result

    def plan(self, id_or_number: str) -> Plan:
        """The plan with this id (``tuyen-quang-60-kh-ubnd-2025``) or number (``60/KH-UBND``)."""
        matches = [p for p in self.plans if id_or_number in (p.id, p.number)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UnknownIdError("plan", id_or_number, [p.id for p in matches])
        result: Plan = self._get("plan", id_or_number)
        return result

    def plan_of(self, item: Target | Actual) -> Plan:
        """The plan a target or actual belongs to."""
        return self._plan_of[item.id]

    # Queries ------------------------------------------------------------------------------

    def _filter(
        self,
        items: Iterator[Target | Actual],
        indicator: str | None,
        province: str | None,
        pillar: str | None,
        year: int | None,
        document: str | None,
        year_of: Callable[[Any], int | None],
    ) -> list[Any]:
        if indicator is not None:
            self.indicator(indicator)
        if province is not None:
            self.province(province)
        if pillar is not None:
            self.pillar(pillar)
        pillar_of = {i.id: i.pillar for i in self.indicators}
        result = []
        for item in items:
            if indicator is not None and item.indicator != indicator:
                continue
            if province is not None and item.province != province:
                continue
            if pillar is not None and pillar_of[item.indicator] != pillar:
                continue
            if year is not None and year_of(item) != year:
                continue
            if document is not None and document not in self._documents_of(item):
                continue
            result.append(item)
        return result

    def _documents_of(self, item: Target | Actual) -> set[str]:
        plan = self.plan_of(item)
        return {item.source.document, plan.id, *(n for n in (plan.number, item.source.cites) if n)}

    def targets(
        self,
        indicator: str | None = None,
        province: str | None = None,
        pillar: str | None = None,
        year: int | None = None,
        document: str | None = None,
    ) -> list[Target]:
        """Targets matching every filter given (all targets when called bare).

        ``year`` is the due year; ``document`` matches a source document id, a plan id or a plan
        number (``60/KH-UBND``). Unknown indicator, province or pillar ids raise
        :class:`~sodoan.UnknownIdError`.
        """
        items = (t for plan in self.plans for t in plan.targets)
        return self._filter(
            items,
            indicator,
            province,
            pillar,
            year,
            document,
            lambda t: t.due.year if t.due is not None else None,
        )

    def actuals(
        self,
        indicator: str | None = None,
        province: str | None = None,
        pillar: str | None = None,
        year: int | None = None,
        document: str | None = None,
    ) -> list[Actual]:
        """Actuals matching every filter given (all actuals when called bare); ``year`` is the
        year of the period."""
        items = (a for plan in self.plans for a in plan.actuals)
        return self._filter(
            items, indicator, province, pillar, year, document, lambda a: a.period.year
        )

    def progress(self, province: str | None = None, as_of: dt.date | None = None) -> ProgressReport:
        """Every target (of ``province``, or of all) with its best matching actual and
        assessment, grouped by pillar (see :func:`sodoan.assessment.progress`)."""
        from sodoan.assessment import progress

        if province is not None:
            self.province(province)
        return progress(self, province, as_of)

    def to_pandas(self, what: str = "targets", **filters: Any) -> Any:
        """A pandas DataFrame of ``targets``, ``actuals`` or ``findings`` (needs the pandas extra).

        ``filters`` are those of :meth:`targets` / :meth:`actuals`. Values stay exact
        (``Decimal``); each row carries its source (document, clause, quote).
        """
        from sodoan._optional import frame, require

        require("pandas", "pandas")
        if what == "findings":
            records = [
                {
                    "code": f.code,
                    "severity": f.severity,
                    "province": f.province,
                    "indicator": f.indicator,
                    "period": f.period.to_json() if f.period else None,
                    "stated": f.stated.value if f.stated else None,
                    "computed": f.computed.value if f.computed else None,
                    "difference": f.difference.value if f.difference else None,
                    "unit": f.difference.unit if f.difference else None,
                    "documents": " ".join(f.documents),
                    "description": f.describe("en"),
                }
                for f in self.check()
            ]
            return frame(records)
        if what not in ("targets", "actuals"):
            raise ValueError(f"what must be 'targets', 'actuals' or 'findings', not {what!r}")
        items = self.targets(**filters) if what == "targets" else self.actuals(**filters)
        records = []
        for item in items:
            record = item.model_dump(exclude={"source", "value", "upper", "baseline", "fraction"})
            record["value"] = item.value.value
            record["unit"] = item.value.unit
            if isinstance(item, Target):
                record["upper"] = item.upper.value if item.upper else None
                record["due"] = item.due.to_json() if item.due else None
            else:
                record["period"] = item.period.to_json()
                record["change_from"] = item.change_from.to_json() if item.change_from else None
            record["plan"] = self.plan_of(item).id
            record.update(
                source_document=item.source.document,
                source_clause=item.source.clause,
                source_quote=item.source.quote,
            )
            records.append(record)
        return frame(records)

    # Checks -------------------------------------------------------------------------------

    def check(self) -> list[Finding]:
        """Inconsistencies within documents and conflicts between them (see sodoan.checks)."""
        from sodoan.checks import run_checks

        return run_checks(self)

    def __repr__(self) -> str:
        targets = sum(len(p.targets) for p in self.plans)
        actuals = sum(len(p.actuals) for p in self.plans)
        return (
            f"<Dataset: {len(self.plans)} plans, {targets} targets, {actuals} actuals, "
            f"{len(self.indicators)} indicators>"
        )


def _figures(plan: Plan) -> Iterator[Target | Actual]:
    yield from plan.targets
    yield from plan.actuals


def _plan_sources(plan: Plan) -> Iterator[Source]:
    if plan.source is not None:
        yield plan.source
    for item in _figures(plan):
        yield item.source
    for responsibility in plan.responsibilities:
        yield responsibility.source
    for budget in plan.budgets:
        yield budget.source
        for line in budget.lines:
            yield line.source


def _bundled_plan_files() -> Sequence[tuple[str, str]]:
    plans_dir = data_dir() / "plans"
    files = sorted(
        (p for p in plans_dir.iterdir() if p.name.endswith(".json")), key=lambda p: p.name
    )
    return [(f"plans/{p.name}", p.read_text(encoding="utf-8")) for p in files]


def _codelist(name: str, model: type[M]) -> tuple[M, ...]:
    return _read_list(name, (data_dir() / name).read_text(encoding="utf-8"), model)


@functools.cache
def load() -> Dataset:
    """The bundled dataset (read and validated once, then cached).

    Raises :class:`~sodoan.DataError` naming the file and the field paths if a data file is
    invalid, or naming the records if the links between files are broken.
    """
    return Dataset(
        pillars=_codelist("pillars.json", Pillar),
        indicators=_codelist("indicators.json", Indicator),
        provinces=_codelist("provinces.json", Province),
        agencies=_codelist("agencies.json", Agency),
        documents=_codelist("documents.json", SourceDocument),
        plans=[_read_plan(name, text) for name, text in _bundled_plan_files()],
    )
