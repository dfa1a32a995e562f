"""Where the time of validating one Actual goes: pydantic-core's work, sodoan's rules, the reader.

Run from the repository root (after ``pip install -e '.[dev]'``)::

    python benchmarks/bench_shares.py             # 10,000 records, best of 25 interleaved rounds

It validates the same JSON lines with models that add one thing at a time, from a plain model
of the same JSON shape to sodoan's own ``Actual``, and then through ``validate_jsonl``, and
prints microseconds per record for each step and what the step adds:

1. plain: ``str``, ``Decimal`` and ``int | str`` fields (pydantic-core's floor for this shape);
2. sodoan's field types: text and id patterns, the exact-decimal form, ``Period`` (a Python
   call per period), still without any rule tying fields together;
3. the unit rule of ``Measure`` (a Python field validator);
4. the catalogue references (two Python calls that look the catalogue up in the context);
5. sodoan's ``Actual`` (adds the indicator's unit and sign rule, and its own schema);
6. the compiled acceptor of ``validate_jsonl`` alone (:mod:`sodoan._accept`: the same rules in
   one pydantic-core call, plain dicts instead of models);
7. ``validate_jsonl``: the acceptor, the duplicate-key proof, repeated ids, the line loop and
   the report.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, create_model

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_bulk import PlainActual, make_actuals
from sodoan import Actual, Catalogue, Measure
from sodoan._accept import actual_acceptor
from sodoan._exact import ExactDecimal
from sodoan._types import DocumentNumber, FileName, Quote, ShortText, Slug, Url
from sodoan.bulk import validate_jsonl
from sodoan.model._refs import IndicatorId, ProvinceId
from sodoan.period import Period
from sodoan.units import UnitCode

PLAIN = ConfigDict(frozen=True, extra="forbid")
Qualifier = Literal[
    "exact", "approximately", "more_than", "at_least", "nearly", "less_than", "at_most"
]


class TypedMeasure(BaseModel):
    model_config = PLAIN
    unit: UnitCode
    value: ExactDecimal


class TypedSource(BaseModel):
    model_config = PLAIN
    document: Slug
    clause: ShortText
    quote: Quote
    file: Optional[FileName] = None  # noqa: UP045
    cites: Optional[DocumentNumber] = None  # noqa: UP045
    url: Optional[Url] = None  # noqa: UP045


def typed(measure: Any, indicator: Any, province: Any) -> type[BaseModel]:
    """An Actual of sodoan's field types, with the given measure and reference types."""
    optional_text = (Optional[ShortText], None)  # noqa: UP045
    return create_model(  # type: ignore[no-any-return, call-overload]
        "Typed",
        __config__=PLAIN,
        id=(Slug, ...),
        indicator=(indicator, ...),
        province=(province, ...),
        level=(Optional[Literal["province", "district", "commune", "village"]], None),  # noqa: UP045
        area=optional_text,
        period=(Period, ...),
        qualifier=(Qualifier, "exact"),
        change_from=(Optional[Period], None),  # noqa: UP045
        value=(measure, ...),
        source=(TypedSource, ...),
        note=optional_text,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="records")
    parser.add_argument("--runs", type=int, default=25, help="rounds; the best is used")
    args = parser.parse_args()
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in make_actuals(args.n)]
    data = b"\n".join(lines) + b"\n"
    catalogue = Catalogue.bundled()
    context = {"catalogue": catalogue, "json_text": True}
    Actual.model_rebuild()
    Measure.model_rebuild()
    steps: dict[str, Any] = {
        "1. plain pydantic model": PlainActual,
        "2. + sodoan's field types": typed(TypedMeasure, str, str),
        "3. + Measure's unit rule": typed(Measure, str, str),
        "4. + catalogue references": typed(Measure, IndicatorId, ProvinceId),
        "5. sodoan's Actual": Actual,
    }
    works = {}
    accept = actual_acceptor(Actual, catalogue)
    assert accept is not None

    def accepting() -> None:
        for raw in lines:
            accept(raw)

    for name, model in steps.items():
        validate = model.__pydantic_validator__.validate_json

        def work(validate: Any = validate) -> None:
            for raw in lines:
                validate(raw, context=context)

        works[name] = work
    works["6. the acceptor alone"] = accepting
    works["7. validate_jsonl"] = lambda: validate_jsonl(data)
    best = {name: float("inf") for name in works}
    for work in works.values():
        work()
    for _ in range(args.runs):
        for name, work in works.items():
            start = time.perf_counter()
            work()
            best[name] = min(best[name], time.perf_counter() - start)
    per = {name: seconds / args.n * 1e6 for name, seconds in best.items()}
    floor = per["1. plain pydantic model"]
    print(f"{args.n:,} Actual records, best of {args.runs} interleaved rounds\n")
    print("| step | µs per record | added | plain / it |")
    print("|---|---|---|---|")
    previous = None
    for name, micro in per.items():
        added = "" if previous is None else f"{micro - previous:+.2f}"
        print(f"| {name} | {micro:.2f} | {added} | {floor / micro:.2f} |")
        previous = micro


if __name__ == "__main__":
    main()
