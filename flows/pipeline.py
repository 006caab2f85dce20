"""The ingest story both entry points share: plan, parse in batches, load each batch, record the run.

The `ingest` flow passes Prefect tasks as the parse and load steps; `flows.ingest_plain` passes plain
calls. Everything else (batching, counting, the run record) is this one code path.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from collections import deque
from typing import Callable, Iterable, Iterator

from flows.transform_stage import parse_units  # noqa: F401  (the flows call it from here)
from transforms.tables import ParsedUnit, Unit
from warehouse.faults import crash_point
from warehouse.load import BatchResult
from warehouse.search_index import sync as sync_search
from warehouse.sources import Discovery
from warehouse.writer import Plan, Warehouse


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

    def markdown(self) -> str:
        """The run as a Markdown artifact: files, rows per table, diagnostics, rejects."""
        p = self.plan
        lines = [f"## Ingest {self.status}", "", "| files new | changed | skipped | rejected |", "|---|---|---|---|",
                 f"| {p.new} | {p.changed} | {p.skipped} | {len(self.rejected)} |", "",
                 "| table | rows |", "|---|---|", *[f"| {t} | {n} |" for t, n in sorted(self.rows.items())]]
        lines += ["", "Diagnostics: " + (", ".join(f"{k}: {v}" for k, v in sorted(self.diagnostics.items())) or "none")]
        lines += [f"- rejected `{path}`: {why}" for path, why in self.rejected]
        lines += [f"- failed batch: {why}" for why in self.failed_batches]
        return "\n".join(lines)


def batches(units: list[Unit], max_units: int = 32, max_bytes: int = 40_000_000) -> list[list[Unit]]:
    """Group units so each batch carries enough work to dwarf per-task and per-transaction costs,
    yet stays small in memory."""
    out, current, size = [], [], 0
    for unit in units:
        unit_bytes = sum(f.bytes for f in unit.files)
        if current and (len(current) >= max_units or size + unit_bytes > max_bytes):
            out.append(current)
            current, size = [], 0
        current.append(unit)
        size += unit_bytes
    return out + ([current] if current else [])


def parsed_in_order(todo: list[list[Unit]], submit: Callable, ahead: int) -> Iterator[list[ParsedUnit]]:
    """Batches parsed `ahead` at a time (`submit(batch)` returns a future), yielded in order; the bounded
    look-ahead keeps memory flat however many days there are."""
    in_flight: deque = deque(submit(b) for b in todo[:ahead])
    for done in range(1, len(todo) + 1):
        parsed = in_flight.popleft().result()
        if done + ahead <= len(todo):
            in_flight.append(submit(todo[done + ahead - 1]))
        yield parsed


def load_parsed(wh: Warehouse, found: Discovery, plan: Plan, parsed_batches: Iterable[list[ParsedUnit]], *,
                load: Callable[[Warehouse, list[ParsedUnit]], BatchResult], flow_label: str, started: datetime,
                on_batch: Callable[[int, BatchResult], None] | None = None) -> IngestSummary:
    """Load each parsed batch in order (one DuckDB transaction each), then record the run in `runs`."""
    summary = IngestSummary(plan, ignored=found.ignored)
    rows: Counter = Counter()
    diags: Counter = Counter()
    for done, parsed in enumerate(parsed_batches, 1):
        for p in parsed:
            diags.update(p.diagnostics)
            if p.rejected:
                summary.rejected += [(f.path, p.reason) for f in p.unit.files]
        result = load(wh, parsed)
        if result.failed:
            summary.failed_batches.append(result.failed)
        else:  # a failed batch rolled back: its rows are not in the warehouse, so the summary does not count them
            rows.update(result.rows)
        if on_batch:
            on_batch(done, result)
    summary.rows, summary.diagnostics = dict(rows), dict(diags)
    crash_point("record_run")
    message = "; ".join([f"{p}: {why}" for p, why in summary.rejected] + summary.failed_batches)[:2000]
    summary.run_id = wh.record_run(flow=flow_label, started_at=started, status=summary.status, plan=plan,
                                   rejected=len(summary.rejected), rows=summary.rows,
                                   diagnostics=summary.diagnostics, message=message)
    sync_search(wh.con, wh.home)  # after the commits: the index follows what the warehouse holds
    return summary
