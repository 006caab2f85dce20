-- coauthor_edges: every pair of authors who share a paper (author_a < author_b), per feed and across feeds,
-- weighted by shared papers. Papers with more than 50 authors are left out: one consortium paper would
-- otherwise add thousands of edges that say nothing about collaboration.
-- key: feed, author_a, author_b
-- not_null: name_a, name_b, weight, first_seen, last_seen
with team_sizes as (
    select arxiv_id, count(distinct author_id) as n_authors
    from paper_authors
    group by arxiv_id
),

teams as (
    select f.feed, f.arxiv_id, f.author_id, f.first_seen, f.last_seen
    from feed_authorships f
    join team_sizes t using (arxiv_id)
    where t.n_authors <= 50
),

pairs as (
    select a.feed, a.author_id as author_a, b.author_id as author_b, a.arxiv_id, a.first_seen, a.last_seen
    from teams a
    join teams b on a.feed = b.feed and a.arxiv_id = b.arxiv_id and a.author_id < b.author_id
),

weighted as (
    select feed, author_a, author_b, count(*) as weight, min(first_seen) as first_seen, max(last_seen) as last_seen
    from pairs
    group by all
)

select
    w.feed, w.author_a, na.name as name_a, w.author_b, nb.name as name_b,
    cast(w.weight as integer) as weight, w.first_seen, w.last_seen
from weighted w
join authors na on na.author_id = w.author_a
join authors nb on nb.author_id = w.author_b
