"""Overview: headline numbers, new papers per day by category (top 10 and "other"), top categories, and the feeds."""

from __future__ import annotations

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import cards, esc, shell, table
from dashboards.windows import rule_note


def pages(con) -> dict[str, str]:
    n_papers, first_day, last_day = con.sql(
        "select count(*), min(first_seen), max(last_seen) from feed_papers where feed = '*'").fetchall()[0]
    n_listings, n_digests = con.sql("select coalesce(sum(n_entries), 0), count(*) from digests").fetchall()[0]
    n_authors = con.sql("select count(*) from authors").fetchall()[0][0]
    n_feeds = con.sql("select count(distinct feed) from digests").fetchall()[0][0]
    n_rejects = con.sql("select count(*) from rejects").fetchall()[0][0]
    head = cards([("papers", n_papers), ("listings", n_listings), ("digests", n_digests), ("feeds", n_feeds),
                  ("authors", n_authors), ("rejects", n_rejects), ("first day", first_day), ("last day", last_day)])
    page = PageCharts()
    per_day = queries.category_series(con, "day", fill=False).select("period", "category", "rank", "n_papers")
    series = charts.series_order(per_day)
    missing = queries.missing_days(con)
    per_day = queries.with_missing_days(per_day, missing)
    ranking = queries.category_ranking(con)
    top = ranking.head(15)
    feeds = con.sql("""select f.feed, count(*) as papers, min(first_seen), max(last_seen),
                              (select count(*) from feed_health h where h.feed = f.feed and h.status = 'gap') as gaps
                       from feed_papers f where f.feed <> '*' group by f.feed order by f.feed""").fetchall()
    other = charts.other_note(ranking)
    gaps = (f"{missing.height} days between the first and last digest had no digest from any feed (shaded grey, no "
            "bar): those days are missing, not zero." if missing.height else "Every day from the first to the last "
            "digest has a digest from some feed.")
    body = (head + rule_note(queries.feed_window(con, "7d"))
            + (page.place(charts.papers_per_day, per_day, series=series) if per_day.height
               else '<p class="muted">No papers yet: no digest with entries is loaded.</p>')
            + f'<p class="muted">{esc(gaps)}</p>' + (f'<p class="muted">{esc(other)}</p>' if other else "")
            + '<div class="grid"><div>' + (page.place(charts.top_categories, top) if top.height else "") + "</div><div>"
            + "<h2>Feeds</h2>" + (table(["feed", "papers", "first day", "last day", "missing days"],
                                         [[esc(c) for c in r] for r in feeds], numeric=(1, 4)) if feeds else
                                   '<p class="muted">No feed has a paper yet.</p>') + "</div></div>")
    return {"index.html": shell("Overview", "index.html", body, scripts=page.scripts())}
