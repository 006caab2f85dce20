"""The ingest pipeline as plain calls, without Prefect: discover -> plan -> parse in batches -> load per batch.

The `ingest` flow wraps these same calls in tasks; this version starts in about a second, so the crash
tests can kill and rerun it many times (`python -m flows.ingest_plain --home H SRC...`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone
from typing import Iterator

from flows.pipeline import batches, load_parsed, parse_units, parsed_in_order
from flows.runners import LocalParsePool, local_parse_pool
from transforms.tables import ParsedUnit, Unit
from warehouse.home import Home
from warehouse.sources import discover
from warehouse.writer import Warehouse


def ingest_plain(sources: list[str], home: Home, *, feed: str | None = None, max_units: int = 16,
                 wait_seconds: float = 60.0, force: bool = False, parse_workers: int | None = None,
                 branch: str | None = None, history: bool = False) -> dict:
    """Ingest `sources` into `home` in this process (`force`: reparse unchanged days too, as a backfill does;
    `parse_workers`: local parse processes for large batches, as for the flow; `branch`/`history`: how git
    repositories are read); returns {status, rejected, failed_batches, rows, ignored}."""
    started = datetime.now(timezone.utc)
    with Warehouse(home, wait_seconds=wait_seconds) as wh:
        found = discover(sources, feed=feed, known=wh.known_files(), branch=branch, history=history)
        plan = wh.plan(found.units, force=force)
        todo = batches(plan.todo, max_units=max_units)
        with local_parse_pool(len(todo), parse_workers) as pool:
            summary = load_parsed(wh, found, plan, _parsed_ahead(todo, pool), load=Warehouse.load,
                                  flow_label="ingest-plain", started=started)
    return {"status": summary.status, "rejected": summary.rejected, "failed_batches": summary.failed_batches,
            "rows": summary.rows, "ignored": summary.ignored}


def _parsed_ahead(todo: list[list[Unit]], pool: LocalParsePool) -> Iterator[list[ParsedUnit]]:
    """Batches parsed in order; with pool workers, the next ones parse while this one loads."""
    if pool.workers <= 1:
        return (parse_units(b) for b in todo)
    return parsed_in_order(todo, pool.submit, pool.workers)


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
