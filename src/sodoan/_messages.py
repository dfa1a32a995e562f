"""Error messages for people: pydantic's error details, with sodoan's hints added."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

__all__ = ["MAX_SHOWN", "clip", "error_message", "error_path"]

#: Longest piece of input quoted in a message; longer strings are cut (a 10 MB value must not
#: make a 10 MB message).
MAX_SHOWN: Final = 80


def clip(value: object) -> object:
    """``value`` for a message: a string longer than :data:`MAX_SHOWN` is cut and measured."""
    if isinstance(value, str) and len(value) > MAX_SHOWN:
        return f"{value[: MAX_SHOWN - 20]}… ({len(value):,} characters)"
    return value


def error_path(loc: Any) -> str:
    """A dotted field path (``targets.0.value.value``), or ``(record)`` for the whole."""
    return ".".join(str(clip(p)) for p in loc) or "(record)"


def error_message(item: Mapping[str, Any]) -> str:
    """The message of one pydantic error; an unknown id also gets the closest known ids."""
    message = str(item["msg"])
    if item.get("type") == "unknown_id":
        from sodoan.model._refs import suggest_ids

        value = item.get("input")
        close = suggest_ids(str((item.get("ctx") or {}).get("kind", "")), value)
        message += f": {clip(value)!r}"
        if close:
            message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    return message
