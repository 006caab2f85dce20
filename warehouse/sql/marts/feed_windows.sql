-- feed_windows: the recent windows of each feed and across feeds ('*'), and who published in them. A feed's
-- windows end at its own last digest day (as_of); across feeds they end at the latest digest day of any feed,
-- and only the feeds with a digest in the window count in it (silent_feeds names the others, with their last
-- day). span: 7d, 30d, 90d (leaderboards), 28d and 28d_before (rising terms: the 28 days up to as_of, and the
-- 28 days before those). n_papers: papers first seen in the feed in the window.
-- key: feed, span
-- not_null: as_of, window_start, window_end, n_papers, n_digests, published_feeds, silent_feeds
-- accepted: span = 7d, 30d, 90d, 28d, 28d_before
with feed_days as (
    select feed, digest_date as day
    from digests
    where digest_date is not null
),

last_days as (
    select feed, max(day) as as_of from feed_days group by feed
    union all
    select '*', max(day) from feed_days having count(*) > 0
),

spans as (
    select * from (values ('7d', 7, 0), ('30d', 30, 0), ('90d', 90, 0), ('28d', 28, 0), ('28d_before', 28, 28))
        as s(span, days, offset_days)
),

windows as (
    select l.feed, s.span, l.as_of, l.as_of - s.offset_days - s.days + 1 as window_start,
           l.as_of - s.offset_days as window_end
    from last_days l
    cross join spans s
),

published as (
    select w.feed, w.span, list(distinct d.feed order by d.feed) as published_feeds, count(*) as n_digests
    from windows w
    join feed_days d on (w.feed = '*' or d.feed = w.feed) and d.day between w.window_start and w.window_end
    group by all
),

silent as (
    select w.feed, w.span,
           list(struct_pack(feed := l.feed, last_day := l.as_of) order by l.feed) as silent_feeds
    from windows w
    join last_days l on l.feed <> '*' and (w.feed = '*' or l.feed = w.feed)
    anti join published p on p.feed = w.feed and p.span = w.span and list_contains(p.published_feeds, l.feed)
    group by all
),

papers as (
    select w.feed, w.span, count(f.arxiv_id) as n_papers
    from windows w
    left join feed_papers f on f.feed = w.feed and f.first_seen between w.window_start and w.window_end
    group by all
)

select
    w.feed, w.span, w.as_of, w.window_start, w.window_end,
    cast(coalesce(n.n_papers, 0) as integer) as n_papers,
    cast(coalesce(p.n_digests, 0) as integer) as n_digests,
    coalesce(p.published_feeds, cast([] as varchar[])) as published_feeds,
    coalesce(s.silent_feeds, cast([] as struct(feed varchar, last_day date)[])) as silent_feeds
from windows w
left join papers n using (feed, span)
left join published p using (feed, span)
left join silent s using (feed, span)
