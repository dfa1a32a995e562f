"""Imported by the fork server that starts the worker processes of :mod:`sodoan.bulk` (see
:func:`sodoan._parallel.ordered`): the validators of ``Actual`` and its acceptor for the bundled
catalogue are built here once, before any worker is forked, so that the workers share them
(their pages are copied only when written) instead of each building its own."""

from __future__ import annotations

import sodoan.bulk  # noqa: F401 - the workers' functions
from sodoan._lines import LineValidator

__all__: list[str] = []

LineValidator("actual", accept=True).build()
