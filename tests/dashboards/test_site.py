"""The static report site: every page present, self-contained, pointing nowhere but arxiv.org, and every
hostile string from the digests shown as text, never as markup."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dashboards.html import script_json
from dashboards.report_pages.authors import TOP_AUTHORS
from tests.dashboards.conftest import PAYLOADS, TRENT_ACCENTED, XSS_AUTHOR, XSS_FEED

TOP_PAGES = ("index.html", "authors.html", "topics.html", "categories.html", "quality.html")
URL_ATTRS = ("href", "src", "action", "formaction", "data", "poster", "srcset", "xlink:href", "background")
OUR_SCRIPTS = 3  # the chart specs (JSON), the vega-embed bundle, the few lines that render the charts


def pages(index: Path) -> list[Path]:
    return sorted(index.parent.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_page_is_written(report_home):
    _, index = report_home
    names = {p.relative_to(index.parent).as_posix() for p in pages(index)}
    assert set(TOP_PAGES) <= names
    author_pages = [n for n in names if n.startswith("authors/")]
    assert len(author_pages) == TOP_AUTHORS  # the corpus has far more authors than get a page


def test_no_page_refers_to_anything_outside_except_arxiv(report_home):
    _, index = report_home
    for page in pages(index):
        doc = soup(page)
        for tag in doc.find_all(True):
            for attr in URL_ATTRS:
                value = tag.get(attr)
                if value and re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", value, re.I):
                    assert value.startswith("https://arxiv.org/"), f"{page.name}: <{tag.name} {attr}={value!r}>"
        assert not doc.find_all("link") and not doc.find_all("iframe"), page.name
        # scripts with a source: the site's own Vega bundle and the search page's index, by a relative path inside
        # the site (file:// blocks fetch(), so the index loads as a script)
        for script in doc.find_all("script", src=True):
            assert re.fullmatch(r"(\.\./)?(assets/vega-[0-9.]+\.js|[\w-]+\.js)", script["src"]), page.name
            target = (page.parent / script["src"]).resolve()
            assert target.is_relative_to(index.parent.resolve()) and target.is_file(), page.name
        for style in doc.find_all("style"):
            assert "@import" not in style.text and "url(" not in style.text, page.name


def test_pages_with_charts_carry_their_own_runtime(report_home):
    _, index = report_home
    for page in pages(index):
        doc = soup(page)
        charts = doc.select("div.chart")
        if not charts:
            continue
        scripts = doc.find_all("script")
        assert len(scripts) == OUR_SCRIPTS, page.name
        specs = json.loads(doc.find("script", id="chart-specs").string)
        assert set(specs) == {c["id"] for c in charts}
        bundle = (page.parent / scripts[1]["src"]).read_text(encoding="utf-8")
        assert "vegaEmbed" in bundle and len(bundle) > 500_000
        assert not scripts[1].string  # loaded, not inlined: the site ships the ~900 KB once


def test_hostile_text_is_never_markup(report_home):
    _, index = report_home
    for page in pages(index):
        text = page.read_text(encoding="utf-8")
        doc = BeautifulSoup(text, "html.parser")
        # ours: none, the chart scripts, or the search page's two (its index file, its code)
        assert len(doc.find_all("script")) in ((0, OUR_SCRIPTS) if page.name != "search.html" else (2,)), page.name
        assert not doc.find_all(["img", "svg", "iframe", "object", "embed"]), page.name
        for tag in doc.find_all(True):
            assert not [a for a in tag.attrs if a.lower().startswith("on")], f"{page.name}: <{tag.name} {tag.attrs}>"
        spec = doc.find("script", id="chart-specs")
        if spec is not None:
            assert "</" not in spec.string and "<!--" not in spec.string


def test_hostile_strings_show_as_text(report_home):
    _, index = report_home
    root = index.parent
    seen = " ".join(soup(p).get_text(" ") for p in pages(index))
    for payload in PAYLOADS[1:]:  # the parser already drops a bare <img> tag from titles
        assert payload in seen
    assert XSS_AUTHOR in soup(root / "authors.html").get_text(" ")
    assert XSS_FEED in soup(root / "index.html").get_text(" ")
    assert XSS_FEED in soup(root / "quality.html").get_text(" ")


def test_hostile_author_has_a_page_with_payload_titles_and_summaries(report_home):
    _, index = report_home
    link = next(a for a in soup(index.parent / "authors.html").find_all("a") if a.get_text() == XSS_AUTHOR)
    assert re.fullmatch(r"authors/[0-9A-Za-z_-]+\.html", link["href"])
    page = soup(index.parent / link["href"])
    assert page.find("h1").get_text() == XSS_AUTHOR
    cells = page.get_text(" ")
    assert "TLDR </script><script>window.__xss=1</script>" in cells
    assert "<!--<script>window.__xss=1</script>, LLM Agents" in cells  # a keyword
    assert '"><svg onload=window.__xss=1> Robust LLM Agents 3' in cells
    arxiv_links = [a["href"] for a in page.find_all("a") if a["href"].startswith("https://")]
    assert arxiv_links and all(re.fullmatch(r"https://arxiv\.org/abs/[0-9.]+", h) for h in arxiv_links)


def test_author_page_names_the_spellings_merged_into_it(report_home):
    # conftest writes Trent Plain as "Trent Pláin" on 7 of the 35 hostile days, 4 papers a day
    _, index = report_home
    authors = soup(index.parent / "authors.html")
    assert "different people who share a name" in authors.get_text(" ")
    link = next(a for a in authors.find_all("a") if a.get_text() == "Trent Plain")
    text = " ".join(soup(index.parent / link["href"]).get_text(" ").split())
    assert f"Also written as: {TRENT_ACCENTED} (28 papers)." in text
    assert "Trent Plain (" not in text  # the name shown is not repeated as a spelling


@pytest.mark.parametrize("payload", PAYLOADS + ("\u2028</SCRIPT >", "&lt;/script&gt;"))
def test_script_json_cannot_close_a_script(payload):
    encoded = script_json({"title": payload})
    assert "<" not in encoded and ">" not in encoded
    assert json.loads(encoded) == {"title": payload}


def test_rebuilding_replaces_the_whole_site(report_home, tmp_path):
    from dashboards.site import build_site

    home, index = report_home
    stale = index.parent / "authors" / "stale.html"
    stale.write_text("old")
    assert build_site(home) == index
    assert not stale.exists() and index.is_file()
    assert not [p for p in home.root.iterdir() if p.name.startswith(".reports")]


def test_topics_page_says_why_no_term_is_rising():
    """Empty rising sections name the window, who published in it and who was silent, and the rule not met."""
    import duckdb

    from dashboards.report_pages import topics

    con = duckdb.connect()
    con.execute("create table rising_terms (feed varchar, rank integer, term varchar, recent integer, previous integer, "
                "score double, log_odds double, recent_papers integer, previous_papers integer, n_feeds integer, "
                "as_of date)")
    con.execute("create table term_trends (feed varchar, week date, term varchar, n_words integer, n_papers integer, "
                "share double)")
    con.execute("create table feed_windows (feed varchar, span varchar, as_of date, window_start date, "
                "window_end date, n_papers integer, n_digests integer, published_feeds varchar[], "
                "silent_feeds struct(feed varchar, last_day date)[])")
    con.execute("""insert into feed_windows values
        ('*', '28d', '2026-08-08', '2026-07-12', '2026-08-08', 2, 3, ['a'], [{'feed': 'b', 'last_day': '2026-06-01'}]),
        ('*', '28d_before', '2026-08-08', '2026-06-14', '2026-07-11', 1, 1, ['a'], [{'feed': 'b', 'last_day': '2026-06-01'}]),
        ('a', '28d', '2026-08-08', '2026-07-12', '2026-08-08', 2, 3, ['a'], []),
        ('a', '28d_before', '2026-08-08', '2026-06-14', '2026-07-11', 1, 1, ['a'], []),
        ('b', '28d', '2026-06-01', '2026-05-05', '2026-06-01', 4, 2, ['b'], []),
        ('b', '28d_before', '2026-06-01', '2026-04-07', '2026-05-04', 0, 0, [], [{'feed': 'b', 'last_day': '2026-06-01'}])""")
    text = " ".join(BeautifulSoup(topics.pages(con)["topics.html"], "html.parser").get_text(" ").split())
    assert ("No rising terms in this window. a published 2 papers from 2026-07-12 to 2026-08-08. No term reached a "
            "score of 1.96") in text
    assert "Silent in that window: b (last digest 2026-06-01)." in text
    assert "No rising terms: no feed published in the 28 days before 2026-05-05" in text  # b's own windows
    assert "Across feeds the windows end on 2026-08-08. Silent in the last 28 days: b (last digest 2026-06-01)." in text


def test_quality_page_lists_each_run_of_bad_days_once(report_home):
    from warehouse.published import open_published

    home, index = report_home
    doc = soup(index.parent / "quality.html")
    heading = next(h for h in doc.find_all("h2") if h.text == "Days that need a look")
    rows = [[td.text for td in tr.find_all("td")] for tr in heading.find_next("table").find_all("tr")[1:]]
    con = open_published(home.published)
    expected = con.sql("select count(*) from feed_health where feed <> '*' and (status <> 'ok' or "
                       "n_failed_summaries > 0)").fetchall()[0][0]
    con.close()
    assert rows and sum(int(r[3]) for r in rows) == expected  # every such day, in some run
    runs = sorted((r[0], r[4], r[1], r[2]) for r in rows)
    for (feed, status, _, end), (feed2, status2, start2, _) in zip(runs, runs[1:]):
        gap = (date.fromisoformat(start2) - date.fromisoformat(end)).days
        assert (feed, status) != (feed2, status2) or gap > 1, "adjacent days of one status are one row"


def test_dashboard_command_keeps_streamlit_inside_the_data_home(report_home):
    from dashboards.serve import dashboard_command

    home, _ = report_home
    cmd, env = dashboard_command(home, 8765)
    assert env["HOME"].startswith(str(home.root)) and env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] == "false"
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"
    assert cmd[cmd.index("--server.headless") + 1] == "true"
    assert cmd[cmd.index("--browser.gatherUsageStats") + 1] == "false"


def test_every_page_states_its_window_rule_and_no_table_is_bare(report_home):
    """Each top page says where its windows end (dashboards.windows.RULE); no page shows a table without rows:
    an empty section says why instead."""
    from dashboards.windows import RULE

    _, index = report_home
    for page in pages(index):
        doc = soup(page)
        if page.parent == index.parent:
            assert RULE in " ".join(doc.get_text(" ").split()), page.name
        for found in doc.find_all("table"):
            assert found.find("tbody").find("tr"), f"{page.name}: an empty table"


def test_an_empty_window_says_why(tmp_path):
    """A window in which the one feed still publishing listed no paper, while another stopped in March: the
    leaderboard says which feeds published up to when, and which feed was silent since when."""
    import duckdb

    from dashboards.report_pages import authors

    from warehouse.db import ensure_schema
    from warehouse.marts import build_marts

    con = duckdb.connect()
    ensure_schema(con)
    build_marts(con)  # every mart, empty: then the windows as a feed that stopped in March leaves them
    con.execute("""insert into feed_windows values
        ('*', '7d', '2026-08-08', '2026-08-02', '2026-08-08', 0, 1, ['a'], [{'feed': 'b', 'last_day': '2026-03-01'}]),
        ('*', '30d', '2026-08-08', '2026-07-10', '2026-08-08', 0, 1, ['a'], [{'feed': 'b', 'last_day': '2026-03-01'}]),
        ('*', '90d', '2026-08-08', '2026-05-11', '2026-08-08', 0, 1, ['a'], [{'feed': 'b', 'last_day': '2026-03-01'}])""")
    text = " ".join(BeautifulSoup(authors.pages(con)["authors.html"], "html.parser").get_text(" ").split())
    assert ("No authors in this window. a published from 2026-08-02 to 2026-08-08, but listed no new paper. Silent in "
            "that window: b (last digest 2026-03-01).") in text
    assert "No two authors share a paper yet" in text


def test_search_index_holds_each_recent_papers_brief_exactly(report_home):
    """search-index.js, unpacked as the page unpacks it (base64, gzip, columns), gives every paper of the
    feeds' latest 90 days with its title, author line, TL;DR, days and feeds as paper_briefs has them."""
    import base64
    import gzip

    from warehouse.published import open_published

    home, index = report_home
    script = (index.parent / "search-index.js").read_text(encoding="utf-8")
    assert re.fullmatch(r'window\.ARXIV_SEARCH = \{"days": 90, "papers": \d+, "gz": "[A-Za-z0-9+/=]+"\};\n', script)
    packed = json.loads(script[script.index("{"):script.rindex("}") + 1])
    c = json.loads(gzip.decompress(base64.b64decode(packed["gz"])))
    day = lambda n: date.fromordinal(date(1970, 1, 1).toordinal() + n)  # noqa: E731
    shown = [(c["id"][i], c["title"][i], ", ".join(c["names"][k] for k in c["authors"][i]), c["tldr"][i],
              day(c["first"][i]), day(c["last"][i]), [c["feeds"][k] for k in c["feed"][i]])
             for i in range(len(c["id"]))]
    con = open_published(home.published)
    try:
        expected = con.sql("""
            with recent as (select distinct arxiv_id from feed_papers f where feed <> '*' and last_seen >
                            (select max(last_seen) from feed_papers g where g.feed = f.feed) - interval 90 day)
            select b.arxiv_id, b.title, b.authors, b.tldr, b.first_seen, b.last_seen,
                   (select list(feed order by feed) from feed_papers f where f.arxiv_id = b.arxiv_id and feed <> '*')
            from paper_briefs b join recent using (arxiv_id) order by b.last_seen desc, b.arxiv_id""").fetchall()
    finally:
        con.close()
    assert packed["papers"] == len(shown) == len(expected) > 35 * 4
    assert shown == [tuple(r) for r in expected]
    assert any(XSS_AUTHOR in s[2] for s in shown) and any(XSS_FEED in s[6] for s in shown)


def test_compiled_chart_specs_are_kept_between_runs_and_a_torn_one_is_compiled_again(tmp_path, monkeypatch):
    """A site build is a new process each run: the Vega compiled from each chart is kept under the home's
    .cache, is what compiling it afresh gives, and is keyed by the chart, its options and the charts' code."""
    from dashboards import charts, embed

    monkeypatch.setattr(embed, "BUNDLE_CACHE", tmp_path)
    compile_now = embed.vl_convert.vegalite_to_vega
    fresh = compile_now(charts.top_categories(None).to_dict(validate=False))
    fresh.pop("$schema", None)
    assert embed._compiled.__wrapped__(charts.top_categories, "{}") == fresh
    (kept,) = (tmp_path / "vega-specs").iterdir()
    calls = []
    monkeypatch.setattr(embed.vl_convert, "vegalite_to_vega", lambda t: calls.append(t) or {"compiled": True})
    assert embed._compiled.__wrapped__(charts.top_categories, "{}") == fresh and not calls  # read back
    kept.write_text('{"torn')
    assert embed._compiled.__wrapped__(charts.top_categories, "{}") == {"compiled": True} and len(calls) == 1
    assert json.loads(kept.read_text()) == {"compiled": True}  # replaced
    embed._compiled.__wrapped__(charts.top_categories, '{"width": 200}')  # other options: another entry
    assert len(list((tmp_path / "vega-specs").iterdir())) == 2 and len(calls) == 2
    monkeypatch.setattr(charts, "TOP_CATEGORIES", charts.TOP_CATEGORIES + 1)  # the charts' constants changed
    embed._fingerprint.cache_clear()
    embed._compiled.__wrapped__(charts.top_categories, "{}")
    assert len(calls) == 3
    embed._fingerprint.cache_clear()
