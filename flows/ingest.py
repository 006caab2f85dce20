"""The `ingest` flow: extract (discover + hash), transform (parse in batches), load (lake + one DuckDB transaction per batch)."""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, datetime, timezone

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.progress import report_progress
from transforms.tables import ParsedUnit, Unit
from transforms.units import parse_unit
from warehouse.home import Home
from warehouse.sources import Discovery, discover, read_bytes
from warehouse.writer import Plan, Warehouse


PARSE_AHEAD = 2  # parse batches in flight while the previous one loads


@dataclass
class IngestSummary:
    """What one ingest did; the CLI prints it and picks the exit code from it."""

    plan: Plan
    rejected: list[tuple[str, str]] = field(default_factory=list)
    failed_batches: list[str] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    diagnostics: dict[str, int] = field(default_factory=dict)
    run_id: str = ""

    @property
    def status(self) -> str:
        return "failed" if self.failed_batches else "partial" if self.rejected else "ok"


@task(retries=2, retry_delay_seconds=1, cache_policy=NO_CACHE)
def discover_files(sources: list[str], feed: str | None, date_from: date | None, date_to: date | None) -> Discovery:
    return discover(sources, feed=feed, date_from=date_from, date_to=date_to)


@task(cache_policy=NO_CACHE, retries=1)
def parse_batch(units: list[Unit]) -> list[ParsedUnit]:
    return [parse_unit(u, {f.path: read_bytes(f.path) for f in u.files}) for u in units]


@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=1)
def load_batch(wh: Warehouse, parsed: list[ParsedUnit]):
    return wh.load(parsed)


def batches(units: list[Unit], max_units: int = 32, max_bytes: int = 40_000_000) -> list[list[Unit]]:
    """Group units so each task carries enough work to dwarf its overhead but stays small in memory."""
    out, current, size = [], [], 0
    for unit in units:
        unit_bytes = sum(f.bytes for f in unit.files)
        if current and (len(current) >= max_units or size + unit_bytes > max_bytes):
            out.append(current)
            current, size = [], 0
        current.append(unit)
        size += unit_bytes
    return out + ([current] if current else [])


def _summary_markdown(s: IngestSummary) -> str:
    lines = [f"## Ingest {s.status}", "", "| files new | changed | skipped | rejected |", "|---|---|---|---|",
             f"| {s.plan.new} | {s.plan.changed} | {s.plan.skipped} | {len(s.rejected)} |", "",
             "| table | rows |", "|---|---|", *[f"| {t} | {n} |" for t, n in sorted(s.rows.items())]]
    lines += ["", "Diagnostics: " + (", ".join(f"{k}: {v}" for k, v in sorted(s.diagnostics.items())) or "none")]
    lines += [f"- rejected `{p}`: {why}" for p, why in s.rejected]
    lines += [f"- failed batch: {why}" for why in s.failed_batches]
    return "\n".join(lines)


@flow(name="ingest", log_prints=False)
def ingest(sources: list[str], home: str, lake: str | None = None, feed: str | None = None,
           date_from: date | None = None, date_to: date | None = None, wait_seconds: float = 60.0,
           flow_label: str = "ingest", force: bool = False) -> IngestSummary:
    """Ingest digest files into the lake and warehouse; files already loaded with the same hash are skipped
    unless `force` (backfill), which reprocesses every day found."""
    logger = get_run_logger()
    started = datetime.now(timezone.utc)
    found = discover_files(sources, feed, date_from, date_to)
    with Warehouse(Home.resolve(home, lake), wait_seconds=wait_seconds) as wh:
        plan = wh.plan(found.units, force=force)
        summary = IngestSummary(plan, ignored=found.ignored)
        logger.info("%d units to load, %d files unchanged", len(plan.todo), plan.skipped)
        rows: Counter = Counter()
        diags: Counter = Counter()
        todo = batches(plan.todo)
        in_flight: deque = deque(parse_batch.submit(b) for b in todo[:PARSE_AHEAD])
        for done in range(1, len(todo) + 1):
            parsed = in_flight.popleft().result()
            if done + PARSE_AHEAD <= len(todo):  # bounded look-ahead keeps memory flat however many days there are
                in_flight.append(parse_batch.submit(todo[done + PARSE_AHEAD - 1]))
            for p in parsed:
                diags.update(p.diagnostics)
                if p.rejected:
                    summary.rejected += [(f.path, p.reason) for f in p.unit.files]
            result = load_batch(wh, parsed)
            if result.failed:
                logger.error("batch not loaded: %s", result.failed)
                summary.failed_batches.append(result.failed)
            rows.update(result.rows)
            report_progress(done, len(todo))
        summary.rows, summary.diagnostics = dict(rows), dict(diags)
        message = "; ".join([f"{p}: {why}" for p, why in summary.rejected] + summary.failed_batches)[:2000]
        summary.run_id = wh.record_run(flow=flow_label, started_at=started, status=summary.status, plan=plan,
                                       rejected=len(summary.rejected), rows=summary.rows,
                                       diagnostics=summary.diagnostics, message=message)
    create_markdown_artifact(_summary_markdown(summary), key="ingest-summary", description="Files and rows of this run")
    return summary
