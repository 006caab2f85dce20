"""Headline figures of a warehouse: what it holds and how the last run went."""

from __future__ import annotations

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


def warehouse_status(home: Home) -> dict:
    """{digests, feeds, papers, listings, authors, rejects, first_day, last_day, last_run{...}}."""
    con = open_reader(home)
    try:
        out = {k: con.sql(q).fetchall()[0][0] for k, q in _COUNTS.items()}
        last = con.sql("select flow, status, started_at::varchar, finished_at::varchar, files_new, files_changed, "
                       "files_skipped, files_rejected, message from runs order by started_at desc limit 1").fetchall()
        last = last[0] if last else None
        keys = ("flow", "status", "started_at", "finished_at", "files_new", "files_changed", "files_skipped",
                "files_rejected", "message")
        out["last_run"] = dict(zip(keys, last)) if last else None
        return out
    finally:
        con.close()
