-- paper_categories: each affected paper's categories from its latest listing that names them, primary first.
-- contract: key (arxiv_id, category); references papers, categories
with observed as (
    select
        l.arxiv_id, l.digest_date, l.digest_id, l.position,
        case when len(o.categories) > 0 then o.categories else [l.main_category] end as categories
    from listings l
    join paper_observations o using (digest_id, position)
    where l.arxiv_id in (select arxiv_id from affected_papers)
      and (len(o.categories) > 0 or l.main_category is not null)
),

latest as (
    select arxiv_id, categories
    from observed
    qualify row_number() over (
        partition by arxiv_id order by len(categories) > 1 desc, digest_date desc, digest_id desc, position desc
    ) = 1
),

unnested as (
    select arxiv_id, unnest(categories) as category, generate_subscripts(categories, 1) as idx
    from latest
)

select arxiv_id, category, min(idx) = 1 as is_primary
from unnested
where category is not null and category <> ''
group by arxiv_id, category
