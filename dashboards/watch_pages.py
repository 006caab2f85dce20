"""A watch list's two outputs: `reports/watch/<name>.html` and the Atom 1.0 feed `<name>.atom`. Pure rendering:
matched papers in, text out; every piece of digest text is escaped (XML and HTML escape the same five)."""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from dashboards.html import arxiv_link, esc, shell, table

FEED_ENTRIES = 200  # a feed reader needs the latest; the page and the state keep them all
ID_BASE = "tag:arxiv-digest.invalid,2026:watch"  # tag URIs: stable, and they never resolve anywhere


def rfc3339(moment: datetime) -> str:
    """`2026-12-03T10:05:00Z`: RFC 3339 in UTC, no fractions."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_id(name: str, arxiv_id: str) -> str:
    """A paper's entry id in a list's feed: the same on every run, so a reader never sees it twice."""
    return f"{ID_BASE}/{name}/{arxiv_id}"


def atom(name: str, entries: list[dict], created: datetime) -> str:
    """The feed: newest matches first; `updated` is the newest match's time (the list's creation without any),
    so a rerun that matches nothing new writes the same bytes."""
    entries = sorted(entries, key=lambda e: (e["matched_at"], e["arxiv_id"]), reverse=True)[:FEED_ENTRIES]
    updated = max([e["matched_at"] for e in entries], default=created)
    parts = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom">',
             f"<title>{escape('arxiv-digest watch: ' + name)}</title>", f"<id>{ID_BASE}/{name}</id>",
             f"<updated>{rfc3339(updated)}</updated>", "<author><name>arxiv-digest</name></author>",
             f"<link rel=\"alternate\" href={quoteattr(name + '.html')}/>"]
    for e in entries:
        url = f"https://arxiv.org/abs/{e['arxiv_id']}"
        parts += ["<entry>", f"<id>{entry_id(name, e['arxiv_id'])}</id>",
                  f"<title type=\"text\">{escape(e['title'] or e['arxiv_id'])}</title>",
                  f"<link rel=\"alternate\" href={quoteattr(url)}/>", f"<updated>{rfc3339(e['matched_at'])}</updated>",
                  f"<author><name>{escape(e['authors'] or 'unknown')}</name></author>",
                  f"<summary type=\"text\">{escape(e['summary'] or '')}</summary>",
                  *[f"<category term={quoteattr(c)}/>" for c in e["categories"]], "</entry>"]
    return "\n".join(parts + ["</feed>"]) + "\n"


def page(name: str, entries: list[dict], since: datetime | None) -> str:
    """The list's page: papers matched at this run first, then every earlier match, newest first."""
    ordered = sorted(entries, key=lambda e: (e["matched_at"], e["arxiv_id"]), reverse=True)
    new = [e for e in ordered if since is None or e["matched_at"] > since]
    new_ids = {e["arxiv_id"] for e in new}
    rows = lambda chosen: [[arxiv_link(e["arxiv_id"]), esc(e["title"]), esc(e["authors"]), esc(e["first_seen"]),
                            esc(e["summary"]), esc(rfc3339(e["matched_at"]))] for e in chosen]
    headers = ["paper", "title", "authors", "first seen", "TL;DR", "matched"]
    body = (f'<p class="muted">Feed: <a href="{esc(name)}.atom">{esc(name)}.atom</a> (Atom). '
            f"{len(entries)} papers matched so far.</p>"
            f"<h2>New since the previous run ({len(new)})</h2>" + table(headers, rows(new))
            + "<h2>Earlier matches</h2>" + table(headers, rows([e for e in ordered if e["arxiv_id"] not in new_ids])))
    return shell(f"Watch: {name}", "", body, depth=1)
