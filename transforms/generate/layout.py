"""Render entries as one digest laid out by a fuzzer `Template` (transforms.generate.template).

Values are written raw, as the feeds write them (the caller shapes them: wraps, label-like lines); only
the blocks the template picked are added around them. An invented label's value is the entry's
`extra[extra_label(name).field]`. Grouping by section and the paper link reuse transforms.render.
"""

from __future__ import annotations

from datetime import date

from transforms.generate.label_forms import label_block
from transforms.generate.template import PLAIN_FORMS, Template
from transforms.model import Entry
from transforms.parse.labels import extra_label, lookup
from transforms.parse.rules_text import bare_author_list
from transforms.render import abs_url, group_by_section, one_line


def render_template(entries: list[Entry], template: Template, digest_date: date) -> str:
    """The digest text of `entries` (in file order) in `template`'s layout."""
    t = template
    groups = group_by_section(entries) if t.section_level else {"": entries}
    out = [_header(t, groups, digest_date)]
    for code, group in groups.items():
        if code:
            suffix = {"back": " [[Back]](#toc)", "count": f" ({len(group)} 篇)", "none": ""}[t.section_suffix]
            out.append((f"<div id='{code}'></div>\n\n" if t.section_div else "")
                       + "#" * t.section_level + f" {code}{suffix}\n\n")
        out += [_entry_block(e, t) + ("\n\n---\n\n" if t.breaks else "\n\n\n") for e in group]
    text = "".join(out).rstrip("\n") + ("\n" if t.final_newline else "")
    return text.replace("\n", "\r\n") if t.crlf else text


def _header(t: Template, groups: dict[str, list[Entry]], digest_date: date) -> str:
    toc = [f"- [{code}](#{code}) [Total: {len(group)}]" for code, group in groups.items() if code]
    if t.header == "toc" and toc:
        return "<div id=toc></div>\n\n# Table of Contents\n\n" + "\n".join(toc) + "\n\n\n"
    if t.header == "toc_bold" and toc:
        return (f"# {digest_date.isoformat()}\n\n<div id=toc></div>\n\n## Table of Contents\n\n"
                + "\n\n".join(toc) + "\n\n")
    return f"# {digest_date.isoformat()}\n\n" if t.header != "none" else ""


def _heading(e: Entry, t: Template) -> str:
    arxiv = not e.arxiv_id.startswith("doi:")
    url = f"http://arxiv.org/abs/{e.arxiv_id}v{e.version or 1}" if t.http_version and arxiv else abs_url(e)
    tail = {"": "", "back": " [[back]](#top)",
            "pdf_code": f" [PDF](https://arxiv.org/pdf/{e.arxiv_id}) [Code](https://github.com/lab/{e.arxiv_id})"}
    title = one_line(e.title)
    if t.link_below and arxiv and "[" not in title:  # `### 1. Title` over `[arXiv](…) | [PDF](…)`, an id or a URL
        below = {"links": f"[arXiv]({url}) | [PDF](https://arxiv.org/pdf/{e.arxiv_id})",
                 "id": f"**arXiv ID:** {e.arxiv_id}" if e.position % 2 else f"arXiv:{e.arxiv_id}", "url": url}
        number = f"[{e.position}] " if t.index else ""
        if t.link_below == "heading_id":  # `### [1] Title (arXiv:ID)`, `### [ID] Title`, `### ID: Title`
            return "#" * t.paper_level + " " + (number + f"{title} (arXiv:{e.arxiv_id})", f"[{e.arxiv_id}] {title}",
                                                f"{e.arxiv_id}: {title}")[e.position % 3]
        return "#" * t.paper_level + " " + (f"{e.position}. " if t.index else "") + title + "\n" + below[t.link_below]
    return ("#" * t.paper_level + " " + (f'<a id="{e.arxiv_id}"></a>' if t.anchor else "")
            + (f"[{e.position}] " if t.index else "") + f"[{title}]({url})" + tail[t.link_tail])


def _author_line(e: Entry, t: Template) -> str:
    names = t.author_sep.join(one_line(a) for a in e.authors)
    if t.author_form != "italic" and len(e.authors) >= 2 and bare_author_list(names) == e.authors:
        return {"quoted": f"> *{names}*", "bold": f"**{names}**", "bare": names,
                "labelled": f"*Authors: {names}*" if e.position % 2 else f"*作者：{names}*",
                "by": f"By {names}" if e.position % 2 else f"*By {names}*"}[t.author_form]
    line = "*" + names + "*"
    if t.author_tail is None:
        return line
    name, value, label = t.author_tail_label, e.main_category, lookup(t.author_tail_label)
    if label is None:  # an invented label: its value is in extra
        value = e.extra[extra_label(name).field]
    elif label.field == "categories":  # `Categories: a, b`: the main category comes first
        value = ", ".join(e.categories)
    return line + t.author_tail + (f"**{name}: {value}**" if e.position % 3 else f"**{name}:** {value}")


def _entry_block(e: Entry, t: Template) -> str:
    head = _heading(e, t) + ("\n\n" if t.blank_after_heading else "\n")
    if t.title_line is not None and e.title_translation:
        head += label_block(t.title_line, e.title_translation) + ("\n\n" if e.position % 2 else "\n")
    head += _author_line(e, t)
    blocks: list[str] = []
    rows: set[int] = set()  # indices of blocks that are rows of the table of fields (t.table_rows)
    if t.main is not None:
        main = f"`{e.main_category}`" if t.backticked else e.main_category
        if t.table_rows:
            rows.add(len(blocks))
        blocks.append(_row(t.main.name, main) if t.table_rows else label_block(t.main, main, e.position))
    if t.publication:  # one paragraph each, only the parts the paper has; none leaves empty lines
        parts = [f"{name}{t.publication} {value}" for name, value in (("Comments", e.comment), ("Journal reference",
                 e.extra.get("journal_reference")), ("DOI", e.extra.get("doi"))) if value]
        blocks.append("\n\n".join(parts) if parts else "\n\n\n")
    if t.piped is not None:
        keys = [extra_label(name).field for name in t.piped]
        blocks.append(" | ".join(f"{name}: {e.extra.get(key, '')}" for name, key in zip(t.piped, keys)).rstrip())
    if t.br_main and blocks and t.author_form == "italic" and not t.publication:  # `*A, B*<br>Main category: …`
        head += t.br_main + blocks.pop(0)
    blocks += _invented_after("main_category", e, t)
    for i, field in enumerate(t.order):
        if i == t.split:  # `<summary>Abstract</summary>` opens the abstract: only over one
            summary = t.summary_text if t.summary_text != "Abstract" or e.abstract is not None else "Details"
            blocks.append("<details>\n" + ("  " if e.position % 2 else "") + f"<summary>{summary}</summary>"
                          + ("\n" if t.blank_after_summary else ""))
        value = _value(e, field)
        if value is None and field in e.failed_fields:  # a failed summary: the feed's placeholder, or nothing
            value = t.placeholders[(e.position + i) % len(t.placeholders)]
            if not value:  # left empty: a TL;DR, or a field before a plain label in no table, only with its feature
                risky = _plain_label_after(i, e, t)
                empty = "empty_tldr" if field == "tldr" else "empty_field_then_label"
                if ((field == "tldr" or risky) and empty not in t.features) or (
                        risky and t.styles[field].form.endswith("heading")):  # a heading takes its next paragraph
                    value = t.placeholders[0]
        if value is not None:
            if field == t.decorated and t.decoration and field not in e.failed_fields:
                value = t.decoration + value
            unlabelled = (field == "abstract" and t.summary_text == "Abstract" and i == t.split) or (
                field == "tldr" and t.unlabelled_tldr and i == 0)
            if t.table_rows and i < t.split and not unlabelled:
                rows.add(len(blocks))
                blocks.append(_row(t.styles[field].name, value))
            else:
                blocks.append(value if unlabelled else label_block(t.styles[field], value, e.position + i,
                                                                   t.heading_marks))
        blocks += _invented_after(field, e, t)
        if t.figures is not None and field == t.figures_after:
            blocks.append(label_block(t.figures, "").rstrip() + "".join(
                f"\n\n#### Figure {n}\n{e.extra[f'figure_{n}']}" for n in (1, 2) if f"figure_{n}" in e.extra))
    if t.split < len(t.order):
        blocks.append("</details>")
    return head + "\n\n" + "".join(("\n" if i in rows and i - 1 in rows else "\n\n") + b if i else b
                                     for i, b in enumerate(blocks))


def _row(name: str, value: str) -> str:
    """`| Name | value |`: a field as a row of a Markdown table (line breaks as `<br>`, a `|` escaped)."""
    return f"| {name} | " + value.replace("|", "\\|").replace("\n", "<br>") + " |"


def _plain_label_after(at: int, e: Entry, t: Template) -> bool:
    """Whether the next block after field `t.order[at]` in `e` is a plain label in no table (an empty field would
    take it as its value): one after this field, or after the fields `e` leaves out before the next one written."""
    for n in range(at, len(t.order)):
        field = t.order[n]
        if n > at and (n == t.split or _value(e, field) is not None or field in e.failed_fields):
            return False  # <details> or the next field comes first
        if any(i.after == field and i.style.form in PLAIN_FORMS for i in t.invented) or (
                t.figures is not None and t.figures_after == field and t.figures.form == "plain"):
            return True
    return False


def _value(e: Entry, field: str):
    return getattr(e, field) if hasattr(e, field) else e.extra.get(field)


def _invented_after(field: str, e: Entry, t: Template) -> list[str]:
    return [label_block(inv.style, e.extra[key], e.position + n, t.heading_marks) for n, inv in enumerate(t.invented)
            if inv.after == field and (key := extra_label(inv.style.name).field) in e.extra]
