"""Search over real sample feeds and a generated corpus, ingested through the pipeline (which keeps the index):
phrase, exclusion and field queries return exactly the papers the warehouse's raw rows say they should, a
Chinese TL;DR is found by a word it contains, and a query during an index update sees the last commit."""

from __future__ import annotations

import threading
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from flows.ingest_plain import ingest_plain
from tests.helpers import ingested_home, query
from transforms.search_text import CJK_RUN, words
from warehouse.home import Home
from warehouse.search import search, similar

FEEDS = ("ZL-Asica__daily-arXiv-digest", "yukari502__Daily-Bio-Arxiv", "0x0217__daily-arXiv-ai-enhanced",
         "lix8886__daily-arXiv-ai-enhanced")


@pytest.fixture(scope="module")
def sample_home(samples_dir, tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("search-samples") / "home"
    ingest_plain([str(samples_dir / f) for f in FEEDS], Home.resolve(home))
    return home


@pytest.fixture(scope="module")
def generated_home(tmp_path_factory) -> Path:
    return ingested_home(tmp_path_factory.mktemp("search-generated"), days=20, seed=5, entries_per_day=12)


@pytest.fixture(params=["sample", "generated"])
def home(request) -> Path:
    return request.getfixturevalue(f"{request.param}_home")


def texts(home: Path) -> dict[str, list[str]]:
    """Every searchable text of every paper, straight from the warehouse's rows: {arxiv_id: [texts]}."""
    out: dict[str, list[str]] = {}
    for arxiv_id, *values in query(home, "select p.arxiv_id, p.title, p.abstract, s.tldr, s.title_translation, "
                                         "s.abstract_translation, array_to_string(s.keywords, ' ; ') "
                                         "from papers p left join summaries s using (arxiv_id)"):
        out.setdefault(arxiv_id, []).extend(v for v in values if v)
    return out


def titles(home: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for arxiv_id, *values in query(home, "select p.arxiv_id, p.title, s.title_translation from papers p "
                                         "left join summaries s using (arxiv_id)"):
        out.setdefault(arxiv_id, []).extend(v for v in values if v)
    return out


@lru_cache(maxsize=None)
def tokens_of(text: str) -> tuple[str, ...]:
    return tuple(words(text))


def holding(corpus: dict[str, list[str]], phrase: str) -> set[str]:
    """Papers one of whose texts holds `phrase`'s words consecutively."""
    want = tokens_of(phrase)
    found = set()
    for arxiv_id, values in corpus.items():
        for v in values:
            tokens = tokens_of(v)
            if any(tokens[i:i + len(want)] == want for i in range(len(tokens) - len(want) + 1)):
                found.add(arxiv_id)
    return found


def ids(home: Path, text: str, **options) -> set[str]:
    return {h.arxiv_id for h in search(Home.resolve(home), text, limit=None, **options)}


def common_title_pair(home: Path) -> str:
    """The most frequent two-word sequence in English titles (ties alphabetically): a phrase with many hits."""
    pairs = Counter()
    for values in titles(home).values():
        tokens = [w for w in words(values[0]) if w.isascii() and w.isalpha()]
        pairs.update(set(zip(tokens, tokens[1:])))
    return " ".join(min(pairs, key=lambda p: (-pairs[p], p)))


def test_phrase_and_exclusion_return_exactly_the_papers_holding_them(home):
    corpus = texts(home)
    phrase = common_title_pair(home)
    expected = holding(corpus, phrase)
    assert len(expected) >= 3
    assert ids(home, f'"{phrase}"') == expected
    one, two = phrase.split()
    assert ids(home, f"{two} {one}") == holding(corpus, one) & holding(corpus, two)  # words: any order
    # exclude a word some but not all of the phrase's papers hold
    counts = Counter(w for a in expected for w in set(tokens_of(" ".join(corpus[a]))) if w not in (one, two) and w.isalpha())
    excluded = min((w for w, n in counts.items() if n < len(expected)), key=lambda w: (-counts[w], w))
    result = ids(home, f'"{phrase}" -{excluded}')
    assert result == expected - holding(corpus, excluded)
    assert 0 < len(result) < len(expected)


def test_field_queries_return_exactly_their_papers(home):
    corpus = titles(home)
    word = common_title_pair(home).split()[0]
    assert ids(home, f"ti:{word}") == holding(corpus, word)

    author_rows = query(home, "select arxiv_id, name from paper_authors")
    surname = Counter(words(n)[-1] for _, n in author_rows if words(n)).most_common(1)[0][0]
    assert ids(home, f"au:{surname}") == {a for a, n in author_rows if surname in words(n)}

    categories = query(home, "select arxiv_id, category from paper_categories")
    code = Counter(c for _, c in categories).most_common(2)[-1][0]
    assert ids(home, f"cat:{code}") == {a for a, c in categories if c == code}
    archive = code.split(".")[0]
    assert ids(home, f"cat:{archive}") == {a for a, c in categories if c.split(".")[0] == archive}

    listings = query(home, "select distinct arxiv_id, feed from listings")
    feed = sorted({f for _, f in listings})[-1]
    assert ids(home, f"feed:{feed}") == {a for a, f in listings if f == feed}
    assert ids(home, f"{word} -feed:{feed}") == ids(home, word) - {a for a, f in listings if f == feed}


def test_date_range_keeps_papers_listed_inside_it(home):
    spans = {a: (str(f), str(l)) for a, f, l in query(home, "select arxiv_id, first_seen, last_seen from papers")}
    word = common_title_pair(home).split()[0]
    days = sorted({d for span in spans.values() for d in span})
    lo, hi = days[len(days) // 3], days[2 * len(days) // 3]
    from datetime import date

    got = ids(home, word, date_from=date.fromisoformat(lo), date_to=date.fromisoformat(hi))
    assert got == {a for a in ids(home, word) if spans[a][1] >= lo and spans[a][0] <= hi}
    assert 0 < len(got) < len(ids(home, word))


def test_a_chinese_tldr_is_found_by_two_and_three_character_words_it_contains(sample_home):
    corpus = texts(sample_home)
    tldrs = [(a, t) for a, t in query(sample_home, "select arxiv_id, tldr from summaries where tldr is not null")
             if CJK_RUN.search(t)]
    assert tldrs, "the sample feeds hold Chinese TL;DRs"
    arxiv_id, tldr = sorted(tldrs)[len(tldrs) // 2]
    run = max(CJK_RUN.findall(tldr), key=len)
    for word in (run[:2], run[1:4]):
        expected = {a for a, values in corpus.items() if any(word in v for v in values)}
        got = ids(sample_home, word)
        assert arxiv_id in got and got == expected, word
    hit = next(h for h in search(Home.resolve(sample_home), run[:2], limit=None) if h.arxiv_id == arxiv_id)
    assert run[:2] in [p for p, ok in hit.snippet if ok]


def test_hits_show_days_feeds_link_and_a_marked_snippet(sample_home):
    hit = search(Home.resolve(sample_home), common_title_pair(sample_home), limit=1)[0]
    first, last, n_feeds = query(sample_home, f"select first_seen, last_seen, n_feeds from papers "
                                              f"where arxiv_id = '{hit.arxiv_id}'")[0]
    assert (hit.first_seen, hit.last_seen) == (str(first), str(last)) and len(hit.feeds) == n_feeds
    assert hit.url == f"https://arxiv.org/abs/{hit.arxiv_id}"
    assert any(ok for _, ok in hit.snippet)


def test_similar_papers_share_words_with_the_paper_and_leave_it_out(generated_home):
    home = Home.resolve(generated_home)
    corpus = texts(generated_home)
    target = sorted(corpus)[0]
    near = similar(home, target, limit=5)
    assert near and target not in {h.arxiv_id for h in near}
    mine = set(words(" ".join(corpus[target])))
    for h in near:
        assert mine & set(words(" ".join(corpus[h.arxiv_id])))


def test_similar_papers_leave_out_the_excluded_before_building_hits(generated_home, monkeypatch):
    """An author page asks for papers near one of theirs, excluding all of the author's: the answer is the
    same as filtering a longer list, and only `limit` hits are built however many papers are excluded
    (building one hit per excluded paper made a prolific author's page take seconds)."""
    import warehouse.search as search_module

    home = Home.resolve(generated_home)
    target = sorted(texts(generated_home))[0]
    everything = similar(home, target, limit=1_000)
    excluded = {h.arxiv_id for h in everything[:3]} | {h.arxiv_id for h in everything[5::2]}
    built = []
    real_hit = search_module._hit
    monkeypatch.setattr(search_module, "_hit", lambda *a: built.append(a) or real_hit(*a))
    near = similar(home, target, limit=4, exclude=excluded)
    assert [h.arxiv_id for h in near] == [h.arxiv_id for h in everything if h.arxiv_id not in excluded][:4]
    assert len(near) == 4 and len(built) == 4
    # more excluded than the first slice of ranked papers whose ids are looked up: the answer still skips them
    many = {h.arxiv_id for h in everything[:150]}
    assert len(everything) > 160
    assert [h.arxiv_id for h in similar(home, target, limit=6, exclude=many)] == \
        [h.arxiv_id for h in everything if h.arxiv_id not in many][:6]


def test_a_query_during_an_index_update_returns_the_committed_state(generated_home, tmp_path, monkeypatch):
    """The update is held open just before its commit: searches in the meantime answer from the last commit
    (the new day's papers absent), without waiting; after the commit they see the new day."""
    import shutil

    import warehouse.search_index as search_index
    from transforms.generate import build_corpus
    from tests.helpers import write_files
    from warehouse.writer import Warehouse

    home_dir = tmp_path / "home"
    shutil.copytree(generated_home, home_dir)
    home = Home.resolve(home_dir)
    corpus = build_corpus(21, seed=5, entries_per_day=12)
    src = write_files(corpus.files, tmp_path / "src")
    before = {a for (a,) in query(home_dir, "select arxiv_id from papers")}
    word = common_title_pair(generated_home).split()[0]
    committed = ids(home_dir, word)

    at_commit, release = threading.Event(), threading.Event()

    def hold(name: str) -> None:
        if name == "search_commit":
            at_commit.set()
            release.wait(60)

    monkeypatch.setattr(search_index, "crash_point", hold)
    writer = threading.Thread(target=ingest_plain, args=([str(src)], home))
    writer.start()
    try:
        assert at_commit.wait(120), "the ingest never reached the index commit"
        assert ids(home_dir, word) == committed
    finally:
        release.set()
        writer.join(120)
    with Warehouse(home):
        pass  # the ingest is finished and released the warehouse
    after = ids(home_dir, word)
    new = {a for (a,) in query(home_dir, "select arxiv_id from papers")} - before
    assert new and after - committed and after - committed <= new


@pytest.mark.parametrize("budget", [40, 400, 10_000])
def test_similar_papers_are_the_same_with_document_frequencies_counted_only_up_to_the_budget(
        generated_home, monkeypatch, budget):
    """A word in more papers than the posting budget is never one of similar()'s words, so its document
    frequency is counted only up to budget + 1: the answer is the one exact counts give."""
    import warehouse.search as search_module

    home = Home.resolve(generated_home)
    targets = sorted(texts(generated_home))[:6]
    capped = [[(h.arxiv_id, h.score) for h in similar(home, t, limit=6, budget=budget)] for t in targets]

    def exact(db, index_key, word, cap):
        return db.execute("select count(*) from docs where docs match ?", (f'{{title abstract}} : "{word}"',)).fetchone()[0]

    monkeypatch.setattr(search_module, "_document_frequency", exact)
    assert capped == [[(h.arxiv_id, h.score) for h in similar(home, t, limit=6, budget=budget)] for t in targets]
    assert any(capped), "the generated corpus gives some similar papers"
