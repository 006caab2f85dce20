-- coauthor_edges recounted for the (feed, author_a, author_b) keys in `mart_recount` only: the rows
-- ../coauthor_edges.sql builds for those keys, from the same tables (feed_papers already up to date), walking
-- each key's first author's papers instead of every pair of every paper.
with asked as (
    select distinct author_a, author_b
    from mart_recount
),

credited as (
    select distinct p.arxiv_id, p.author_id
    from paper_authors p
    semi join authors a using (author_id)
),

teams as (
    select arxiv_id
    from credited
    group by arxiv_id
    having count(*) between 2 and 50
),

pairs as (
    select a.arxiv_id, k.author_a, k.author_b
    from asked k
    join credited a on a.author_id = k.author_a
    join credited b on b.arxiv_id = a.arxiv_id and b.author_id = k.author_b
    semi join teams t on t.arxiv_id = a.arxiv_id
),

weighted as (
    select f.feed, p.author_a, p.author_b, count(*) as weight, min(f.first_seen) as first_seen,
           max(f.last_seen) as last_seen
    from pairs p
    join feed_papers f using (arxiv_id)
    semi join mart_recount k on k.feed = f.feed and k.author_a = p.author_a and k.author_b = p.author_b
    group by all
)

select
    w.feed, w.author_a, na.name as name_a, w.author_b, nb.name as name_b,
    cast(w.weight as integer) as weight, w.first_seen, w.last_seen
from weighted w
join authors na on na.author_id = w.author_a
join authors nb on nb.author_id = w.author_b
