-- What the changed papers give each (feed, author_a, author_b) of coauthor_edges, as the model counts it:
-- papers, earliest first_seen, latest last_seen. Read from `shares_of` (feed, arxiv_id, author_id, first_seen,
-- last_seen): feed_authorships' rows of the changed papers as they were, or as they are now.
with teams as (
    select arxiv_id
    from (select distinct arxiv_id, author_id from shares_of)
    group by arxiv_id
    having count(*) between 2 and 50
)

select a.feed, a.author_id as author_a, b.author_id as author_b, count(*) as n_papers,
       min(a.first_seen) as first_seen, max(a.last_seen) as last_seen
from shares_of a
join shares_of b on b.feed = a.feed and b.arxiv_id = a.arxiv_id and a.author_id < b.author_id
semi join teams t on t.arxiv_id = a.arxiv_id
group by all
