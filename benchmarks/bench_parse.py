"""Time of parse_target and parse_actual on 10 KB of adversarial text, per kind of input.

Run from the repository root (after ``pip install -e '.[dev]'``)::

    python benchmarks/bench_parse.py              # best of 5 runs per input
    python benchmarks/bench_parse.py --runs 9

It prints, for each input (10,000 characters: the parsers' limit), the best time in ms of
``parse_target`` and of ``parse_actual``, and the number of figures each returned. Inputs are
runs of one character (spaces, digits, dashes, parentheses), repeated phrases the grammar reacts
to (cue words, level words, time words, ranges, numbers with invisible characters), and a real
plan paragraph repeated. A time that grows faster than the input (quadratic work) shows as a
row far above the others; the design target is at most 50 ms per 10 KB.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

from sodoan.parsing import MAX_TEXT_LENGTH, parse_actual, parse_target

_PLAN = (
    "Đến năm 2025, tối thiểu 90% hồ sơ công việc cấp tỉnh, 80% hồ sơ công việc cấp huyện "
    "và 60% hồ sơ công việc cấp xã được xử lý trên môi trường mạng (năm 2030 đạt 100%); "
    "kinh tế số chiếm 20% GRDP, từ 500 triệu đến 1 tỷ đồng mỗi năm, tăng 0,11% so với năm 2023. "
)

INPUTS: dict[str, str] = {
    "spaces": " " * MAX_TEXT_LENGTH,
    "spaces then a figure": " " * (MAX_TEXT_LENGTH - 10) + "đạt 98,26%",
    "newlines": "\n" * MAX_TEXT_LENGTH,
    "digits": "1" * MAX_TEXT_LENGTH,
    "digits and dots": "1." * (MAX_TEXT_LENGTH // 2),
    "digits and spaces": "1 " * (MAX_TEXT_LENGTH // 2),
    "percent figures": "1% " * (MAX_TEXT_LENGTH // 3),
    "dashes": "-" * MAX_TEXT_LENGTH,
    "signed numbers": "-1 " * (MAX_TEXT_LENGTH // 3),
    "open parentheses": "(" * MAX_TEXT_LENGTH,
    "quotes": '"(“' * (MAX_TEXT_LENGTH // 3),
    "cue words": "không vượt quá " * (MAX_TEXT_LENGTH // 15),
    "cue words then a figure": "tối thiểu " * (MAX_TEXT_LENGTH // 10 - 1) + "đạt 1%",
    "level words": "cấp tỉnh, " * (MAX_TEXT_LENGTH // 10),
    "time words": "đến hết năm 2025 " * (MAX_TEXT_LENGTH // 17),
    "ranges": "2 ÷ 3% " * (MAX_TEXT_LENGTH // 7),
    "words with spaces": "trở   " * (MAX_TEXT_LENGTH // 6),
    "invisible characters": "9\u200b8,\u00ad26% " * (MAX_TEXT_LENGTH // 10),
    "plan paragraph": (_PLAN * (MAX_TEXT_LENGTH // len(_PLAN) + 1))[:MAX_TEXT_LENGTH],
}


def _best_ms(parse: Callable[[str], list[object]], text: str, runs: int) -> tuple[float, int]:
    best = float("inf")
    found = 0
    for _ in range(runs):
        started = time.perf_counter()
        found = len(parse(text))
        best = min(best, time.perf_counter() - started)
    return best * 1000, found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per input (best is shown)")
    args = parser.parse_args()
    parse_target("đạt 1%")  # load the word lists, units and indicator catalogue once
    parse_actual("đạt 1%")
    print(f"{'input (10 KB)':<26} {'target ms':>10} {'found':>6} {'actual ms':>10} {'found':>6}")
    worst = 0.0
    for name, text in INPUTS.items():
        target_ms, targets = _best_ms(parse_target, text, args.runs)
        actual_ms, actuals = _best_ms(parse_actual, text, args.runs)
        worst = max(worst, target_ms, actual_ms)
        print(f"{name:<26} {target_ms:>10.1f} {targets:>6} {actual_ms:>10.1f} {actuals:>6}")
    print(f"worst: {worst:.1f} ms per 10 KB")


if __name__ == "__main__":
    main()
