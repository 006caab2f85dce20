"""The ingest flow's body run un-orchestrated: the CLI's default without a Prefect server.

Used when no PREFECT_API_URL is set and no --prefect given. Same body as the tracked flow (flows.ingest_body),
same batches, parse look-ahead and retries, with plain calls as its steps; Prefect is never imported, so a
command starts in about a second instead of paying ~10 s for an ephemeral API nobody reads. Every run is still
recorded in `runs` and its Markdown summary written to `<home>/runs/<run_id>.md`.

Also the crash tests' kill target (`python -m flows.ingest_plain --home H SRC...`).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from functools import partial
from typing import Callable

from flows.ingest_body import PARSE_AHEAD, RETRIES, Steps, discover_all, ingest_body
from flows.pipeline import IngestSummary
from flows.runners import LocalParsePool
from transforms.tables import Unit
from warehouse.home import Home
from warehouse.writer import Warehouse

logger = logging.getLogger("arxiv_digest.ingest")


def retrying(step: str, fn: Callable) -> Callable:
    """`fn` retried as the flow's task for `step` is (RETRIES): a raise is retried after the delay, then re-raised."""
    count, delay = RETRIES[step]

    def call(*args, **kwargs):
        for attempt in range(count + 1):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:
                if attempt == count:
                    raise
                logger.warning("%s failed (%s: %s); retrying", step, type(exc).__name__, exc)
                time.sleep(delay)

    return call


def ingest_local(sources: list[str], home: Home, *, feed: str | None = None, date_from: date | None = None,
                 date_to: date | None = None, wait_seconds: float = 60.0, flow_label: str = "ingest",
                 force: bool = False, parse_workers: int | None = None, max_units: int = 32,
                 branch: str | None = None, history: bool = False, feeds: list[dict] | None = None) -> IngestSummary:
    """The ingest flow's body in this process, parse batches on a thread ahead of the loads (as the flow's thread
    runner does) or in local parse processes; returns the IngestSummary the flow would. `branch`, `history`,
    `feeds`: as for the flow (flows.ingest_body.discover_all)."""
    with ThreadPoolExecutor(PARSE_AHEAD, thread_name_prefix="parse") as threads:
        def submit(pool: LocalParsePool) -> Callable[[list[Unit]], Future]:
            parse = retrying("parse", pool.parse)
            return pool.submit if pool.workers > 1 else partial(threads.submit, parse)

        steps = Steps(discover=retrying("discover", discover_all), parse_submit=submit,
                      load=retrying("load", Warehouse.load), logger=logger)
        return ingest_body(steps, sources, home, feed=feed, date_from=date_from, date_to=date_to,
                           wait_seconds=wait_seconds, flow_label=flow_label, force=force,
                           parse_workers=parse_workers, max_units=max_units, branch=branch, history=history,
                           feeds=feeds)


def ingest_plain(sources: list[str], home: Home, *, feed: str | None = None, max_units: int = 16,
                 wait_seconds: float = 60.0, force: bool = False, parse_workers: int | None = None,
                 branch: str | None = None, history: bool = False) -> dict:
    """ingest_local as the tests and benches call it (`force`: reparse unchanged days too, as a backfill does;
    `parse_workers`: local parse processes for large batches; `branch`/`history`: how git repositories are
    read); returns {status, rejected, failed_batches, rows, ignored}."""
    summary = ingest_local(sources, home, feed=feed, wait_seconds=wait_seconds, flow_label="ingest-plain",
                           force=force, parse_workers=parse_workers, max_units=max_units, branch=branch,
                           history=history)
    return {"status": summary.status, "rejected": summary.rejected, "failed_batches": summary.failed_batches,
            "rows": summary.rows, "ignored": summary.ignored}


def main(argv: list[str] | None = None) -> int:
    """`python -m flows.ingest_plain --home H [--batch N] SRC...`: exit 0 ok, 1 partial or failed."""
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--home", required=True)
    args.add_argument("--batch", type=int, default=16, help="units per DuckDB transaction")
    args.add_argument("sources", nargs="+")
    ns = args.parse_args(argv)
    outcome = ingest_plain(ns.sources, Home.resolve(ns.home), max_units=ns.batch)
    print(f"ingest {outcome['status']}: rejected {len(outcome['rejected'])}, failed batches {len(outcome['failed_batches'])}")
    return 0 if outcome["status"] == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
