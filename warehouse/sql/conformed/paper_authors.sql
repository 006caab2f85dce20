-- paper_authors: each affected paper's ordered authors, from its latest listing that names any.
-- contract: key (arxiv_id, position); references papers, authors
with candidates as (
    select l.arxiv_id, l.digest_id, l.position, l.digest_date
    from listings l
    where l.arxiv_id in (select arxiv_id from affected_papers)
      and exists (select 1 from authorships a where a.digest_id = l.digest_id and a.position = l.position)
),

latest as (
    select arxiv_id, digest_id, position
    from candidates
    qualify row_number() over (partition by arxiv_id order by digest_date desc, digest_id desc, position desc) = 1
)

select latest.arxiv_id, a.author_id, a.author_position as position, a.name
from latest
join authorships a using (digest_id, position)
