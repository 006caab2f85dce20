"""Topics: rising terms across feeds and per feed, and the weekly timelines of the top ones."""

from __future__ import annotations

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import esc, shell, table


def pages(con) -> dict[str, str]:
    page = PageCharts()
    rising = queries.rising(con, top=25).rows()
    body = []
    if rising:
        r0 = rising[0]
        body.append(f'<p class="muted">The last 28 days up to {esc(r0[7])} ({esc(r0[5])} new papers) against the 28 '
                    f"days before ({esc(r0[6])}); a term needs 10 papers in the recent window.</p>")
        frame = queries.rising(con, top=15).select("term", "recent", "previous", "growth")
        timelines = queries.term_timelines(con, [r[1] for r in rising[:6]])
        body.append('<div class="grid"><div>' + page.place(charts.rising_growth, frame) + "</div><div>"
                    + (page.place(charts.term_timelines, timelines) if timelines.height else "") + "</div></div>")
    body.append("<h2>Rising terms, all feeds</h2>")
    if rising:
        body.append(table(["#", "term", "recent", "previous", "growth"],
                          [[esc(r[0]), esc(r[1]), esc(r[2]), esc(r[3]), esc(r[4])] for r in rising], numeric=(0, 2, 3, 4)))
    else:  # an empty table would look like a broken page: say why (rising_terms' minimum support)
        as_of, papers = queries.recent_window(con)
        body.append(f'<p class="muted">No term is rising yet: the 28 days up to {esc(as_of)} hold {esc(papers)} new '
                    "papers, and a term needs 10 of them (and 0.5% of the new papers) in those 28 days to be "
                    "ranked.</p>")
    for (feed,) in con.sql("select distinct feed from rising_terms where feed <> '*' order by feed").fetchall():
        rows = queries.rising(con, feed, top=10).select("rank", "term", "recent", "previous", "growth").rows()
        body.append(f"<h2>Rising in {esc(feed)}</h2>" + table(
            ["#", "term", "recent", "previous", "growth"], [[esc(c) for c in r] for r in rows], numeric=(0, 2, 3, 4)))
    popular = queries.popular_phrases(con).rows()
    body.append("<h2>Most used phrases</h2>" + table(["term", "papers"], [[esc(t), esc(n)] for t, n in popular],
                                                     numeric=(1,)))
    return {"topics.html": shell("Topics", "topics.html", "".join(body), scripts=page.scripts())}
