"""Safe HTML: digest text full of XSS payloads (titles, authors, keywords, summaries, comments, categories, the
feed name) is rendered into every report page; in headless chromium nothing runs, no handler or `javascript:`
link appears, and each payload reads as text."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.reliability.conftest import write_files
from transforms.generate import build_corpus
from transforms.model import Entry
from transforms.render import render_digest, render_jsonl

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
DAYS, START = 21, date(2026, 1, 5)
# Each would set window.__xss or open a dialog if it ever ran; `{{7*7}}` would read 49 under a template engine.
PAYLOADS = (
    "<img src=x onerror=alert(1)>",
    '<img src=x onerror="window.__xss=1">',
    "</script><script>window.__xss=1</script>",
    '"><svg onload=window.__xss=1>',
    "'><svg/onload=alert(1)>",
    "javascript:window.__xss=1",
    '<a href="javascript:window.__xss=1">click me</a>',
    "[click](javascript:window.__xss=1)",
    "{{7*7}}",
    "${7*7}<!--",
)
FEED = 'feed"><svg onload=window.__xss=1>'
AUTHOR = "<script>window.__xss=1</script> Mallory"

pytestmark = pytest.mark.browser


def hostile_entries(day: int) -> list[Entry]:
    entries = []
    for n, payload in enumerate(PAYLOADS, 1):
        arxiv_id = f"2601.{9000 + day * 20 + n:05d}"
        entries.append(Entry(
            position=n, section="cs.AI", arxiv_id=arxiv_id, version=None, url=f"https://arxiv.org/abs/{arxiv_id}",
            title=f"LLM Agents {payload} {n}", authors=[AUTHOR, f"Eve {payload}", "Trent Plain"],
            main_category="cs.AI", tldr=f"TLDR {payload}", motivation=f"Motivation {payload}",
            method=f"Method {payload}", result=f"Result {payload}", conclusion=f"Conclusion {payload}",
            abstract=f"We study LLM agents. {payload}", comment=f"Comment {payload}",
            keywords=[payload, "LLM agents"], categories=["cs.AI", f"cs.{payload}"],
            extra={"relevance_score": "7", "read_time": "5"},
        ))
    return entries


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A generated corpus plus a feed whose every text field is a payload: ingested, marts built, site written."""
    from dashboards.site import build_site
    from flows.ingest_plain import ingest_plain
    from warehouse.marts import build_and_publish
    from warehouse.home import Home

    root = tmp_path_factory.mktemp("xss")
    files = build_corpus(DAYS, seed=41, entries_per_day=8).files
    src = write_files(files, root / "src")
    for day in range(DAYS):
        today = START + timedelta(days=day)
        entries = hostile_entries(day)
        folder = src / FEED
        folder.mkdir(exist_ok=True)
        (folder / f"{today.isoformat()}.md").write_text(render_digest(entries, variant="bold", digest_date=today))
        (folder / f"{today.isoformat()}.jsonl").write_text(render_jsonl(entries))
    home = Home.resolve(root / "home")
    ingest_plain([str(src)], home)
    build_and_publish(home)
    return build_site(home).parent


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"no chromium at {CHROMIUM}: run tests/ensure_chromium.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


# Event-handler attributes anywhere, and javascript: in any URL-bearing attribute.
_INJECTED = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.trim().toLowerCase();
      if (a.name.startsWith('on')) bad.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc'].includes(a.name) &&
          (v.startsWith('javascript:') || a.name === 'srcdoc')) bad.push(el.tagName + ' ' + a.name + '=' + v);
    }
  }
  return bad;
}"""


def test_no_payload_runs_on_any_report_page_and_each_reads_as_text(site, browser):
    pages = sorted(site.rglob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "authors.html", "topics.html", "categories.html", "quality.html"}
    context = browser.new_context()
    outside: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                  else (outside.append(r.request.url), r.abort()))
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    text = {}
    try:
        for target in pages:
            page.goto(target.as_uri(), wait_until="load")
            charts = page.locator("div.chart").count()
            if charts:  # let Vega draw: chart data is digest text too
                page.wait_for_function(f"document.querySelectorAll('div.chart svg, div.chart canvas').length >= {charts}",
                                       timeout=20_000)
            rel = str(target.relative_to(site))
            assert page.evaluate("typeof window.__xss") == "undefined", f"a payload ran on {rel}"
            assert page.evaluate(_INJECTED) == [], f"injected handler or javascript: link on {rel}"
            text[rel] = page.inner_text("body")
    finally:
        context.close()
    assert dialogs == [], f"alert() ran: {dialogs}"
    assert errors == [] and outside == []
    everything = "\n".join(text.values())
    missing = [p for p in PAYLOADS if p not in everything]
    assert not missing, f"payloads not shown as text anywhere: {missing}"
    assert AUTHOR in everything and FEED in everything
