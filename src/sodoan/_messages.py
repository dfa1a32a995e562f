"""Error messages for people: pydantic's error details, with sodoan's hints added."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = ["MAX_SHOWN", "Suggest", "clip", "describe_errors", "error_message", "error_path"]

#: Longest piece of input quoted in a message; longer strings are cut (a 10 MB value must not
#: make a 10 MB message).
MAX_SHOWN: Final = 80

#: A function giving the known ids of a codelist closest to a value: (kind, value) -> ids.
Suggest = Callable[[str, object], list[str]]


def clip(value: object) -> object:
    """``value`` for a message: a string longer than :data:`MAX_SHOWN` is cut and measured."""
    if isinstance(value, str) and len(value) > MAX_SHOWN:
        return f"{value[: MAX_SHOWN - 20]}… ({len(value):,} characters)"
    return value


def error_path(loc: Any) -> str:
    """A dotted field path (``targets.0.value.value``), or ``(record)`` for the whole."""
    return ".".join(str(clip(p)) for p in loc) or "(record)"


#: Error types whose input is the enclosing record, not the offending value.
_WHOLE_RECORD: Final = frozenset({"missing"})


def shown(value: object) -> str:
    """``value`` as it is quoted in a message: a string (cut, see :func:`clip`) in quotes, an
    object or list by its kind, anything else by its repr."""
    if isinstance(value, dict):
        return f"an object of {len(value)} keys"
    if isinstance(value, list | tuple):
        return f"a list of {len(value)} items"
    return repr(clip(value))


def error_message(item: Mapping[str, Any], suggest: Suggest | None = None) -> str:
    """The message of one pydantic error, quoting the offending value (cut to 80 characters);
    an unknown id also gets, given ``suggest``, the closest known ids."""
    message = str(item["msg"])
    kind = item.get("type")
    if kind == "unknown_id":
        value = item.get("input")
        message += f": {clip(value)!r}"
        codelist = str((item.get("ctx") or {}).get("kind", ""))
        close = suggest(codelist, value) if suggest is not None else []
        if close:
            message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    elif "input" in item and kind not in _WHOLE_RECORD:
        value = item["input"]
        quoted = "got " in message or (
            not isinstance(value, dict | list | tuple) and str(clip(value)) in message
        )
        if not quoted:
            message += f" (got {shown(value)})"
    return message


def describe_errors(error: ValidationError, suggest: Suggest | None = None, limit: int = 10) -> str:
    """Every error of ``error`` (at most ``limit``) as ``path: message``, joined by ``; ``."""
    parts = [
        f"{error_path(item['loc'])}: {error_message(item, suggest)}"
        for item in error.errors(include_url=False)[:limit]
    ]
    if error.error_count() > limit:
        parts.append(f"... and {error.error_count() - limit} more errors")
    return "; ".join(parts)
