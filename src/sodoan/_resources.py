"""Read sodoan's package data (JSON files under ``sodoan/data``) without executing anything."""

from __future__ import annotations

import json
import sys
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["data_dir", "read_json", "read_text"]


def data_dir() -> Traversable:
    """The ``sodoan/data`` directory of the installed package."""
    return resources.files("sodoan") / "data"


def read_text(*parts: str) -> str:
    """The text of a package data file, as UTF-8."""
    node = data_dir()
    for part in parts:
        node = node / part
    text: str = node.read_text(encoding="utf-8")
    return text


def read_json(*parts: str) -> Any:
    """A package data file parsed as JSON (plain ``json``: data is never evaluated)."""
    return json.loads(read_text(*parts))
