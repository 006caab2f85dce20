-- coauthor_edges: every pair of authors who share a paper (author_a < author_b), per feed and across feeds,
-- weighted by shared papers. Papers with more than 50 authors are left out: one consortium paper would
-- otherwise add thousands of edges that say nothing about collaboration.
-- key: feed, author_a, author_b
-- not_null: name_a, name_b, weight, first_seen, last_seen
with credited as (
    select distinct arxiv_id, author_id
    from paper_authors
),

teams as (
    select arxiv_id
    from credited
    group by arxiv_id
    having count(*) <= 50
),

pairs as (
    select a.arxiv_id, a.author_id as author_a, b.author_id as author_b
    from credited a
    join credited b on a.arxiv_id = b.arxiv_id and a.author_id < b.author_id
    semi join teams t on t.arxiv_id = a.arxiv_id
),

weighted as (
    select f.feed, p.author_a, p.author_b, count(*) as weight, min(f.first_seen) as first_seen,
           max(f.last_seen) as last_seen
    from pairs p
    join feed_papers f using (arxiv_id)
    group by all
)

select
    w.feed, w.author_a, na.name as name_a, w.author_b, nb.name as name_b,
    cast(w.weight as integer) as weight, w.first_seen, w.last_seen
from weighted w
join authors na on na.author_id = w.author_a
join authors nb on nb.author_id = w.author_b
