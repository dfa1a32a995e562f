"""Every word sodoan shows people, in Vietnamese and English, from one data file.

``data/labels.json`` maps a section (``status``, ``comparator``, ``header``, ...) and a key to
``{"vi": ..., "en": ...}``; templates hold ``{name}`` fields filled with :meth:`str.format`
(never evaluated). :func:`label` looks one up; a missing label is a bug, so it raises KeyError.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sodoan._resources import read_json

__all__ = ["label", "labels"]


@functools.cache
def labels() -> Mapping[str, Mapping[str, Mapping[str, str]]]:
    """The whole label table (read once)."""
    table: dict[str, Any] = read_json("labels.json")
    table.pop("about", None)
    return table


def label(section: str, key: str, locale: str = "vi", /, **fields: Any) -> str:
    """The ``section``/``key`` label in ``locale`` (``vi`` or ``en``), with ``fields`` filled."""
    text = labels()[section][key][locale]
    return text.format(**fields) if fields else text
