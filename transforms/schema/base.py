"""Column and Table: how a table's columns, types and contract are declared.

A declaration builds the polars/arrow frames (`Table.arrow_schema`), the Parquet files,
the DuckDB DDL (`Table.ddl`), the load-time checks, and docs/warehouse.md.

Layers: `raw` tables hold one digest's facts and are written to the Parquet lake one file
per digest; `conformed` tables are derived inside DuckDB from the raw ones; `ops` tables
record what the pipeline did.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

# One vocabulary of column types, mapped to Arrow and DuckDB.
_ARROW = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us", tz="UTC"),
    "VARCHAR[]": pa.list_(pa.string()),
}
_DUCKDB = {"TIMESTAMP": "TIMESTAMPTZ"}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str
    nullable: bool = True
    # Volatile columns (load times, run ids) differ between equal runs; content hashes skip them.
    volatile: bool = False
    accepted: tuple[str, ...] = ()

    @property
    def duckdb_type(self) -> str:
        return _DUCKDB.get(self.type, self.type)


@dataclass(frozen=True)
class Table:
    name: str
    layer: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    # (column, "table.column") pairs checked at load time.
    references: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, _ARROW[c.type], nullable=c.nullable) for c in self.columns])

    def ddl(self) -> str:
        cols = [f'    "{c.name}" {c.duckdb_type}{"" if c.nullable else " NOT NULL"}' for c in self.columns]
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n" + ",\n".join(cols) + "\n);"

    def empty(self) -> pa.Table:
        return self.arrow_schema.empty_table()

    def from_columns(self, columns: dict[str, list], n: int) -> pa.Table:
        """Column lists (a missing column is all null; a scalar is repeated n times) -> an Arrow table with this schema."""
        full = {c: columns.get(c, [None] * n) for c in self.column_names}
        full = {c: v if isinstance(v, list) else [v] * n for c, v in full.items()}
        return pa.Table.from_pydict(full, schema=self.arrow_schema)

    def from_rows(self, rows: list[dict]) -> pa.Table:
        """Rows as dicts (missing keys are null) -> an Arrow table with exactly this schema."""
        return pa.Table.from_pylist(rows, schema=self.arrow_schema)
