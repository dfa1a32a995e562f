"""The typed model: round trips, and the rules each model enforces."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

import sodoan
from sodoan import Actual, Plan, Target
from sodoan.model import Indicator
from tests.strategies import MODEL_STRATEGIES

SOURCE = {
    "document": "tuyen-quang-60-kh-ubnd-2025-text",
    "clause": "Phần II, mục 2.1",
    "quote": "80% hồ sơ thủ tục hành chính được xử lý trực tuyến",
    "file": "003_3af9811e5cc25df9.txt",
}
TARGET: dict[str, Any] = {
    "id": "tq-online-filing-2025",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "comparator": "ge",
    "value": {"value": "80", "unit": "percent"},
    "due": 2025,
    "source": SOURCE,
}
ACTUAL: dict[str, Any] = {
    "id": "tq-online-filing-2024",
    "indicator": "online-filing-rate",
    "province": "tuyen-quang",
    "period": 2024,
    "value": {"value": "98.26", "unit": "percent"},
    "source": SOURCE,
}
PLAN: dict[str, Any] = {
    "id": "tq-60",
    "kind": "plan",
    "number": "60/KH-UBND",
    "title": {"vi": "Kế hoạch chuyển đổi số năm 2025"},
    "province": "tuyen-quang",
    "province_basis": "named-in-text",
    "issued": "2025-03-26",
    "documents": ["tuyen-quang-60-kh-ubnd-2025-text"],
    "targets": [TARGET],
    "actuals": [ACTUAL],
}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    data.update(changes)
    return data


def errors(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return [(e["loc"], e["type"]) for e in caught.value.errors()]


@pytest.mark.parametrize("model", list(MODEL_STRATEGIES), ids=lambda m: m.__name__)
@given(data=st.data())
def test_json_round_trip(model: type[BaseModel], data: st.DataObject) -> None:
    """Every model round-trips exactly: model_validate_json(m.model_dump_json()) == m, same digits."""
    instance = data.draw(MODEL_STRATEGIES[model])
    dumped = instance.model_dump_json()
    again = model.model_validate_json(dumped)
    assert again == instance
    assert again.model_dump_json() == dumped


@pytest.mark.parametrize("model", list(MODEL_STRATEGIES), ids=lambda m: m.__name__)
@given(data=st.data())
def test_python_round_trip(model: type[BaseModel], data: st.DataObject) -> None:
    """model_validate(m.model_dump(mode='json')) == m: dicts from json.loads validate the same."""
    instance = data.draw(MODEL_STRATEGIES[model])
    assert model.model_validate(instance.model_dump(mode="json")) == instance


class TestTarget:
    """Target rules."""

    def test_valid(self) -> None:
        """The reference target validates."""
        target = Target.model_validate(TARGET)
        assert target.due is not None
        assert target.due.year == 2025

    def test_between_needs_upper(self) -> None:
        """A between target without an upper bound fails on upper."""
        assert errors(Target, with_(TARGET, comparator="between")) == [
            (("upper",), "upper_required")
        ]

    def test_upper_only_for_between(self) -> None:
        """Only between targets have an upper bound."""
        data = with_(TARGET, upper={"value": "90", "unit": "percent"})
        assert errors(Target, data) == [(("upper",), "upper_not_allowed")]

    def test_reversed_range(self) -> None:
        """A range whose lower bound exceeds its upper bound is rejected."""
        data = with_(TARGET, comparator="between", upper={"value": "70", "unit": "percent"})
        assert errors(Target, data) == [(("upper",), "range_reversed")]

    def test_range_across_scales(self) -> None:
        """Range bounds compare across scales (2.5 billion <= 3000 million)."""
        data = with_(
            TARGET,
            indicator="procedure-count",
            comparator="between",
            value={"value": "2", "unit": "count"},
            upper={"value": "3", "unit": "count"},
        )
        assert Target.model_validate(data).upper is not None

    def test_unit_must_fit_indicator(self) -> None:
        """Percent is required for online-filing-rate; VND is rejected on value."""
        data = with_(TARGET, value={"value": "80", "unit": "million_VND"})
        assert errors(Target, data) == [(("value",), "unit_not_allowed_for_indicator")]

    def test_currency_must_be_the_indicators(self) -> None:
        """A VND indicator takes any scale of đồng, never US dollars."""
        data = with_(TARGET, indicator="dx-spending", value={"value": "5", "unit": "billion_VND"})
        assert Target.model_validate(data).value.unit == "billion_VND"
        data = with_(TARGET, indicator="dx-spending", value={"value": "5", "unit": "million_USD"})
        assert errors(Target, data) == [(("value",), "unit_not_allowed_for_indicator")]

    def test_negative_share_rejected(self) -> None:
        """A share cannot be negative."""
        data = with_(TARGET, value={"value": "-1", "unit": "percent"})
        assert errors(Target, data) == [(("value",), "value_not_allowed_for_indicator")]

    def test_negative_growth_allowed(self) -> None:
        """A growth rate may be negative."""
        data = with_(
            TARGET,
            indicator="labour-productivity-growth",
            value={"value": "-1.5", "unit": "percent_per_year"},
        )
        assert Target.model_validate(data).value.unit == "percent_per_year"

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("indicator", "online-filing"),
            ("province", "tuyen-qang"),
            ("comparator", "gte"),
            ("level", "ward"),
        ],
    )
    def test_unknown_codes(self, field: str, value: str) -> None:
        """Unknown ids and codes are rejected on their field."""
        assert [loc for loc, _ in errors(Target, with_(TARGET, **{field: value}))] == [(field,)]

    def test_unknown_id_error(self) -> None:
        """An unknown id is a stable unknown_id error naming the codelist; reports suggest ids."""
        from sodoan._messages import error_message

        with pytest.raises(ValidationError) as caught:
            Target.model_validate(with_(TARGET, indicator="online-filing-rat"))
        (error,) = caught.value.errors()
        assert (error["type"], error["ctx"]) == ("unknown_id", {"kind": "indicator"})
        assert error_message(error, sodoan.Catalogue.bundled().suggest).endswith(
            "'online-filing-rat'; did you mean 'online-filing-rate'?"
        )

    @pytest.mark.parametrize(
        "bad", ["Tuyên", "tuyen_quang", "Tuyen-Quang", "tuyen--quang", "tuyеn-quang"]
    )
    def test_ids_are_ascii_kebab(self, bad: str) -> None:
        """Ids are lowercase ASCII kebab-case (the last one has a Cyrillic 'е')."""
        assert errors(Target, with_(TARGET, id=bad)) == [(("id",), "string_pattern_mismatch")]

    def test_nfd_text_rejected(self) -> None:
        """Decomposed (NFD) Vietnamese text is rejected, not silently normalised."""
        import unicodedata

        source = with_(SOURCE, quote=unicodedata.normalize("NFD", SOURCE["quote"]))
        assert errors(Target, with_(TARGET, source=source)) == [
            (("source", "quote"), "string_pattern_mismatch")
        ]

    def test_lax_coercions_refused(self) -> None:
        """A year given as a string is not silently converted."""
        assert errors(Target, with_(TARGET, due="2025x")) == [(("due",), "period")]


class TestActual:
    """Actual rules."""

    def test_change_in_difference_units(self) -> None:
        """A change may be in percentage points and negative."""
        data = with_(ACTUAL, change_from=2023, value={"value": "-0.11", "unit": "percentage_point"})
        assert Actual.model_validate(data).is_change

    def test_level_in_difference_units_rejected(self) -> None:
        """A level is never in percentage points."""
        data = with_(ACTUAL, value={"value": "1", "unit": "percentage_point"})
        assert errors(Actual, data) == [(("value",), "unit_not_allowed_for_indicator")]

    def test_change_from_must_be_earlier(self) -> None:
        """A change is measured from an earlier period."""
        assert errors(Actual, with_(ACTUAL, change_from=2024)) == [
            (("change_from",), "change_from_not_before_period")
        ]

    def test_rank_change_in_places(self) -> None:
        """A DTI rank change is counted in places."""
        data = with_(
            ACTUAL,
            indicator="dti-rank",
            change_from=2021,
            period=2022,
            value={"value": "10", "unit": "place"},
        )
        assert Actual.model_validate(data).value.unit == "place"

    def test_qualifier_codes(self) -> None:
        """Only known qualifiers are accepted."""
        assert errors(Actual, with_(ACTUAL, qualifier="about")) == [
            (("qualifier",), "literal_error")
        ]


class TestPlan:
    """Plan-level rules that need more than one field."""

    def test_valid(self) -> None:
        """The reference plan validates."""
        assert Plan.model_validate(PLAN).number == "60/KH-UBND"

    def test_due_before_issue(self) -> None:
        """A target due before the plan was issued is rejected."""
        data = with_(PLAN, targets=[with_(TARGET, due=2024)])
        assert errors(Plan, data) == [((), "due_before_issued")]

    def test_province_mismatch(self) -> None:
        """Targets are for the plan's province."""
        data = with_(PLAN, targets=[with_(TARGET, province="tra-vinh")])
        assert errors(Plan, data) == [((), "province_mismatch")]

    def test_duplicate_ids(self) -> None:
        """Target ids are unique within a plan."""
        data = with_(PLAN, targets=[TARGET, TARGET])
        assert errors(Plan, data) == [((), "duplicate_id")]

    def test_needs_a_document(self) -> None:
        """Every plan names the documents it was read from."""
        assert errors(Plan, with_(PLAN, documents=[])) == [(("documents",), "too_short")]

    def test_budget_must_be_money(self) -> None:
        """Budget amounts are in a currency unit."""
        line = {
            "funding": "other",
            "label": "Nguồn khác",
            "amount": {"value": "1", "unit": "percent"},
            "source": SOURCE,
        }
        budget = {
            "id": "b",
            "period": 2024,
            "purpose": "Chuyển đổi số",
            "lines": [line],
            "source": SOURCE,
        }
        assert errors(Plan, with_(PLAN, budgets=[budget])) == [
            (("budgets", 0, "lines", 0, "amount"), "money_unit_required")
        ]


class TestIndicator:
    """Indicator rules."""

    def test_unit_must_match_kind(self) -> None:
        """A ratio indicator cannot be measured in VND."""
        data = {
            "id": "x",
            "name": {"vi": "x", "en": "x"},
            "pillar": "digital-economy",
            "unit": "VND",
            "kind": "ratio",
            "direction": "higher_is_better",
            "definition": {"vi": "x", "en": "x"},
        }
        assert errors(Indicator, data) == [((), "unit_kind_mismatch")]

    def test_repr_is_short(self) -> None:
        """Codelist entries repr as their id."""
        from sodoan.model._refs import bundled_codes

        assert bundled_codes().facts("dti-rank").direction == "lower_is_better"
