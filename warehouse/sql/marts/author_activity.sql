-- author_activity: each author's new papers per week (Monday), per feed and across feeds: the author timelines.
-- key: feed, author_id, week
-- not_null: name, n_papers
with weekly as (
    select feed, author_id, cast(date_trunc('week', first_seen) as date) as week, count(*) as n_papers
    from feed_authorships
    group by all
)

select w.feed, w.author_id, a.name, w.week, cast(w.n_papers as integer) as n_papers
from weekly w
join authors a using (author_id)
