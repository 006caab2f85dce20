"""Opening the DuckDB warehouse and laying out its tables from the declared schema."""

from __future__ import annotations

import re
import time
from importlib.resources import files
from pathlib import Path

import duckdb

from warehouse.home import HomeError
from warehouse.lock import WarehouseBusy

SQL = files("warehouse").joinpath("sql")


class WarehouseUnreadable(HomeError):
    """The warehouse file is there but cannot be a DuckDB database (a folder, empty, damaged): exit code 2."""


def check_database_file(path: Path) -> None:
    """Raise WarehouseUnreadable when `path` exists but is no DuckDB database. Reads 12 bytes (DuckDB's magic
    `DUCK` sits at 8-12), so commands can check before a flow starts, even while another process writes it."""
    if not path.exists() and not path.is_symlink():
        return
    if path.is_dir():
        problem = "it is a folder"
    else:
        try:
            with open(path, "rb") as fh:
                head = fh.read(12)
        except OSError as exc:
            problem = exc.strerror or str(exc)
        else:
            problem = None if head[8:12] == b"DUCK" else "it is not a DuckDB database (empty or damaged)"
    if problem:
        raise _unreadable(path, problem)


def _unreadable(path: Path, problem: str) -> WarehouseUnreadable:
    return WarehouseUnreadable(f"cannot open the warehouse {path}: {problem}; `arxiv-digest rebuild` recreates it "
                               "from the lake")


# DuckDB names the process holding its file lock: `... Conflicting lock is held in /usr/bin/python3 (PID 42)`
_HOLDER = re.compile(r"lock is held in (.+?) \(PID (\d+)\)")


def is_lock_conflict(exc: BaseException) -> bool:
    """True for DuckDB's error when another process has the database file open (its file lock)."""
    return isinstance(exc, duckdb.IOException) and "lock" in str(exc).lower()


def lock_holder(exc: BaseException) -> str:
    """Who holds the DuckDB file, from DuckDB's lock error: `python3.11 (PID 42)`, or `another process`."""
    m = _HOLDER.search(str(exc))
    return f"{Path(m[1]).name} (PID {m[2]})" if m else "another process"


def _connect(path: Path, **options) -> duckdb.DuckDBPyConnection:
    check_database_file(path)
    try:
        return duckdb.connect(str(path), **options)
    except duckdb.IOException as exc:
        if is_lock_conflict(exc):
            raise  # another process has it open: callers say busy
        raise _unreadable(path, str(exc).splitlines()[0]) from None


def sql_text(name: str) -> str:
    """The text of `warehouse/sql/<name>.sql`."""
    return SQL.joinpath(f"{name}.sql").read_text(encoding="utf-8")


def connect_writer(path: Path, *, wait_seconds: float = 0.0, poll: float = 0.5) -> duckdb.DuckDBPyConnection:
    """The one read-write connection; callers hold the writer lock first.

    The writer lock keeps our own runs apart; a process that is not ours (a DuckDB shell, a notebook) can still
    have the file open. Then this retries for `wait_seconds` and raises WarehouseBusy naming that process.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    while True:
        try:
            con = _connect(path, config={"threads": 2, "memory_limit": "512MB"})
            break
        except duckdb.IOException as exc:  # _connect lets only lock conflicts through
            if time.monotonic() >= deadline:
                raise WarehouseBusy(f"the warehouse {path} is open in another process, {lock_holder(exc)}; gave up "
                                    f"after {wait_seconds:.0f}s (close it there, raise --wait or retry later)") from None
            time.sleep(poll)
    ensure_schema(con)
    return con


def connect_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that can reach no file, extension or database beyond the warehouse."""
    con = _connect(path, read_only=True, config={
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    })
    con.execute("SET lock_configuration = true")
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every declared table and view that is missing, and seed the category taxonomy once."""
    # imported here: readers (status, sql) never need the schemas, and pyarrow's import is a third of their start
    from transforms.schema import TABLES
    from transforms.taxonomy import taxonomy

    have = set(con.sql("select table_name, column_name from information_schema.columns").fetchall())
    for table in TABLES:
        if table.layer != "view":
            con.execute(table.ddl())
            for c in table.columns:  # a warehouse made by an older version gains new columns in place
                if (table.name, c.name) not in have and any(t == table.name for t, _ in have):
                    con.execute(f'alter table {table.name} add column "{c.name}" {c.duckdb_type}')
    con.execute(sql_text("views/rejects"))
    if con.sql("select count(*) from categories where known").fetchall()[0][0] == 0:
        rows = [(c.code, c.archive, c.group_name, c.name, True) for c in taxonomy().values()]
        con.executemany("insert into categories values (?, ?, ?, ?, ?)", rows)
