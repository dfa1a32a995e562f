"""Strict JSON reading: what sodoan's readers accept before any model sees a document.

Every reader in sodoan (``Model.model_validate_json``, :func:`sodoan.validate_jsonl`,
:func:`sodoan.bulk.validate_record`, the data loader, the ``sodoan validate`` command) goes
through :func:`loads`, which is stricter than most JSON parsers in three ways:

* **Duplicate keys** are an error (most parsers keep the last one silently).
* **NaN and the infinities** are not JSON and are an error (Python's ``json`` reads them).
* **JSON numbers are checked against their text**, not the double a parser makes of them.
  A number with more than 15 significant digits (``98.26000000000001``, which a double reads
  as ``98.26``) or one that underflows to zero (``1e-400``) would be silently changed; both are
  errors, naming the number as written. Exact values belong in strings (``"98.26"``).
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any, Final, Literal

import jiter

from sodoan._messages import clip

__all__ = ["MAX_NUMBER_DIGITS", "JsonProblem", "check_syntax", "loads"]

#: Most significant digits a JSON number may have: what an IEEE-754 double holds exactly.
MAX_NUMBER_DIGITS: Final = 15

_BOM: Final = b"\xef\xbb\xbf"


class JsonProblem(ValueError):
    """A document that is not strict JSON: ``type`` (``json_invalid``, ``duplicate_key``,
    ``json_bom``, ``json_number``, ``json_empty``), the path of the problem and a message."""

    def __init__(self, type: str, path: tuple[str | int, ...], message: str) -> None:
        super().__init__(message)
        self.type = type
        self.path = path
        self.message = message


def check_syntax(raw: bytes) -> None:
    """Raise :class:`JsonProblem` if ``raw`` is not strict JSON (duplicate keys included).

    Numbers are not checked against their text: for documents already known to hold no
    number with a fraction (the bulk path), this is :func:`loads` without its walk.
    """
    _parse(raw, "float")


def loads(data: bytes | bytearray | str) -> Any:
    """Parse one JSON document strictly (see the module docstring); raise :class:`JsonProblem`.

    Numbers come back as ``int`` or ``float`` (checked to be exactly what their text says, up
    to 15 significant digits), strings as ``str``; nothing is evaluated or fetched.
    """
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else bytes(data)
    if raw.startswith(_BOM):
        raise JsonProblem("json_bom", (), "a byte-order mark is not allowed in JSON")
    if not raw.strip():
        raise JsonProblem("json_empty", (), "empty document: expected one JSON value")
    return _exact_numbers(_parse(raw, "lossless-float"))


def _parse(raw: bytes, float_mode: Literal["float", "lossless-float"]) -> Any:
    try:
        return jiter.from_json(
            raw,
            allow_inf_nan=False,
            catch_duplicate_keys=True,
            cache_mode="keys",
            float_mode=float_mode,
        )
    except ValueError as problem:
        message = str(problem)
        if "duplicate key" in message.lower():
            raise JsonProblem("duplicate_key", (), f"duplicate key: {message}") from None
        raise JsonProblem("json_invalid", (), f"invalid JSON: {message}") from None


def _exact_numbers(document: Any) -> Any:
    """``document`` with every lossless float checked and made a float (iteratively: a deeply
    nested document must not exhaust Python's stack)."""
    if isinstance(document, jiter.LosslessFloat):
        return _number(document, ())
    if not isinstance(document, dict | list):
        return document
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            if isinstance(value, jiter.LosslessFloat):
                node[key] = _number(value, (*path, key))
            elif isinstance(value, dict | list) and value:
                stack.append((value, (*path, key)))
    return document


def _number(number: jiter.LosslessFloat, path: tuple[str | int, ...]) -> float:
    text = str(number)
    value = float(number)
    if math.isinf(value):
        return value  # too large for a double: the models reject it with their own message
    exact = Decimal(text)  # jiter gives only JSON number syntax, which Decimal reads
    if len(exact.normalize().as_tuple().digits) > MAX_NUMBER_DIGITS:
        raise JsonProblem(
            "json_number",
            path,
            f"JSON number {clip(text)} has more than {MAX_NUMBER_DIGITS} significant digits: a "
            f"double cannot hold it exactly (it would read as {value!r}); send it as a string",
        )
    if value == 0 and not exact.is_zero():
        raise JsonProblem(
            "json_number",
            path,
            f"JSON number {clip(text)} is too small for a double (it would read as 0); send it "
            "as a string",
        )
    return value
