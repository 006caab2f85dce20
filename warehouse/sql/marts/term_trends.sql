-- term_trends: weekly (Monday) count of new papers using each term, per feed and across feeds,
-- for terms used by at least 5 papers of that feed overall (rarer terms are noise on a timeline).
-- share = the term's papers over all the feed's new papers that week.
-- key: feed, week, term
-- not_null: n_papers, share, n_words
with dated as (
    select feed, arxiv_id, cast(date_trunc('week', first_seen) as date) as week
    from feed_papers
),

week_totals as (
    select feed, week, count(*) as n_week_papers
    from dated
    group by all
),

weekly as (
    select d.feed, d.week, t.term, count(*) as n_papers
    from dated d
    join paper_terms t using (arxiv_id)
    group by all
),

supported as (
    select feed, term
    from weekly
    group by all
    having sum(n_papers) >= 5
)

select
    w.feed, w.week, w.term,
    cast(length(w.term) - length(replace(w.term, ' ', '')) + 1 as integer) as n_words,
    cast(w.n_papers as integer) as n_papers,
    w.n_papers / t.n_week_papers as share
from weekly w
semi join supported s on s.feed = w.feed and s.term = w.term
join week_totals t using (feed, week)
