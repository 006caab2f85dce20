-- new_vs_returning_authors: per feed and week, the authors with a new paper, split into first-timers
-- (no paper in that feed before this week) and returning authors.
-- key: feed, week
-- not_null: n_authors, n_new, n_returning, new_share
with author_weeks as (
    select distinct feed, author_id, cast(date_trunc('week', first_seen) as date) as week
    from feed_authorships
),

debuts as (
    select feed, author_id, min(week) as first_week
    from author_weeks
    group by all
),

counted as (
    select
        w.feed, w.week,
        count(*) as n_authors,
        count(*) filter (where w.week = d.first_week) as n_new
    from author_weeks w
    join debuts d using (feed, author_id)
    group by all
)

select
    feed, week,
    cast(n_authors as integer) as n_authors,
    cast(n_new as integer) as n_new,
    cast(n_authors - n_new as integer) as n_returning,
    n_new / n_authors as new_share
from counted
