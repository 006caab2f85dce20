"""Loading a batch of parsed units: Parquet to the lake, then one DuckDB transaction that replaces exactly
those units' rows, rebuilds the conformed rows they touch, and checks every contract before committing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import duckdb
import pyarrow as pa

from transforms.schema import BY_NAME, RAW
from transforms.tables import ParsedUnit
from warehouse.checks import enforce
from warehouse.db import sql_text
from warehouse.faults import crash_point
from warehouse.lake import Lake

_CONFORMED_BY_PAPER = ("papers", "paper_authors", "paper_categories")


@dataclass
class BatchResult:
    loaded: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    failed: str | None = None


def _concat(parsed: list[ParsedUnit], table: str, loaded_at: datetime) -> pa.Table:
    parts = [p.tables[table] for p in parsed if table in p.tables and p.tables[table].num_rows]
    out = pa.concat_tables(parts) if parts else BY_NAME[table].empty()
    if table == "digests" and out.num_rows:
        stamp = pa.array([loaded_at] * out.num_rows, BY_NAME[table].arrow_schema.field("loaded_at").type)
        out = out.set_column(out.schema.get_field_index("loaded_at"), "loaded_at", stamp)
    return out


def _replace_raw(con: duckdb.DuckDBPyConnection, parsed: list[ParsedUnit], loaded_at: datetime) -> dict[str, int]:
    """Delete the batch units' old raw rows and insert the new ones; returns rows inserted per table."""
    con.execute("insert into affected_papers select distinct arxiv_id from listings "
                "where digest_id in (select digest_id from batch_units)")
    rows = {}
    for table in RAW:
        by_path = " or path in (select path from batch_files)" if table.name in ("files", "diagnostics") else ""
        con.execute(f"delete from {table.name} where digest_id in (select digest_id from batch_units){by_path}")
        crash_point("after_delete")
        new = _concat(parsed, table.name, loaded_at)
        if new.num_rows:
            con.register("incoming", new)
            con.execute(f"insert into {table.name} by name select * from incoming")
            con.unregister("incoming")
            crash_point("after_insert")
        rows[table.name] = new.num_rows
    con.execute("insert into affected_papers select distinct arxiv_id from listings "
                "where digest_id in (select digest_id from batch_units) "
                "and arxiv_id not in (select arxiv_id from affected_papers)")
    return rows


def _rebuild_conformed(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute papers, their authors and categories for the affected papers only."""
    con.execute("insert into affected_authors select distinct author_id from paper_authors "
                "where arxiv_id in (select arxiv_id from affected_papers)")
    for name in _CONFORMED_BY_PAPER:
        con.execute(f"delete from {name} where arxiv_id in (select arxiv_id from affected_papers)")
        con.execute(f"insert into {name} by name {sql_text('conformed/' + name)}")
    con.execute("insert into affected_authors select distinct author_id from paper_authors "
                "where arxiv_id in (select arxiv_id from affected_papers) "
                "and author_id not in (select author_id from affected_authors)")
    con.execute("delete from authors where author_id in (select author_id from affected_authors)")
    con.execute(f"insert into authors by name {sql_text('conformed/authors')}")
    con.execute("delete from categories where not known and code not in (select category from paper_categories)")
    con.execute(f"insert into categories by name {sql_text('conformed/unknown_categories')}")


def load_batch(con: duckdb.DuckDBPyConnection, lake: Lake, parsed: list[ParsedUnit]) -> BatchResult:
    """Write the batch to the lake, then commit it to DuckDB in one transaction; on any failure nothing of it stays.

    Old lake files of replaced units are deleted only after the commit, so a crash at any point leaves
    either the old or the new version committed, and `Lake.collect_garbage` removes the rest.
    """
    result = BatchResult()
    if not parsed:
        return result
    loaded_at = datetime.now(timezone.utc)
    written: dict[str, list[tuple[str, str]]] = {}
    committed = {r[0] for r in con.execute("select path from lake_files where digest_id in (select unnest(?))",
                                            [[p.unit.digest_id for p in parsed]]).fetchall()}
    encoded = {p.unit.digest_id: p.encoded for p in parsed if p.encoded}
    for digest_id, tables in lake.write_units([(p.unit, p.tables) for p in parsed], committed, encoded).items():
        written[digest_id] = list(tables.items())
    crash_point("before_begin")
    con.execute("begin transaction")
    try:
        con.execute("create or replace temp table batch_units (digest_id varchar)")
        con.execute("create or replace temp table batch_files (path varchar)")
        con.execute("create or replace temp table affected_papers (arxiv_id varchar)")
        con.execute("create or replace temp table affected_authors (author_id varchar)")
        # unnest of a list parameter: one statement instead of executemany's one per row
        con.execute("insert into batch_units select unnest(?)", [[p.unit.digest_id for p in parsed]])
        con.execute("insert into batch_files select unnest(?)", [[f.path for p in parsed for f in p.unit.files]])
        old_files = {r[0] for r in con.sql("select path from lake_files where digest_id in (select digest_id from batch_units)").fetchall()}
        result.rows = _replace_raw(con, parsed, loaded_at)
        _rebuild_conformed(con)
        crash_point("after_conformed")
        con.execute("delete from lake_files where digest_id in (select digest_id from batch_units)")
        entries = [(table, digest_id, rel) for digest_id, items in written.items() for table, rel in items]
        if entries:
            con.execute("insert into lake_files select unnest(?), unnest(?), unnest(?)", [list(c) for c in zip(*entries)])
        enforce(con)
        crash_point("before_commit")
        con.execute("commit")
    except Exception as exc:
        con.execute("rollback")
        new_paths = {rel for items in written.values() for _, rel in items}
        committed = {r[0] for r in con.sql("select path from lake_files").fetchall()}
        lake.remove(sorted(new_paths - committed))
        result.failed = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return result
    crash_point("after_commit")
    lake.remove(sorted(old_files - {rel for items in written.values() for _, rel in items}))
    result.loaded = [p.unit.digest_id for p in parsed]
    return result
