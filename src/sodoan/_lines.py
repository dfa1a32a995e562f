"""One record: how :mod:`sodoan.bulk` validates one JSON document, and what it reports.

:class:`LineValidator` validates raw documents of one kind with the model's own validator (and,
for bulk reading of ``Actual`` lines, first with the compiled acceptor of
:mod:`sodoan._accept`); :class:`RecordError` is one problem it reports. The models, the
catalogue and the acceptor are imported and built on first use, so that a process that hands
every line to worker processes never loads them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from pydantic_core import ValidationError

from sodoan._context import CATALOGUE, JSON_TEXT
from sodoan._guards import count_keys, no_duplicate_keys, oversized
from sodoan._json import JsonProblem, check_syntax, loads
from sodoan._messages import Suggest, error_message, error_path
from sodoan.errors import SodoanError

if TYPE_CHECKING:
    from pydantic import BaseModel

    from sodoan._accept import Acceptor
    from sodoan.catalogue import Catalogue

__all__ = ["GUARDED_BYTES", "LineValidator", "RecordError"]

#: Lines longer than this are read strictly and their shape checked before the model sees them
#: (a line of a million unknown keys must not become a million errors).
GUARDED_BYTES: Final = 64 * 1024


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


#: The model of each kind, imported on first use (a process that hands every line to workers
#: never imports the models).
_MODELS: Final[dict[str, type[BaseModel] | None]] = dict.fromkeys(
    ("actual", "target", "plan", "indicator", "measure")
)

_NO_ERRORS: Final[list[RecordError]] = []


def _check_kind(kind: object) -> str:
    """``kind``, if it is a kind of document; else a SodoanError naming the kinds."""
    if not isinstance(kind, str) or kind not in _MODELS:
        raise SodoanError(f"unknown document kind {kind!r}; expected one of {', '.join(_MODELS)}")
    return kind


def _model(kind: str) -> type[BaseModel]:
    found = _MODELS[_check_kind(kind)]
    if found is None:
        from sodoan.measure import Measure
        from sodoan.model import Actual, Indicator, Plan, Target

        models: dict[str, type[BaseModel]] = {
            "actual": Actual,
            "target": Target,
            "plan": Plan,
            "indicator": Indicator,
            "measure": Measure,
        }
        found = _MODELS[kind] = models[kind]
    return found


class LineValidator:
    """Validates raw JSON documents of one kind with the models' own validator.

    With ``accept`` (bulk reading, where no models are kept), :attr:`acceptor` is the compiled
    acceptor of :mod:`sodoan._accept` for ``Actual`` lines, which the reader asks first (with
    the key proof, :func:`sodoan._guards.no_repeated_keys`); a line it does not take is given
    to the validator itself. The models alone decide what is an error.

    The validators are built on first use (a process that hands all lines to workers never
    builds them).
    """

    def __init__(
        self, kind: str, catalogue: Catalogue | None = None, *, accept: bool = False
    ) -> None:
        self._kind = _check_kind(kind)
        self._catalogue = catalogue
        self._accept = accept

    def build(self) -> LineValidator:
        """Build the validators now (they are otherwise built on first use)."""
        _ = self.acceptor, self._from_json, self._from_python
        return self

    @functools.cached_property
    def _codes(self) -> Catalogue:
        if self._catalogue is not None:
            return self._catalogue
        from sodoan.catalogue import Catalogue

        return Catalogue.bundled()

    @functools.cached_property
    def _fast(self) -> dict[str, object]:
        return {CATALOGUE: self._codes, JSON_TEXT: True}

    @functools.cached_property
    def _exact_context(self) -> dict[str, object]:
        return {CATALOGUE: self._codes}

    @functools.cached_property
    def acceptor(self) -> Acceptor | None:
        """The compiled acceptor, with ``accept`` and if the kind has one."""
        return _acceptor(_model(self._kind), self._codes) if self._accept else None

    @functools.cached_property
    def _from_json(self) -> Callable[..., Any]:
        return _model(self._kind).__pydantic_validator__.validate_json

    @functools.cached_property
    def _from_python(self) -> Callable[..., Any]:
        return _model(self._kind).__pydantic_validator__.validate_python

    def __call__(self, line: int, raw: bytes | str) -> tuple[list[RecordError], Any]:
        """(errors, the validated model or None) for one document, by the model."""
        if len(raw) > GUARDED_BYTES:
            return self.exact(line, raw)
        try:
            item = self._from_json(raw, context=self._fast)
        except ValidationError:
            return self.exact(line, raw)
        if no_duplicate_keys(raw, count_keys(item)):
            return _NO_ERRORS, item
        return self._strictly(line, raw, item)

    @staticmethod
    def _strictly(line: int, raw: bytes | str, item: Any) -> tuple[list[RecordError], Any]:
        """A duplicate key, or colons inside values: the strict reader tells which."""
        try:
            check_syntax(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw)
        except JsonProblem as problem:
            return _json_error(line, problem), None
        return _NO_ERRORS, item

    def exact(self, line: int, raw: bytes | str) -> tuple[list[RecordError], Any]:
        """Read ``raw`` strictly, then validate it: the errors people see."""
        if len(raw) > GUARDED_BYTES:
            found = oversized(raw)
            if found is not None:
                return [RecordError(line, *found)], None
        try:
            document = loads(raw)
        except JsonProblem as problem:
            return _json_error(line, problem), None
        try:
            return _NO_ERRORS, self._from_python(document, context=self._exact_context)
        except ValidationError as error:
            return _from_pydantic(line, error, self._codes.suggest), None


@functools.lru_cache(maxsize=8)
def _acceptor(model: type[BaseModel], codes: Catalogue) -> Acceptor | None:
    """The acceptor of ``model`` for ``codes``, if there is one (built once per catalogue, in
    about 10 ms)."""
    from sodoan._accept import actual_acceptor

    return actual_acceptor(model, codes)


def _from_pydantic(line: int, error: ValidationError, suggest: Suggest) -> list[RecordError]:
    return [
        RecordError(line, error_path(item["loc"]), error_message(item, suggest), str(item["type"]))
        for item in error.errors(include_url=False)
    ]


def _json_error(line: int, problem: JsonProblem) -> list[RecordError]:
    return [RecordError(line, error_path(problem.path), problem.message, problem.type)]
