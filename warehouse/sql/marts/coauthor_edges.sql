-- coauthor_edges: every pair of authors who share a paper (author_a < author_b), per feed and across feeds,
-- weighted by shared papers. Papers with more than 50 authors are left out: one consortium paper would
-- otherwise add thousands of edges that say nothing about collaboration.
-- key: feed, author_a, author_b
-- not_null: name_a, name_b, weight, first_seen, last_seen
with numbered as (
    -- authors as integers in author_id order, so pairs are built and counted on small keys
    select author_id, name, cast(row_number() over (order by author_id) as integer) as n
    from authors
),

credited as (
    select distinct p.arxiv_id, a.n
    from paper_authors p
    join numbered a using (author_id)
),

teams as (
    select arxiv_id
    from credited
    group by arxiv_id
    having count(*) between 2 and 50
),

pairs as (
    select a.arxiv_id, a.n as n_a, b.n as n_b
    from credited a
    join credited b on a.arxiv_id = b.arxiv_id and a.n < b.n
    semi join teams t on t.arxiv_id = a.arxiv_id
),

weighted as (
    select f.feed, p.n_a, p.n_b, count(*) as weight, min(f.first_seen) as first_seen,
           max(f.last_seen) as last_seen
    from pairs p
    join feed_papers f using (arxiv_id)
    group by all
)

select
    w.feed, na.author_id as author_a, na.name as name_a, nb.author_id as author_b, nb.name as name_b,
    cast(w.weight as integer) as weight, w.first_seen, w.last_seen
from weighted w
join numbered na on na.n = w.n_a
join numbered nb on nb.n = w.n_b
