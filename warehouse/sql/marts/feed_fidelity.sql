-- feed_fidelity: one row per feed, field and measure over the feed's whole history (scope `feed`), and one per
-- run of consecutive digest days below the bound (scope `days`; consecutive among the days that measure has).
-- measure `complete`: the share of loaded entries holding the field (title, authors, main_category, tldr, abstract);
-- `twin`: the share of entries compared with their .jsonl twin whose digest value agrees with the twin's.
-- flagged: share below the bound, 0.99 (the DuckDB variable `fidelity_min` sets another: `check --min`).
-- n_missing: entries without the field (`complete`), or whose digest shows none where the twin has one (`twin`).
-- example_*: an entry of the worst day: for `twin`, its first disagreement; for `complete`, its first entry without the field.
-- key: feed, field, measure, scope, first_day
-- not_null: last_day, n_days, n, n_ok, n_missing, share, flagged
-- accepted: measure = complete, twin
-- accepted: scope = feed, days
with bound as (
    select coalesce(try_cast(getvariable('fidelity_min') as double), 0.99) as bound
),

per_day as (
    select feed, digest_date as day, digest_id, path, field, 'complete' as measure, n_entries as n, n_present as n_ok,
           n_entries - n_present as n_missing, absent_id as example_id, absent_line as example_line,
           null::varchar as example
    from fidelity
    where field in ('title', 'authors', 'main_category', 'tldr', 'abstract') and n_entries > 0
    union all
    select feed, digest_date, digest_id, path, field, 'twin', n_compared, n_agreed, n_missing,
           example_id, example_line, example
    from fidelity
    where n_compared > 0
),

ranked as (
    select
        p.*,
        p.n_ok < p.n * b.bound as low,
        row_number() over (partition by feed, field, measure order by day, digest_id) as seq
    from per_day p, bound b
),

islands as (
    select *, seq - row_number() over (partition by feed, field, measure order by day, digest_id) as island
    from ranked
    where low
),

feeds as (
    select feed, field, measure, 'feed' as scope, min(day) as first_day, max(day) as last_day,
           count(distinct day) as n_days, sum(n) as n, sum(n_ok) as n_ok, sum(n_missing) as n_missing,
           arg_min({'id': example_id, 'path': path, 'line': example_line, 'text': example}, n_ok / n)
               filter (where example_id is not null) as worst
    from ranked
    group by feed, field, measure
),

runs as (
    select feed, field, measure, 'days' as scope, min(day) as first_day, max(day) as last_day,
           count(distinct day) as n_days, sum(n) as n, sum(n_ok) as n_ok, sum(n_missing) as n_missing,
           arg_min({'id': example_id, 'path': path, 'line': example_line, 'text': example}, n_ok / n)
               filter (where example_id is not null) as worst
    from islands
    group by feed, field, measure, island
)

select
    feed, field, measure, scope, first_day, last_day,
    cast(n_days as integer) as n_days,
    cast(n as integer) as n,
    cast(n_ok as integer) as n_ok,
    cast(n_missing as integer) as n_missing,
    n_ok / n as share,
    n_ok < n * (select bound from bound) as flagged,
    worst.id as example_id, worst.path as example_path, cast(worst.line as integer) as example_line,
    worst.text as example
from (select * from feeds union all select * from runs)
