"""pytest configuration: hypothesis profiles and shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# "ci" is thorough but bounded so that .ci/run stays well inside its time budget; "dev" is
# quick for local iteration. Select with HYPOTHESIS_PROFILE=dev.
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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
