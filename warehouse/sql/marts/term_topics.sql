-- term_topics: every term any paper uses, mapped to the topic it counts for. Terms whose lower-case spellings
-- are equal are one topic (NeRF, NERF, nerf), shown in its most used spelling. Overlapping bigrams that nearly
-- always co-occur are one trigram: `large language` counts as `large language models` when at least 90% of
-- the papers using it also use `language models` (and the other way round), for bigrams with 5 papers; a
-- bigram that often stands alone stays itself. Both are counted on every paper, or on a fixed hash sample of
-- about 20,000 papers when there are more. shared: the topic has several terms, so a paper counts once however many
-- of them it uses.
-- key: term_id
-- not_null: topic_id, topic, topic_key, n_words, shared
-- every paper, or a fixed hash sample of about 20,000 when there are more: spellings and co-occurrence are
-- counted on it
with sample as (
    select arxiv_id
    from paper_term_sources
    where hash(arxiv_id) % greatest(1, (select count(*) // 20000 from paper_term_sources)) = 0
),

sampled_terms as materialized (
    select p.arxiv_id, p.term_id
    from paper_terms p
    semi join sample s using (arxiv_id)
),

used as (
    select term_id, count(*) as n_papers from sampled_terms group by term_id
),

keyed as (
    select t.term_id, t.term, lower(t.term) as key, t.n_words, coalesce(u.n_papers, 0) as n_papers
    from terms t
    left join used u using (term_id)
),

bigrams as (
    select term_id, term, n_papers, split_part(key, ' ', 1) as w1, split_part(key, ' ', 2) as w2
    from keyed
    where n_words = 2 and n_papers >= 5
),

-- A = `x y`, B = `y z`; only pairs where one could hold 90% of the other's papers
pairs as (
    select a.term_id as a_id, b.term_id as b_id, a.w1 || ' ' || a.w2 || ' ' || b.w2 as key3,
           a.term || ' ' || split_part(b.term, ' ', 2) as surface
    from bigrams a
    join bigrams b on b.w1 = a.w2 and b.term_id <> a.term_id
    where b.n_papers >= 0.9 * a.n_papers or a.n_papers >= 0.9 * b.n_papers
),

sampled as (
    select arxiv_id, term_id
    from sampled_terms
    where term_id in (select a_id from pairs union select b_id from pairs)
),

sampled_counts as (
    select term_id, n_papers as n from used
),

together as (
    select pr.a_id, pr.b_id, pr.key3, pr.surface, count(*) as n_both
    from pairs pr
    join sampled a on a.term_id = pr.a_id
    join sampled b on b.arxiv_id = a.arxiv_id and b.term_id = pr.b_id
    group by all
),

merged as (
    select t.a_id as term_id, t.key3, t.surface, t.n_both / c.n as ratio
    from together t join sampled_counts c on c.term_id = t.a_id
    where c.n >= 5 and t.n_both >= 0.9 * c.n
    union all
    select t.b_id, t.key3, t.surface, t.n_both / c.n
    from together t join sampled_counts c on c.term_id = t.b_id
    where c.n >= 5 and t.n_both >= 0.9 * c.n
),

best as (
    select term_id, first(key3 order by ratio desc, key3) as key3, first(surface order by ratio desc, key3) as surface
    from merged
    group by term_id
),

mapped as (
    select k.term_id, coalesce(b.key3, k.key) as topic_key, coalesce(b.surface, k.term) as surface, k.n_papers
    from keyed k
    left join best b using (term_id)
),

topics as (
    select topic_key, first(surface order by n_papers desc, surface) as topic, count(*) > 1 as shared,
           cast(dense_rank() over (order by topic_key) as integer) as topic_id
    from mapped
    group by topic_key
)

select m.term_id, t.topic_id, t.topic, t.topic_key,
       cast(len(string_split(t.topic_key, ' ')) as integer) as n_words, t.shared
from mapped m
join topics t using (topic_key)
