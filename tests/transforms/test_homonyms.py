"""Grouping one name's papers by shared co-authors (transforms.homonyms)."""

from __future__ import annotations

import polars as pl

from transforms.homonyms import paper_groups


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
