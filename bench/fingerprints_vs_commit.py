"""Same warehouse before and after a change: ingest the same sources with the code of an earlier commit (its
`python -m flows.ingest_plain`, from a `git archive` of that commit) and with this checkout's default CLI ingest,
then compare the content hash per table (warehouse/fingerprint.py). Nothing is pinned: both sides are computed now.

    .venv/bin/python bench/fingerprints_vs_commit.py --commit 3cea80a SOURCE...    # e.g. ../shared/samples/digests
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from warehouse.fingerprint import table_fingerprints  # noqa: E402


def fingerprints(home: Path) -> dict:
    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        return table_fingerprints(con)
    finally:
        con.close()


def ingest(code_root: Path, argv: list[str], label: str) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PYTHONPATH=str(code_root), DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    t = time.perf_counter()
    done = subprocess.run([sys.executable, *argv], cwd=code_root, env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{label} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commit", required=True, help="the earlier commit (e.g. the one before the change)")
    ap.add_argument("sources", nargs="+")
    args = ap.parse_args()
    sources = [str(Path(s).resolve()) for s in args.sources]
    work = Path(tempfile.mkdtemp(prefix="fingerprints-"))
    old = work / "old-code"
    old.mkdir()
    archive = subprocess.run(["git", "archive", args.commit], cwd=ROOT, capture_output=True, check=True).stdout
    tarfile.open(fileobj=io.BytesIO(archive)).extractall(old)
    t_old = ingest(old, ["-m", "flows.ingest_plain", "--home", str(work / "old"), *sources], f"ingest at {args.commit}")
    t_new = ingest(ROOT, ["-m", "flows.cli", "--home", str(work / "new"), "ingest", *sources], "ingest now")
    before, after = fingerprints(work / "old"), fingerprints(work / "new")
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    print(f"{args.commit} (flows.ingest_plain, {t_old:.1f} s) against {head} (default CLI ingest, {t_new:.1f} s):")
    for table in sorted(before.keys() | after.keys()):
        b, a = before.get(table), after.get(table)
        print(f"  {table:<20} {'same' if a == b else 'DIFFERENT'}  rows {b[0] if b else '-'} / {a[0] if a else '-'}")
    same = before == after
    print("identical warehouse" if same else "the warehouses differ")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
