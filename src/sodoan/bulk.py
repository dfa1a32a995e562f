"""Bulk validation of JSON documents and JSON Lines, streamed, on the models' own validator.

:func:`validate_jsonl` reads one JSON document per line from a path, a binary file or bytes,
and reports every invalid record with its line number, field path and message. It streams:
memory holds one chunk and at most one line (at most :data:`MAX_LINE_BYTES`) and at most
``max_errors`` error records, whatever the size of the input.

There is one validation path: each line is validated by the model of its kind (``Actual``,
``Plan``, ...) with the catalogue in use, in one pydantic-core call on the raw bytes, so every
rule of the models applies here as everywhere. Two things pydantic's JSON reader does not do are
added: duplicate keys are an error (each valid line's colons are counted against the keys of
the record validated; a line with more is checked by the strict reader), and a JSON number with
a fraction, which the reader has already turned into a double, sends the line to the exact path
(:func:`sodoan._json.loads`, which checks the number's text). A line the fast call rejects is
validated again on the exact path, so the errors reported are the models' own, found by the
strict reader.
"""

from __future__ import annotations

import array
import hashlib
import io
import json
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Final, Literal, NamedTuple

from pydantic import BaseModel, ValidationError

from sodoan._context import CATALOGUE, JSON_TEXT
from sodoan._json import JsonProblem, check_syntax, loads
from sodoan._messages import Suggest, clip, error_message, error_path
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
#: Lines longer than this are read strictly and their shape checked before the model sees them
#: (a line of a million unknown keys must not become a million errors).
_GUARDED_BYTES: Final = 64 * 1024
#: No sodoan model has this many fields, nor a list this many items: a JSON object or array
#: beyond them is invalid whatever it holds, and is reported as one error.
MAX_KEYS: Final = 64
MAX_ITEMS: Final = 5000


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
    model's keys are the fields it was given)."""
    if isinstance(value, BaseModel):
        return sum(1 + _keys(getattr(value, name)) for name in value.model_fields_set)
    if isinstance(value, list):
        return sum(_keys(item) for item in value)
    return 0


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
        if len(raw) > _GUARDED_BYTES:
            return self.exact(line, raw)
        try:
            item = self._from_json(raw, context=self._fast)
        except ValidationError:
            return self.exact(line, raw)
        if (raw.count(b":") if isinstance(raw, bytes) else raw.count(":")) != _keys(item):
            # A duplicate key, or a colon inside a value: the strict reader tells which.
            try:
                check_syntax(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
            except JsonProblem as problem:
                return _json_error(line, problem), None
        return _NO_ERRORS, item

    def exact(self, line: int, raw: bytes | str) -> tuple[list[RecordError], Any]:
        """Read ``raw`` strictly, then validate it: the errors people see."""
        if len(raw) > _GUARDED_BYTES:
            oversized = _oversized(line, raw)
            if oversized:
                return oversized, None
        try:
            document = loads(raw)
        except JsonProblem as problem:
            return _json_error(line, problem), None
        try:
            return _NO_ERRORS, self._from_python(document, context=self._exact_context)
        except ValidationError as error:
            return _from_pydantic(line, error, self._suggest), None


#: The JSON tokens that give a document its shape: a whole string (skipped, escapes and all),
#: brackets, colons and commas.
_TOKENS: Final = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}\[\]:,]')


def _oversized(line: int, raw: bytes | str) -> list[RecordError]:
    """An error if a JSON object in ``raw`` has more keys, or an array more items, than any
    sodoan model allows: found by scanning the text, before anything is built, so that a
    line of a million keys costs neither a million errors nor the memory to hold its keys.

    The scan stops at the first such object or array; a malformed line is left to the strict
    reader, which reports it.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    # per open bracket: [is an object, members so far, the member's key or index]
    stack: list[list[Any]] = []
    string = b""
    for match in _TOKENS.finditer(data):
        token = match.group()
        first = token[:1]
        if first == b'"':
            string = token
        elif first == b"{" or first == b"[":
            stack.append([first == b"{", 0, 0])
        elif first == b"}" or first == b"]":
            if stack:
                stack.pop()
        elif stack and first == b":" and stack[-1][0]:
            stack[-1][1] += 1
            stack[-1][2] = _key(string)
            if stack[-1][1] > MAX_KEYS:
                return _too_many(line, stack, f"an object of more than {MAX_KEYS} keys")
        elif stack and first == b"," and not stack[-1][0]:
            stack[-1][1] += 1
            stack[-1][2] = stack[-1][1]
            if stack[-1][1] >= MAX_ITEMS:
                return _too_many(line, stack, f"a list of more than {MAX_ITEMS} items")
    return []


def _key(token: bytes) -> str:
    try:
        key = json.loads(token)
    except ValueError:  # pragma: no cover - a token matched as a JSON string
        return "?"
    return str(key)


def _too_many(line: int, stack: list[list[Any]], what: str) -> list[RecordError]:
    path = tuple(entry[2] for entry in stack[:-1])
    kind = "too_many_keys" if stack[-1][0] else "too_many_items"
    message = f"{what}: no sodoan record has one"
    return [RecordError(line, error_path(path), message, kind)]


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
    unique_ids: bool = True,
) -> ValidationReport:
    """Validate JSON Lines: one ``kind`` document per line.

    >>> lines = b'{"value": "98.26", "unit": "percent"}\\n{"value": "98,26", "unit": "percent"}\\n'
    >>> report = validate_jsonl(lines, kind="measure")
    >>> report.records, report.valid, [(e.line, e.path, e.type) for e in report.errors]
    (2, 1, [(2, 'value', 'decimal_format')])

    ``source`` is a path, a binary file object or bytes. Blank lines are skipped. Ids are
    checked against ``catalogue`` (default: the bundled one). With ``unique_ids`` (the
    default), a record whose ``id`` an earlier valid record of the input already has is an
    error (``duplicate_id``); sodoan keeps an 8-byte digest per id (under 64 bytes a record),
    so two different ids are taken for the same only by a digest collision, about one chance
    in 10^12 for a million records. With ``collect=True`` the valid
    records are also returned as models in ``report.items`` (memory then grows with the
    input). ``progress``, if given, is called with the number of bytes read so far after every
    chunk (1 MiB) of input. Raises :class:`~sodoan.SodoanError` for an unreadable source or an
    unknown kind; problems with records are never raised, only reported.
    """
    validate = LineValidator(kind, catalogue)  # an unknown kind is a usage error, raised first
    name, stream, owned = _open(source)
    report = ValidationReport(source=name, kind=kind)
    try:
        seen = _SeenIds() if unique_ids else None
        _validate_lines(
            batches(stream, MAX_LINE_BYTES), report, validate, max_errors, progress, collect, seen
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
    seen: _SeenIds | None = None,
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
            if not errors and seen is not None:
                errors = seen.check(number, item)
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


class _SeenIds:
    """The ids of the valid records read so far, as 8-byte digests in an open-addressing table
    (an ``array`` of 64-bit slots, at most half full): 16 to 32 bytes a record."""

    __slots__ = ("_count", "_mask", "_slots")

    def __init__(self) -> None:
        self._slots = array.array("Q", bytes(8 * 1024))
        self._mask = 1023
        self._count = 0

    def _add(self, digest: int) -> bool:
        """Put ``digest`` in the table; False if it was there already."""
        slots, mask = self._slots, self._mask
        index = digest & mask
        while True:
            held = slots[index]
            if held == 0:
                slots[index] = digest
                return True
            if held == digest:
                return False
            index = (index + 1) & mask

    def _grow(self) -> None:
        held = [digest for digest in self._slots if digest]
        self._slots = array.array("Q", bytes(16 * len(self._slots)))
        self._mask = len(self._slots) - 1
        for digest in held:
            self._add(digest)

    def check(self, line: int, item: Any) -> list[RecordError]:
        """An error if ``item``'s id was seen before; otherwise remember it."""
        identifier = getattr(item, "id", None)
        if not isinstance(identifier, str):
            return _NO_ERRORS
        digest = int.from_bytes(
            hashlib.blake2b(identifier.encode(), digest_size=8).digest(), "little"
        )
        if not self._add(digest or 1):  # 0 marks an empty slot
            message = f"id {clip(identifier)!r} is already used by an earlier record"
            return [RecordError(line, "id", message, "duplicate_id")]
        self._count += 1
        if 2 * self._count > len(self._slots):
            self._grow()
        return _NO_ERRORS

    @property
    def nbytes(self) -> int:
        """The memory the table takes."""
        return self._slots.buffer_info()[1] * self._slots.itemsize


def _too_long(report: ValidationReport, number: int, max_errors: int) -> None:
    message = f"line longer than {MAX_LINE_BYTES} bytes"
    _record(report, [RecordError(number, "(record)", message, "line_too_long")], max_errors)


def _record(report: ValidationReport, errors: list[RecordError], max_errors: int) -> None:
    report.error_count += len(errors)
    room = max_errors - len(report.errors)
    if room > 0:
        report.errors.extend(errors[:room])
