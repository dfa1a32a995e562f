"""The keys of the validation context sodoan's models read (``model_validate(..., context=)``).

* ``catalogue``: the :class:`sodoan.Catalogue` whose ids and indicators documents are checked
  against (default: the bundled one).
* ``json_text``: set by sodoan's bulk readers when pydantic-core parses a raw JSON line itself.
  A JSON number with a fraction has then already been read as a double, which may differ from
  its text (``98.26000000000001`` reads as ``98.26``); the validators reject such a float with
  the error type ``json_float``, and the reader validates the line again on the exact path
  (:func:`sodoan._json.loads`), which checks the number's text. People never see this error.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from pydantic_core import PydanticCustomError

if TYPE_CHECKING:
    from pydantic import ValidationInfo

__all__ = ["CATALOGUE", "JSON_TEXT", "reject_json_float"]

CATALOGUE: Final = "catalogue"
JSON_TEXT: Final = "json_text"


def reject_json_float(value: Any, info: ValidationInfo | None) -> None:
    """Raise ``json_float`` for a float read by pydantic-core from raw JSON text."""
    if isinstance(value, float) and info is not None:
        context = info.context
        if isinstance(context, dict) and context.get(JSON_TEXT):
            raise PydanticCustomError("json_float", "a JSON number with a fraction")
