"""Where a cold ingest's seconds go: the default (untracked) ingest of the bench year's first N days, Markdown and
twins, under cProfile in one process, summed by stage (the functions each stage is, inclusive of what they call).

    .venv/bin/python bench/profile_ingest.py [--days 60]      # the corpus is bench_ingest's (bench/out/)

Parsing runs on a thread beside the loads, as in the CLI; cProfile sees only the thread it is enabled in, so the
parse thread is profiled too (threading.setprofile) and the stages of both are added up, in CPU seconds of their
thread (time.thread_time), so waiting for the GIL, the disk or other processes does not count.
cProfile inflates Python-heavy stages most, so the transform stages are then timed again without a profiler
(CPU seconds per stage, same days, one process).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# stage -> (file suffix, function name) whose cumulative time is the stage's
STAGES = {
    "discover (hash files)": ("warehouse/sources.py", "discover"),
    "read files": ("warehouse/sources.py", "read_bytes"),
    "Markdown parser": ("transforms/parse/__init__.py", "parse_digest_bytes"),
    "twin reader": ("transforms/jsonl.py", "parse_jsonl_bytes"),
    "twin merge": ("transforms/parse/merge.py", "merge_twin"),
    "raw tables (Arrow)": ("transforms/tables.py", "digest_tables"),
    "lake: Parquet encode + write + sync": ("warehouse/lake.py", "write_units"),
    "DuckDB: raw deletes + inserts": ("warehouse/load.py", "_replace_raw"),
    "DuckDB: conformed rebuild": ("warehouse/load.py", "_rebuild_conformed"),
    "DuckDB: contract checks": ("warehouse/checks.py", "enforce"),
    "whole load_batch": ("warehouse/load.py", "load_batch"),
}


def main() -> None:
    from bench.bench_ingest import link_days, make_corpus
    from flows.ingest_plain import ingest_local
    from warehouse.home import Home

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=60)
    args = ap.parse_args()
    year = make_corpus(365, 300)
    days = sorted({p.name[:10] for p in year.glob("*.md")})[: args.days]
    work = Path(tempfile.mkdtemp(prefix="profile-ingest-"))
    src = link_days(year, work / "src" / "bench", days, (".md", ".jsonl"))
    size = sum(p.stat().st_size for p in src.iterdir()) / 1e6

    profiles: list[cProfile.Profile] = []

    def per_thread(*_):  # started in each new thread: profile it into its own Profile
        threading.setprofile(None)
        prof = cProfile.Profile(time.thread_time)  # CPU time of the thread: other processes' load does not count
        profiles.append(prof)
        prof.enable()

    t = time.perf_counter(), time.process_time()
    ingest_local([str(src)], Home.resolve(work / "home-unprofiled"))
    print(f"unprofiled: {time.perf_counter() - t[0]:.2f} s wall, {time.process_time() - t[1]:.2f} CPU-s")
    main_prof = cProfile.Profile(time.thread_time)
    threading.setprofile(per_thread)
    wall, cpu = time.perf_counter(), time.process_time()
    main_prof.enable()
    summary = ingest_local([str(src)], Home.resolve(work / "home"))
    main_prof.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    threading.setprofile(None)
    for prof in profiles:
        prof.disable()
    stats = pstats.Stats(main_prof)
    for prof in profiles:
        stats.add(prof)
    print(f"{len(days)} days, {size:.0f} MB md + twins, {summary.rows.get('listings', 0)} listings: "
          f"profiled: {wall:.2f} s wall, {cpu:.2f} CPU-s in this process; CPU-s per stage, both threads:")
    for stage, (suffix, name) in STAGES.items():
        total = sum(v[3] for (f, _, fn), v in stats.stats.items() if f.endswith(suffix) and fn == name)
        print(f"  {stage:<40} {total:6.2f} s")
    print("top 15 functions by own time:")
    stats.sort_stats("tottime").print_stats(15)
    unprofiled(src)
    shutil.rmtree(work, ignore_errors=True)


def unprofiled(src: Path) -> None:
    """The transform stages of the same days, timed with time.process_time and no profiler."""
    from datetime import date

    from transforms import merge_twin, parse_digest_bytes, parse_jsonl_bytes
    from transforms.tables import SourceFile, Unit, digest_tables
    from warehouse.lake import encode

    spent = dict.fromkeys(["read", "Markdown parser", "twin reader", "twin merge", "raw tables (Arrow)",
                           "Parquet encode"], 0.0)
    for md in sorted(src.glob("*.md")):
        twin = md.with_suffix(".jsonl")
        if not twin.exists():  # the corpus's planted bad days (an HTML error page, no twin): the ingest rejects them
            continue
        t = time.process_time()
        data, twin_data = md.read_bytes(), twin.read_bytes()
        spent["read"] += time.process_time() - t
        t = time.process_time()
        digest = parse_digest_bytes(data, source=str(md))
        spent["Markdown parser"] += time.process_time() - t
        t = time.process_time()
        from_twin = parse_jsonl_bytes(twin_data, source=str(twin))
        spent["twin reader"] += time.process_time() - t
        t = time.process_time()
        merged = merge_twin(digest, from_twin)
        spent["twin merge"] += time.process_time() - t
        unit = Unit("bench", f"bench-{md.stem}", date.fromisoformat(md.stem[:10]),
                    (SourceFile(str(md), "", len(data), "digest"), SourceFile(str(twin), "", len(twin_data), "twin")))
        t = time.process_time()
        tables = digest_tables(unit, merged)
        spent["raw tables (Arrow)"] += time.process_time() - t
        t = time.process_time()
        for table in tables.values():
            if table.num_rows:
                encode(table)
        spent["Parquet encode"] += time.process_time() - t
    print("transform stages without a profiler (CPU-s):")
    for stage, seconds in spent.items():
        print(f"  {stage:<40} {seconds:6.2f} s")


if __name__ == "__main__":
    main()
