"""JSON Lines framing: every line is numbered exactly, whatever the line lengths and chunks."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from sodoan.bulk import batches


def _reference(data: bytes, limit: int) -> list[tuple[int, bytes | None]]:
    """(number, line or None if longer than limit) of every line, the simple way."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the newline ends the last line; nothing follows it
    return [(number, line if len(line) <= limit else None) for number, line in enumerate(lines, 1)]


def _framed(data: bytes, limit: int, chunk: int) -> list[tuple[int, bytes | None]]:
    return [
        (number, line)
        for first, lines in batches(io.BytesIO(data), limit, chunk)
        for number, line in enumerate(lines, first)
    ]


_lines = st.lists(
    st.one_of(
        st.binary(max_size=12).map(lambda b: b.replace(b"\n", b"x")),
        st.integers(13, 60).map(lambda n: b"L" * n),  # over the limits drawn below
    ),
    max_size=12,
)


class TestFraming:
    """batches() gives each line once, with its number; an over-long line is None, skipped."""

    @given(
        _lines,
        st.booleans(),
        st.integers(1, 12),
        st.integers(1, 40),
    )
    def test_every_line_numbered_exactly(
        self, lines: list[bytes], final_newline: bool, limit: int, chunk: int
    ) -> None:
        """Any number of over-long lines, anywhere (the last included), any chunk size: the
        lines and their numbers are those of a plain split."""
        data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
        assert _framed(data, limit, chunk) == _reference(data, limit)

    def test_long_line_near_the_end(self) -> None:
        """A line over the limit near the end does not swallow the lines after it."""
        data = b"a\n" + b"L" * 50 + b"\nb\nc\nd"
        assert _framed(data, 10, 16) == [(1, b"a"), (2, None), (3, b"b"), (4, b"c"), (5, b"d")]

    def test_memory_holds_at_most_one_long_line_start(self) -> None:
        """Past the limit, a line is not kept: what the framer holds stays near the limit."""
        data = b"L" * 10_000 + b"\nok\n"
        assert _framed(data, 100, 64) == [(1, None), (2, b"ok")]
