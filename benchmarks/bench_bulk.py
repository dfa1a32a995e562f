"""Throughput of sodoan's bulk validation and batched assessment, against references.

Run from the repository root (after ``pip install -e '.[dev]'``)::

    python benchmarks/bench_bulk.py            # N = 200,000, median of 3 runs
    python benchmarks/bench_bulk.py --n 50000 --runs 5

It prints, in one run:

* records/s validating N Actual records from JSON Lines with ``sodoan.bulk.validate_jsonl``,
  with a plain pydantic model of the same JSON shape (Decimal and Literal fields, no sodoan
  rules) line by line and from one JSON array, and with ``jsonschema`` on
  ``schemas/actual.schema.json``; and the ratios;
* pairs/s assessing N actual/target pairs with ``assess_many``, a loop of ``assess``, and a
  naive loop that builds pint Quantities per pair; and the ratios;
* the time of ``import sodoan`` next to ``import pydantic`` (fresh interpreters, median of 7).

Records and pairs are generated with a fixed seed from the bundled indicator catalogue, with
sources (Vietnamese quotes and clauses) drawn from the bundled figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, TypeAdapter

import sodoan
from sodoan import Actual, Target, assess_many
from sodoan.bulk import validate_jsonl
from sodoan.model._refs import bundled_codes
from sodoan.model._rules import absolute_units
from sodoan.units import UNIT_CODES, registry

REPO = Path(__file__).resolve().parent.parent


def known_ids(kind: str) -> frozenset[str]:
    return bundled_codes().ids(kind)  # type: ignore[arg-type]


def level_units(indicator: str) -> tuple[str, ...]:
    return absolute_units(bundled_codes().facts(indicator))


# -- the reference: a plain pydantic model of the same JSON shape --------------------------

IndicatorId = Literal[tuple(sorted(known_ids("indicator")))]  # type: ignore[valid-type]
ProvinceId = Literal[tuple(sorted(known_ids("province")))]  # type: ignore[valid-type]
UnitCode = Literal[UNIT_CODES]  # type: ignore[valid-type]
PLAIN = ConfigDict(frozen=True, extra="forbid")


class PlainMeasure(BaseModel):
    model_config = PLAIN
    value: Decimal
    unit: UnitCode


class PlainSource(BaseModel):
    model_config = PLAIN
    document: str
    clause: str
    quote: str
    file: Optional[str] = None  # noqa: UP045 - the reference is written the plain way
    cites: Optional[str] = None  # noqa: UP045
    url: Optional[str] = None  # noqa: UP045


class PlainFraction(BaseModel):
    model_config = PLAIN
    numerator: int
    denominator: int


class PlainActual(BaseModel):
    model_config = PLAIN
    id: str
    indicator: IndicatorId
    province: ProvinceId
    level: Optional[Literal["province", "district", "commune", "village"]] = None  # noqa: UP045
    area: Optional[str] = None  # noqa: UP045
    period: int | str
    qualifier: Literal[
        "exact", "approximately", "more_than", "at_least", "nearly", "less_than", "at_most"
    ] = "exact"
    change_from: Optional[int | str] = None  # noqa: UP045
    value: PlainMeasure
    fraction: Optional[PlainFraction] = None  # noqa: UP045
    source: PlainSource
    note: Optional[str] = None  # noqa: UP045


# -- data ------------------------------------------------------------------------------------


def _real_sources() -> list[dict[str, str]]:
    """The sources of the bundled figures: real Vietnamese quotes and clauses."""
    data = sodoan.load()
    return [
        f.source.model_dump(mode="json", exclude_none=True)
        for f in [*data.targets(), *data.actuals()]
    ]


def _value(unit: str, rng: random.Random) -> str:
    if unit in ("count", "rank"):
        return str(rng.randint(1, 100_000))
    return str(Decimal(rng.randint(0, 10_000_000)).scaleb(-rng.randint(0, 3)))


def make_actuals(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """n valid Actual documents over the indicator catalogue."""
    rng = random.Random(seed)
    indicators = sorted(known_ids("indicator"))
    provinces = sorted(known_ids("province"))
    sources = _real_sources()
    records = []
    for i in range(n):
        indicator = rng.choice(indicators)
        unit = rng.choice(level_units(indicator))
        records.append(
            {
                "id": f"record-{i}",
                "indicator": indicator,
                "province": rng.choice(provinces),
                "period": rng.randint(2015, 2025),
                "qualifier": rng.choice(["exact", "exact", "exact", "approximately", "more_than"]),
                "value": {"value": _value(unit, rng), "unit": unit},
                "source": rng.choice(sources),
            }
        )
    return records


def make_pairs(actuals: list[dict[str, Any]], seed: int = 11) -> list[tuple[Actual, Target]]:
    """Actual/target pairs of the same indicator, thresholds in another scale where possible."""
    rng = random.Random(seed)
    pairs = []
    for record in actuals:
        actual = Actual.model_validate(record)
        units = level_units(actual.indicator)
        comparator = (
            "le" if actual.value.unit == "rank" else rng.choice(["gt", "ge", "le", "lt", "eq"])
        )
        unit = rng.choice(units)
        target = Target.model_validate(
            {
                "id": "t-" + record["id"],
                "indicator": actual.indicator,
                "province": actual.province,
                "comparator": comparator,
                "value": {"value": _value(unit, rng), "unit": unit},
                "due": rng.randint(2020, 2030),
                "source": record["source"],
            }
        )
        pairs.append((actual, target))
    return pairs


# -- timing ----------------------------------------------------------------------------------


def median_rate(work: Callable[[], object], count: int, runs: int) -> float:
    """count / median seconds of ``runs`` runs of ``work``."""
    return median_rates({"work": work}, count, runs)["work"]


def median_rates(works: dict[str, Callable[[], object]], count: int, runs: int) -> dict[str, float]:
    """count / median seconds of ``runs`` runs of each of ``works``, the runs interleaved.

    Round k runs every work once, so a slow spell of a shared machine falls on all of them
    alike and the ratios between them stay fair.
    """
    times: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(runs):
        for name, work in works.items():
            start = time.perf_counter()
            work()
            times[name].append(time.perf_counter() - start)
    return {name: count / statistics.median(spent) for name, spent in times.items()}


def import_time(module: str, runs: int = 7) -> float:
    """Median seconds to import ``module`` in a fresh interpreter."""
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    samples = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(samples)


Bound = tuple[Any, bool]  # (pint Quantity or None for unbounded, closed?)


def _contains(region: tuple[Bound, Bound], interval: tuple[Bound, Bound]) -> bool:
    (rlo, rlo_closed), (rhi, rhi_closed) = region
    (ilo, ilo_closed), (ihi, ihi_closed) = interval
    if rlo is not None and (
        ilo is None or ilo < rlo or (ilo == rlo and ilo_closed and not rlo_closed)
    ):
        return False
    return not (
        rhi is not None
        and (ihi is None or ihi > rhi or (ihi == rhi and ihi_closed and not rhi_closed))
    )


def _before(a: tuple[Bound, Bound], b: tuple[Bound, Bound]) -> bool:
    (ahi, ahi_closed), (blo, blo_closed) = a[1], b[0]
    return (
        ahi is not None
        and blo is not None
        and (ahi < blo or (ahi == blo and not (ahi_closed and blo_closed)))
    )


def naive_pint(pairs: list[tuple[Actual, Target]], as_of: dt.date) -> list[tuple[str, Any, Any]]:
    """The naive way to assess: pint Quantities built, converted and compared per pair.

    Same rules as sodoan.assess (qualifier intervals, strict gt/lt, due dates), with every
    value a pint Quantity; returns (status, margin magnitude, ratio magnitude) per pair.
    """
    ureg = registry()
    spread = Decimal("0.05")
    results = []
    for actual, target in pairs:
        threshold = ureg.Quantity(target.value.value, target.value.unit)
        value = ureg.Quantity(actual.value.value, actual.value.unit).to(threshold.units)
        upper = (
            ureg.Quantity(target.upper.value, target.upper.unit).to(threshold.units)
            if target.upper
            else None
        )
        width = abs(value) * spread
        interval: tuple[Bound, Bound] = {
            "exact": ((value, True), (value, True)),
            "approximately": ((value - width, False), (value + width, False)),
            "nearly": ((value - width, False), (value, False)),
            "more_than": ((value, False), (None, False)),
            "at_least": ((value, True), (None, False)),
            "less_than": ((None, False), (value, False)),
            "at_most": ((None, False), (value, True)),
        }[actual.qualifier]
        region: tuple[Bound, Bound] = {
            "gt": ((threshold, False), (None, False)),
            "ge": ((threshold, True), (None, False)),
            "lt": ((None, False), (threshold, False)),
            "le": ((None, False), (threshold, True)),
            "eq": ((threshold, True), (threshold, True)),
            "between": ((threshold, True), (upper, True)),
        }[target.comparator]
        due = target.due
        if _contains(region, interval):
            status = "achieved"
        elif not (_before(region, interval) or _before(interval, region)):
            status = "indeterminate"
        else:
            status = "missed" if due is not None and as_of > due.end else "pending"
        margin = value - threshold
        ratio = (value / threshold).to("dimensionless") if threshold.magnitude > 0 else None
        results.append((status, margin.magnitude, ratio.magnitude if ratio is not None else None))
    return results


def row(label: str, rate: float, ratio_label: str = "", ratio: float | None = None) -> None:
    """One line of the report: a rate and, optionally, a ratio."""
    text = f"  {label:<32} {rate:>12,.0f}"
    if ratio is not None:
        text += f"   {ratio_label} = {ratio:.2f}"
    print(text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--n", type=int, default=200_000, help="records and pairs (default 200,000)"
    )
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per measurement; the median is used"
    )
    args = parser.parse_args()
    n, runs = args.n, args.runs

    print(
        f"sodoan {sodoan.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(f"N = {n:,}, median of {runs} interleaved runs\n")

    records = make_actuals(n)
    lines = b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)
    array = b"[" + b",".join(json.dumps(r, ensure_ascii=False).encode() for r in records) + b"]"
    print(f"{n:,} Actual records, {len(lines) / 1e6:.1f} MB of JSON Lines")

    report = validate_jsonl(lines)
    assert report.valid == n, report.errors[:3]
    plain_list = TypeAdapter(list[PlainActual])
    plain_list.validate_json(array)  # build the validators before timing

    def plain_line_by_line() -> None:
        for raw in io.BytesIO(lines):  # results discarded, like validate_jsonl's count mode
            PlainActual.model_validate_json(raw)

    rates = median_rates(
        {
            "sodoan": lambda: validate_jsonl(io.BytesIO(lines)),
            "lines": plain_line_by_line,
            "array": lambda: plain_list.validate_json(array),
        },
        n,
        runs,
    )
    sodoan_rate, plain_lines, plain_array = rates["sodoan"], rates["lines"], rates["array"]

    from jsonschema import Draft202012Validator

    schema = json.loads((REPO / "schemas" / "actual.schema.json").read_text(encoding="utf-8"))
    validator = Draft202012Validator(schema)
    documents = [json.loads(raw) for raw in io.BytesIO(lines)]
    jsonschema_rate = median_rate(
        lambda: all(validator.is_valid(d) for d in documents), n, min(runs, 3)
    )

    print("\nValidation (records/s):")
    row("sodoan validate_jsonl", sodoan_rate)
    row("plain pydantic, line by line", plain_lines, "sodoan / plain", sodoan_rate / plain_lines)
    row("plain pydantic, one JSON array", plain_array, "sodoan / plain", sodoan_rate / plain_array)
    row(
        "jsonschema (Draft 2020-12)",
        jsonschema_rate,
        "sodoan / jsonschema",
        sodoan_rate / jsonschema_rate,
    )

    pairs = make_pairs(records)
    as_of = dt.date(2026, 1, 1)
    fast = [o.status for o in assess_many(pairs, as_of=as_of)]
    naive = [status for status, _, _ in naive_pint(pairs, as_of)]
    agree = sum(a == b for a, b in zip(fast, naive, strict=True))
    assert agree == n, f"statuses differ in {n - agree} pairs"
    rates = median_rates(
        {
            "many": lambda: assess_many(pairs, as_of=as_of),
            "loop": lambda: [sodoan.assess(a, t, as_of=as_of) for a, t in pairs],
            "pint": lambda: naive_pint(pairs, as_of),
        },
        n,
        runs,
    )
    many, loop, pint_rate = rates["many"], rates["loop"], rates["pint"]
    print(f"\nAssessment (pairs/s; statuses of assess_many and the pint loop agree on all {n:,}):")
    row("assess_many", many)
    row("loop of assess", loop, "assess_many / assess", many / loop)
    row("naive pint Quantity per pair", pint_rate, "assess_many / pint", many / pint_rate)

    sodoan_import = import_time("sodoan")
    pydantic_import = import_time("pydantic")
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, sodoan, sodoan.units as u; print(u._REGISTRY is None, sorted(m for m"
            " in ('pint', 'pandas', 'matplotlib', 'babel') if m in sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print("\nImport (fresh interpreter, median of 7):")
    print(f"  import sodoan                    {sodoan_import * 1000:>9.1f} ms")
    ratio = sodoan_import / pydantic_import
    print(f"  import pydantic                  {pydantic_import * 1000:>9.1f} ms   ", end="")
    print(f"sodoan / pydantic = {ratio:.2f}")
    print(f"  after import sodoan: registry unbuilt, heavy modules loaded = {loaded}")


if __name__ == "__main__":
    main()
