"""Altair charts over mart frames, shared by the static report and the live explorer.

Every chart takes a polars frame shaped like the mart it comes from, or None for a template whose data is
the named dataset `source` (the report compiles each template once and fills in each page's rows).
"""

from __future__ import annotations

import altair as alt

from dashboards.queries import OTHER, TOP_CATEGORIES

WIDTH = 560
WEEK_BAR = 8  # pixels: a bar on a time axis is a hairline unless given a width


SOURCE = "source"
# ten hues that stay apart on a white page, then grey for the summed rest ("other"): no colour repeats in a chart
SERIES_COLOURS = ("#4c78a8", "#f58518", "#54a24b", "#e45756", "#b279a2", "#9d755d", "#ff9da6", "#72b7b2",
                  "#eeca3b", "#222222")
OTHER_COLOUR = "#bab0ac"
MIN_WEEK_PAPERS = 20  # a week with fewer papers in all gets no share: one paper of two would read as 50%
# every date label carries its year ("Apr 2025", "12 Jan 2026"): a span crossing a year makes a bare "Jun" ambiguous
DATE_LABEL = "timeFormat(datum.value, date(datum.value) == 1 ? '%b %Y' : '%d %b %Y')"


def records(df) -> list[dict]:
    """A polars frame as JSON-ready rows: dates as ISO strings, DuckDB's decimal sums as floats."""
    import polars as pl

    return df.with_columns(pl.col(pl.Date).cast(pl.String), pl.col(pl.Decimal).cast(pl.Float64)).to_dicts()


def _frame(df):
    return alt.NamedData(SOURCE) if df is None else alt.Data(values=records(df))


def date_x(field: str, title: str | None = None) -> alt.X:
    """A time x axis whose every label shows the year."""
    # about 90 px a tick: a label with its year is some 70 px wide, and a tick whose label would overlap is hidden,
    # leaving uneven grid lines
    return alt.X(f"{field}:T", title=title if title is not None else field,
                 axis=alt.Axis(labelExpr=DATE_LABEL, tickCount=alt.ExprRef("ceil(width / 90)")))


def series_colour(series: list[str] | None, field: str = "category", columns: int = 6) -> alt.Color:
    """Colour by `field`; given the series in order (queries.category_series' ranks, OTHER last), each gets its
    own colour from SERIES_COLOURS and OTHER grey, in that order in the legend."""
    legend = alt.Legend(orient="bottom", columns=columns)
    if series is None:
        return alt.Color(f"{field}:N", legend=legend)
    hues = iter(SERIES_COLOURS)
    colours = [OTHER_COLOUR if name == OTHER else next(hues) for name in series]
    return alt.Color(f"{field}:N", legend=legend, scale=alt.Scale(domain=list(series), range=colours))


def series_order(df) -> list[str]:
    """The series of queries.category_series rows, largest first and OTHER last: the `series` charts take."""
    return df.sort("rank")["category"].unique(maintain_order=True).to_list()


def other_note(ranking, top: int = TOP_CATEGORIES) -> str:
    """Plain text saying what the OTHER series of a category chart holds, from queries.category_ranking rows;
    empty when every category has its own series."""
    rest = ranking.slice(top)
    if not rest.height:
        return ""
    papers = int(rest["n_papers"].sum())
    return (f"“{OTHER}” sums the {rest.height} categories after the top {top} ({papers} papers): "
            + ", ".join(rest["category"].to_list()) + ".")


def top_and_other(df, top: int = TOP_CATEGORIES) -> tuple:
    """Rows with period, category and n_papers (the explorer's filtered papers) -> (the same rows with every category
    after the `top` by papers summed as OTHER, the series in legend order): what queries.category_series does for
    a mart, for a frame already in memory."""
    import polars as pl

    ranked = (df.group_by("category").agg(pl.col("n_papers").sum())
              .sort(["n_papers", "category"], descending=[True, False]))
    kept = ranked.head(top)["category"].to_list()
    if ranked.height <= top:
        return df, kept
    named = df.with_columns(pl.when(pl.col("category").is_in(kept)).then(pl.col("category"))
                            .otherwise(pl.lit(OTHER)).alias("category"))
    return named.group_by("period", "category").agg(pl.col("n_papers").sum()).sort("period", "category"), kept + [OTHER]


def papers_per_day(df, *, series: list[str] | None = None, width: int = WIDTH) -> alt.LayerChart:
    """Rows with period (day), category, n_papers and missing: stacked bars of new papers per day, coloured by
    category (`series`: the categories in legend order, as category_weeks takes them); a row with missing true is a
    day without a digest, shaded grey with no bar (not a zero)."""
    bars = alt.Chart().transform_filter("!datum.missing").mark_bar().encode(
        x=date_x("period", "day"), y=alt.Y("sum(n_papers):Q", title="papers"), color=series_colour(series),
        tooltip=["period:T", "category:N", "n_papers:Q"])
    gaps = alt.Chart().transform_filter("datum.missing").transform_calculate(
        end="timeOffset('day', toDate(datum.period), 1)", what="'no digest'").mark_rect(
        color="#000000", opacity=0.12).encode(
        x=date_x("period", "day"), x2="end:T",
        tooltip=[alt.Tooltip("period:T", title="day"), alt.Tooltip("what:N", title="missing")])
    return alt.layer(gaps, bars, data=_frame(df), title="New papers per day, by primary category (grey: no digest)"
                     ).properties(width=width, height=220)


def top_categories(df, *, width: int = 360) -> alt.Chart:
    """Rows with category and n_papers: horizontal bars, largest first."""
    return alt.Chart(_frame(df), title="Top categories").mark_bar().encode(
        y=alt.Y("category:N", sort="-x", title=None), x=alt.X("n_papers:Q", title="papers"),
        tooltip=["category:N", "n_papers:Q"],
    ).properties(width=width, height=alt.Step(16))


def category_weeks(df, *, series: list[str] | None = None, width: int = WIDTH) -> alt.Chart:
    """queries.category_series rows (week, filled): one line per series of new papers per week, at 0 in weeks
    it had none. `series`: the categories in legend order, OTHER last."""
    lines = alt.Chart().mark_line().encode(
        x=date_x("period", "week"), y=alt.Y("n_papers:Q", title="papers"), color=series_colour(series))
    # points only where there were papers: a dot on every zero would bury the baseline
    points = lines.transform_filter("datum.n_papers > 0").mark_point(filled=True, size=24, opacity=1).encode(
        tooltip=[alt.Tooltip("period:T", title="week"), "category:N", "n_papers:Q",
                 alt.Tooltip("total:Q", title="papers in the week")])
    return alt.layer(lines, points, data=_frame(df), title="New papers per week").properties(width=width, height=240)


def category_share(df, *, series: list[str] | None = None, min_papers: int = MIN_WEEK_PAPERS,
                   width: int = WIDTH) -> alt.LayerChart:
    """queries.category_series rows (week, filled): each series' share of the week's new papers. Weeks with fewer
    than `min_papers` papers in all are shaded grey and have no share, so the lines break there."""
    base = alt.Chart().transform_calculate(shown=f"datum.total >= {min_papers} ? datum.share : null")
    thin = base.transform_filter(f"datum.total < {min_papers}").transform_aggregate(
        total="max(total)", groupby=["period"]).transform_calculate(
        start="timeOffset('hours', toDate(datum.period), -84)", end="timeOffset('hours', toDate(datum.period), 84)",
    ).mark_rect(color="#000000", opacity=0.07).encode(
        x=date_x("start", "week"), x2="end:T",
        tooltip=[alt.Tooltip("period:T", title="week"),
                 alt.Tooltip("total:Q", title=f"papers (a share needs {min_papers})")])
    lines = base.mark_line(point=True).encode(
        x=date_x("period", "week"), y=alt.Y("shown:Q", title="share", axis=alt.Axis(format="%")),
        color=series_colour(series),
        tooltip=[alt.Tooltip("period:T", title="week"), "category:N", "n_papers:Q",
                 alt.Tooltip("total:Q", title="papers in the week"), alt.Tooltip("share:Q", format=".1%")])
    return alt.layer(thin, lines, data=_frame(df), title="Share of new papers per week").properties(
        width=width, height=240)


def new_vs_returning(df, *, width: int = WIDTH) -> alt.Chart:
    """new_vs_returning_authors rows: stacked weekly bars of new and returning authors."""
    return alt.Chart(_frame(df), title="Authors per week: new and returning").transform_fold(
        ["n_new", "n_returning"], as_=["kind", "authors"]).transform_calculate(
        who="datum.kind == 'n_new' ? 'first paper' : 'returning'").mark_bar(width=WEEK_BAR).encode(
        x=date_x("week"), y=alt.Y("authors:Q"),
        color=alt.Color("who:N", title="authors", legend=alt.Legend(orient="bottom")),
        tooltip=["week:T", alt.Tooltip("who:N", title="authors"), "authors:Q"],
    ).properties(width=width, height=200)


def author_timeline(df, *, width: int = WIDTH) -> alt.Chart:
    """author_activity rows of one author: new papers per week."""
    return alt.Chart(_frame(df), title="Papers per week").mark_bar(width=WEEK_BAR).encode(
        x=date_x("week"), y=alt.Y("n_papers:Q", title="papers"), tooltip=["week:T", "n_papers:Q"],
    ).properties(width=width, height=160)


def term_timelines(df, *, width: int = WIDTH) -> alt.Chart:
    """term_trends rows: one line per term, weekly share of new papers using it."""
    return alt.Chart(_frame(df), title="Weekly share of new papers using the term").mark_line(point=True).encode(
        x=date_x("week"), y=alt.Y("share:Q", axis=alt.Axis(format="%")),
        color=alt.Color("term:N", legend=alt.Legend(orient="bottom", columns=4)),
        tooltip=["week:T", "term:N", "n_papers:Q", alt.Tooltip("share:Q", format=".1%")],
    ).properties(width=width, height=240)


def rising_scores(df, *, width: int = 360) -> alt.Chart:
    """rising_terms rows: horizontal bars of score (the log-odds ratio over its standard error), highest first."""
    return alt.Chart(_frame(df), title="Rising: last 28 days against the 28 before (score)").mark_bar().encode(
        y=alt.Y("term:N", sort="-x", title=None), x=alt.X("score:Q"),
        tooltip=["term:N", "recent:Q", "previous:Q", alt.Tooltip("log_odds:Q", format=".2f"),
                 alt.Tooltip("score:Q", format=".1f")],
    ).properties(width=width, height=alt.Step(16))


def feed_entries(df, *, width: int = WIDTH) -> alt.Chart:
    """feed_health rows (per feed): entries per day, with gap, empty and rejected days marked in colour."""
    return alt.Chart(_frame(df), title="Entries per day and feed (missing days marked)").mark_tick(thickness=3).encode(
        x=date_x("day"), y=alt.Y("feed:N", title=None),
        color=alt.Color("status:N", scale=alt.Scale(domain=["ok", "empty", "rejected", "gap"],
                                                    range=["#4c78a8", "#f2b701", "#e45756", "#222222"])),
        tooltip=["feed:N", "day:T", "status:N", "n_entries:Q", "n_rejects:Q", "n_failed_summaries:Q"],
    ).properties(width=width, height=alt.Step(26))
