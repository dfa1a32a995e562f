"""pytest configuration: hypothesis profiles and shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Three profiles, chosen with HYPOTHESIS_PROFILE: "default" (plain `pytest`: fast feedback,
# well under 100 s on 2 cores), "ci" (what .ci/run uses: four times the examples, bounded so
# that the run stays inside its time budget) and "dev" (quickest, for iterating on one test).
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile(
    "default", max_examples=50, deadline=None, suppress_health_check=_QUIET, print_blob=True
)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=_QUIET, print_blob=True
)
settings.register_profile("dev", max_examples=20, deadline=None, suppress_health_check=_QUIET)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO = Path(__file__).resolve().parent.parent
#: The shared source documents live beside the repository (../shared/sources).
SOURCES = REPO.parent / "shared" / "sources"


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The source documents directory; tests that need it are skipped when it is absent."""
    if not SOURCES.is_dir():
        pytest.skip(f"source documents not found beside the repository ({SOURCES.name}/)")
    return SOURCES
