"""The daily pipeline as one flow, and serving it as a scheduled Prefect deployment."""

from __future__ import annotations

from prefect import flow, get_run_logger

from flows.ingest import ingest_flow
from flows.settings import require_server
from warehouse.home import Home

DEPLOYMENT = "daily"
DEFAULT_CRON, DEFAULT_TIMEZONE = "0 6 * * *", "UTC"


@flow(name="daily-pipeline", log_prints=False)
def daily_pipeline(sources: list[str], home: str, lake: str | None = None, feed: str | None = None,
                   wait_seconds: float = 600.0, task_runner: str = "thread", dask_address: str | None = None,
                   branch: str | None = None, history: bool = False) -> str:
    """Ingest the sources, then build the marts and the report; returns the ingest status (ok or partial).

    Raises when a batch could not be loaded, so the run is Failed and the deployment's retries apply;
    a rerun is safe because loaded days are skipped and a failed batch left nothing committed.
    No sources: the feeds of <home>/feeds.toml, read afresh on every run.
    """
    from warehouse.feeds_file import FILE_NAME, load_feeds

    feeds = None if sources else [f.as_dict() for f in load_feeds(Home.resolve(home, lake).root / FILE_NAME)]
    summary = ingest_flow(task_runner, dask_address)(sources, home, lake, feed, None, None, wait_seconds, "daily",
                                                     branch=branch, history=history, feeds=feeds)
    if summary.failed_batches:
        raise RuntimeError(f"{len(summary.failed_batches)} batch(es) not loaded: {summary.failed_batches[0]}")
    from flows.downstream import after_ingest

    for line in after_ingest(Home.resolve(home, lake), wait_seconds, tracked=True):
        get_run_logger().info(line)
    return summary.status


def serve_daily(parameters: dict, *, cron: str = DEFAULT_CRON, timezone: str = DEFAULT_TIMEZONE,
                retries: int = 2, retry_delay_seconds: float = 300.0, name: str = DEPLOYMENT) -> None:
    """Register deployment `daily-pipeline/<name>` on the server and run its scheduled runs until interrupted.

    One run at a time from this process (limit=1); the writer lock guards against any other writer.
    """
    from prefect.schedules import Cron

    require_server()
    served = daily_pipeline.with_options(retries=retries, retry_delay_seconds=retry_delay_seconds)
    served.serve(name=name, schedules=[Cron(cron, timezone=timezone)], parameters=parameters, limit=1,
                 pause_on_shutdown=False, tags=["arxiv-digest"],
                 description="Daily: ingest new digest files, then rebuild marts and the report.")
