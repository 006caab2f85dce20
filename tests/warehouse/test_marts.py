"""Marts against hand-computed figures on a generated corpus whose facts were planted on purpose."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import combinations

import duckdb
import pytest

from tests.helpers import sample_listing_ids
from tests.warehouse.marts_home import built_home, ingest, write_files
from transforms.generate import build_corpus
from warehouse.marts import build_and_publish, build_marts
from warehouse.models import models
from warehouse.published import current_version, open_published
from warehouse.writer import Warehouse

DAYS, SEED = 56, 11  # eight whole weeks from Monday 2026-01-05


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    corpus = build_corpus(DAYS, SEED, entries_per_day=10)
    home, result = built_home(tmp_path_factory.mktemp("marts"), corpus.files)
    return corpus, home, result


@pytest.fixture(scope="module")
def snap(built):
    con = open_published(built[1].published)
    yield con
    con.close()


@pytest.fixture(scope="module")
def raw(built):
    """Facts straight from the raw and conformed tables, for computing expectations by hand in Python."""
    con = duckdb.connect(str(built[1].database), read_only=True)
    listings = con.sql("select feed, arxiv_id, digest_date from listings").fetchall()
    authors = con.sql("select pa.arxiv_id, pa.author_id, a.name from paper_authors pa join authors a using (author_id)").fetchall()
    primary = dict(con.sql("select arxiv_id, coalesce(primary_category, 'unknown') from papers").fetchall())
    as_of = con.sql("select max(digest_date) from digests").fetchall()[0][0]
    feed_as_of = dict(con.sql("select feed, max(digest_date) from digests group by feed").fetchall())
    digest_days = con.sql("select feed, digest_date from digests where digest_date is not null").fetchall()
    con.close()
    first_seen: dict[str, date] = {}
    for _, arxiv_id, day in listings:
        first_seen[arxiv_id] = min(day, first_seen.get(arxiv_id, day))
    return {"listings": listings, "authors": authors, "primary": primary, "first_seen": first_seen, "as_of": as_of,
            "feed_as_of": feed_as_of | {"*": as_of}, "digest_days": digest_days}


def rows(con, query, params=None):
    return con.sql(query, params=params).fetchall()


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def test_every_mart_is_built_per_feed_and_across_feeds(built, snap):
    built_names = set(built[2].rows)
    assert {m.name for m in models()} | {"author_clusters"} == built_names
    for name in ("feed_papers", "category_activity", "author_activity", "author_leaderboard", "new_vs_returning_authors",
                 "coauthor_edges", "term_trends", "rising_terms", "relisting", "feed_health"):
        feeds = {f for (f,) in rows(snap, f"select distinct feed from {name}")}
        assert feeds == {"*", "cs-daily", "hci-digest", "sec-bar"}, name


def test_category_activity_every_feed_grain_and_period(snap, raw):
    """Days, weeks and months, per feed and across feeds: papers by primary category on their first day in the feed,
    the category's share of the period, and the count a period earlier (a week earlier for days and weeks)."""
    def start(grain: str, day: date) -> date:
        return {"day": day, "week": monday(day), "month": day.replace(day=1)}[grain]

    def before(grain: str, period: date) -> date:
        return (period - timedelta(days=7) if grain != "month" else
                period.replace(year=period.year - (period.month == 1), month=(period.month - 2) % 12 + 1))

    counts = Counter((feed, grain, start(grain, day), raw["primary"][p])
                     for feed, first_seen in _feed_first_seen(raw).items() for p, day in first_seen.items()
                     for grain in ("day", "week", "month"))
    totals = Counter()
    for (feed, grain, period, _), n in counts.items():
        totals[(feed, grain, period)] += n
    expected = {}
    for (feed, grain, period, category), n in counts.items():
        prev = counts.get((feed, grain, before(grain, period), category), 0)
        expected[(feed, grain, period, category)] = (
            n, pytest.approx(n / totals[(feed, grain, period)]), prev, pytest.approx(n / prev - 1) if prev else None)
    got = {(f, g, p, c): (n, s, prev, growth) for f, g, p, c, n, s, prev, growth in rows(
        snap, "select feed, grain, period, category, n_papers, share, previous_n_papers, growth from category_activity")}
    assert got.keys() == expected.keys()
    assert got == expected
    assert any(g == "month" and prev for (_, g, _, _), (_, _, prev, _) in got.items()), "a month compares with one"
    total = rows(snap, "select sum(n_papers) from category_activity where feed = '*' and grain = 'month'")[0][0]
    assert total == len(raw["first_seen"])  # relisted papers are not counted twice


def test_planted_rising_term_rises_and_fading_term_fades(built, snap):
    planted = built[0].planted
    ranked = dict(rows(snap, "select term, rank from rising_terms where feed = '*'"))
    score = dict(rows(snap, "select term, score from rising_terms where feed = '*'"))
    assert ranked[planted.rising_term] <= 10 and score[planted.rising_term] > 3
    assert planted.fading_term not in ranked  # only terms whose score says they rise are listed
    weekly = rows(snap, "select week, share from term_trends where feed = '*' and term = ? order by week",
                  [planted.rising_term])
    assert weekly[-1][1] > 3 * weekly[0][1]


def test_rising_terms_need_minimum_support(snap):
    assert rows(snap, "select min(recent) from rising_terms")[0][0] >= 10


def expected_rising(db) -> tuple[dict, set]:
    """rising_terms recomputed in Python from its SQL header, from the raw and term tables of warehouse `db`:
    ({(feed, term): (rank, recent, previous, recent_papers, previous_papers, log_odds, score, n_feeds, as_of)},
    the (feed, term) pairs dropped as contained in a longer term with the same counts)."""
    import math

    terms_of = defaultdict(set)  # each paper's topics (term_topics: a paper using NeRF and nerf counts once)
    for arxiv_id, term, n_words in rows(db, "select p.arxiv_id, k.topic, k.n_words from paper_terms p "
                                            "join term_topics k using (term_id)"):
        terms_of[arxiv_id].add((term, n_words))
    listings = rows(db, "select feed, arxiv_id, digest_date from listings")
    days = defaultdict(set)
    for feed, day in rows(db, "select feed, digest_date from digests where digest_date is not null"):
        days[feed].add(day)
    seen = _feed_first_seen({"listings": listings})
    last = {f: max(d) for f, d in days.items()}
    last["*"] = max(last.values())

    def windows(as_of):
        r0, p0 = as_of - timedelta(days=27), as_of - timedelta(days=55)
        return (r0, as_of), (p0, r0 - timedelta(days=1))

    def published(feed, window):
        return any(window[0] <= d <= window[1] for d in days[feed])

    expected, dropped = {}, set()
    for target, as_of in last.items():
        recent_w, previous_w = windows(as_of)
        sources = [f for f in days if (target == "*" or f == target) and published(f, recent_w)
                   and published(f, previous_w)]
        strata = []
        for source in sources:
            recent = [p for p, d in seen[source].items() if recent_w[0] <= d <= recent_w[1]]
            previous = [p for p, d in seen[source].items() if previous_w[0] <= d <= previous_w[1]]
            if recent and previous:
                strata.append((recent, previous))
        if not strata:
            continue
        n_r, n_p = sum(len(r) for r, _ in strata), sum(len(p) for _, p in strata)
        per_term, words = defaultdict(list), {}
        for recent, previous in strata:
            counts = defaultdict(lambda: [0, 0])
            for i, papers in enumerate((recent, previous)):
                for paper in papers:
                    for term, n_words in terms_of[paper]:
                        counts[term][i] += 1
                        words[term] = n_words
            for term, (y_r, y_p) in counts.items():
                a = 10 * (y_r + y_p + 1) / (len(recent) + len(previous) + 2)
                b = 10 - a
                delta = math.log((y_r + a) / (len(recent) - y_r + b)) - math.log((y_p + a) / (len(previous) - y_p + b))
                var = 1 / (y_r + a) + 1 / (len(recent) - y_r + b) + 1 / (y_p + a) + 1 / (len(previous) - y_p + b)
                per_term[term].append((y_r, y_p, delta, var))
        kept = {}
        for term, parts in per_term.items():
            recent = sum(p[0] for p in parts)
            if recent < max(10, 0.005 * n_r):
                continue
            weight = sum(1 / p[3] for p in parts)
            log_odds = sum(p[2] / p[3] for p in parts) / weight
            if log_odds * math.sqrt(weight) >= 1.96:
                kept[term] = (recent, sum(p[1] for p in parts), log_odds, log_odds * math.sqrt(weight), len(parts))
        redundant = {a for a, ca in kept.items() for b, cb in kept.items()
                     if cb[:2] == ca[:2] and words[b] > words[a] and f" {a} " in f" {b} "}
        dropped |= {(target, t) for t in redundant}
        ranked = sorted(((v, t) for t, v in kept.items() if t not in redundant), key=lambda x: (-x[0][3], -x[0][0], x[1]))
        for rank, ((recent, previous, log_odds, score, n_feeds), term) in enumerate(ranked, 1):
            expected[(target, term)] = (rank, recent, previous, n_r, n_p, pytest.approx(log_odds),
                                        pytest.approx(score), n_feeds, as_of)
    return expected, dropped


def test_rising_terms_follow_their_documented_rules(snap, built):
    """rising_terms recomputed in Python from its SQL header: per feed the 28 days up to its last digest against
    the 28 before; across feeds each feed that published in both windows is worked out alone, then combined."""
    with duckdb.connect(str(built[1].database), read_only=True) as db:
        expected, dropped = expected_rising(db)
    got = {(f, t): tuple(v) for f, t, *v in rows(snap, "select feed, term, rank, recent, previous, recent_papers, "
                                                     "previous_papers, log_odds, score, n_feeds, as_of "
                                                     "from rising_terms")}
    assert got.keys() == expected.keys()
    assert got == expected
    assert {n for (f, _), v in got.items() if f == "*" for n in [v[7]]} == {3}, "three feeds combined"
    assert dropped, "the corpus exercises the rule that drops a term contained in a longer one"


def test_planted_coauthor_pair_is_the_heaviest_edge(built, snap, raw):
    a, b = built[0].planted.coauthor_pair
    by_paper = defaultdict(set)
    for arxiv_id, _, name in raw["authors"]:
        by_paper[arxiv_id].add(name)
    shared = [p for p, names in by_paper.items() if {a, b} <= names]
    top = rows(snap, "select name_a, name_b, weight, first_seen, last_seen, author_a < author_b from coauthor_edges "
                     "where feed = '*' order by weight desc limit 1")[0]
    assert {top[0], top[1]} == {a, b}
    assert top[2] == len(shared)
    assert top[3] == min(raw["first_seen"][p] for p in shared)
    assert top[5] is True


def test_coauthor_edges_are_every_shared_paper_per_feed(snap, raw):
    """Every pair of distinct co-authors per feed and across feeds: weight = shared papers, first and last seen
    over those papers in that feed, the pair ordered by author id."""
    by_paper = _authors_of(raw)
    last_seen = _feed_days(raw, max)
    expected = {}
    for feed, first_seen in _feed_first_seen(raw).items():
        edges = defaultdict(list)
        for arxiv_id in first_seen:
            if 2 <= len(by_paper[arxiv_id]) <= 50:
                for pair in combinations(sorted(by_paper[arxiv_id]), 2):
                    edges[pair].append(arxiv_id)
        expected |= {(feed, *pair): (len(ps), min(first_seen[p] for p in ps), max(last_seen[feed][p] for p in ps))
                     for pair, ps in edges.items()}
    got = {(f, a, b): (w, first, last) for f, a, b, w, first, last in rows(
        snap, "select feed, author_a, author_b, weight, first_seen, last_seen from coauthor_edges")}
    assert got == expected


def test_a_consortium_paper_adds_no_coauthor_edges(tmp_path):
    """Papers with more than 50 authors are left out of coauthor_edges (its SQL header says why); 50 still count."""
    from transforms.model import Entry
    from transforms.render import render_digest
    from transforms.generate import GeneratedFile

    def paper(n: int, n_authors: int) -> Entry:
        return Entry(position=n, section="cs.LG", arxiv_id=f"2601.0000{n}", version=None,
                     url=f"https://arxiv.org/abs/2601.0000{n}", title=f"Paper {n}", main_category="cs.LG",
                     authors=[f"Author{n} Number{i}" for i in range(n_authors)], tldr="Short.")

    day = date(2026, 1, 5)
    text = render_digest([paper(1, 51), paper(2, 50), paper(3, 2)], variant="plain", digest_date=day)
    home, _ = built_home(tmp_path, [GeneratedFile(f"feed/{day}.md", text)])
    con = open_published(home.published)
    try:
        weights = rows(con, "select feed, count(*), sum(weight) from coauthor_edges group by feed order by feed")
    finally:
        con.close()
    assert weights == [("*", 50 * 49 // 2 + 1, 50 * 49 // 2 + 1), ("feed", 50 * 49 // 2 + 1, 50 * 49 // 2 + 1)]


def test_the_generated_corpus_leaves_no_empty_string_in_the_warehouse(built):
    from tests.helpers import empty_strings, scalar

    home = built[1].root
    assert scalar(home, "select count(*) from papers") > 0
    assert scalar(home, "select count(*) from papers where primary_category = ''") == 0
    assert empty_strings(home) == {}


def test_feed_fidelity_agrees_with_the_generated_twins(built, snap):
    """The generator's twins are what its digests were rendered from: every field the corpus has agrees, and
    the mart has one whole-feed row per feed, field and measure."""
    got = rows(snap, "select feed, field, measure, n, n_ok, flagged from feed_fidelity where scope = 'feed' "
                     "and measure = 'twin' and field in ('title', 'authors', 'main_category')")
    assert got and all(n == n_ok and not flag for *_, n, n_ok, flag in got)
    feeds = {r[0] for r in rows(snap, "select distinct feed from feed_health where feed <> '*'")}
    assert {r[0] for r in got} <= feeds


def test_planted_gaps_empty_days_and_rejected_file(built, snap):
    planted = built[0].planted
    gaps = set(rows(snap, "select feed, day from feed_health where status = 'gap' and feed <> '*'"))
    assert gaps == set(planted.gap_dates.items())
    empty = set(rows(snap, "select feed, day from feed_health where status = 'empty' and feed <> '*'"))
    assert empty == set(planted.empty_dates.items())
    not_a_digest = next(f for f in planted.bad_files if f.reason == "not_a_digest")
    feed, day = not_a_digest.path.split("/")
    assert rows(snap, "select status, n_rejects from feed_health where feed = ? and day = ?",
                [feed, date.fromisoformat(day[:10])]) == [("rejected", 1)]
    both_missing = rows(snap, "select n_missing_feeds, status from feed_health where feed = '*' and day = '2026-02-07'")
    assert both_missing == [(2, "partial")]  # cs-daily and hci-digest both skip 2026-02-07


def test_feed_health_counts_a_feed_missing_only_between_its_first_and_last_day(tmp_path):
    """A day every running feed missed is a gap across feeds; a feed that has not started yet is not missing."""
    from transforms.generate import GeneratedFile
    from transforms.model import Entry
    from transforms.render import render_digest

    def day_file(feed: str, day: date, n: int) -> GeneratedFile:
        entry = Entry(position=1, section="cs.AI", arxiv_id=f"2601.{n:05d}", version=None,
                      url=f"https://arxiv.org/abs/2601.{n:05d}", title=f"Paper {n}", authors=["Ann Lee"],
                      main_category="cs.AI", tldr="Short.")
        return GeneratedFile(f"{feed}/{day}.md", render_digest([entry], variant="plain", digest_date=day))

    d1, d2, d3, d4 = (date(2026, 1, 5) + timedelta(days=i) for i in range(4))
    files = [day_file("a", d1, 1), day_file("a", d2, 2), day_file("a", d4, 3), day_file("b", d2, 4),
             day_file("b", d4, 5)]
    home, _ = built_home(tmp_path, files)
    con = open_published(home.published)
    try:
        got = rows(con, "select feed, day, status, n_missing_feeds from feed_health order by feed, day")
    finally:
        con.close()
    assert got == [("*", d1, "ok", 0), ("*", d2, "ok", 0), ("*", d3, "gap", 2), ("*", d4, "ok", 0),
                   ("a", d1, "ok", 0), ("a", d2, "ok", 0), ("a", d3, "gap", 1), ("a", d4, "ok", 0),
                   ("b", d2, "ok", 0), ("b", d3, "gap", 1), ("b", d4, "ok", 0)]


def test_failed_summary_rate_on_the_placeholder_day(built, snap):
    bad = next(f for f in built[0].planted.bad_files if f.reason == "placeholder_summary")
    feed, day = bad.path.split("/")
    n_entries, n_failed, rate = rows(snap, "select n_entries, n_failed_summaries, failed_summary_rate from feed_health "
                                           "where feed = ? and day = ?", [feed, date.fromisoformat(day[:10])])[0]
    assert n_failed == 1 and rate == pytest.approx(1 / n_entries)


def test_planted_relisting(built, snap):
    (arxiv_id, listed), = built[0].planted.relisted.items()
    across = rows(snap, "select n_days, n_feeds, feeds, first_seen, last_seen from relisting "
                        "where feed = '*' and arxiv_id = ?", [arxiv_id])
    assert across == [(3, 2, sorted({f for f, _ in listed}), listed[0][1], listed[-1][1])]
    assert rows(snap, "select n_days from relisting where feed = ? and arxiv_id = ?", [listed[0][0], arxiv_id]) == [(2,)]


def test_leaderboard_windows_end_at_each_feeds_last_digest(snap, raw):
    """author_leaderboard recomputed from the raw tables, per feed and span: papers first seen in the feed in the
    last 7/30/90 days up to that feed's own last digest (the latest of any feed for '*'; or ever), rank by papers,
    then latest day, name, id (top 100), the author's first and last day in the feed over all time, and their
    three main categories in the window."""
    names = {author_id: name for _, author_id, name in raw["authors"]}
    by_paper = _authors_of(raw)
    last_seen = _feed_days(raw, max)
    expected = {}
    for feed, first_seen in _feed_first_seen(raw).items():
        as_of = raw["feed_as_of"][feed]
        papers_of = defaultdict(set)
        for arxiv_id in first_seen:
            for author in by_paper[arxiv_id]:
                papers_of[author].add(arxiv_id)
        for span, days in (("7d", 7), ("30d", 30), ("90d", 90), ("all", None)):
            board = []
            for author, papers in papers_of.items():
                window = [p for p in papers if days is None or (as_of - first_seen[p]).days < days]
                if window:
                    categories = Counter(raw["primary"][p] for p in window)
                    board.append((len(window), max(last_seen[feed][p] for p in papers), names[author], author,
                                  min(first_seen[p] for p in papers),
                                  sorted(categories, key=lambda c: (-categories[c], c))[:3]))
            board.sort(key=lambda r: (-r[0], -r[1].toordinal(), r[2], r[3]))
            for rank, (n, last, name, author, first, main) in enumerate(board[:100], 1):
                expected[(feed, span, author)] = (rank, name, n, first, last, main, as_of)
    got = {(f, s, a): tuple(v) for f, s, a, *v in rows(
        snap, "select feed, span, author_id, rank, name, n_papers, first_seen, last_seen, main_categories, as_of "
              "from author_leaderboard")}
    assert got == expected
    assert {span for _, span, _ in got} == {"7d", "30d", "90d", "all"}
    assert len([k for k in got if k[:2] == ("*", "all")]) == 100, "more than 100 authors: the cut-off is exercised"


def _feed_days(raw, pick=min) -> dict[str, dict[str, date]]:
    """{feed: {arxiv_id: first (pick=min) or last (pick=max) day that feed listed it}}, with '*' for across feeds,
    from the raw listings."""
    days: dict[str, dict[str, date]] = defaultdict(dict)
    for feed, arxiv_id, day in raw["listings"]:
        for f in (feed, "*"):
            days[f][arxiv_id] = pick(day, days[f].get(arxiv_id, day))
    return days


def _feed_first_seen(raw) -> dict[str, dict[str, date]]:
    """{feed: {arxiv_id: first day that feed listed it}}, with '*' for across feeds, from the raw listings."""
    return _feed_days(raw, min)


def _authors_of(raw) -> dict[str, set[str]]:
    by_paper = defaultdict(set)
    for arxiv_id, author_id, _ in raw["authors"]:
        by_paper[arxiv_id].add(author_id)
    return by_paper


def test_new_and_returning_authors(snap, raw):
    """Per feed and week: authors with a paper new that week, new if they had no paper in that feed before it."""
    by_paper = _authors_of(raw)
    expected = {}
    for feed, first_seen in _feed_first_seen(raw).items():
        weeks_of = defaultdict(set)  # author -> the weeks they had a new paper in this feed
        for arxiv_id, day in first_seen.items():
            for author in by_paper[arxiv_id]:
                weeks_of[author].add(monday(day))
        per_week = defaultdict(lambda: [0, 0])
        for weeks in weeks_of.values():
            for week in weeks:
                per_week[week][week != min(weeks)] += 1
        expected |= {(feed, week): (new + back, new, back) for week, (new, back) in per_week.items()}
    got = {(f, w): (a, n, r) for f, w, a, n, r in rows(
        snap, "select feed, week, n_authors, n_new, n_returning from new_vs_returning_authors")}
    assert got == expected
    first_week = min(w for f, w in got if f == "*")
    assert got[("*", first_week)][2] == 0  # in the first week everyone is new
    assert sum(n for (f, _), (_, n, _) in got.items() if f == "*") == len({a for _, a, _ in raw["authors"]})
    assert any(r for (f, _), (_, _, r) in got.items() if f != "*"), "some authors return within a feed"


def test_author_activity_counts_each_authors_new_papers_per_week(snap, raw):
    by_paper = _authors_of(raw)
    expected = Counter()
    for feed, first_seen in _feed_first_seen(raw).items():
        for arxiv_id, day in first_seen.items():
            for author in by_paper[arxiv_id]:  # an author credited twice on a paper counts it once
                expected[(feed, author, monday(day))] += 1
    got = {(f, a, w): n for f, a, w, n in rows(snap, "select feed, author_id, week, n_papers from author_activity")}
    assert got == dict(expected)
    assert max(got.values()) > 1


def test_term_trends_count_each_feeds_new_papers_per_term_and_week(snap, built):
    """term_trends against a count in Python: a term's papers first seen in the feed that week, for terms used
    by at least 5 of the feed's papers, over all the feed's papers new that week."""
    with duckdb.connect(str(built[1].database), read_only=True) as db:
        terms_of = defaultdict(set)  # each paper's topics, once each
        for arxiv_id, term in rows(db, "select p.arxiv_id, k.topic from paper_terms p "
                                       "join term_topics k using (term_id)"):
            terms_of[arxiv_id].add(term)
        listings = rows(db, "select feed, arxiv_id, digest_date from listings")
    expected = {}
    for feed, first_seen in _feed_first_seen({"listings": listings}).items():
        week_totals = Counter(monday(day) for day in first_seen.values())
        counts = Counter((monday(day), term) for arxiv_id, day in first_seen.items() for term in terms_of[arxiv_id])
        support = Counter()
        for (_, term), n in counts.items():
            support[term] += n
        expected |= {(feed, week, term): (n, n / week_totals[week]) for (week, term), n in counts.items()
                     if support[term] >= 5}
    got = {(f, w, t): (n, s) for f, w, t, n, s in rows(snap, "select feed, week, term, n_papers, share from term_trends")}
    assert got.keys() == expected.keys()
    assert all(got[k][0] == n and got[k][1] == pytest.approx(s) for k, (n, s) in expected.items())


def test_rebuild_tokenises_nothing_new_and_publishing_keeps_two_versions(built, tmp_path):
    import shutil

    from warehouse.home import Home

    # on a copy: publishing twice deletes the snapshot the module's `snap` connection reads
    shutil.copytree(built[1].root, tmp_path / "home", ignore=shutil.ignore_patterns(".writer.lock"))
    home = Home.resolve(tmp_path / "home")
    again = build_and_publish(home)
    assert again.papers_tokenised == 0
    third = build_and_publish(home)
    versions = sorted(p.name for p in home.published.iterdir() if p.is_dir())
    assert len(versions) == 2 and versions[-1] == current_version(home.published) == third.published.name


def test_readers_never_touch_the_warehouse_while_a_writer_holds_it(built):
    home = built[1]
    with Warehouse(home):  # the writer lock and DuckDB's one-process lock are both held here
        con = open_published(home.published)
        assert rows(con, "select count(*) from paper_briefs")[0][0] > 0
        con.close()


def test_a_new_day_is_tokenised_alone(tmp_path):
    corpus = build_corpus(8, 5, entries_per_day=6)
    first, last = [f for f in corpus.files if not f.path.endswith("-12.md") and not f.path.endswith("-12.jsonl")], \
        [f for f in corpus.files if f.path.endswith("-12.md") or f.path.endswith("-12.jsonl")]
    home, result = built_home(tmp_path, first)
    ingest(home, [write_files(last, tmp_path / "day8")])
    with Warehouse(home) as wh:
        new_papers = wh.con.sql("select count(*) from papers where first_seen = '2026-01-12'").fetchall()[0][0]
        before = set(rows(wh.con, "select term_id, term from terms"))
        assert build_marts(wh.con).papers_tokenised == new_papers > 0
        after = set(rows(wh.con, "select term_id, term from terms"))
    # a term keeps its key: the new day's terms are appended after the old ones, nothing renumbered
    assert before < after and min(i for i, _ in after - before) > max(i for i, _ in before)
    assert len({t for _, t in after}) == len(after)


def test_a_warehouse_with_term_strings_in_paper_terms_is_tokenised_again(built, tmp_path):
    """A warehouse built before the `terms` dictionary (paper_terms of arxiv_id, term, n_words) upgrades on its
    next marts build: its paper_terms is rebuilt in the new shape and the marts come out the same."""
    import shutil

    from warehouse.home import Home

    home = Home.resolve(tmp_path / "home")
    home.database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(built[1].database, home.database)
    marts = ("term_trends", "rising_terms")
    with Warehouse(home) as wh:
        con = wh.con
        expected = {m: sorted(rows(con, f"select * from {m}")) for m in marts}
        con.execute("""create table old_terms as select p.arxiv_id, t.term, t.n_words
                       from paper_terms p join terms t using (term_id)""")
        con.execute("drop table paper_terms; drop table terms; alter table old_terms rename to paper_terms")
        result = build_marts(con)
        assert result.papers_tokenised == rows(con, "select count(*) from papers")[0][0]
        assert [r[0] for r in rows(con, "describe paper_terms")] == ["arxiv_id", "term_id"]
        assert {m: sorted(rows(con, f"select * from {m}")) for m in marts} == expected
        assert build_marts(con).papers_tokenised == 0


def test_a_broken_mart_rolls_back_everything_while_tokenising_runs(built, tmp_path, monkeypatch):
    """A contract failure in a mart built while terms are still being tokenised in the background: the
    build raises, the tokenising thread is gone, and the warehouse keeps its previous marts and terms."""
    import dataclasses
    import shutil
    import threading

    from warehouse import marts as marts_module
    from warehouse.home import Home

    home = Home.resolve(tmp_path / "home")
    home.database.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(built[1].database, home.database)
    build_one = marts_module._build

    def build_with_a_broken_contract(con, model, result):
        if model.name == "coauthor_edges":  # a not-null clause every row breaks
            model = dataclasses.replace(model, not_null=("weight + null",))
        build_one(con, model, result)

    monkeypatch.setattr(marts_module, "_build", build_with_a_broken_contract)
    kept = ("paper_terms", "terms", "paper_term_sources", "feed_papers", "coauthor_edges", "term_trends")
    with Warehouse(home) as wh:
        con = wh.con
        con.execute("delete from paper_term_sources")  # every paper is stale: the build tokenises them all
        before = {t: rows(con, f"select count(*), sum(hash(columns(*))) from {t}") for t in kept}
        threads = threading.active_count()
        with pytest.raises(marts_module.MartContractViolation, match=r"coauthor_edges\.weight \+ null is null"):
            build_marts(con, full=True)  # from scratch, as the tokenising runs (the incremental path: test_marts_incremental)
        assert threading.active_count() == threads
        assert {t: rows(con, f"select count(*), sum(hash(columns(*))) from {t}") for t in kept} == before


@pytest.fixture(scope="module")
def samples_home(samples_dir, tmp_path_factory):
    """The real samples ingested and their marts built, once for the module: (home, build result)."""
    from warehouse.home import Home

    home = Home.resolve(tmp_path_factory.mktemp("samples") / "home")
    ingest(home, [samples_dir])
    return home, build_and_publish(home)


def test_marts_build_on_the_real_samples(samples_home, samples_dir):
    home, result = samples_home
    distinct = len(set(sample_listing_ids(samples_dir)))
    assert result.rows["feed_papers"] > distinct  # every distinct paper once across feeds, plus once per feed
    con = open_published(home.published)
    assert rows(con, "select count(*) from feed_papers where feed = '*'")[0][0] == distinct
    briefs = dict(rows(con, "select arxiv_id, tldr from paper_briefs"))
    con.close()
    # The brief's TL;DR is the latest listing's, by the papers table's rule (date, digest, position): the samples
    # list 42 papers twice in one digest with two different TL;DRs, where only the position decides.
    with duckdb.connect(str(home.database), read_only=True) as db:
        latest = rows(db, "select s.arxiv_id, s.tldr, d.digest_date, s.digest_id, s.position from summaries s "
                          "join digests d using (digest_id) where s.tldr is not null")
    expected: dict[str, tuple] = {}
    for arxiv_id, tldr, *order in latest:
        if arxiv_id not in expected or order > expected[arxiv_id][1]:
            expected[arxiv_id] = (tldr, order)
    assert {k: v[0] for k, v in expected.items()} == {k: v for k, v in briefs.items() if v is not None}


def test_per_feed_recent_leaderboards_on_the_real_samples(samples_home):
    """Each sample feed's 7/30/90-day leaderboard ends at that feed's own last day: it has rows whenever the feed
    has papers with authors in the window (the samples' feeds stop on different days, months apart)."""
    home, _ = samples_home
    with duckdb.connect(str(home.database), read_only=True) as db:
        last = dict(rows(db, "select feed, max(digest_date) from digests group by feed"))
        credited = rows(db, "select l.feed, l.arxiv_id, min(l.digest_date) from listings l "
                            "semi join paper_authors a using (arxiv_id) group by all")
    con = open_published(home.published)
    boards = dict(((f, s), n) for f, s, n in rows(con, "select feed, span, count(*) from author_leaderboard "
                                                       "group by all"))
    con.close()
    assert len({d for d in last.values()}) > 5, "the feeds end on different days"
    checked = 0
    for feed, as_of in last.items():
        for span, days in (("7d", 7), ("30d", 30), ("90d", 90)):
            in_window = [p for f, p, day in credited if f == feed and (as_of - day).days < days]
            assert bool(in_window) == (boards.get((feed, span), 0) > 0), (feed, span)
            checked += bool(in_window)
    assert checked == 3 * len(last)
