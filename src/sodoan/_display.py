"""How objects are shown: a registry of views, filled from above.

sodoan's lower layers never import the modules that draw them: a model's ``_repr_html_``, a
measure's ``format`` and a comparison's ``plot`` are thin methods that ask this registry for the
function registered for their kind of view and class. The views (:mod:`sodoan.views`) register
themselves when imported; the package (``sodoan/__init__.py``, the top of the house) gives this
registry the loader that imports them on first use, so a view is always found.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Final, Literal

__all__ = ["ViewKind", "register", "render", "set_loader"]

#: ``html`` (notebooks), ``text`` (a value written for a reader), ``plot`` (a chart).
ViewKind = Literal["html", "text", "plot"]

_views: Final[dict[tuple[str, type], Callable[..., Any]]] = {}
_loader: list[Callable[[], None]] = []
_lock: Final = threading.Lock()


def register(kind: ViewKind, cls: type) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: the function draws ``cls`` objects (and subclasses) as ``kind``."""

    def add(function: Callable[..., Any]) -> Callable[..., Any]:
        _views[(kind, cls)] = function
        return function

    return add


def set_loader(loader: Callable[[], None]) -> None:
    """Give the registry the function that imports (and so registers) every view."""
    _loader[:] = [loader]


def _find(kind: str, cls: type) -> Callable[..., Any] | None:
    for klass in cls.__mro__:
        view = _views.get((kind, klass))
        if view is not None:
            return view
    return None


def render(kind: ViewKind, obj: object, *args: Any, **options: Any) -> Any:
    """Draw ``obj`` with the ``kind`` view registered for its class."""
    view = _find(kind, type(obj))
    if view is None and _loader:
        with _lock:
            _loader[0]()
        view = _find(kind, type(obj))
    if view is None:
        raise TypeError(f"no {kind} view is registered for {type(obj).__name__}")
    return view(obj, *args, **options)
