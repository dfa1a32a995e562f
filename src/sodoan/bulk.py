"""Bulk validation of JSON Lines, streamed, and batched assessment.

:func:`validate_jsonl` reads one JSON document per line from a path, a binary file or bytes,
and reports every invalid record with its line number, field path and message. It streams:
memory holds one line (at most :data:`MAX_LINE_BYTES`) and at most ``max_errors`` error
records, whatever the size of the input.

Every line is parsed strictly (valid UTF-8, no byte-order mark, no duplicate keys, and JSON
numbers checked against their text: see :mod:`sodoan._json`) and validated with the same rules
as the models. For ``kind="actual"`` (the bulk case: many small records) the fields are
validated into plain dicts by a validator derived from the models, and the models' cross-field
rules are applied with the same functions, which avoids building model objects when only a
verdict is needed; ``collect=True`` also builds the :class:`~sodoan.Actual` objects. Other
kinds are validated by their models directly. A line the fast path rejects (or that holds a
JSON number with a fraction, whose text must be checked) is validated again exactly, so the
errors reported are always the models' own.

:func:`assess_many` assesses many actual/target pairs with each unit's conversion factor looked
up once, giving exactly what :func:`sodoan.assess` gives, much faster.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, Literal, NamedTuple

from pydantic import BaseModel, ValidationError

from sodoan._json import JsonProblem, check_syntax, loads
from sodoan._messages import error_message, error_path
from sodoan._shapes import strict_actual_validator
from sodoan.errors import SodoanError
from sodoan.measure import Measure
from sodoan.model import Actual, Indicator, Plan, Target

if TYPE_CHECKING:
    from sodoan.assessment import Status

__all__ = [
    "MAX_LINE_BYTES",
    "Kind",
    "Outcome",
    "RecordError",
    "ValidationReport",
    "assess_many",
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


def _from_pydantic(line: int, error: ValidationError) -> list[RecordError]:
    return [
        RecordError(line, error_path(item["loc"]), error_message(item), str(item["type"]))
        for item in error.errors(include_url=False)
    ]


_MODELS: Final[dict[str, type[BaseModel]]] = {
    "actual": Actual,
    "target": Target,
    "plan": Plan,
    "indicator": Indicator,
    "measure": Measure,
}

_NO_ERRORS: Final[list[RecordError]] = []

#: A function from (line number, raw line) to (errors, model or None).
LineValidator = Callable[[int, bytes], tuple[list[RecordError], BaseModel | None]]


def _model(kind: str) -> type[BaseModel]:
    try:
        return _MODELS[kind]
    except KeyError:
        raise SodoanError(
            f"unknown document kind {kind!r}; expected one of {', '.join(_MODELS)}"
        ) from None


def _json_error(line: int, problem: JsonProblem) -> list[RecordError]:
    return [RecordError(line, error_path(problem.path), problem.message, problem.type)]


def _line_validator(kind: str) -> LineValidator:
    """Validate one raw line exactly: jiter (no duplicate keys), then the ``kind`` model."""
    validate = _model(kind).model_validate

    def exact(line: int, raw: bytes) -> tuple[list[RecordError], BaseModel | None]:
        try:
            document = loads(raw)
        except JsonProblem as problem:
            return _json_error(line, problem), None
        try:
            return _NO_ERRORS, validate(document)
        except ValidationError as error:
            return _from_pydantic(line, error), None

    return exact


def _duplicate_key(line: int, raw: bytes) -> list[RecordError]:
    """Errors if ``raw`` has a duplicate key (or is not strict JSON): the exact check.

    Only for lines the fast validator accepted, which hold no JSON number with a fraction.
    """
    try:
        check_syntax(raw)
    except JsonProblem as problem:
        return _json_error(line, problem)
    return _NO_ERRORS


def validate_record(document: bytes | str, kind: Kind = "actual") -> list[RecordError]:
    """Every error in one JSON document (``[]`` if it is valid), as validate_jsonl finds them.

    The document may span many lines (errors are then reported on line 1, the document's). An
    empty or blank document is an error (``json_empty``); a ``str`` is encoded as UTF-8, and a
    lone surrogate in it is reported as invalid JSON, not raised.
    """
    return validate_document(document, kind=kind).errors


def validate_document(
    document: bytes | str,
    *,
    kind: Kind = "actual",
    source: str = "<document>",
    max_errors: int = 1000,
) -> ValidationReport:
    """Validate one JSON document (a file's whole content, possibly over many lines).

    Like :func:`validate_jsonl` for a single record: a report of one record, valid or not, with
    at most ``max_errors`` errors kept (all are counted). A document longer than
    :data:`MAX_LINE_BYTES` is reported (``document_too_long``), not read.
    """
    _model(kind)
    report = ValidationReport(source=source, kind=kind)
    report.records = 1
    if len(document) > MAX_LINE_BYTES:
        message = f"document longer than {MAX_LINE_BYTES} bytes"
        errors = [RecordError(1, "(record)", message, "document_too_long")]
    else:
        errors, _ = _line_validator(kind)(1, document)  # type: ignore[arg-type]  # str is read
    if errors:
        _record(report, errors, max_errors)
    else:
        report.valid = 1
    return report


class Batch(NamedTuple):
    """The lines of one chunk: numbered from ``first``; None stands for a line too long."""

    first: int
    lines: list[bytes | None]


def _batches(stream: IO[bytes]) -> Iterator[Batch]:
    """The lines of each chunk read.

    Reads fixed-size chunks and splits them in C; memory holds one chunk, its lines and at most
    one partial line of MAX_LINE_BYTES, however long the input or any line in it. A line longer
    than that is given as None (and skipped, not read whole).
    """
    number = 1
    pending = b""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            break
        data = pending + chunk if pending else chunk
        lines: list[bytes | None] = data.split(b"\n")  # type: ignore[assignment]
        pending = lines.pop()  # type: ignore[assignment]
        if len(data) > MAX_LINE_BYTES:  # only then can a line be too long
            lines = [
                line if line is not None and len(line) <= MAX_LINE_BYTES else None for line in lines
            ]
        yield Batch(number, lines)
        number += len(lines)
        if len(pending) > MAX_LINE_BYTES:
            yield Batch(number, [None])
            number += 1
            pending = _skip_line(stream)
    if pending:
        yield Batch(number, [pending if len(pending) <= MAX_LINE_BYTES else None])


def _skip_line(stream: IO[bytes]) -> bytes:
    """Read past the end of the current line; return what follows it in the last chunk."""
    while True:
        chunk = stream.read(_CHUNK)
        if not chunk:
            return b""
        end = chunk.find(b"\n")
        if end >= 0:
            return chunk[end + 1 :]


def _open(source: str | os.PathLike[str] | IO[bytes] | bytes) -> tuple[str, IO[bytes], bool]:
    if isinstance(source, bytes | bytearray | memoryview):
        return "<bytes>", io.BytesIO(bytes(source)), True
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            return str(path), path.open("rb"), True
        except OSError as error:
            raise SodoanError(f"cannot read {path}: {error.strerror or error}") from None
    if hasattr(source, "readline"):
        return getattr(source, "name", "<stream>"), source, False
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
) -> ValidationReport:
    """Validate JSON Lines: one ``kind`` document per line.

    >>> lines = b'{"value": "98.26", "unit": "percent"}\\n{"value": "98,26", "unit": "percent"}\\n'
    >>> report = validate_jsonl(lines, kind="measure")
    >>> report.records, report.valid, [str(e)[:40] for e in report.errors]
    (2, 1, ['2: value: Input should be an exact decimal'])

    ``source`` is a path, a binary file object or bytes. Blank lines are skipped. With
    ``collect=True`` the valid records are also returned as models in ``report.items`` (memory
    then grows with the input). ``progress``, if given, is called with the number of bytes
    read so far after every chunk (1 MiB) of input. Raises :class:`~sodoan.SodoanError` for an
    unreadable source or an unknown kind; problems with records are never raised, only reported.
    """
    _model(kind)  # an unknown kind is a usage error, before anything is read
    name, stream, owned = _open(source)
    report = ValidationReport(source=name, kind=kind)
    try:
        if kind == "actual" and not collect:
            _actuals(_batches(stream), report, max_errors, progress)
        else:
            _documents(
                _batches(stream), report, max_errors, progress, _line_validator(kind), collect
            )
    finally:
        if owned:
            stream.close()
    return report


def _too_long(report: ValidationReport, number: int, max_errors: int) -> None:
    message = f"line longer than {MAX_LINE_BYTES} bytes"
    _record(report, [RecordError(number, "(record)", message, "line_too_long")], max_errors)


def _documents(
    batches: Iterator[Batch],
    report: ValidationReport,
    max_errors: int,
    progress: Callable[[int], None] | None,
    validate: LineValidator,
    collect: bool,
) -> None:
    """Validate every line exactly (any kind; the collect path)."""
    read = 0
    for first, lines in batches:
        for number, raw in enumerate(lines, first):
            if raw is None:
                report.records += 1
                _too_long(report, number, max_errors)
                continue
            read += len(raw) + 1
            if not raw or raw.isspace():
                continue
            report.records += 1
            errors, item = validate(number, raw)
            if errors:
                _record(report, errors, max_errors)
            else:
                report.valid += 1
                if collect and item is not None:
                    report.items.append(item)
        if progress is not None:
            progress(read)


def _actuals(
    batches: Iterator[Batch],
    report: ValidationReport,
    max_errors: int,
    progress: Callable[[int], None] | None,
) -> None:
    """Validate actuals fast, with exactly the Actual model's verdict.

    Each line is parsed and validated in one pydantic-core call by a validator that holds all
    of the Actual model's rules (:func:`sodoan._shapes.strict_actual_validator`) and returns a
    dict. A line it rejects is validated again by the model, so that the errors reported are
    the model's own.

    Duplicate keys: pydantic keeps the last of two equal keys, so each valid line is checked by
    counting colons. In JSON every key is followed by exactly one colon (whatever the whitespace
    or escapes), and values can only add colons; so a line with as many colons as the validated
    record has keys has no duplicate key. Any other line (a duplicate, or a colon inside a
    value, as in "kinh phí là: 92.013,235") is checked exactly by jiter.
    """
    from_json = strict_actual_validator().validate_json
    exact = _line_validator("actual")
    records = valid = read = 0
    for first, lines in batches:
        for number, raw in enumerate(lines, first):
            if raw is None:
                records += 1
                _too_long(report, number, max_errors)
                continue
            if not raw:
                continue
            try:
                record = from_json(raw)
            except ValidationError:
                if raw.isspace():  # a blank line: skipped, as empty ones are
                    continue
                records += 1
                errors, _ = exact(number, raw)
                if errors:
                    _record(report, errors, max_errors)
                else:  # e.g. a JSON number with a fraction, left to the exact path
                    valid += 1
                continue
            # keys: the record's, its measure's (always unit and value), its source's, and a
            # fraction's (numerator and denominator) when there is one
            keys = len(record) + len(record["source"]) + (4 if record.get("fraction") else 2)
            records += 1
            if raw.count(b":") != keys:
                duplicate = _duplicate_key(number, raw)
                if duplicate:
                    _record(report, duplicate, max_errors)
                    continue
            valid += 1
        if progress is not None:
            read += sum(len(raw) + 1 for raw in lines if raw is not None)
            progress(read)
    report.records += records
    report.valid += valid


def _record(report: ValidationReport, errors: list[RecordError], max_errors: int) -> None:
    report.error_count += len(errors)
    room = max_errors - len(report.errors)
    if room > 0:
        report.errors.extend(errors[:room])


# -- batched assessment --------------------------------------------------------------------


class Outcome(NamedTuple):
    """The result of one pair in :func:`assess_many`: what :class:`~sodoan.Assessment` says,
    without the embedded target and actual."""

    status: Status
    margin: Decimal
    margin_unit: str
    ratio: Decimal | None
    actual_before_due: bool


def assess_many(
    pairs: Iterable[tuple[Actual, Target]], *, as_of: dt.date | None = None
) -> list[Outcome]:
    """Assess many (actual, target) pairs: each unit's factor is looked up once, not per pair.

    Gives, pair by pair, the status, margin, ratio and ``actual_before_due`` that
    :func:`sodoan.assess` gives (a property test checks it), in a fraction of the time. Raises
    :class:`~sodoan.AssessmentError` as assess does.
    """
    from sodoan.assessment import batch_outcomes

    return batch_outcomes(pairs, as_of if as_of is not None else dt.date.today())
