-- relisting: papers listed on several days, or by several feeds; per feed (several days in that feed, or
-- also listed elsewhere) and across feeds. feeds = every feed that listed the paper.
-- key: feed, arxiv_id
-- not_null: n_listings, n_days, n_feeds, feeds, first_seen, last_seen, span_days
with feeds_of as (
    select arxiv_id, list(distinct feed order by feed) as feeds
    from listings
    group by arxiv_id
)

select
    f.feed, f.arxiv_id, p.title, f.n_listings, f.n_days,
    cast(len(o.feeds) as integer) as n_feeds, o.feeds,
    f.first_seen, f.last_seen, cast(f.last_seen - f.first_seen as integer) as span_days
from feed_papers f
join feeds_of o using (arxiv_id)
join papers p using (arxiv_id)
where f.n_days > 1 or len(o.feeds) > 1
