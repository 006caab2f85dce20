"""A data home for report and explorer tests: a generated corpus plus a feed whose every text field is an
XSS payload (titles, authors, keywords, summaries, the feed's own name, a rejected file), ingested,
with marts built and the report site written. Built once per session."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.warehouse.marts_home import built_home
from transforms.generate import GeneratedFile, build_corpus
from transforms.model import Entry
from transforms.render import render_digest

DAYS = 35
START = date(2026, 1, 5)
# Each payload, if it ever ran, would set window.__xss; the browser tests assert it stays undefined.
PAYLOADS = (
    '<img src=x onerror="window.__xss=1">',
    "</script><script>window.__xss=1</script>",
    '"><svg onload=window.__xss=1>',
    "<!--<script>window.__xss=1</script>",
)
XSS_FEED = "xss<img src=x onerror=window.__xss=1>"
XSS_AUTHOR = "<script>window.__xss=1</script> Mallory"
TRENT_ACCENTED = "Trent Pláin"


def hostile_entries(day: int) -> list[Entry]:
    entries = []
    trent = TRENT_ACCENTED if day % 5 == 0 else "Trent Plain"  # one author, two spellings (7 of the 35 days)
    for n, payload in enumerate(PAYLOADS, 1):
        entries.append(Entry(
            position=n, section="cs.AI", arxiv_id=f"2601.{9000 + day * 10 + n:05d}", version=None, url=None,
            title=f"{payload} Robust LLM Agents {n}", authors=[XSS_AUTHOR, f"Eve {payload}", trent],
            main_category="cs.AI", tldr=f"TLDR {payload}", motivation=f"Motivation {payload}",
            abstract=f"We study LLM agents. {payload}", keywords=[payload, "LLM Agents"],
            extra={"relevance_score": "7", "read_time": "5 min"},
        ))
    return entries


def hostile_files() -> list[GeneratedFile]:
    files = []
    for day in range(DAYS):
        today = START + timedelta(days=day)
        files.append(GeneratedFile(f"{XSS_FEED}/{today.isoformat()}.md",
                          render_digest(hostile_entries(day), variant="bold", digest_date=today)))
    rejected = START + timedelta(days=DAYS)  # one more day whose file is not a digest at all
    files.append(GeneratedFile(f"{XSS_FEED}/{rejected.isoformat()}.md", "<html><script>window.__xss=1</script></html>\n"))
    return files


@pytest.fixture(scope="session")
def report_home(tmp_path_factory):
    """(Home, index.html path) for a generated corpus plus the hostile feed, marts built, site written."""
    from dashboards.site import build_site

    corpus = build_corpus(DAYS, 21, entries_per_day=8)
    home, _ = built_home(tmp_path_factory.mktemp("report"), corpus.files + hostile_files())
    return home, build_site(home)
