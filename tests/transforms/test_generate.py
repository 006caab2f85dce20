"""The demo corpus is deterministic, and the facts it plants can be found again by parsing it."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from itertools import combinations

import pytest

from transforms.generate import (COAUTHOR_PAIR, PLACEHOLDER, Corpus, Planted, build_corpus, generate_corpus,
                                 iter_corpus, planted_facts)
from transforms import Digest, parse_digest, parse_jsonl

DAYS, SEED = 28, 11


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return build_corpus(DAYS, SEED)


@pytest.fixture(scope="module")
def digests(corpus: Corpus) -> dict[str, Digest]:
    """Every .md file of the corpus, parsed, by path."""
    return {f.path: parse_digest(f.text, source=f.path, digest_date=date.fromisoformat(f.path[-13:-3]))
            for f in corpus.files if f.path.endswith(".md")}


def _papers(digests: dict[str, Digest]) -> dict[str, tuple[date, str]]:
    """Each distinct paper's first listing date and its title + abstract, lower-cased."""
    seen: dict[str, tuple[date, str]] = {}
    for digest in sorted(digests.values(), key=lambda d: d.digest_date):
        for e in digest.entries:
            if e.arxiv_id and e.arxiv_id not in seen:
                seen[e.arxiv_id] = (digest.digest_date, f"{e.title} {e.abstract}".lower())
    return seen


def test_same_seed_same_bytes_other_seed_other_bytes() -> None:
    first = [(f.path, f.data) for f in generate_corpus(10, 3)]
    assert first == [(f.path, f.data) for f in generate_corpus(10, 3)]
    assert first != [(f.path, f.data) for f in generate_corpus(10, 4)]
    assert planted_facts(10, 3) == planted_facts(10, 3)


def test_streaming_gives_the_same_files_and_facts(corpus: Corpus) -> None:
    planted = Planted()
    streamed = list(iter_corpus(DAYS, SEED, planted=planted))
    assert [f.path for f in streamed] != [f.path for f in corpus.files], "streamed day by day, not sorted"
    assert sorted(streamed, key=lambda f: f.path) == corpus.files and planted == corpus.planted


def test_paths_name_feed_and_day(corpus: Corpus) -> None:
    pattern = re.compile(r"^(cs-daily|hci-digest|sec-bar)/2026-\d{2}-\d{2}\.(md|jsonl)$")
    assert all(pattern.match(f.path) for f in corpus.files)
    assert {f.path.split("/")[0] for f in corpus.files} == {"cs-daily", "hci-digest", "sec-bar"}


def test_each_feed_has_one_gap_inside_the_period(corpus: Corpus) -> None:
    paths = {f.path for f in corpus.files}
    assert set(corpus.planted.gap_dates) == {"cs-daily", "hci-digest", "sec-bar"}
    for feed, gap in corpus.planted.gap_dates.items():
        assert f"{feed}/{gap}.md" not in paths
        assert f"{feed}/{gap - timedelta(days=1)}.md" in paths and f"{feed}/{gap + timedelta(days=1)}.md" in paths
        days = {p[-13:-3] for p in paths if p.startswith(feed + "/") and p.endswith(".md")}
        assert len(days) == DAYS - 1


def test_empty_days_parse_as_empty(corpus: Corpus, digests: dict[str, Digest]) -> None:
    for feed, day in corpus.planted.empty_dates.items():
        digest = digests[f"{feed}/{day}.md"]
        assert digest.entries == [] and not digest.errors and digest.template == "empty"


def test_bad_files_are_there_and_read_as_bad(corpus: Corpus, digests: dict[str, Digest]) -> None:
    reasons = {b.reason: b for b in corpus.planted.bad_files}
    assert set(reasons) == {"not_a_digest", "truncated", "foreign_link", "placeholder_summary"}
    assert digests[reasons["not_a_digest"].path].is_rejected
    truncated = digests[reasons["truncated"].path]
    assert truncated.entries and any(d.code == "truncated" for d in truncated.diagnostics)
    doi = digests[reasons["foreign_link"].path]
    assert [e.url for e in doi.entries if e.arxiv_id is None][0].startswith("https://papers.example.org/")
    placeholder = digests[reasons["placeholder_summary"].path]
    assert placeholder.entries[0].tldr is None and PLACEHOLDER in next(
        f.text for f in corpus.files if f.path == reasons["placeholder_summary"].path)


def test_good_files_parse_without_errors(corpus: Corpus, digests: dict[str, Digest]) -> None:
    bad = {b.path for b in corpus.planted.bad_files}
    for path, digest in digests.items():
        if path not in bad:
            assert not digest.errors, (path, [d.one_line() for d in digest.errors][:3])


def test_twins_agree_with_their_digest(corpus: Corpus, digests: dict[str, Digest]) -> None:
    bad = {b.path for b in corpus.planted.bad_files}
    texts = {f.path: f.text for f in corpus.files}
    checked = 0
    for twin_path in corpus.planted.twin_paths:
        md_path = twin_path[:-6] + ".md"
        if md_path in bad:
            continue
        twin, md = parse_jsonl(texts[twin_path]), digests[md_path]
        hidden = corpus.planted.twin_only.get(twin_path, [])
        assert [e.arxiv_id for e in twin.entries] == [e.arxiv_id for e in md.entries] + hidden
        for mine, theirs in zip(md.entries, twin.entries):
            assert (mine.title, mine.authors, mine.tldr, mine.conclusion) == \
                (theirs.title, theirs.authors, theirs.tldr, theirs.conclusion)
            assert mine.abstract.split() == theirs.abstract.split(), "the bold feed folds the abstract's line breaks"
            assert mine.main_category == theirs.categories[0]
        checked += 1
    assert checked >= 20
    assert any(len(e.categories) >= 2 for t in corpus.planted.twin_paths for e in parse_jsonl(texts[t]).entries)


def test_rising_and_fading_terms_move_over_the_weeks(corpus: Corpus, digests: dict[str, Digest]) -> None:
    papers = _papers(digests)
    start = corpus.planted.first_day

    def share(term: str, week: int) -> float:
        texts = [t for d, t in papers.values() if (d - start).days // 7 == week]
        return sum(term.lower() in t for t in texts) / len(texts)

    last = (DAYS - 1) // 7
    assert share(corpus.planted.rising_term, last) > 3 * share(corpus.planted.rising_term, 0)
    assert share(corpus.planted.fading_term, 0) > 3 * share(corpus.planted.fading_term, last)
    peak = corpus.planted.peak_term  # rises to the middle of the period, then fades
    assert max(share(peak, 1), share(peak, 2)) > 3 * max(share(peak, 0), share(peak, last))


def test_planted_pair_is_the_most_frequent_coauthor_pair(digests: dict[str, Digest]) -> None:
    authors = {e.arxiv_id: e.authors for d in digests.values() for e in d.entries if e.arxiv_id}
    pairs = Counter(pair for names in authors.values() for pair in combinations(sorted(set(names)), 2))
    assert pairs.most_common(1)[0][0] == tuple(sorted(COAUTHOR_PAIR))
    every_name = {name for names in authors.values() for name in names}
    assert {"Zoë Müller", "Łukasz Nowak"} <= every_name
    assert any(re.search("[\u4e00-\u9fff]", n) for n in every_name), "some names are written in CJK"


def test_planted_relisting_is_listed_where_it_says(corpus: Corpus, digests: dict[str, Digest]) -> None:
    ((arxiv_id, listings),) = corpus.planted.relisted.items()
    assert len({feed for feed, _ in listings}) == 2 and len(listings) == 3
    for feed, day in listings:
        assert arxiv_id in {e.arxiv_id for e in digests[f"{feed}/{day}.md"].entries}


def test_ids_match_their_listing_month(digests: dict[str, Digest]) -> None:
    for path, digest in digests.items():
        for e in digest.entries:
            if e.arxiv_id:
                assert re.fullmatch(r"\d{4}\.\d{5}", e.arxiv_id)
                assert e.arxiv_id[:4] <= digest.digest_date.strftime("%y%m")


def test_entries_have_realistic_lengths(digests: dict[str, Digest]) -> None:
    entries = [e for d in digests.values() for e in d.entries if e.abstract and e.tldr]
    abstracts = sorted(len(e.abstract) for e in entries)
    assert 850 <= abstracts[len(abstracts) // 2] <= 1350
    summaries = sorted(len(e.motivation) for e in entries if e.motivation)
    assert 90 <= summaries[len(summaries) // 10] and summaries[-1] <= 260


def test_bench_feed_lists_about_the_asked_number_a_day() -> None:
    files = generate_corpus(3, 1, feeds=["bench"], entries_per_day=300)
    assert [f.path for f in files] == ["bench/2026-01-05.md", "bench/2026-01-06.md", "bench/2026-01-07.md"]
    for f in files:
        assert 250 <= f.text.count("\n### [") <= 350


def test_a_day_lists_papers_twice_and_a_twin_holds_papers_the_digest_hides(corpus: Corpus,
                                                                          digests: dict[str, Digest]) -> None:
    ((md_path, twice),) = corpus.planted.duplicates.items()
    listed = Counter(e.arxiv_id for e in digests[md_path].entries)
    assert all(listed[i] == 2 for i in twice)
    copies = [e for e in digests[md_path].entries if e.arxiv_id == twice[0]]
    assert copies[0].title == copies[1].title and copies[0].tldr is not None
    ((twin_path, hidden),) = corpus.planted.twin_only.items()
    twin = {e.arxiv_id: e for e in parse_jsonl(next(f.text for f in corpus.files if f.path == twin_path)).entries}
    assert set(hidden) <= set(twin) and not set(hidden) & {e.arxiv_id for e in digests[twin_path[:-6] + ".md"].entries}
    assert all(twin[i].categories[0] == "eess.IV" for i in hidden)
