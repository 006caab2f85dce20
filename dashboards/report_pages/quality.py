"""Data quality: days per feed (gaps, empty and rejected days), failed-summary rates, and every reject."""

from __future__ import annotations

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import esc, shell, table


def pages(con) -> dict[str, str]:
    page = PageCharts()
    health = queries.feed_days(con).select("feed", "day", "status", "n_entries", "n_rejects", "n_failed_summaries")
    per_feed = con.sql("""select feed, min(day), max(day), count(*) filter (where status = 'gap'),
                                 count(*) filter (where status = 'empty'), count(*) filter (where status = 'rejected'),
                                 sum(n_entries), sum(n_failed_summaries),
                                 sum(n_failed_summaries) / nullif(sum(n_entries), 0), sum(n_rejects)
                          from feed_health where feed <> '*' group by feed order by feed""").fetchall()
    missing = con.sql("select feed, day, status, n_rejects from feed_health where feed <> '*' and status <> 'ok' "
                      "order by day, feed").fetchall()
    rejects = con.sql("select feed, path, line, code, message, excerpt from rejects order by feed, path, line").fetchall()
    body = (page.place(charts.feed_entries, health) if health.height else "") + "<h2>Per feed</h2>" + table(
        ["feed", "first day", "last day", "gaps", "empty", "rejected days", "entries", "failed summaries",
         "failed rate", "rejects"], [[esc(c) for c in r] for r in per_feed], numeric=tuple(range(3, 10)))
    body += "<h2>Days that are not ok</h2>" + table(["feed", "day", "status", "rejects"],
                                                     [[esc(c) for c in r] for r in missing], numeric=(3,))
    body += "<h2>Rejects</h2>" + table(["feed", "file", "line", "code", "message", "excerpt"],
                                       [[esc(c) for c in r] for r in rejects], numeric=(2,))
    return {"quality.html": shell("Data quality", "quality.html", body, scripts=page.scripts())}
