"""Ingest benchmark: a generated year (365 days x ~300 entries) through the real `ingest` flow.

Measured in one run, side by side:
  - the cold ingest, against DuckDB reading the same days' .jsonl twins with read_json (the limit);
  - adding one day to the 364 others, against the same day into an empty warehouse;
  - a no-op rerun;
  - peak RSS of the ingest process.
Prefect's fixed start (the ephemeral API, ~10-15 s) is excluded: a warm-up flow runs first.

    .venv/bin/python bench/bench_ingest.py [--days 365] [--entries 300] [--repeat 3] [--parse-workers 2]
    .venv/bin/python bench/bench_ingest.py --one-day-only [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"


def make_corpus(days: int, entries: int) -> Path:
    """Generate (once, cached) one feed with a twin for every day; in a child so its memory is not counted."""
    corpus = OUT / f"corpus-{days}x{entries}"
    if not (corpus / ".done").exists():
        shutil.rmtree(corpus, ignore_errors=True)
        code = (
            "import sys; from pathlib import Path\n"
            "from transforms.generate import generate_corpus, FeedSpec, ALL_CATEGORIES\n"
            f"files = generate_corpus({days}, 11, feeds=[FeedSpec('bench', 'plain', ALL_CATEGORIES, 1.0, 'all')], "
            f"entries_per_day={entries})\n"
            f"root = Path({str(corpus)!r})\n"
            "for f in files:\n"
            "    p = root / f.path; p.parent.mkdir(parents=True, exist_ok=True); p.write_bytes(f.data)\n"
            "(root / '.done').write_text('ok')\n"
        )
        subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return corpus / "bench"


def child(args: argparse.Namespace) -> None:
    """Runs in a fresh process: warm Prefect, time one ingest, print JSON with seconds and peak RSS."""
    from flows.settings import configure, prepare_flows
    from warehouse.home import Home

    home = Home.resolve(args.home)
    configure(home)
    prepare_flows()  # as the CLI does before its first flow
    from prefect import flow

    @flow
    def warm() -> int:
        return 1

    warm()
    from flows.ingest import ingest

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu = _cpu_seconds()
    t = time.perf_counter()
    summary = ingest(args.sources, str(home.root), wait_seconds=0)
    seconds = time.perf_counter() - t
    print(json.dumps({"seconds": seconds, "cpu": _cpu_seconds() - cpu, "status": summary.status,
                      "listings": summary.rows.get("listings", 0),
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "rss_before_mb": rss_before / 1024,
                      "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the parse workers, once the flow has shut them down)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed_ingest(home: Path, sources: list[str], parse_workers: int = 0) -> dict:
    # the loader syncs to disk on commit: flush what earlier steps wrote first, so no step pays for another's
    os.sync()
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1", "PREFECT_LOGGING_LEVEL": "ERROR",
           "ARXIV_DIGEST_PARSE_WORKERS": str(parse_workers)}
    proc = subprocess.run([sys.executable, __file__, "--child", "--home", str(home), *sources],
                          capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"ingest child failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def read_json_limit(corpus: Path) -> float:
    import duckdb

    con = duckdb.connect()
    t = time.perf_counter()
    con.sql(f"create table t as select * from read_json('{corpus}/*.jsonl', format='newline_delimited')")
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=365)
    ap.add_argument("--entries", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--parse-workers", type=int, default=0,
                    help="also time a cold ingest with this many parse worker processes (ARXIV_DIGEST_PARSE_WORKERS)")
    ap.add_argument("--one-day-only", action="store_true",
                    help="only the add-one-day step against the same day into an empty warehouse")
    ap.add_argument("--child", action="store_true")
    ap.add_argument("--home")
    ap.add_argument("sources", nargs="*")
    args = ap.parse_args()
    if args.child:
        return child(args)

    corpus = make_corpus(args.days, args.entries)
    md_bytes = sum(p.stat().st_size for p in corpus.glob("*.md"))
    twin_bytes = sum(p.stat().st_size for p in corpus.glob("*.jsonl"))
    work = OUT / "homes"
    shutil.rmtree(work, ignore_errors=True)
    days = sorted(p.stem for p in corpus.glob("*.md"))
    last = days[-1]
    rest = OUT / "rest"
    shutil.rmtree(rest, ignore_errors=True)
    (rest / "bench").mkdir(parents=True)
    for p in corpus.iterdir():
        if not p.name.startswith(last) and not p.name.startswith("."):
            os.link(p, rest / "bench" / p.name)
    one = OUT / "one"
    shutil.rmtree(one, ignore_errors=True)
    (one / "bench").mkdir(parents=True)
    for p in corpus.glob(f"{last}*"):
        os.link(p, one / "bench" / p.name)

    if not args.one_day_only:
        limit = statistics.median(read_json_limit(corpus) for _ in range(args.repeat))
        cold = timed_ingest(work / "cold", [str(corpus)])
        pooled = timed_ingest(work / "cold-pool", [str(corpus)], args.parse_workers) if args.parse_workers > 1 else None
        noop = statistics.median(timed_ingest(work / "cold", [str(corpus)])["seconds"] for _ in range(args.repeat))
    empty_one, add_one = [], []
    for i in range(args.repeat):
        empty_one.append(timed_ingest(work / f"empty-{i}", [str(one)])["seconds"])
        timed_ingest(work / f"grow-{i}", [str(rest)])
        for p in one.glob("bench/*"):
            os.link(p, rest / "bench" / p.name) if not (rest / "bench" / p.name).exists() else None
        add_one.append(timed_ingest(work / f"grow-{i}", [str(rest)])["seconds"])
        for p in one.glob("bench/*"):
            (rest / "bench" / p.name).unlink()
    e1, a1 = statistics.median(empty_one), statistics.median(add_one)
    print(f"add one day to {len(days) - 1}: {a1:.2f} s; same day into an empty warehouse: {e1:.2f} s; "
          f"ratio {a1 / e1:.2f}x (target <= 1.3x); median of {args.repeat} "
          f"(add: {', '.join(f'{t:.2f}' for t in add_one)}; empty: {', '.join(f'{t:.2f}' for t in empty_one)})")
    if args.one_day_only:
        return
    print(f"corpus: {len(days)} days, {cold['listings']} listings, {md_bytes / 1e6:.0f} MB markdown + {twin_bytes / 1e6:.0f} MB jsonl twins")
    print(f"DuckDB read_json of the twins (limit), median of {args.repeat}: {limit:.2f} s")
    print(f"cold ingest: {cold['seconds']:.2f} s = {cold['seconds'] / limit:.1f}x the limit (target <= 3x); "
          f"{(md_bytes + twin_bytes) / 1e6 / cold['seconds']:.1f} MB/s; {cold['listings'] / cold['seconds']:.0f} listings/s; "
          f"{cold['cpu']:.1f} CPU-s (flow process and parse workers)")
    if pooled:
        print(f"cold ingest with {args.parse_workers} parse worker processes: {pooled['seconds']:.2f} s = "
              f"{pooled['seconds'] / limit:.1f}x the limit; {pooled['cpu']:.1f} CPU-s; flow process peak RSS "
              f"{pooled['rss_mb']:.0f} MB, largest worker {pooled['worker_rss_mb']:.0f} MB")
    print(f"no-op rerun: {noop:.2f} s")
    print(f"peak RSS of the cold ingest process: {cold['rss_mb']:.0f} MB (target <= 1024 MB; "
          f"{cold['rss_before_mb']:.0f} MB before the ingest started: Python + Prefect)")


if __name__ == "__main__":
    main()
