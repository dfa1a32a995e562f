"""Bulk validation of JSON documents and JSON Lines, streamed, on the models' own validator.

:func:`validate_jsonl` reads one JSON document per line from a path, a binary file or bytes,
and reports every invalid record with its line number, field path and message. It streams:
memory holds one chunk and at most one line (at most :data:`MAX_LINE_BYTES`) and at most
``max_errors`` error records, whatever the size of the input. With ``jobs``, worker processes
validate parts of the input side by side (:mod:`sodoan._parallel`), with the same report.

There is one validation path: each line is validated by the model of its kind (``Actual``,
``Plan``, ...) with the catalogue in use, in one pydantic-core call on the raw bytes, so every
rule of the models applies here as everywhere. Two things pydantic's JSON reader does not do are
added: duplicate keys are an error (each valid line's colons, less those that cannot end a
key, are counted against the keys of the record validated; a line with more is checked by the
strict reader), and a JSON number with a fraction, which the reader has already turned into a
double, sends the line to the exact path (:func:`sodoan._json.loads`, which checks the number's
text). A line the fast call rejects is validated again on the exact path, so the errors
reported are the models' own, found by the strict reader.
"""

from __future__ import annotations

import functools
import io
import os
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Annotated, Any, Final, Literal, NamedTuple

from pydantic import BaseModel, ValidationError

from sodoan._context import CATALOGUE, JSON_TEXT
from sodoan._json import JsonProblem, check_syntax, loads
from sodoan._messages import Suggest, error_message, error_path
from sodoan._parallel import LineRange, Part, Partial, cores, merge, ordered, split
from sodoan.catalogue import Catalogue
from sodoan.errors import SodoanError
from sodoan.measure import Measure
from sodoan.model import Actual, Indicator, Plan, Target

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
#: How much is read at a time.
_CHUNK: Final = 1024 * 1024


@dataclass(frozen=True)
class RecordError:
    """One problem with one record: where (line, field path) and what."""

    line: int
    """1-based line number in the input."""

    path: str
    """Dotted field path (``value.value``), or ``(record)`` for the record as a whole."""

    message: str
    """What is wrong and what was expected."""

    type: str
    """Stable error type (pydantic's, or sodoan's: ``json_invalid``, ``duplicate_key``, ...)."""

    def __str__(self) -> str:
        return f"{self.line}: {self.path}: {self.message}"


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

    def to_pandas(self) -> Any:
        """The errors as a pandas DataFrame: line, path, type, message (needs the pandas extra)."""
        from sodoan._optional import require

        pandas = require("pandas", "pandas")
        columns = ["line", "path", "type", "message"]
        return pandas.DataFrame.from_records(
            [(e.line, e.path, e.type, e.message) for e in self.errors], columns=columns
        )

    def summary(self) -> str:
        """One line: ``5 records: 3 valid, 2 invalid (2 errors)``."""
        more = "" if self.error_count == len(self.errors) else f", {len(self.errors)} shown"
        return (
            f"{self.source}: {self.records} records: {self.valid} valid, {self.invalid} invalid "
            f"({self.error_count} errors{more})"
        )


# -- one record ----------------------------------------------------------------------------

_MODELS: Final[dict[str, type[BaseModel]]] = {
    "actual": Actual,
    "target": Target,
    "plan": Plan,
    "indicator": Indicator,
    "measure": Measure,
}

_NO_ERRORS: Final[list[RecordError]] = []


def _model(kind: str) -> type[BaseModel]:
    try:
        return _MODELS[kind]
    except (KeyError, TypeError):
        raise SodoanError(
            f"unknown document kind {kind!r}; expected one of {', '.join(_MODELS)}"
        ) from None


def _keys(value: object) -> int:
    """How many keys the JSON form of a validated record has (models forbid extra keys, so a
    model's keys are the fields it was given).

    Only the fields that may hold an object or an array are visited (:func:`_nested`); a count
    that comes out low only sends the line to the strict reader, never lets a duplicate through.
    """
    if isinstance(value, BaseModel):
        return _counter(value.__class__)(value)
    if isinstance(value, list | tuple):
        return sum(_keys(item) for item in value)
    if isinstance(value, dict):
        return len(value) + sum(_keys(item) for item in value.values())
    return 0


@functools.cache
def _counter(model: type[BaseModel]) -> Callable[[Any], int]:
    """:func:`_keys` for instances of ``model``, without a call per field that holds a model
    without nested fields (a Measure, a Source)."""
    nested = _nested(model)
    leaves = tuple(name for name, leaf in nested if leaf)
    others = tuple(name for name, leaf in nested if not leaf)

    def count(value: Any) -> int:
        given = value.__pydantic_fields_set__
        keys = len(given)
        fields = value.__dict__
        for name in leaves:
            if name in given:
                child = fields[name]
                if child is not None:
                    keys += len(child.__pydantic_fields_set__)
        for name in others:
            if name in given:
                keys += _keys(fields[name])
        return keys

    return count


@functools.cache
def _nested(model: type[BaseModel]) -> tuple[tuple[str, bool], ...]:
    """The fields of ``model`` whose values may be JSON objects or arrays, each with whether
    it holds at most a model without such fields (counted without a call)."""
    return tuple(
        (name, _leaf_model(info.annotation))
        for name, info in model.model_fields.items()
        if _may_nest(info.annotation)
    )


def _may_nest(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_nest(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return any(_may_nest(arg) for arg in typing.get_args(annotation))
    if origin is not None:
        return True  # list[...], dict[...], tuple[...]
    if isinstance(annotation, type):
        return issubclass(annotation, BaseModel | list | tuple | dict | set | frozenset)
    return annotation is not None  # unknown: visited


def _leaf_model(annotation: Any) -> bool:
    """Whether ``annotation`` is a model without nested fields, or such a model or None."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return len(args) == 1 and _leaf_model(args[0])
    return (
        isinstance(annotation, type)
        and issubclass(annotation, BaseModel)
        and not _nested(annotation)
    )


#: Where a key ends: its closing quote, blanks, the colon. Every key of a document matches once,
#: and matches do not overlap, so a document has at most as many keys as matches.
_KEY_END: Final = re.compile(rb'"[ \t\r\n]*:')
_TEXT_KEY_END: Final = re.compile('"[ \t\r\n]*:')


def _no_duplicate_keys(raw: bytes | str, keys: int) -> bool:
    """Whether ``raw``, a document whose validated record has ``keys`` keys, provably has no
    duplicate key (pydantic's reader keeps the last of two; the record then has fewer keys than
    the document).

    Every key is followed by a colon, so a document with no more colons than the record has
    keys has no duplicate. Colons inside strings spoil that count; two cheap corrections
    remove most of them: a colon right before ``/`` (``https://``) never ends a key, and a
    colon that follows no closing quote (``Phần I: ...``) never does either. When neither
    count proves it, the caller asks the strict reader.
    """
    if isinstance(raw, bytes):
        colons = raw.count(b":")
        if colons == keys:
            return True
        return colons - raw.count(b":/") == keys or len(_KEY_END.findall(raw)) == keys
    colons = raw.count(":")
    if colons == keys or colons - raw.count(":/") == keys:
        return True
    return len(_TEXT_KEY_END.findall(raw)) == keys


class LineValidator:
    """Validates raw JSON documents of one kind with the models' own validator."""

    def __init__(self, kind: str, catalogue: Catalogue | None = None) -> None:
        model = _model(kind)
        codes = catalogue if catalogue is not None else Catalogue.bundled()
        validator = model.__pydantic_validator__
        self._from_json = validator.validate_json
        self._from_python = validator.validate_python
        self._fast = {CATALOGUE: codes, JSON_TEXT: True}
        self._exact_context = {CATALOGUE: codes}
        self._suggest: Suggest = codes.suggest

    def __call__(self, line: int, raw: bytes | str) -> tuple[list[RecordError], Any]:
        """(errors, the validated model or None) for one document."""
        try:
            item = self._from_json(raw, context=self._fast)
        except ValidationError:
            return self.exact(line, raw)
        if not _no_duplicate_keys(raw, _keys(item)):
            # A duplicate key, or a colon inside a value: the strict reader tells which.
            try:
                check_syntax(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
            except JsonProblem as problem:
                return _json_error(line, problem), None
        return _NO_ERRORS, item

    def exact(self, line: int, raw: bytes | str) -> tuple[list[RecordError], Any]:
        """Read ``raw`` strictly, then validate it: the errors people see."""
        try:
            document = loads(raw)
        except JsonProblem as problem:
            return _json_error(line, problem), None
        try:
            return _NO_ERRORS, self._from_python(document, context=self._exact_context)
        except ValidationError as error:
            return _from_pydantic(line, error, self._suggest), None


def _from_pydantic(line: int, error: ValidationError, suggest: Suggest) -> list[RecordError]:
    return [
        RecordError(line, error_path(item["loc"]), error_message(item, suggest), str(item["type"]))
        for item in error.errors(include_url=False)
    ]


def _json_error(line: int, problem: JsonProblem) -> list[RecordError]:
    return [RecordError(line, error_path(problem.path), problem.message, problem.type)]


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


class Batch(NamedTuple):
    """The lines of one chunk: numbered from ``first``; None stands for a line too long."""

    first: int
    lines: list[bytes | None]


def batches(stream: IO[bytes], limit: int, chunk: int = _CHUNK) -> Iterator[Batch]:
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
    jobs: int | None = 1,
) -> ValidationReport:
    """Validate JSON Lines: one ``kind`` document per line.

    >>> lines = b'{"value": "98.26", "unit": "percent"}\\n{"value": "98,26", "unit": "percent"}\\n'
    >>> report = validate_jsonl(lines, kind="measure")
    >>> report.records, report.valid, [str(e)[:40] for e in report.errors]
    (2, 1, ['2: value: Input should be an exact decimal'])

    ``source`` is a path, a binary file object or bytes. Blank lines are skipped. Ids are
    checked against ``catalogue`` (default: the bundled one). With ``collect=True`` the valid
    records are also returned as models in ``report.items`` (memory then grows with the
    input). ``progress``, if given, is called with the number of bytes read so far after every
    chunk (1 MiB) of input. Raises :class:`~sodoan.SodoanError` for an unreadable source or an
    unknown kind; problems with records are never raised, only reported.

    ``jobs`` worker processes validate parts of the input side by side (``None``: one per
    core); the report is the same as with ``jobs=1``, errors in input order with their exact
    line numbers. A file is cut into byte ranges that each worker reads itself; other sources
    are read here and sent in blocks. With ``collect=True``, or for input of less than a
    block, validation stays in this process. Worker processes import the caller's main module
    where processes are spawned (Windows, macOS): there, call from under
    ``if __name__ == "__main__":``.
    """
    validate = LineValidator(kind, catalogue)  # an unknown kind is a usage error, raised first
    workers = _workers(jobs)
    name, stream, owned = _open(source)
    report = ValidationReport(source=name, kind=kind)
    try:
        path = os.fspath(source) if isinstance(source, str | os.PathLike) else None
        parts = None if workers < 2 or collect else split(stream, path, workers, _lines)
        if parts is not None:
            merge(
                report,
                ordered(
                    _validate_part,
                    parts,
                    jobs=workers,
                    initializer=_start_worker,
                    initargs=(kind, catalogue, max_errors, MAX_LINE_BYTES),
                ),
                max_errors,
                progress,
            )
        else:
            _validate_lines(
                batches(stream, MAX_LINE_BYTES), report, validate, max_errors, progress, collect
            )
    except OSError as error:
        raise SodoanError(f"cannot read {name}: {error.strerror or error}") from None
    finally:
        if owned:
            stream.close()
    return report


def _validate_lines(
    lines: Iterator[Batch],
    report: ValidationReport,
    validate: LineValidator,
    max_errors: int,
    progress: Callable[[int], None] | None,
    collect: bool,
) -> None:
    records = valid = read = 0
    for first, batch in lines:
        for number, raw in enumerate(batch, first):
            if raw is None:
                records += 1
                _too_long(report, number, max_errors)
                continue
            read += len(raw) + 1
            if not raw or raw.isspace():
                continue
            records += 1
            errors, item = validate(number, raw)
            if errors:
                _record(report, errors, max_errors)
            else:
                valid += 1
                if collect:
                    report.items.append(item)
        if progress is not None:
            progress(read)
    report.records += records
    report.valid += valid


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


def _start_worker(kind: Kind, catalogue: Catalogue | None, max_errors: int, limit: int) -> None:
    """Build a worker process's validator, once."""
    _WORKER.update(
        kind=kind, validate=LineValidator(kind, catalogue), max_errors=max_errors, limit=limit
    )


def _validate_part(part: Part) -> Partial:
    """Validate one part of the input in a worker process, as :func:`validate_jsonl` would."""
    report = ValidationReport(source="", kind=_WORKER["kind"])
    validate, max_errors = _WORKER["validate"], _WORKER["max_errors"]
    if part.path is None:  # lines read and numbered by the caller
        _validate_lines(iter(part.lines), report, validate, max_errors, None, False)
        return Partial(0, report.records, report.valid, report.errors, report.error_count, part.end)
    last = 0

    def numbered(parts: Iterator[Batch]) -> Iterator[Batch]:
        nonlocal last
        for batch in parts:
            last = batch.first + len(batch.lines) - 1
            yield batch

    with open(part.path, "rb") as stream:
        lines = LineRange(stream, part.start, part.end)
        found = batches(lines, _WORKER["limit"])  # type: ignore[arg-type]  # a byte stream
        _validate_lines(numbered(found), report, validate, max_errors, None, False)
    size = lines.position - lines.start
    return Partial(last, report.records, report.valid, report.errors, report.error_count, size)
