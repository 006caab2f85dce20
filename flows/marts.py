"""The `marts` flow: rebuild every mart from the warehouse, then publish the snapshot readers use."""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from warehouse.home import Home
from warehouse.marts import MartsResult, build_and_publish


@task(cache_policy=NO_CACHE)
def build_and_publish_marts(home: str, lake: str | None, wait_seconds: float) -> MartsResult:
    return build_and_publish(Home.resolve(home, lake), wait_seconds=wait_seconds)


@flow(name="marts", log_prints=False)
def marts_flow(home: str, lake: str | None = None, wait_seconds: float = 60.0) -> MartsResult:
    """Build the marts under the writer lock and publish them to `<home>/published/`."""
    result = build_and_publish_marts(home, lake, wait_seconds)
    get_run_logger().info("marts built (%d papers tokenised), published %s", result.papers_tokenised, result.published)
    return result
