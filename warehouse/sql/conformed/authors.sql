-- authors: one row per name key among `affected_authors`; display name is the most used spelling.
-- contract: key (author_id)
with credited as (
    select pa.author_id, pa.arxiv_id, pa.name, a.name_key
    from paper_authors pa
    join (
        select distinct author_id, name_key from authorships
        where author_id in (select author_id from affected_authors)
    ) a using (author_id)
    where pa.author_id in (select author_id from affected_authors)
),

spellings as (
    select author_id, name, count(*) as uses
    from credited
    group by author_id, name
),

display as (
    select author_id, first(name order by uses desc, name) as name
    from spellings
    group by author_id
)

select c.author_id, d.name, any_value(c.name_key) as name_key, cast(count(distinct c.arxiv_id) as integer) as n_papers
from credited c
join display d using (author_id)
group by c.author_id, d.name
