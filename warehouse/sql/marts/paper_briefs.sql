-- paper_briefs: one line per paper for reports and the explorer: title, link, authors, latest TL;DR (the latest
-- listing's that has one, by the papers table's rule: date, digest, position), keywords.
-- key: arxiv_id
-- not_null: first_seen, last_seen, category, url, authors
with latest_summary as (
    select s.arxiv_id,
           first(s.tldr order by d.digest_date desc, s.digest_id desc, s.position desc) filter (where s.tldr is not null) as tldr
    from summaries s
    semi join mart_scope using (arxiv_id)  -- incremental
    join digests d using (digest_id)
    group by s.arxiv_id
),

keywords as (
    select arxiv_id, list(distinct keyword order by keyword) as keywords
    from (select arxiv_id, unnest(keywords) as keyword
          from summaries
          semi join mart_scope using (arxiv_id)  -- incremental
         )
    group by arxiv_id
),

credited as (
    select arxiv_id, string_agg(name, ', ' order by position) as authors
    from paper_authors
    semi join mart_scope using (arxiv_id)  -- incremental
    group by arxiv_id
)

select
    p.arxiv_id, p.title, coalesce(p.primary_category, 'unknown') as category,
    p.first_seen, p.last_seen, p.n_feeds,
    case  -- journal items some feeds list beside arXiv papers carry a DOI or OpenAlex id
        when p.arxiv_id like 'doi:%' then 'https://doi.org/' || substr(p.arxiv_id, 5)
        when p.arxiv_id like 'openalex:%' then 'https://openalex.org/' || substr(p.arxiv_id, 10)
        else 'https://arxiv.org/abs/' || p.arxiv_id
    end as url,
    coalesce(c.authors, '') as authors,
    s.tldr,
    coalesce(k.keywords, cast([] as varchar[])) as keywords
from papers p
semi join mart_scope using (arxiv_id)  -- incremental
left join latest_summary s using (arxiv_id)
left join keywords k using (arxiv_id)
left join credited c using (arxiv_id)
