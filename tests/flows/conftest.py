"""Fixtures for pipeline tests: every test here runs under the session's Prefect test API (tests/conftest.py)."""

from __future__ import annotations

import pytest

from tests.helpers import fingerprints, query, scalar  # noqa: F401  (re-exported for the tests)


@pytest.fixture(scope="session", autouse=True)
def prefect_harness(prefect_api):
    """Every pipeline test runs its flows against the session's Prefect test API."""
    yield prefect_api


rows = query  # the name the flow tests use
