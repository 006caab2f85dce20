-- papers: one row per paper; rebuilt only for the papers in `affected_papers`.
-- contract: key (arxiv_id); not null first_seen, last_seen, n_listings, n_feeds (see transforms/schema/tables.py)
with listed as (
    select
        l.arxiv_id, l.feed, l.digest_date, l.digest_id, l.position, l.main_category,
        o.version, o.title, o.abstract, o.comment, o.categories
    from listings l
    join paper_observations o using (digest_id, position)
    where l.arxiv_id in (select arxiv_id from affected_papers)
),

aggregated as (
    select
        arxiv_id,
        cast(max(try_cast(version as integer)) as varchar) as version,
        first(title order by digest_date desc, digest_id desc, position desc) filter (where title is not null) as title,
        first(abstract order by digest_date desc, digest_id desc, position desc) filter (where abstract is not null) as abstract,
        -- categories[1] is the twin's first category, else the main category, else the section (transforms/tables.py);
        -- '' from lake files older than that rule is no category either
        first(coalesce(nullif(categories[1], ''), nullif(main_category, ''))
              order by len(categories) > 1 desc, digest_date desc, digest_id desc, position desc)
            filter (where nullif(categories[1], '') is not null or nullif(main_category, '') is not null) as primary_category,
        first(comment order by digest_date desc, digest_id desc, position desc) filter (where comment is not null) as comment,
        min(digest_date) as first_seen,
        max(digest_date) as last_seen,
        cast(count(*) as integer) as n_listings,
        cast(count(distinct feed) as integer) as n_feeds
    from listed
    group by arxiv_id
)

select * from aggregated
