-- feed_health: one row per feed per calendar day between its first and last digest, and per day across feeds ('*').
-- status (per feed): ok, empty (a digest with no entries), rejected (its file could not be read), gap (no file).
-- status ('*'): ok, partial (some feeds missing that day), gap (every feed missing); a feed is only missing between
-- its own first and last digest, so days before a feed started or after it stopped count it neither way.
-- Rates: failed summaries (summaries.failed_fields non-empty) over entries; rejects over entries + rejects.
-- key: feed, day
-- not_null: status, n_entries, n_missing_feeds, n_failed_summaries, n_rejects
-- accepted: status = ok, empty, rejected, gap, partial
with rejected as (
    select feed, try_cast(right(digest_id, 10) as date) as day, count(*) as n_rejects
    from rejects
    group by all
),

spans as (
    select feed, min(day) as first_day, max(day) as last_day
    from (select feed, digest_date as day from digests where digest_date is not null
          union all select feed, day from rejected where day is not null)
    group by feed
),

calendar as (
    select feed, cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as day
    from spans
),

entries as (
    select feed, digest_date as day, sum(n_entries) as n_entries
    from digests
    group by all
),

failed as (
    select d.feed, d.digest_date as day, count(*) as n_failed_summaries
    from summaries s
    join digests d using (digest_id)
    where len(s.failed_fields) > 0
    group by all
),

per_feed as (
    select
        c.feed, c.day,
        case when e.day is not null and e.n_entries > 0 then 'ok'
             when e.day is not null then 'empty'
             when r.n_rejects > 0 then 'rejected'
             else 'gap' end as status,
        coalesce(e.n_entries, 0) as n_entries,
        case when e.day is null then 1 else 0 end as n_missing_feeds,
        coalesce(f.n_failed_summaries, 0) as n_failed_summaries,
        coalesce(r.n_rejects, 0) as n_rejects
    from calendar c
    left join entries e using (feed, day)
    left join failed f using (feed, day)
    left join rejected r using (feed, day)
),

across_feeds as (
    select
        '*' as feed, day,
        case when sum(n_missing_feeds) = 0 then 'ok'
             when sum(n_missing_feeds) = count(*) then 'gap'
             else 'partial' end as status,
        sum(n_entries) as n_entries, sum(n_missing_feeds) as n_missing_feeds,
        sum(n_failed_summaries) as n_failed_summaries, sum(n_rejects) as n_rejects
    from per_feed
    group by day
)

select
    feed, day, status,
    cast(n_entries as integer) as n_entries,
    cast(n_missing_feeds as integer) as n_missing_feeds,
    cast(n_failed_summaries as integer) as n_failed_summaries,
    cast(n_rejects as integer) as n_rejects,
    case when n_entries > 0 then n_failed_summaries / n_entries end as failed_summary_rate,
    case when n_entries + n_rejects > 0 then n_rejects / (n_entries + n_rejects) end as reject_rate
from (select * from per_feed union all select * from across_feeds)
