"""Grouping one name's papers by shared co-authors (transforms.homonyms)."""

from __future__ import annotations

import random

import polars as pl

from transforms.homonyms import MAX_TEAM, paper_groups


def groups(rows: list[tuple[str, str]], author: str) -> list[set[str]]:
    got = paper_groups(pl.DataFrame(rows, schema=["arxiv_id", "author_id"], orient="row"))
    found: dict[int, set[str]] = {}
    for arxiv_id, cluster in got.filter(pl.col("author_id") == author).select("arxiv_id", "cluster").rows():
        found.setdefault(cluster, set()).add(arxiv_id)
    return [found[c] for c in sorted(found)]


def test_papers_join_through_a_chain_of_shared_coauthors_and_split_where_none_is_shared():
    rows = [("p1", "W"), ("p1", "A"), ("p2", "W"), ("p2", "A"), ("p2", "B"), ("p3", "W"), ("p3", "B"),  # chain
            ("p4", "W"), ("p4", "C"), ("p5", "W"), ("p5", "C"),  # another team
            ("p6", "W")]  # alone
    assert groups(rows, "W") == [{"p1", "p2", "p3"}, {"p4", "p5"}, {"p6"}]  # largest first
    assert groups(rows, "A") == [{"p1", "p2"}]  # A's papers share W


def test_the_name_itself_links_nothing_and_consortium_papers_link_nothing():
    big = [("p9", f"X{i}") for i in range(51)] + [("p9", "W"), ("p9", "A")]
    rows = [("p1", "W"), ("p1", "A"), *big, ("p2", "W")]
    assert groups(rows, "W") == [{"p1"}, {"p2"}, {"p9"}]  # p9 has 53 authors: it shares A with p1 but links none


def test_no_rows_no_groups():
    assert paper_groups(pl.DataFrame(schema={"arxiv_id": pl.String, "author_id": pl.String})).height == 0


def reference_groups(rows: set[tuple[str, str]]) -> dict[str, list[set[str]]]:
    """The rule read literally, one author at a time: papers joined (through chains) by a co-author they share."""
    team: dict[str, set[str]] = {}
    for paper, author in rows:
        team.setdefault(paper, set()).add(author)
    out = {}
    for author in {a for _, a in rows}:
        papers = sorted(p for p in team if author in team[p])
        group = {p: {p} for p in papers}
        for p in papers:
            for q in papers:
                small = len(team[p]) <= MAX_TEAM and len(team[q]) <= MAX_TEAM
                if p < q and small and team[p] & team[q] - {author} and group[p] is not group[q]:
                    merged = group[p] | group[q]
                    for r in merged:
                        group[r] = merged
        distinct = {id(g): g for g in group.values()}.values()
        out[author] = sorted(distinct, key=lambda g: (-len(g), min(g)))
    return out


def test_groups_match_the_rule_read_literally_on_random_authorships():
    rng = random.Random(7)
    for _ in range(200):
        rows = {(f"p{rng.randint(0, 30):02d}", f"a{rng.randint(0, 20)}") for _ in range(rng.randint(1, 120))}
        if rng.random() < 0.2:  # one consortium paper, around the team limit
            rows |= {("p99", f"a{i}") for i in range(rng.randint(MAX_TEAM - 5, MAX_TEAM + 5))}
        got = paper_groups(pl.DataFrame(sorted(rows), schema=["arxiv_id", "author_id"], orient="row"))
        found: dict[str, dict[int, set[str]]] = {}
        for author, paper, cluster in got.select("author_id", "arxiv_id", "cluster").rows():
            found.setdefault(author, {}).setdefault(cluster, set()).add(paper)
        assert {a: [c[k] for k in sorted(c)] for a, c in found.items()} == reference_groups(rows), sorted(rows)
        assert got.filter(pl.col("cluster_papers") != pl.len().over("author_id", "cluster")).height == 0
