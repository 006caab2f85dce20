"""Rules for the structure of a digest: paper and category headings, heading labels, author lines, TOC lines.

Every rule takes (state, line, 1-based line number), recognises one construct, advances the
shared ParseState and returns True; a rule that does not recognise its line returns False and
the next rule for that first character (finally `text_rule`) gets it. The table that maps a
line's first character to its rules is in `lines.py`.
"""

from __future__ import annotations

import re

from transforms.parse.heading import (DATE, TOC_TITLES, author_line, heading_level, paper_heading,
                                      section_heading, toc_line)
from transforms.parse.labels import lookup
from transforms.parse.state import ParseState

_SYMBOLS = re.compile(r"^[^\w\[(]+")
# Another day's `# YYYY-MM-DD` later on the same line: days whose line breaks were lost.
_DATE_HEADING = re.compile(r"#[ \t]+(\d{4}-\d{2}-\d{2})\b")


def heading_rule(state: ParseState, line: str, n: int) -> bool:
    """Paper headings, category headings, the TOC title, the `# 2025-07-03` date and heading labels."""
    level, text = heading_level(line)
    if not level:
        return False
    if text.startswith(("[", "<a", "<A")):
        paper = paper_heading(text)
        if paper:
            state.start_entry(paper, n)
            return True
    code = section_heading(text, state.sections)
    if code:
        state.finish_entry()
        state.section = code
        known = state.sections.setdefault(code, [None, None])
        if known[1] is None:
            known[1] = n
        return True
    if text.lower().rstrip(":：") in TOC_TITLES:
        state.finish_entry()
        state.features.add("toc")
        return True
    day = DATE.match(text) if level == 1 else None
    if day:
        _several_days(state, day.group(0), text, n)
        if state.draft is None:
            state.digest_date = day.group(0)
            return True
    name = _SYMBOLS.sub("", text).rstrip(":：").strip()
    label = lookup(name) if state.draft is not None else None
    if label is None:
        return False
    state.open_field(label, "", n)
    state.features.add("emoji_heading" if name != text else "heading_labels")
    return True


def _several_days(state: ParseState, day: str, text: str, n: int) -> None:
    """Report (once) a file holding more than one day's digest: a second date heading, or two on one line."""
    other = state.first_day
    later = _DATE_HEADING.search(text, len(day))
    if state.first_day is None:
        state.first_day = day
    if state.several_days or (other is None and later is None):
        return
    state.several_days = True
    if other is None:
        found = f"date headings {day} and {later.group(1)} on one line"
    else:
        found = f"date headings {other} and {day}" if other != day else f"date heading {day} twice"
    state.diag("error", "several_digests", f"file holds several days' digests ({found}); split it into one "
               "file per day, each with its own date heading", n, text)


def author_rule(state: ParseState, line: str, n: int) -> bool:
    """`*A,B,C*` right under a paper heading (or under a title translation line, as no9probe writes
    `**中文标题：…**` between them); `*A, B* | **Category: x, y**` also fills categories."""
    draft = state.draft
    if draft is None or draft.authors is not None:
        return False
    if (state.field is not None or draft.values) and not _only_title_translation(state, draft.values):
        return False
    found = author_line(line)
    if found is None:
        return False
    state.close_field()
    draft.authors, categories = found
    if categories:
        draft.values["categories"] = categories
        state.features.add("category_bar")
    return True


def _only_title_translation(state: ParseState, values: dict) -> bool:
    field = state.field
    return (field is None or (field.field == "title_translation" and len(state.buf) <= 2)) and (
        values.keys() <= {"title_translation"})


def toc_rule(state: ParseState, line: str, n: int) -> bool:
    """`- [cs.CV](#cs.CV) [Total: 57]` and `- [cs.CR](#cscr) (24 篇)` before the first paper."""
    if state.draft is not None or state.entries:
        return False
    found = toc_line(line)
    if found is None:
        return False
    code, total = found
    state.sections.setdefault(code, [None, None])[0] = total
    state.features.add("toc")
    return True
