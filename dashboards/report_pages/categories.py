"""Categories: weekly papers and share of the top 10 categories and "other" (zero weeks drawn at 0, near-empty
weeks left out of the share), and each category's latest week with its growth."""

from __future__ import annotations

import polars as pl

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import esc, papers, percent, shell, table
from dashboards.windows import rule_note


def pages(con) -> dict[str, str]:
    page = PageCharts()
    weekly = queries.category_series(con, "week")
    series = charts.series_order(weekly)
    # the table's week: the latest with enough papers for shares and growth to mean something (a week just begun,
    # or a sparse one, would show 50% shares and -90% growth); later, thinner weeks are named under it
    weeks = weekly.filter(pl.col("total") > 0).select("period", "total").unique().sort("period").rows()
    full = [w for w, n in weeks if n >= charts.MIN_WEEK_PAPERS]
    week = full[-1] if full else (weeks[-1][0] if weeks else None)
    thinner = [(w, n) for w, n in weeks if week is not None and w > week]
    latest = con.sql("""select a.category, c.name, c.group_name, a.n_papers, a.share, a.previous_n_papers, a.growth
                        from category_activity a
                        left join categories c on c.code = a.category
                        where a.feed = '*' and a.grain = 'week' and a.period = ?
                        order by a.n_papers desc, a.category""", params=[week]).fetchall()
    body = rule_note(queries.feed_window(con, "7d"))
    if weekly.height:
        other = charts.other_note(queries.category_ranking(con))
        body += (page.place(charts.category_weeks, weekly, series=series)
                 + page.place(charts.category_share, weekly, series=series)
                 + f'<p class="muted">{esc(_weeks_note(weekly))}</p>'
                 + (f'<p class="muted">{esc(other)}</p>' if other else ""))
    if not latest:
        body += ('<h2>Latest week</h2><p class="muted">No week has new papers yet: no digest with entries is '
                 "loaded.</p>")
        return {"categories.html": shell("Categories", "categories.html", body, scripts=page.scripts())}
    body += f"<h2>Week of {esc(week)}</h2>" + table(
        ["category", "name", "group", "papers", "share", "week before", "growth"],
        [[esc(c), esc(n), esc(g), esc(p), esc(percent(s)), esc(pp), esc("" if gr is None else f"{gr:+.0%}")]
         for c, n, g, p, s, pp, gr in latest],
        numeric=(3, 4, 5, 6))
    if thinner:
        later = ", ".join(f"{w} ({papers(n)})" for w, n in thinner)
        body += (f'<p class="muted">The latest week with at least {charts.MIN_WEEK_PAPERS} new papers; the weeks after '
                 f"it had fewer: {esc(later)}.</p>")
    return {"categories.html": shell("Categories", "categories.html", body, scripts=page.scripts())}


def _weeks_note(weekly: pl.DataFrame) -> str:
    """The caption under the weekly charts: the span, zero weeks, and the weeks that get no share."""
    weeks = weekly["period"].unique()
    thin = weekly.filter(pl.col("total") < charts.MIN_WEEK_PAPERS)["period"].n_unique()
    return (f"{weeks.len()} weeks with a digest, {weeks.min()} to {weeks.max()}; a category without papers in such a "
            "week counts 0, and a week without any digest is left out (missing, not zero). "
            f"The share chart leaves out (and shades) weeks with fewer than {charts.MIN_WEEK_PAPERS} new papers in all, "
            f"where one or two papers would read as 50% or 100%: {thin} of the {weeks.len()} weeks here.")
