"""The `report` flow: write the static report site from the published snapshot."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from dashboards.site import build_site
from warehouse.home import Home


@task(cache_policy=NO_CACHE)
def write_site(home: str) -> Path:
    return build_site(Home.resolve(home))


@flow(name="report", log_prints=False)
def report_flow(home: str) -> Path:
    """Write `<home>/reports/` (Overview, Authors, Topics, Categories, Data quality); returns index.html."""
    index = write_site(home)
    get_run_logger().info("report written to %s", index)
    return index
