"""Authors: leaderboards for 7, 30, 90 days and all time, new vs returning authors, the strongest co-author
pairs, and one page per top author with timeline, co-authors and recent papers."""

from __future__ import annotations

from dashboards import charts
from dashboards.embed import PageCharts
from dashboards.html import arxiv_link, esc, page_file, shell, table

TOP_AUTHORS = 25  # authors with their own page
SPANS = (("7d", "Last 7 days"), ("30d", "Last 30 days"), ("90d", "Last 90 days"), ("all", "All time"))


def _author_link(author_id: str, name: str, linked: set[str], up: str = "") -> str:
    if author_id in linked:
        return f'<a href="{up}{page_file("authors", author_id)}">{esc(name)}</a>'
    return esc(name)


def pages(con) -> dict[str, str]:
    top = con.sql("select author_id, name from author_leaderboard where feed = '*' and span = 'all' "
                  "and rank <= ? order by rank", params=[TOP_AUTHORS]).fetchall()
    linked = {a for a, _ in top}
    page = PageCharts()
    as_of = con.sql("select max(as_of) from author_leaderboard").fetchall()[0][0]
    body = [f'<p class="muted">Windows end at the latest digest day, {esc(as_of)}. Papers count once, on the day '
            "they were first listed in any feed.</p>"]
    for span, label in SPANS:
        rows = con.sql("select rank, author_id, name, n_papers, first_seen, last_seen, main_categories "
                       "from author_leaderboard where feed = '*' and span = ? and rank <= 20 order by rank",
                       params=[span]).fetchall()
        body.append(f"<h2>{esc(label)}</h2>" + table(
            ["#", "author", "papers", "first seen", "last seen", "main categories"],
            [[esc(r[0]), _author_link(r[1], r[2], linked), esc(r[3]), esc(r[4]), esc(r[5]), esc(r[6])] for r in rows],
            numeric=(0, 2)))
    weekly = con.sql("select week, n_new, n_returning from new_vs_returning_authors where feed = '*' order by week").pl()
    if weekly.height:
        body.append(page.place(charts.new_vs_returning, weekly))
    pairs = con.sql("select author_a, name_a, author_b, name_b, weight, first_seen, last_seen from coauthor_edges "
                    "where feed = '*' order by weight desc, name_a, name_b limit 20").fetchall()
    body.append("<h2>Strongest co-author pairs</h2>" + table(
        ["author", "co-author", "shared papers", "first", "last"],
        [[_author_link(r[0], r[1], linked), _author_link(r[2], r[3], linked), esc(r[4]), esc(r[5]), esc(r[6])]
         for r in pairs], numeric=(2,)))
    out = {"authors.html": shell("Authors", "authors.html", "".join(body), scripts=page.scripts())}
    for author_id, name in top:
        out[page_file("authors", author_id)] = _author_page(con, author_id, name, linked)
    return out


def _author_page(con, author_id: str, name: str, linked: set[str]) -> str:
    page = PageCharts()
    stats = con.sql("select n_papers, first_seen, last_seen, main_categories from author_leaderboard "
                    "where feed = '*' and span = 'all' and author_id = ?", params=[author_id]).fetchall()[0]
    timeline = con.sql("select week, n_papers from author_activity where feed = '*' and author_id = ? order by week",
                       params=[author_id]).pl()
    coauthors = con.sql("""select case when author_a = $id then author_b else author_a end as other,
                                  case when author_a = $id then name_b else name_a end as other_name, weight, last_seen
                           from coauthor_edges where feed = '*' and (author_a = $id or author_b = $id)
                           order by weight desc, other_name limit 15""", params={"id": author_id}).fetchall()
    recent = con.sql("""select b.arxiv_id, b.title, b.category, b.first_seen, b.keywords, b.tldr from paper_authors pa
                        join paper_briefs b using (arxiv_id) where pa.author_id = ?
                        order by b.first_seen desc, b.arxiv_id limit 20""", params=[author_id]).fetchall()
    body = (f'<p>{esc(stats[0])} papers, first seen {esc(stats[1])}, last seen {esc(stats[2])}; '
            f"main categories: {esc(stats[3])}.</p>" + page.place(charts.author_timeline, timeline)
            + "<h2>Co-authors</h2>" + table(["co-author", "shared papers", "last together"],
                                            [[_author_link(o, n, linked, "../"), esc(w), esc(d)] for o, n, w, d in coauthors],
                                            numeric=(1,))
            + "<h2>Recent papers</h2>" + table(["paper", "title", "category", "first seen", "keywords", "TL;DR"],
                                               [[arxiv_link(a), esc(t), esc(c), esc(d), esc(k), esc(s)]
                                                for a, t, c, d, k, s in recent]))
    return shell(name, "authors.html", body, depth=1, scripts=page.scripts())
