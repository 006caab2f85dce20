"""What `run` does after an ingest: the marts, then the report site, when those flows are installed."""

from __future__ import annotations

from warehouse.home import Home


def after_ingest(home: Home) -> list[str]:
    """Build the marts and the report site; returns lines saying where the results are."""
    lines = []
    try:
        from flows.marts import marts_flow
    except ImportError:
        return ["marts: not available in this build"]
    marts_flow(str(home.root), home.lake_url)
    lines.append(f"marts: built in {home.database}")
    try:
        from flows.report import report_flow
    except ImportError:
        return lines
    site = report_flow(str(home.root))
    lines.append(f"reports: {site}")
    return lines
