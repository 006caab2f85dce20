"""The category charts of the overview and categories pages, as a reader sees them: each chart is rendered to SVG
(vl-convert, no browser) and read back through its legend, axis labels and the per-point descriptions Vega writes
for screen readers. On the real samples (45 categories, gappy weeks, 2025 to 2026) and on a generated corpus with
12 categories that crosses a year, with one week empty and one nearly empty."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta

import pytest
import vl_convert
from bs4 import BeautifulSoup

from tests.warehouse.marts_home import built_home, ingest
from transforms.generate import DEFAULT_FEEDS, build_corpus

START = date(2025, 11, 17)  # a Monday; twelve weeks run into February 2026
EMPTY_WEEK = date(2025, 12, 22)  # no feed publishes
THIN_WEEK = date(2026, 1, 5)  # one small feed publishes on one day only
THIN_DAY = date(2026, 1, 6)
LATE_FEED, LATE_START = "hci-digest", date(2025, 12, 8)  # starts three weeks after the others
MIN_SHARE_PAPERS = 20  # the categories page promises no share for a week with fewer papers in all
MAX_SERIES = 11  # ten categories and "other"
YEAR = re.compile(r"\b20\d\d\b")


def _kept(path: str) -> bool:
    found = re.search(r"\d{4}-\d{2}-\d{2}", path)
    if not found:
        return True
    day, feed = date.fromisoformat(found.group()), path.split("/")[0]
    if EMPTY_WEEK <= day < EMPTY_WEEK + timedelta(7):
        return False
    if THIN_WEEK <= day < THIN_WEEK + timedelta(7):
        return feed == "sec-bar" and day == THIN_DAY
    return not (feed == LATE_FEED and day < LATE_START)


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """A published snapshot of the default feeds plus 'wide' (every one of the generator's 12 categories)."""
    from warehouse.published import open_published

    corpus = build_corpus(84, 5, start=START, feeds=[*DEFAULT_FEEDS, "wide"], entries_per_day=8)
    home, _ = built_home(tmp_path_factory.mktemp("categories"), [f for f in corpus.files if _kept(f.path)])
    con = open_published(home.published)
    yield con
    con.close()


@pytest.fixture(scope="module")
def samples(samples_dir, tmp_path_factory):
    """A published snapshot of the real sample digests."""
    from warehouse.home import Home
    from warehouse.marts import build_and_publish
    from warehouse.published import open_published

    home = Home.resolve(tmp_path_factory.mktemp("samples") / "home")
    ingest(home, [samples_dir])
    build_and_publish(home)
    con = open_published(home.published)
    yield con
    con.close()


@pytest.fixture(params=["generated", "samples"])
def site(request):
    """(connection, {page: HTML}) for the overview and categories pages of one snapshot."""
    from dashboards.report_pages import categories, overview

    con = request.getfixturevalue(request.param)
    return con, {**overview.pages(con), **categories.pages(con)}


def charts(page_html: str) -> dict[str, dict]:
    """The page's Vega specs by chart title."""
    specs = json.loads(BeautifulSoup(page_html, "html.parser").find("script", id="chart-specs").string)
    return {spec["title"]["text"]: spec for spec in specs.values()}


def rendered(spec: dict) -> BeautifulSoup:
    return BeautifulSoup(vl_convert.vega_to_svg(spec), "html.parser")


def legend(svg: BeautifulSoup) -> list[tuple[str, str]]:
    """(label, colour) of each legend entry, in order."""
    box = svg.select_one("g.role-legend")
    labels = [t.get_text() for t in box.select("g.role-legend-label text")]
    colours = [p.get("stroke") or p["fill"] for p in box.select("g.role-legend-symbol path")]  # lines, or bars
    return list(zip(labels, colours, strict=True))


def x_labels(svg: BeautifulSoup) -> list[str]:
    axis = next(g for g in svg.select("g.role-axis") if g.get("aria-label", "").startswith("X-axis"))
    return [t.get_text() for t in axis.select("g.role-axis-label text")]


def points(svg: BeautifulSoup) -> list[dict[str, str]]:
    """The description of every drawn point ('week: Mar 17, 2025; category: cs.CL; ...') as a dict."""
    return [dict(part.split(": ", 1) for part in p["aria-label"].split("; "))
            for p in svg.select("g.mark-symbol.role-mark path[aria-label]")]


def source(spec: dict) -> list[dict]:
    return next(d["values"] for d in spec["data"] if d["name"] == "source")


def ranking(con) -> list[tuple[str, int]]:
    return con.sql("select category, sum(n_papers) as n from category_activity where feed = '*' and grain = 'week' "
                   "group by category order by n desc, category").fetchall()


def weekly_totals(con) -> dict[date, int]:
    """Papers of every week from the first to the last, 0 for a week without any."""
    found = dict(con.sql("select period, sum(n_papers) from category_activity where feed = '*' and grain = 'week' "
                         "group by period").fetchall())
    week, last, totals = min(found), max(found), {}
    while week <= last:
        totals[week] = int(found.get(week, 0))
        week += timedelta(7)
    return totals


def text(page_html: str) -> str:
    return " ".join(BeautifulSoup(page_html, "html.parser").get_text(" ").split())


def test_category_charts_show_the_top_ten_and_other_each_in_its_own_colour(site):
    con, pages = site
    top = [c for c, _ in ranking(con)[:10]]
    colour_charts = [(name, title) for name in pages for title in charts(pages[name])
                     if title.startswith(("New papers", "Share of new papers"))]
    assert len(colour_charts) == 3
    for name, title in colour_charts:
        entries = legend(rendered(charts(pages[name])[title]))
        labels = [label for label, _ in entries]
        assert labels == top + ["other"], f"{name}: {title}"  # largest first; nothing cut off as '…N entries'
        assert len({colour for _, colour in entries}) == len(entries) <= MAX_SERIES, f"{name}: {title}"


def test_pages_say_which_categories_other_holds(site):
    con, pages = site
    rest = ranking(con)[10:]
    assert rest
    for name in ("index.html", "categories.html"):
        said = text(pages[name])
        note = said[said.index("“other” sums the"):]
        assert note.startswith(f"“other” sums the {len(rest)} categories after the top 10 "
                               f"({sum(n for _, n in rest)} papers): "), name
        assert note.split(": ", 1)[1].startswith(", ".join(c for c, _ in rest) + "."), name


def test_weekly_lines_drop_to_zero_in_weeks_a_category_missed(site):
    """Every series has a point in every week some feed published in (0 when the category had no paper); a week
    without any digest is missing, not zero: no series has a point there."""
    con, pages = site
    rows = source(charts(pages["categories.html"])["New papers per week"])
    drawn = {(date.fromisoformat(r["period"]), r["category"]): r["n_papers"] for r in rows}
    published = {w for (w,) in con.sql("select distinct cast(date_trunc('week', digest_date) as date) from digests "
                                       "where digest_date is not null").fetchall()}
    weeks = {w: n for w, n in weekly_totals(con).items() if w in published}
    series = [c for c, _ in ranking(con)[:10]] + ["other"]
    assert set(drawn) == {(w, c) for w in weeks for c in series}  # every series in every published week
    had = set(con.sql("select period, category from category_activity where feed = '*' and grain = 'week' "
                      "and n_papers > 0").fetchall())
    missed = [(w, c) for w in weeks for c in series[:10] if (w, c) not in had]
    assert missed and all(drawn[m] == 0 for m in missed)
    assert all(drawn[(w, c)] == 0 for w, n in weeks.items() if n == 0 for c in series)


def test_a_category_absent_from_a_week_counts_zero_there(generated):
    from dashboards.report_pages import categories

    rows = source(charts(categories.pages(generated)["categories.html"])["New papers per week"])
    thin = {r["category"]: r["n_papers"] for r in rows if r["period"] == THIN_WEEK.isoformat()}
    assert thin["cs.CV"] == 0 and thin["cs.HC"] == 0  # only sec-bar (cs.CR, cs.AI, cs.LG) published that week
    assert sum(thin.values()) > 0
    assert not [r for r in rows if r["period"] == EMPTY_WEEK.isoformat()]  # no digest that week: missing, not 0


def published_weeks(con) -> set[date]:
    return {w for (w,) in con.sql("select distinct cast(date_trunc('week', digest_date) as date) from digests "
                                  "where digest_date is not null").fetchall()}


def test_share_chart_draws_no_share_for_weeks_with_under_twenty_papers(site):
    con, pages = site
    weeks = {w: n for w, n in weekly_totals(con).items() if w in published_weeks(con)}
    thin = [w for w, n in weeks.items() if n < MIN_SHARE_PAPERS]
    assert thin and len(thin) < len(weeks)
    svg = rendered(charts(pages["categories.html"])["Share of new papers per week"])
    drawn = {datetime.strptime(p["week"], "%b %d, %Y").date() for p in points(svg)}
    assert drawn and all(weeks[w] >= MIN_SHARE_PAPERS for w in drawn), sorted(w for w in drawn if w in thin)
    assert len(svg.select("g.mark-rect.role-mark path")) == len(thin)  # each left-out week is shaded
    said = text(pages["categories.html"])
    assert f"leaves out (and shades) weeks with fewer than {MIN_SHARE_PAPERS} new papers in all" in said
    assert f": {len(thin)} of the {len(weeks)} weeks here." in said


def test_date_axes_show_the_year(site):
    _, pages = site
    timed = 0
    for name, page_html in pages.items():
        for title, spec in charts(page_html).items():
            svg = rendered(spec)
            axis = next(g for g in svg.select("g.role-axis") if g.get("aria-label", "").startswith("X-axis"))
            if "time scale" not in axis["aria-label"]:
                continue
            timed += 1
            labels = x_labels(svg)
            assert labels and all(YEAR.search(label) for label in labels), f"{name}: {title}: {labels}"
    assert timed == 3


def test_a_feed_is_filled_within_its_own_weeks(generated):
    from dashboards.queries import category_series

    frame = category_series(generated, "week", LATE_FEED)
    weeks = sorted(set(frame["period"]))
    assert weeks[0] == LATE_START and weeks[-1] == START + timedelta(weeks=11)
    every = [LATE_START + timedelta(7 * i) for i in range((weeks[-1] - LATE_START).days // 7 + 1)]
    # the weeks this feed did not publish in (nobody did; only sec-bar did) are missing, not 0
    assert weeks == [w for w in every if w not in (EMPTY_WEEK, THIN_WEEK)]
    assert frame.height == len(weeks) * frame["category"].n_unique()


def test_few_categories_each_keep_their_own_series(report_home):
    from dashboards.report_pages import categories, overview
    from warehouse.published import open_published

    home, _ = report_home
    con = open_published(home.published)
    try:
        pages = {**overview.pages(con), **categories.pages(con)}
        n_categories = len(ranking(con))
    finally:
        con.close()
    assert n_categories <= 10
    entries = legend(rendered(charts(pages["categories.html"])["New papers per week"]))
    assert len(entries) == n_categories and "other" not in dict(entries)
    assert all("“other”" not in text(p) for p in pages.values())


def test_every_date_axis_of_the_site_shows_the_year(report_home):
    _, index = report_home
    timed = set()
    for page in sorted(index.parent.rglob("*.html")):
        spec_tag = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("script", id="chart-specs")
        for spec in json.loads(spec_tag.string).values() if spec_tag else ():
            svg = rendered(spec)
            axis = next(g for g in svg.select("g.role-axis") if g.get("aria-label", "").startswith("X-axis"))
            if "time scale" in axis["aria-label"]:
                timed.add(spec["title"]["text"])
                labels = x_labels(svg)
                assert labels and all(YEAR.search(label) for label in labels), f"{page.name}: {labels}"
    assert {"Authors per week: new and returning", "Papers per week", "Weekly share of new papers using the term",
            "Entries per day and feed (missing days marked)"} <= timed


def test_explorer_per_day_chart_groups_categories_after_the_top_ten_as_other():
    import polars as pl

    from dashboards.charts import top_and_other
    from dashboards.queries import OTHER

    # 12 categories over two days: c00 has 12 papers a day, c01 11, ... c11 1; the last two are the rest
    rows = [{"period": date(2026, 1, d), "category": f"c{i:02d}", "n_papers": 12 - i} for d in (1, 2) for i in range(12)]
    grouped, series = top_and_other(pl.DataFrame(rows))
    assert series == [f"c{i:02d}" for i in range(10)] + [OTHER]
    assert set(grouped["category"]) == set(series)
    other = grouped.filter(pl.col("category") == OTHER).sort("period")
    assert other["n_papers"].to_list() == [2 + 1, 2 + 1]  # c10 and c11 on each day
    assert grouped.group_by("period").agg(pl.col("n_papers").sum()).sort("period")["n_papers"].to_list() == [78, 78]
    few, few_series = top_and_other(pl.DataFrame(rows[:5]))
    assert few_series == ["c00", "c01", "c02", "c03", "c04"] and few.height == 5  # nothing to group


def test_latest_week_table_skips_a_thin_last_week_and_names_it():
    import duckdb

    from dashboards.report_pages import categories

    con = duckdb.connect()
    con.execute("create table category_activity (feed varchar, grain varchar, period date, category varchar, "
                "n_papers integer, share double, previous_n_papers integer, growth double)")
    con.execute("create table categories (code varchar, name varchar, group_name varchar)")
    rows = [("2026-03-02", "cs.AI", 20), ("2026-03-02", "cs.LG", 10),   # 30 papers
            ("2026-03-09", "cs.AI", 15), ("2026-03-09", "cs.LG", 10),   # 25: the table's week
            ("2026-03-16", "cs.AI", 2), ("2026-03-16", "cs.LG", 1)]     # 3: a week just begun
    for grain in ("week", "month"):
        con.executemany("insert into category_activity values ('*', ?, ?, ?, ?, null, 0, null)",
                        [(grain, d, c, n) for d, c, n in rows])
    con.execute("create table daily_papers as select '*' as feed, 'week' as grain, cast(d as date) as period, "
                "true as published from (values ('2026-03-02'), ('2026-03-09'), ('2026-03-16')) as t(d)")
    con.execute("create table feed_windows (feed varchar, span varchar, as_of date, window_start date, "
                "window_end date, n_papers integer, n_digests integer, published_feeds varchar[], "
                "silent_feeds struct(feed varchar, last_day date)[])")
    page = BeautifulSoup(categories.pages(con)["categories.html"], "html.parser")
    heading = next(h for h in page.find_all("h2") if h.text.startswith("Week of"))
    assert heading.text == "Week of 2026-03-09"  # not 2026-03-16, where 2 papers of 3 would read as 67%
    cells = [[td.text for td in tr.find_all("td")] for tr in heading.find_next("table").find_all("tr")[1:]]
    assert [(c[0], c[3]) for c in cells] == [("cs.AI", "15"), ("cs.LG", "10")]
    assert "the weeks after it had fewer: 2026-03-16 (3 papers)" in " ".join(page.get_text(" ").split())


# a paper heading's link: an arXiv abs link (any scheme, any version) or a DOI link
_HEADING_LINK = re.compile(r"^#{1,6} .*\]\((?:https?://arxiv\.org/abs/([\w./-]+?)(?:v\d+)?|https://doi\.org/(\S+?))\)\s*$",
                           re.MULTILINE)


def test_overview_headline_numbers_are_the_samples_own(samples, samples_dir):
    """The overview's cards on the real samples: what their README counts and their file names show."""
    from dashboards.report_pages import overview

    page = BeautifulSoup(overview.pages(samples)["index.html"], "html.parser")
    cards = {card.contents[1].strip(): card.b.text for card in page.select(".card")}
    days = sorted(p.stem for p in samples_dir.glob("*/*.md"))
    # The README counts 6,602 arXiv paper headings in 93 digests of 14 feeds; Long-Holiday also lists 343 journal
    # items by DOI (its three days list 689 papers), which are papers too. Distinct papers: counted from the links.
    links = [m for p in samples_dir.glob("*/*.md") for m in _HEADING_LINK.findall(p.read_text(encoding="utf-8"))]
    distinct = {(a or d.lower()) for a, d in links}
    assert len(links) == 6602 + 343
    assert (cards["papers"], cards["listings"], cards["digests"], cards["feeds"]) == (
        str(len(distinct)), str(6602 + 343), "93", "14")
    assert (cards["first day"], cards["last day"]) == (days[0], days[-1])
    feeds = {tr.find_all("td")[0].text: tr.find_all("td")[1:] for tr in
             next(h for h in page.find_all("h2") if h.text == "Feeds").find_next("table").find_all("tr")[1:]}
    assert sorted(feeds) == sorted(p.name for p in samples_dir.iterdir() if p.is_dir())
    for feed, cells in feeds.items():  # first and last day: the feed's own first and last file
        own = sorted(p.stem for p in (samples_dir / feed).glob("*.md"))
        assert (cells[1].text, cells[2].text) == (own[0], own[-1]), feed
