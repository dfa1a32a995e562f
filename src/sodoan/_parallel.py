"""Work on every core: byte ranges of a file cut at line boundaries, and a pool of worker
processes whose results come back in input order.

Nothing here knows what a record is: :mod:`sodoan.bulk` hands a worker function (a module-level
function, sent to the workers by reference), the pieces of work and an initializer that builds
each worker's state once.

* :func:`batches` reads the lines of a stream a chunk at a time, numbered, with memory bounded
  whatever the lengths of the lines.
* :func:`guided_ranges` cuts a file into byte ranges without reading it; :class:`LineRange` reads
  the lines that *start* within one range, so that the ranges of a file hold every line once,
  whole, whatever the lengths of the lines (a line that crosses a cut belongs to the range it
  starts in). Only the worker that owns a line reads it; the others skip past it a chunk at a
  time.
* :func:`ordered` runs the pieces on a process pool and yields the results in input order, with
  at most ``window`` pieces in flight, so memory stays bounded whatever the input's size.

Workers are started with ``forkserver`` where the platform has it (never ``fork``: the caller
may hold threads, such as a progress bar's) and ``spawn`` elsewhere.
"""

from __future__ import annotations

import collections
import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import IO, Any, Final, NamedTuple, Protocol, TypeVar

from sodoan.errors import SodoanError

__all__ = [
    "CHUNK",
    "Batch",
    "LineRange",
    "Part",
    "Partial",
    "batches",
    "cores",
    "guided_ranges",
    "merge",
    "ordered",
    "split",
    "start_server",
]

T = TypeVar("T")
R = TypeVar("R")

#: How much a worker reads at a time while skipping the end of another range's line.
_SKIP_CHUNK: Final = 1024 * 1024
#: Parts of a file are at least this large...
PART_MIN: Final = 1024 * 1024
#: ... at most this, and otherwise shrinking from a quarter of a worker's share of what is left
#: (guided scheduling: large parts first, small ones last), so that the workers finish
#: together and progress is reported as parts complete.
PART_MAX: Final = 16 * 1024 * 1024
#: Blocks of lines of a stream (read by the caller, sent to workers) are about this large.
BLOCK: Final = 4 * 1024 * 1024


#: How much is read at a time.
CHUNK: Final = 1024 * 1024


class Batch(NamedTuple):
    """The lines of one chunk: numbered from ``first``; None stands for a line too long."""

    first: int
    lines: list[bytes | None]


def batches(stream: IO[bytes], limit: int, chunk: int = CHUNK) -> Iterator[Batch]:
    """The lines of ``stream``, a chunk at a time, numbered exactly.

    Memory holds one chunk and the start of at most one line, never more than ``limit`` bytes
    of it: a line longer than ``limit`` is given once as None and the rest of it is skipped
    unread, wherever it is in the input and however many there are. A final line without a
    newline is a line.
    """
    number = 1
    pending = b""  # the start of the current line: no newline, at most ``limit`` bytes
    skipping = False  # inside a line already given as too long
    while True:
        data = stream.read(chunk)
        if not data:
            break
        if skipping:
            end = data.find(b"\n")
            if end < 0:
                continue
            data, skipping = data[end + 1 :], False
        if pending:
            data = pending + data
        lines: list[bytes | None] = data.split(b"\n")  # type: ignore[assignment]
        pending = lines.pop()  # type: ignore[assignment]
        if lines:
            if len(data) > limit:  # only then can a line be too long
                lines = [line if len(line) <= limit else None for line in lines]  # type: ignore[arg-type]
            yield Batch(number, lines)
            number += len(lines)
        if len(pending) > limit:
            yield Batch(number, [None])
            number += 1
            pending, skipping = b"", True
    if pending:
        yield Batch(number, [pending])


def cores() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - platforms without sched_getaffinity
        return max(1, os.cpu_count() or 1)


def guided_ranges(size: int, workers: int) -> list[tuple[int, int]]:
    """``[start, end)`` byte ranges covering ``size`` bytes for ``workers`` workers, each a
    quarter of a worker's share of what is left (at least PART_MIN, at most PART_MAX bytes):
    large parts first and small ones last, so that no worker is left with a large part while
    the others have finished."""
    ranges = []
    start = 0
    while start < size:
        part = max(PART_MIN, min(PART_MAX, (size - start) // (4 * workers)))
        end = min(size, start + part)
        if size - end < PART_MIN:
            end = size  # no last part smaller than PART_MIN
        ranges.append((start, end))
        start = end
    return ranges


class LineRange:
    """The lines of a seekable binary file that start within ``[start, end)``, as a stream.

    The stream begins at the first line that starts at or after ``start`` (a line that began
    before is skipped, a chunk at a time) and ends with the newline of the line that holds byte
    ``end - 1`` (or at the end of the file): every line of the file belongs to exactly one range.
    """

    def __init__(self, stream: IO[bytes], start: int, end: int) -> None:
        self._stream = stream
        self._end = end
        position = start
        if start > 0:
            stream.seek(start - 1)
            if stream.read(1) != b"\n":  # inside a line that started in an earlier range
                position = self._after_newline(start)
        stream.seek(position)
        self.start = position
        """Where the first line of the range starts."""
        self.position = position
        """Where the next read starts (the end of the range once it is read)."""
        self._done = position >= end
        self._finishing = False

    def _after_newline(self, position: int) -> int:
        self._stream.seek(position)
        while True:
            data = self._stream.read(_SKIP_CHUNK)
            if not data:
                return position
            found = data.find(b"\n")
            if found >= 0:
                return position + found + 1
            position += len(data)

    def read(self, size: int = -1) -> bytes:
        """Up to ``size`` bytes of the range (b"" at its end)."""
        if self._done:
            return b""
        size = size if size > 0 else _SKIP_CHUNK
        if not self._finishing:
            data = self._stream.read(min(size, self._end - self.position))
            self.position += len(data)
            if not data:
                self._done = True
            elif self.position >= self._end:
                self._done = data.endswith(b"\n")  # else the last line goes on past the end
                self._finishing = not self._done
            return data
        data = self._stream.read(size)
        found = data.find(b"\n")
        if found >= 0:
            data = data[: found + 1]
        self._done = found >= 0 or not data
        self.position += len(data)
        return data


def _context() -> BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        # Workers fork from a server that has already imported the validation code.
        context.set_forkserver_preload(["sodoan._preload"])
        return context
    return multiprocessing.get_context("spawn")  # pragma: no cover - Windows, macOS default


def start_server() -> None:
    """Start the server that workers are forked from now, where there is one, so that it
    imports and builds what the workers need while the caller does other work (:func:`ordered`
    would start it anyway, and wait)."""
    if _context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def ordered(
    work: Callable[[T], R],
    pieces: Iterable[T],
    *,
    jobs: int,
    initializer: Callable[..., object],
    initargs: tuple[Any, ...],
    window: int | None = None,
) -> Iterator[R]:
    """``work(piece)`` for every piece, run on ``jobs`` worker processes, in input order.

    At most ``window`` pieces (default ``2 * jobs``) are submitted and not yet consumed, so the
    pieces are read from ``pieces`` as the workers free up. An exception raised by ``work`` is
    raised here, and a worker that dies raises :class:`~sodoan.SodoanError`; the pool is shut
    down when the iterator is exhausted or closed.
    """
    limit = window if window is not None else 2 * jobs
    executor = ProcessPoolExecutor(
        max_workers=jobs, mp_context=_context(), initializer=initializer, initargs=initargs
    )
    pending: collections.deque[Future[R]] = collections.deque()
    try:
        for piece in pieces:
            pending.append(executor.submit(work, piece))
            while len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool as error:  # a worker was killed (out of memory, a signal)
        raise SodoanError(f"a worker process stopped before finishing: {error}") from None
    finally:
        for future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


# -- parts of JSON Lines, and what workers found in them --------------------------------------


class Numbered(Protocol):
    """Lines numbered from ``first`` (:class:`Batch`); None is a line too long."""

    @property
    def first(self) -> int: ...
    @property
    def lines(self) -> Sequence[bytes | None]: ...


class Part(NamedTuple):
    """Work for one worker: the byte range ``[start, end)`` of the file ``path`` or, without a
    path, numbered lines read by the caller."""

    path: str | None
    start: int
    end: int
    lines: tuple[Any, ...] = ()


class Partial(NamedTuple):
    """What a worker found in a part. Lines of a byte range are numbered from 1 (``lines`` of
    them); lines sent by the caller keep their numbers (``lines`` is 0)."""

    lines: int
    records: int
    valid: int
    errors: list[Any]
    error_count: int
    size: int
    extra: Any = ()
    """What the work function adds (sodoan.bulk: the ids of the part's valid records)."""


def split(
    stream: IO[bytes],
    path: str | None,
    workers: int,
    lines: Callable[[IO[bytes]], Iterator[Numbered]],
) -> Iterator[Part] | None:
    """The parts of ``stream`` (the file ``path``, if given) for ``workers`` workers, or None
    when the input is too small to be worth more than one part.

    A file is cut into byte ranges that the workers read themselves; any other stream is read
    here, as ``lines(stream)`` numbers its lines, and sent in blocks of lines.
    """
    if path is not None:
        size = os.fstat(stream.fileno()).st_size
        ranges = guided_ranges(size, workers)
        if len(ranges) < 2:
            return None
        return (Part(path, start, end) for start, end in ranges)
    return _blocks(lines(stream))


def _blocks(numbered: Iterator[Numbered]) -> Iterator[Part]:
    group: list[Numbered] = []
    size = 0
    for batch in numbered:
        group.append(batch)
        size += sum(len(line) + 1 for line in batch.lines if line is not None)
        if size >= BLOCK:
            yield Part(None, 0, size, tuple(group))
            group, size = [], 0
    if group:
        yield Part(None, 0, size, tuple(group))


class _Report(Protocol):
    records: int
    valid: int
    errors: list[Any]
    error_count: int


def merge(
    report: _Report,
    partials: Iterable[Partial],
    max_errors: int,
    progress: Callable[[int], None] | None,
) -> None:
    """Add the partials, in input order, to ``report``: counts, and errors (at most
    ``max_errors`` kept) with the line numbers they have in the whole input."""
    offset = read = 0
    for partial in partials:
        report.records += partial.records
        report.valid += partial.valid
        report.error_count += partial.error_count
        room = max_errors - len(report.errors)
        if room > 0:
            report.errors.extend(
                dataclasses.replace(error, line=error.line + offset) if offset else error
                for error in partial.errors[:room]
            )
        offset += partial.lines
        read += partial.size
        if progress is not None:
            progress(read)
