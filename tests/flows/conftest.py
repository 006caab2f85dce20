"""Fixtures for pipeline tests: one Prefect test harness per session, and the CLI called in-process."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import fingerprints, query, scalar  # noqa: F401  (re-exported for the tests)


@pytest.fixture(scope="session", autouse=True)
def prefect_harness():
    """A real Prefect API (temporary database) shared by the whole session: it costs ~6 s to start."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys):
    """Run `arxiv-digest ARGS...` in this process; returns exit code, stdout and stderr."""
    from flows.cli import main

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


rows = query  # the name the flow tests use
