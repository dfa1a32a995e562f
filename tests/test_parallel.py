"""validate_jsonl on every core: byte ranges, ordered merging, and reports equal to one core's."""

from __future__ import annotations

import io
import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sodoan.bulk
from sodoan import SodoanError
from sodoan._parallel import PART_MAX, PART_MIN, LineRange, guided_ranges
from sodoan.bulk import ValidationReport, validate_jsonl

SOURCE = {"document": "doc", "clause": "Phần I: mục 2", "quote": "xem https://example.vn/a:b"}
GOOD = {
    "id": "a",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "period": 2024,
    "value": {"value": "98.26", "unit": "percent"},
    "source": SOURCE,
}


def _line(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False).encode()


#: Lines of every sort: valid (two ids, so that ids repeat across parts), invalid for a rule, for a reference, for JSON, with a duplicate
#: key (also behind blanks before the colon), blank, and too long for a 300-byte limit.
LINES = [
    _line(GOOD),
    _line({**GOOD, "id": "b"}),
    _line({**GOOD, "value": {"value": "98,26", "unit": "percent"}}),
    _line({**GOOD, "indicator": "online-filing"}),
    _line(GOOD).replace(b'"id": "a"', b'"id": "a", "id" \t: "b"'),
    _line(GOOD).replace(b'"period": 2024', b'"period": 2024, "period":2023'),
    b'{"id": ',
    b"",
    b"   ",
    b"\r",
    b'{"id": "' + b"x" * 400 + b'"}',
]

lines_strategy = st.lists(st.sampled_from(LINES), max_size=40)


def _data(lines: list[bytes], final_newline: bool) -> bytes:
    return b"\n".join(lines) + (b"\n" if final_newline and lines else b"")


def _serial_ordered(
    work: Callable[[Any], Any],
    pieces: Iterable[Any],
    *,
    jobs: int,
    initializer: Callable[..., object],
    initargs: tuple[Any, ...],
    window: int | None = None,
) -> Iterator[Any]:
    """sodoan._parallel.ordered run in this process: the same parts, merged the same way."""
    initializer(*initargs)
    return map(work, pieces)


def _summary(report: ValidationReport) -> tuple[Any, ...]:
    return (report.records, report.valid, report.error_count, report.errors)


class TestLineRange:
    """Byte ranges of a file read as whole lines."""

    @given(
        st.binary(max_size=200).map(lambda b: b.replace(b"\r", b"\n")),
        st.lists(st.integers(0, 200), max_size=6),
    )
    def test_ranges_hold_every_line_once(self, data: bytes, cuts: list[int]) -> None:
        """Whatever the cuts, the ranges read in order give the file back, each from the start
        of a line."""
        bounds = sorted({0, len(data), *(c for c in cuts if c < len(data))})
        pieces = []
        for start, end in itertools.pairwise(bounds):
            piece = LineRange(io.BytesIO(data), start, end)
            text = b"".join(iter(lambda p=piece: p.read(7), b""))  # type: ignore[misc]
            assert piece.position - piece.start == len(text)
            assert piece.start in (0, len(data)) or data[piece.start - 1 : piece.start] == b"\n"
            pieces.append(text)
        assert b"".join(pieces) == data

    @given(st.integers(0, 10**10), st.integers(1, 64))
    def test_guided_ranges(self, size: int, workers: int) -> None:
        """Guided ranges cover the file in order without gaps; each is from PART_MIN to
        PART_MAX bytes (a small file's only range, and the last, which takes in a remainder
        under PART_MIN, excepted), and they shrink towards the end."""
        ranges = guided_ranges(size, workers)
        assert (ranges == []) is (size == 0)
        assert [start for start, _ in ranges] == [0, *(end for _, end in ranges)][: len(ranges)]
        assert (ranges[-1][1] if ranges else 0) == size
        sizes = [end - start for start, end in ranges]
        assert all(PART_MIN <= part <= PART_MAX for part in sizes[:-1])
        assert all(part < PART_MAX + PART_MIN for part in sizes[-1:])
        assert all(a >= b for a, b in itertools.pairwise(sizes[:-1]))

    def test_guided_ranges_by_example(self) -> None:
        """10 MiB on one worker: a quarter of what is left each time, then 1 MiB, and the last
        range takes in what is left after it."""
        mib = 1024 * 1024
        bounds = [0, 2.5, 4.375, 5.78125, 6.8359375, 7.8359375, 8.8359375, 10]
        expected = [(int(a * mib), int(b * mib)) for a, b in itertools.pairwise(bounds)]
        assert guided_ranges(10 * mib, 1) == expected


class TestSameReport:
    """Reports on many workers equal the report on one (parts merged in this process)."""

    @pytest.fixture(autouse=True)
    def _small_parts(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(sodoan.bulk, "ordered", _serial_ordered)
        monkeypatch.setattr(sodoan.bulk, "MAX_LINE_BYTES", 300)
        monkeypatch.setattr(sodoan._parallel, "PART_MIN", 16)
        monkeypatch.setattr(sodoan._parallel, "BLOCK", 64)

    @settings(max_examples=60)
    @given(lines_strategy, st.booleans(), st.integers(0, 6), st.integers(2, 5), st.booleans())
    def test_file(
        self, lines: list[bytes], final_newline: bool, max_errors: int, jobs: int, unique: bool
    ) -> None:
        """A file cut into byte ranges: same counts, same errors with the same line numbers,
        repeated ids found across the ranges as one process finds them."""
        data = _data(lines, final_newline)
        with _temporary(data) as path:
            one = validate_jsonl(path, max_errors=max_errors, unique_ids=unique)
            many = validate_jsonl(path, max_errors=max_errors, jobs=jobs, unique_ids=unique)
        assert _summary(many) == _summary(one)

    @settings(max_examples=60)
    @given(lines_strategy, st.booleans(), st.integers(0, 6), st.booleans())
    def test_stream(
        self, lines: list[bytes], final_newline: bool, max_errors: int, unique: bool
    ) -> None:
        """A stream sent in blocks of numbered lines: the same report, progress to the end."""
        data = _data(lines, final_newline)
        seen: list[int] = []
        one = validate_jsonl(data, max_errors=max_errors, unique_ids=unique)
        many = validate_jsonl(
            io.BytesIO(data), max_errors=max_errors, jobs=3, progress=seen.append, unique_ids=unique
        )
        assert _summary(many) == _summary(one)
        assert seen == sorted(seen)

    def test_progress_reaches_the_file_size(self, tmp_path: Path) -> None:
        """Progress on a file counts every byte once, whatever the ranges."""
        path = tmp_path / "a.jsonl"
        path.write_bytes(_data(LINES * 5, True))
        seen: list[int] = []
        validate_jsonl(path, jobs=4, progress=seen.append)
        assert seen[-1] == path.stat().st_size


class _temporary:
    """A file holding ``data`` for the duration of a ``with`` (hypothesis runs many examples
    per test, so pytest's tmp_path does not suit)."""

    def __init__(self, data: bytes) -> None:
        import tempfile

        self._dir = tempfile.TemporaryDirectory()
        self.path = Path(self._dir.name) / "lines.jsonl"
        self.path.write_bytes(data)

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        self._dir.cleanup()


class TestWorkers:
    """Real worker processes."""

    def test_processes_give_the_same_report(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Two worker processes over eight ranges of a file: the report of one process."""
        monkeypatch.setattr(sodoan._parallel, "PART_MIN", 4096)
        path = tmp_path / "a.jsonl"
        path.write_bytes(_data(LINES[:7] * 120, True))
        one = validate_jsonl(path, max_errors=50)
        many = validate_jsonl(path, max_errors=50, jobs=2)
        assert _summary(many) == _summary(one)
        # LINES[2:7] are invalid; LINES[0:2] (ids a and b) are repeats after the first time
        assert one.error_count == 5 * 120 + 2 * 119
        assert sum(e.type == "duplicate_id" for e in many.errors) > 0
        assert many.errors[-1].line == one.errors[-1].line > 40

    def test_custom_catalogue_reaches_the_workers(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Ids are checked against the catalogue given, in every worker."""
        from sodoan import Catalogue

        monkeypatch.setattr(sodoan._parallel, "PART_MIN", 4096)
        bundled = Catalogue.bundled()
        mine = bundled.extend(
            indicators=[
                {
                    **bundled.indicator("online-filing-rate").model_dump(),
                    "id": "my-filing-rate",
                    "aliases": [],
                }
            ]
        )
        path = tmp_path / "a.jsonl"
        path.write_bytes(_data([_line({**GOOD, "indicator": "my-filing-rate"})] * 400, True))
        assert validate_jsonl(path, jobs=2, catalogue=mine, unique_ids=False).valid == 400
        assert validate_jsonl(path, jobs=2, unique_ids=False).valid == 0

    def test_the_caller_loads_no_models(self, tmp_path: Path) -> None:
        """When every line goes to workers, the calling process imports neither the models nor
        pydantic's model machinery (and builds no validator): it only merges reports."""
        import subprocess
        import sys

        path = tmp_path / "a.jsonl"
        path.write_bytes(_data([_line({**GOOD, "id": f"a{i}"}) for i in range(12_000)], True))
        script = (
            "import sys\n"
            "from sodoan.bulk import validate_jsonl\n"
            "if __name__ == '__main__':\n"
            f"    report = validate_jsonl({str(path)!r}, jobs=2)\n"
            "    loaded = [m for m in ('sodoan.model', 'sodoan.catalogue', 'pydantic.main')"
            " if m in sys.modules]\n"
            "    print(report.valid, loaded)\n"
        )
        main = tmp_path / "main.py"
        main.write_text(script)
        done = subprocess.run(
            [sys.executable, str(main)], capture_output=True, text=True, timeout=120, check=True
        )
        assert done.stdout.split("\n")[0] == "12000 []"

    def test_a_dead_worker_is_an_error(self) -> None:
        """A worker killed mid-part raises SodoanError, not a pool's internal error."""
        import os

        from sodoan._parallel import ordered

        with pytest.raises(SodoanError, match="worker process stopped"):
            list(ordered(os._exit, [3], jobs=1, initializer=int, initargs=()))

    @pytest.mark.parametrize("jobs", [0, -1, True, 1.5, "2"])
    def test_bad_jobs(self, jobs: Any) -> None:
        """jobs is a whole number >= 1, or None for every core."""
        with pytest.raises(SodoanError, match="jobs must be"):
            validate_jsonl(b"", jobs=jobs)


@settings(max_examples=80)
@given(
    st.sampled_from(["id", "indicator", "period", "unit", "quote"]),
    st.sampled_from(["", " ", "\t", "\r", "  \t"]),
    st.sampled_from(["", "https://x.vn/a", "Phần I: mục 2", 'a ": b', "a:/b"]),
)
def test_duplicate_keys_are_never_proved_absent(key: str, blank: str, text: str) -> None:
    """A line with a duplicate key is reported, whatever colons its strings hold and whatever
    blanks stand before the duplicate's colon."""
    document = {**GOOD, "note": text or "x", "source": {**SOURCE, "quote": text or "x"}}
    raw = _line(document)
    opening = {"unit": b'"value": {', "quote": b'"source": {'}.get(key, b"{")
    value = {"unit": "percent", "quote": "y"}.get(key) or document[key]
    pair = f'"{key}"{blank}: {json.dumps(value, ensure_ascii=False)}, '.encode()
    line = raw.replace(opening, opening + pair, 1)
    report = validate_jsonl(line + b"\n")
    assert [e.type for e in report.errors] == ["duplicate_key"]


class TestCommand:
    """sodoan validate -j."""

    def test_jobs_give_the_same_output(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """-j 2 prints what -j 1 prints, line numbers included, and exits 1 alike."""
        from click.testing import CliRunner

        from sodoan.cli import main

        monkeypatch.setattr(sodoan._parallel, "PART_MIN", 4096)
        path = tmp_path / "a.jsonl"
        path.write_bytes(_data(LINES[:6] * 100, True))
        one = CliRunner().invoke(main, ["validate", "-j", "1", str(path)])
        two = CliRunner().invoke(main, ["validate", "--jobs", "2", str(path)])
        assert (two.exit_code, two.output) == (one.exit_code, one.output)
        assert one.exit_code == 1
        # LINES[2:6] are invalid (400); LINES[0:2] (ids a and b) repeat after the first (198)
        assert one.output.splitlines()[-1].endswith(
            "600 records: 2 valid, 598 invalid (598 errors)"
        )

    def test_automatic_jobs(self) -> None:
        """-j 0 (the default): every core from 32 MiB on, one process below or for stdin."""
        from sodoan.cli.validate import _jobs

        assert (
            _jobs(0, 32 * 1024 * 1024),
            _jobs(0, 32 * 1024 * 1024 - 1),
            _jobs(0, None),
            _jobs(3, 10),
        ) == (
            None,
            1,
            1,
            3,
        )
