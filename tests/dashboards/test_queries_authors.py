"""The explorer's author drill-down: finding authors by name and listing one author's papers in a feed, first on
five hand-written papers whose answers are worked out below, then against the report site's own per-author
queries on the generated corpus (so the explorer and the report never disagree about an author), and last the
page itself run headless (Streamlit's AppTest, no browser) with feeds chosen."""

from __future__ import annotations

from datetime import date

import duckdb
import polars as pl
import pytest

from dashboards import queries

# paper: (authors, category, {feed: (first_seen, last_seen)}); '*' rows are derived below as feed_papers does
PAPERS = {
    "2601.00001": (["ada", "grace"], "cs.AI", {"f1": ("2026-01-01", "2026-01-01")}),
    "2601.00002": (["ada"], "cs.LG", {"f1": ("2026-01-02", "2026-01-02"), "f2": ("2026-01-05", "2026-01-05")}),
    "2601.00003": (["ada", "adam"], "cs.LG", {"f2": ("2026-01-03", "2026-01-03")}),
    "2601.00004": (["adam"], "cs.CL", {"f2": ("2026-01-04", "2026-01-04")}),
    "2601.00005": (["ada", "ada"], "cs.AI", {"f1": ("2026-01-06", "2026-01-06")}),  # credited twice, counts once
}
NAMES = {"ada": "Ada Lovelace", "adam": "Adam Smith", "grace": "Grace Hopper"}


@pytest.fixture(scope="module")
def con():
    """An in-memory DuckDB holding the published tables the drill-down reads, with the hand-written papers."""
    db = duckdb.connect(":memory:")
    db.execute("create table authors (author_id varchar, name varchar, name_key varchar, n_papers integer)")
    db.execute("create table paper_authors (arxiv_id varchar, author_id varchar, position integer, name varchar)")
    db.execute("create table feed_papers (feed varchar, arxiv_id varchar, first_seen date, last_seen date, "
               "category varchar, n_listings integer, n_days integer)")
    db.execute("create table paper_briefs (arxiv_id varchar, title varchar, category varchar, first_seen date, "
               "last_seen date, n_feeds integer, url varchar, authors varchar, tldr varchar, keywords varchar[])")
    db.executemany("insert into authors values (?, ?, ?, 0)", [[a, n, a] for a, n in NAMES.items()])
    for arxiv_id, (authors, category, feeds) in PAPERS.items():
        db.executemany("insert into paper_authors values (?, ?, ?, ?)",
                       [[arxiv_id, a, n, NAMES[a]] for n, a in enumerate(authors, 1)])
        across = (min(f for f, _ in feeds.values()), max(l for _, l in feeds.values()))
        for feed, (first, last) in {**feeds, "*": across}.items():
            db.execute("insert into feed_papers values (?, ?, ?, ?, ?, 1, 1)", [feed, arxiv_id, first, last, category])
        db.execute("insert into paper_briefs values (?, ?, ?, ?, ?, ?, ?, '', null, [])",
                   [arxiv_id, f"Title {arxiv_id}", category, across[0], across[1], len(feeds),
                    f"https://arxiv.org/abs/{arxiv_id}"])
    yield db
    db.close()


def test_authors_named_matches_any_case_most_papers_first(con):
    found = queries.authors_named(con, "ADA")
    assert found["name"].to_list() == ["Ada Lovelace", "Adam Smith"]  # Grace Hopper does not contain "ada"
    ada = found.row(0, named=True)
    # papers 1, 2, 3 and 5; first listed 01-01; paper 5 is the last seen; cs.AI and cs.LG tie at two, by name
    assert (ada["n_papers"], ada["first_seen"], ada["last_seen"]) == (4, date(2026, 1, 1), date(2026, 1, 6))
    assert ada["main_categories"] == ["cs.AI", "cs.LG"]
    assert found.row(1, named=True)["main_categories"] == ["cs.CL", "cs.LG"]
    assert queries.authors_named(con, "ada", top=1)["name"].to_list() == ["Ada Lovelace"]
    assert queries.authors_named(con, "nobody").is_empty()


def test_author_search_is_literal_text_not_a_pattern(con):
    # `%` and `_` are what a user typed, not SQL wildcards: no name here contains them
    for typed in ("%", "_", "a_a", "Ada%"):
        assert queries.authors_named(con, typed).is_empty(), typed
        assert queries.papers_matching(con, date(2026, 1, 1), date(2026, 1, 31), author=typed).is_empty(), typed
    assert queries.papers_matching(con, date(2026, 1, 1), date(2026, 1, 31), author="ADA LOVE").height == 4


def test_authors_named_counts_within_the_feed(con):
    in_f2 = queries.authors_named(con, "a", feed="f2")
    # f2 lists papers 2, 3, 4: Ada has 2 and 3 (f2 saw paper 2 on 01-05), Adam 3 and 4, Grace none there
    assert in_f2.select("name", "n_papers", "first_seen", "last_seen").rows() == [
        ("Ada Lovelace", 2, date(2026, 1, 3), date(2026, 1, 5)), ("Adam Smith", 2, date(2026, 1, 3), date(2026, 1, 4))]
    assert queries.authors_named(con, "adam", feed="f1").is_empty()


def test_author_papers_lists_the_feeds_own_days_newest_first(con):
    mine = queries.author_papers(con, "ada", feed="f2")
    assert mine.select("arxiv_id", "first_seen").rows() == [("2601.00002", date(2026, 1, 5)),
                                                            ("2601.00003", date(2026, 1, 3))]
    assert mine["url"].to_list() == ["https://arxiv.org/abs/2601.00002", "https://arxiv.org/abs/2601.00003"]
    assert queries.author_papers(con, "ada", top=2)["arxiv_id"].to_list() == ["2601.00005", "2601.00003"]


def test_drill_down_agrees_with_the_report_sites_author_pages(report_home):
    from warehouse.published import open_published

    home, _ = report_home
    con = open_published(home.published)
    for feed in [f for (f,) in con.sql("select distinct feed from author_leaderboard").fetchall()]:
        top = queries.leaderboard(con, "all", feed=feed, top=100)["author_id"].to_list()
        everyone = queries.authors_named(con, "", feed, top=1_000_000)  # every name contains ""
        found = everyone.filter(pl.col("author_id").is_in(top)).drop("name").sort("author_id")
        assert found.equals(queries.author_stats(con, top, feed).sort("author_id")), feed
    leader = queries.leaderboard(con, "all", top=1)["author_id"][0]
    assert queries.author_papers(con, leader, top=20).drop("url").equals(
        queries.recent_papers(con, [leader], top=20).drop("author_id"))


def published_author(home, name: str, feed: str = "*") -> tuple:
    """Papers, first and last day in `feed` of the author with this display name, asked of the published snapshot
    directly (not through dashboards.queries, which the page uses)."""
    from warehouse.published import open_published

    con = open_published(home.published)
    try:
        return con.sql("select count(distinct f.arxiv_id), min(f.first_seen), max(f.last_seen) "
                       "from feed_papers f join paper_authors pa using (arxiv_id) join authors a using (author_id) "
                       "where f.feed = ? and a.name = ?", params=[feed, name]).fetchall()[0]
    finally:
        con.close()


def _drill_down(app) -> dict:
    # the page's own metrics come first; the drill-down's papers, first and last seen are the last three
    return {m.label: m.value for m in app.metric[-3:]}


def _expected(figures: tuple) -> dict:
    return {"papers": str(figures[0]), "first seen": figures[1].isoformat(), "last seen": figures[2].isoformat()}


def test_explorer_drills_into_an_author_within_the_chosen_feeds(report_home, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboards.serve import APP
    from warehouse.published import open_published

    home, _ = report_home
    con = open_published(home.published)
    # the busiest generated author of any one feed, and another feed they are listed in, by plain SQL
    (name, feed, other), = con.sql("""
        with listed as (
            select a.name, f.feed, count(distinct f.arxiv_id) as n
            from feed_papers f join paper_authors pa using (arxiv_id) join authors a using (author_id)
            where f.feed <> '*' and a.name not like '%<%' group by all
        )
        select name, arg_max(feed, n), arg_min(feed, n) from listed group by name having count(*) > 1
        order by max(n) desc, name limit 1""").fetchall()
    con.close()
    in_feed, in_other = published_author(home, name, feed), published_author(home, name, other)
    assert len({in_feed, in_other, published_author(home, name)}) == 3  # else the feed choice goes untested
    monkeypatch.setenv("ARXIV_DIGEST_HOME", str(home.root))
    monkeypatch.setattr("sys.argv", ["app.py"])
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    app.sidebar.text_input[0].input(name)
    app.sidebar.multiselect[0].select(feed)
    app.run()
    assert not app.exception
    picked = next(box for box in app.selectbox if box.label == "Matching authors, most papers first")
    assert picked.options[0].startswith(f"{name} (")
    assert _drill_down(app) == _expected(in_feed)

    # with two feeds the drill-down asks which one, the first chosen by default; the figures follow the choice
    app.sidebar.multiselect[0].select(other).run()
    chooser = next(box for box in app.selectbox if box.label == "Feed for the author view")
    assert chooser.value == feed
    assert _drill_down(app) == _expected(in_feed)
    chooser.select(other).run()
    assert not app.exception and _drill_down(app) == _expected(in_other)


def test_term_share_within_a_feed_counts_that_feeds_papers_only(report_home):
    from warehouse.published import open_published

    home, _ = report_home
    con = open_published(home.published)
    feed, term = con.sql("select f.feed, t.term from feed_papers f join paper_terms p using (arxiv_id) "
                         "join terms t using (term_id) where f.feed <> '*' "
                         "group by all order by count(*) desc, f.feed, t.term limit 1").fetchall()[0]
    start, end = date(2000, 1, 1), date(2100, 1, 1)
    share = queries.term_share(con, start, end, [feed], term=term)
    weekly = dict(con.sql("select cast(date_trunc('week', first_seen) as date), count(*) from feed_papers "
                          "where feed = ? group by all", params=[feed]).fetchall())
    assert share.height > 0 and share["total"].to_list() == [weekly[w] for w in share["week"].to_list()]
    assert (share["n_papers"] <= share["total"]).all()
    assert share["n_papers"].sum() == queries.papers_matching(con, start, end, [feed], term=term).height
