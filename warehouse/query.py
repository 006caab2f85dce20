"""Read-only SQL for users: one SELECT at a time, on a connection that cannot write or reach outside files."""

from __future__ import annotations

import re

import duckdb

from warehouse.db import connect_reader, is_lock_conflict, lock_holder
from warehouse.home import Home

_ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}
_EXPLAIN = re.compile(r"^\s*explain\s+(analy[sz]e\s+)?", re.IGNORECASE)


class QueryRefused(ValueError):
    """The query is not a read (CLI exit code 2)."""


class WarehouseMissing(FileNotFoundError):
    """No warehouse at the data home yet (CLI exit code 2)."""


class WarehouseLocked(RuntimeError):
    """A writer holds the warehouse right now (CLI exit code 3)."""


def check_read_only(query: str) -> None:
    """Refuse anything but one SELECT or EXPLAIN statement (a trailing `;` is fine), naming what is wrong."""
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise QueryRefused(f"cannot parse query: {str(exc).splitlines()[0]}") from None
    if not statements:
        raise QueryRefused("empty query")
    if len(statements) > 1:  # DuckDB would run them all and show only the last
        raise QueryRefused(f"refused: `sql` runs one statement at a time, and this query holds {len(statements)}; "
                           f"run them one by one")
    st = statements[0]
    if st.type == duckdb.StatementType.EXPLAIN and _EXPLAIN.match(st.query):
        check_read_only(_EXPLAIN.sub("", st.query, count=1))  # EXPLAIN ANALYZE runs what it explains
    elif st.type not in _ALLOWED:
        kind = st.type.name.lower().replace("_", " ")
        raise QueryRefused(f"refused: `sql` only reads; {kind.upper()} statements are not allowed")


def open_reader(home: Home) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse, or a clear error when it is missing or being written."""
    if not home.database.exists():
        raise WarehouseMissing(f"no warehouse at {home.database}; run `arxiv-digest ingest SOURCES` first")
    try:
        return connect_reader(home.database)
    except duckdb.IOException as exc:
        if is_lock_conflict(exc):
            raise WarehouseLocked(f"the warehouse {home.database} is open for writing in another process, "
                                  f"{lock_holder(exc)}; retry when it is done") from None
        raise


def run_query(home: Home, query: str) -> tuple[list[str], list[tuple]]:
    """Run one read-only query; returns (column names, rows)."""
    check_read_only(query)
    con = open_reader(home)
    try:
        rel = con.sql(query)
        if rel is None:
            return [], []
        return list(rel.columns), rel.fetchall()
    except duckdb.Error as exc:
        raise QueryRefused(str(exc).splitlines()[0]) from None
    finally:
        con.close()
