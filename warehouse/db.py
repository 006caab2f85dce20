"""Opening the DuckDB warehouse and laying out its tables from the declared schema."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import duckdb

from transforms.schema import TABLES
from transforms.taxonomy import taxonomy

SQL = files("warehouse").joinpath("sql")


def sql_text(name: str) -> str:
    """The text of `warehouse/sql/<name>.sql`."""
    return SQL.joinpath(f"{name}.sql").read_text(encoding="utf-8")


def connect_writer(path: Path) -> duckdb.DuckDBPyConnection:
    """The one read-write connection; callers hold the writer lock first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), config={"threads": 2, "memory_limit": "512MB"})
    ensure_schema(con)
    return con


def connect_reader(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that can reach no file, extension or database beyond the warehouse."""
    con = duckdb.connect(str(path), read_only=True, config={
        "enable_external_access": False,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    })
    con.execute("SET lock_configuration = true")
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create every declared table and view that is missing, and seed the category taxonomy once."""
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
