"""The ingest pipeline as plain calls, without Prefect: discover -> plan -> parse in batches -> load per batch.

The `ingest` flow wraps these same calls in tasks; this version starts in about a second, so the crash
tests can kill and rerun it many times (`python -m flows.ingest_plain --home H SRC...`).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from datetime import datetime, timezone

from transforms.tables import Unit
from transforms.units import parse_unit
from warehouse.faults import crash_point
from warehouse.home import Home
from warehouse.sources import discover, read_bytes
from warehouse.writer import Warehouse


def unit_batches(units: list[Unit], max_units: int) -> list[list[Unit]]:
    """Consecutive groups of at most `max_units` units."""
    return [units[i:i + max_units] for i in range(0, len(units), max_units)]


def ingest_plain(sources: list[str], home: Home, *, feed: str | None = None, max_units: int = 16,
                 wait_seconds: float = 60.0) -> dict:
    """Ingest `sources` into `home` in this process; returns {status, rejected, failed_batches, rows}."""
    started = datetime.now(timezone.utc)
    found = discover(sources, feed=feed)
    rows: Counter = Counter()
    diags: Counter = Counter()
    rejected: list[tuple[str, str]] = []
    failed: list[str] = []
    with Warehouse(home, wait_seconds=wait_seconds) as wh:
        plan = wh.plan(found.units)
        for batch in unit_batches(plan.todo, max_units):
            parsed = [parse_unit(u, {f.path: read_bytes(f.path) for f in u.files}) for u in batch]
            for p in parsed:
                diags.update(p.diagnostics)
                rejected += [(f.path, p.reason) for f in p.unit.files] if p.rejected else []
            result = wh.load(parsed)
            failed += [result.failed] if result.failed else []
            rows.update(result.rows)
        status = "failed" if failed else "partial" if rejected else "ok"
        crash_point("record_run")
        wh.record_run(flow="ingest-plain", started_at=started, status=status, plan=plan, rejected=len(rejected),
                      rows=dict(rows), diagnostics=dict(diags),
                      message="; ".join([f"{p}: {why}" for p, why in rejected] + failed)[:2000])
    return {"status": status, "rejected": rejected, "failed_batches": failed, "rows": dict(rows)}


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
