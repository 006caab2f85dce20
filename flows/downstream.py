"""What `run` does after an ingest: the marts, then the report site."""

from __future__ import annotations

from flows.marts import marts_flow
from flows.report import report_flow
from warehouse.home import Home


def after_ingest(home: Home) -> list[str]:
    """Build the marts and the report site; returns lines saying where the results are."""
    marts_flow(str(home.root), home.lake_url)
    site = report_flow(str(home.root))
    return [f"marts: built in {home.database}", f"reports: {site}"]
