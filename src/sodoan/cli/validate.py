"""``sodoan validate`` (JSON documents and JSON Lines) and ``sodoan schema``."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Final, cast

import click

from sodoan.cli._common import CommandError, console, format_option, write_rows
from sodoan.cli._safe import json_text, safe

if TYPE_CHECKING:
    from rich.console import Console

    from sodoan.bulk import Kind, ValidationReport
    from sodoan.catalogue import Catalogue

__all__ = ["schema", "validate"]

KINDS: Final = ("plan", "target", "actual", "indicator", "measure")
#: Show a progress bar for files at least this large.
_PROGRESS_BYTES: Final = 20 * 1024 * 1024
#: How much of the first document is read to guess its kind.
_SNIFF_BYTES: Final = 64 * 1024
#: With -j 0 (the default), files at least this large are validated on every core.
_PARALLEL_BYTES: Final = 32 * 1024 * 1024


def _on_workers(path: Path, jobs: int) -> bool:
    """Whether ``path`` will be validated on worker processes."""
    if str(path) == "-":
        return jobs > 1
    return _is_jsonl(path) and _jobs(jobs, path.stat().st_size) != 1


def _jobs(jobs: int, size: int | None) -> int | None:
    """Worker processes for an input of ``size`` bytes (None: unknown) given ``-j jobs``."""
    if jobs > 0:
        return jobs
    return None if size is not None and size >= _PARALLEL_BYTES else 1


def guess_kind(prefix: bytes) -> Kind | None:
    """The kind of the JSON object that ``prefix`` starts (read partially: only its first keys
    may be there), or None."""
    import jiter

    start = prefix.lstrip()
    try:
        document = jiter.from_json(start, partial_mode="trailing-strings")
    except ValueError:
        return None
    if not isinstance(document, dict):
        return None
    keys = set(document)
    if "targets" in keys or "province_basis" in keys:
        return "plan"
    if "comparator" in keys:
        return "target"
    if "qualifier" in keys or "period" in keys:
        return "actual"
    if "direction" in keys or "definition" in keys:
        return "indicator"
    if keys and keys <= {"value", "unit"}:
        return "measure"
    return None


def _first_line_prefix(stream: IO[bytes], limit: int = _SNIFF_BYTES) -> bytes:
    """At most ``limit`` bytes of the first non-blank line (never the whole of a long line)."""
    while True:
        line = stream.readline(limit)
        if not line:
            return b""
        if line.strip():
            return line


def _is_jsonl(path: Path) -> bool:
    """JSON Lines by extension (.jsonl, .ndjson), JSON by .json, else by content: more than one
    non-blank line, the first a whole JSON value."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return True
    if suffix == ".json":
        return False
    import jiter

    with path.open("rb") as stream:
        first = _first_line_prefix(stream, 1024 * 1024)
        try:
            jiter.from_json(first.strip())
        except ValueError:
            return False
        while True:
            line = stream.readline(_SNIFF_BYTES)
            if not line:
                return False
            if line.strip():
                return True


class _Prefixed(io.RawIOBase):
    """A stream that gives ``prefix`` and then the rest of ``stream`` (stdin after sniffing)."""

    def __init__(self, prefix: bytes, stream: IO[bytes]) -> None:
        self._prefix = prefix
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._prefix:
            n = min(len(view), len(self._prefix))
            view[:n] = self._prefix[:n]
            self._prefix = self._prefix[n:]
            return n
        data = self._stream.read(len(view))
        view[: len(data)] = data
        return len(data)


def _validate_stdin(
    kind: Kind | None, catalogue: Catalogue | None, unique_ids: bool, jobs: int
) -> ValidationReport:
    from sodoan.bulk import validate_jsonl

    stdin = sys.stdin.buffer
    prefix = stdin.read(_SNIFF_BYTES)
    chosen = kind or guess_kind(prefix.split(b"\n", 1)[0] if b"\n" in prefix else prefix)
    stream = io.BufferedReader(_Prefixed(prefix, stdin))
    report = validate_jsonl(
        stream,
        kind=chosen or "actual",
        catalogue=catalogue,
        unique_ids=unique_ids,
        jobs=_jobs(jobs, None),
    )
    report.source = "<stdin>"
    return report


def _validate_file(
    path: Path,
    kind: Kind | None,
    catalogue: Catalogue | None,
    progress: Console,
    unique_ids: bool,
    jobs: int,
) -> ValidationReport:
    from sodoan.bulk import (
        MAX_LINE_BYTES,
        RecordError,
        ValidationReport,
        validate_document,
        validate_jsonl,
    )

    jsonl = _is_jsonl(path)
    if kind is None:
        with path.open("rb") as stream:
            sample = _first_line_prefix(stream) if jsonl else stream.read(_SNIFF_BYTES)
        kind = guess_kind(sample) or "actual"
    if not jsonl:
        # One JSON document (possibly over many lines): validated as a single record, read once.
        if path.stat().st_size > MAX_LINE_BYTES:  # reported without reading it
            message = f"document longer than {MAX_LINE_BYTES} bytes"
            error = RecordError(1, "(record)", message, "document_too_long")
            return ValidationReport(
                source=str(path), kind=kind, records=1, errors=[error], error_count=1
            )
        return validate_document(
            path.read_bytes(), kind=kind, source=str(path), catalogue=catalogue
        )
    size = path.stat().st_size
    if progress.is_terminal and size >= _PROGRESS_BYTES:
        from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            DownloadColumn(),
            TimeRemainingColumn(),
            console=progress,
            transient=True,
        ) as bar:
            task = bar.add_task(path.name, total=size)
            return validate_jsonl(
                path,
                kind=kind,
                catalogue=catalogue,
                unique_ids=unique_ids,
                progress=lambda read: bar.update(task, completed=read),
                jobs=_jobs(jobs, size),
            )
    return validate_jsonl(
        path, kind=kind, catalogue=catalogue, unique_ids=unique_ids, jobs=_jobs(jobs, size)
    )


def read_catalogue(path: Path | None) -> Catalogue | None:
    """The catalogue of ``--catalogue FILE`` (a usage error if it cannot be used)."""
    if path is None:
        return None
    from sodoan.catalogue import Catalogue
    from sodoan.errors import SodoanError

    try:
        return Catalogue.read(path)
    except SodoanError as error:
        raise CommandError(f"--catalogue: {error}") from None


_catalogue_option = click.option(
    "--catalogue",
    "catalogue_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="A catalogue file (JSON) of your own indicators, provinces, ...; by default it extends "
    "the bundled catalogue.",
)


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default=None,
    help="Document kind (default: guessed from the first document).",
)
@click.option(
    "--max-errors",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Errors shown per file.",
)
@click.option(
    "--no-unique-ids",
    "unique_ids",
    flag_value=False,
    default=True,
    help="Accept records whose id an earlier record of the same file has.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Worker processes for JSON Lines; 0: one per core for files of 32 MiB or more, else one.",
)
@_catalogue_option
@format_option
def validate(
    files: tuple[Path, ...],
    kind: str | None,
    max_errors: int,
    unique_ids: bool,
    jobs: int,
    catalogue_file: Path | None,
    fmt: str,
) -> None:
    """Validate JSON documents or JSON Lines (.jsonl, .ndjson: one document per line); FILE
    ``-`` reads JSON Lines from standard input.

    Prints one line per error, FILE:LINE: FIELD.PATH: MESSAGE, and a summary. Exit status 0 when
    every record is valid, 1 when any is invalid, 2 when a file cannot be read.
    """
    from sodoan.errors import SodoanError

    for path in files:
        if str(path) != "-" and not path.is_file():
            raise CommandError(f"cannot read {path}: no such file")
    if any(_on_workers(path, jobs) for path in files):
        from sodoan._parallel import start_server

        start_server()  # gets ready while this process imports the models
    catalogue = read_catalogue(catalogue_file)
    progress = console(stderr=True)
    chosen = cast("Kind | None", kind)  # one of click's choices
    reports: list[ValidationReport] = []
    for path in files:
        try:
            if str(path) == "-":
                result = _validate_stdin(chosen, catalogue, unique_ids, jobs)
            else:
                result = _validate_file(path, chosen, catalogue, progress, unique_ids, jobs)
        except (SodoanError, OSError) as error:
            reason = error.strerror if isinstance(error, OSError) and error.strerror else error
            raise CommandError(f"{path}: {reason}") from None
        reports.append(result)
    records = [
        {
            "file": r.source,
            "line": str(e.line),
            "path": e.path,
            "type": e.type,
            "message": e.message,
        }
        for r in reports
        for e in r.errors[:max_errors]
    ]
    if fmt == "json":
        summary = [
            {
                "file": r.source,
                "kind": r.kind,
                "records": r.records,
                "valid": r.valid,
                "invalid": r.invalid,
                "errors": r.error_count,
            }
            for r in reports
        ]
        click.echo(json_text({"errors": records, "files": summary}))
    elif fmt == "csv":
        write_rows(records, ("file", "line", "path", "type", "message"), "csv")
    else:
        for record in records:
            click.echo(
                safe(f"{record['file']}:{record['line']}: {record['path']}: {record['message']}")
            )
        total = sum(r.records for r in reports)
        invalid = sum(r.invalid for r in reports)
        errors = sum(r.error_count for r in reports)
        click.echo(
            f"{len(reports)} file(s), {total} records: {total - invalid} valid, {invalid} invalid "
            f"({errors} errors)"
        )
    if any(not r.ok for r in reports):
        raise SystemExit(1)


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Directory to write into.",
)
@_catalogue_option
def schema(out: Path, catalogue_file: Path | None) -> None:
    """Write the JSON Schemas (Draft 2020-12) into a directory, for the bundled catalogue or
    for --catalogue FILE."""
    from sodoan.schemas import write

    catalogue = read_catalogue(catalogue_file)
    try:
        paths = write(out, catalogue)
    except OSError as error:
        raise CommandError(f"cannot write {out}: {error.strerror or error}") from None
    for path in paths:
        click.echo(str(path))
