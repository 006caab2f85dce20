"""The site's search page (works from file://: its index is a script, not a fetch) and the "similar papers"
section of each author page (from the full-text index under <home>/search, when there is one).

The page's script builds every result with textContent and <mark> elements, never innerHTML, so digest
text is shown as text whatever it holds.
"""

from __future__ import annotations

import base64
import gzip
import json
from datetime import date

from dashboards.html import arxiv_link, esc, page_file, shell, table
from dashboards import queries
from dashboards.windows import RULE
from warehouse.home import Home
from warehouse.search import SearchUnavailable, open_index, similar

WINDOW_DAYS = 90  # papers listed in the latest 90 days go into the page's index
SIMILAR = 8
INDEX_FILE = "search-index.js"

_SCRIPT = r"""
<script src="search-index.js"></script>
<script>
(async function () {
  const box = document.getElementById('q'), out = document.getElementById('results'), said = document.getElementById('said');
  async function load(index) {  // the index is gzip'd columns in base64 (dashboards/report_pages/search.py)
    if (!index) return [];
    const bytes = Uint8Array.from(atob(index.gz), c => c.charCodeAt(0));
    // a Blob's stream, not fetch(): file:// pages may not fetch
    const c = JSON.parse(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text());
    const day = n => new Date(n * 864e5).toISOString().slice(0, 10);
    return c.id.map((id, i) => [id, c.title[i], c.authors[i].map(k => c.names[k]).join(', '), c.tldr[i],
                                day(c.first[i]), day(c.last[i]), c.feed[i].map(k => c.feeds[k])]);
  }
  let papers;  // [id, title, authors, tldr, first, last, feeds]
  try { papers = await load(window.ARXIV_SEARCH); }
  catch (e) { said.textContent = 'This browser cannot read the search index (it needs DecompressionStream).'; console.error(e); return; }
  function terms(text) {  // words, "phrases", -excluded, ti:, au:
    const found = [], re = /(-?)(?:(ti|au):)?(?:"([^"]*)"|(\S+))/g; let m;
    while ((m = re.exec(text)) !== null) {
      const body = (m[3] !== undefined ? m[3] : m[4]).toLowerCase().trim();
      if (body) found.push({not: m[1] === '-', field: m[2] || '', text: body});
    }
    return found;
  }
  function has(hay, t) { return hay.indexOf(t) >= 0; }
  function mark(parent, text, words) {  // text nodes and <mark> elements only
    const lower = text.toLowerCase(); let at = 0;
    while (at < text.length) {
      let best = -1, len = 0;
      for (const w of words) { const i = lower.indexOf(w, at); if (i >= 0 && (best < 0 || i < best)) { best = i; len = w.length; } }
      if (best < 0) { parent.appendChild(document.createTextNode(text.slice(at))); break; }
      if (best > at) parent.appendChild(document.createTextNode(text.slice(at, best)));
      const m = document.createElement('mark'); m.textContent = text.slice(best, best + len); parent.appendChild(m);
      at = best + len;
    }
  }
  function run() {
    const q = terms(box.value); out.replaceChildren();
    const want = q.filter(t => !t.not);
    if (!want.length) { said.textContent = papers.length + ' papers in the index'; return; }
    const hits = [];
    for (const p of papers) {
      const ti = (p[1] || '').toLowerCase(), au = (p[2] || '').toLowerCase(), tl = (p[3] || '').toLowerCase();
      const hay = {ti: ti, au: au, '': ti + '\n' + tl};
      if (!q.every(t => has(hay[t.field], t.text) !== t.not)) continue;
      hits.push([want.reduce((s, t) => s + (has(ti, t.text) ? 3 : 0) + (has(tl, t.text) ? 1 : 0), 0), p]);
    }
    hits.sort((a, b) => b[0] - a[0] || (a[1][5] < b[1][5] ? 1 : -1));
    said.textContent = hits.length + ' of ' + papers.length + ' papers match';
    const words = want.filter(t => t.field !== 'au').map(t => t.text);
    for (const [, p] of hits.slice(0, 200)) {
      const li = document.createElement('li'), a = document.createElement('a');
      a.href = 'https://arxiv.org/abs/' + encodeURIComponent(p[0]).replace(/%2F/g, '/'); a.rel = 'noopener noreferrer';
      mark(a, p[1] || p[0], words); li.appendChild(a);
      const meta = document.createElement('div'); meta.className = 'muted';
      meta.textContent = p[2] + ' · first ' + p[4] + ', last ' + p[5] + ' · ' + p[6].join(', ');
      const tldr = document.createElement('div'); mark(tldr, p[3] || '', words);
      li.appendChild(meta); li.appendChild(tldr); out.appendChild(li);
    }
  }
  box.addEventListener('input', run); run();
})();
</script>
"""


def index_columns(con) -> dict:
    """Titles, authors, TL;DRs, days and feeds of every paper listed in its feed's latest 90 days, as columns:
    `id`, `title`, `tldr` (null when none); `authors` as indexes into `names` (joined by ", " they are the
    paper's author line); `first`/`last` as days since 1970-01-01; `feed` as indexes into `feeds`.
    Newest last day first."""
    rows = con.sql(f"""
        with per_feed as (  -- each feed's window ends at its own last day (dashboards.windows.RULE)
            select arxiv_id, last_seen, max(last_seen) over (partition by feed) as feed_last
            from feed_papers where feed <> '*'
        ),
        recent as (select distinct arxiv_id from per_feed where last_seen > feed_last - interval {WINDOW_DAYS} day),
        fed as (select arxiv_id, list(feed order by feed) as feeds from feed_papers where feed <> '*' group by arxiv_id)
        select b.arxiv_id, b.title, b.authors, b.tldr, b.first_seen, b.last_seen, coalesce(f.feeds, [])
        from paper_briefs b join recent using (arxiv_id) left join fed f using (arxiv_id)
        order by b.last_seen desc, b.arxiv_id""").fetchall()
    names: dict[str, int] = {}
    feeds: dict[str, int] = {}
    epoch = date(1970, 1, 1)
    return {
        "id": [r[0] for r in rows],
        "title": [r[1] for r in rows],
        # split and joined by the same separator, so the line is exactly paper_briefs.authors
        "authors": [[names.setdefault(n, len(names)) for n in r[2].split(", ")] if r[2] else [] for r in rows],
        "tldr": [r[3] for r in rows],
        "first": [(r[4] - epoch).days for r in rows],
        "last": [(r[5] - epoch).days for r in rows],
        "feed": [[feeds.setdefault(f, len(feeds)) for f in r[6]] for r in rows],
        "names": list(names),
        "feeds": list(feeds),
    }


def index_script(con) -> str:
    """`search-index.js`: `window.ARXIV_SEARCH = {days, papers, gz}`, `gz` the JSON of `index_columns`, gzip'd
    and in base64 (base64 holds no `<`, so nothing in it can end the script); the page inflates it."""
    columns = index_columns(con)
    # level 6: half the time of the default 9 for 1% more bytes (0.66 MB for a year's 90 days)
    packed = gzip.compress(json.dumps(columns, ensure_ascii=False, separators=(",", ":")).encode(), compresslevel=6,
                           mtime=0)
    return (f"window.ARXIV_SEARCH = {{\"days\": {WINDOW_DAYS}, \"papers\": {len(columns['id'])}, "
            f"\"gz\": \"{base64.b64encode(packed).decode()}\"}};\n")


def search_page() -> str:
    body = ('<p class="muted">Titles, authors and TL;DRs of the papers listed in each feed\'s latest '
            f'{WINDOW_DAYS} days, searched in this page (works offline). {esc(RULE)} Words must all match; "exact phrases", '
            '-excluded, ti:word and au:name work as in <code>arxiv-digest search</code>, which searches every '
            'day with full ranking.</p><input id="q" type="search" placeholder="Search titles, authors, TL;DRs" '
            'style="width:60%;font-size:16px;padding:6px" autofocus><p id="said" class="muted"></p><ol id="results"></ol>')
    return shell("Search", "search.html", body, scripts=_SCRIPT)


def similar_section(home: Home, latest: list[str], own: set[str]) -> str:
    """An author page's "Similar papers": other authors' papers nearest the author's latest ones."""
    best: dict[str, tuple[float, object]] = {}
    for arxiv_id in latest:
        try:
            near = similar(home, arxiv_id, limit=SIMILAR, exclude=own)
        except SearchUnavailable:  # a paper the index does not hold (yet): no neighbours from it
            continue
        for hit in near:
            if hit.score > best.get(hit.arxiv_id, (0.0, None))[0]:
                best[hit.arxiv_id] = (hit.score, hit)
    hits = [h for _, h in sorted(best.values(), key=lambda sh: (-sh[0], sh[1].arxiv_id))][:SIMILAR]
    if not hits:
        return ""
    return ("<h2>Similar papers</h2><p class=\"muted\">Nearest by title and abstract (BM25) to this author's "
            "latest papers, by other authors.</p>"
            + table(["paper", "title", "authors", "first seen"],
                    [[arxiv_link(h.arxiv_id), esc(h.title), esc(h.authors), esc(h.first_seen)] for h in hits]))


def extend(site: dict[str, str], con, home: Home) -> None:
    """Add the search page and its index to `site`, and a similar-papers section to each author page."""
    site["search.html"] = search_page()
    site[INDEX_FILE] = index_script(con)
    try:
        open_index(home).close()
    except SearchUnavailable:
        return  # no index under this home (a site built from a copied snapshot): the author pages stay as they are
    from dashboards.report_pages.authors import TOP_AUTHORS

    ids = [a for a, _ in queries.leaderboard(con, "all", top=TOP_AUTHORS).select("author_id", "name").rows()]
    recent = queries.recent_papers(con, ids, top=2).partition_by("author_id", as_dict=True, include_key=False)
    for author_id in ids:
        name = page_file("authors", author_id)
        if name not in site or (author_id,) not in recent:
            continue
        own = {a for (a,) in con.sql("select arxiv_id from paper_authors where author_id = ?",
                                     params=[author_id]).fetchall()}
        section = similar_section(home, recent[(author_id,)]["arxiv_id"].to_list(), own)
        site[name] = site[name].replace("</main>", section + "</main>", 1)
