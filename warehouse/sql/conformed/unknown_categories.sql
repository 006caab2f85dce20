-- categories: codes papers use that the taxonomy does not know, kept and flagged `known = false`.
with used as (
    select distinct category as code from paper_categories
    where category not in (select code from categories)
),

archives as (
    select archive, any_value(group_name) as group_name from categories where known group by archive
)

select
    u.code,
    split_part(u.code, '.', 1) as archive,
    coalesce(a.group_name, 'Unknown') as group_name,
    null::varchar as name,
    false as known
from used u
left join archives a on a.archive = split_part(u.code, '.', 1)
