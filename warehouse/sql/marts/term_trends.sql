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

used as (
    select d.feed, d.week, t.term, t.n_words
    from dated d
    join paper_terms t using (arxiv_id)
),

supported as (
    select feed, term
    from used
    group by all
    having count(*) >= 5
),

weekly as (
    select u.feed, u.week, u.term, any_value(u.n_words) as n_words, count(*) as n_papers
    from used u
    semi join supported s on s.feed = u.feed and s.term = u.term
    group by all
)

select w.feed, w.week, w.term, w.n_words, cast(w.n_papers as integer) as n_papers, w.n_papers / t.n_week_papers as share
from weekly w
join week_totals t using (feed, week)
