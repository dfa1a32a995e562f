"""Bulk validation of JSON documents and JSON Lines, streamed, on the models' own validator.

:func:`validate_jsonl` reads one JSON document per line from a path, a binary file or bytes,
and reports every invalid record with its line number, field path and message. It streams:
memory holds one chunk and at most one line (at most :data:`MAX_LINE_BYTES`) and at most
``max_errors`` error records, whatever the size of the input. With ``jobs``, worker processes
validate parts of the input side by side (:mod:`sodoan._parallel`), with the same report.

There is one validation path: each line is validated by the model of its kind (``Actual``,
``Plan``, ...) with the catalogue in use, in one pydantic-core call on the raw bytes
(:class:`sodoan._lines.LineValidator`), so every rule of the models applies here as everywhere.
For lines of actuals, when no models are kept, an acceptor compiled from the same rules
(:mod:`sodoan._accept`) is asked first; it can only say "valid", and a line it does not take
goes to the model. What is checked around the models, on the raw text, is in
:mod:`sodoan._guards` (oversized lines, repeated keys and ids). Two things pydantic's JSON
reader does not do are added: duplicate keys are an error (each valid line's colons, less those
that cannot end a key, are counted against the keys of the record validated; a line with more
is checked by the strict reader), and a JSON number with a fraction, which the reader has
already turned into a double, sends the line to the exact path (:func:`sodoan._json.loads`,
which checks the number's text). A line the fast call rejects is validated again on the exact
path, so the errors reported are the models' own, found by the strict reader.
"""

from __future__ import annotations

import heapq
import io
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Literal

from pydantic_core import ValidationError

from sodoan._guards import IdLog, SeenIds, no_repeated_keys
from sodoan._lines import GUARDED_BYTES, LineValidator, RecordError
from sodoan._messages import clip
from sodoan._parallel import (
    Batch,
    LineRange,
    Part,
    Partial,
    batches,
    cores,
    merge,
    ordered,
    split,
)
from sodoan.errors import SodoanError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sodoan.catalogue import Catalogue

__all__ = [
    "MAX_LINE_BYTES",
    "Kind",
    "RecordError",
    "ValidationReport",
    "validate_document",
    "validate_jsonl",
    "validate_record",
]

Kind = Literal["actual", "target", "plan", "indicator", "measure"]

#: Longest line validate_jsonl reads (a record longer than this is reported, not read whole).
MAX_LINE_BYTES: Final = 16 * 1024 * 1024


@dataclass
class ValidationReport:
    """What :func:`validate_jsonl` found."""

    source: str
    """Name of the input (file name, or ``<bytes>``)."""

    kind: Kind
    """Document kind validated."""

    records: int = 0
    """Records read (non-blank lines)."""

    valid: int = 0
    """Records that are valid."""

    errors: list[RecordError] = field(default_factory=list)
    """Errors, in input order, up to ``max_errors`` of them."""

    error_count: int = 0
    """Every error found, including those beyond ``max_errors``."""

    items: list[BaseModel] = field(default_factory=list)
    """The valid records as models, when ``collect=True``."""

    @property
    def invalid(self) -> int:
        """Records that are not valid."""
        return self.records - self.valid

    @property
    def ok(self) -> bool:
        """Whether every record is valid."""
        return self.invalid == 0

    def _table(self) -> Any:
        from sodoan._tables import Column, Table

        columns = (
            Column("line", "integer", "1-based line number in the input", required=True),
            Column("path", "string", "dotted field path, or (record)", required=True),
            Column("type", "string", "stable error type", required=True),
            Column("message", "string", "what is wrong and what was expected", required=True),
        )
        rows = [(e.line, e.path, e.type, e.message) for e in self.errors]
        return Table("errors", columns, rows)

    def to_pandas(self) -> Any:
        """The errors as a pandas DataFrame: ``line`` (Int64), ``path``, ``type``, ``message``
        (string) (needs the ``pandas`` extra)."""
        return self._table().to_pandas()

    def to_polars(self) -> Any:
        """The errors as a polars DataFrame (needs the ``polars`` extra)."""
        return self._table().to_polars()

    def to_arrow(self) -> Any:
        """The errors as a pyarrow Table (needs the ``arrow`` extra)."""
        return self._table().to_arrow()

    def summary(self) -> str:
        """One line: ``5 records: 3 valid, 2 invalid (2 errors)``."""
        more = "" if self.error_count == len(self.errors) else f", {len(self.errors)} shown"
        return (
            f"{self.source}: {self.records} records: {self.valid} valid, {self.invalid} invalid "
            f"({self.error_count} errors{more})"
        )


def validate_record(
    document: bytes | str, kind: Kind = "actual", *, catalogue: Catalogue | None = None
) -> list[RecordError]:
    """Every error in one JSON document (``[]`` if it is valid), as validate_jsonl finds them.

    The document may span many lines (errors are then reported on line 1, the document's). An
    empty or blank document is an error (``json_empty``); a ``str`` is encoded as UTF-8, and a
    lone surrogate in it is reported as invalid JSON, not raised.
    """
    return validate_document(document, kind=kind, catalogue=catalogue).errors


def validate_document(
    document: bytes | str,
    *,
    kind: Kind = "actual",
    source: str = "<document>",
    max_errors: int = 1000,
    catalogue: Catalogue | None = None,
) -> ValidationReport:
    """Validate one JSON document (a file's whole content, possibly over many lines).

    Like :func:`validate_jsonl` for a single record: a report of one record, valid or not, with
    at most ``max_errors`` errors kept (all are counted). A document longer than
    :data:`MAX_LINE_BYTES` is reported (``document_too_long``), not read.
    """
    validate = LineValidator(kind, catalogue)
    report = ValidationReport(source=source, kind=kind)
    report.records = 1
    if not isinstance(document, bytes | str):
        raise SodoanError(f"validate_document reads bytes or str, not {type(document).__name__}")
    if len(document) > MAX_LINE_BYTES:
        message = f"document longer than {MAX_LINE_BYTES} bytes"
        errors = [RecordError(1, "(record)", message, "document_too_long")]
    else:
        errors, _ = validate.exact(1, document)
    if errors:
        _record(report, errors, max_errors)
    else:
        report.valid = 1
    return report


# -- JSON Lines ----------------------------------------------------------------------------


def _open(source: str | os.PathLike[str] | IO[bytes] | bytes) -> tuple[str, IO[bytes], bool]:
    if isinstance(source, bytes | bytearray | memoryview):
        return "<bytes>", io.BytesIO(bytes(source)), True
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return str(path), path.open("rb"), True
        except (OSError, ValueError) as error:  # ValueError: a NUL in the path
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise SodoanError(f"cannot read {str(path)!r}: {reason}") from None
    if isinstance(source, io.TextIOBase):
        raise SodoanError("validate_jsonl reads bytes: open the file in binary mode ('rb')")
    if hasattr(source, "read"):
        return str(getattr(source, "name", "<stream>")), source, False
    raise SodoanError(
        f"validate_jsonl reads a path, a binary file or bytes, not {type(source).__name__}"
    )


def validate_jsonl(
    source: str | os.PathLike[str] | IO[bytes] | bytes,
    *,
    kind: Kind = "actual",
    collect: bool = False,
    max_errors: int = 1000,
    progress: Callable[[int], None] | None = None,
    catalogue: Catalogue | None = None,
    unique_ids: bool = True,
    jobs: int | None = 1,
) -> ValidationReport:
    """Validate JSON Lines: one ``kind`` document per line.

    >>> lines = b'{"value": "98.26", "unit": "percent"}\\n{"value": "98,26", "unit": "percent"}\\n'
    >>> report = validate_jsonl(lines, kind="measure")
    >>> report.records, report.valid, [(e.line, e.path, e.type) for e in report.errors]
    (2, 1, [(2, 'value', 'decimal_format')])

    ``source`` is a path, a binary file object or bytes. Blank lines are skipped. Ids are
    checked against ``catalogue`` (default: the bundled one). With ``unique_ids`` (the
    default), a record whose ``id`` an earlier valid record of the input already has is an
    error (``duplicate_id``); sodoan keeps a 64-bit hash per id (under 20 MB for the first
    262,144 records, under 64 bytes a record beyond), so two different ids are taken for the
    same only when their hashes collide: about one chance in 30 million for a million records.
    With ``collect=True`` the valid records are also returned as models in ``report.items``
    (memory then grows with the input). ``progress``, if given, is called with the number of
    bytes read so far after every chunk (1 MiB) of input. Raises :class:`~sodoan.SodoanError`
    for an unreadable source or an unknown kind; problems with records are never raised, only
    reported.

    ``jobs`` worker processes validate parts of the input side by side (``None``: one per
    core); the report is the same as with ``jobs=1``, errors in input order with their exact
    line numbers. A file is cut into byte ranges that each worker reads itself; other sources
    are read here and sent in blocks. With ``collect=True``, or for input of less than a
    block, validation stays in this process. Worker processes import the caller's main module
    where processes are spawned (Windows, macOS): there, call from under
    ``if __name__ == "__main__":``.
    """
    # An unknown kind is a usage error, raised first.
    validate = LineValidator(kind, catalogue, accept=not collect)
    workers = _workers(jobs)
    name, stream, owned = _open(source)
    report = ValidationReport(source=name, kind=kind)
    try:
        path = os.fspath(source) if isinstance(source, str | os.PathLike) else None
        parts = None if workers < 2 or collect else split(stream, path, workers, _lines)
        if parts is not None:
            partials = ordered(
                _validate_part,
                parts,
                jobs=workers,
                initializer=_start_worker,
                initargs=(kind, catalogue, max_errors, MAX_LINE_BYTES, unique_ids),
            )
            if unique_ids:
                partials = _without_repeats(partials, SeenIds(), max_errors)
            merge(report, partials, max_errors, progress)
        else:
            ids = SeenIds().add if unique_ids else None
            _validate_lines(
                batches(stream, MAX_LINE_BYTES),
                report,
                validate,
                max_errors,
                progress,
                collect,
                ids,
            )
    except OSError as error:
        raise SodoanError(f"cannot read {name}: {error.strerror or error}") from None
    finally:
        if owned:
            stream.close()
    return report


#: Notes the id of a valid record at a line; False if an earlier record has it
#: (:meth:`SeenIds.add`; in a worker process :meth:`IdLog.add`, which leaves that to the caller).
IdCheck = Callable[[str, int], bool]


def _validate_lines(
    lines: Iterator[Batch],
    report: ValidationReport,
    validate: LineValidator,
    max_errors: int,
    progress: Callable[[int], None] | None,
    collect: bool,
    ids: IdCheck | None = None,
) -> None:
    records = valid = read = blank = 0
    accept, proved, guarded = validate.acceptor, no_repeated_keys, GUARDED_BYTES
    for first, batch in lines:
        for number, raw in enumerate(batch, first):
            if raw is None:
                _too_long(report, number, max_errors)
                continue
            if accept is not None and len(raw) <= guarded:
                # The hot path: the acceptor, the key proof and the id, inline.
                try:
                    record = accept(raw)
                except ValidationError:
                    record = None  # a blank line too
                if record is not None and proved(raw, record):
                    if ids is None or ids(record["id"], number):
                        valid += 1
                    else:
                        _record(report, [_repeated(number, record["id"])], max_errors)
                    continue
            if not raw or raw.isspace():
                blank += 1
                continue
            errors, item = validate(number, raw)
            if not errors and ids is not None:
                identifier = getattr(item, "id", None)
                if isinstance(identifier, str) and not ids(identifier, number):
                    errors = [_repeated(number, identifier)]
            if errors:
                _record(report, errors, max_errors)
            else:
                valid += 1
                if collect:
                    report.items.append(item)
        records += len(batch)
        if progress is not None:
            read += sum(len(raw) + 1 for raw in batch if raw is not None)
            progress(read)
    report.records += records - blank
    report.valid += valid


def _repeated(line: int, identifier: str) -> RecordError:
    message = f"id {clip(identifier)!r} is already used by an earlier record"
    return RecordError(line, "id", message, "duplicate_id")


def _too_long(report: ValidationReport, number: int, max_errors: int) -> None:
    message = f"line longer than {MAX_LINE_BYTES} bytes"
    _record(report, [RecordError(number, "(record)", message, "line_too_long")], max_errors)


def _record(report: ValidationReport, errors: list[RecordError], max_errors: int) -> None:
    report.error_count += len(errors)
    room = max_errors - len(report.errors)
    if room > 0:
        report.errors.extend(errors[:room])


# -- on every core (the machinery is in sodoan._parallel) -----------------------------------


def _workers(jobs: int | None) -> int:
    if jobs is None:
        return cores()
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise SodoanError(f"jobs must be a whole number >= 1 or None (every core), not {jobs!r}")
    return jobs


def _lines(stream: IO[bytes]) -> Iterator[Batch]:
    return batches(stream, MAX_LINE_BYTES)


_WORKER: dict[str, Any] = {}


def _start_worker(
    kind: Kind, catalogue: Catalogue | None, max_errors: int, limit: int, unique_ids: bool
) -> None:
    """Build a worker process's validator, once."""
    _WORKER.update(
        kind=kind,
        validate=LineValidator(kind, catalogue, accept=True),
        max_errors=max_errors,
        limit=limit,
        unique_ids=unique_ids,
    )


def _without_repeats(
    partials: Iterator[Partial], seen: SeenIds, max_errors: int
) -> Iterator[Partial]:
    """The partials, in input order, with the records whose id an earlier valid record has
    made invalid: exactly what one process finds."""
    for partial in partials:
        lines, ids = IdLog.unpacked(partial.extra)
        found = [_repeated(lines[index], ids[index]) for index in seen.add_all(ids)]
        if found:
            errors = list(heapq.merge(partial.errors, found, key=lambda error: error.line))
            partial = partial._replace(
                valid=partial.valid - len(found),
                errors=errors[:max_errors],
                error_count=partial.error_count + len(found),
            )
        yield partial


def _validate_part(part: Part) -> Partial:
    """Validate one part of the input in a worker process, as :func:`validate_jsonl` would."""
    report = ValidationReport(source="", kind=_WORKER["kind"])
    validate, max_errors = _WORKER["validate"], _WORKER["max_errors"]
    log = IdLog() if _WORKER["unique_ids"] else None
    note = log.add if log is not None else None
    extra = log.packed if log is not None else tuple
    if part.path is None:  # lines read and numbered by the caller
        _validate_lines(iter(part.lines), report, validate, max_errors, None, False, note)
        counts = (report.records, report.valid, report.errors, report.error_count, part.end)
        return Partial(0, *counts, extra())
    last = 0

    def numbered(parts: Iterator[Batch]) -> Iterator[Batch]:
        nonlocal last
        for batch in parts:
            last = batch.first + len(batch.lines) - 1
            yield batch

    with open(part.path, "rb") as stream:
        lines = LineRange(stream, part.start, part.end)
        found = batches(lines, _WORKER["limit"])  # type: ignore[arg-type]  # a byte stream
        _validate_lines(numbered(found), report, validate, max_errors, None, False, note)
    size = lines.position - lines.start
    counts = (report.records, report.valid, report.errors, report.error_count, size)
    return Partial(last, *counts, extra())
