"""Small valid documents the tests start from (a Tuyên Quang figure and target of 60/KH-UBND)."""

from __future__ import annotations

from typing import Any

SOURCE: dict[str, Any] = {"document": "doc", "clause": "Phần I", "quote": "đạt 98,26%"}

#: An actual: 98.26% of dossiers filed online in 2024.
ACTUAL: dict[str, Any] = {
    "id": "a",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "period": 2024,
    "value": {"value": "98.26", "unit": "percent"},
    "source": SOURCE,
}

#: A target: at least 80% by 2025.
TARGET: dict[str, Any] = {
    "id": "t",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "comparator": "ge",
    "value": {"value": "80", "unit": "percent"},
    "due": 2025,
    "source": SOURCE,
}
