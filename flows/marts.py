"""The `marts` flow: bring every mart up to date with the warehouse, then publish the snapshot readers use."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from warehouse.home import Home
from warehouse.marts import MartsResult, build_and_publish


@task(cache_policy=NO_CACHE)
def build_and_publish_marts(home: str, lake: str | None, wait_seconds: float, full: bool = False) -> MartsResult:
    return build_and_publish(Home.resolve(home, lake), wait_seconds=wait_seconds, full=full)


@flow(name="marts", log_prints=False)
def marts_flow(home: str, lake: str | None = None, wait_seconds: float = 60.0, full: bool = False) -> MartsResult:
    """Build the marts under the writer lock (`full`: from scratch) and publish them to `<home>/published/`."""
    result = build_and_publish_marts(home, lake, wait_seconds, full)
    get_run_logger().info("marts built (%d papers tokenised), published %s", result.papers_tokenised, result.published)
    return result
