-- feed_papers: each paper once per feed that listed it, and once across feeds (feed = '*').
-- A paper counts on its first_seen day: relistings never count it twice, within a feed or across feeds.
-- key: feed, arxiv_id
-- not_null: feed, arxiv_id, first_seen, last_seen, category, n_listings, n_days
with listed as (
    select feed, arxiv_id, digest_date
    from listings
    semi join mart_scope using (arxiv_id)  -- incremental
    where digest_date is not null
),

per_feed as (
    select feed, arxiv_id, min(digest_date) as first_seen, max(digest_date) as last_seen,
           count(*) as n_listings, count(distinct digest_date) as n_days
    from listed
    group by feed, arxiv_id
),

across_feeds as (
    select '*' as feed, arxiv_id, min(digest_date) as first_seen, max(digest_date) as last_seen,
           count(*) as n_listings, count(distinct digest_date) as n_days
    from listed
    group by arxiv_id
),

both_grains as (
    select * from per_feed
    union all
    select * from across_feeds
)

select
    b.feed,
    b.arxiv_id,
    b.first_seen,
    b.last_seen,
    coalesce(p.primary_category, 'unknown') as category,
    cast(b.n_listings as integer) as n_listings,
    cast(b.n_days as integer) as n_days
from both_grains b
join papers p using (arxiv_id)
