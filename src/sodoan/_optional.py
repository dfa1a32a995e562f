"""Optional dependencies (pandas, pyarrow, polars, matplotlib): imported only when a feature
needs them."""

from __future__ import annotations

import importlib
from types import ModuleType

from sodoan.errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise MissingDependencyError naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(module.split(".")[0], extra) from None
