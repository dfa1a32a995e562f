"""Hostile input: the parsers return nothing rather than a wrong value, in linear time."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import ClassVar

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from sodoan.numbers import format_number
from sodoan.parsing import parse_actual, parse_target

#: Positive decimals as the documents write them (vi: "98,26", "1.899").
_values = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999"), places=2).map(
    lambda d: d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize()
)


def _vi(value: Decimal) -> str:
    return format_number(value, "vi")


def _values_read(text: str) -> list[tuple[str, str, str | None]]:
    """(value, unit, upper) of everything either parser returns."""
    read = [
        (str(t.value.value), t.value.unit, str(t.upper.value) if t.upper else None)
        for t in parse_target(text)
    ]
    read += [(str(a.value.value), a.value.unit, None) for a in parse_actual(text)]
    return read


class TestNegativeNumbers:
    """A sign before a number is never dropped: the figure is not returned."""

    @given(
        _values,
        st.sampled_from(["-", "−", "‐", "‒", "–", "—"]),
        st.sampled_from(
            ["{}%", "giảm {}%", "đạt {}%", "{}% hồ sơ", "tăng trưởng {}%/năm", "{} tỷ đồng"]
        ),
    )
    @example(Decimal("5"), "-", "giảm {}%")
    @example(Decimal("3.5"), "−", "{}%")
    def test_signed_number_is_not_read(self, value: Decimal, sign: str, template: str) -> None:
        """'giảm -5%', '−3,5%': nothing is returned (never 5 or 3.5)."""
        text = template.format(sign + _vi(value))
        assert parse_target(text) == []
        assert parse_actual(text) == []

    def test_dash_as_a_bullet_is_not_a_sign(self) -> None:
        """'- 100% hồ sơ' (a list dash and a space) is read."""
        assert _values_read("- 100% hồ sơ") == [("100", "percent", None)] * 2

    def test_hyphen_after_a_word_is_glued(self) -> None:
        """'48-NQ' and 'x-5%' are not figures either."""
        assert _values_read("Nghị quyết 48-NQ/TU") == []
        assert _values_read("mã x-5%") == []


class TestDashRanges:
    """Ranges written with any dash or the minus sign keep their lower bound."""

    @given(
        st.integers(min_value=0, max_value=998),
        st.integers(min_value=1, max_value=999),
        st.sampled_from(["-", "‐", "‑", "‒", "–", "—", "―", "−"]),
        st.sampled_from(["", " "]),
    )
    @example(2, 1, "–", "")
    @example(2, 1, "—", "")
    @example(2, 1, "−", "")
    def test_between(self, lower: int, step: int, dash: str, space: str) -> None:
        """'2–3%', '2—3%', '2−3%': a between target from 2 to 3 percent."""
        upper = lower + step
        text = f"đạt {lower}{space}{dash}{space}{upper}%"
        targets = parse_target(text)
        assert [(t.comparator, t.value, t.upper) for t in targets] == [
            ("between", targets[0].value, targets[0].upper)
        ]
        assert (targets[0].value.value, targets[0].value.unit) == (lower, "percent")
        assert targets[0].upper is not None
        assert (targets[0].upper.value, targets[0].upper.unit) == (upper, "percent")
        assert parse_actual(text) == []  # a reported range is not one figure


class TestMoneyRanges:
    """A money range over two scales keeps both bounds, each with its own scale."""

    SCALES: ClassVar[dict[str, str]] = {
        "nghìn": "thousand",
        "triệu": "million",
        "tỷ": "billion",
        "nghìn tỷ": "thousand_billion",
    }
    FACTOR: ClassVar[dict[str, int]] = {
        "thousand": 3,
        "million": 6,
        "billion": 9,
        "thousand_billion": 12,
    }

    @given(
        st.integers(min_value=1, max_value=999),
        st.integers(min_value=1, max_value=999),
        st.sampled_from(list(itertools.combinations(["nghìn", "triệu", "tỷ", "nghìn tỷ"], 2))),
        st.sampled_from(["từ {} đến {}", "{} - {}", "{} – {}", "từ {} tới {}"]),
        st.booleans(),
    )
    @example(500, 1, ("triệu", "tỷ"), "từ {} đến {}", False)
    def test_two_scales(
        self,
        low: int,
        high: int,
        scales: tuple[str, str],
        template: str,
        currency_twice: bool,
    ) -> None:
        """'từ 500 triệu đến 1 tỷ đồng' is between 500 million_VND and 1 billion_VND."""
        small, large = (self.SCALES[s] for s in scales)
        lower = f"{low} {scales[0]}" + (" đồng" if currency_twice else "")
        text = "Kinh phí " + template.format(lower, f"{high} {scales[1]} đồng")
        targets = parse_target(text)
        lower_vnd = low * 10 ** self.FACTOR[small]
        upper_vnd = high * 10 ** self.FACTOR[large]
        if lower_vnd >= upper_vnd:
            assert all(t.comparator != "between" for t in targets)  # not a range
            return
        assert [(t.comparator, str(t.value), str(t.upper)) for t in targets] == [
            ("between", f"{low} {small}_VND", f"{high} {large}_VND")
        ]

    def test_example(self) -> None:
        """The documented case, exactly."""
        [target] = parse_target("từ 500 triệu đến 1 tỷ đồng")
        assert (target.comparator, str(target.value), str(target.upper)) == (
            "between",
            "500 million_VND",
            "1 billion_VND",
        )
        assert target.text == "từ 500 triệu đến 1 tỷ đồng"

    def test_other_units_do_not_mix(self) -> None:
        """'5% - 7 tỷ đồng' is no range: percent and money do not mix."""
        assert all(t.upper is None for t in parse_target("đạt 5% - 7 tỷ đồng"))


class TestInvisibleCharacters:
    """An invisible character in a number never changes its value: the number is not read."""

    INVISIBLE: ClassVar[list[str]] = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]

    @given(
        _values.filter(lambda v: len(format_number(v, "vi")) > 1),
        st.sampled_from(INVISIBLE),
        st.data(),
        st.sampled_from(["đạt {}%", "{} doanh nghiệp", "khoảng {} tỷ đồng", "xếp thứ {}"]),
    )
    @example(Decimal("98"), "\u00ad", None, "đạt {}%")
    def test_not_read(
        self, value: Decimal, char: str, data: st.DataObject | None, template: str
    ) -> None:
        """'9\\u00ad8%', '98,\\u200b26%': nothing is returned (never 8% or 26%)."""
        written = _vi(value)
        at = 1 if data is None else data.draw(st.integers(1, len(written) - 1))
        text = template.format(written[:at] + char + written[at:])
        assert parse_target(text) == []
        assert parse_actual(text) == []

    @pytest.mark.parametrize("char", INVISIBLE)
    def test_outside_a_number_changes_nothing(self, char: str) -> None:
        """An invisible character elsewhere in the sentence does not stop the reading."""
        assert _values_read(f"đạt{char} 98,26%") == [("98.26", "percent", None)] * 2


class TestThousandBillion:
    """nghìn tỷ đồng (10^12 đồng) is read, in both spellings."""

    @given(
        _values, st.sampled_from(["nghìn tỷ đồng", "ngàn tỷ đồng", "nghìn tỉ đồng", "ngàn tỷ VNĐ"])
    )
    def test_read(self, value: Decimal, unit: str) -> None:
        """'đạt 5 nghìn tỷ đồng' is 5 thousand_billion_VND."""
        text = f"đạt {_vi(value)} {unit}"
        assert _values_read(text) == [(str(value), "thousand_billion_VND", None)] * 2


class TestCuesOfTheFigureBefore:
    """A figure's cue words never reach into the figure before it."""

    def test_known_failure(self) -> None:
        """'98,26% trở lên 13/17': 'lên' belongs to the first figure's 'trở lên'."""
        actuals = parse_actual("98,26% trở lên 13/17")
        assert [(a.text, a.qualifier) for a in actuals] == [
            ("98,26% trở lên", "at_least"),
            ("13/17", "exact"),
        ]

    @given(
        _values,
        st.sampled_from(["%", " doanh nghiệp", " tỷ đồng"]),
        st.sampled_from(["lên", "xuống"]),
    )
    def test_spans_do_not_overlap(self, value: Decimal, unit: str, post: str) -> None:
        """Every 'N trở lên M' gives spans in order that do not overlap."""
        text = f"{_vi(value)}{unit} trở {post} 13/17"
        for results in (parse_target(text), parse_actual(text)):
            spans = [(r.start, r.end) for r in results]
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# -- linear work -------------------------------------------------------------------------------

#: Inputs that once made a pattern or a loop do quadratic work, as a unit to repeat.
ADVERSARIAL = {
    "spaces": " ",
    "tabs": "\t",
    "newlines": "\n",
    "digits and spaces": "1 ",
    "signed numbers": "-1 ",
    "percent figures": "1% ",
    "dated figures in one sentence": "(năm 2025) 1% ",
    "document dates in one sentence": "1/1/2020 1% ",
    "counts after mỗi năm": "mỗi năm 1 doanh nghiệp ",
    "quoted years": '"năm 2025 ',
    "level words after a figure": "1%   cấp tỉnh ",
    "invisible characters": "9\u200b8,\u00ad26% ",
}


# Speed (at most 50 ms for any 10 KB input, linear in the length) is measured by
# benchmarks/bench_parse.py, which prints milliseconds per 10 KB for each adversarial input;
# tests assert behaviour, never timings.
