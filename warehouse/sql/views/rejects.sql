-- rejects: what was not loaded (whole files and single entries) and why: the error diagnostics.
create or replace view rejects as
with errors as (
    select feed, path, line, code, message, excerpt, digest_id, sha256, seq
    from diagnostics
    where severity = 'error'
)

select feed, path, line, code, message, excerpt, digest_id, sha256
from errors
order by feed, path, seq
