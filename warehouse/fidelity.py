"""Fidelity per feed and field, from `fidelity` rows: completeness and twin agreement, and what falls below the bound.

The same query (the `feed_fidelity` mart's SQL) answers for the warehouse (`status`), for parsed-but-unloaded
tables (`check`, on an in-memory DuckDB) and, built as a mart, for the report's Data quality page.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

from transforms.schema.tables import FIDELITY_FIELDS
from warehouse.db import sql_text

DEFAULT_MIN = 0.99
_COLUMNS = ("feed", "field", "measure", "scope", "first_day", "last_day", "n_days", "n", "n_ok", "n_missing", "share",
            "flagged",
            "example_id", "example_path", "example_line", "example")
MEASURES = {"complete": "completeness", "twin": "twin agreement"}


def fidelity_rows(con: duckdb.DuckDBPyConnection, bound: float = DEFAULT_MIN) -> list[dict]:
    """Every `feed_fidelity` row for the `fidelity` table `con` can read: per feed, field and measure (scope
    `feed`), and each run of days below `bound` (scope `days`), ordered by feed, field, measure, scope, day."""
    con.execute(f"set variable fidelity_min = {float(bound)!r}")
    try:
        rows = con.sql(f"select * from ({sql_text('marts/feed_fidelity')}) "
                       "order by feed, field, measure, scope desc, first_day").fetchall()
    finally:
        con.execute("reset variable fidelity_min")
    order = {f: i for i, f in enumerate(FIDELITY_FIELDS)}
    return sorted((dict(zip(_COLUMNS, r)) for r in rows), key=lambda r: (r["feed"], order[r["field"]]))


def rows_of_tables(fidelity: list[pa.Table], bound: float = DEFAULT_MIN) -> list[dict]:
    """`fidelity_rows` for `fidelity` tables that were parsed but never loaded, in a throwaway in-memory DuckDB."""
    from transforms.schema import BY_NAME

    table = pa.concat_tables([BY_NAME["fidelity"].empty(), *fidelity])
    con = duckdb.connect(":memory:", config={"autoinstall_known_extensions": False,
                                             "autoload_known_extensions": False})
    try:
        con.register("fidelity", table)
        return fidelity_rows(con, bound)
    finally:
        con.close()


def has_fidelity(con: duckdb.DuckDBPyConnection) -> bool:
    """False for a warehouse made before the `fidelity` table existed (nothing has been checked in it yet)."""
    return bool(con.sql("select count(*) from duckdb_tables() where table_name = 'fidelity'").fetchall()[0][0])


def flag_line(row: dict) -> str:
    """One flagged row as one line: feed, field, measure, share, extent and an example entry."""
    span = (f"{row['n_days']} days" if row["scope"] == "feed" else
            f"{row['first_day']}" + (f" to {row['last_day']}, {row['n_days']} days" if row["n_days"] > 1 else ""))
    where = row["feed"] if row["scope"] == "feed" else f"{row['feed']} {span}"
    shown = (f", {row['n_missing']} not in the digest" if row["measure"] == "twin" and row["n_missing"] else "")
    line = (f"{where}: {row['field']} {MEASURES[row['measure']]} {row['share']:.1%} "
            f"({row['n_ok']} of {row['n']} entries{shown}" + (f", {span})" if row["scope"] == "feed" else ")"))
    if row["example_id"]:
        at = f"{row['example_path']}:{row['example_line']}" if row["example_line"] else row["example_path"]
        what = row["example"] or f"no {row['field']}"
        line += f", e.g. {row['example_id']} at {at}: {what}"
    return line
