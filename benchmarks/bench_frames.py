"""Time of sodoan's typed frames and exports, against untyped references.

Run from the repository root (after ``pip install -e '.[dev]'``)::

    python benchmarks/bench_frames.py            # N = 200,000 rows, median of 3 runs
    python benchmarks/bench_frames.py --n 50000 --runs 5

It prints, for a table shaped like the ``actuals`` table (ids, a period as label, first and
last day and year, an exact decimal value with up to three places, a unit, a source quote):

* rows/s of ``Table.to_pandas`` (float64 + decimal128 columns, dates, Int64, string), of
  ``Table.to_polars`` and ``Table.to_arrow`` (exact decimals), and of the untyped reference
  ``pandas.DataFrame.from_records`` (Decimal objects in ``object`` columns); and the ratios;
* rows/s writing the table as CSV, JSON Lines and Parquet (sodoan.exports' writers);
* the time of ``to_pandas``, ``to_polars``, ``to_arrow`` and of ``sodoan.export`` in each
  format on the bundled dataset.

Rows are generated with a fixed seed; nothing is timed in the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import sodoan
from sodoan import exports
from sodoan._tables import Table
from sodoan.frames import TABLES, columns


def rows(n: int, seed: int = 20250701) -> list[dict[str, Any]]:
    """``n`` records with the columns of the actuals table."""
    rng = random.Random(seed)
    result = []
    for i in range(n):
        year = rng.randint(2019, 2025)
        value = Decimal(rng.randint(0, 10**7)).scaleb(-rng.randint(0, 3))
        result.append(
            {
                "id": f"actual-{i}",
                "plan": "plan",
                "indicator": "online-filing-rate",
                "province": "tuyen-quang",
                "period": str(year),
                "period_start": dt.date(year, 1, 1),
                "period_end": dt.date(year, 12, 31),
                "period_year": year,
                "qualifier": "exact",
                "value": value,
                "unit": "percent",
                "source_document": "doc",
                "source_clause": "Phần I, mục 7.a",
                "source_quote": "tỷ lệ hồ sơ nộp trực tuyến đạt 98,26%",
            }
        )
    return result


def best(runs: int, work: Callable[[], Any]) -> float:
    """Median seconds of ``runs`` runs of ``work``."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import pandas

    print(f"python {platform.python_version()}, pandas {pandas.__version__}, n = {args.n:,}")
    records = rows(args.n)
    table = Table.of("actuals", columns("actuals"), records)
    reference = best(args.runs, lambda: pandas.DataFrame.from_records(records))
    print(
        f"  reference DataFrame.from_records (object Decimals): {args.n / reference:>12,.0f} rows/s"
    )
    for name, convert in (
        ("to_pandas", table.to_pandas),
        ("to_polars", table.to_polars),
        ("to_arrow", table.to_arrow),
    ):
        seconds = best(args.runs, convert)
        print(
            f"  Table.{name:<10} {args.n / seconds:>12,.0f} rows/s  "
            f"({seconds / reference:.2f} x the reference's time)"
        )
    with tempfile.TemporaryDirectory() as folder:
        for name, write in (
            ("csv", exports._write_csv),
            ("jsonl", exports._write_jsonl),
            ("parquet", exports._write_parquet),
        ):
            path = Path(folder) / f"actuals.{name}"
            seconds = best(args.runs, lambda write=write, path=path: write(table, path))
            print(f"  write {name:<8} {args.n / seconds:>12,.0f} rows/s")
    data = sodoan.load()
    print("bundled dataset (every table):")
    for name in ("to_pandas", "to_polars", "to_arrow"):
        seconds = best(args.runs, lambda name=name: [getattr(data, name)(t) for t in TABLES])
        print(f"  Dataset.{name:<10} {seconds * 1000:>8.1f} ms")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in exports.EXPORT_FORMATS:
            seconds = best(args.runs, lambda fmt=fmt: sodoan.export(folder, format=fmt))
            print(f"  export {fmt:<12} {seconds * 1000:>8.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
