-- author_leaderboard: the 100 most productive authors per feed over the last 7, 30, 90 days and all time.
-- Windows end at the latest digest date in the warehouse (not the wall clock) and count papers first seen in them.
-- first_seen, last_seen: the author's first and last digest day in that feed, over all time.
-- main_categories: the author's three most frequent primary categories in the window.
-- key: feed, span, author_id
-- not_null: rank, name, n_papers, first_seen, last_seen, as_of
-- accepted: span = 7d, 30d, 90d, all
with as_of as (
    select max(digest_date) as as_of from digests
),

spans as (
    select * from (values ('7d', 7), ('30d', 30), ('90d', 90), ('all', null)) as s(span, days)
),

in_span as (
    select f.feed, s.span, f.author_id, f.arxiv_id, f.category, a.as_of
    from feed_authorships f
    cross join spans s
    cross join as_of a
    where s.days is null or f.first_seen > a.as_of - s.days
),

category_counts as (
    select feed, span, author_id, category, count(*) as n
    from in_span
    group by all
),

main_categories as (
    select feed, span, author_id, list(category order by n desc, category)[1:3] as main_categories
    from category_counts
    group by all
),

counted as (
    select feed, span, author_id, any_value(as_of) as as_of, count(distinct arxiv_id) as n_papers
    from in_span
    group by all
),

lifetime as (
    select feed, author_id, min(first_seen) as first_seen, max(last_seen) as last_seen
    from feed_authorships
    group by all
),

ranked as (
    select
        c.feed, c.span, c.author_id, au.name, c.n_papers, l.first_seen, l.last_seen, m.main_categories, c.as_of,
        row_number() over (partition by c.feed, c.span
                           order by c.n_papers desc, l.last_seen desc, au.name, c.author_id) as rank
    from counted c
    join lifetime l using (feed, author_id)
    join main_categories m using (feed, span, author_id)
    join authors au using (author_id)
)

select feed, span, cast(rank as integer) as rank, author_id, name, cast(n_papers as integer) as n_papers,
       first_seen, last_seen, main_categories, as_of
from ranked
where rank <= 100
