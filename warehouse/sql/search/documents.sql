-- search documents: one row per paper in `search_papers`, with every text the index searches and shows.
-- TL;DRs, keywords and translations come from every listing (a paper's Chinese and English summaries are
-- both findable); title and abstract are the papers table's (latest listing). Lists are sorted so a rebuild
-- writes the same documents as the incremental updates did.
with wanted as (
    select p.* from papers p where p.arxiv_id in (select arxiv_id from search_papers)
),

written as (
    select s.arxiv_id,
           array_to_string(list_sort(list(distinct s.tldr)), chr(10)) as tldrs,
           array_to_string(list_sort(list(distinct s.title_translation)), chr(10)) as title_translations,
           array_to_string(list_sort(list(distinct s.abstract_translation)), chr(10)) as abstract_translations
    from summaries s
    where s.arxiv_id in (select arxiv_id from search_papers)
    group by s.arxiv_id
),

keywords as (
    select arxiv_id, array_to_string(list_sort(list(distinct keyword)), ' ; ') as keywords
    from (select arxiv_id, unnest(keywords) as keyword from summaries
          where arxiv_id in (select arxiv_id from search_papers))
    where keyword is not null and keyword <> ''
    group by arxiv_id
),

credited as (  -- list_sort on (position, name) pairs: an ordered aggregate costs several times more
    select arxiv_id, array_to_string(list_transform(list_sort(list([cast(position as varchar), name])),
                                                    lambda x: x[2]), ', ') as authors
    from (select arxiv_id, lpad(cast(position as varchar), 6, '0') as position, name from paper_authors
          where arxiv_id in (select arxiv_id from search_papers))
    group by arxiv_id
),

filed as (  -- primary first ('0' sorts before '1'), then by code
    select arxiv_id, list_transform(list_sort(list([case when is_primary then '0' else '1' end, category])),
                                    lambda x: x[2]) as categories
    from paper_categories
    where arxiv_id in (select arxiv_id from search_papers)
    group by arxiv_id
),

fed as (
    select arxiv_id, list_sort(list(distinct feed)) as feeds
    from listings
    where arxiv_id in (select arxiv_id from search_papers)
    group by arxiv_id
),

documents as (
    select
        w.arxiv_id, w.first_seen, w.last_seen,
        concat_ws(chr(10), w.title, nullif(t.title_translations, '')) as title,
        coalesce(t.tldrs, '') as tldr,
        concat_ws(chr(10), w.abstract, nullif(t.abstract_translations, '')) as abstract,
        coalesce(k.keywords, '') as keywords,
        coalesce(c.authors, '') as authors,
        coalesce(f.categories, case when w.primary_category is null then cast([] as varchar[])
                                    else [w.primary_category] end) as categories,
        coalesce(d.feeds, cast([] as varchar[])) as feeds,
        coalesce(w.title, '') as shown_title
    from wanted w
    left join written t using (arxiv_id)
    left join keywords k using (arxiv_id)
    left join credited c using (arxiv_id)
    left join filed f using (arxiv_id)
    left join fed d using (arxiv_id)
)

-- categories and feeds also as lists: warehouse/search_index.py turns them into the tags column by
-- transforms.search_text.tags_of, the rule queries use (once per distinct pair of lists, not per paper)
select
    arxiv_id, title, tldr, abstract, keywords, authors, categories, feeds,
    cast(first_seen as varchar) as first_seen, cast(last_seen as varchar) as last_seen,
    to_json({title: shown_title, categories: categories, feeds: feeds}) :: varchar as shown
from documents
order by arxiv_id  -- a full build numbers documents in arXiv id order, which breaks bm25 ties
