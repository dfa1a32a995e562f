"""Documents with one field broken in a known way: what a validator must reject, and where."""

from __future__ import annotations

import copy
import typing
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from hypothesis import strategies as st
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sodoan.measure import Measure
from sodoan.model._refs import Codes, _Known
from sodoan.testing._documents import MODEL_OF, check_kind, models, to_json
from sodoan.testing._values import codes_of, slugs

if TYPE_CHECKING:
    from sodoan.catalogue import Catalogue

__all__ = ["BAD_DECIMALS", "BAD_UNITS", "FAULTS", "Broken", "broken_documents", "possible_faults"]

FAULTS: Final[Mapping[str, str]] = {
    "extra-field": 'an object of the document gains a key no model defines ("unexpected")',
    "missing-field": "a required field is removed",
    "wrong-type": "a field's value is replaced by [[]], a JSON value no field accepts",
    "bad-decimal": "a measure's value is a malformed decimal (see BAD_DECIMALS)",
    "unknown-unit": "a measure's unit is not a sodoan unit code (see BAD_UNITS)",
    "unknown-id": (
        "a reference to an indicator, province, pillar or agency is a well-formed id that the "
        "catalogue does not have"
    ),
}
"""The ways :func:`broken_documents` breaks a document, and what each does."""

BAD_DECIMALS: Final = (
    "98,26",
    "1.234,5",
    "1,234.5",
    "1e5",
    "NaN",
    "Infinity",
    "-0",
    "+5",
    " 5",
    "abc",
    "",
)
"""Decimal strings sodoan rejects (the ``bad-decimal`` fault): Vietnamese or grouped notation,
exponents, NaN and infinities, negative zero, signs and spaces a plain decimal does not have."""
BAD_UNITS: Final = ("percnt", "Percent", "%", "million", "triệu đồng", "đồng", "VND ", "")
"""Unit spellings that are not unit codes (the ``unknown-unit`` fault): a misspelling, another
case, a symbol, scale and currency words, a trailing space, nothing."""

_EXTRA_KEY: Final = "unexpected"
_WRONG_TYPE: Final[list[list[Any]]] = [[]]

FieldPath = tuple[str | int, ...]
"""Where a field is in a document: keys and list indexes, outermost first."""


@dataclass(frozen=True)
class Broken:
    """A document of ``kind`` with one fault: ``document`` is ``valid`` with the fault at
    ``path``.

    sodoan's models reject ``document`` with an error located at ``path`` (or inside it), and so
    does the published JSON Schema of ``kind``; ``valid`` passes both.
    """

    kind: str
    """The document kind (a schema name: ``actual``, ``plan``, ``indicators``, ...)."""
    fault: str
    """One of :data:`FAULTS`."""
    path: FieldPath
    """Where the fault is, as keys and list indexes; for ``extra-field`` the added key."""
    value: Any
    """The value put at ``path`` (``None`` for ``missing-field``)."""
    document: Any
    """The broken document, in JSON form."""
    valid: Any
    """The document before it was broken, in JSON form."""

    def __str__(self) -> str:
        where = ".".join(str(part) for part in self.path) or "(document)"
        return f"{self.kind}: {self.fault} at {where}"


def _reference_kind(field: FieldInfo) -> str | None:
    """The codelist a field refers to (``indicator``, ``province``, ...), if it is a reference
    or a list of references."""

    def search(annotation: Any) -> str | None:
        if typing.get_origin(annotation) is typing.Annotated:
            for meta in annotation.__metadata__:
                if isinstance(meta, _Known):
                    return meta.kind
        for argument in typing.get_args(annotation):
            found = search(argument)
            if found is not None:
                return found
        return None

    for meta in field.metadata:
        if isinstance(meta, _Known):
            return meta.kind
    return search(field.annotation)


def _slots(
    model: BaseModel, document: Any, path: FieldPath
) -> Iterator[tuple[str, FieldPath, str | None]]:
    """Every (fault, path, codelist) that can be applied to ``model``'s JSON ``document``."""
    yield "extra-field", path, None
    for name, field in type(model).model_fields.items():
        if not isinstance(document, dict) or name not in document:
            continue
        here = (*path, name)
        if field.is_required():
            yield "missing-field", here, None
        yield "wrong-type", here, None
        if isinstance(model, Measure):
            yield ("bad-decimal" if name == "value" else "unknown-unit"), here, None
        codelist = _reference_kind(field)
        if codelist is not None:
            item = document[name]
            if isinstance(item, str):
                yield "unknown-id", here, codelist
            elif isinstance(item, list):
                for index, element in enumerate(item):
                    if isinstance(element, str):
                        yield "unknown-id", (*here, index), codelist
        yield from _nested(getattr(model, name), document[name], here)


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """The model classes an annotation names (in unions, lists and ``Annotated``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def possible_faults(model: type[BaseModel]) -> frozenset[str]:
    """The faults a document of ``model`` can have, from its fields (recursively); whether a
    given document has room for one also depends on which optional fields it fills."""
    faults = {"extra-field", "wrong-type"}
    for field in model.model_fields.values():
        if field.is_required():
            faults.add("missing-field")
        if _reference_kind(field) is not None:
            faults.add("unknown-id")
        for inner in _models_in(field.annotation):
            if inner is not model:
                faults |= possible_faults(inner)
    if issubclass(model, Measure):
        faults |= {"bad-decimal", "unknown-unit"}
    return frozenset(faults)


def _nested(
    value: Any, document: Any, path: FieldPath
) -> Iterator[tuple[str, FieldPath, str | None]]:
    if isinstance(value, BaseModel):
        yield from _slots(value, document, path)
    elif isinstance(value, list | tuple) and isinstance(document, list):
        for index, (item, part) in enumerate(zip(value, document, strict=True)):
            if isinstance(item, BaseModel):
                yield from _slots(item, part, (*path, index))


def _at(document: Any, path: FieldPath) -> Any:
    node = document
    for part in path:
        node = node[part]
    return node


def _break(document: Any, fault: str, path: FieldPath, value: Any) -> tuple[Any, FieldPath]:
    broken = copy.deepcopy(document)
    if fault == "extra-field":
        _at(broken, path)[_EXTRA_KEY] = value
        return broken, (*path, _EXTRA_KEY)
    parent = _at(broken, path[:-1])
    if fault == "missing-field":
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return broken, path


def broken_documents(
    kind: str,
    catalogue: Catalogue | Codes | None = None,
    faults: Iterable[str] | None = None,
) -> st.SearchStrategy[Broken]:
    """Documents of ``kind`` (one of :data:`sodoan.testing.KINDS`) with one field broken in one
    of the ways of :data:`FAULTS` (all of them, or those in ``faults``), as :class:`Broken`
    records that say what was broken and where. References are checked against ``catalogue``
    (default: the bundled one)."""
    check_kind(kind)
    possible = possible_faults(MODEL_OF[kind])
    chosen = tuple(possible if faults is None else faults)
    if not chosen or any(fault not in FAULTS for fault in chosen):
        raise ValueError(f"faults must be some of {', '.join(FAULTS)}; got {chosen!r}")
    if not set(chosen) & possible:
        raise ValueError(
            f"a {kind} document cannot have the faults {', '.join(chosen)}; it can have "
            f"{', '.join(f for f in FAULTS if f in possible)}"
        )
    codes = codes_of(catalogue)
    strategy = models(kind, catalogue)

    @st.composite
    def build(draw: st.DrawFn) -> Broken:
        drawn = draw(strategy)
        valid = to_json(drawn)
        if isinstance(drawn, list):
            slots = [
                slot
                for index, item in enumerate(drawn)
                for slot in _slots(item, valid[index], (index,))
            ]
        else:
            slots = list(_slots(drawn, valid, ()))
        available = sorted({fault for fault, _, _ in slots} & set(chosen))
        if not available:
            draw(st.nothing())  # this document has no place for the faults asked for
        fault = draw(st.sampled_from(available))
        path, codelist = draw(st.sampled_from([(p, c) for f, p, c in slots if f == fault]))
        value: Any
        if fault == "extra-field":
            value = True
        elif fault == "missing-field":
            value = None
        elif fault == "wrong-type":
            value = copy.deepcopy(_WRONG_TYPE)
        elif fault == "bad-decimal":
            value = draw(st.sampled_from(BAD_DECIMALS))
        elif fault == "unknown-unit":
            value = draw(st.sampled_from(BAD_UNITS))
        else:
            known = codes.ids(codelist)  # type: ignore[arg-type]
            value = draw(slugs().filter(lambda slug: slug not in known))
        document, where = _break(valid, fault, path, value)
        return Broken(kind, fault, where, value, document, valid)

    return build()
