"""The recall and precision of :func:`sodoan.extract` on the five source documents, with the
bundled dataset as the truth (shared by tests/test_extract.py and benchmarks/bench_extract.py).

A figure is keyed by (kind, indicator or funding source, value, unit, comparator or
qualifier, year); the truth is every target, actual and budget of the bundled plans whose
source file is one of the documents; keys are matched as multisets.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import sodoan
from sodoan import Plan

#: How each document is extracted: what a person adding it would give (the province, and for a
#: news article without a date, the year it speaks from: INDEX.md dates 002 c. 2024).
DOCUMENTS: Mapping[str, Mapping[str, Any]] = {
    "000_dd7f22006c6a191c.txt": {"province": "tuyen-quang"},
    "001_95ff1117b97008d4.txt": {"province": "nam-dinh"},
    "002_4e26ec76ce9e422d.txt": {"province": "tuyen-quang", "as_of": 2024},
    "003_3af9811e5cc25df9.txt": {"province": "tuyen-quang"},
    "004_c7a2073dda4bf974.txt": {"province": "tra-vinh"},
}

Key = tuple[str, str, Decimal, str, str, "int | None"]


def _year(period: Any) -> int | None:
    return None if period is None else int(period.year)


def keys_of(plan: Plan, files: Iterable[str] | None = None) -> list[tuple[Key, str]]:
    """The keys of a plan's figures (those read from ``files``, if given), each with a label."""
    wanted = set(files) if files is not None else None

    def keep(source: Any) -> bool:
        return wanted is None or source.file in wanted

    found: list[tuple[Key, str]] = []
    for t in plan.targets:
        if keep(t.source):
            key = (
                "target",
                t.indicator,
                t.value.value.normalize(),
                t.value.unit,
                t.comparator,
                _year(t.due),
            )
            found.append((key, t.source.quote))
    for a in plan.actuals:
        if keep(a.source):
            key = (
                "actual",
                a.indicator,
                a.value.value.normalize(),
                a.value.unit,
                a.qualifier,
                _year(a.period),
            )
            found.append((key, a.source.quote))
    for b in plan.budgets:
        if keep(b.source) and b.total is not None:
            key = (
                "budget",
                "total",
                b.total.value.normalize(),
                b.total.unit,
                "eq",
                _year(b.period),
            )
            found.append((key, b.source.quote))
        for line in b.lines:
            if keep(line.source):
                key = (
                    "budget",
                    line.funding,
                    line.amount.value.normalize(),
                    line.amount.unit,
                    "eq",
                    _year(b.period),
                )
                found.append((key, line.source.quote))
    return found


@dataclass(frozen=True)
class Score:
    truth: int
    extracted: int
    matched: int
    misses: list[tuple[Key, str]]
    extras: list[tuple[Key, str]]

    @property
    def recall(self) -> float:
        return self.matched / self.truth if self.truth else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    def report(self) -> str:
        lines = [
            f"recall {self.recall:.1%} ({self.matched}/{self.truth}), "
            f"precision {self.precision:.1%} ({self.matched}/{self.extracted})"
        ]
        lines += [f"  missed: {k} <- {q[:90]}" for k, q in self.misses]
        lines += [f"  extra:  {k} <- {q[:90]}" for k, q in self.extras]
        return "\n".join(lines)


def score(sources: Path) -> Score:
    """Extract the five documents and compare with the bundled dataset."""
    truth: list[tuple[Key, str]] = []
    for plan in sodoan.load().plans:
        truth += keys_of(plan, DOCUMENTS)
    extracted: list[tuple[Key, str]] = []
    for name, options in DOCUMENTS.items():
        text = (sources / name).read_text(encoding="utf-8")
        result = sodoan.extract(text, file=name, **options)
        extracted += keys_of(result.plan)
    remaining = Counter(k for k, _ in truth)
    matched = 0
    extras: list[tuple[Key, str]] = []
    for key, quote in extracted:
        if remaining[key] > 0:
            remaining[key] -= 1
            matched += 1
        else:
            extras.append((key, quote))
    misses: list[tuple[Key, str]] = []
    for key, quote in truth:
        if remaining[key] > 0:
            remaining[key] -= 1
            misses.append((key, quote))
    return Score(len(truth), len(extracted), matched, misses, extras)
