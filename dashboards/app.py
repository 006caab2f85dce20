"""The live explorer (Streamlit): filter papers by date range, feeds, categories, author and term, and drill into
one author whose name matches the author filter (figures, weekly timeline, co-authors, recent papers).

It reads only the published snapshot (warehouse.published), never warehouse.duckdb, so it can stay open
while an ingest runs. Digest text is shown through st.dataframe, widget options and Vega charts only, never as Markdown
or HTML, so a hostile title stays text. Run it with `arxiv-digest dashboard`.
"""

from __future__ import annotations

import argparse
import os
from datetime import date

import polars as pl
import streamlit as st

from dashboards import charts, queries
from transforms.search_query import QuerySyntaxError
from transforms.search_text import marked_text
from transforms.terms import query_terms
from warehouse.home import Home
from warehouse.published import NothingPublished, current_version, open_published
from warehouse.search import SearchUnavailable, search, similar


def _home() -> Home:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", default=os.environ.get("ARXIV_DIGEST_HOME"))
    return Home.resolve(parser.parse_known_args()[0].home)


@st.cache_resource(max_entries=2)
def _snapshot(root: str, version: str):
    # one connection per published version: a new publish is picked up on the next rerun
    from pathlib import Path

    return open_published(Path(root))


def _filters(con) -> dict:
    lo, hi = con.sql("select min(first_seen), max(first_seen) from feed_papers").fetchall()[0]
    feeds = [f for (f,) in con.sql("select distinct feed from feed_papers where feed <> '*' order by feed").fetchall()]
    cats = [c for (c,) in con.sql("select distinct category from feed_papers order by category").fetchall()]
    with st.sidebar:
        st.header("Filters")
        span = st.date_input("First listed between", value=(lo, hi), min_value=lo, max_value=hi)
        chosen_feeds = st.multiselect("Feeds", feeds)
        chosen_cats = st.multiselect("Categories", cats)
        author = st.text_input("Author name contains")
        term = st.text_input("Term (word, bigram or keyword)")
        text = st.text_input("Full-text search", help='Words, "exact phrases", -excluded, ti:, au:, cat:, feed:')
    start, end = (span if isinstance(span, (tuple, list)) and len(span) == 2 else (lo, hi))
    return {"start": start, "end": end, "feeds": chosen_feeds, "cats": chosen_cats, "author": author.strip(),
            "terms": query_terms(term), "search": text.strip()}


def _papers(con, f: dict, home: Home):
    """Papers passing the filters, once each, with their first day in the chosen feeds; with a full-text search,
    only its hits, best first, with their snippets (matched terms between ** and **)."""
    papers = queries.papers_matching(con, f["start"], f["end"], f["feeds"], f["cats"], f["author"],
                                     f["terms"][0] if f["terms"] else None)
    if not f["search"]:
        return papers
    try:
        hits = search(home, f["search"], date_from=f["start"], date_to=f["end"], limit=5000)
    except (QuerySyntaxError, SearchUnavailable) as exc:
        st.error(str(exc))
        return papers.clear()
    ranked = pl.DataFrame({"arxiv_id": [h.arxiv_id for h in hits], "snippet": [marked_text(h.snippet) for h in hits],
                           "search_rank": list(range(len(hits)))}, schema={"arxiv_id": pl.String, "snippet": pl.String,
                                                                           "search_rank": pl.Int64})
    # the snippet first: it is why the paper is listed (and a wide table draws only its first columns at once)
    joined = papers.join(ranked, on="arxiv_id").sort("search_rank").drop("search_rank")
    return joined.select("snippet", pl.exclude("snippet"))


def _similar_view(home: Home, papers) -> None:
    """Pick one of the listed papers; its nearest papers by title and abstract (the search index's TF-IDF)."""
    st.subheader("Similar papers")
    shown = papers.head(500).select("arxiv_id", "title").rows()
    titles = dict(shown)
    chosen = st.selectbox("Paper", [a for a, _ in shown], format_func=lambda a: f"{a} {titles[a] or ''}")
    try:
        near = similar(home, chosen, limit=10)
    except SearchUnavailable as exc:
        st.caption(str(exc))
        return
    st.dataframe(pl.DataFrame({"title": [h.title for h in near], "authors": [h.authors for h in near],
                               "first seen": [h.first_seen for h in near], "url": [h.url for h in near]},
                              schema={"title": pl.String, "authors": pl.String, "first seen": pl.String, "url": pl.String}),
                 hide_index=True, width="stretch", column_config={"url": st.column_config.LinkColumn("arXiv")})


MATCHES = 20  # authors offered in the drill-down's picker; typing more of the name narrows them


def _author_feed(feeds: list[str]) -> str:
    """The feed the author drill-down reads: '*' (across feeds) with no feed chosen, else a chosen one."""
    if len(feeds) > 1:
        return st.selectbox("Feed for the author view", feeds)
    return feeds[0] if feeds else "*"


def _author_view(con, f: dict) -> None:
    """The drill-down: pick one author matching the author filter, then their all-time figures in the chosen feed,
    papers per week, top co-authors and latest papers. Names and titles go through widgets and tables only."""
    st.subheader("Author")
    feed = _author_feed(f["feeds"])
    found = queries.authors_named(con, f["author"], feed, top=MATCHES + 1)
    if not found.height:
        st.caption("No author with papers in this feed matches the name filter.")
        return
    if found.height > MATCHES:
        st.caption(f"The {MATCHES} matching authors with most papers; type more of the name to narrow them.")
    found = found.head(MATCHES)
    labels = {a: f"{n} ({p} paper{'s' * (p != 1)})" for a, n, p in found.select("author_id", "name", "n_papers").rows()}
    author_id = st.selectbox("Matching authors, most papers first", list(labels), format_func=labels.get)
    me = found.row(by_predicate=pl.col("author_id") == author_id, named=True)
    st.caption("All time, in the chosen feed (the date, category and term filters do not apply here).")
    papers, first, last, cats = st.columns(4)
    papers.metric("papers", me["n_papers"])
    first.metric("first seen", me["first_seen"].isoformat())
    last.metric("last seen", me["last_seen"].isoformat())
    # categories are digest text: a table cell shows them as text, a metric value would read them as Markdown
    cats.dataframe(pl.DataFrame({"main categories": [me["main_categories"]]}), hide_index=True)
    spellings = queries.author_spellings(con, [author_id])
    if spellings.height:  # names are matched, not identities: show which spellings were merged into this one
        st.caption("Also written as (authors are matched by name: accents, case and spacing are ignored, and "
                   "people who share a name count as one)")
        st.dataframe(spellings.select(pl.col("name").alias("spelling"), pl.col("n_papers").alias("papers")),
                     hide_index=True)
    weeks = queries.author_timelines(con, [author_id], feed)
    st.altair_chart(charts.author_timeline(weeks.drop("author_id"), width=860), height=220)
    st.caption("Top co-authors, by shared papers")
    st.dataframe(
        queries.coauthors(con, [author_id], feed).select("other_name", "weight", "last_seen"), hide_index=True,
        column_config={"other_name": "co-author", "weight": "shared papers",
                       "last_seen": st.column_config.DateColumn("last together", format="YYYY-MM-DD")})
    st.caption("Latest papers")
    st.dataframe(
        queries.author_papers(con, author_id, feed).drop("arxiv_id"), hide_index=True, width="stretch",
        column_config={"url": st.column_config.LinkColumn("arXiv"),
                       "first_seen": st.column_config.DateColumn("first listed", format="YYYY-MM-DD")})


def main() -> None:
    st.set_page_config(page_title="arxiv-digest explorer", layout="wide")
    home = _home()
    version = current_version(home.published)
    try:
        con = _snapshot(str(home.published), version or "")
    except NothingPublished as exc:
        st.error(str(exc))
        return
    st.title("arxiv-digest explorer")
    f = _filters(con)
    papers = _papers(con, f, home)
    left, right = st.columns(2)
    left.metric("papers", papers.height)
    right.metric("days with new papers", papers["first_seen"].n_unique() if papers.height else 0)
    st.caption(f"published snapshot {version or '-'}")
    if not papers.height:
        st.info("No papers match these filters: widen the dates, or clear a feed, category, author or term.")
    if papers.height:
        per_day = papers.group_by("first_seen", "category").len("n_papers").rename({"first_seen": "period"})
        per_day, series = charts.top_and_other(per_day)  # ten colours and "other", as the report draws them
        st.altair_chart(charts.papers_per_day(per_day.sort("period"), series=series, width=860), height=340)
    if f["terms"] and papers.height:  # the share among the papers the other filters leave, not among all feeds'
        trend = queries.term_share(con, f["start"], f["end"], f["feeds"], f["cats"], f["author"], f["terms"][0])
        st.altair_chart(charts.term_timelines(trend, width=860), height=340)
    st.subheader("Papers")
    st.dataframe(papers.drop("arxiv_id"), hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("arXiv"),
                                "first_seen": st.column_config.DateColumn("first listed", format="YYYY-MM-DD")})
    if papers.height:
        with st.container(key="similar_view"):
            _similar_view(home, papers)
    if f["author"]:
        with st.container(key="author_view"):
            _author_view(con, f)


main()
