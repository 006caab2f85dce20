-- feed_authorships: who wrote each paper of feed_papers, dated by the paper's first_seen in that feed.
-- key: feed, arxiv_id, author_id
-- not_null: feed, arxiv_id, author_id, first_seen, last_seen, category
with credited as (
    select distinct arxiv_id, author_id
    from paper_authors
    semi join mart_scope using (arxiv_id)  -- incremental
)

select
    f.feed,
    f.arxiv_id,
    c.author_id,
    f.first_seen,
    f.last_seen,
    f.category
from feed_papers f
semi join mart_scope using (arxiv_id)  -- incremental
join credited c using (arxiv_id)
