"""Shared pieces of the reliability proof: corpora on disk, subprocess runs, and what a sound warehouse looks like."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from warehouse.checks import violations
from tests.helpers import fingerprints, write_files  # noqa: F401  (re-exported)

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / ".venv" / "bin" / "arxiv-digest"


def child_env(**extra: str) -> dict:
    """The environment for a product subprocess: telemetry off, nothing in $HOME, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARXIV_DIGEST_")}
    env.update({"DO_NOT_TRACK": "1", "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONPATH": str(REPO)})
    env.update(extra)
    return env


def open_ro(home: Path) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)


def contract_violations(home: Path) -> list[str]:
    with open_ro(home) as con:
        return violations(con)


def rows(home: Path, query: str, params: list | None = None) -> list[tuple]:
    with open_ro(home) as con:
        return con.execute(query, params or []).fetchall()


def lake_state(home: Path) -> tuple[set[str], set[str], list[str]]:
    """(committed lake paths, Parquet files on disk, temp files on disk), paths relative to <home>/lake."""
    lake = home / "lake"
    committed = {r[0] for r in rows(home, "select path from lake_files")}
    on_disk = {p.relative_to(lake).as_posix() for p in lake.rglob("*.parquet")} if lake.exists() else set()
    temps = [p.name for p in lake.rglob(".tmp-*")] if lake.exists() else []
    return committed, on_disk, temps


def snapshot(root: Path) -> dict[str, int]:
    """Every path under `root` (files, dirs, links) with its size: compare two to see that nothing was created."""
    if not root.exists():
        return {}
    return {str(p.relative_to(root)): (p.lstat().st_size if not p.is_dir() else -1) for p in root.rglob("*")}
