"""The catalogue: the codelists documents refer to (pillars, indicators, provinces and the nation,
agencies), as one object that can be extended or replaced.

Every id in a document (an actual's ``indicator``, a plan's ``province``) is checked against the
catalogue *in use*: the bundled one (:meth:`Catalogue.bundled`) unless another is given, as in
``Actual.model_validate(data, context={"catalogue": mine})``, ``Dataset(catalogue=mine, ...)``,
``validate_jsonl(path, catalogue=mine)``, ``sodoan validate --catalogue FILE`` or
``sodoan schema --catalogue FILE``. A service that validates its own indicators adds them to a
catalogue; it does not need a fork of sodoan.

>>> import sodoan
>>> mine = sodoan.Catalogue.bundled().extend(indicators=[{
...     "id": "smart-school-share", "name": {"vi": "Tỷ lệ trường học thông minh",
...     "en": "Share of smart schools"}, "pillar": "digital-society", "unit": "percent",
...     "kind": "ratio", "direction": "higher_is_better",
...     "definition": {"vi": "Tỷ lệ trường học thông minh.", "en": "Share of smart schools."}}])
>>> mine.indicator("smart-school-share").unit
'percent'
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from sodoan._messages import describe_errors
from sodoan._resources import read_json
from sodoan._search import Entry, named, rank
from sodoan.errors import DataError, UnknownIdError
from sodoan.model import Agency, Indicator, Pillar, Province
from sodoan.model._refs import (
    CODELIST_FILES,
    CONTEXT_KEY,
    CodelistKind,
    CodeTable,
    IndicatorFacts,
    suggest_ids,
)

__all__ = ["Catalogue"]

M = TypeVar("M", bound=BaseModel)

_MODELS: Final[Mapping[CodelistKind, type[BaseModel]]] = {
    "pillar": Pillar,
    "indicator": Indicator,
    "province": Province,
    "agency": Agency,
}
#: The keys of a catalogue file, by codelist.
_KEYS: Final[Mapping[CodelistKind, str]] = {
    "pillar": "pillars",
    "indicator": "indicators",
    "province": "provinces",
    "agency": "agencies",
}

Entries = Iterable[BaseModel | Mapping[str, Any]]


def _raw(entry: BaseModel | Mapping[str, Any]) -> Mapping[str, Any]:
    return entry.model_dump() if isinstance(entry, BaseModel) else entry


class Catalogue:
    """Pillars, indicators, provinces (and the nation, ``viet-nam``) and agencies.

    Entries are models or their JSON-shaped dicts; each is validated with this catalogue as the
    one in use, so an indicator may name a pillar added with it. Ids are unique per codelist.
    A catalogue is immutable: :meth:`extend` makes a new one.
    """

    def __init__(
        self,
        *,
        pillars: Entries = (),
        indicators: Entries = (),
        provinces: Entries = (),
        agencies: Entries = (),
        name: str = "<catalogue>",
    ) -> None:
        given: dict[CodelistKind, list[BaseModel | Mapping[str, Any]]] = {
            "pillar": list(pillars),
            "indicator": list(indicators),
            "province": list(provinces),
            "agency": list(agencies),
        }
        self.name = name
        """Where the catalogue came from (a file name, ``bundled``), for messages."""
        for kind, entries in given.items():
            for entry in entries:
                if not isinstance(entry, BaseModel | Mapping):
                    raise DataError(name, f"a {kind} entry must be a mapping, not {entry!r:.40}")
        raw: dict[CodelistKind, list[Mapping[str, Any]]] = {
            kind: [_raw(e) for e in entries] for kind, entries in given.items()
        }
        try:
            self._codes = CodeTable(raw)
        except (KeyError, TypeError) as error:
            raise DataError(
                name,
                f"every entry needs an id (and an indicator its unit, kind and "
                f"direction): missing {error}",
            ) from None
        for kind, plain in raw.items():
            counts = Counter(str(e.get("id")) for e in plain)
            repeated = sorted(i for i, n in counts.items() if n > 1)
            if repeated:
                raise DataError(name, f"{kind} ids must be unique; repeated: {', '.join(repeated)}")
        self._entries: dict[CodelistKind, dict[str, Any]] = {}
        for kind, entries in given.items():
            models = self._validate(kind, entries)
            self._entries[kind] = {m.id: m for m in models}
        self._lists = {kind: tuple(entries.values()) for kind, entries in self._entries.items()}
        self._search_cache: dict[CodelistKind, list[Entry[Any]]] = {}
        self._check_links()

    def _validate(self, kind: CodelistKind, entries: list[Any]) -> list[Any]:
        model = _MODELS[kind]
        adapter: TypeAdapter[list[Any]] = TypeAdapter(list[model])  # type: ignore[valid-type]
        plain = [e.model_dump() if isinstance(e, BaseModel) else e for e in entries]
        try:
            return adapter.validate_python(plain, context={CONTEXT_KEY: self})
        except ValidationError as error:
            raise DataError(
                self.name, f"{_KEYS[kind]}: {describe_errors(error, self.suggest)}"
            ) from None

    def _check_links(self) -> None:
        problems = []
        provinces = self._entries["province"]
        for province in provinces.values():
            if province.successor is not None:
                successor = provinces[province.successor]
                if not any(province.id in m.provinces for m in successor.mergers):
                    problems.append(
                        f"province {province.id}: successor {successor.id} does not list the merger"
                    )
        if problems:
            raise DataError(self.name, "; ".join(problems))

    # Construction -------------------------------------------------------------------------

    @classmethod
    @functools.cache
    def bundled(cls) -> Catalogue:
        """The catalogue shipped with sodoan (read and validated once, then cached)."""
        return cls(
            **{_KEYS[kind]: read_json(name) for kind, name in CODELIST_FILES.items()},
            name="bundled catalogue",
        )

    @classmethod
    def from_dict(cls, document: Mapping[str, Any], *, name: str = "<catalogue>") -> Catalogue:
        """A catalogue from a catalogue document (the JSON form of :meth:`read`)."""
        if not isinstance(document, Mapping):
            raise DataError(name, "a catalogue file holds a JSON object")
        unknown = sorted(set(document) - {"extends", *_KEYS.values()})
        if unknown:
            raise DataError(
                name,
                f"unknown keys {', '.join(unknown)}; expected extends, "
                + ", ".join(_KEYS.values()),
            )
        extends = document.get("extends", "bundled")
        if extends not in ("bundled", None):
            raise DataError(name, f'extends must be "bundled" or null, not {extends!r:.40}')
        lists: dict[str, list[Any]] = {}
        for key in _KEYS.values():
            value = document.get(key, [])
            if not isinstance(value, list):
                raise DataError(name, f"{key} must be a list")
            lists[key] = value
        if extends is None:
            return cls(**lists, name=name)
        return cls.bundled().extend(**lists, name=name)

    @classmethod
    def read(cls, path: str | os.PathLike[str]) -> Catalogue:
        """A catalogue from a JSON file.

        The file is an object with any of the lists ``pillars``, ``indicators``, ``provinces``
        and ``agencies`` (entries as in the bundled codelist files and their schemas), and
        ``"extends": "bundled"`` (the default: the entries are added to the bundled catalogue)
        or ``"extends": null`` (the file is the whole catalogue).
        """
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise DataError(str(file), f"cannot read: {error}") from None
        from sodoan._json import JsonProblem, loads

        try:
            document = loads(text)
        except JsonProblem as problem:
            raise DataError(str(file), problem.message) from None
        return cls.from_dict(document, name=str(file))

    def extend(
        self,
        *,
        pillars: Entries = (),
        indicators: Entries = (),
        provinces: Entries = (),
        agencies: Entries = (),
        name: str | None = None,
    ) -> Catalogue:
        """A new catalogue: this one plus the entries given (an id already here is an error)."""
        added: dict[CodelistKind, Entries] = {
            "pillar": pillars,
            "indicator": indicators,
            "province": provinces,
            "agency": agencies,
        }
        lists: dict[str, list[Any]] = {}
        for kind, entries in added.items():
            new = list(entries)
            clash = sorted(
                str(_raw(e).get("id")) for e in new if _raw(e).get("id") in self._entries[kind]
            )
            if clash:
                raise DataError(
                    name or self.name, f"{kind} ids already in the catalogue: {', '.join(clash)}"
                )
            lists[_KEYS[kind]] = [*self._entries[kind].values(), *new]
        return Catalogue(**lists, name=name or self.name)

    # Codes (what validation asks) ---------------------------------------------------------

    def ids(self, kind: CodelistKind) -> frozenset[str]:
        """The ids of the ``kind`` codelist."""
        return self._codes.ids(kind)

    def facts(self, indicator: str) -> IndicatorFacts:
        """Unit, kind and direction of ``indicator`` (KeyError if unknown)."""
        return self._codes.facts(indicator)

    def is_nation(self, province: str) -> bool:
        """Whether ``province`` is the nation as a whole (``viet-nam``)."""
        return self._codes.is_nation(province)

    def ended(self, province: str) -> tuple[dt.date, str | None] | None:
        """(last day, successor) of a province that no longer exists; None if it does."""
        return self._codes.ended(province)

    def suggest(self, kind: str, value: object, n: int = 3) -> list[str]:
        """Ids of the ``kind`` codelist closest to ``value`` (for "did you mean")."""
        if kind not in _KEYS:
            return []
        return suggest_ids(self.ids(kind), value, n)  # type: ignore[arg-type]

    # Entries ------------------------------------------------------------------------------

    @property
    def pillars(self) -> tuple[Pillar, ...]:
        """Pillars and foundations."""
        result: tuple[Pillar, ...] = self._lists["pillar"]
        return result

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Indicators."""
        result: tuple[Indicator, ...] = self._lists["indicator"]
        return result

    @property
    def provinces(self) -> tuple[Province, ...]:
        """Provinces and centrally-run cities (the 63 and the 34), and the nation."""
        result: tuple[Province, ...] = self._lists["province"]
        return result

    @property
    def agencies(self) -> tuple[Agency, ...]:
        """Agencies."""
        result: tuple[Agency, ...] = self._lists["agency"]
        return result

    # Finding entries ------------------------------------------------------------------------

    def _search_entries(self, kind: CodelistKind) -> list[Entry[Any]]:
        cached = self._search_cache.get(kind)
        if cached is None:
            cached = [
                Entry(m, m.id, (m.name.vi, m.name.en), tuple(getattr(m, "aliases", ())))
                for m in self._lists[kind]
            ]
            self._search_cache[kind] = cached
        return cached

    def find(self, kind: CodelistKind, query: str) -> list[Any]:
        """Entries of the ``kind`` codelist matching ``query``, best first: the id, a name in
        Vietnamese or English with or without diacritics, the start of an id or name, words
        of a name or alias, or a near spelling (see :mod:`sodoan._search`). An empty query
        gives every entry."""
        if kind not in _KEYS:
            raise ValueError(f"kind must be one of {', '.join(_KEYS)}; not {kind!r:.40}")
        return rank(self._search_entries(kind), str(query))

    def find_indicators(self, query: str = "") -> list[Indicator]:
        """Indicators matching ``query``, best first: ``find_indicators("dti")`` gives
        ``dti-rank``, ``dti-score``, ...; ``find_indicators("kinh tế số")`` the digital-economy
        indicators (see :meth:`find`)."""
        return self.find("indicator", query)

    def find_provinces(self, query: str = "") -> list[Province]:
        """Provinces (and the nation) matching ``query``, best first: ``"Tra Vinh"``,
        ``"tuyên quang"``, ``"vinh"`` (see :meth:`find`)."""
        return self.find("province", query)

    def _get(self, kind: CodelistKind, id: str) -> Any:
        try:
            return self._entries[kind][id]
        except (KeyError, TypeError):
            pass
        text = str(id)
        entries = self._search_entries(kind)
        found = named(entries, text, key=lambda m: m.id)
        if len(found) == 1:
            return found[0]
        close = [m.id for m in found] or [m.id for m in rank(entries, text)[:5]]
        if not close:
            close = difflib.get_close_matches(text, list(self._entries[kind]), 3, 0.75)
        raise UnknownIdError(kind, text, close) from None

    def indicator(self, id: str) -> Indicator:
        """The indicator ``id``, or the one named so (in Vietnamese or English, with or without
        diacritics); :class:`~sodoan.UnknownIdError` with the closest ids if there is none."""
        result: Indicator = self._get("indicator", id)
        return result

    def province(self, id: str) -> Province:
        """The province (or nation) ``id``, or the one named so: ``"tuyen-quang"``,
        ``"Tuyên Quang"``, ``"tuyen quang"`` (:class:`~sodoan.UnknownIdError` with the closest
        ids if there is none)."""
        result: Province = self._get("province", id)
        return result

    def pillar(self, id: str) -> Pillar:
        """The pillar ``id``, or the one named so."""
        result: Pillar = self._get("pillar", id)
        return result

    def agency(self, id: str) -> Agency:
        """The agency ``id``, or the one named so."""
        result: Agency = self._get("agency", id)
        return result

    def to_dict(self) -> dict[str, Any]:
        """The catalogue as a catalogue document (``"extends": null``), JSON-ready."""
        document: dict[str, Any] = {"extends": None}
        for kind, key in _KEYS.items():
            document[key] = [
                m.model_dump(mode="json", exclude_defaults=True)
                for m in self._entries[kind].values()
            ]
        return document

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self._entries[k])} {_KEYS[k]}" for k in _KEYS)
        return f"<Catalogue {self.name}: {counts}>"
