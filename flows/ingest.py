"""The `ingest` flow: extract (discover + hash), transform (parse in batches), load (lake + one DuckDB transaction per batch)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from functools import partial

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.pipeline import IngestSummary, batches, load_parsed, parse_units, parsed_in_order
from flows.progress import report_progress
from flows.runners import LocalParsePool, local_parse_pool
from transforms.tables import ParsedUnit, Unit
from warehouse.home import Home
from warehouse.load import BatchResult
from warehouse.feeds_file import discover_feeds, feed_from
from warehouse.sources import Discovery, discover
from warehouse.writer import Warehouse

PARSE_AHEAD = 2  # parse batches in flight while the previous one loads

__all__ = ["ingest", "IngestSummary"]


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def discover_files(sources: list[str], feed: str | None, date_from: date | None, date_to: date | None,
                   known: dict, branch: str | None = None, history: bool = False,
                   feeds: list[dict] | None = None) -> Discovery:
    if feeds:  # feeds.toml: each feed its own source, name and options
        return discover_feeds([feed_from(f, "feed") for f in feeds], date_from=date_from, date_to=date_to, known=known)
    return discover(sources, feed=feed, date_from=date_from, date_to=date_to, known=known, branch=branch,
                    history=history)


@task(cache_policy=NO_CACHE, retries=1)
def parse_batch(units: list[Unit], pool: LocalParsePool | None = None) -> list[ParsedUnit]:
    return pool.parse(units) if pool else parse_units(units)


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def load_batch(wh: Warehouse, parsed: list[ParsedUnit]) -> BatchResult:
    return wh.load(parsed)


@flow(name="ingest", log_prints=False)
def ingest(sources: list[str], home: str, lake: str | None = None, feed: str | None = None,
           date_from: date | None = None, date_to: date | None = None, wait_seconds: float = 60.0,
           flow_label: str = "ingest", force: bool = False, parse_ahead: int = PARSE_AHEAD,
           parse_workers: int | None = None, branch: str | None = None, history: bool = False,
           feeds: list[dict] | None = None) -> IngestSummary:
    """Ingest digest files into the lake and warehouse; files already loaded with the same hash are skipped
    unless `force` (backfill), which reprocesses every day found. `parse_ahead`: parse batches in flight
    (raise it to keep a Dask cluster busy; each costs memory in this process). `parse_workers`: local
    processes that parse large batches (default $ARXIV_DIGEST_PARSE_WORKERS, else 0: threads). `branch`/`history`:
    how git repositories among the sources are read; `feeds` (feeds.toml entries as dicts) replace `sources`."""
    logger = get_run_logger()
    started = datetime.now(timezone.utc)
    with Warehouse(Home.resolve(home, lake), wait_seconds=wait_seconds) as wh:
        found = discover_files(sources, feed, date_from, date_to, wh.known_files(), branch, history, feeds)
        plan = wh.plan(found.units, force=force)
        logger.info("%d units to load, %d files unchanged", len(plan.todo), plan.skipped)
        todo = batches(plan.todo)

        def on_batch(done: int, result: BatchResult) -> None:
            if result.failed:
                logger.error("batch not loaded: %s", result.failed)
            report_progress(done, len(todo))

        with local_parse_pool(len(todo), parse_workers) as pool:
            # at least one batch in flight per pool worker
            parsed = parsed_in_order(todo, partial(parse_batch.submit, pool=pool), max(1, parse_ahead, pool.workers))
            summary = load_parsed(wh, found, plan, parsed, load=load_batch, flow_label=flow_label, started=started,
                                  on_batch=on_batch)
    create_markdown_artifact(summary.markdown(), key="ingest-summary", description="Files and rows of this run")
    return summary
