"""Shared fixtures: where the real sample digests are, and an isolated data home per test."""

from __future__ import annotations

import os
from dataclasses import dataclass
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

# Property tests draw the same examples on every run (a red suite is a real regression, never a lucky draw);
# HYPOTHESIS_PROFILE=explore draws new ones to hunt for bugs, e.g. with ROUNDTRIP_EXAMPLES=2000.
from hypothesis import settings  # noqa: E402

settings.register_profile("suite", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """The real digests in ../shared/samples/digests; skips the test visibly when they are absent."""
    if not SAMPLES.is_dir():
        pytest.skip(f"real sample digests not found at {SAMPLES} (../shared absent)")
    return SAMPLES


@pytest.fixture(scope="session")
def prefect_api():
    """One real Prefect API (temporary database) for the whole session, started on first use (~6 s);
    its URL lets CLI subprocesses skip starting their own ephemeral server."""
    from prefect.settings import PREFECT_API_URL
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield PREFECT_API_URL.value()


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, prefect_api):
    """Run `arxiv-digest ARGS...` in this process under the session's Prefect API; returns code, stdout, stderr."""
    from flows.cli import main

    def run(*args) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="module")
def no_prefect_background():
    """Stop the Prefect events worker an earlier in-process flow left running (it restarts on demand): its
    websocket draws keepalive ping ids from the global `random` every 20 s, which Hypothesis, catching a draw
    at that moment, reports as a strategy using `random` (a HypothesisDeprecationWarning)."""
    import sys

    if "prefect.events.worker" in sys.modules:
        sys.modules["prefect.events.worker"].EventsWorker.drain_all(timeout=30, at_exit=False)
    yield


def sample_days(samples: Path) -> list[Path]:
    """Every sample `.md` file, sorted by feed then date."""
    return sorted(samples.glob("*/*.md"))
