"""Altair charts over mart frames, shared by the static report and the live explorer.

Every chart takes a polars frame shaped like the mart it comes from, or None for a template whose data is
the named dataset `source` (the report compiles each template once and fills in each page's rows).
"""

from __future__ import annotations

import altair as alt

WIDTH = 560
WEEK_BAR = 8  # pixels: a bar on a time axis is a hairline unless given a width


SOURCE = "source"


def records(df) -> list[dict]:
    """A polars frame as JSON-ready rows: dates as ISO strings, DuckDB's decimal sums as floats."""
    import polars as pl

    return df.with_columns(pl.col(pl.Date).cast(pl.String), pl.col(pl.Decimal).cast(pl.Float64)).to_dicts()


def _frame(df):
    return alt.NamedData(SOURCE) if df is None else alt.Data(values=records(df))


def papers_per_day(df, *, width: int = WIDTH) -> alt.Chart:
    """category_activity rows (grain='day'): stacked bars of new papers per day, coloured by category."""
    return alt.Chart(_frame(df), title="New papers per day, by primary category").mark_bar().encode(
        x=alt.X("period:T", title="day"), y=alt.Y("sum(n_papers):Q", title="papers"),
        color=alt.Color("category:N", legend=alt.Legend(orient="bottom", columns=6)),
        tooltip=["period:T", "category:N", "n_papers:Q"],
    ).properties(width=width, height=220)


def top_categories(df, *, width: int = 360) -> alt.Chart:
    """Rows with category and n_papers: horizontal bars, largest first."""
    return alt.Chart(_frame(df), title="Top categories").mark_bar().encode(
        y=alt.Y("category:N", sort="-x", title=None), x=alt.X("n_papers:Q", title="papers"),
        tooltip=["category:N", "n_papers:Q"],
    ).properties(width=width, height=alt.Step(16))


def category_weeks(df, *, value: str = "n_papers", width: int = WIDTH) -> alt.Chart:
    """category_activity rows (grain='week'): one line per category over weeks (`value` = n_papers or share)."""
    title = "Share of new papers per week" if value == "share" else "New papers per week"
    return alt.Chart(_frame(df), title=title).mark_line(point=True).encode(
        x=alt.X("period:T", title="week"), y=alt.Y(f"{value}:Q", title=value.replace("_", " ")),
        color=alt.Color("category:N", legend=alt.Legend(orient="bottom", columns=6)),
        tooltip=["period:T", "category:N", "n_papers:Q", alt.Tooltip("share:Q", format=".1%")],
    ).properties(width=width, height=240)


def new_vs_returning(df, *, width: int = WIDTH) -> alt.Chart:
    """new_vs_returning_authors rows: stacked weekly bars of new and returning authors."""
    return alt.Chart(_frame(df), title="Authors per week: new and returning").transform_fold(
        ["n_new", "n_returning"], as_=["kind", "authors"]).transform_calculate(
        who="datum.kind == 'n_new' ? 'first paper' : 'returning'").mark_bar(width=WEEK_BAR).encode(
        x=alt.X("week:T"), y=alt.Y("authors:Q"),
        color=alt.Color("who:N", title="authors", legend=alt.Legend(orient="bottom")),
        tooltip=["week:T", alt.Tooltip("who:N", title="authors"), "authors:Q"],
    ).properties(width=width, height=200)


def author_timeline(df, *, width: int = WIDTH) -> alt.Chart:
    """author_activity rows of one author: new papers per week."""
    return alt.Chart(_frame(df), title="Papers per week").mark_bar(width=WEEK_BAR).encode(
        x=alt.X("week:T"), y=alt.Y("n_papers:Q", title="papers"), tooltip=["week:T", "n_papers:Q"],
    ).properties(width=width, height=160)


def term_timelines(df, *, width: int = WIDTH) -> alt.Chart:
    """term_trends rows: one line per term, weekly share of new papers using it."""
    return alt.Chart(_frame(df), title="Weekly share of new papers using the term").mark_line(point=True).encode(
        x=alt.X("week:T"), y=alt.Y("share:Q", axis=alt.Axis(format="%")),
        color=alt.Color("term:N", legend=alt.Legend(orient="bottom", columns=4)),
        tooltip=["week:T", "term:N", "n_papers:Q", alt.Tooltip("share:Q", format=".1%")],
    ).properties(width=width, height=240)


def rising_growth(df, *, width: int = 360) -> alt.Chart:
    """rising_terms rows: horizontal bars of growth, highest first."""
    return alt.Chart(_frame(df), title="Growth, last 28 days over the 28 before").mark_bar().encode(
        y=alt.Y("term:N", sort="-x", title=None), x=alt.X("growth:Q"),
        tooltip=["term:N", "recent:Q", "previous:Q", alt.Tooltip("growth:Q", format=".2f")],
    ).properties(width=width, height=alt.Step(16))


def feed_entries(df, *, width: int = WIDTH) -> alt.Chart:
    """feed_health rows (per feed): entries per day, with gap, empty and rejected days marked in colour."""
    return alt.Chart(_frame(df), title="Entries per day and feed (missing days marked)").mark_tick(thickness=3).encode(
        x=alt.X("day:T"), y=alt.Y("feed:N", title=None),
        color=alt.Color("status:N", scale=alt.Scale(domain=["ok", "empty", "rejected", "gap"],
                                                    range=["#4c78a8", "#f2b701", "#e45756", "#222222"])),
        tooltip=["feed:N", "day:T", "status:N", "n_entries:Q", "n_rejects:Q", "n_failed_summaries:Q"],
    ).properties(width=width, height=alt.Step(26))
