"""Data quality: days per feed (gaps, empty and rejected days), failed-summary rates, the fields each feed
holds and how often its digests agree with their twins (flagged below 99%), and every reject."""

from __future__ import annotations

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import arxiv_link, esc, percent, shell, table
from dashboards.windows import rule_note
from transforms.schema.tables import FIDELITY_FIELDS as FIELDS
MEASURES = {"complete": "complete", "twin": "agrees with twin"}


def pages(con) -> dict[str, str]:
    page = PageCharts()
    health = queries.feed_days(con).select("feed", "day", "status", "n_entries", "n_rejects", "n_failed_summaries")
    per_feed = con.sql("""select feed, min(day), max(day), count(*) filter (where status = 'gap'),
                                 count(*) filter (where status = 'empty'), count(*) filter (where status = 'rejected'),
                                 sum(n_entries), sum(n_failed_summaries),
                                 sum(n_failed_summaries) / nullif(sum(n_entries), 0), sum(n_rejects)
                          from feed_health where feed <> '*' group by feed order by feed""").fetchall()
    # Days that need a look: not ok, or with failed summaries; consecutive days of one status are one row (a
    # feed that stopped for two years is one line, not 700).
    flagged = con.sql("""
        with flagged as (
            select feed, day, status, n_rejects, n_failed_summaries from feed_health
            where feed <> '*' and (status <> 'ok' or n_failed_summaries > 0)
        ), islands as (
            select *, day - cast(row_number() over (partition by feed, status order by day) as integer) as island
            from flagged
        )
        select feed, min(day), max(day), count(*), status, sum(n_rejects), sum(n_failed_summaries)
        from islands group by feed, status, island order by min(day), feed""").fetchall()
    rejects = con.sql("select feed, path, line, code, message, excerpt from rejects order by feed, path, line").fetchall()
    fields = queries.feed_fields(con).to_dicts()
    body = (page.place(charts.feed_entries, health) if health.height else "") + "<h2>Per feed</h2>" + table(
        ["feed", "first day", "last day", "gaps", "empty", "rejected days", "entries", "failed summaries",
         "failed rate", "rejects"], [[esc(c) for c in (*r[:8], percent(r[8]), r[9])] for r in per_feed],
        numeric=tuple(range(3, 10)))
    body = rule_note(queries.feed_window(con, "7d")) + body
    body += _fields_section(fields)
    body += "<h2>Days that need a look</h2>"
    body += (table(["feed", "from", "to", "days", "status", "rejects", "failed summaries"],
                   [[esc(c) for c in r] for r in flagged], numeric=(3, 5, 6))
             if flagged else '<p class="muted">Every feed has a digest, read whole, on every day from its first to '
                             "its last, and no summary failed.</p>")
    body += "<h2>Rejects</h2>" + (table(["feed", "file", "line", "code", "message", "excerpt"],
                                        [[esc(c) for c in r] for r in rejects], numeric=(2,))
                                  if rejects else '<p class="muted">No file was rejected.</p>')
    return {"quality.html": shell("Data quality", "quality.html", body, scripts=page.scripts())}


def _fields_section(rows: list[dict]) -> str:
    """Per feed and field: the share of entries holding it and of entries agreeing with the twin; then every
    feed or run of days below the bound, naming the field with an example entry."""
    html = "<h2>Fields per feed</h2>"
    if not rows:
        return html + '<p class="muted">No entry was loaded yet.</p>'
    cells: dict[tuple[str, str], dict[str, dict]] = {}
    for r in rows:
        if r["scope"] == "feed":
            cells.setdefault((r["feed"], r["measure"]), {})[r["field"]] = r
    shown = [f for f in FIELDS if any(f in by for by in cells.values())]
    html += ('<p class="muted">Share of loaded entries holding each field (complete), and of entries whose '
             "digest text agrees with the .jsonl twin it was rendered from (where they differ, the twin's value "
             "is loaded). Below 99% is marked &#9888;.</p>")
    html += table(["feed", "measure", *shown],
                  [[esc(feed), esc(MEASURES[m]), *[_share(by.get(f)) for f in shown]]
                   for (feed, m), by in sorted(cells.items())], numeric=tuple(range(2, 2 + len(shown))))
    low = [r for r in rows if r["flagged"]]
    html += "<h2>Fields below 99%</h2>"
    if not low:
        return html + '<p class="muted">Every field of every feed is complete and agrees with its twins.</p>'
    return html + table(
        ["feed", "field", "measure", "from", "to", "days", "entries", "share", "example"],
        [[esc(r["feed"]), esc(r["field"]), esc(MEASURES[r["measure"]] + ("" if r["scope"] == "feed" else " (run of days)")),
          esc(r["first_day"]), esc(r["last_day"]), esc(r["n_days"]), esc(_entries(r)),
          esc(f"{r['share']:.1%}"), _example(r)] for r in low], numeric=(5, 6, 7))


def _entries(r: dict) -> str:
    shown = f" ({r['n_missing']} not in the digest)" if r["measure"] == "twin" and r["n_missing"] else ""
    return f"{r['n_ok']} of {r['n']}{shown}"


def _share(r: dict | None) -> str:
    if r is None:
        return ""
    return esc(f"{r['share']:.1%}") + (" &#9888;" if r["flagged"] else "")


def _example(r: dict) -> str:
    if not r["example_id"]:
        return ""
    where = f"{r['example_path']}:{r['example_line']}" if r["example_line"] else r["example_path"]
    return f"{arxiv_link(r['example_id'])} {esc(where)}: {esc(r['example'] or 'no ' + r['field'])}"
