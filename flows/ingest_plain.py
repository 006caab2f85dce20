"""The ingest pipeline as plain calls, without Prefect: discover -> plan -> parse in batches -> load per batch.

The `ingest` flow wraps these same calls in tasks; this version starts in about a second, so the crash
tests can kill and rerun it many times (`python -m flows.ingest_plain --home H SRC...`).
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime, timezone

from flows.pipeline import batches, load_parsed, parse_units
from warehouse.home import Home
from warehouse.sources import discover
from warehouse.writer import Warehouse


def ingest_plain(sources: list[str], home: Home, *, feed: str | None = None, max_units: int = 16,
                 wait_seconds: float = 60.0, force: bool = False) -> dict:
    """Ingest `sources` into `home` in this process (`force`: reparse unchanged days too, as a backfill does);
    returns {status, rejected, failed_batches, rows}."""
    started = datetime.now(timezone.utc)
    with Warehouse(home, wait_seconds=wait_seconds) as wh:
        found = discover(sources, feed=feed, known=wh.known_files())
        plan = wh.plan(found.units, force=force)
        parsed = (parse_units(batch) for batch in batches(plan.todo, max_units=max_units))
        summary = load_parsed(wh, found, plan, parsed, load=Warehouse.load, flow_label="ingest-plain", started=started)
    return {"status": summary.status, "rejected": summary.rejected, "failed_batches": summary.failed_batches,
            "rows": summary.rows}


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
