"""A data home for mart and report tests: corpus files written, ingested through the spine, marts built.

Ingest goes through the spine's plain-Python pipeline (flows.ingest_plain: the same discover, parse and
load calls the `ingest` flow's tasks make), so a test session pays no Prefect API start-up.
"""

from __future__ import annotations

from pathlib import Path

from flows.ingest_plain import ingest_plain
from warehouse.home import Home
from warehouse.marts import MartsResult, build_and_publish
from tests.helpers import write_files  # noqa: F401  (re-exported)


def ingest(home: Home, sources: list[Path]) -> None:
    """Load `sources` into `home` through the spine; fails the test on a batch that did not load."""
    outcome = ingest_plain([str(s) for s in sources], home)
    assert not outcome["failed_batches"], outcome["failed_batches"]


def built_home(root: Path, files) -> tuple[Home, MartsResult]:
    """Write `files` to `root/corpus`, ingest them into `root/home`, build and publish the marts."""
    home = Home.resolve(root / "home")
    ingest(home, [write_files(files, root / "corpus")])
    return home, build_and_publish(home)
