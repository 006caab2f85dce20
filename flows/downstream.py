"""What comes after an ingest: the marts, then the report site; each as a tracked Prefect flow (`tracked`) or its
body run un-orchestrated (the CLI's default without a Prefect server; Prefect is then never imported)."""

from __future__ import annotations

from pathlib import Path

from warehouse.home import Home


def build_marts(home: Home, wait_seconds: float = 60.0, *, tracked: bool = False, full: bool = False):
    """Build every mart under the writer lock (incrementally, or `full`: from scratch) and publish the snapshot;
    returns the MartsResult."""
    if not tracked:
        from warehouse.marts import build_and_publish

        return build_and_publish(home, wait_seconds=wait_seconds, full=full)
    _prepare()
    from flows.marts import marts_flow

    return marts_flow(str(home.root), home.lake_url, wait_seconds, full)


def write_report(home: Home, *, tracked: bool = False) -> Path:
    """Write the static report site from the published snapshot; returns its index.html."""
    if not tracked:
        from dashboards.site import build_site

        return build_site(home)
    _prepare()
    from flows.report import report_flow

    return report_flow(str(home.root))


def after_ingest(home: Home, wait_seconds: float = 60.0, *, tracked: bool = False) -> list[str]:
    """Build the marts (waiting up to `wait_seconds` for another writer, as the ingest did) and the report site;
    returns lines saying where the results are."""
    build_marts(home, wait_seconds, tracked=tracked)
    site = write_report(home, tracked=tracked)
    from flows.cmd_watch import publish_watch

    return [f"marts: built in {home.database}", f"reports: {site}", *publish_watch(home)]


def _prepare() -> None:
    from flows.quiet import quiet_expected_failures
    from flows.settings import prepare_flows

    prepare_flows()
    quiet_expected_failures()  # a busy warehouse or no snapshot yet: one line from the CLI, not a flow's traceback
