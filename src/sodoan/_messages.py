"""Error messages for people: pydantic's error details, with sodoan's hints added."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["error_message", "error_path"]


def error_path(loc: Any) -> str:
    """A dotted field path (``targets.0.value.value``), or ``(record)`` for the whole."""
    return ".".join(str(p) for p in loc) or "(record)"


def error_message(item: Mapping[str, Any]) -> str:
    """The message of one pydantic error; an unknown id also gets the closest known ids."""
    message = str(item["msg"])
    if item.get("type") == "unknown_id":
        from sodoan.model._refs import suggest_ids

        value = item.get("input")
        close = suggest_ids(str((item.get("ctx") or {}).get("kind", "")), value)
        message += f": {value!r}"
        if close:
            message += "; did you mean " + " or ".join(repr(c) for c in close) + "?"
    return message
