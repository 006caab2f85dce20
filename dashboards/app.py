"""The live explorer (Streamlit): filter papers by date range, feeds, categories, author and term.

It reads only the published snapshot (warehouse.published), never warehouse.duckdb, so it can stay open
while an ingest runs. Digest text is shown through st.dataframe and Vega charts only, never as Markdown
or HTML, so a hostile title stays text. Run it with `arxiv-digest dashboard`.
"""

from __future__ import annotations

import argparse
import os
from datetime import date

import polars as pl
import streamlit as st

from dashboards import charts, queries
from transforms.terms import query_terms
from warehouse.home import Home
from warehouse.published import NothingPublished, current_version, open_published


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
    start, end = (span if isinstance(span, (tuple, list)) and len(span) == 2 else (lo, hi))
    return {"start": start, "end": end, "feeds": chosen_feeds, "cats": chosen_cats, "author": author.strip(),
            "terms": query_terms(term)}


def _papers(con, f: dict):
    """Papers passing the filters, once each, with their first day in the chosen feeds."""
    return queries.papers_matching(con, f["start"], f["end"], f["feeds"], f["cats"], f["author"],
                                   f["terms"][0] if f["terms"] else None)


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
    papers = _papers(con, f)
    left, mid, right = st.columns(3)
    left.metric("papers", papers.height)
    mid.metric("days", papers["first_seen"].n_unique() if papers.height else 0)
    right.metric("snapshot", version or "-")
    if papers.height:
        per_day = papers.group_by("first_seen", "category").len("n_papers").rename({"first_seen": "period"})
        st.altair_chart(charts.papers_per_day(per_day.sort("period"), width=860), height=340)
    if f["terms"] and papers.height:
        weekly = papers.with_columns(week=papers["first_seen"].dt.truncate("1w")).group_by("week").len("n_papers")
        totals = con.sql("select cast(date_trunc('week', first_seen) as date) as week, count(*) as total "
                         "from feed_papers where feed = '*' group by all").pl()
        trend = weekly.join(totals, on="week").with_columns(
            (pl.col("n_papers") / pl.col("total")).alias("share"), pl.lit(f["terms"][0]).alias("term"))
        st.altair_chart(charts.term_timelines(trend.sort("week"), width=860), height=340)
    st.subheader("Papers")
    st.dataframe(papers.drop("arxiv_id"), hide_index=True, width="stretch",
                 column_config={"url": st.column_config.LinkColumn("arXiv"),
                                "first_seen": st.column_config.DateColumn("first listed", format="YYYY-MM-DD")})


main()
