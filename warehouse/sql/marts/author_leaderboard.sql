-- author_leaderboard: the 100 most productive authors per feed over the last 7, 30, 90 days and all time.
-- A feed's windows end at its own last digest day (feed_windows.as_of; not the wall clock), so a feed that stopped
-- still has its last 7 days; across feeds ('*') they end at the latest digest day of any feed and count the papers
-- of the feeds that published in them. Papers count in a window when first seen in the feed in it.
-- first_seen, last_seen: the author's first and last digest day in that feed, over all time.
-- main_categories: the author's three most frequent primary categories in the window.
-- ambiguous, n_groups: the name's papers (over all time and feeds) fall into n_groups groups of at least two
-- papers with no co-author in common (author_clusters); two or more is likely several people sharing the name.
-- key: feed, span, author_id
-- not_null: rank, name, n_papers, first_seen, last_seen, as_of, ambiguous, n_groups
-- accepted: span = 7d, 30d, 90d, all
with as_of as (
    select feed, any_value(as_of) as as_of from feed_windows group by feed
),

spans as (
    select * from (values ('7d', 7), ('30d', 30), ('90d', 90), ('all', 100000)) as s(span, days)
),

dated as (
    select f.feed, f.author_id, f.category, f.first_seen, f.last_seen, a.as_of - f.first_seen as age
    from feed_authorships f
    join as_of a using (feed)
),

per_author as (
    select feed, author_id, min(first_seen) as first_seen, max(last_seen) as last_seen,
           count(*) filter (where age < 7) as n_7d, count(*) filter (where age < 30) as n_30d,
           count(*) filter (where age < 90) as n_90d, count(*) as n_all
    from dated
    group by all
),

unpivoted as (
    select feed, author_id, first_seen, last_seen, span, n_papers
    from per_author
    unpivot (n_papers for span in (n_7d as '7d', n_30d as '30d', n_90d as '90d', n_all as 'all'))
    where n_papers > 0
),

ranked as (
    select u.*, au.name,
           row_number() over (partition by u.feed, u.span
                              order by u.n_papers desc, u.last_seen desc, au.name, u.author_id) as rank
    from unpivoted u
    join authors au using (author_id)
    qualify rank <= 100
),

category_counts as (
    select r.feed, r.span, r.author_id, d.category, count(*) as n
    from ranked r
    join spans s using (span)
    join dated d on d.feed = r.feed and d.author_id = r.author_id and d.age < s.days
    group by all
),

groups as (
    select author_id, bool_or(ambiguous) as ambiguous,
           count(distinct cluster) filter (where cluster_papers >= 2) as n_groups
    from author_clusters
    group by author_id
),

main_categories as (
    select feed, span, author_id, list(category order by n desc, category)[1:3] as main_categories
    from category_counts
    group by all
)

select r.feed, r.span, cast(r.rank as integer) as rank, r.author_id, r.name, cast(r.n_papers as integer) as n_papers,
       r.first_seen, r.last_seen, m.main_categories, a.as_of,
       coalesce(g.ambiguous, false) as ambiguous, cast(coalesce(g.n_groups, 0) as integer) as n_groups
from ranked r
join main_categories m using (feed, span, author_id)
left join groups g using (author_id)
join as_of a using (feed)
