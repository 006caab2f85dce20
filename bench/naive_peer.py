"""The naive peer: the script a user writes by hand to get digest files into DuckDB, the baseline #14 measures
`arxiv-digest ingest` against (we must be >= 5x faster whole-process over the same days).

Every `*.md` under the sources is rendered to HTML by markdown-it-py, read back with BeautifulSoup (lxml), each
`### [title](https://arxiv.org/abs/ID)` entry's authors, labelled fields and abstract taken from the elements
up to the next heading, and the rows inserted into a DuckDB table with `executemany`, one file at a time; a
`papers` table (one row per arXiv id) is derived at the end. No twins, no checks, no lake, no incremental runs.

    .venv/bin/python bench/naive_peer.py OUT.duckdb SOURCE_DIR...
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt

COLUMNS = ("feed", "day", "arxiv_id", "title", "authors", "tldr", "motivation", "method", "result", "conclusion",
           "abstract")


def entries(html: str) -> list[dict]:
    """Each entry of one rendered digest as {column: text}."""
    soup = BeautifulSoup(html, "lxml")
    out = []
    for heading in soup.find_all("h3"):
        link = heading.find("a")
        if link is None or "arxiv.org/abs/" not in link.get("href", ""):
            continue
        row = {"arxiv_id": link["href"].rsplit("/", 1)[-1], "title": link.get_text(strip=True)}
        for el in heading.find_next_siblings():
            if el.name == "h3":
                break
            text = el.get_text(" ", strip=True)
            if el.name == "details":
                row["abstract"] = text.removeprefix("Abstract").strip()
            elif el.find("em") is not None and "authors" not in row:
                row["authors"] = el.find("em").get_text(strip=True)
            label = el.find("strong")
            if label is not None:
                name = label.get_text(strip=True).rstrip(":").lower().replace(";", "").replace(" ", "")
                key = {"tldr": "tldr", "motivation": "motivation", "method": "method", "result": "result",
                       "conclusion": "conclusion"}.get(name)
                if key:
                    row[key] = text[len(label.get_text(strip=True)):].strip()
        out.append(row)
    return out


def main(argv: list[str]) -> int:
    target, sources = argv[0], argv[1:]
    con = duckdb.connect(target)
    con.execute(f"create or replace table listings ({', '.join(c + ' varchar' for c in COLUMNS)})")
    md = MarkdownIt("commonmark", {"html": True})
    n = 0
    for source in sources:
        for path in sorted(Path(source).rglob("*.md")):
            rows = [tuple([path.parent.name, path.stem[:10]] + [e.get(c) for c in COLUMNS[2:]])
                    for e in entries(md.render(path.read_text(encoding="utf-8", errors="replace")))]
            if rows:
                con.executemany(f"insert into listings values ({', '.join('?' for _ in COLUMNS)})", rows)
            n += len(rows)
    con.execute("create or replace table papers as select arxiv_id, any_value(title) as title, "
                "any_value(authors) as authors, min(day) as first_seen from listings group by arxiv_id")
    con.close()
    print(f"naive peer: {n} listings")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
