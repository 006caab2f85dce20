"""Headline figures of a warehouse: what it holds and how the last run went."""

from __future__ import annotations

from warehouse.fidelity import fidelity_rows, has_fidelity
from warehouse.home import Home
from warehouse.query import open_reader

_COUNTS = {
    "digests": "select count(*) from digests",
    "feeds": "select count(distinct feed) from digests",
    "papers": "select count(*) from papers",
    "listings": "select count(*) from listings",
    "authors": "select count(*) from authors",
    "rejects": "select count(*) from rejects",
    "first_day": "select min(digest_date)::varchar from digests",
    "last_day": "select max(digest_date)::varchar from digests",
}


# Per feed: its digests, the days they span, the days in that span with no digest loaded (a missing file or one
# rejected whole) and its rejects, so a stalled or gappy feed shows without building the marts.
_PER_FEED = """
    with days as (
        select feed, count(*) as digests, min(digest_date) as first_day, max(digest_date) as last_day,
               count(distinct digest_date) as n_days
        from digests
        group by feed
    ),
    rejected as (
        select feed, count(*) as rejects from rejects group by feed
    ),
    rewritten as (  -- days whose file the git history holds in more than one version (the last one is loaded)
        select feed, count(distinct digest_id) as rewritten_days from files where git_versions > 1 group by feed
    )
    select coalesce(d.feed, r.feed) as feed, coalesce(d.digests, 0) as digests, d.first_day::varchar as first_day,
           d.last_day::varchar as last_day,
           coalesce(cast(d.last_day - d.first_day + 1 - d.n_days as bigint), 0) as missing_days,
           coalesce(r.rejects, 0) as rejects, coalesce(w.rewritten_days, 0) as rewritten_days
    from days d
    full join rejected r using (feed)
    left join rewritten w on w.feed = coalesce(d.feed, r.feed)
    order by feed
"""


def warehouse_status(home: Home) -> dict:
    """{digests, feeds, papers, listings, authors, rejects, first_day, last_day, per_feed[{feed, digests, first_day,
    last_day, missing_days, rejects, rewritten_days}], last_run{...}, fidelity[feed_fidelity rows: completeness and
    twin agreement per feed and field, and each run of days below 99%]}; `rewritten_days`: days a git history held
    in several versions."""
    con = open_reader(home)
    try:
        out = {k: con.sql(q).fetchall()[0][0] for k, q in _COUNTS.items()}
        cols = ("feed", "digests", "first_day", "last_day", "missing_days", "rejects", "rewritten_days")
        out["per_feed"] = [dict(zip(cols, r)) for r in con.sql(_PER_FEED).fetchall()]
        last = con.sql("select flow, status, started_at, finished_at, files_new, files_changed, "
                       "files_skipped, files_rejected, message from runs order by started_at desc limit 1").fetchall()
        last = last[0] if last else None
        keys = ("flow", "status", "started_at", "finished_at", "files_new", "files_changed", "files_skipped",
                "files_rejected", "message")
        out["last_run"] = dict(zip(keys, last)) if last else None
        out["fidelity"] = fidelity_rows(con) if has_fidelity(con) else []
        return out
    finally:
        con.close()
