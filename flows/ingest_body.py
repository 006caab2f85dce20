"""The ingest flow's body, one code path for both ways it runs: open the warehouse, discover, plan, parse batches
ahead of their loads, record the run and write its Markdown summary to `<home>/runs/<run_id>.md`.

The tracked Prefect flow (flows/ingest.py) passes Prefect tasks as the steps; the un-orchestrated default
(flows/ingest_plain.py) passes plain calls with the same retries. Neither this module nor the plain steps import
Prefect, so the default path never pays its import or its API start.
"""

from __future__ import annotations

import logging
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Callable

from flows.pipeline import IngestSummary, batches, load_parsed, parsed_in_order
from flows.progress import report_progress
from flows.runners import LocalParsePool, local_parse_pool
from transforms.tables import ParsedUnit, Unit
from warehouse.home import Home
from warehouse.load import BatchResult
from warehouse.feeds_file import discover_feeds, feed_from
from warehouse.run_notes import write_run_summary
from warehouse.sources import Discovery, discover
from warehouse.writer import Warehouse

PARSE_AHEAD = 2  # parse batches in flight while the previous one loads
# (retries, seconds between them) per step, declared once: the Prefect tasks and the plain steps both use them
RETRIES = {"discover": (2, 1.0), "parse": (1, 0.0), "load": (2, 1.0)}


def discover_all(sources: list[str], feed: str | None, date_from: date | None, date_to: date | None, known: dict,
                 branch: str | None = None, history: bool = False, feeds: list[dict] | None = None) -> Discovery:
    """The discover step: the digest days under `sources`, or under each of `feeds` (feeds.toml entries as dicts,
    each its own source, name and options) when given; `branch`/`history`: how git repositories are read."""
    if feeds:
        return discover_feeds([feed_from(f, "feed") for f in feeds], date_from=date_from, date_to=date_to, known=known)
    return discover(sources, feed=feed, date_from=date_from, date_to=date_to, known=known, branch=branch,
                    history=history)


@dataclass(frozen=True)
class Steps:
    """How each step of the body runs. `discover`: discover_all's arguments, positionally -> Discovery;
    `parse_submit(pool)` -> a function `batch -> Future[list[ParsedUnit]]`; `load(wh, parsed)` -> BatchResult;
    `logger`: where progress lines and failed batches are logged."""

    discover: Callable[..., Discovery]
    parse_submit: Callable[[LocalParsePool], Callable[[list[Unit]], Future]]
    load: Callable[[Warehouse, list[ParsedUnit]], BatchResult]
    logger: logging.Logger | logging.LoggerAdapter


def ingest_body(steps: Steps, sources: list[str], home: Home, *, feed: str | None = None,
                date_from: date | None = None, date_to: date | None = None, wait_seconds: float = 60.0,
                flow_label: str = "ingest", force: bool = False, parse_ahead: int = PARSE_AHEAD,
                parse_workers: int | None = None, max_units: int = 32, branch: str | None = None,
                history: bool = False, feeds: list[dict] | None = None) -> IngestSummary:
    """Ingest `sources` (or `feeds`, see discover_all) into `home` with `steps`; returns the run's summary (its
    `run_id` names its `runs` row and `<home>/runs/<run_id>.md`). `force`: reparse unchanged days too
    (backfill); `max_units`: units per batch."""
    started = datetime.now(timezone.utc)
    with Warehouse(home, wait_seconds=wait_seconds) as wh:
        found = steps.discover(sources, feed, date_from, date_to, wh.known_files(), branch, history, feeds)
        plan = wh.plan(found.units, force=force)
        steps.logger.info("%d units to load, %d files unchanged", len(plan.todo), plan.skipped)
        todo = batches(plan.todo, max_units=max_units)

        def on_batch(done: int, result: BatchResult) -> None:
            if result.failed:
                steps.logger.error("batch not loaded: %s", result.failed)
            report_progress(done, len(todo))

        with local_parse_pool(len(todo), parse_workers) as pool:
            # at least one batch in flight per pool worker
            parsed = parsed_in_order(todo, steps.parse_submit(pool), max(1, parse_ahead, pool.workers))
            summary = load_parsed(wh, found, plan, parsed, load=steps.load, flow_label=flow_label, started=started,
                                  on_batch=on_batch)
    write_run_summary(home, summary.run_id, summary.markdown())
    return summary
