"""Topics: rising terms across feeds and per feed (score and counts), the weekly timelines of the top ones, and the
most used phrases."""

from __future__ import annotations

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import esc, shell, table
from dashboards.windows import empty_note, rule_note

SCORE_RULE = ("A term rises when a larger share of the recent window's new papers uses it than of the window "
              "before: score is the log-odds ratio of that share, with an informative prior of 10 pseudo-papers "
              "(Monroe, Colaresi & Quinn 2008), over its standard error; listed from 1.96 up, with at least 10 "
              "papers (and 0.5% of the window's papers) in the recent window. Across feeds, each feed that "
              "published in both windows is scored alone and the feeds are combined by inverse variance, so a "
              "feed that started or stopped cannot make a trend.")
NO_TERM = "no term reached a score of 1.96 with 10 papers (and 0.5% of the new papers) in the recent window."
HEADERS = ["#", "term", "recent papers", "share", "previous papers", "share", "log-odds", "score", "feeds"]


def _rows(frame) -> list[list[str]]:
    out = []
    for r in frame.iter_rows(named=True):
        out.append([esc(r["rank"]), esc(r["term"]), esc(r["recent"]), esc(f"{r['recent'] / r['recent_papers']:.1%}"),
                    esc(r["previous"]), esc(f"{r['previous'] / r['previous_papers']:.1%}"),
                    esc(f"{r['log_odds']:+.2f}"), esc(f"{r['score']:.1f}"), esc(r["n_feeds"])])
    return out


def _section(con, feed: str, top: int) -> str:
    """One feed's rising terms with its windows, or why it has none."""
    rising = queries.rising(con, feed, top=top)
    recent, previous = queries.feed_window(con, "28d", feed), queries.feed_window(con, "28d_before", feed)
    if not rising.height:
        if previous is not None and not previous["published_feeds"]:
            return (f'<p class="muted">No rising terms: no feed published in the 28 days before '
                    f"{esc(recent['window_start'])}, and growth needs both windows.</p>")
        return empty_note(recent, "rising terms", NO_TERM.capitalize())
    r0 = rising.row(0, named=True)
    note = (f'<p class="muted">{esc(recent["window_start"])} to {esc(r0["as_of"])} ({esc(r0["recent_papers"])} new '
            f"papers) against {esc(previous['window_start'])} to {esc(previous['window_end'])} "
            f"({esc(r0['previous_papers'])}).</p>")
    return note + table(HEADERS, _rows(rising), numeric=(0, 2, 3, 4, 5, 6, 7, 8))


def pages(con) -> dict[str, str]:
    page = PageCharts()
    body = [rule_note(queries.feed_window(con, "28d")), f'<p class="muted">{esc(SCORE_RULE)}</p>']
    rising = queries.rising(con, top=25)
    if rising.height:
        frame = rising.head(15).select("term", "recent", "previous", "log_odds", "score")
        timelines = queries.term_timelines(con, rising["term"].head(6).to_list())
        body.append('<div class="grid"><div>' + page.place(charts.rising_scores, frame) + "</div><div>"
                    + (page.place(charts.term_timelines, timelines) if timelines.height else "") + "</div></div>")
    body.append("<h2>Rising terms, all feeds</h2>" + _section(con, "*", 25))
    for (feed,) in con.sql("select distinct feed from feed_windows where feed <> '*' order by feed").fetchall():
        body.append(f"<h2>Rising in {esc(feed)}</h2>" + _section(con, feed, 10))
    popular = queries.popular_phrases(con).rows()
    body.append("<h2>Most used phrases</h2>" + (
        table(["term", "papers"], [[esc(t), esc(n)] for t, n in popular], numeric=(1,)) if popular else
        '<p class="muted">No phrase of two or more words is used by 5 papers of any feed yet.</p>'))
    return {"topics.html": shell("Topics", "topics.html", "".join(body), scripts=page.scripts())}
