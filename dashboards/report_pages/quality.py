"""Data quality: days per feed (gaps, empty and rejected days), failed-summary rates, and every reject."""

from __future__ import annotations

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import esc, percent, shell, table
from dashboards.windows import rule_note


def pages(con) -> dict[str, str]:
    page = PageCharts()
    health = queries.feed_days(con).select("feed", "day", "status", "n_entries", "n_rejects", "n_failed_summaries")
    per_feed = con.sql("""select feed, min(day), max(day), count(*) filter (where status = 'gap'),
                                 count(*) filter (where status = 'empty'), count(*) filter (where status = 'rejected'),
                                 sum(n_entries), sum(n_failed_summaries),
                                 sum(n_failed_summaries) / nullif(sum(n_entries), 0), sum(n_rejects)
                          from feed_health where feed <> '*' group by feed order by feed""").fetchall()
    # Days that need a look: not ok, or with failed summaries; consecutive days of one status are one row (a
    # feed that stopped for two years is one line, not 700).
    flagged = con.sql("""
        with flagged as (
            select feed, day, status, n_rejects, n_failed_summaries from feed_health
            where feed <> '*' and (status <> 'ok' or n_failed_summaries > 0)
        ), islands as (
            select *, day - cast(row_number() over (partition by feed, status order by day) as integer) as island
            from flagged
        )
        select feed, min(day), max(day), count(*), status, sum(n_rejects), sum(n_failed_summaries)
        from islands group by feed, status, island order by min(day), feed""").fetchall()
    rejects = con.sql("select feed, path, line, code, message, excerpt from rejects order by feed, path, line").fetchall()
    body = (page.place(charts.feed_entries, health) if health.height else "") + "<h2>Per feed</h2>" + table(
        ["feed", "first day", "last day", "gaps", "empty", "rejected days", "entries", "failed summaries",
         "failed rate", "rejects"], [[esc(c) for c in (*r[:8], percent(r[8]), r[9])] for r in per_feed],
        numeric=tuple(range(3, 10)))
    body = rule_note(queries.feed_window(con, "7d")) + body
    body += "<h2>Days that need a look</h2>"
    body += (table(["feed", "from", "to", "days", "status", "rejects", "failed summaries"],
                   [[esc(c) for c in r] for r in flagged], numeric=(3, 5, 6))
             if flagged else '<p class="muted">Every feed has a digest, read whole, on every day from its first to '
                             "its last, and no summary failed.</p>")
    body += "<h2>Rejects</h2>" + (table(["feed", "file", "line", "code", "message", "excerpt"],
                                        [[esc(c) for c in r] for r in rejects], numeric=(2,))
                                  if rejects else '<p class="muted">No file was rejected.</p>')
    return {"quality.html": shell("Data quality", "quality.html", body, scripts=page.scripts())}
