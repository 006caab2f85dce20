"""The process the crash tests kill: the plain ingest pipeline, forked from a server that has already imported
everything, so each of the many kill-and-rerun runs starts in milliseconds instead of seconds."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

_PRELOAD = ["tests.reliability.crash_target", "flows.ingest_plain", "warehouse.rebuild", "warehouse.marts",
            "warehouse.faults", "transforms.units", "duckdb", "pyarrow.parquet"]
_context = None


def _ingest(home: str, sources: list[str], batch: int, crash_at: str | None, reparse: bool) -> None:
    import flows.transform_stage
    from flows.ingest_plain import ingest_plain
    from warehouse.faults import arm
    from warehouse.home import Home

    arm(crash_at)
    if reparse:  # stand in for a new parser version: same files, different rows
        parse = flows.transform_stage.parse_unit
        flows.transform_stage.parse_unit = lambda unit, contents: _retitled(parse(unit, contents))
    outcome = ingest_plain(sources, Home.resolve(home), max_units=batch, force=reparse)
    sys.exit(0 if outcome["status"] == "ok" else 1)


def _retitled(parsed):
    import pyarrow as pa

    table = parsed.tables.get("paper_observations")
    if table is not None and table.num_rows:
        titles = pa.array([f"{t} (reparsed)" for t in table.column("title").to_pylist()], table.schema.field("title").type)
        parsed.tables["paper_observations"] = table.set_column(table.schema.get_field_index("title"), "title", titles)
    return parsed


def _rebuild(home: str, crash_at: str | None) -> None:
    from warehouse.faults import arm
    from warehouse.home import Home
    from warehouse.rebuild import rebuild

    arm(crash_at)
    rebuild(Home.resolve(home), wait_seconds=0)


def _publish(home: str, crash_at: str | None) -> None:
    from warehouse.faults import arm
    from warehouse.home import Home
    from warehouse.marts import build_and_publish

    arm(crash_at)
    build_and_publish(Home.resolve(home), wait_seconds=0)


def publish_forked(home: Path, *, crash_at: str | None = None, timeout: float = 180) -> int:
    """Build the marts and publish the snapshot of `home` in a forked child; returns its exit code."""
    return _run(_publish, (str(home), crash_at), timeout)


def rebuild_forked(home: Path, *, crash_at: str | None = None, timeout: float = 120) -> int:
    """`rebuild` of `home` in a forked child; returns its exit code (-9 when killed)."""
    return _run(_rebuild, (str(home), crash_at), timeout)


def run_forked(home: Path, sources: list[Path], *, batch: int, crash_at: str | None = None, reparse: bool = False,
               timeout: float = 120) -> int:
    """Run one ingest in a child forked from the preloaded server; returns its exit code (-9 when killed).
    `reparse`: a forced backfill whose parser now gives every title a suffix."""
    return _run(_ingest, (str(home), [str(s) for s in sources], batch, crash_at, reparse), timeout)


def _run(target, args: tuple, timeout: float) -> int:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(_PRELOAD)
    child = _context.Process(target=target, args=args)
    child.start()
    child.join(timeout)
    if child.exitcode is None:
        child.kill()
        child.join()
        raise TimeoutError(f"{target.__name__}{args} did not finish in {timeout:g}s")
    return child.exitcode
