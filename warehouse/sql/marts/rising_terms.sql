-- rising_terms: terms ranked by growth of the last 28 days over the 28 days before, per feed and across feeds.
-- Windows end at the latest digest date in the warehouse. growth compares the share of new papers using the
-- term, smoothed with 5 pseudo-papers: ((recent + 5) / (recent_papers + 5)) / ((previous + 5) / (previous_papers + 5)).
-- Minimum support: a term needs 10 papers, and 0.5% of the feed's new papers, in the recent window; with the
-- smoothing, a term going from 1 paper to 9 cannot outrank one going from 80 to 270. A term is left out when a longer term containing it has exactly
-- its counts in both windows (`agents` when every such paper says `LLM agents`): it adds nothing.
-- key: feed, term
-- not_null: rank, recent, previous, recent_papers, previous_papers, growth, as_of
with as_of as (
    select max(digest_date) as as_of from digests
),

windowed as (
    select f.feed, f.arxiv_id,
           case when f.first_seen > a.as_of - 28 then 'recent' else 'previous' end as window_name, a.as_of
    from feed_papers f
    cross join as_of a
    where f.first_seen > a.as_of - 56
),

window_totals as (
    select feed,
           count(*) filter (where window_name = 'recent') as recent_papers,
           count(*) filter (where window_name = 'previous') as previous_papers
    from windowed
    group by feed
),

-- counted by term key; the strings come from the dictionary for the few terms with support
keyed as (
    select w.feed, t.term_id, any_value(w.as_of) as as_of,
           count(*) filter (where w.window_name = 'recent') as recent,
           count(*) filter (where w.window_name = 'previous') as previous
    from windowed w
    join paper_terms t using (arxiv_id)
    join window_totals wt using (feed)
    group by w.feed, t.term_id
    having count(*) filter (where w.window_name = 'recent') >= greatest(10, 0.005 * any_value(wt.recent_papers))
),

counted as (
    select k.feed, d.term, d.n_words, k.as_of, k.recent, k.previous
    from keyed k
    join terms d using (term_id)
),

redundant as (
    select distinct a.feed, a.term
    from counted a
    join counted b
        on b.feed = a.feed and b.recent = a.recent and b.previous = a.previous and b.n_words > a.n_words
        and contains(' ' || b.term || ' ', ' ' || a.term || ' ')
),

scored as (
    select c.*, t.recent_papers, t.previous_papers,
           ((c.recent + 5) / (t.recent_papers + 5)) / ((c.previous + 5) / (t.previous_papers + 5)) as growth
    from counted c
    join window_totals t using (feed)
    anti join redundant r on r.feed = c.feed and r.term = c.term
)

select feed,
       cast(row_number() over (partition by feed order by growth desc, recent desc, term) as integer) as rank,
       term, n_words, cast(recent as integer) as recent, cast(previous as integer) as previous,
       cast(recent_papers as integer) as recent_papers, cast(previous_papers as integer) as previous_papers,
       growth, as_of
from scored
