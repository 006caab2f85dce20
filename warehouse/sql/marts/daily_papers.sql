-- daily_papers: new papers per feed per day, week (Monday) and month, over every calendar day from the feed's
-- first to its last digest (across feeds, '*': from the first digest of any feed to the last), telling "published
-- 0" from "did not publish": n_papers is null for a period without a digest (missing, not zero). n_days: calendar
-- days of the period inside that span; n_published_days: days with a digest (across feeds: any feed's);
-- papers_per_day = n_papers / n_published_days, a rate that leaves the days without a digest out.
-- key: feed, grain, period
-- not_null: n_days, n_published_days, published
-- accepted: grain = day, week, month
with feed_days as (
    select distinct feed, digest_date as day from digests where digest_date is not null
),

published_days as (
    select feed, day from feed_days
    union
    select '*', day from feed_days
),

spans as (
    select feed, min(day) as first_day, max(day) as last_day from published_days group by feed
),

calendar as (
    select s.feed, cast(unnest(generate_series(s.first_day, s.last_day, interval 1 day)) as date) as day
    from spans s
),

new_papers as (
    select feed, first_seen as day, count(*) as n_papers from feed_papers group by all
),

days as (
    select c.feed, c.day, p.day is not null as published, coalesce(n.n_papers, 0) as n_papers
    from calendar c
    left join published_days p using (feed, day)
    left join new_papers n using (feed, day)
),

grains as (
    select feed, 'day' as grain, day as period, * exclude (feed, day) from days
    union all
    select feed, 'week', cast(date_trunc('week', day) as date), * exclude (feed, day) from days
    union all
    select feed, 'month', cast(date_trunc('month', day) as date), * exclude (feed, day) from days
)

select feed, grain, period,
       cast(count(*) as integer) as n_days,
       cast(count(*) filter (where published) as integer) as n_published_days,
       count(*) filter (where published) > 0 as published,
       cast(case when count(*) filter (where published) > 0 then sum(n_papers) end as integer) as n_papers,
       case when count(*) filter (where published) > 0
            then sum(n_papers) / count(*) filter (where published) end as papers_per_day
from grains
group by feed, grain, period
