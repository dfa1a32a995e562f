"""The base class of every sodoan model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Record"]


class Record(BaseModel):
    """A frozen pydantic model that forbids unknown fields.

    Every sodoan model round-trips exactly through JSON:
    ``type(m).model_validate_json(m.model_dump_json()) == m``.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        # Field docstrings become the descriptions in the JSON Schemas.
        use_attribute_docstrings=True,
        # A str is never silently stripped or case-folded: values are kept as written.
        str_strip_whitespace=False,
        # Only the (cheap) validation runs for bulk input; schemas are built on first use.
        defer_build=True,
    )
