-- category_activity: new papers per primary category per day, week (Monday) and month, per feed and across feeds.
-- share = the category's part of the feed's papers in that period; growth compares with the period before:
-- the same weekday a week earlier for days, the week before for weeks (week-over-week), the month before for months.
-- key: feed, grain, period, category
-- not_null: n_papers, share, previous_n_papers
-- accepted: grain = day, week, month
with dated as (
    select feed, category, first_seen as day
    from feed_papers
),

counted as (
    select feed, 'day' as grain, day as period, category, count(*) as n_papers from dated group by all
    union all
    select feed, 'week', cast(date_trunc('week', day) as date), category, count(*) from dated group by all
    union all
    select feed, 'month', cast(date_trunc('month', day) as date), category, count(*) from dated group by all
),

shared as (
    select *, n_papers / sum(n_papers) over (partition by feed, grain, period) as share
    from counted
),

compared as (
    select
        s.*,
        coalesce(prev.n_papers, 0) as previous_n_papers
    from shared s
    left join counted prev
        on prev.feed = s.feed and prev.grain = s.grain and prev.category = s.category
        and prev.period = case s.grain
            when 'month' then cast(s.period - interval 1 month as date)
            else s.period - 7 end
)

select
    feed, grain, period, category,
    cast(n_papers as integer) as n_papers,
    share,
    cast(previous_n_papers as integer) as previous_n_papers,
    case when previous_n_papers > 0 then n_papers / previous_n_papers - 1 end as growth
from compared
