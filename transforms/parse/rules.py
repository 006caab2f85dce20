"""Rules for the structure of a digest: paper and category headings, heading labels, author lines, TOC lines.

Every rule takes (state, line, 1-based line number), recognises one construct, advances the
shared ParseState and returns True; a rule that does not recognise its line returns False and
the next rule for that first character (finally `text_rule`) gets it. The table that maps a
line's first character to its rules is in `lines.py`.
"""

from __future__ import annotations

import re

from transforms.parse.heading import (DATE, TOC_TITLES, author_line, heading_level, heading_over_links, id_heading,
                                      paper_heading, section_heading, toc_line)
from transforms.parse.entry import typed_value
from transforms.parse.labels import extra_label, lookup
from transforms.parse.rules_text import emphasised_names
from transforms.parse.state import ParseState

_SYMBOLS = re.compile(r"^[^\w\[(]+")
# Another day's `# YYYY-MM-DD` later on the same line: days whose line breaks were lost.
_DATE_HEADING = re.compile(r"#[ \t]+(\d{4}-\d{2}-\d{2})\b")


def heading_rule(state: ParseState, line: str, n: int) -> bool:
    """Paper headings, category headings, the TOC title, the `# 2025-07-03` date and heading labels."""
    level, text = heading_level(line)
    if not level:
        return False
    if text.startswith(("[", "<a", "<A")) or "](" in text:  # `12. [Title](…)`, `Title [arXiv](…)` too
        paper = paper_heading(text)
        if paper:
            state.start_entry(paper, n)
            state.title_level = level  # a heading at this level without a link may be a paper too (title_links_rule)
            return True
    if "." in text and (state.draft is None or level == state.title_level):  # `### Title (arXiv:2506.00001)`
        paper = id_heading(text)
        if paper:
            state.start_entry(paper, n)
            state.title_level = level
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
    state.title_heading = (n, text, level, line)  # maybe a paper's title whose link is on the next line (title_links_rule)
    if state.draft is None:
        return False
    name = _SYMBOLS.sub("", text).rstrip(":：").strip()
    label = lookup(name)
    if label is None:
        # `#### Key Idea` from a template we have never seen: a sub-heading inside an entry is a label by its
        # form and ends the field above it (a level-1 `# of parameters` inside an abstract is text).
        if level < 2 or (state.terminal and not state.at_para):
            return False
        label = extra_label(name, heading=True)
        if label is None:
            return False
        state.note_unknown(name, label, n, line, what="heading label")
    state.open_field(label, "", n, style="#")  # a heading label's value is the paragraph under it
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
    """`*A,B,C*` right under a paper heading (or its title translation); labelled fields after the list
    (`*A, B* | **Main category: cs.CR**`, `*A, B* · Score: 7`) fill their fields, unknown ones `extra`."""
    draft = state.draft
    if draft is None or draft.authors is not None or not state.may_take_authors():
        return False
    found = author_line(line)
    if found is None:
        names = emphasised_names(line) if line[:2] == "**" else None  # `**A, B**` right under the heading
        if names is None:
            return False
        found = names, [], ""
    state.close_field()
    draft.authors, fields, tail = found
    for name, value in fields:
        label = lookup(name) or extra_label(name)
        if label is None or label.field in draft.values:
            continue
        draft.values[label.field] = value if label.kind == "text" else typed_value(label.kind, value)
        if label.field == "categories":
            state.features.add("category_bar")
    if tail:
        state.diag("warning", "unlabelled_text", "text after the author list that is no labelled field; not "
                   "stored", n, tail)
    return True


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


def title_links_rule(state: ParseState, line: str, n: int) -> bool:
    """`### Title` with no link, then a line of links with one to an arXiv paper (`[arXiv](…) | [PDF](…)`) right
    under it: that heading was the paper's; the entry starts there, and the sub-heading field it opened goes."""
    heading = state.title_heading
    if heading is None or n - heading[0] > 2:
        return False
    at, text, level, written = heading
    draft = state.draft
    if draft is not None and level != state.title_level:
        return False  # inside an entry only a heading like the one that started it: `#### Related` stays its own
    paper = heading_over_links(text, line)
    if paper is None:
        return False
    state.title_heading = None
    if draft is not None:  # take back what the heading line became in the entry above: a field or a line of one
        buf = state.buf
        if state.field is not None and state.field_line == at and all(b in ("", written) for b in buf[1:]):
            state.drop_field()
        else:
            while buf and not buf[-1]:
                buf.pop()
            if buf and buf[-1] == written:
                buf.pop()
        last = state.diagnostics[-1] if state.diagnostics else None
        if last is not None and last.line == at:
            state.diagnostics.pop()  # its unknown_label or unlabelled_text note
    elif state.stray_line == at:
        state.stray_line = None
    state.start_entry(paper, at)
    state.title_level = level
    return True
