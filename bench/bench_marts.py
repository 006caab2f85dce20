"""Marts and report benchmark over a generated year (365 days x ~300 entries, ingested through the spine).

Measured, in one process:
  - cold: every mart built from scratch, tokenising every paper's title, abstract and keywords, then a
    publish of every table (3 times, median);
  - new day: one day's papers tokenised again (what a daily run costs), then every mart rebuilt;
  - steady: a rebuild with nothing new to tokenise;
  - publish (Parquet snapshot) and the whole report site, each after the steady build;
  - daily: the year's last day taken out and the marts built, then that day ingested for real, then marts built
    and published and the site written, as a daily run does (3 times, median);
  - at 1M listings (the year's listings replicated into extra feeds inside a copy of the warehouse: same
    papers, ten times the listings): each model's build timed as `create table as`, then the questions
    readers ask of each mart (dashboards.queries, as the site and the explorer run them) against the
    warehouse tables and against the published Parquet snapshot.

    .venv/bin/python bench/bench_marts.py [--listings 1000000] [--cold-repeats 3] [--daily-repeats 3]
                                          [--skip-scale | --scale-only | --daily-only]

The corpus is the ingest benchmark's (bench/out/corpus-365x300, one feed); it is generated and ingested
into bench/out/marts-home once and reused.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))

from warehouse.home import Home  # noqa: E402


def ensure_home(days: int, entries: int) -> Home:
    """The ingested year, made once (corpus via bench_ingest's generator, ingest via flows.ingest_plain)."""
    home = Home.resolve(OUT / f"marts-home-{days}x{entries}")
    if not (home.root / ".ingested").exists():
        from bench.bench_ingest import make_corpus  # noqa: PLC0415

        corpus = make_corpus(days, entries)
        shutil.rmtree(home.root, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "flows.ingest_plain", "--home", str(home.root), str(corpus)],
                       check=False, cwd=ROOT)
        (home.root / ".ingested").write_text("ok")
    return home


CPU: list[tuple[str, float, float]] = []  # (step, wall s, cpu s of this process, DuckDB threads included)


def timed(fn, *args, label: str = ""):
    started, cpu = time.perf_counter(), time.process_time()
    value = fn(*args)
    wall = time.perf_counter() - started
    if label:
        CPU.append((label, wall, time.process_time() - cpu))
    return wall, value


def cold_build(con):
    """Every mart from scratch: `full=True` where builds are incremental, a plain build before that."""
    from warehouse.marts import build_marts

    try:
        return build_marts(con, full=True)
    except TypeError:
        return build_marts(con)


def bench_year(home: Home, cold_repeats: int) -> None:
    from dashboards import embed
    from dashboards.site import build_site
    from warehouse.marts import build_marts
    from warehouse.published import publish
    from warehouse.writer import Warehouse

    shutil.rmtree(home.root / ".cache", ignore_errors=True)  # the site's first build makes the JS bundle
    with Warehouse(home) as wh:
        con = wh.con
        n = con.sql("select (select count(*) from listings), (select count(*) from papers), "
                    "(select count(*) from digests)").fetchall()[0]
        print(f"year: {n[0]:,} listings, {n[1]:,} papers, {n[2]} digests")
        colds, cold_pubs = [], []
        for _ in range(cold_repeats):  # each from an untokenised warehouse, each followed by a full publish
            con.execute("drop table if exists paper_terms; drop table if exists paper_term_sources; "
                        "drop table if exists terms")
            cold, result = timed(cold_build, con, label="cold build")
            colds.append(cold)
            print(f"cold build (tokenise {result.papers_tokenised:,} papers): {cold:.2f} s")
            print("  " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(result.seconds.items(), key=lambda kv: -kv[1])))
            cold_pubs.append(timed(publish, con, home.published, label="publish every table")[0])
        last_day = con.sql("select max(first_seen) from papers").fetchall()[0][0]
        con.execute("delete from paper_term_sources where arxiv_id in "
                    "(select arxiv_id from papers where first_seen = ?)", [last_day])
        new_day, result = timed(build_marts, con, label="new day + all marts")
        print(f"new day (tokenise {result.papers_tokenised} papers) + all marts: {new_day:.2f} s")
        steady = [timed(build_marts, con, label="steady rebuild") for _ in range(3)]
        print(f"steady rebuild, nothing to tokenise: median {statistics.median(s for s, _ in steady):.2f} s of 3")
        print("  " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(steady[-1][1].seconds.items(), key=lambda kv: -kv[1])))
        pub, _ = timed(lambda: publish(con, home.published, unchanged=frozenset({"terms", "paper_terms"})),
                       label="publish")
        print(f"publish snapshot: median {statistics.median(cold_pubs):.2f} s writing every table, "
              f"{pub:.2f} s linking unchanged paper_terms")
    embed.vega_bundle.cache_clear()
    first_site, index = timed(build_site, home, label="site, first (bundle)")
    site = [timed(site_as_a_new_process_would, home, label="report site")[0] for _ in range(3)]
    size = sum(p.stat().st_size for p in index.parent.rglob("*") if p.is_file()) / 1e6  # pages and the shared bundle
    print(f"report site: first {first_site:.2f} s (builds the JS bundle), then median {statistics.median(site):.2f} s "
          f"of 3; {len(list(index.parent.rglob('*.html')))} pages, {size:.1f} MB")
    totals = sorted(c + p + statistics.median(site) for c, p in zip(colds, cold_pubs))
    print(f"cold total (cold build + publish every table + site, bundle cached): "
          f"median {statistics.median(totals):.2f} s of {len(totals)} ({', '.join(f'{t:.2f}' for t in totals)})")
    print(f"daily total (new day marts + publish + site): {new_day + pub + statistics.median(site):.2f} s")
    for label, wall, cpu in CPU:
        print(f"  {label:22s} wall {wall:6.2f} s   cpu {cpu:6.2f} s")


def site_as_a_new_process_would(home: Home):
    """The report site with the search index's in-process memo of document frequencies emptied first: a
    scheduled run builds its site in a new process, where that memo starts empty."""
    from dashboards.site import build_site
    from warehouse import search

    search._DF.clear()
    return build_site(home)


def forget_last_day(home: Home) -> tuple[str, list[Path]]:
    """Take the year's last digest out of the warehouse, as if it had never been ingested (its raw rows, lake
    files and the conformed rows of its papers, through the loader's own steps); returns (digest_id, its files)."""
    from datetime import datetime, timezone

    from warehouse.load import _rebuild_conformed, _replace_raw
    from warehouse.writer import Warehouse

    with Warehouse(home) as wh:
        con = wh.con
        digest_id, md, twin = con.sql("select digest_id, path, twin_path from digests "
                                      "order by digest_date desc limit 1").fetchall()[0]
        lake = [r[0] for r in con.sql("select path from lake_files where digest_id = ?", params=[digest_id]).fetchall()]
        con.execute("begin transaction")
        for temp in ("batch_units (digest_id varchar)", "batch_files (path varchar)",
                     "affected_papers (arxiv_id varchar)", "affected_authors (author_id varchar)"):
            con.execute(f"create or replace temp table {temp}")
        con.execute("insert into batch_units values (?)", [digest_id])
        con.execute("insert into batch_files select path from files where path in (?, ?)", [md, twin or md])
        _replace_raw(con, [], datetime.now(timezone.utc))
        _rebuild_conformed(con)
        con.execute("delete from lake_files where digest_id = ?", [digest_id])
        con.execute("commit")
        wh.lake.remove(lake)
    return digest_id, [Path(p) for p in (md, twin) if p]


def bench_daily(home: Home, repeats: int) -> None:
    """The daily path, `repeats` times: the year without its last day and its marts built (untimed), then that day
    ingested (timed on its own), then what a daily run does after an ingest: marts built and published, site
    written (`flows.downstream.after_ingest`'s two steps)."""
    from dashboards.site import build_site
    from flows.ingest_plain import ingest_plain
    from warehouse.marts import build_and_publish, build_marts
    from warehouse.writer import Warehouse

    corpus = ROOT / "bench" / "out" / "corpus-365x300" / "bench"
    ingest_plain([str(corpus)], home)  # every day there (a day an interrupted run took out comes back)
    totals = []
    for _ in range(repeats):
        digest_id, paths = forget_last_day(home)
        build_and_publish(home)  # the day before's run: its marts, published
        day = OUT / "daily" / digest_id.split("/")[0]
        shutil.rmtree(day.parent, ignore_errors=True)
        day.mkdir(parents=True)
        for path in paths:
            shutil.copy(corpus / path.name, day / path.name)
        wall, outcome = timed(ingest_plain, [str(day)], home, label="daily: ingest the day")
        assert outcome["rows"].get("digests") == 1 and not outcome["failed_batches"], outcome
        marts, result = timed(build_and_publish, home, label="daily: marts + publish")
        site, _ = timed(site_as_a_new_process_would, home, label="daily: site")
        totals.append(marts + site)
        print(f"daily: ingest {digest_id} {wall:.2f} s; marts + publish {marts:.2f} s "
              f"(publish {result.seconds.get('publish', 0):.2f}); site {site:.2f} s; total after ingest {marts + site:.2f} s")
        print("  " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(result.seconds.items(), key=lambda kv: -kv[1])))
        changes = getattr(result, "changes", None)
        if changes is not None:  # this code, not the code before incremental marts
            from warehouse.fingerprint import mart_fingerprints

            print(f"  incremental: {changes}; redone for the changes only: {sorted(result.incremental)}; "
                  f"coauthor keys recounted {result.recounted}")
            with Warehouse(home) as wh:
                after = mart_fingerprints(wh.con)
                build_marts(wh.con, full=True)
                print(f"  every mart the same as a build from scratch: {mart_fingerprints(wh.con) == after}")
    print(f"daily total (marts + publish + site after the new day's ingest): median {statistics.median(totals):.2f} s "
          f"of {len(totals)} ({', '.join(f'{t:.2f}' for t in totals)})")


def reader_queries(con) -> list[tuple[str, str, object]]:
    """(mart, question, call) for the questions the site and the explorer ask (dashboards.queries), with
    arguments picked from the data: the busiest feed, its top author and its top rising term."""
    from dashboards import queries as q

    feed = con.sql("select feed from feed_papers where feed <> '*' group by feed order by count(*) desc, feed limit 1"
                   ).fetchall()[0][0]
    author = q.leaderboard(con, "all", feed, top=1)["author_id"][0]
    authors = q.leaderboard(con, "all", top=25)["author_id"].to_list()
    term = q.rising(con, feed, top=1)["term"][0]
    first, start, end = con.sql("select min(first_seen), max(first_seen) - 30, max(first_seen) from feed_papers"
                                ).fetchall()[0]
    return [
        ("feed_papers", "explorer: one feed, last 30 days", lambda: q.papers_matching(con, start, end, [feed])),
        ("paper_terms", "explorer: a term, all dates", lambda: q.papers_matching(con, first, end, term=term)),
        ("paper_briefs", "latest 20 papers of 25 authors", lambda: q.recent_papers(con, authors)),
        ("authors", "explorer: authors whose name has a", lambda: q.authors_named(con, "a", feed)),
        ("feed_papers", "explorer: an author's latest in a feed", lambda: q.author_papers(con, author, feed)),
        ("author_leaderboard", "feed, 30 days, top 50", lambda: q.leaderboard(con, "30d", feed, top=50)),
        ("author_activity", "weekly papers of an author", lambda: q.author_timelines(con, [author], feed)),
        ("coauthor_edges", "top 15 co-authors of an author", lambda: q.coauthors(con, [author], feed)),
        ("coauthor_edges", "strongest 20 pairs of a feed", lambda: q.strongest_pairs(con, feed)),
        ("new_vs_returning_authors", "a feed by week", lambda: q.new_vs_returning(con, feed)),
        ("term_trends", "weekly timeline of a term", lambda: q.term_timelines(con, [term], feed)),
        ("term_trends", "top 20 phrases of a feed", lambda: q.popular_phrases(con, feed)),
        ("rising_terms", "top 25 of a feed", lambda: q.rising(con, feed)),
        ("category_activity", "a feed by week", lambda: q.category_periods(con, "week", feed)),
        ("feed_health", "days of a feed", lambda: q.feed_days(con, feed)),
        ("relisting", "top 50 of a feed", lambda: q.relisted(con, feed, top=50)),
    ]


def time_queries(con, runs: int = 5) -> dict[tuple[str, str], float]:
    """Median wall ms of each reader question, after one warm-up run."""
    out = {}
    for mart, question, call in reader_queries(con):
        call()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        out[(mart, question)] = 1000 * statistics.median(times)
    return out


def bench_scale(home: Home, listings: int) -> None:
    """Over `listings` listings (the year's listings copied into extra feeds): each model's build alone, then
    the readers' questions against the warehouse and against its published Parquet snapshot."""
    import duckdb

    from dashboards.site import render_site
    from warehouse.models import models
    from warehouse.published import open_published, publish

    scaled = OUT / "marts-scaled.duckdb"
    published = OUT / "marts-scaled-published"
    scaled.unlink(missing_ok=True)
    shutil.rmtree(published, ignore_errors=True)
    shutil.copy(home.database, scaled)
    con = duckdb.connect(str(scaled), config={"threads": 2, "memory_limit": "1536MB"})
    base = con.sql("select count(*) from listings").fetchall()[0][0]
    copies = max(1, -(-listings // base) - 1)
    con.execute("""insert into listings by name
                   select l.* replace (feed || '-copy' || k as feed, feed || '-copy' || k || '/' || digest_date as digest_id)
                   from listings l, range(1, ? + 1) r(k)""", [copies])
    con.execute("""insert into digests by name
                   select l.* replace (feed || '-copy' || k as feed, feed || '-copy' || k || '/' || digest_date as digest_id)
                   from digests l, range(1, ? + 1) r(k)""", [copies])
    con.execute("""insert into summaries by name
                   select s.* replace (split_part(s.digest_id, '/', 1) || '-copy' || k || '/' ||
                                       split_part(s.digest_id, '/', 2) as digest_id)
                   from summaries s, range(1, ? + 1) r(k)""", [copies])
    total = con.sql("select count(*) from listings").fetchall()[0][0]
    print(f"scale: {total:,} listings ({copies} copies of {base:,} into extra feeds), "
          f"{con.sql('select count(*) from paper_terms').fetchall()[0][0]:,} paper terms")
    print("build, each model alone (create or replace table ... as), median of 3:")
    for model in models():
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            con.execute(f"create or replace table {model.name} as\n{model.sql}")
            runs.append(time.perf_counter() - started)
        rows = con.sql(f"select count(*) from {model.name}").fetchall()[0][0]
        print(f"  {model.name:26s} median {1000 * statistics.median(runs):7.0f} ms  ({rows:,} rows)")
    in_warehouse = time_queries(con)
    started = time.perf_counter()
    publish(con, published)
    print(f"publish the 1M-listing snapshot: {time.perf_counter() - started:.2f} s")
    con.close()
    reader = open_published(published)
    in_snapshot = time_queries(reader)
    started = time.perf_counter()
    site = render_site(reader)
    print(f"report site from the 1M-listing snapshot (render only, {len(site)} pages): "
          f"{time.perf_counter() - started:.2f} s")
    reader.close()
    print("reader questions (dashboards.queries), median of 5 after a warm-up: warehouse table | published Parquet")
    for (mart, question), ms in in_warehouse.items():
        print(f"  {mart:26s} {question:34s} {ms:7.1f} ms | {in_snapshot[(mart, question)]:7.1f} ms")
    scaled.unlink(missing_ok=True)
    shutil.rmtree(published, ignore_errors=True)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--days", type=int, default=365)
    args.add_argument("--entries", type=int, default=300)
    args.add_argument("--listings", type=int, default=1_000_000)
    args.add_argument("--cold-repeats", type=int, default=3, help="cold builds (each with a full publish)")
    args.add_argument("--daily-repeats", type=int, default=3, help="new days ingested, each then marts + site")
    args.add_argument("--daily-only", action="store_true", help="only the daily path (no cold builds, no scale)")
    args.add_argument("--skip-scale", action="store_true")
    args.add_argument("--scale-only", action="store_true")
    ns = args.parse_args()
    home = ensure_home(ns.days, ns.entries)
    if not ns.scale_only:
        if not ns.daily_only:
            bench_year(home, ns.cold_repeats)
        if ns.daily_repeats:
            CPU.clear()
            bench_daily(home, ns.daily_repeats)
            for label, wall, cpu in CPU:
                print(f"  {label:22s} wall {wall:6.2f} s   cpu {cpu:6.2f} s")
    if not (ns.skip_scale or ns.daily_only):
        bench_scale(home, ns.listings)


if __name__ == "__main__":
    main()
