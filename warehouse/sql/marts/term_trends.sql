-- term_trends: weekly (Monday) count of new papers using each term (a topic of term_topics), per feed and across feeds,
-- for terms used by at least 5 papers of that feed overall (rarer terms are noise on a timeline).
-- share = the term's papers over all the feed's new papers that week.
-- key: feed, week, term
-- not_null: n_papers, share, n_words
with dated as (
    select feed, arxiv_id, cast(date_trunc('week', first_seen) as date) as week
    from feed_papers
),

week_totals as (
    select feed, week, count(*) as n_week_papers
    from dated
    group by all
),

-- papers new in the same feeds in the same weeks count alike: each term is counted once per such group
-- of papers, then spread to the group's feeds and weeks (a paper has ~111 terms but only a few feeds)
placed as (
    select arxiv_id, list(struct_pack(feed, week) order by feed) as places
    from dated
    group by arxiv_id
),

groups as (
    select places, row_number() over () as place_group
    from (select distinct places from placed)
),

-- a topic of one term is counted straight; a topic of several once per paper however many of them it uses
grouped_terms as (
    select g.place_group, k.topic_id as term_id, count(*) as n_papers
    from placed p
    join groups g using (places)
    join paper_terms t using (arxiv_id)
    join term_topics k on k.term_id = t.term_id and not k.shared
    group by all
    union all
    select place_group, term_id, count(*)
    from (select distinct g.place_group, p.arxiv_id, k.topic_id as term_id
          from placed p
          join groups g using (places)
          join paper_terms t using (arxiv_id)
          join term_topics k on k.term_id = t.term_id and k.shared)
    group by all
),

group_places as (
    select place_group, unnest(places, recursive := true)
    from groups
),

weekly as (
    select gp.feed, gp.week, gt.term_id, cast(sum(gt.n_papers) as bigint) as n_papers
    from grouped_terms gt
    join group_places gp using (place_group)
    group by all
),

supported as (
    select feed, term_id
    from weekly
    group by all
    having sum(n_papers) >= 5
)

select
    w.feed, w.week, d.term, d.n_words,
    cast(w.n_papers as integer) as n_papers,
    w.n_papers / t.n_week_papers as share
from weekly w
semi join supported s on s.feed = w.feed and s.term_id = w.term_id
join week_totals t using (feed, week)
join (select distinct topic_id, topic as term, n_words from term_topics) d on d.topic_id = w.term_id
