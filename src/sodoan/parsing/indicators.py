"""The indicators a clause may name: an alias index built from a sequence of indicators.

An index is built once per catalogue object (any object with an ``indicators`` attribute: a
sequence of :class:`~sodoan.model.Indicator`) and kept while the object lives; the bundled
indicators' index is built once per process.
"""

from __future__ import annotations

import functools
import re
import threading
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final, Protocol

from sodoan.catalogue import Catalogue
from sodoan.errors import ParseError
from sodoan.model.indicator import KIND_DIMENSIONS, Indicator, units_of_kind
from sodoan.parsing.text import fold, words_pattern
from sodoan.units import dimension, unit_spec

__all__ = ["AliasIndex", "IndicatorCatalogue", "alias_index", "fits", "index_of"]


class IndicatorCatalogue(Protocol):
    """What the parsers need of a catalogue: its indicators."""

    @property
    def indicators(self) -> Sequence[Indicator]: ...


@dataclass(frozen=True)
class Alias:
    """One phrasing of an indicator, as a pattern over folded text."""

    indicator: str
    pattern: re.Pattern[str]
    anchor: str  # a folded word the text must contain for the pattern to match
    gap: bool  # "A ... B": the pattern has a group "tail" for B


@dataclass(frozen=True)
class AliasIndex:
    """Indicators by id, and the patterns of their names and aliases."""

    indicators: Mapping[str, Indicator]
    aliases: tuple[Alias, ...]


_GAP: Final = "..."


def _aliases_of(indicator: Indicator) -> list[Alias]:
    aliases: list[Alias] = []
    seen: set[str] = set()
    for phrase in (indicator.name.vi, *indicator.aliases):
        key = fold(" ".join(phrase.split()))
        if key in seen or not key.strip(" .…"):
            continue
        seen.add(key)
        pieces = [p.strip() for p in phrase.replace("…", _GAP).split(_GAP)]
        pieces = [p for p in pieces if p]
        if not pieces:
            continue
        parts = [words_pattern(p) for p in pieces]
        if len(parts) > 1:
            parts[-1] = f"(?P<tail>{parts[-1]})"
        pattern = r"[^\n;]{0,80}?".join(parts)
        anchor = max(fold(" ".join(pieces)).split(), key=len)
        aliases.append(Alias(indicator.id, re.compile(pattern), anchor, gap=len(pieces) > 1))
    return aliases


def alias_index(indicators: Sequence[Indicator]) -> AliasIndex:
    """The alias index of ``indicators``: each one's Vietnamese name and aliases, matched as
    whole words; an alias ``A ... B`` is A followed by B within 80 characters."""
    aliases = [alias for indicator in indicators for alias in _aliases_of(indicator)]
    return AliasIndex({i.id: i for i in indicators}, tuple(aliases))


@functools.cache
def bundled_index() -> AliasIndex:
    """The alias index of the bundled catalogue's indicators."""
    return alias_index(Catalogue.bundled().indicators)


_LOCK: Final = threading.Lock()
_INDEXES: dict[int, tuple[weakref.ref[object], Sequence[Indicator], AliasIndex]] = {}


def _indicators_of(catalogue: object) -> Sequence[Indicator]:
    indicators = getattr(catalogue, "indicators", None)
    if not isinstance(indicators, Sequence) or isinstance(indicators, str):
        raise ParseError(
            "catalogue must have an attribute 'indicators', a sequence of sodoan.Indicator; "
            f"got {type(catalogue).__name__}"
        )
    for item in indicators:
        if not isinstance(item, Indicator):
            raise ParseError(
                "catalogue.indicators must hold sodoan.Indicator objects, "
                f"not {type(item).__name__}"
            )
    return indicators


def index_of(catalogue: object | None) -> AliasIndex:
    """The alias index of ``catalogue`` (None: the bundled indicators), built on first use and
    kept while the catalogue object lives and its ``indicators`` stay the same object."""
    if catalogue is None:
        return bundled_index()
    key = id(catalogue)
    entry = _INDEXES.get(key)
    if entry is not None and entry[0]() is catalogue:
        current = getattr(catalogue, "indicators", None)
        if current is entry[1]:
            return entry[2]
    indicators = _indicators_of(catalogue)
    index = alias_index(indicators)
    try:
        ref = weakref.ref(catalogue, lambda _, key=key: _forget(key))  # type: ignore[misc]
    except TypeError:  # not weak-referenceable: built per call
        return index
    with _LOCK:
        _INDEXES[key] = (ref, indicators, index)
    return index


def _forget(key: int) -> None:
    with _LOCK:
        _INDEXES.pop(key, None)


@functools.cache
def _change_dimensions(kind: str) -> frozenset[str]:
    dims = set(KIND_DIMENSIONS[kind])
    for unit in units_of_kind(kind):
        dims.add(dimension(unit_spec(unit).difference))
    return frozenset(dims)


def fits(indicator: Indicator, unit: str, change: bool) -> bool:
    """Whether a figure in ``unit`` (a change of it, if ``change``) can be of ``indicator``."""
    dim = dimension(unit)
    if dim in KIND_DIMENSIONS[indicator.kind]:
        return True
    return change and dim in _change_dimensions(indicator.kind)
