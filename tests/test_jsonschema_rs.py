"""The JSON Schemas checked by a third validator, jsonschema-rs (Rust), when it is installed."""

from __future__ import annotations

import pytest

from tests.rs.check import failures, validator

pytest.importorskip("jsonschema_rs", reason="jsonschema-rs is not installed (the dev extra)")


def test_schemas_compile_and_agree_on_data_and_corpus() -> None:
    """Every schema compiles in Rust; bundled data valid; every 'reject' case rejected."""
    failed, checks = failures()
    assert failed == []
    assert checks > 300


@pytest.mark.parametrize(
    "text",
    ["đạt 98,26%\u0085", "a\u009b31m", "x\u202ey", "y\u2066z", "e\u0302"],
    ids=["next-line", "csi", "rlo", "lri", "nfd"],
)
def test_text_rules_in_rust(text: str) -> None:
    """C1 controls, bidirectional overrides and decomposed diacritics are refused in Rust too, in
    a document title and in an actual's quote (valid with plain text)."""
    title = {
        "id": "d",
        "kind": "news-article",
        "province": "viet-nam",
        "province_basis": "named-in-text",
        "title": "tin",
    }
    assert validator("documents").is_valid([title])
    assert not validator("documents").is_valid([{**title, "title": text}])
    actual = {
        "id": "a",
        "indicator": "online-filing-rate",
        "province": "tuyen-quang",
        "period": 2024,
        "value": {"value": "98.26", "unit": "percent"},
        "source": {"document": "d", "clause": "c", "quote": "đạt 98,26%"},
    }
    assert validator("actual").is_valid(actual)
    assert not validator("actual").is_valid(
        {**actual, "source": {**actual["source"], "quote": text}}
    )
