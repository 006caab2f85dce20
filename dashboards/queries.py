"""The questions readers ask of the marts, one function each: the report site, the explorer and
bench/bench_marts.py all run these. `con` is a DuckDB connection to the published snapshot
(warehouse.published.open_published) or to the warehouse itself: the table names are the same.
Per-author questions take every author at once, so a site of 25 author pages scans each mart once.
"""

from __future__ import annotations

from datetime import date

import polars as pl


def leaderboard(con, span: str = "all", feed: str = "*", top: int = 20) -> pl.DataFrame:
    """The `top` authors of a feed over a window (7d, 30d, 90d, all), by rank; ambiguous and n_groups say whether
    the name's papers fall into several groups without a shared co-author (likely several people)."""
    return con.sql("select rank, author_id, name, n_papers, first_seen, last_seen, main_categories, ambiguous, "
                   "n_groups "
                   "from author_leaderboard where feed = ? and span = ? and rank <= ? order by rank",
                   params=[feed, span, top]).pl()


def author_stats(con, authors: list[str], feed: str = "*") -> pl.DataFrame:
    """All-time papers, first and last day and main categories of each author (those in the top 100)."""
    return con.sql("select author_id, n_papers, first_seen, last_seen, main_categories from author_leaderboard "
                   "where feed = ? and span = 'all' and list_contains(?, author_id)", params=[feed, authors]).pl()


def author_spellings(con, authors: list[str]) -> pl.DataFrame:
    """Every spelling of each author's name other than the one shown, with the papers that use it, most used
    first: the names that merged into one author (accents, case, spacing; homonyms cannot be told apart)."""
    return con.sql("""
        select pa.author_id, pa.name, cast(count(distinct pa.arxiv_id) as integer) as n_papers
        from paper_authors pa
        join authors a using (author_id)
        where list_contains($authors, pa.author_id) and pa.name <> a.name
        group by pa.author_id, pa.name
        order by pa.author_id, n_papers desc, pa.name""", params={"authors": authors}).pl()


def author_timelines(con, authors: list[str], feed: str = "*") -> pl.DataFrame:
    """New papers per week of each author."""
    return con.sql("select author_id, week, n_papers from author_activity "
                   "where feed = ? and list_contains(?, author_id) order by author_id, week",
                   params=[feed, authors]).pl()


def coauthors(con, authors: list[str], feed: str = "*", top: int = 15) -> pl.DataFrame:
    """The `top` co-authors of each author, by shared papers."""
    return con.sql("""
        with edges as (
            select author_a as author_id, author_b as other, name_b as other_name, weight, last_seen
            from coauthor_edges where feed = $feed and list_contains($authors, author_a)
            union all
            select author_b, author_a, name_a, weight, last_seen
            from coauthor_edges where feed = $feed and list_contains($authors, author_b)
        )
        select * from edges
        qualify row_number() over (partition by author_id order by weight desc, other_name, other) <= $top
        order by author_id, weight desc, other_name, other""",
                   params={"feed": feed, "authors": authors, "top": top}).pl()


def strongest_pairs(con, feed: str = "*", top: int = 20) -> pl.DataFrame:
    """The `top` co-author pairs by shared papers."""
    return con.sql("select author_a, name_a, author_b, name_b, weight, first_seen, last_seen from coauthor_edges "
                   "where feed = ? order by weight desc, name_a, name_b limit ?", params=[feed, top]).pl()


def recent_papers(con, authors: list[str], top: int = 20) -> pl.DataFrame:
    """The `top` latest papers of each author, with their briefs."""
    # rank only the papers from each author's `top`-th latest day on, then read titles and TL;DRs of the chosen
    return con.sql("""
        with mine as (
            select pa.author_id, b.arxiv_id, b.first_seen
            from (select arxiv_id, author_id from paper_authors where author_id in (select unnest($authors))) pa
            join (select arxiv_id, first_seen from paper_briefs) b using (arxiv_id)
        ),
        cutoff as (
            select author_id, list(first_seen order by first_seen desc)[$top] as day
            from mine
            group by author_id
        ),
        latest as (
            select m.*
            from mine m
            join cutoff c using (author_id)
            where c.day is null or m.first_seen >= c.day
            qualify row_number() over (partition by m.author_id order by m.first_seen desc, m.arxiv_id) <= $top
        )
        select l.author_id, b.arxiv_id, b.title, b.category, b.first_seen, b.keywords, b.tldr
        from latest l
        join paper_briefs b using (arxiv_id)
        order by l.author_id, b.first_seen desc, b.arxiv_id""", params={"authors": authors, "top": top}).pl()


def new_vs_returning(con, feed: str = "*") -> pl.DataFrame:
    """Authors with a new paper each week: first-timers and returning."""
    return con.sql("select week, n_new, n_returning from new_vs_returning_authors where feed = ? order by week",
                   params=[feed]).pl()


def rising(con, feed: str = "*", top: int = 25) -> pl.DataFrame:
    """The `top` rising terms of a feed: rank, term, recent, previous, score, log_odds, recent_papers,
    previous_papers, n_feeds, as_of."""
    return con.sql("select rank, term, recent, previous, score, log_odds, recent_papers, previous_papers, n_feeds, "
                   "as_of from rising_terms where feed = ? and rank <= ? order by rank", params=[feed, top]).pl()


def term_timelines(con, terms: list[str], feed: str = "*") -> pl.DataFrame:
    """Weekly papers and share of each term."""
    return con.sql("select week, term, n_papers, share from term_trends where feed = ? and list_contains(?, term) "
                   "order by week, term", params=[feed, terms]).pl()


def popular_phrases(con, feed: str = "*", top: int = 20) -> pl.DataFrame:
    """The `top` terms of two or more words by papers using them."""
    return con.sql("select term, sum(n_papers) as n from term_trends where feed = ? and n_words > 1 "
                   "group by term order by n desc, term limit ?", params=[feed, top]).pl()


def category_periods(con, grain: str = "week", feed: str = "*") -> pl.DataFrame:
    """New papers and share per category per day, week or month."""
    return con.sql("select period, category, n_papers, share, previous_n_papers, growth from category_activity "
                   "where feed = ? and grain = ? order by period, category", params=[feed, grain]).pl()


TOP_CATEGORIES = 10  # series a category chart draws; more cannot be told apart by colour
OTHER = "other"


def category_ranking(con, feed: str = "*") -> pl.DataFrame:
    """Every category of a feed with its new papers over all time, most first (ties by code): category, n_papers."""
    return con.sql("select category, cast(sum(n_papers) as bigint) as n_papers from category_activity "
                   "where feed = ? and grain = 'month' group by category order by n_papers desc, category",
                   params=[feed]).pl()


def category_series(con, grain: str = "week", feed: str = "*", top: int = TOP_CATEGORIES,
                    fill: bool = True) -> pl.DataFrame:
    """New papers per day, week or month of the `top` categories of a feed (by papers over its whole span), the
    rest summed as OTHER. Columns period, category, rank (1 is the largest, OTHER is top + 1), n_papers, total (the
    feed's papers in the period) and share (n_papers / total, null when the period has none). With `fill`, every
    series has a row for every period from the feed's first to its last in which it published (daily_papers), with 0
    papers where it had none; a period without a digest has no row, so charts leave it out."""
    return con.sql("""
        with activity as (
            select period, category, n_papers from category_activity where feed = $feed and grain = $grain
        ),
        ranked as (
            select category, row_number() over (order by sum(n_papers) desc, category) as rank
            from activity group by category
        ),
        named as (
            select a.period, if(r.rank <= $top, a.category, $other) as category, least(r.rank, $top + 1) as rank,
                   a.n_papers
            from activity a join ranked r using (category)
        ),
        summed as (
            select period, category, rank, sum(n_papers) as n_papers from named group by all
        ),
        periods as (  -- a period without any digest is missing, not zero: it gets no row
            select period from daily_papers where feed = $feed and grain = $grain and published
        ),
        grid as (
            select p.period, s.category, s.rank
            from periods p cross join (select distinct category, rank from summed) s
            where $fill
            union all
            select period, category, rank from summed where not $fill
        ),
        totals as (
            select period, sum(n_papers) as total from activity group by period
        )
        select g.period, g.category, cast(g.rank as integer) as rank,
               cast(coalesce(s.n_papers, 0) as integer) as n_papers, cast(coalesce(t.total, 0) as integer) as total,
               coalesce(s.n_papers, 0) / t.total as share
        from grid g
        left join summed s using (period, category, rank)
        left join totals t using (period)
        order by g.period, g.rank""",
        params={"feed": feed, "grain": grain, "top": top, "other": OTHER,
                "fill": fill}).pl()


def feed_fields(con) -> pl.DataFrame:
    """Per feed, field and measure (`complete`, `twin`): the share over the feed's history (scope `feed`) and each
    run of days below the bound (scope `days`), with `flagged` and an example entry (feed_fidelity)."""
    return con.sql("select feed, field, measure, scope, first_day, last_day, n_days, n, n_ok, n_missing, share, "
                   "flagged, "
                   "example_id, example_path, example_line, example from feed_fidelity "
                   "order by feed, field, measure, scope desc, first_day").pl()


def feed_days(con, feed: str | None = None) -> pl.DataFrame:
    """One row per feed and day (every feed when `feed` is None): status, entries, rejects, failed summaries."""
    return con.sql("select feed, day, status, n_entries, n_rejects, n_failed_summaries, failed_summary_rate "
                   "from feed_health where feed <> '*' and (? is null or feed = ?) order by feed, day",
                   params=[feed, feed]).pl()


def relisted(con, feed: str = "*", top: int = 20) -> pl.DataFrame:
    """The `top` papers listed on the most days or by the most feeds."""
    return con.sql("select arxiv_id, title, n_days, n_feeds, feeds, first_seen, last_seen, span_days from relisting "
                   "where feed = ? order by n_days desc, n_feeds desc, span_days desc, arxiv_id limit ?",
                   params=[feed, top]).pl()


def papers_matching(con, start: date, end: date, feeds: list[str] = (), categories: list[str] = (),
                    author: str = "", term: str | None = None) -> pl.DataFrame:
    """The explorer's papers: first listed between start and end in the chosen feeds (all when none), newest first."""
    where, params = ["c.first_seen between $start and $end"], {"start": start, "end": end}
    chosen = ["feed = '*'" if not feeds else "list_contains($feeds, feed)"]
    if feeds:
        params["feeds"] = list(feeds)
    if categories:
        where.append("list_contains($cats, c.category)")
        params["cats"] = list(categories)
    # paper filters go before the grouping: a term or an author leaves few papers to group
    if author:
        chosen.append("arxiv_id in (select pa.arxiv_id from paper_authors pa join authors a using (author_id) "
                      "where contains(lower(a.name), lower($author)))")  # literal text: `%` and `_` are no wildcards
        params["author"] = author
    if term:
        # the term is looked up in the dictionary first, then the pairs are filtered by integer key
        chosen.append("arxiv_id in (select arxiv_id from paper_terms where term_id in "
                      "(select term_id from terms where lower(term) = lower($term)))")
        params["term"] = term
    return con.sql(f"""
        with chosen as (select arxiv_id, min(first_seen) as first_seen, any_value(category) as category
                        from feed_papers where {' and '.join(chosen)} group by arxiv_id)
        select c.first_seen, c.category, b.title, b.authors, b.keywords, b.tldr, b.url, c.arxiv_id
        from chosen c join paper_briefs b using (arxiv_id)
        where {' and '.join(where)}
        order by c.first_seen desc, c.arxiv_id""", params=params).pl()


def term_share(con, start: date, end: date, feeds: list[str] = (), categories: list[str] = (), author: str = "",
               term: str = "") -> pl.DataFrame:
    """Per week: the papers passing the explorer's filters that use `term`, over all papers passing the same
    filters (feeds, categories, author, dates) without it. Columns week, n_papers, total, share, term."""
    def weekly(frame: pl.DataFrame, name: str) -> pl.DataFrame:
        return frame.group_by(pl.col("first_seen").dt.truncate("1w").alias("week")).len(name)

    using = weekly(papers_matching(con, start, end, feeds, categories, author, term), "n_papers")
    total = weekly(papers_matching(con, start, end, feeds, categories, author, None), "total")
    return (using.join(total, on="week").with_columns((pl.col("n_papers") / pl.col("total")).alias("share"),
                                                      pl.lit(term).alias("term")).sort("week"))


def authors_named(con, text: str, feed: str = "*", top: int = 20) -> pl.DataFrame:
    """Authors whose display name contains `text` (any case, as papers_matching matches it) with papers in `feed`,
    most papers first, at most `top`: author_id, name, n_papers, first_seen, last_seen, main_categories over all
    time, counted as author_stats counts them (which covers only each feed's top 100)."""
    # the top authors are picked first; only they get their main categories counted
    return con.sql("""
        with named as (
            select author_id, name from authors where contains(lower(name), lower($text))
        ),
        listed as materialized (
            select c.author_id, f.arxiv_id, f.first_seen, f.last_seen, f.category
            from (select distinct arxiv_id, author_id from paper_authors
                  where author_id in (select author_id from named)) c
            join (select arxiv_id, first_seen, last_seen, category from feed_papers where feed = $feed) f
            using (arxiv_id)
        ),
        top_authors as (
            select l.author_id, n.name, cast(count(*) as integer) as n_papers, min(l.first_seen) as first_seen,
                   max(l.last_seen) as last_seen
            from listed l
            join named n using (author_id)
            group by l.author_id, n.name
            order by n_papers desc, last_seen desc, n.name, l.author_id
            limit $top
        ),
        per_category as (
            select author_id, category, count(*) as n
            from listed semi join top_authors using (author_id)
            group by all
        ),
        main_categories as (
            select author_id, list(category order by n desc, category)[1:3] as main_categories
            from per_category group by author_id
        )
        select t.author_id, t.name, t.n_papers, t.first_seen, t.last_seen, m.main_categories
        from top_authors t
        join main_categories m using (author_id)
        order by t.n_papers desc, t.last_seen desc, t.name, t.author_id""",
        params={"text": text, "feed": feed, "top": top}).pl()


def author_papers(con, author_id: str, feed: str = "*", top: int = 20) -> pl.DataFrame:
    """The `top` latest papers of one author listed in `feed`, newest first: arxiv_id, title, category, first_seen
    (the feed's first day for it), keywords, tldr, url. With feed '*' these are recent_papers' rows for the author."""
    return con.sql("""
        with latest as (
            select arxiv_id, first_seen
            from feed_papers
            where feed = $feed
              and arxiv_id in (select arxiv_id from paper_authors where author_id = $author)
            order by first_seen desc, arxiv_id
            limit $top
        )
        select b.arxiv_id, b.title, b.category, l.first_seen, b.keywords, b.tldr, b.url
        from latest l
        join paper_briefs b using (arxiv_id)
        order by l.first_seen desc, l.arxiv_id""", params={"author": author_id, "feed": feed, "top": top}).pl()


def feed_window(con, span: str, feed: str = "*") -> dict | None:
    """One feed_windows row as a dict (as_of, window_start, window_end, n_papers, n_digests, published_feeds,
    silent_feeds: [{feed, last_day}]), None when the feed has no digest."""
    found = con.sql("select as_of, window_start, window_end, n_papers, n_digests, published_feeds, silent_feeds "
                    "from feed_windows where feed = ? and span = ?", params=[feed, span]).pl()
    return found.to_dicts()[0] if found.height else None


def missing_days(con, feed: str = "*") -> pl.DataFrame:
    """Days between a feed's first and last digest without a digest (across feeds: without any feed's): period."""
    return con.sql("select period from daily_papers where feed = ? and grain = 'day' and not published "
                   "order by period", params=[feed]).pl()


def with_missing_days(per_day: pl.DataFrame, missing: pl.DataFrame) -> pl.DataFrame:
    """category_series day rows (period, category, rank, n_papers) plus one row per missing day, marked
    `missing`, the frame charts.papers_per_day takes."""
    rows = per_day.with_columns(pl.lit(False).alias("missing"))
    gaps = missing.select("period", pl.lit(None, pl.String).alias("category"), pl.lit(None, pl.Int32).alias("rank"),
                          pl.lit(None, pl.Int32).alias("n_papers"), pl.lit(True).alias("missing"))
    return pl.concat([rows, gaps.cast(rows.schema)]).sort("period")


def author_groups(con, authors: list[str], top: int = 8) -> pl.DataFrame:
    """Each ambiguous author's groups of papers (author_clusters) of at least two papers: author_id, cluster,
    n_papers, first_seen, last_seen, categories (the three most frequent) and coauthors (the `top` most frequent
    names in the group, with their papers)."""
    return con.sql("""
        with mine as (
            select c.author_id, c.cluster, c.arxiv_id from author_clusters c
            where list_contains($authors, c.author_id) and c.ambiguous and c.cluster_papers >= 2
        ),
        dated as (
            select m.author_id, m.cluster, count(*) as n_papers, min(b.first_seen) as first_seen,
                   max(b.last_seen) as last_seen
            from mine m join paper_briefs b using (arxiv_id) group by all
        ),
        categories as (
            select author_id, cluster, list(category order by n desc, category)[1:3] as categories
            from (select m.author_id, m.cluster, b.category, count(*) as n
                  from mine m join paper_briefs b using (arxiv_id) group by all)
            group by all
        ),
        coauthors as (
            select author_id, cluster, list(name || ' (' || n || ')' order by n desc, name)[1:$top] as coauthors
            from (select m.author_id, m.cluster, pa.name, count(distinct m.arxiv_id) as n
                  from mine m join paper_authors pa on pa.arxiv_id = m.arxiv_id and pa.author_id <> m.author_id
                  group by all)
            group by all
        )
        select d.author_id, d.cluster, cast(d.n_papers as integer) as n_papers, d.first_seen, d.last_seen,
               c.categories, coalesce(o.coauthors, cast([] as varchar[])) as coauthors
        from dated d
        join categories c using (author_id, cluster)
        left join coauthors o using (author_id, cluster)
        order by d.author_id, d.cluster""", params={"authors": authors, "top": top}).pl()
