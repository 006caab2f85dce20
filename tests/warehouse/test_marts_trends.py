"""Marts on a corpus with the facts real feeds break trends with (transforms.generate.trends): a feed that stops
before the recent window, gap days, a name two people share, a topic in three cases, keywords that are no topic.
Every expectation is computed from the raw rows."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

import duckdb
import pytest

from tests.warehouse.marts_home import built_home
from transforms.generate.trends import build_trend_corpus
from warehouse.published import open_published


@pytest.fixture(scope="module")
def trend_home(tmp_path_factory):
    files, facts = build_trend_corpus()
    home, _ = built_home(tmp_path_factory.mktemp("trends"), files)
    return home, facts


@pytest.fixture(scope="module")
def snap(trend_home):
    con = open_published(trend_home[0].published)
    yield con
    con.close()


@pytest.fixture(scope="module")
def raw(trend_home):
    """Listings, digest days and authorships straight from the raw and conformed tables."""
    with duckdb.connect(str(trend_home[0].database), read_only=True) as db:
        return {"listings": db.sql("select feed, arxiv_id, digest_date from listings").fetchall(),
                "days": db.sql("select feed, digest_date, n_entries from digests").fetchall()}


def rows(con, query, params=None):
    return con.sql(query, params=params).fetchall()


def first_seen(raw) -> dict[str, dict]:
    """{feed: {arxiv_id: first day}}, '*' across feeds."""
    out: dict[str, dict] = defaultdict(dict)
    for feed, arxiv_id, day in raw["listings"]:
        for f in (feed, "*"):
            out[f][arxiv_id] = min(day, out[f].get(arxiv_id, day))
    return out


def test_each_feeds_windows_end_at_its_own_last_day(snap, raw, trend_home):
    """astro stopped on day 41: its windows end there; across feeds they end at ml's last day and count ml only,
    naming astro as silent with its last day."""
    facts = trend_home[1]
    last = {f: max(d for g, d, _ in raw["days"] if g == f) for f in ("ml", "astro")}
    assert last == {"ml": facts.last_day, "astro": facts.astro_last}
    seen = first_seen(raw)
    windows = {(f, s): (a, start, end, n, pub, silent) for f, s, a, start, end, n, pub, silent in rows(
        snap, "select feed, span, as_of, window_start, window_end, n_papers, published_feeds, silent_feeds "
              "from feed_windows")}
    for feed, as_of in (*last.items(), ("*", facts.last_day)):
        for span, days in (("7d", 7), ("30d", 30), ("90d", 90)):
            start = as_of - timedelta(days=days - 1)
            n = sum(1 for d in seen[feed].values() if start <= d <= as_of)
            got = windows[(feed, span)]
            assert got[:4] == (as_of, start, as_of, n), (feed, span)
    assert windows[("*", "7d")][4:] == (["ml"], [{"feed": "astro", "last_day": facts.astro_last}])
    assert windows[("*", "90d")][4:] == (["astro", "ml"], [])
    assert windows[("astro", "7d")][4:] == (["astro"], [])


def test_a_stopped_feed_keeps_its_recent_leaderboards(snap, trend_home):
    facts = trend_home[1]
    for span in ("7d", "30d", "90d"):
        (n, as_of), = rows(snap, "select count(*), any_value(as_of) from author_leaderboard "
                                 "where feed = 'astro' and span = ?", [span])
        assert n > 0 and as_of == facts.astro_last, span


def test_a_feed_that_stopped_makes_no_term_rise_across_feeds(snap, trend_home):
    """astro stopped before the across-feeds recent window: it counts in neither window, so ml's steady topics (whose
    share of all papers grew once astro's papers were gone) are not rising, and the planted rising term ranks first.
    Expected counts come from the raw rows (tests/warehouse/test_marts.py's recomputation of the SQL header)."""
    from tests.warehouse.test_marts import expected_rising
    from transforms.generate.trends import ASTRO_TOPICS, ML_TOPICS

    with duckdb.connect(str(trend_home[0].database), read_only=True) as db:
        expected, _ = expected_rising(db)
    got = {(f, t): tuple(v) for f, t, *v in rows(snap, "select feed, term, rank, recent, previous, recent_papers, "
                                                     "previous_papers, log_odds, score, n_feeds, as_of "
                                                     "from rising_terms")}
    assert got == expected
    across = [t for (f, t), v in sorted(got.items(), key=lambda kv: kv[1][0]) if f == "*"]
    assert across[0] == trend_home[1].rising_term
    steady = {t for t in ML_TOPICS if t != trend_home[1].rising_term} | set(ASTRO_TOPICS)
    assert not steady & set(across) and all(v[7] == 1 for (f, _), v in got.items() if f == "*")
    # the same question asked of shares across feeds, as before: each steady ml topic's share grew by half
    totals = {w: rows(snap, "select n_papers from feed_windows where feed = '*' and span = ?", [w])[0][0]
              for w in ("28d", "28d_before")}
    assert totals["28d_before"] > 1.4 * totals["28d"]


def test_terms_are_topics(snap, trend_home):
    """A placeholder, a label word and N/A never become terms; NeRF, NERF and nerf count as one term, shown as the
    most used spelling, each paper once; `large language` (always followed by `models`) becomes the trigram while
    `language models` (also `small language models`) stays; a CJK keyword stays one whole term."""
    import re

    facts = trend_home[1]
    with duckdb.connect(str(trend_home[0].database), read_only=True) as db:
        terms = {t for (t,) in rows(db, "select term from terms")}
        abstracts = rows(db, "select p.arxiv_id, p.abstract from papers p")
        first = dict(rows(db, "select arxiv_id, first_seen from papers"))
    lowered = {t.lower() for t in terms}
    assert not {"n a", "n/a", "keywords", "summary generation failed", "summary generation", "generation failed"} & lowered
    assert {"NeRF", "NERF", "nerf"} <= terms  # three spellings in the dictionary ...
    trends = rows(snap, "select term, sum(n_papers) from term_trends where feed = '*' group by term")
    counted = dict(trends)
    assert not {"NERF", "nerf"} & set(counted)  # ... one term in the marts, in its most used spelling
    spelled = {p for p, text in abstracts if re.search(r"\b(NeRF|NERF|nerf)\b", text or "")}
    assert counted["NeRF"] == len(spelled) > 20
    assert "large language models" in counted and "large language" not in counted
    large = {p for p, text in abstracts if "Large language models" in (text or "")}
    assert counted["large language models"] == len(large)
    assert counted["language models"] > counted["large language models"]  # small language models too
    assert counted[facts.cjk_keyword] > 5 and facts.cjk_keyword in terms
    assert all(first[p] for p in spelled)


def test_gap_days_are_missing_not_zero(snap, raw, trend_home):
    """ml has no digest on its gap days: daily_papers says so (n_papers null, not 0); across feeds a day is missing
    only when no feed published (astro covered ml's first gaps, not the ones after it stopped)."""
    facts = trend_home[1]
    seen = first_seen(raw)
    published = defaultdict(set)
    for feed, day, _ in raw["days"]:
        published[feed].add(day)
        published["*"].add(day)
    got = {(f, d): (p, n, npd) for f, d, p, n, npd in rows(
        snap, "select feed, period, published, n_papers, n_published_days from daily_papers where grain = 'day'")}
    for feed in ("ml", "astro", "*"):
        days = published[feed]
        day = min(days)
        while day <= max(days):
            n = sum(1 for d in seen[feed].values() if d == day)
            assert got.pop((feed, day)) == ((True, n, 1) if day in days else (False, None, 0)), (feed, day)
            day += timedelta(days=1)
    assert not got  # no day outside each feed's first..last digest
    gaps = [r for r in rows(snap, "select period from daily_papers where feed = 'ml' and grain = 'day' "
                                  "and not published order by period")]
    assert [d for (d,) in gaps] == facts.gap_days
    across = [d for (d,) in rows(snap, "select period from daily_papers where feed = '*' and grain = 'day' "
                                       "and not published order by period")]
    assert across == [d for d in facts.gap_days if d > facts.astro_last]
    week = rows(snap, "select n_days, n_published_days, n_papers, papers_per_day from daily_papers "
                      "where feed = 'ml' and grain = 'week' and period = ?", [facts.gap_days[0] - timedelta(
                          days=facts.gap_days[0].weekday())])[0]
    assert week[1] == week[0] - 3 and week[3] == pytest.approx(week[2] / week[1])  # the rate leaves gaps out


def test_a_name_two_people_share_is_split_and_a_stable_team_is_not(snap, trend_home):
    """Wei Zhang's papers come from two teams that never meet: two groups, ambiguous, marked on the leaderboard.
    Ines Varga always writes with Jon Keel: one group, not ambiguous. Groups are recomputed from the raw rows."""
    facts = trend_home[1]
    with duckdb.connect(str(trend_home[0].database), read_only=True) as db:
        credited = rows(db, "select pa.arxiv_id, a.name from paper_authors pa join authors a using (author_id)")
    authors_of = defaultdict(set)
    for arxiv_id, name in credited:
        authors_of[arxiv_id].add(name)

    def groups(name: str) -> list[set[str]]:  # connected components of the name's papers via shared co-authors
        papers = [p for p, names in authors_of.items() if name in names]
        found: list[set[str]] = []
        for p in papers:
            joined = [g for g in found if any((authors_of[p] & authors_of[q]) - {name} for q in g)]
            merged = {p}.union(*joined)
            found = [g for g in found if g not in joined] + [merged]
        return sorted(found, key=lambda g: (-len(g), min(g)))

    for name, n_groups in ((facts.homonym, 2), (facts.stable_author, 1)):
        expected = groups(name)
        assert len(expected) == n_groups and all(len(g) >= 2 for g in expected), name
        got = defaultdict(set)
        for arxiv_id, cluster, raw_name, ambiguous in rows(
                snap, "select c.arxiv_id, c.cluster, c.raw_name, c.ambiguous from author_clusters c "
                      "join authors a using (author_id) where a.name = ?", [name]):
            got[cluster].add(arxiv_id)
            assert raw_name == name and ambiguous == (n_groups > 1)
        assert [got[c] for c in sorted(got)] == expected
        board = rows(snap, "select ambiguous, n_groups from author_leaderboard where name = ? and feed = '*' "
                           "and span = 'all'", [name])
        assert board == [(n_groups > 1, n_groups)]


def test_the_report_marks_the_shared_name_and_shows_its_groups(snap, trend_home):
    from bs4 import BeautifulSoup

    from dashboards.report_pages import authors

    facts = trend_home[1]
    site = authors.pages(snap)
    board = BeautifulSoup(site["authors.html"], "html.parser")
    ranked = [tr for tr in board.find_all("tr") if tr.find("td") and tr.find("td").text.isdigit()]  # leaderboards
    marked = [tr.get_text(" ") for tr in ranked if facts.homonym in tr.get_text()]
    assert marked and all("several people? 2 groups" in t for t in marked)
    assert not [tr for tr in ranked if facts.stable_author in tr.get_text() and "several people" in tr.get_text()]
    page = next(BeautifulSoup(html, "html.parser") for name, html in site.items()
                if f"<h1>{facts.homonym}</h1>" in html)
    heading = next(h for h in page.find_all("h2") if h.text.startswith("Several people?"))
    cells = [[td.text for td in tr.find_all("td")] for tr in heading.find_next("table").find_all("tr")[1:]]
    teams = [set(facts.homonym_groups[0]), set(facts.homonym_groups[1])]
    shown = [{c.rsplit(" (", 1)[0] for c in row[5].split(", ")} for row in cells]
    assert len(cells) == 2 and sorted(shown, key=sorted) == sorted(teams, key=sorted)
