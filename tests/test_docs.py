"""The examples in README.md and docs/ run and print what the pages say."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PAGES = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").rglob("*.md"))]


def test_api_reference_names_every_public_name() -> None:
    """Every name of sodoan.__all__ has an entry in docs/api/ (the errors through the
    sodoan.errors page), so the site's API reference is complete."""
    import re

    import sodoan
    from sodoan import errors

    text = " ".join(p.read_text(encoding="utf-8") for p in (REPO / "docs" / "api").glob("*.md"))
    documented = set(re.findall(r"^::: sodoan\.(\w+)", text, re.M))
    if "errors" in documented:
        documented |= set(errors.__all__)
    assert set(sodoan.__all__) - {"__version__"} - documented == set()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(REPO)))
def test_examples(page: Path) -> None:
    """Every >>> example on the page gives the output shown."""
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
        verbose=False,
    )
    assert result.failed == 0


# Module docstrings run with --doctest-modules (pyproject.toml: testpaths includes src/sodoan).
