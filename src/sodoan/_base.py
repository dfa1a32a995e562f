"""The base class of every sodoan model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError
from typing_extensions import Self

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

    @classmethod
    def model_validate_json(cls, json_data: str | bytes | bytearray, **options: Any) -> Self:
        """Validate a JSON document, read strictly (see :mod:`sodoan._json`).

        Unlike pydantic's own reader, a duplicate key, NaN or Infinity, or a JSON number that a
        double would change (``98.26000000000001``, ``1e-400``) is an error, raised as a
        ``ValidationError`` naming where it is.
        """
        from sodoan._json import JsonProblem, loads

        try:
            document = loads(json_data)
        except JsonProblem as problem:
            error = InitErrorDetails(
                type=PydanticCustomError(problem.type, problem.message),
                loc=problem.path,
                input=json_data if len(json_data) <= 80 else json_data[:80],
            )
            raise ValidationError.from_exception_data(cls.__name__, [error]) from None
        return cls.model_validate(document, **options)
