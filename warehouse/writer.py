"""A writing session on one data home: the writer lock, the DuckDB connection, and the lake, held together."""

from __future__ import annotations

import json
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import datetime, timezone

from transforms.tables import ParsedUnit, Unit
from warehouse.db import connect_writer
from warehouse.home import Home
from warehouse.lake import Lake
from warehouse.load import BatchResult, load_batch
from warehouse.lock import writer_lock


@dataclass
class Plan:
    """Units to (re)process, and per-file counts for the run summary."""

    todo: list[Unit] = field(default_factory=list)
    new: int = 0
    changed: int = 0
    skipped: int = 0


class Warehouse:
    """`with Warehouse(home) as wh:` holds the writer lock for the block; nothing else writes meanwhile.

    Opening also removes lake files that no commit references (left by a crashed run).
    """

    def __init__(self, home: Home, *, wait_seconds: float = 60.0):
        self.home = home
        self.wait_seconds = wait_seconds
        self._stack = ExitStack()

    def __enter__(self) -> "Warehouse":
        self.home.ensure()
        started = time.monotonic()
        self._stack.enter_context(writer_lock(self.home.writer_lock, wait_seconds=self.wait_seconds))
        try:  # __exit__ does not run when __enter__ raises: release the lock here, or this process keeps it
            # what is left of the wait goes to a process that is not ours but has the file open
            self.con = connect_writer(self.home.database,
                                      wait_seconds=max(0.0, self.wait_seconds - (time.monotonic() - started)))
            self._stack.callback(self.con.close)
            self.lake = Lake(self.home.lake)
            committed = {r[0] for r in self.con.sql("select path from lake_files").fetchall()}
            self.lake.collect_garbage(committed)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    def known_files(self) -> dict[str, tuple[int, int | None, str]]:
        """{path: (bytes, mtime_ns, sha256)} of every file loaded or rejected before."""
        return {p: (b, m, h) for p, b, m, h in self.con.sql("select path, bytes, mtime_ns, sha256 from files").fetchall()}

    def plan(self, units: list[Unit], *, force: bool = False) -> Plan:
        """Skip units whose every file is loaded with the same hash (unless `force`: a backfill redoes them all);
        count files new, changed and skipped (a forced unchanged file counts as changed)."""
        rows = self.con.sql("select path, sha256, mtime_ns from files").fetchall()
        known = {p: h for p, h, _ in rows}
        mtimes = {p: m for p, _, m in rows}
        plan = Plan()
        # Unchanged content under a new mtime: remember the mtime so the next run need not read the file.
        touched = [[f.mtime_ns, f.path] for u in units for f in u.files
                   if f.mtime_ns is not None and known.get(f.path) == f.sha256 and mtimes.get(f.path) != f.mtime_ns]
        if touched:
            self.con.executemany("update files set mtime_ns = ? where path = ?", touched)
        for unit in units:
            states = ["skipped" if known.get(f.path) == f.sha256 and not force else "changed" if f.path in known
                      else "new" for f in unit.files]
            plan.new += states.count("new")
            plan.changed += states.count("changed")
            plan.skipped += states.count("skipped")
            if any(s != "skipped" for s in states):
                plan.todo.append(unit)
        return plan

    def load(self, parsed: list[ParsedUnit]) -> BatchResult:
        return load_batch(self.con, self.lake, parsed)

    def record_run(self, *, flow: str, started_at: datetime, status: str, plan: Plan, rejected: int,
                   rows: dict[str, int], diagnostics: dict[str, int], message: str) -> str:
        """Append a `runs` row; returns its run id."""
        run_id = uuid.uuid4().hex[:12]
        self.con.execute(
            "insert into runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [run_id, flow, started_at, datetime.now(timezone.utc), status, plan.new, plan.changed, plan.skipped,
             rejected, json.dumps(rows, sort_keys=True), json.dumps(diagnostics, sort_keys=True), message],
        )
        return run_id
