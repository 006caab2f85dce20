"""The static report site: every page built from the published snapshot and written to `<home>/reports/`.

Pages carry their styles and chart specs; the Vega runtime is one file, `assets/vega-<version>.js`, that pages
load by a relative path, so the folder works offline (from file:// too) and can be copied anywhere. The new
site is written next to the old one and swapped in by renames.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

from dashboards import embed
from dashboards.report_pages import authors, categories, overview, quality, search, topics
from warehouse.home import Home
from warehouse.published import open_published

PAGE_BUILDERS = (overview.pages, authors.pages, topics.pages, categories.pages, quality.pages)


def render_site(con) -> dict[str, str]:
    """Every page of the site: relative path -> HTML, from a connection to the published snapshot."""
    site: dict[str, str] = {}
    for build in PAGE_BUILDERS:
        site.update(build(con))
    if any(embed.bundle_path() in page for page in site.values()):  # shipped once, for every page with charts
        site[embed.bundle_path()] = embed.vega_bundle()
    return site


def build_site(home: Home) -> Path:
    """Write the report site under `home.reports` from the current published snapshot; returns its index.html."""
    embed.BUNDLE_CACHE = home.root / ".cache"
    con = open_published(home.published)
    try:
        site = render_site(con)
        search.extend(site, con, home)  # the search page and similar papers: they need the home's search index
    finally:
        con.close()
    target = home.inside(home.reports)
    staging = home.inside(target.with_name(f".reports-{uuid.uuid4().hex[:8]}"))
    for rel, text in site.items():
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    old = target.with_name(f".reports-old-{uuid.uuid4().hex[:8]}")
    if (target / "watch").is_dir():  # the watch lists' pages and feeds are written after each run, not here
        shutil.copytree(target / "watch", staging / "watch")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target / "index.html"
