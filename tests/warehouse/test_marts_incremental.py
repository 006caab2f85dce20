"""An incremental marts build equals a build from scratch, after every kind of ingest a warehouse sees.

Each step ingests something into a generated corpus's warehouse, builds the marts incrementally, fingerprints
every mart (row count and order-free hash of all columns), then builds them from scratch on the same warehouse
and fingerprints again: the two must be equal, and the first build must really have been incremental.
"""

from __future__ import annotations

import dataclasses
import re
import shutil

import duckdb
import pytest

from tests.warehouse.marts_home import ingest, write_files
from transforms.generate import build_corpus
from warehouse.fingerprint import mart_fingerprints
from warehouse.home import Home
from warehouse.marts import MartContractViolation, build_and_publish, build_marts
from warehouse.published import open_published, published_tables, snapshot_dir
from warehouse.writer import Warehouse

DAYS, SEED = 24, 11


def fingerprint(con, table: str) -> tuple[int, int]:
    cols = ", ".join(f'"{r[0]}"' for r in con.sql(f"describe {table}").fetchall())
    return con.sql(f"select count(*), coalesce(sum(hash({cols})::hugeint), 0) from {table}").fetchall()[0]


def incremental_equals_full(home: Home):
    """Build and publish incrementally, then build from scratch; assert equal marts, and a snapshot equal to the
    warehouse (months of paper_terms linked from the last one); returns the incremental build's result."""
    result = build_and_publish(home)
    snapshot = open_published(home.published)
    with Warehouse(home) as wh:
        after = mart_fingerprints(wh.con)
        assert {t: fingerprint(snapshot, t) for t in published_tables()} == \
            {t: fingerprint(wh.con, t) for t in published_tables()}
    snapshot.close()
    scratch = home.root / "scratch.duckdb"  # a copy, so the home's next build follows this one's snapshot
    shutil.copy(home.database, scratch)
    con = duckdb.connect(str(scratch))
    build_marts(con, full=True)
    assert mart_fingerprints(con) == after
    con.close()
    scratch.unlink()
    assert result.changes is not None, "the build started from scratch"
    return result


def months(home: Home) -> tuple[set[str], set[str]]:
    """(every paper_terms month of the current snapshot, those hard-linked from the snapshot before)."""
    files = list((snapshot_dir(home.published) / "paper_terms").glob("month=*/data_0.parquet"))
    return ({p.parent.name[6:] for p in files}, {p.parent.name[6:] for p in files if p.stat().st_nlink > 1})


def clusters_of(home: Home, author_id: str) -> set[str]:
    with Warehouse(home) as wh:
        return {r[0] for r in wh.con.sql("select distinct cluster_id from author_clusters where author_id = ?",
                                         params=[author_id]).fetchall()}


def entry(arxiv_id: str, title: str, authors: list[str]) -> str:
    return (f"### [1] [{title}](https://arxiv.org/abs/{arxiv_id})\n*{', '.join(authors)}*\n\nMain category: cs.LG\n\n"
            f"TL;DR: {title} in one line.\n\nAbstract: {title}, studied at length with new benchmarks.\n\n")


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(DAYS, SEED, entries_per_day=10)


def test_every_ingest_keeps_the_incremental_marts_equal_to_a_full_build(corpus, tmp_path):
    last = f"2026-01-{4 + DAYS:02d}"
    source = write_files([f for f in corpus.files if last not in f.path], tmp_path / "corpus")
    home = Home.resolve(tmp_path / "home")
    ingest(home, [source])
    assert build_and_publish(home).changes is None  # no state yet: from scratch
    assert incremental_equals_full(home).changes.none  # nothing ingested since
    every, linked = months(home)
    assert every and linked == every

    # a new day in every feed
    write_files([f for f in corpus.files if last in f.path], source)
    ingest(home, [source])
    result = incremental_equals_full(home)
    assert result.changes.papers > 0 and result.changes.authors > 0
    assert {"feed_papers", "feed_authorships", "paper_briefs", "coauthor_edges"} <= result.incremental
    every, linked = months(home)
    assert result.term_months and linked == every - result.term_months

    # an old day rewritten (a feed without twins): its first entry gone, an author dropped from the next one;
    # the dates of the pairs those papers held change, so their keys are recounted
    old = source / "sec-bar" / "2026-01-06.md"
    text = old.read_text(encoding="utf-8")
    starts = [m.start() for m in re.finditer(r"^### \[", text, flags=re.MULTILINE)]
    assert len(starts) >= 3
    second = text[starts[1]:starts[2]]
    line = re.search(r"^\*(.+)\*$", second, flags=re.MULTILINE)
    names = line.group(1).split(", ")
    fewer = second.replace(line.group(0), "*" + ", ".join(names[:-1] if len(names) > 1 else names + ["Ada Lovelace"]) + "*")
    old.write_text(text[:starts[0]] + fewer + text[starts[2]:], encoding="utf-8")
    ingest(home, [source])
    result = incremental_equals_full(home)
    assert result.changes.digests == 1 and result.recounted > 0
    assert {"author_clusters", "coauthor_edges", "paper_briefs"} <= result.incremental

    # a new feed whose one paper joins two groups of an ambiguous author's papers: the groups merge
    with Warehouse(home) as wh:
        author, raw_name, one, two = wh.con.sql("""
            with groups as (
                select author_id, raw_name, cluster, min(arxiv_id) as arxiv_id from author_clusters
                where ambiguous and cluster_papers >= 2 group by all)
            select a.author_id, a.raw_name, a.arxiv_id, b.arxiv_id
            from groups a join groups b on a.author_id = b.author_id and a.cluster = 1 and b.cluster = 2
            order by a.author_id limit 1""").fetchall()[0]
        mates = [wh.con.sql("select name from paper_authors where arxiv_id = ? and author_id <> ? order by position "
                            "limit 1", params=[paper, author]).fetchall()[0][0] for paper in (one, two)]
    before = clusters_of(home, author)
    feed = source / "hand-feed"
    feed.mkdir()
    (feed / f"{last}.md").write_text(f"# Papers {last}\n\n" + entry("2612.99901", "Bridging two groups",
                                                                  [raw_name, *mates]), encoding="utf-8")
    ingest(home, [source])
    result = incremental_equals_full(home)
    assert len(clusters_of(home, author)) < len(before)
    assert "author_clusters" in result.incremental and result.changes.authors == 3
    every, linked = months(home)
    assert result.term_months == {"2612"} and linked == every - {"2612"} and len(linked) > 0

    # the marts' SQL or code changed since the last build: from scratch again
    with Warehouse(home) as wh:
        wh.con.execute("update mart_builds set version = 'older code'")
        assert build_marts(wh.con).changes is None
        assert build_marts(wh.con).changes.none


def test_a_broken_contract_in_an_incremental_build_keeps_the_previous_marts(corpus, tmp_path, monkeypatch):
    from warehouse import marts as marts_module

    source = write_files([f for f in corpus.files if "2026-01-2" not in f.path], tmp_path / "corpus")
    home = Home.resolve(tmp_path / "home")
    ingest(home, [source])
    with Warehouse(home) as wh:
        build_marts(wh.con)
        before = mart_fingerprints(wh.con)
        state = wh.con.sql("select * from mart_digests order by all").fetchall()
    write_files([f for f in corpus.files if "2026-01-20" in f.path], source)
    ingest(home, [source])
    update_one = marts_module._update

    def update_with_a_broken_contract(con, model, result):
        if model.name == "coauthor_edges":  # a not-null clause every added row breaks
            model = dataclasses.replace(model, not_null=("weight + null",))
        return update_one(con, model, result)

    monkeypatch.setattr(marts_module, "_update", update_with_a_broken_contract)
    with Warehouse(home) as wh:
        with pytest.raises(MartContractViolation, match=r"coauthor_edges\.weight \+ null is null"):
            build_marts(wh.con)
        assert mart_fingerprints(wh.con) == before
        assert wh.con.sql("select * from mart_digests order by all").fetchall() == state
    monkeypatch.setattr(marts_module, "_update", update_one)
    result = incremental_equals_full(home)
    assert result.changes.papers > 0
