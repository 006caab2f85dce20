"""Content hashes per table: equal warehouses have equal fingerprints, whatever order rows arrived in."""

from __future__ import annotations

import duckdb

from transforms.schema import TABLES


def table_fingerprints(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """{table: (row count, order-free hash of the non-volatile columns)} for every raw and conformed table."""
    out = {}
    for table in TABLES:
        if table.layer not in ("raw", "conformed"):
            continue
        cols = [f'"{c.name}"' for c in table.columns if not c.volatile]
        row = con.sql(f"select count(*), coalesce(sum(hash({', '.join(cols)})::hugeint), 0) from {table.name}").fetchall()[0]
        out[table.name] = (int(row[0]), int(row[1]))
    return out


def mart_fingerprints(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[int, int]]:
    """{mart: (row count, order-free hash of every column)} for every mart model and the marts built in Python."""
    from warehouse.models import models  # noqa: PLC0415  (the raw/conformed fingerprints need no models)

    out = {}
    for name in ["author_clusters", "terms", "paper_terms", *(m.name for m in models())]:
        cols = [f'"{r[0]}"' for r in con.sql(f"describe {name}").fetchall()]
        row = con.sql(f"select count(*), coalesce(sum(hash({', '.join(cols)})::hugeint), 0) from {name}").fetchall()[0]
        out[name] = (int(row[0]), int(row[1]))
    return out
