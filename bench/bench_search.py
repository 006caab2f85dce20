"""Search index benchmark over the generated year (bench_marts's home: 365 days x 300 entries, one feed).

Measured, in one process, each a median of `--repeats` runs:
  - build: the whole index from the year's warehouse (warehouse.search_index.build);
  - new day: an update that re-derives one day's papers, as the ingest's sync does after a new day
    (the index is first made to forget the latest digest, so the sync finds it new);
  - the static search page's index (search-index.js): its size for the year's latest 90 days;
  - search at 1M listings: the year's listings, digests and summaries replicated into extra feeds inside a
    copy of the warehouse (bench_marts's scaling), indexed, then two-word queries of frequent title words
    (each query run `--repeats` times, after one warm-up; the median over every run), plus --like.

    .venv/bin/python bench/bench_search.py [--repeats 5] [--listings 1000000] [--queries 20] [--skip-scale]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from bench.bench_marts import ensure_home  # noqa: E402
from warehouse.home import Home  # noqa: E402


CPU: list[float] = []  # CPU seconds of this process (its threads and DuckDB's included) of the last median_s


def median_s(fn, repeats: int) -> tuple[float, object]:
    """Median wall seconds of `repeats` calls and the last value; CPU[0] holds the median CPU seconds (on a
    shared host the wall time swings with the neighbours, this process's CPU time much less)."""
    runs, cpu, value = [], [], None
    for _ in range(repeats):
        started, used = time.perf_counter(), time.process_time()
        value = fn()
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    CPU[:] = [statistics.median(cpu)]
    return statistics.median(runs), value


def forget_latest_day(home: Home) -> str:
    """Make the index forget the latest digest's stamp, so the next sync re-derives that day's papers."""
    from warehouse.search_index import current_index

    db = sqlite3.connect(current_index(home))
    (digest,) = db.execute("select max(digest_id) from indexed_digests").fetchone()
    db.execute("delete from indexed_digests where digest_id = ?", (digest,))
    db.commit()
    db.close()
    return digest


def scaled_home(home: Home, listings: int) -> tuple[Home, int]:
    """A home whose warehouse holds `listings` listings: the year's copied into extra feeds (bench_marts)."""
    import duckdb

    target = Home.resolve(OUT / "search-scaled-home")
    shutil.rmtree(target.root, ignore_errors=True)
    target.root.mkdir(parents=True)
    shutil.copy(home.database, target.database)
    con = duckdb.connect(str(target.database), config={"threads": 2, "memory_limit": "1536MB"})
    base = con.sql("select count(*) from listings").fetchall()[0][0]
    copies = max(1, -(-listings // base) - 1)
    for table in ("listings", "digests"):
        con.execute(f"""insert into {table} by name
                        select l.* replace (feed || '-copy' || k as feed, feed || '-copy' || k || '/' || digest_date as digest_id)
                        from {table} l, range(1, ? + 1) r(k)""", [copies])
    con.execute("""insert into summaries by name
                   select s.* replace (split_part(s.digest_id, '/', 1) || '-copy' || k || '/' ||
                                       split_part(s.digest_id, '/', 2) as digest_id)
                   from summaries s, range(1, ? + 1) r(k)""", [copies])
    total = con.sql("select count(*) from listings").fetchall()[0][0]
    con.close()
    return target, total


def two_word_queries(home: Home, n: int) -> list[str]:
    """`n` two-word queries: frequent title word pairs of the index (ranks 1, 3, 5, ...: common and middling)."""
    from transforms.search_text import words
    from warehouse.search import open_index

    db = open_index(home)
    pairs = Counter()
    for (title,) in db.execute("select title from docs limit 20000"):
        tokens = [w for w in words(title) if w.isalpha() and len(w) > 3]
        pairs.update(zip(tokens, tokens[1:]))
    db.close()
    return [" ".join(p) for p, _ in pairs.most_common(2 * n)[::2]][:n]


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--repeats", type=int, default=5)
    args.add_argument("--listings", type=int, default=1_000_000)
    args.add_argument("--queries", type=int, default=20)
    args.add_argument("--skip-scale", action="store_true", help="only the year: build and one new day")
    ns = args.parse_args()

    from warehouse.db import connect_writer
    from warehouse.search import search, similar
    from warehouse.search_index import build, current_index, sync

    year = ensure_home(365, 300)
    con = connect_writer(year.database)
    con.execute("set enable_progress_bar = false")
    papers, listings = con.sql("select (select count(*) from papers), (select count(*) from listings)").fetchall()[0]
    print(f"year: {papers:,} papers, {listings:,} listings")
    took, result = median_s(lambda: build(con, year), ns.repeats)
    print(f"build the whole index: median {took:.2f} s (CPU {CPU[0]:.2f} s) of {ns.repeats} ({result.papers:,} papers, "
          f"{current_index(year).stat().st_size / 1e6:.0f} MB)")

    def new_day():
        forget_latest_day(year)
        return sync(con, year)

    took, result = median_s(new_day, ns.repeats)
    print(f"update for one new day: median {1000 * took:.0f} ms (CPU {1000 * CPU[0]:.0f} ms) of {ns.repeats} "
          f"({result.papers} papers re-derived)")
    con.close()
    if ns.skip_scale:
        return

    scaled, total = scaled_home(year, ns.listings)
    con = connect_writer(scaled.database)
    con.execute("set enable_progress_bar = false")
    started = time.perf_counter()
    build(con, scaled)
    con.close()
    print(f"1M: {total:,} listings; index built in {time.perf_counter() - started:.1f} s "
          f"({current_index(scaled).stat().st_size / 1e6:.0f} MB)")
    queries = two_word_queries(scaled, ns.queries)
    runs, cpus, per_query = [], [], []
    for q in queries:
        search(scaled, q)  # warm-up
        times = []
        for _ in range(ns.repeats):
            started, used = time.perf_counter(), time.process_time()
            hits = search(scaled, q)
            times.append(time.perf_counter() - started)
            cpus.append(time.process_time() - used)
        runs += times
        per_query.append((q, 1000 * statistics.median(times), len(hits)))
    print(f"search, two-word queries (20 hits each, snippets included): median {1000 * statistics.median(runs):.1f} ms "
          f"(CPU {1000 * statistics.median(cpus):.1f} ms) over {len(runs)} runs of {len(queries)} queries; slowest query median "
          f"{max(m for _, m, _ in per_query):.1f} ms")
    for q, ms, n in per_query:
        print(f"  {q!r:40s} {ms:7.1f} ms")
    ids = [h.arxiv_id for h in search(scaled, queries[0], limit=10)]
    took = statistics.median([median_s(lambda a=a: similar(scaled, a), 1)[0] for a in ids])
    print(f"--like (10 papers, first call each): median {1000 * took:.0f} ms")
    page_index_size(year)


def page_index_size(home: Home) -> None:
    """The static search page's index (reports/search-index.js) for the year: papers of the latest 90 days."""
    from dashboards.report_pages.search import index_script
    from warehouse.marts import build_and_publish
    from warehouse.published import NothingPublished, open_published

    try:
        con = open_published(home.published)
    except NothingPublished:
        build_and_publish(home)
        con = open_published(home.published)
    script = index_script(con).encode()
    n = con.sql("select count(*) from paper_briefs, (select max(last_seen) as d from paper_briefs) "
                "where last_seen > d - interval 90 day").fetchall()[0][0]
    con.close()
    print(f"search page index (search-index.js): {len(script) / 1e6:.1f} MB for {n:,} papers of the latest 90 days")


if __name__ == "__main__":
    main()
