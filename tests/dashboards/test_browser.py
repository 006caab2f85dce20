"""The report pages and the live explorer (with its author drill-down) in a real headless chromium: charts render,
nothing is fetched from outside, no console errors, and no injected script runs. Screenshots go to
test-output/screenshots/."""

from __future__ import annotations

import html
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from tests.dashboards.conftest import TRENT_ACCENTED, XSS_AUTHOR
from tests.dashboards.test_queries_authors import published_author

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM}: run tests/ensure_chromium.sh (CI installs it)")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


class Watched:
    """A page whose console errors, page errors and requests outside `allowed` are recorded."""

    def __init__(self, browser, allowed: tuple[str, ...]):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.outside: list[str] = []

        def route(r):
            if r.request.url.startswith(allowed):
                return r.continue_()
            self.outside.append(r.request.url)
            return r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def close(self):
        self.context.close()


def test_every_report_page_renders_offline_without_running_payloads(browser, report_home):
    _, index = report_home
    root = index.parent
    hostile_author = next(p for p in (root / "authors").glob("*.html")
                          if f"<h1>{html.escape(XSS_AUTHOR)}</h1>" in p.read_text(encoding="utf-8"))
    top = [root / n for n in ("index.html", "authors.html", "topics.html", "categories.html", "quality.html")]
    targets = top + sorted(p for p in root.rglob("*.html") if p not in top)  # every page the site has
    assert hostile_author in targets and len(targets) >= 30
    watched = Watched(browser, ("file://",))
    try:
        for target in targets:
            page = watched.page
            page.goto(target.as_uri())
            n_charts = page.locator("div.chart").count()
            if n_charts:
                page.wait_for_function(f"document.querySelectorAll('div.chart svg').length >= {n_charts}",
                                       timeout=20_000)
            assert page.evaluate("typeof window.__xss") == "undefined", target.name
            page.screenshot(path=str(SHOTS / f"report-{target.parent.name}-{target.stem}.png"), full_page=True)
        assert watched.errors == [] and watched.outside == []
        # the site's size, reported (the Vega bundle is one shared file, not inlined in every page)
        files = [p for p in root.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files)
        bundle = sum(p.stat().st_size for p in (root / "assets").glob("*.js"))
        SHOTS.joinpath("site-size.txt").write_text(f"{len(targets)} pages, {len(files)} files, {size:,} bytes "
                                                   f"({bundle:,} of them the Vega bundle)\n", encoding="utf-8")
        print(f"report site: {len(targets)} pages, {size / 1e6:.2f} MB ({bundle / 1e6:.2f} MB Vega bundle, once)")
        assert size < 2 * bundle + 3_000_000  # the bundle once; every page inlining it would be 30x that
        watched.page.goto(hostile_author.as_uri())
        assert watched.page.locator("h1").inner_text() == XSS_AUTHOR
        assert watched.page.get_by_text("TLDR </script><script>window.__xss=1</script>").count() >= 1
    finally:
        watched.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def explorer(report_home):
    from dashboards.serve import start_dashboard

    home, _ = report_home
    port = _free_port()
    process = start_dashboard(home, port)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise
                time.sleep(0.5)
        yield home, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=20)


def _metric(page, label: str, within: str = "[data-testid=stMain]") -> str:
    """The value of the first metric labelled exactly `label` inside the `within` element."""
    label_el = page.locator("[data-testid=stMetricLabel]").get_by_text(label, exact=True)
    return page.locator(within).locator("[data-testid=stMetric]").filter(has=label_el).first.locator(
        "[data-testid=stMetricValue]").inner_text()


def test_explorer_filters_by_term_and_author_without_running_payloads(browser, explorer):
    home, url = explorer
    watched = Watched(browser, (url,))
    try:
        page = watched.page
        page.goto(url)
        page.wait_for_selector("[data-testid=stMetricValue]", timeout=60_000)
        page.wait_for_selector("[data-testid=stVegaLiteChart] svg, [data-testid=stVegaLiteChart] canvas",
                               timeout=30_000)
        everything = int(_metric(page, "papers"))
        page.screenshot(path=str(SHOTS / "explorer-all.png"), full_page=True)

        page.get_by_label("Author name contains").fill("Mallory")
        page.get_by_label("Author name contains").press("Enter")
        page.wait_for_function(f"""() => {{
            const v = [...document.querySelectorAll('[data-testid=stMetricValue]')][0];
            return v && v.innerText.trim() !== '{everything}'; }}""", timeout=30_000)
        assert int(_metric(page, "papers")) == 35 * 4  # the hostile feed: four papers a day for 35 days

        # the author drill-down, drawn in the same rerun: the only match is the hostile author, picked by default
        view = ".st-key-author_view"
        page.wait_for_selector(f"{view} [data-testid=stVegaLiteChart] svg, {view} [data-testid=stVegaLiteChart] canvas",
                               timeout=30_000)
        n_papers, first, last = published_author(home, XSS_AUTHOR)
        assert n_papers > 0
        picked = page.locator(view).get_by_label("Matching authors, most papers first").input_value()
        assert picked == f"{XSS_AUTHOR} ({n_papers} papers)"  # the hostile name shown as text, in a text field
        assert (int(_metric(page, "papers", view)), _metric(page, "first seen", view),
                _metric(page, "last seen", view)) == (n_papers, first.isoformat(), last.isoformat())
        # the tables draw on a canvas; their cells are also in a hidden table for screen readers, read here
        tables = page.locator(f"{view} [data-testid=stDataFrame]")
        together = tables.filter(has=page.locator("th", has_text="co-author"))
        trent = together.locator("tr").filter(has=page.locator("td", has_text="Trent Plain"))
        trent.wait_for(state="attached", timeout=10_000)
        # Trent Plain co-wrote every hostile paper (conftest), so they share all of the author's papers
        assert [c.text_content() for c in trent.locator("td").all()][:2] == ["Trent Plain", str(n_papers)]
        page.set_viewport_size({"width": 1280, "height": 1800})
        page.locator(view).screenshot(path=str(SHOTS / "explorer-author.png"))
        page.set_viewport_size({"width": 1280, "height": 900})

        # Trent Plain is written "Trent Pláin" on 7 of the 35 days (conftest): the view names that spelling
        page.get_by_label("Author name contains").fill("Trent")
        page.get_by_label("Author name contains").press("Enter")
        spelled = page.locator(f"{view} [data-testid=stDataFrame]").filter(has=page.locator("th", has_text="spelling"))
        row = spelled.locator("tr").filter(has=page.locator("td", has_text=TRENT_ACCENTED))
        row.wait_for(state="attached", timeout=30_000)
        assert [c.text_content() for c in row.locator("td").all()][:2] == [TRENT_ACCENTED, "28"]

        page.get_by_label("Term (word, bigram or keyword)").fill("LLM agents")
        page.get_by_label("Term (word, bigram or keyword)").press("Enter")
        # the term trend joins the per-day chart and the author timeline
        page.wait_for_function("document.querySelectorAll('[data-testid=stVegaLiteChart]').length >= 3",
                               timeout=30_000)
        page.screenshot(path=str(SHOTS / "explorer-filtered.png"), full_page=True)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert watched.errors == [] and watched.outside == []
    finally:
        watched.close()
    assert (home.root / "dashboard").is_dir()


def test_search_page_works_offline_and_shows_hostile_snippets_as_text(browser, report_home):
    """The static search page from file://: its index loads as a script, a query lists the hostile feed's papers
    with the words marked, and their payloads are text (no element, no script ran)."""
    _, index = report_home
    watched = Watched(browser, ("file://",))
    try:
        page = watched.page
        page.goto((index.parent / "search.html").as_uri())
        page.wait_for_function("document.getElementById('said').textContent.includes('papers in the index')")
        page.locator("#q").fill('"robust llm agents" tldr')
        page.wait_for_selector("#results li")
        n_hostile = page.locator("#results li").count()
        assert n_hostile == 35 * 4  # every hostile paper, and only those, says "TLDR" in its TL;DR
        assert page.locator("#results mark").first.inner_text().lower() == "robust llm agents"
        assert page.locator("#results img, #results svg, #results script").count() == 0
        assert page.locator("#results").get_by_text("TLDR </script><script>window.__xss=1</script>").count() >= 1
        page.locator("#q").fill('"robust llm agents" -tldr')
        page.wait_for_function("document.querySelectorAll('#results li').length === 0")
        page.screenshot(path=str(SHOTS / "report-search.png"), full_page=True)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert watched.errors == [] and watched.outside == []
    finally:
        watched.close()


def test_search_page_finds_a_chinese_tldr_by_a_word_and_shows_every_field(browser, tmp_path):
    """The page's index (gzip'd columns, inflated in the page) searched for a two-character word of a Chinese
    TL;DR: the one paper holding it, with its title, author line, days and feeds as the warehouse has them."""
    import duckdb

    from dashboards.report_pages.search import INDEX_FILE, index_script, search_page

    con = duckdb.connect()
    con.execute("create table paper_briefs (arxiv_id varchar, title varchar, authors varchar, tldr varchar, "
                "first_seen date, last_seen date)")
    con.execute("create table feed_papers (arxiv_id varchar, feed varchar, last_seen date)")
    con.execute("""insert into paper_briefs values
        ('2601.00001', 'Reasoning with Small Models', 'Li Wei, Zhang San',
         '本文提出一种新的推理方法，提升了大模型的效率。', '2026-01-03', '2026-01-05'),
        ('2601.00002', 'Graph Transformers Revisited', 'Ada Lovelace', 'A study of graph transformers.',
         '2026-01-04', '2026-01-04'),
        ('2601.00003', 'Old Paper', 'Ada Lovelace', '推理方法', '2025-06-01', '2025-06-01')""")
    con.execute("""insert into feed_papers values ('2601.00001', 'feed-a', '2026-01-05'),
        ('2601.00001', 'feed-b', '2026-01-04'), ('2601.00002', 'feed-a', '2026-01-04'),
        ('2601.00003', 'feed-a', '2025-06-01'), ('2601.00001', '*', '2026-01-05')""")
    (tmp_path / "search.html").write_text(search_page(), encoding="utf-8")
    (tmp_path / INDEX_FILE).write_text(index_script(con), encoding="utf-8")
    con.close()
    watched = Watched(browser, ("file://",))
    try:
        page = watched.page
        page.goto((tmp_path / "search.html").as_uri())
        page.wait_for_function("document.getElementById('said').textContent === '2 papers in the index'")
        page.locator("#q").fill("推理")  # the paper of June 2025 holds it too, but is outside the 90 days
        page.wait_for_selector("#results li")
        assert page.locator("#results li").count() == 1
        hit = page.locator("#results li")
        assert hit.locator("a").inner_text() == "Reasoning with Small Models"
        assert hit.locator("a").get_attribute("href") == "https://arxiv.org/abs/2601.00001"
        assert (hit.locator("div.muted").inner_text()
                == "Li Wei, Zhang San · first 2026-01-03, last 2026-01-05 · feed-a, feed-b")
        assert hit.locator("mark").all_inner_texts() == ["推理"]
        page.locator("#q").fill("au:lovelace")
        page.wait_for_function("document.getElementById('said').textContent === '1 of 2 papers match'")
        assert watched.errors == [] and watched.outside == []
    finally:
        watched.close()


def test_explorer_full_text_search_lists_hits_with_snippets_and_similar_papers(browser, explorer):
    home, url = explorer
    watched = Watched(browser, (url,))
    try:
        page = watched.page
        page.goto(url)
        page.wait_for_selector("[data-testid=stMetricValue]", timeout=60_000)
        everything = _metric(page, "papers")
        page.get_by_role("textbox", name="Full-text search").fill('"robust llm agents" tldr')
        page.get_by_role("textbox", name="Full-text search").press("Enter")
        page.wait_for_function(f"""() => {{
            const v = [...document.querySelectorAll('[data-testid=stMetricValue]')][0];
            return v && v.innerText.trim() !== '{everything}'; }}""", timeout=30_000)
        assert int(_metric(page, "papers")) == 35 * 4
        box = page.get_by_role("textbox", name="Full-text search")
        box.fill('"robust llm agents 2" tldr')  # the papers whose TL;DR is `TLDR </script><script>...`
        box.press("Enter")
        page.wait_for_function("""() => {
            const v = [...document.querySelectorAll('[data-testid=stMetricValue]')][0];
            return v && v.innerText.trim() === '35'; }""", timeout=30_000)
        # the snippet, its match marked, and the payload after it shown as text
        cell = page.locator("[data-testid=stDataFrame] td", has_text="**TLDR** </script><script>window.__xss=1</script>")
        cell.first.wait_for(state="attached", timeout=30_000)
        page.locator(".st-key-similar_view [data-testid=stDataFrame]").wait_for(state="attached", timeout=30_000)
        page.get_by_role("textbox", name="Full-text search").fill('"unbalanced')
        page.get_by_role("textbox", name="Full-text search").press("Enter")
        page.get_by_text("unbalanced quote in query").wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "explorer-search.png"), full_page=True)
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert watched.errors == [] and watched.outside == []
    finally:
        watched.close()
