"""Safe HTML for report pages: every digest-derived string is escaped, and JSON put inside <script> cannot
end the script or open a comment. Page shell, navigation, tables and links to arXiv live here."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from urllib.parse import quote

NAV = (("index.html", "Overview"), ("authors.html", "Authors"), ("topics.html", "Topics"),
       ("categories.html", "Categories"), ("quality.html", "Data quality"), ("search.html", "Search"))
_SAFE_FILE = re.compile(r"[^0-9A-Za-z_-]")

STYLE = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:10px 24px}header a{color:#dfe8f5;margin-right:18px;text-decoration:none}
header a.here{color:#fff;font-weight:600;border-bottom:2px solid #ffb347}main{padding:16px 24px;max-width:1200px}
h1{font-size:22px;margin:8px 0 14px}h2{font-size:17px;margin:22px 0 8px}
.cards{display:flex;gap:12px;flex-wrap:wrap}.card{background:#fff;border:1px solid #dde2ea;border-radius:6px;padding:10px 16px}
.card b{display:block;font-size:22px}table{border-collapse:collapse;background:#fff;margin:6px 0 12px}
td,th{border:1px solid #dde2ea;padding:4px 8px;text-align:left;vertical-align:top}th{background:#eef1f6}
td.num{text-align:right;font-variant-numeric:tabular-nums}.chart{background:#fff;border:1px solid #dde2ea;
border-radius:6px;padding:8px;margin:6px 0 14px;min-height:60px}.muted{color:#667}.grid{display:grid;
grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:14px}
"""


def esc(value: object) -> str:
    """Any value as HTML text: None -> '', dates ISO, floats to 3 significant places, everything escaped."""
    if value is None:
        return ""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        return html.escape(", ".join(str(v) for v in value))
    return html.escape(str(value))


def script_json(value: object) -> str:
    """JSON safe inside <script>: `<`, `>` and `&` as \\u escapes, so `</script>` and `<!--` cannot appear."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def arxiv_link(arxiv_id: str, text: str | None = None) -> str:
    """A link out to the paper's page (arXiv; doi.org for a journal item `doi:…`, OpenAlex for `openalex:W…`);
    the id is URL-quoted and the text escaped."""
    key = str(arxiv_id)
    scheme, _, rest = key.partition(":")
    base = _PAPER_PAGES.get(scheme) if rest else None
    href = base + quote(rest, safe="/.()-_;") if base else "https://arxiv.org/abs/" + quote(key, safe="/.")
    return f'<a href="{html.escape(href)}" rel="noopener noreferrer">{esc(text or arxiv_id)}</a>'


_PAPER_PAGES = {"doi": "https://doi.org/", "openalex": "https://openalex.org/"}


def page_file(prefix: str, key: str) -> str:
    """A file name for a per-entity page that no key can turn into a path (`authors/<key>.html`)."""
    return f"{prefix}/{_SAFE_FILE.sub('_', key)[:80] or '_'}.html"


def papers(n: int) -> str:
    """`1 paper`, `3 papers`."""
    return f"{n} paper" if n == 1 else f"{n} papers"


def percent(rate: float | None) -> str:
    """A ratio as a percentage for a table cell (0.00741 -> 0.74%); empty when there is none."""
    return "" if rate is None else f"{rate:.2%}"


def table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """An HTML table; `rows` hold cells that are ALREADY HTML (escape with esc or build with arxiv_link)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def cards(items: Sequence[tuple[str, object]]) -> str:
    return '<div class="cards">' + "".join(f'<div class="card"><b>{esc(v)}</b>{esc(k)}</div>' for k, v in items) + "</div>"


def shell(title: str, here: str, body: str, *, depth: int = 0, scripts: str = "") -> str:
    """A whole page: title, navigation (relative links, `depth` folders down), body HTML and trailing scripts."""
    up = "../" * depth
    nav = "".join(f'<a href="{up}{href}"{" class=here" if href == here else ""}>{esc(label)}</a>'
                  for href, label in NAV)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{esc(title)} · arxiv-digest</title><style>{STYLE}</style></head>"
            f"<body><header><nav>{nav}</nav></header><main><h1>{esc(title)}</h1>{body}</main>{scripts}</body></html>\n")
