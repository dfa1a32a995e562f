"""Optional dependencies (pandas, matplotlib): imported only when a feature needs them."""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

from sodoan.errors import MissingDependencyError

__all__ = ["frame", "require"]


def require(module: str, extra: str) -> ModuleType:
    """Import ``module``, or raise MissingDependencyError naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingDependencyError(module.split(".")[0], extra) from None


#: Columns holding periods (a year as an int, or a string such as "2025-Q2"), in any frame.
PERIOD_COLUMNS = frozenset({"due", "period", "change_from", "actual_period"})


def frame(records: Sequence[Mapping[str, Any]]) -> Any:
    """A pandas DataFrame of ``records`` in which period columns keep whole years.

    pandas would turn a column of years with gaps into floats (2024.0, NaN); here such a column
    is ``Int64`` (whole numbers, ``<NA>`` for gaps) and a column mixing years and other periods
    stays ``object``. Decimals stay ``Decimal`` (``object``).
    """
    pandas = require("pandas", "pandas")
    result = pandas.DataFrame.from_records(list(records))
    for name in PERIOD_COLUMNS & set(result.columns):
        values = [record.get(name) for record in records]
        if all(v is None or (isinstance(v, int) and not isinstance(v, bool)) for v in values):
            result[name] = pandas.array(values, dtype="Int64")
        else:
            result[name] = pandas.Series(values, dtype=object, index=result.index)
    return result
