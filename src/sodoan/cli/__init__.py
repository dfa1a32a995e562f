"""The ``sodoan`` command: report (the default), compare, indicators, provinces, check, export,
validate, schema, parse and extract.

Built on click (commands, options, help, exit codes) and rich (tables that fit the terminal,
colour only on a terminal, progress bars). Output formats: ``table`` for people, ``csv`` and
``json`` for programs (stable columns and keys). One module per command group; what they share
is in :mod:`sodoan.cli._common`, which also documents the exit status.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from sodoan.cli._common import (
    ROW_COLUMNS,
    CommandError,
    as_of_option,
    format_option,
    lang_option,
)
from sodoan.cli._safe import json_text, safe
from sodoan.cli.check import check
from sodoan.cli.export import export
from sodoan.cli.extract import extract
from sodoan.cli.lookup import indicators, provinces
from sodoan.cli.parse import parse
from sodoan.cli.report import compare, report
from sodoan.cli.validate import schema, validate

__all__ = ["ROW_COLUMNS", "main"]


def _wants_json(argv: Sequence[str]) -> bool:
    for index, arg in enumerate(argv):
        if arg == "--format=json" or (
            arg == "--format" and argv[index + 1 : index + 2] == ["json"]
        ):
            return True
    return False


def _fail(status: int, kind: str, message: str, as_json: bool) -> NoReturn:
    line = " ".join(message.split())  # one line, whatever the message held
    click.echo(safe(f"sodoan: {line}"), err=True)
    if as_json:
        click.echo(json_text({"error": {"status": status, "type": kind, "message": line}}))
    sys.exit(status)


def _quiet_stdout() -> None:
    """After a closed pipe: send what is left to /dev/null so that exit does not fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # pragma: no cover - no real stdout (a test runner)
        pass


class _Interrupted(Exception):
    """Ctrl-C inside a command (click would print an empty line of its own first)."""


class _Group(click.Group):
    """A group whose every failure is one line on stderr and a documented exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        argv = list(args) if args is not None else sys.argv[1:]
        as_json = _wants_json(argv)
        from pydantic import ValidationError

        from sodoan.errors import SodoanError

        try:
            result = super().main(argv, prog_name, complete_var, False, **extra)
        except (KeyboardInterrupt, _Interrupted, click.exceptions.Abort):
            _fail(130, "interrupted", "interrupted", as_json)
        except CommandError as error:
            _fail(error.status, error.type, error.format_message(), as_json)
        except click.ClickException as error:
            _fail(error.exit_code, "usage", error.format_message(), as_json)
        except BrokenPipeError:
            _quiet_stdout()
            sys.exit(0)
        except OSError as error:
            if error.errno == errno.EPIPE:
                _quiet_stdout()
                sys.exit(0)
            where = f"{error.filename}: " if error.filename else ""
            _fail(2, "io", f"cannot read or write {where}{error.strerror or error}", as_json)
        except (SodoanError, ValidationError) as error:
            _fail(2, "error", str(error), as_json)
        except Exception as error:  # a bug: still no traceback for the user
            _fail(2, "internal", f"internal error: {type(error).__name__}: {error}", as_json)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(
    cls=_Group,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(version=None, package_name="sodoan", prog_name="sodoan")
@format_option
@lang_option
@as_of_option
@click.option(
    "--province",
    "provinces",
    multiple=True,
    help="Only these provinces (ids; repeatable), with the provinces merged into them.",
)
@click.pass_context
def main(
    context: click.Context,
    fmt: str,
    lang: str,
    as_of: dt.datetime | None,
    provinces: tuple[str, ...],
) -> None:
    """sodoan: targets and results of Vietnamese provincial digital-transformation plans.

    Without a command, prints the progress report of the bundled data: for each province and
    pillar, every target with its due date, the latest actual, the status and the source.

    Exit status: 0 success, 1 invalid data, 2 usage errors and unreadable or unwritable files,
    130 interrupted.
    """
    if context.invoked_subcommand is None:
        context.invoke(report, fmt=fmt, lang=lang, as_of=as_of, provinces=provinces)
        return
    # Options written before a command (sodoan --lang en check) apply to that command.
    given = {
        name: value
        for name, value in context.params.items()
        if context.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE
    }
    command = main.get_command(context, context.invoked_subcommand)
    accepted = {param.name for param in command.params} if command else set()
    for name in given:
        if name not in accepted:
            flag = {"fmt": "--format", "provinces": "--province"}.get(name, "--" + name)
            flag = flag.replace("_", "-")
            raise click.UsageError(
                f"{flag} does not apply to 'sodoan {context.invoked_subcommand}'", context
            )
    if given:
        context.default_map = {context.invoked_subcommand: given}


for _command in (
    report,
    compare,
    indicators,
    provinces,
    check,
    export,
    validate,
    schema,
    parse,
    extract,
):
    main.add_command(_command)
