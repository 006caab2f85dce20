"""Small helpers the test folders share: writing generated corpora and reading a warehouse read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb

from warehouse.fingerprint import table_fingerprints


def write_files(files, root: Path) -> Path:
    """Generated files (`.path`, `.data`) -> files under `root`; returns `root`."""
    for f in files:
        target = root / f.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f.data)
    return root


def _read(home: Path, fn):
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return fn(con)
    finally:
        con.close()


def fingerprints(home: Path) -> dict:
    """Row count and content hash per table of the warehouse under `home`."""
    return _read(home, table_fingerprints)


def query(home: Path, sql: str) -> list[tuple]:
    """Every row of a read-only query on the warehouse under `home`."""
    return _read(home, lambda con: con.sql(sql).fetchall())


def scalar(home: Path, sql: str):
    """The first value of a read-only query."""
    return query(home, sql)[0][0]
