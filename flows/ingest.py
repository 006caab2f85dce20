"""The `ingest` flow, tracked by Prefect: extract (discover + hash), transform (parse in batches), load (lake + one
DuckDB transaction per batch). Its body is flows.ingest_body, run with these tasks as its steps; the CLI's
default without a Prefect server runs the same body with plain steps (flows.ingest_plain)."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from functools import partial

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.ingest_body import PARSE_AHEAD, RETRIES, Steps, discover_all, ingest_body
from flows.pipeline import IngestSummary, parse_units
from flows.runners import LocalParsePool
from transforms.tables import ParsedUnit, Unit
from warehouse.home import Home
from warehouse.load import BatchResult
from warehouse.sources import Discovery
from warehouse.writer import Warehouse

__all__ = ["ingest", "ingest_flow", "IngestSummary"]

DASK_PARSE_AHEAD = 8  # batches in flight on Dask: feeds 8 workers; each costs up to ~50 MB in the flow process


def _retries(step: str) -> dict:
    count, delay = RETRIES[step]
    return {"retries": count, "retry_delay_seconds": delay}


@task(cache_policy=NO_CACHE, **_retries("discover"))
def discover_files(sources: list[str], feed: str | None, date_from: date | None, date_to: date | None,
                   known: dict, branch: str | None = None, history: bool = False,
                   feeds: list[dict] | None = None) -> Discovery:
    return discover_all(sources, feed, date_from, date_to, known, branch, history, feeds)


@task(cache_policy=NO_CACHE, **_retries("parse"))
def parse_batch(units: list[Unit], pool: LocalParsePool | None = None) -> list[ParsedUnit]:
    return pool.parse(units) if pool else parse_units(units)


@task(cache_policy=NO_CACHE, **_retries("load"))
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
    steps = Steps(discover=discover_files, parse_submit=lambda pool: partial(parse_batch.submit, pool=pool),
                  load=load_batch, logger=get_run_logger())
    summary = ingest_body(steps, sources, Home.resolve(home, lake), feed=feed, date_from=date_from, date_to=date_to,
                          wait_seconds=wait_seconds, flow_label=flow_label, force=force, parse_ahead=parse_ahead,
                          parse_workers=parse_workers, branch=branch, history=history, feeds=feeds)
    create_markdown_artifact(summary.markdown(), key="ingest-summary", description="Files and rows of this run")
    return summary


def task_runner_for(kind: str, dask_address: str | None = None):
    """`thread` -> None (the flow's own thread pool); `dask` -> a DaskTaskRunner on `dask_address`,
    or on a throwaway local cluster of 2 worker processes when no address is given."""
    if kind == "thread":
        return None
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    scratch = os.environ.get("DASK_TEMPORARY_DIRECTORY") or tempfile.gettempdir()
    return DaskTaskRunner(cluster_kwargs={"n_workers": 2, "processes": True, "threads_per_worker": 1,
                                          "local_directory": scratch, "dashboard_address": None})


def ingest_flow(kind: str = "thread", dask_address: str | None = None):
    """The `ingest` flow, with its parse tasks sent to the chosen runner; on Dask with enough parse batches
    in flight (DASK_PARSE_AHEAD) to keep a cluster's workers busy, and no local parse processes."""
    runner = task_runner_for(kind, dask_address)
    if runner is None:
        return ingest
    return partial(ingest.with_options(task_runner=runner), parse_ahead=DASK_PARSE_AHEAD, parse_workers=0)
