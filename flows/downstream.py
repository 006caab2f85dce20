"""What `run` does after an ingest: the marts, then the report site."""

from __future__ import annotations

from flows.marts import marts_flow
from flows.report import report_flow
from warehouse.home import Home


def after_ingest(home: Home, wait_seconds: float = 60.0) -> list[str]:
    """Build the marts (waiting up to `wait_seconds` for another writer, as the ingest did) and the report site;
    returns lines saying where the results are."""
    marts_flow(str(home.root), home.lake_url, wait_seconds)
    site = report_flow(str(home.root))
    from flows.cmd_watch import publish_watch

    return [f"marts: built in {home.database}", f"reports: {site}", *publish_watch(home)]
