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
from typing import Any, Final

from pydantic import TypeAdapter, ValidationError

from sodoan._messages import describe_errors
from sodoan._resources import data_dir
from sodoan.catalogue import Catalogue
from sodoan.checks import Finding, run_checks
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
from sodoan.model._refs import CONTEXT_KEY

__all__ = ["Dataset", "load"]

#: Plan files larger than this are refused by Dataset.read (a plan is a few hundred kB).
MAX_PLAN_BYTES: Final = 16 * 1024 * 1024


def _read_plan(name: str, text: str | bytes, catalogue: Catalogue) -> Plan:
    try:
        return Plan.model_validate_json(text, context={CONTEXT_KEY: catalogue})
    except ValidationError as error:
        raise DataError(name, describe_errors(error, catalogue.suggest)) from None


def _read_documents(name: str, text: str | bytes, catalogue: Catalogue) -> list[SourceDocument]:
    try:
        return TypeAdapter(list[SourceDocument]).validate_json(
            text, context={CONTEXT_KEY: catalogue}
        )
    except ValidationError as error:
        raise DataError(name, describe_errors(error, catalogue.suggest)) from None


class Dataset:
    """Plans, their targets and actuals, the documents they were read from, and the catalogue
    (codelists) they refer to.

    Get the bundled one with :func:`sodoan.load`; build one from your own plan files with
    :meth:`Dataset.read`. Every reference (indicator, province, agency, pillar) is checked
    against the dataset's :class:`~sodoan.Catalogue` (the bundled one unless given).
    """

    def __init__(
        self,
        *,
        plans: Iterable[Plan],
        documents: Iterable[SourceDocument] = (),
        catalogue: Catalogue | None = None,
        pillars: Iterable[Pillar] | None = None,
        indicators: Iterable[Indicator] | None = None,
        provinces: Iterable[Province] | None = None,
        agencies: Iterable[Agency] | None = None,
    ) -> None:
        lists = (pillars, indicators, provinces, agencies)
        if catalogue is None and any(x is not None for x in lists):
            catalogue = Catalogue(
                pillars=pillars or (),
                indicators=indicators or (),
                provinces=provinces or (),
                agencies=agencies or (),
                name="dataset catalogue",
            )
        self.catalogue: Catalogue = catalogue if catalogue is not None else Catalogue.bundled()
        """The codelists the dataset's figures refer to."""
        self.documents: tuple[SourceDocument, ...] = tuple(documents)
        """Documents the figures were read from."""
        self.plans: tuple[Plan, ...] = tuple(plans)
        """Plans (and resolutions, decisions, reports), each with its targets, actuals,
        responsibilities and budgets."""
        self._documents = {d.id: d for d in self.documents}
        self._plans = {p.id: p for p in self.plans}
        self._plan_of: dict[str, Plan] = {}
        for plan in self.plans:
            for item in _figures(plan):
                self._plan_of[item.id] = plan
        self._verify()

    @property
    def pillars(self) -> tuple[Pillar, ...]:
        """Pillars and foundations (of the catalogue)."""
        return self.catalogue.pillars

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """The indicators of the catalogue."""
        return self.catalogue.indicators

    @property
    def provinces(self) -> tuple[Province, ...]:
        """Provinces (the 63 and the 34, with the July 2025 mergers) and the nation."""
        return self.catalogue.provinces

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """Agencies of the catalogue."""
        return self.catalogue.agencies

    # Construction -------------------------------------------------------------------------

    @classmethod
    def read(
        cls,
        plan_files: Iterable[str | Path],
        *,
        catalogue: Catalogue | None = None,
        documents: Iterable[SourceDocument] | None = None,
    ) -> Dataset:
        """A dataset of the plan files given (JSON, one plan each), checked against
        ``catalogue`` (default: the bundled one); ``documents`` default to the bundled list.

        A file larger than 16 MiB is refused without being read (:class:`~sodoan.DataError`).
        """
        chosen = catalogue if catalogue is not None else Catalogue.bundled()
        plans = []
        for file in plan_files:
            path = Path(file)
            try:
                if path.stat().st_size > MAX_PLAN_BYTES:
                    raise DataError(str(path), f"larger than {MAX_PLAN_BYTES} bytes; not read")
                data = path.read_bytes()
            except OSError as error:
                raise DataError(str(path), f"cannot read: {error.strerror or error}") from None
            plans.append(_read_plan(str(path), data, chosen))
        return cls(
            plans=plans,
            documents=documents if documents is not None else load().documents,
            catalogue=chosen,
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
        indicators = self.catalogue.ids("indicator")
        provinces = self.catalogue.ids("province")
        if self.documents:  # the sources of the provinces' official codes are documents too
            for province in self.catalogue.provinces:
                problems += [
                    f"province {province.id}: code source names unknown document "
                    f"{code.source.document!r}"
                    for code in province.codes
                    if code.source.document not in self._documents
                ]
        for plan in self.plans:
            if plan.province not in provinces:
                problems.append(f"plan {plan.id}: province {plan.province!r} not in the catalogue")
            for item in _figures(plan):
                if item.indicator not in indicators:
                    problems.append(f"{item.id}: indicator {item.indicator!r} not in the catalogue")
                if item.province not in provinces:
                    problems.append(f"{item.id}: province {item.province!r} not in the catalogue")
            for doc in plan.documents:
                if doc not in self._documents:
                    problems.append(f"plan {plan.id}: unknown document {doc!r}")
            for source in _plan_sources(plan):
                document = self._documents.get(source.document)
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
        if problems:
            raise DataError("dataset", "; ".join(problems[:20]))

    # Lookup -------------------------------------------------------------------------------

    def indicator(self, id: str) -> Indicator:
        """The indicator ``id``, or the one named so in Vietnamese or English, with or without
        diacritics (``"Digital economy share of GRDP"``); :class:`~sodoan.UnknownIdError`
        naming the closest ids (``"dti"``: ``dti-rank``, ``dti-score``, ...) if there is none.
        :meth:`find_indicators` searches."""
        return self.catalogue.indicator(id)

    def province(self, id: str) -> Province:
        """The province (or nation) ``id``, or the one named so: ``"Tuyên Quang"``,
        ``"tuyen quang"``, ``"Tra Vinh"``; :class:`~sodoan.UnknownIdError` naming the closest
        ids if there is none. :meth:`find_provinces` searches."""
        return self.catalogue.province(id)

    def pillar(self, id: str) -> Pillar:
        """The pillar ``id``, or the one named so."""
        return self.catalogue.pillar(id)

    def agency(self, id: str) -> Agency:
        """The agency ``id``, or the one named so."""
        return self.catalogue.agency(id)

    def find_indicators(self, query: str = "") -> list[Indicator]:
        """Indicators matching ``query`` (an id, the start of one, words of a name in either
        language, with or without diacritics), best first; see
        :meth:`sodoan.Catalogue.find_indicators`."""
        return self.catalogue.find_indicators(query)

    def find_provinces(self, query: str = "") -> list[Province]:
        """Provinces (and the nation) matching ``query``, best first; see
        :meth:`sodoan.Catalogue.find_provinces`."""
        return self.catalogue.find_provinces(query)

    def counts(self, kind: str) -> dict[str, tuple[int, int]]:
        """For each ``indicator`` or ``province`` id with figures, how many targets and actuals
        the dataset states for it (a province's own figures, without those merged into it)."""
        if kind not in ("indicator", "province"):
            raise ValueError(f"kind must be 'indicator' or 'province', not {kind!r:.40}")
        counts: dict[str, list[int]] = {}
        for item in self.targets():
            key = item.indicator if kind == "indicator" else item.province
            counts.setdefault(key, [0, 0])[0] += 1
        for actual in self.actuals():
            key = actual.indicator if kind == "indicator" else actual.province
            counts.setdefault(key, [0, 0])[1] += 1
        return {key: (n[0], n[1]) for key, n in counts.items()}

    def document(self, id: str) -> SourceDocument:
        """The source document ``id``."""
        try:
            return self._documents[id]
        except (KeyError, TypeError):
            close = difflib.get_close_matches(str(id), list(self._documents), n=3, cutoff=0.75)
            raise UnknownIdError("document", str(id), close) from None

    def plan(self, id_or_number: str) -> Plan:
        """The plan with this id (``tuyen-quang-60-kh-ubnd-2025``) or number (``60/KH-UBND``)."""
        matches = [p for p in self.plans if id_or_number in (p.id, p.number)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise UnknownIdError("plan", id_or_number, [p.id for p in matches])
        close = difflib.get_close_matches(str(id_or_number), list(self._plans), n=3, cutoff=0.75)
        raise UnknownIdError("plan", str(id_or_number), close)

    def plan_of(self, item: Target | Actual) -> Plan:
        """The plan a target or actual belongs to."""
        return self._plan_of[item.id]

    # Lineage ------------------------------------------------------------------------------

    def lineage(self, province: str) -> list[str]:
        """``province`` and every province merged into it, directly or in turn, in the order
        of the mergers: ``lineage("vinh-long")`` is ``["vinh-long", "ben-tre", "tra-vinh"]``.

        A province merged away (``tra-vinh``) has only itself: its successor is
        ``province(id).successor``.
        """
        result = [self.province(province).id]
        for id in result:
            for merger in self.province(id).mergers:
                result += [p for p in merger.provinces if p not in result]
        return result

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
        lineage: bool,
    ) -> list[Any]:
        if indicator is not None:
            indicator = self.indicator(indicator).id
        provinces: set[str] | None = None
        if province is not None:
            provinces = set(self.lineage(province) if lineage else [self.province(province).id])
        if pillar is not None:
            pillar = self.pillar(pillar).id
        pillar_of = {i.id: i.pillar for i in self.indicators}
        result = []
        for item in items:
            if indicator is not None and item.indicator != indicator:
                continue
            if provinces is not None and item.province not in provinces:
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
        *,
        lineage: bool = False,
    ) -> list[Target]:
        """Targets matching every filter given (all targets when called bare).

        ``year`` is the due year; ``document`` matches a source document id, a plan id or a plan
        number (``60/KH-UBND``). ``province`` is that id only: Tuyên Quang's 2024 figures are the
        old province's, not Hà Giang's. With ``lineage=True`` it follows the July 2025 mergers:
        ``vinh-long`` also gives the targets of Trà Vinh and Bến Tre (each keeps its own
        ``province``), as the reports do. Unknown indicator, province or pillar ids raise
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
            lineage,
        )

    def actuals(
        self,
        indicator: str | None = None,
        province: str | None = None,
        pillar: str | None = None,
        year: int | None = None,
        document: str | None = None,
        *,
        lineage: bool = False,
    ) -> list[Actual]:
        """Actuals matching every filter given (all actuals when called bare); ``year`` is the
        year of the period; ``province`` and ``lineage`` as in :meth:`targets`."""
        items = (a for plan in self.plans for a in plan.actuals)
        return self._filter(
            items, indicator, province, pillar, year, document, lambda a: a.period.year, lineage
        )

    def _table(self, what: str, filters: dict[str, Any]) -> Any:
        from sodoan.frames import data_table

        if what == "targets":
            return data_table(self, what, targets=self.targets(**filters))
        if what == "actuals":
            return data_table(self, what, actuals=self.actuals(**filters))
        if filters:
            raise ValueError(f"only targets and actuals take filters, not {what!r:.40}")
        return data_table(self, what)

    def to_pandas(self, what: str = "targets", **filters: Any) -> Any:
        """A pandas DataFrame of ``targets``, ``actuals``, ``budgets``, ``budget_lines``,
        ``responsibilities``, ``plans``, ``documents``, the codelists (``indicators``,
        ``provinces``, ``pillars``, ``agencies``) or ``findings`` (needs the ``pandas`` extra).

        ``filters`` (targets and actuals only) are those of :meth:`targets` / :meth:`actuals`.
        A value is ``float64`` under its name (``value``) and exact in ``value_exact``
        (``decimal128(38, s)[pyarrow]``); a period is its label (``due``: ``"2025"``), first and
        last day (``due_start``, ``due_end``: dates) and year (``due_year``: ``Int64``); each
        figure keeps its source (document, clause, quote, url). See :mod:`sodoan.frames`.
        """
        return self._table(what, filters).to_pandas()

    def to_polars(self, what: str = "targets", **filters: Any) -> Any:
        """The table of :meth:`to_pandas` as a polars DataFrame, values as exact
        ``Decimal(38, s)`` (needs the ``polars`` extra)."""
        return self._table(what, filters).to_polars()

    def to_arrow(self, what: str = "targets", **filters: Any) -> Any:
        """The table of :meth:`to_pandas` as a pyarrow Table, values as exact
        ``decimal128(38, s)`` (needs the ``arrow`` extra)."""
        return self._table(what, filters).to_arrow()

    # Checks -------------------------------------------------------------------------------

    def check(self) -> list[Finding]:
        """Inconsistencies within documents and conflicts between them (see sodoan.checks)."""
        return run_checks(self.plans, self.catalogue, self._documents)

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


@functools.cache
def load() -> Dataset:
    """The bundled dataset (read and validated once, then cached).

    Raises :class:`~sodoan.DataError` naming the file and the field paths if a data file is
    invalid, or naming the records if the links between files are broken.
    """
    catalogue = Catalogue.bundled()
    return Dataset(
        catalogue=catalogue,
        documents=_read_documents(
            "documents.json", (data_dir() / "documents.json").read_bytes(), catalogue
        ),
        plans=[_read_plan(name, text, catalogue) for name, text in _bundled_plan_files()],
    )
