"""What the marts were last built from, so the next build redoes only what changed since (warehouse/marts.py).

Every load stamps the digests it replaces with a new `loaded_at` (warehouse/load.py), so a digest that is new,
gone, or loaded again since the last build is exactly one whose (digest_id, loaded_at) is not in `mart_digests`.
Its papers, those it lists now and those it listed then, are the changed papers; their authors, then and now, and
the authors whose name changed, are the changed authors. The state is written in the build's own transaction.

`changes` returns None when the state is unknown (never built this way, a mart missing, the marts' SQL or
code changed since): the build then starts from scratch.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb

from transforms.schema.tables import MART_AUTHORS, MART_BUILDS, MART_DIGESTS
from warehouse.models import models

# the code a mart's rows come from besides its SQL: a change to any of these rebuilds every mart once
_CODE = ("warehouse/marts.py", "warehouse/marts_state.py", "warehouse/homonyms.py", "warehouse/terms.py",
         "transforms/homonyms.py", "transforms/terms.py", "transforms/term_frames.py")


_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Changes:
    """What changed since the last build, in temp tables `changed_papers (arxiv_id)` and
    `changed_authors (author_id, renamed)`; the counts here."""

    digests: int
    papers: int
    authors: int
    renamed: int

    @property
    def none(self) -> bool:
        return not (self.digests or self.papers or self.authors or self.renamed)


@cache
def version() -> str:
    """sha256 of every mart model's SQL (incremental forms included) and of the code that builds the marts."""
    digest = hashlib.sha256()
    marts = _ROOT / "warehouse" / "sql" / "marts"
    for path in sorted([*marts.glob("*.sql"), *marts.glob("incremental/*.sql")]) + [_ROOT / rel for rel in _CODE]:
        digest.update(str(path.relative_to(_ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def changes(con: duckdb.DuckDBPyConnection) -> Changes | None:
    """Fill `changed_papers` and `changed_authors` from the state of the last build; None when that state is
    unknown. Must run before any mart is touched (the old authors of a changed paper are read from the marts)."""
    tables = {r[0] for r in con.sql("select table_name from information_schema.tables "
                                    "where table_schema = 'main'").fetchall()}
    needed = {MART_BUILDS.name, MART_DIGESTS.name, MART_AUTHORS.name, "author_clusters"} | {m.name for m in models()}
    if not needed <= tables:
        return None
    have = {r[0] for r in con.sql("select column_name from information_schema.columns "
                                  f"where table_name = '{MART_BUILDS.name}'").fetchall()}
    if have != set(MART_BUILDS.column_names) or \
            con.sql(f"select version from {MART_BUILDS.name}").fetchall() != [(version(),)]:
        return None
    con.execute("""create or replace temp table changed_digests as
                   (select digest_id, coalesce(cast(loaded_at as varchar), '') as loaded_at from digests
                    except select digest_id, loaded_at from mart_digests)
                   union
                   (select digest_id, loaded_at from mart_digests
                    except select digest_id, coalesce(cast(loaded_at as varchar), '') from digests)""")
    con.execute("""create or replace temp table changed_papers as
                   select arxiv_id from listings semi join changed_digests using (digest_id)
                   union
                   select arxiv_id from mart_digests semi join changed_digests using (digest_id)
                   where arxiv_id is not null""")
    con.execute("""create or replace temp table changed_authors as
                   with renamed as (
                       select author_id from (select author_id, name, name_key from authors
                                              except select author_id, name, name_key from mart_authors)
                       union
                       select author_id from (select author_id, name, name_key from mart_authors
                                              except select author_id, name, name_key from authors)
                   ),
                   credited as (
                       select author_id from paper_authors semi join changed_papers using (arxiv_id)
                       union
                       select author_id from author_clusters semi join changed_papers using (arxiv_id)
                   )
                   select author_id, bool_or(renamed) as renamed
                   from (select author_id, true as renamed from renamed
                         union all select author_id, false from credited)
                   group by author_id""")
    (n_digests,) = con.sql("select count(distinct digest_id) from changed_digests").fetchall()[0]
    (n_papers,) = con.sql("select count(*) from changed_papers").fetchall()[0]
    n_authors, n_renamed = con.sql("select count(*), count(*) filter (where renamed) from changed_authors").fetchall()[0]
    return Changes(n_digests, n_papers, n_authors, n_renamed)


def last_build(con: duckdb.DuckDBPyConnection) -> str | None:
    """The id of the last build, or None."""
    have = {r[0] for r in con.sql("select column_name from information_schema.columns "
                                  f"where table_name = '{MART_BUILDS.name}'").fetchall()}
    if "build_id" not in have:  # no build yet, or one from before builds had ids
        return None
    found = con.sql(f"select build_id from {MART_BUILDS.name}").fetchall()
    return found[0][0] if found else None


def record(con: duckdb.DuckDBPyConnection) -> str:
    """Remember what this build read: every digest's stamp and papers, every author's name, the version;
    returns the build's new id."""
    for table in (MART_BUILDS, MART_DIGESTS, MART_AUTHORS):
        con.execute(f"drop table if exists {table.name}")
        con.execute(table.ddl())
    con.execute("""insert into mart_digests
                   select d.digest_id, coalesce(cast(d.loaded_at as varchar), ''), l.arxiv_id
                   from digests d
                   left join (select distinct digest_id, arxiv_id from listings) l using (digest_id)""")
    con.execute("insert into mart_authors select author_id, name, name_key from authors")
    build_id = uuid.uuid4().hex
    con.execute("insert into mart_builds values (?, ?, current_timestamp)", [version(), build_id])
    return build_id
