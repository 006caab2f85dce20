-- rising_terms: terms (as term_topics counts them) used by a growing share of new papers, the 28 days up to a feed's last digest (feed_windows
-- span 28d) against the 28 days before (28d_before), per feed and across feeds; only terms with score >= 1.96.
-- score: the log-odds ratio of a paper using the term, recent window over previous, with an informative prior
-- (Monroe, Colaresi & Quinn 2008, "Fightin' Words", for papers using a term): 10 pseudo-papers at the term's share of
-- both windows, a = 10 * share and b = 10 - a; log_odds = ln((recent + a) / (recent_papers - recent + b))
-- - ln((previous + a) / (previous_papers - previous + b)), divided by its standard error (the square root of the
-- sum of 1 / each of those four counts). A feed with no paper in one of its two windows has no rising terms.
-- Across feeds ('*'): the feeds that published in both windows ending at the latest digest day are the strata;
-- log_odds is worked out within each feed, then combined weighting each by 1 / its variance (a fixed-effect
-- meta-analysis): a feed that started or stopped, or a mix of feeds that changed, cannot make a trend.
-- Minimum support: 10 papers, and 0.5% of the window's new papers, in the recent window. A term is left out when
-- a longer term containing it has exactly its counts in both windows (`agents` when every such paper says `LLM
-- agents`): it adds nothing.
-- key: feed, term
-- not_null: rank, recent, previous, recent_papers, previous_papers, log_odds, score, n_feeds, as_of
with windows as (
    select feed, span, as_of, window_start, window_end, published_feeds
    from feed_windows
    where span in ('28d', '28d_before')
),

-- (target row, source feed, its two windows): a feed alone, or each feed that published in both '*' windows
strata as (
    select r.feed as target, s.source, r.as_of, r.window_start as recent_start, r.window_end as recent_end,
           p.window_start as previous_start, p.window_end as previous_end
    from windows r
    join windows p on p.feed = r.feed and p.span = '28d_before'
    cross join unnest(if(r.feed = '*', list_intersect(r.published_feeds, p.published_feeds),
                         if(len(p.published_feeds) > 0, [r.feed], []))) as s(source)
    where r.span = '28d'
),

windowed as (
    select s.target, s.source, s.as_of, f.arxiv_id, f.first_seen >= s.recent_start as is_recent
    from strata s
    join feed_papers f on f.feed = s.source and f.first_seen between s.previous_start and s.recent_end
),

stratum_totals as (
    select target, source, count(*) filter (where is_recent) as n_recent,
           count(*) filter (where not is_recent) as n_previous
    from windowed
    group by all
    having n_recent > 0 and n_previous > 0
),

target_totals as (
    select target, sum(n_recent) as recent_papers, sum(n_previous) as previous_papers, count(*) as n_strata
    from stratum_totals
    group by target
),

-- terms counted as their topics (term_topics): a paper using NeRF and nerf counts once
counted_in as (
    select w.*
    from windowed w
    semi join stratum_totals s on s.target = w.target and s.source = w.source
),

per_stratum as (
    select w.target, w.source, k.topic_id as term_id, count(*) filter (where w.is_recent) as y_r,
           count(*) filter (where not w.is_recent) as y_p
    from counted_in w
    join paper_terms t using (arxiv_id)
    join term_topics k on k.term_id = t.term_id and not k.shared
    group by all
    union all
    select target, source, term_id, count(*) filter (where is_recent), count(*) filter (where not is_recent)
    from (select distinct w.target, w.source, w.arxiv_id, w.is_recent, k.topic_id as term_id
          from counted_in w
          join paper_terms t using (arxiv_id)
          join term_topics k on k.term_id = t.term_id and k.shared)
    group by all
),

supported as (
    select p.target, p.term_id
    from per_stratum p
    join target_totals t using (target)
    group by p.target, p.term_id
    having sum(p.y_r) >= greatest(10, 0.005 * any_value(t.recent_papers))
),

log_odds as (
    select p.target, p.term_id, p.y_r, p.y_p, a, 10 - a as b, s.n_recent, s.n_previous
    from per_stratum p
    semi join supported u using (target, term_id)
    join stratum_totals s using (target, source)
    cross join lateral (select 10.0 * (p.y_r + p.y_p + 1) / (s.n_recent + s.n_previous + 2) as a)
),

per_term as (
    select target, term_id, y_r, y_p, delta, variance
    from (select *, ln((y_r + a) / (n_recent - y_r + b)) - ln((y_p + a) / (n_previous - y_p + b)) as delta,
                 1 / (y_r + a) + 1 / (n_recent - y_r + b) + 1 / (y_p + a) + 1 / (n_previous - y_p + b) as variance
          from log_odds)
),

combined as (
    -- rounded: sums over feeds in parallel differ in the last bits from run to run
    select target as feed, term_id, round(sum(delta / variance) / sum(1 / variance), 9) as log_odds,
           round(sum(delta / variance) / sqrt(sum(1 / variance)), 9) as score, count(*) as n_feeds,
           sum(y_r) as recent, sum(y_p) as previous
    from per_term
    group by all
),

-- the strings come from the topics for the few terms with support
counted as (
    select c.*, d.topic as term, d.n_words
    from combined c
    join (select distinct topic_id, topic, n_words from term_topics) d on d.topic_id = c.term_id
    where c.score >= 1.96
),

redundant as (
    select distinct a.feed, a.term
    from counted a
    join counted b
        on b.feed = a.feed and b.recent = a.recent and b.previous = a.previous and b.n_words > a.n_words
        and contains(' ' || b.term || ' ', ' ' || a.term || ' ')
)

select c.feed,
       cast(row_number() over (partition by c.feed order by c.score desc, c.recent desc, c.term) as integer) as rank,
       c.term, c.n_words, cast(c.recent as integer) as recent, cast(c.previous as integer) as previous,
       cast(t.recent_papers as integer) as recent_papers, cast(t.previous_papers as integer) as previous_papers,
       c.log_odds, c.score, cast(c.n_feeds as integer) as n_feeds, a.as_of
from counted c
join target_totals t on t.target = c.feed
join (select distinct target, as_of from strata) a on a.target = c.feed
anti join redundant r on r.feed = c.feed and r.term = c.term
