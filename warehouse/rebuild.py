"""Rebuild warehouse.duckdb from the lake alone: the committed Parquet files are the source of truth.

Files are read through the lake's fsspec filesystem (local disk or object storage), so no DuckDB
extension is needed. The new database is built beside the old one and swapped in only when complete.
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from transforms.schema import RAW
from warehouse.checks import enforce
from warehouse.db import connect_writer, is_lock_conflict, lock_holder
from warehouse.faults import crash_point
from warehouse.home import Home, reason_of
from warehouse.lake import Lake
from warehouse.load import _rebuild_conformed
from warehouse.lock import WarehouseBusy, writer_lock
from warehouse.search_index import build as build_search

_RAW_NAMES = {t.name for t in RAW}


class RebuildError(RuntimeError):
    """The lake cannot be turned back into one consistent warehouse (CLI exit code 2)."""


@dataclass
class RebuildResult:
    files: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def committed_files(home: Home, lake: Lake) -> tuple[list[str], list[str]]:
    """(lake files to read, files passed over). When the old warehouse is readable its `lake_files` commit log
    decides; otherwise every finished Parquet file of a raw table counts."""
    present = [rel for rel in lake.listing() if rel.endswith(".parquet") and rel.split("/", 1)[0] in _RAW_NAMES]
    if home.database.exists():
        try:
            con = duckdb.connect(str(home.database), read_only=True)
            try:
                committed = {r[0] for r in con.sql("select path from lake_files").fetchall()}
            finally:
                con.close()
            return [p for p in present if p in committed], [p for p in present if p not in committed]
        except duckdb.Error as exc:
            if is_lock_conflict(exc):
                raise WarehouseBusy(f"the warehouse {home.database} is open in another process, {lock_holder(exc)}; "
                                    "close it there and rebuild again") from None
            pass  # a damaged warehouse is exactly why one rebuilds: fall back to the whole lake
    return present, []


def _wal(database: Path) -> Path:
    return database.with_name(database.name + ".wal")


def _fold_log(database: Path) -> None:
    """Checkpoint the old warehouse so no write-ahead log of it (a killed run leaves one) outlives the swap:
    DuckDB refuses to open a database beside a log that is not its own."""
    if not database.exists():
        return
    try:
        duckdb.connect(str(database)).close()  # opening replays the log; closing checkpoints and removes it
    except duckdb.Error:
        pass  # damaged: the rebuild replaces it, and its log goes with it after the swap


def _carry_runs(con: duckdb.DuckDBPyConnection, database: Path) -> None:
    """Copy the run history from the old warehouse when it can still be read: the lake does not hold it."""
    if not database.exists():
        return
    try:
        con.execute("attach ? as old_warehouse (read_only)", [str(database)])
    except duckdb.Error:
        return  # damaged: its history is lost with it
    try:
        con.execute("insert into runs by name select * from old_warehouse.runs")
    except duckdb.Error:
        pass  # no runs table in it (not one of ours): nothing to carry
    finally:
        con.execute("detach old_warehouse")


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame) -> None:
    con.register("incoming", frame)
    con.execute(f"insert into {table} by name select * from incoming")
    con.unregister("incoming")


def _unreadable(lake: Lake, rel: str, exc: Exception) -> RebuildError:
    return RebuildError(f"cannot read the lake file {lake.full(rel)}: {reason_of(exc)} ({type(exc).__name__}); "
                        "restore or delete it and rebuild again (the warehouse was left as it was)")


def rebuild(home: Home, *, wait_seconds: float = 60.0) -> RebuildResult:
    """Recreate `<home>/warehouse.duckdb` from the lake's committed Parquet files; returns files and rows read.

    Holds the writer lock throughout; raises RebuildError when the lake holds no committed file (the warehouse
    is left as it was) or a day has two versions of one table (an uncommitted leftover the commit log can no
    longer tell apart).
    """
    home.ensure()
    lake = Lake(home.lake)
    result = RebuildResult()
    with writer_lock(home.writer_lock, wait_seconds=wait_seconds):
        rels, result.skipped = committed_files(home, lake)
        if not rels:  # most likely a wrong --lake: never swap a warehouse for an empty one
            passed = f" ({len(result.skipped)} uncommitted files passed over)" if result.skipped else ""
            raise RebuildError(f"no committed files in the lake {lake.url}{passed}; check --lake "
                               "(the warehouse was left as it was)")
        _fold_log(home.database)
        tmp = home.root / ".warehouse.rebuild.duckdb"
        tmp.unlink(missing_ok=True)
        _wal(tmp).unlink(missing_ok=True)  # a killed rebuild's log would not match the fresh file
        con = connect_writer(tmp)
        try:
            seen: dict[tuple[str, str], str] = {}
            commits, rows = [], defaultdict(int)
            con.execute("begin transaction")
            for rel in rels:
                table = rel.split("/", 1)[0]
                try:
                    frame = lake.read(rel)
                    digest_ids = set(frame.column("digest_id").to_pylist())
                except Exception as exc:  # not Parquet, truncated, no digest_id: whatever pyarrow or fsspec raises
                    raise _unreadable(lake, rel, exc) from None
                for digest_id in digest_ids:
                    if (table, digest_id) in seen:
                        raise RebuildError(f"two lake files hold {table} of {digest_id}: {seen[table, digest_id]} and "
                                           f"{rel}; delete the stale one and rebuild again")
                    seen[table, digest_id] = rel
                    commits.append((table, digest_id, rel))
                try:
                    _insert(con, table, frame)
                except duckdb.Error as exc:  # columns that are not the table's
                    raise _unreadable(lake, rel, exc) from None
                crash_point("rebuild_insert")
                rows[table] += frame.num_rows
            con.execute("create temp table affected_papers as select distinct arxiv_id from listings")
            con.execute("create temp table affected_authors (author_id varchar)")
            _rebuild_conformed(con)
            con.executemany("insert into lake_files values (?, ?, ?)", [list(c) for c in commits])
            _carry_runs(con, home.database)
            enforce(con, scoped=False)  # every row: nothing of this warehouse was checked before
            con.execute("commit")
        except BaseException:
            con.close()
            tmp.unlink(missing_ok=True)
            raise
        con.close()
        crash_point("rebuild_swap")
        os.replace(tmp, home.database)  # readers see the old warehouse or the new one, never half of one
        _wal(home.database).unlink(missing_ok=True)  # left only by a damaged old warehouse: it cannot match the new one
        con = connect_writer(home.database)
        try:  # the search index is derived from the warehouse: a new one for the new warehouse
            build_search(con, home)
        finally:
            con.close()
        result.files, result.rows = len(rels), dict(rows)
    return result
