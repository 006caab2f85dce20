"""Authors: leaderboards for 7, 30, 90 days and all time, new vs returning authors, the strongest co-author
pairs, and one page per top author with timeline, co-authors and recent papers."""

from __future__ import annotations

from dashboards import charts, queries
from dashboards.embed import PageCharts
from dashboards.html import arxiv_link, esc, page_file, papers, shell, table
from dashboards.windows import empty_note, rule_note

TOP_AUTHORS = 25  # authors with their own page
# Digests carry names, not author identifiers: say what a name-matched count can and cannot tell apart.
MATCHED_BY_NAME = ("Authors are matched by name: spellings that differ only in accents, case or spacing count as "
                   "one author, and so do different people who share a name.")
HOMONYMS = ("A name marked “several people?” has papers in two or more groups of at least two papers that share no "
            "co-author (other than the name itself, directly or through a chain of papers): likely different people. "
            "The rule splits one person who changed collaborators completely, and merges two people who share "
            "a co-author.")
SPANS = (("7d", "Last 7 days"), ("30d", "Last 30 days"), ("90d", "Last 90 days"), ("all", "All time"))


def _mark(ambiguous: bool, n_groups: int) -> str:
    return f' <span class="muted">(several people? {esc(n_groups)} groups)</span>' if ambiguous else ""


def _author_link(author_id: str, name: str, linked: set[str], up: str = "") -> str:
    if author_id in linked:
        return f'<a href="{up}{page_file("authors", author_id)}">{esc(name)}</a>'
    return esc(name)


def pages(con) -> dict[str, str]:
    top = queries.leaderboard(con, "all", top=TOP_AUTHORS).select("author_id", "name").rows()
    linked = {a for a, _ in top}
    page = PageCharts()
    body = [rule_note(queries.feed_window(con, "7d")),
            '<p class="muted">Papers count once, on the day they were first listed in any feed. '
            f"{MATCHED_BY_NAME} {HOMONYMS}</p>"]
    for span, label in SPANS:
        rows = queries.leaderboard(con, span).rows()
        body.append(f"<h2>{esc(label)}</h2>")
        if not rows:  # a bare empty table reads as a broken page: say which feeds published up to when
            body.append(empty_note(queries.feed_window(con, span) if span != "all" else None, "authors"))
            continue
        body.append(table(
            ["#", "author", "papers", "first seen", "last seen", "main categories"],
            [[esc(r[0]), _author_link(r[1], r[2], linked) + _mark(r[7], r[8]), esc(r[3]), esc(r[4]), esc(r[5]),
              esc(r[6])] for r in rows],
            numeric=(0, 2)))
    weekly = queries.new_vs_returning(con)
    if weekly.height:
        body.append(page.place(charts.new_vs_returning, weekly))
    pairs = queries.strongest_pairs(con).rows()
    body.append("<h2>Strongest co-author pairs</h2>" + (
        '<p class="muted">No two authors share a paper yet (papers with more than 50 authors are left out).</p>'
        if not pairs else "") + ("" if not pairs else table(
        ["author", "co-author", "shared papers", "first", "last"],
        [[_author_link(r[0], r[1], linked), _author_link(r[2], r[3], linked), esc(r[4]), esc(r[5]), esc(r[6])]
         for r in pairs], numeric=(2,))))
    out = {"authors.html": shell("Authors", "authors.html", "".join(body), scripts=page.scripts())}
    ids = [a for a, _ in top]
    # each per-author question asked once for every top author, then split by author
    stats = {r[0]: r[1:] for r in queries.author_stats(con, ids).rows()}
    weeks = queries.author_timelines(con, ids)
    timelines = weeks.partition_by("author_id", as_dict=True, include_key=False)
    coauthors = queries.coauthors(con, ids).partition_by("author_id", as_dict=True, include_key=False)
    recent = queries.recent_papers(con, ids).partition_by("author_id", as_dict=True, include_key=False)
    groups = queries.author_groups(con, ids).partition_by("author_id", as_dict=True, include_key=False)
    spellings: dict[str, list[tuple]] = {}
    for author_id, spelling, n in queries.author_spellings(con, ids).rows():
        spellings.setdefault(author_id, []).append((spelling, n))
    for author_id, name in top:
        key = (author_id,)
        out[page_file("authors", author_id)] = _author_page(
            name, stats[author_id], timelines.get(key, weeks.clear().drop("author_id")),
            coauthors[key].rows() if key in coauthors else [], recent[key].rows() if key in recent else [], linked,
            spellings.get(author_id, []), groups[key].rows() if key in groups else [])
    return out


def _author_page(name: str, stats: tuple, timeline, coauthors: list[tuple], recent: list[tuple], linked: set[str],
                 spellings: list[tuple[str, int]], groups: list[tuple]) -> str:
    page = PageCharts()
    also = ""
    if spellings:
        written = ", ".join(f"{esc(s)} ({esc(papers(n))})" for s, n in spellings)
        also = f'<p class="muted">Also written as: {written}. {MATCHED_BY_NAME}</p>'
    body = (f'<p>{esc(stats[0])} papers, first seen {esc(stats[1])}, last seen {esc(stats[2])}; '
            f"main categories: {esc(stats[3])}.</p>" + also + _groups(groups)
            + page.place(charts.author_timeline, timeline)
            + "<h2>Co-authors</h2>" + (table(["co-author", "shared papers", "last together"],
                                             [[_author_link(o, n, linked, "../"), esc(w), esc(d)]
                                              for o, n, w, d in coauthors], numeric=(1,)) if coauthors else
                                       '<p class="muted">No co-author: every paper lists this name alone (or with '
                                       "more than 50 authors).</p>")
            + "<h2>Recent papers</h2>" + table(["paper", "title", "category", "first seen", "keywords", "TL;DR"],
                                               [[arxiv_link(a), esc(t), esc(c), esc(d), esc(k), esc(s)]
                                                for a, t, c, d, k, s in recent]))
    return shell(name, "authors.html", body, depth=1, scripts=page.scripts(depth=1))


def _groups(groups: list[tuple]) -> str:
    """The groups of an ambiguous name, each with its papers, days, categories and co-authors; '' otherwise."""
    if not groups:
        return ""
    return (f"<h2>Several people? {esc(len(groups))} groups of papers</h2>"
            f'<p class="muted">{esc(HOMONYMS)}</p>'
            + table(["group", "papers", "first seen", "last seen", "categories", "co-authors (shared papers)"],
                    [[esc(c), esc(n), esc(f), esc(last), esc(cats), esc(co)] for c, n, f, last, cats, co in groups],
                    numeric=(0, 1)))
