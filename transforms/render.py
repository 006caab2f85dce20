"""Write entries back out as a digest (three Markdown layouts) or as its .jsonl twin.

The layouts copy the structure of the real feeds: `plain` is the standard template
(`Main category: cs.CV`), `bold` the bold-label template (`**Main category:** cs.HC`) and
`category_bar` puts every category on the author line (`*A, B* | **Category: cs.CR, cs.AI**`).
Values are written raw, as the feeds write them; only line breaks inside one-line fields
(title, authors, keywords, categories) are folded to a space, since a break there would end
the heading or the author line. Multi-line values (abstracts, summaries) stay as they are.
What the parser (transforms.parse) reads back: values stripped, an empty value as absent,
`extra["read_time"]` as minutes (`"15"`, written `15 min`), `extra["key_contributions"]` as
newline-separated items (written as a tab-indented numbered list).
Not representable, as in the real feeds: a line inside a summary field that starts with a known
label (`Method: ...`) opens that field when read back (inside the abstract only a bold
`**Method:**` does), and keywords or author names holding a comma split in two.
"""

from __future__ import annotations

import json
from datetime import date

from transforms.model import Entry

VARIANTS = ("plain", "bold", "category_bar")

# (label, Entry attribute or extra key) in the order each layout writes them inside <details>.
_PLAIN_DETAILS = (("Motivation", "motivation"), ("Method", "method"), ("Result", "result"),
                  ("Conclusion", "conclusion"), ("Abstract", "abstract"))
_BOLD_DETAILS = (("Motivation", "motivation"), ("Method", "method"), ("Key Contributions", "key_contributions"),
                 ("Result", "result"), ("Limitations", "limitations"), ("Future Work", "future_work"),
                 ("Conclusion", "conclusion"), ("Abstract", "abstract"))


def render_digest(entries: list[Entry], *, variant: str, digest_date: date,
                  sections: list[str] | None = None) -> str:
    """Render `entries` as one day's digest in `variant` (`plain`, `bold`, `category_bar`) and return the text.

    Entries are grouped under their section (falling back to the main category) in the order of
    `sections`, or of first appearance; within a section they keep their order. The `[N]` index
    is each entry's `position`. An empty list gives the feed's empty-day file.
    """
    if variant not in VARIANTS:
        raise ValueError(f"unknown digest variant {variant!r}; expected one of {', '.join(VARIANTS)}")
    if variant == "category_bar":
        return _render_category_bar(entries, digest_date)
    groups = group_by_section(entries, sections)
    toc = [f"- [{code}](#{code}) [Total: {len(group)}]" for code, group in groups.items()]
    blocks = [f"<div id='{code}'></div>\n\n{'#' if variant == 'plain' else '##'} {code} [[Back]](#toc)\n\n"
              + "\n\n\n".join(_entry_block(e, variant) for e in group)
              for code, group in groups.items()]
    if variant == "plain":
        head = "<div id=toc></div>\n\n# Table of Contents\n\n" + "".join(line + "\n" for line in toc)
        return head + ("\n\n" + "\n\n\n".join(blocks) + "\n" if blocks else "")
    head = f"# {digest_date.isoformat()}\n\n<div id=toc></div>\n\n## Table of Contents\n\n"
    if not groups:
        return head + "No New Papers Today\n"
    return head + "\n\n".join(toc) + "\n\n" + "\n\n\n".join(blocks) + "\n"


def group_by_section(entries: list[Entry], sections: list[str] | None = None) -> dict[str, list[Entry]]:
    """Map section code -> its entries, sections ordered by `sections` then by first appearance."""
    groups: dict[str, list[Entry]] = {code: [] for code in sections or []}
    for entry in entries:
        groups.setdefault(section_of(entry), []).append(entry)
    return {code: group for code, group in groups.items() if group}


def section_of(entry: Entry) -> str:
    """The section an entry is listed under: its own, else its main category, else its first category."""
    return entry.section or entry.main_category or (entry.categories[0] if entry.categories else "misc")


def one_line(text: str | None) -> str:
    """`text` with its line breaks folded to spaces (a break would end a heading or the author line)."""
    return " ".join((text or "").split("\n"))


def abs_url(entry: Entry) -> str:
    """The entry's paper link: its own `url`, else the arXiv abstract page of its id (and version)."""
    if entry.url:
        return entry.url
    return f"https://arxiv.org/abs/{entry.arxiv_id}" + (f"v{entry.version}" if entry.version else "")


def _field(entry: Entry, key: str) -> str | None:
    return getattr(entry, key) if hasattr(entry, key) else entry.extra.get(key)


def _entry_block(entry: Entry, variant: str) -> str:
    heading = f"### [{entry.position}] [{one_line(entry.title)}]({abs_url(entry)})"
    if variant == "plain":
        lines = [heading + "\n" + f"*{','.join(one_line(a) for a in entry.authors)}*"]
        lines += [f"Main category: {entry.main_category}"] if entry.main_category else []
        lines += [f"TL;DR: {entry.tldr}\n"] if entry.tldr is not None else []
        details = [f"{label}: {_field(entry, key)}" for label, key in _PLAIN_DETAILS
                   if _field(entry, key) is not None]
        return "\n\n".join(lines) + "\n\n<details>\n  <summary>Details</summary>\n" + \
            "".join(d + "\n\n" for d in details) + "</details>"
    lines = [heading, f"*{', '.join(one_line(a) for a in entry.authors)}*"]
    return "\n\n".join(lines + _bold_head(entry)) + "\n\n" + _bold_details(entry)


def _bold_head(entry: Entry) -> list[str]:
    lines = [f"**Main category:** {entry.main_category}"] if entry.main_category else []
    if entry.keywords:
        lines.append(f"**Keywords:** {', '.join(one_line(k) for k in entry.keywords)}")
    for label, key, unit in (("Relevance Score", "relevance_score", ""), ("TL;DR", "tldr", ""),
                             ("Read time", "read_time", " min")):
        if _field(entry, key) is not None:
            lines.append(f"**{label}:** {_field(entry, key)}{unit}")
    return lines


def _bold_details(entry: Entry) -> str:
    out = "<details>\n  <summary>Details</summary>\n\n"
    for label, key in _BOLD_DETAILS:
        value = _field(entry, key)
        if value is None:
            continue
        if key == "key_contributions":
            items = "\n".join(f"\t{n}. {item}" for n, item in enumerate(value.split("\n"), 1))
            out += f"**{label}:**\n\n{items}\n\n"
        else:
            out += f"**{label}:** {value}\n\n"
    return out + "</details>"


def _render_category_bar(entries: list[Entry], digest_date: date) -> str:
    head = f"# {digest_date.isoformat()}\n\n"
    if not entries:
        return head + "No New Papers Today\n"
    blocks = []
    for entry in entries:
        cats = entry.categories or ([entry.main_category] if entry.main_category else [])
        authors = ", ".join(one_line(a) for a in entry.authors)
        lines = [f"### [{one_line(entry.title)}]({abs_url(entry)})\n*{authors}* | **Category: {', '.join(cats)}**"]
        lines += [f"**TL;DR:** {entry.tldr}"] if entry.tldr is not None else []
        blocks.append("\n\n".join(lines) + "\n\n" + _bold_details(entry))
    return head + "\n\n\n".join(blocks) + "\n"


def render_jsonl(entries: list[Entry]) -> str:
    """Render entries as the structured twin: one JSON object per line, keys in the feeds' order.

    `AI` holds the summary fields that are present, plus `keywords`, `key_contributions`,
    `limitations`, `future_work`, `importance_score` and `read_time_minutes` when the entry has them.
    """
    return "".join(json.dumps(_record(entry)) + "\n" for entry in entries)


def _record(entry: Entry) -> dict:
    ai: dict[str, object] = {k: getattr(entry, k) for k in ("tldr", "motivation", "method", "result", "conclusion")
                             if getattr(entry, k) is not None}
    if entry.keywords:
        ai["keywords"] = list(entry.keywords)
    extra = entry.extra
    if "key_contributions" in extra:
        ai["key_contributions"] = extra["key_contributions"].split("\n")
    for key in ("limitations", "future_work"):
        if key in extra:
            ai[key] = extra[key]
    if "relevance_score" in extra:
        ai["importance_score"] = int(extra["relevance_score"])
    if "read_time" in extra:
        ai["read_time_minutes"] = int(extra["read_time"])
    cats = entry.categories or ([entry.main_category] if entry.main_category else [])
    return {"id": entry.arxiv_id, "categories": cats, "pdf": f"https://arxiv.org/pdf/{entry.arxiv_id}",
            "abs": abs_url(entry), "authors": list(entry.authors), "title": entry.title,
            "comment": entry.comment, "summary": entry.abstract, "AI": ai}
