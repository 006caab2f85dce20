"""Categories: weekly papers and share per category, and each category's latest week with its growth."""

from __future__ import annotations

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import esc, percent, shell, table


def pages(con) -> dict[str, str]:
    page = PageCharts()
    weekly = queries.category_periods(con, "week").select("period", "category", "n_papers", "share")
    latest = con.sql("""with last_week as (select max(period) as period from category_activity
                                           where feed = '*' and grain = 'week')
                        select a.category, c.name, c.group_name, a.n_papers, a.share, a.previous_n_papers, a.growth
                        from category_activity a join last_week using (period)
                        left join categories c on c.code = a.category
                        where a.feed = '*' and a.grain = 'week' order by a.n_papers desc, a.category""").fetchall()
    week = con.sql("select max(period) from category_activity where feed = '*' and grain = 'week'").fetchall()[0][0]
    body = ""
    if weekly.height:
        body += page.place(charts.category_weeks, weekly) + page.place(charts.category_weeks, weekly, value="share")
    body += f"<h2>Week of {esc(week)}</h2>" + table(
        ["category", "name", "group", "papers", "share", "week before", "growth"],
        [[esc(c), esc(n), esc(g), esc(p), esc(percent(s)), esc(pp), esc("" if gr is None else f"{gr:+.0%}")]
         for c, n, g, p, s, pp, gr in latest],
        numeric=(3, 4, 5, 6))
    return {"categories.html": shell("Categories", "categories.html", body, scripts=page.scripts())}
