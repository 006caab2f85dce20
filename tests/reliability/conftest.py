"""Shared pieces of the reliability proof: corpora on disk, subprocess runs, and what a sound warehouse looks like."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
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


# Runs the command as its own child and writes that child's exit code and peak RSS to a file. The launcher is a
# small fresh process: a process spawned straight from a pytest worker starts its RSS high-water mark at the
# worker's own peak (Linux carries it across vfork/exec), so a worker that had grown to 1 GB made a 270 MB
# ingest read as 1 GB.
_LAUNCHER = """
import json, os, subprocess, sys
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
with open(sys.argv[1], "w") as fh:
    json.dump({"code": os.waitstatus_to_exitcode(status), "max_rss": usage.ru_maxrss * 1024}, fh)
"""


def run_measured(argv: list[str], env: dict, stdout, stderr, timeout: float = 600) -> tuple[int, int]:
    """(exit code, peak RSS in bytes of that command alone); killed, and an AssertionError, after `timeout` s."""
    report = Path(stdout.name).with_suffix(".usage.json")
    proc = subprocess.Popen([sys.executable, "-c", _LAUNCHER, str(report), *map(str, argv)], env=env,
                            stdout=stdout, stderr=stderr, start_new_session=True)
    try:
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise AssertionError(f"{' '.join(map(str, argv))} still running after {timeout:.0f} s") from None
    usage = json.loads(report.read_text())
    return usage["code"], usage["max_rss"]


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
