"""Throughput of sodoan's bulk validation and assessment, against other validators, in one run.

Run from the repository root (after ``pip install -e '.[dev,bench]'``)::

    python benchmarks/bench_bulk.py                       # N = 200,000, median of 3 rounds
    python benchmarks/bench_bulk.py --n 50000 --runs 5
    python benchmarks/bench_bulk.py --memory 1000         # also: a 1,000 MB file, peak RSS
    python benchmarks/bench_bulk.py --frame-rows 1000000  # also: assess_frame on 1M rows

It prints, from one run on one machine (the runs of the contenders interleaved: round k runs each
once, so that a slow spell of a shared machine falls on all of them alike):

* records/s validating N Actual records of JSON Lines: ``sodoan.validate_jsonl`` on one core and
  on every core (``jobs=None``, worker start included), a plain pydantic model of the same JSON
  shape (no sodoan rules, no Literal enums: ``str``, ``Decimal`` and ``int`` fields) line by
  line, ``jsonschema-rs`` (one thread, on ``schemas/actual.schema.json``, lines read by orjson),
  python ``jsonschema`` (the same schema, on a sample), ``msgspec`` (a Struct of the same
  shape) and ``orjson`` parsing alone as floors; and sodoan's ratios to each;
* pairs/s assessing N actual/target pairs: ``assess_frame`` (columns built beforehand by
  ``pairs_frame``, whose own rate is printed too), ``assess_many``, and a loop of ``assess``
  (on a sample); the statuses, margins and ratios of ``assess_frame`` and ``assess_many`` are
  checked equal on all N pairs before timing;
* the time of ``import sodoan`` next to ``import pydantic`` (fresh interpreters, median of 7);
* with ``--memory MB``: ``sodoan validate`` on a file of about MB megabytes, on every core,
  with the peak resident memory of the largest process and of all of them together.

A contender that is not installed is skipped, and the report says so. Records and pairs are
generated with a fixed seed from the bundled indicator catalogue, with sources (Vietnamese
quotes and clauses, some with URLs) drawn from the bundled figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict

import sodoan
from sodoan import Actual, Target, assess_many
from sodoan.bulk import validate_jsonl
from sodoan.model._refs import bundled_codes
from sodoan.model._rules import absolute_units
from sodoan.units import registry

REPO = Path(__file__).resolve().parent.parent


def known_ids(kind: str) -> frozenset[str]:
    return bundled_codes().ids(kind)  # type: ignore[arg-type]


def level_units(indicator: str) -> tuple[str, ...]:
    return absolute_units(bundled_codes().facts(indicator))


# -- the reference: a plain pydantic model of the same JSON shape --------------------------

PLAIN = ConfigDict(frozen=True, extra="forbid")


class PlainMeasure(BaseModel):
    model_config = PLAIN
    value: Decimal
    unit: str


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
    indicator: str
    province: str
    level: Optional[str] = None  # noqa: UP045
    area: Optional[str] = None  # noqa: UP045
    period: int | str
    qualifier: str = "exact"
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
    if unit == "percent":  # many indicators are shares of a whole: 0-100
        return str(Decimal(rng.randint(0, 100_000)).scaleb(-3))
    return str(Decimal(rng.randint(0, 10_000_000)).scaleb(-rng.randint(0, 3)))


def _period(province: str, rng: random.Random) -> int:
    """A year the province existed in (a merged-away province has no later figures)."""
    ended = bundled_codes().ended(province)
    return rng.randint(2015, ended[0].year if ended is not None else 2025)


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
        province = rng.choice(provinces)
        records.append(
            {
                "id": f"record-{i}",
                "indicator": indicator,
                "province": province,
                "period": _period(province, rng),
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
    for work in works.values():  # once untimed: validators built, worker server started
        work()
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


def each(work: Callable[[bytes], object], lines: list[bytes]) -> None:
    """``work`` on every line, results dropped as they come (as validate_jsonl counts them:
    keeping 200,000 objects alive would time the garbage collector, not the parser)."""
    for raw in lines:
        work(raw)


def has(module: str) -> bool:
    """Whether ``module`` can be imported."""
    return importlib.util.find_spec(module) is not None


def msgspec_decoder() -> Callable[[bytes], object]:
    """A msgspec decoder of the same JSON shape as PlainActual."""
    import msgspec

    return msgspec.json.Decoder(_msgspec_record()).decode


def _msgspec_record() -> type:
    import msgspec

    names: dict[str, Any] = {}
    for name, fields in (
        ("Measure", {"value": Decimal, "unit": str}),
        ("Fraction", {"numerator": int, "denominator": int}),
    ):
        names[name] = msgspec.defstruct(
            name, list(fields.items()), forbid_unknown_fields=True, frozen=True
        )
    optional = Optional[str]  # noqa: UP045
    names["Source"] = msgspec.defstruct(
        "Source",
        [
            ("document", str),
            ("clause", str),
            ("quote", str),
            ("file", optional, None),
            ("cites", optional, None),
            ("url", optional, None),
        ],
        forbid_unknown_fields=True,
        frozen=True,
    )
    return msgspec.defstruct(
        "Record",
        [
            ("id", str),
            ("indicator", str),
            ("province", str),
            ("period", int | str),
            ("value", names["Measure"]),
            ("source", names["Source"]),
            ("level", optional, None),
            ("area", optional, None),
            ("qualifier", str, "exact"),
            ("change_from", int | str | None, None),
            ("fraction", names["Fraction"] | None, None),
            ("note", optional, None),
        ],
        forbid_unknown_fields=True,
        frozen=True,
    )


def peak_memory(command: list[str]) -> tuple[int, int, float, str]:
    """(largest peak RSS of one process, peak of the proportional set size summed over the
    process tree, in KiB; seconds; last line of output) of ``command``, sampled from /proc
    every 50 ms (PSS counts a page shared by forked workers once, split between them)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:  # a pipe could fill up while nobody reads it
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.DEVNULL)
        largest = total = 0

        def tree(pid: int) -> list[int]:
            found = [pid]
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                return found
            for child in children:
                found += tree(int(child))
            return found

        while process.poll() is None:
            sizes = []
            for pid in tree(process.pid):
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        largest = max(largest, int(line.split()[1]))
                # Shared pages are counted once, in shares.
                sizes += [
                    int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")
                ]
            total = max(total, sum(sizes))
            time.sleep(0.05)
        log.seek(0)
        output = log.read().decode()
    return largest, total, time.perf_counter() - start, output.strip().splitlines()[-1]


def row(label: str, rate: float | None, unit: str, ratios: str = "") -> None:
    """One line of the report."""
    shown = f"{rate:>14,.0f} {unit}" if rate is not None else f"{'(not installed)':>14} {unit}"
    print(f"| {label} | {shown} | {ratios} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="records and pairs")
    parser.add_argument("--runs", type=int, default=3, help="rounds; the median is used")
    parser.add_argument("--memory", type=int, default=0, help="MB of JSON Lines for a peak RSS")
    parser.add_argument(
        "--frame-rows", type=int, default=0, help="also assess this many rows in columns"
    )
    args = parser.parse_args()
    n, runs = args.n, args.runs
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(
        f"sodoan {sodoan.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{platform.system()} {platform.release()}, {cores} cores"
    )
    print(f"N = {n:,}, median of {runs} interleaved rounds\n")

    records = make_actuals(n)
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in records]
    data = b"\n".join(lines) + b"\n"
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / "actuals.jsonl"
    path.write_bytes(data)
    print(f"{n:,} Actual records, {len(data) / 1e6:.1f} MB of JSON Lines\n")

    report = validate_jsonl(path)
    assert report.valid == n, report.errors[:3]
    assert validate_jsonl(path, jobs=None).valid == n
    works: dict[str, Callable[[], object]] = {
        "sodoan, 1 core": lambda: validate_jsonl(path),
        f"sodoan, {cores} cores": lambda: validate_jsonl(path, jobs=None),
        "plain pydantic": lambda: each(PlainActual.model_validate_json, lines),
    }
    missing = []
    if has("orjson"):
        import orjson

        loads = orjson.loads
        works["orjson parsing alone"] = lambda: each(loads, lines)
    else:
        missing.append("orjson")
    if has("msgspec"):
        decode = msgspec_decoder()
        works["msgspec"] = lambda: each(decode, lines)
    else:
        missing.append("msgspec")
    schema = json.loads((REPO / "schemas" / "actual.schema.json").read_text(encoding="utf-8"))
    if has("jsonschema_rs") and has("orjson"):
        import jsonschema_rs

        rs = jsonschema_rs.validator_for(schema)
        assert all(rs.is_valid(orjson.loads(raw)) for raw in lines[:1000])
        works["jsonschema-rs (1 thread)"] = lambda: all(rs.is_valid(loads(raw)) for raw in lines)
    else:
        missing.append("jsonschema-rs (with orjson)")
    rates = median_rates(works, n, runs)
    sample = lines[: max(1, n // 20)]
    python_rate = None
    if has("jsonschema"):
        from jsonschema import Draft202012Validator

        validator = Draft202012Validator(schema)
        documents = [json.loads(raw) for raw in sample]
        python_rate = median_rate(
            lambda: all(validator.is_valid(d) for d in documents), len(sample), min(runs, 3)
        )
    one, every = rates["sodoan, 1 core"], rates[f"sodoan, {cores} cores"]

    print("Validation (records/s):\n")
    print("| contender | rate | sodoan 1 core / it, all cores / it |")
    print("|---|---|---|")
    for name, rate in rates.items():
        ratios = "" if name.startswith("sodoan") else f"{one / rate:.2f}, {every / rate:.2f}"
        row(name, rate, "rec/s", ratios)
    ratios = f"{one / python_rate:.0f}, {every / python_rate:.0f}" if python_rate else ""
    row(f"python jsonschema ({len(sample):,} records)", python_rate, "rec/s", ratios)
    if missing:
        print(f"\nskipped (not installed): {', '.join(missing)}")

    pairs = make_pairs(records)
    as_of = dt.date(2026, 1, 1)
    print("\nAssessment (pairs/s):\n")
    print("| contender | rate | assess_frame / it |")
    print("|---|---|---|")
    if has("polars"):
        from sodoan import assess_frame, pairs_frame

        frame = pairs_frame(pairs)  # untimed: the first call also imports polars
        got = assess_frame(frame, as_of=as_of).rows()
        expected = [tuple(o) for o in assess_many(pairs, as_of=as_of)]
        same = sum(a == b for a, b in zip(got, expected, strict=True))
        assert same == n, f"assess_frame and assess_many differ in {n - same} pairs"
        rates = median_rates(
            {
                "assess_frame": lambda: assess_frame(frame, as_of=as_of),
                "assess_many": lambda: assess_many(pairs, as_of=as_of),
                "pairs_frame": lambda: pairs_frame(pairs),
            },
            n,
            runs,
        )
        fast = rates["assess_frame"]
        row("assess_frame (columns)", fast, "pairs/s")
        row("assess_many", rates["assess_many"], "pairs/s", f"{fast / rates['assess_many']:.1f}")
        row("pairs_frame (building the columns)", rates["pairs_frame"], "pairs/s")
        if args.frame_rows:
            import polars

            big = polars.concat([frame] * -(-args.frame_rows // n)).head(args.frame_rows)
            rate = median_rate(lambda: assess_frame(big, as_of=as_of), args.frame_rows, runs)
            times = rate / rates["assess_many"]
            label = f"assess_frame on {args.frame_rows:,} rows ({times:.1f} times assess_many)"
            row(label, rate, "pairs/s")
    else:
        fast = None
        row("assess_frame", None, "pairs/s")
        row("assess_many", median_rate(lambda: assess_many(pairs, as_of=as_of), n, runs), "pairs/s")
    few = pairs[: max(1, n // 10)]
    loop = median_rate(lambda: [sodoan.assess(a, t, as_of=as_of) for a, t in few], len(few), 1)
    row(
        f"loop of assess ({len(few):,} pairs)",
        loop,
        "pairs/s",
        f"{fast / loop:.0f}" if fast else "",
    )
    naive = median_rate(lambda: naive_pint(few, as_of), len(few), 1)
    row(
        f"naive pint Quantity per pair ({len(few):,})",
        naive,
        "pairs/s",
        f"{fast / naive:.0f}" if fast else "",
    )
    if fast is not None:
        print(f"\nassess_frame and assess_many agree on all {n:,} pairs (status, margin, ratio).")

    sodoan_import, pydantic_import = import_time("sodoan"), import_time("pydantic")
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, sodoan, sodoan.units as u; print(u._REGISTRY is None, sorted(m for m"
            " in ('pint', 'pandas', 'matplotlib', 'babel', 'polars', 'pyarrow') if m in "
            "sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print("\nImport (fresh interpreter, median of 7):\n")
    print(
        f"| import sodoan | {sodoan_import * 1000:.1f} ms | sodoan / pydantic = "
        f"{sodoan_import / pydantic_import:.2f} |"
    )
    print(f"| import pydantic | {pydantic_import * 1000:.1f} ms | |")
    print(f"\nafter import sodoan: registry unbuilt, heavy modules loaded = {loaded}")

    if args.memory:
        big = Path(folder.name) / "big.jsonl"
        with big.open("wb") as out:
            copy = 0
            while out.tell() < args.memory * 1_000_000:  # every copy with ids of its own
                out.write(data.replace(b'"id": "record-', f'"id": "c{copy}-record-'.encode()))
                copy += 1
        largest, total, seconds, last = peak_memory(
            [sys.executable, "-m", "sodoan", "validate", "-j", str(cores), str(big)]
        )
        print(
            f"\nsodoan validate -j {cores} on {big.stat().st_size / 1e6:,.0f} MB: {seconds:.1f} s, "
            f"peak RSS {largest / 1024:.0f} MiB (largest process), "
            f"peak PSS {total / 1024:.0f} MiB (all processes together)\n  {last}"
        )
    folder.cleanup()


if __name__ == "__main__":
    main()
