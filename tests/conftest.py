"""Shared fixtures: where the real sample digests are, and an isolated data home per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples" / "digests"

# Keep Prefect and friends away from the network and from the user's home in every test process.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_HOME", str(REPO / "test-output" / "prefect-home"))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.makedirs(os.environ["PREFECT_HOME"], exist_ok=True)


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The real digests in ../shared/samples/digests; skips the test visibly when they are absent."""
    if not SAMPLES.is_dir():
        pytest.skip(f"real sample digests not found at {SAMPLES} (../shared absent)")
    return SAMPLES


def sample_days(samples: Path) -> list[Path]:
    """Every sample `.md` file, sorted by feed then date."""
    return sorted(samples.glob("*/*.md"))
