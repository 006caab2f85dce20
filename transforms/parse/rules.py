"""The line rules. Each recognises one construct, advances the shared ParseState and returns True.

A rule that does not recognise its line returns False and the next rule (finally `text_rule`)
gets it. Rules are grouped by the line's first character in `lines.DISPATCH`, so a plain
abstract line costs one dict lookup, one bounded `find` and one append.
"""

from __future__ import annotations

import re

from transforms.parse import html as fragments
from transforms.parse.heading import (DATE, TOC_TITLES, author_line, heading_level, paper_heading,
                                      section_heading, toc_line)
from transforms.parse.labels import ALIASES, SUMMARY_OPENS, WEAK_INSIDE_ABSTRACT, lookup
from transforms.parse.state import ParseState

_SYMBOLS = re.compile(r"^[^\w\[(]+")
_SEGMENTS = re.compile(r"\s*(?:&nbsp;|\u00a0)*\s*\|\s*(?:&nbsp;|\u00a0)*\s*(?=\*\*)")
_EMPTY_DAY = ("no new papers today", "no papers today", "今日没有找到新论文", "今天没有新论文", "没有新论文")
_BOLD = re.compile(r"\*\*([^*:：\n]{1,60}?)\s*(?:[:：]\s*\*\*|\*\*\s*[:：])")
_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})\s*$")
_STRUCTURAL = frozenset({"details", "summary", "div", "a"})
MAX_EVENTS = 64


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
    code = section_heading(text)
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
    if level == 1 and state.draft is None and DATE.match(text):
        state.digest_date = DATE.match(text).group(0)
        return True
    name = _SYMBOLS.sub("", text).rstrip(":：").strip()
    label = lookup(name) if state.draft is not None else None
    if label is None:
        return False
    state.open_field(label, "", n)
    state.features.add("emoji_heading" if name != text else "heading_labels")
    return True


def html_rule(state: ParseState, line: str, n: int, depth: int = 0) -> bool:
    """`<details>`, `<summary>…</summary>`, `</details>`, anchors; lines opening with inline HTML are read as text."""
    stripped = line.strip()
    action = _FAST_ACTIONS.get(stripped)
    if action is not None:
        action(state)
        return True
    evs = _FAST.get(stripped)
    if evs is None:
        if not stripped.startswith("<") or not fragments.starts_with_tag(stripped):
            return False
        evs = fragments.events(stripped)
        if evs[0].tag not in _STRUCTURAL:
            if depth:
                return False
            text = state.html_text(stripped, n)
            dispatch_line(state, text, n, depth + 1)
            return True
        if len(evs) > MAX_EVENTS:
            state.diag("warning", "html_fallback", f"{len(evs)} HTML tags on one line; tags stripped", n, stripped)
            text_rule(state, fragments.TAG.sub("", stripped), n)
            return True
    for ev in evs:
        if ev.kind == "text":
            if state.in_summary:
                _summary_text(state, ev.value.strip(), n)
            else:
                text_rule(state, ev.value, n)
        elif ev.tag == "details":
            state.close_field()
            state.details += 1 if ev.kind == "open" else -1 if state.details else 0
        elif ev.tag == "summary":
            state.in_summary = ev.kind == "open"
        elif ev.kind == "open" and ev.value == "toc":
            state.features.add("toc")
    return True


def _open_details(state: ParseState) -> None:
    state.close_field()
    state.details += 1


def _close_details(state: ParseState) -> None:
    state.close_field()
    if state.details:
        state.details -= 1


# The three lines every templated entry has, handled without tokenising them.
_FAST_ACTIONS = {"<details>": _open_details, "</details>": _close_details,
                 "<summary>Details</summary>": lambda state: None}


def _summary_text(state: ParseState, text: str, n: int) -> None:
    field = SUMMARY_OPENS.get(text.lower())
    if field and state.draft is not None:
        state.open_field(lookup(field), "", n)
        state.features.add("summary_" + field)


def author_rule(state: ParseState, line: str, n: int) -> bool:
    """`*A,B,C*` right under a paper heading; `*A, B* | **Category: x, y**` also fills categories."""
    draft = state.draft
    if draft is None or draft.authors is not None or state.field is not None or draft.values:
        return False
    found = author_line(line)
    if found is None:
        return False
    draft.authors, categories = found
    if categories:
        draft.values["categories"] = categories
        state.features.add("category_bar")
    return True


def bold_label_rule(state: ParseState, line: str, n: int, *, quote: bool = False) -> bool:
    """`**Label:** value`, `**Label**: value`, `**Label: value**`, and several joined by `&nbsp;|&nbsp;`."""
    if state.draft is None or not line.startswith("**"):
        return False
    parsed = None
    if "|" in line:
        parsed = [_bold_label(s) for s in _SEGMENTS.split(line)]
        if len(parsed) < 2 or not all(parsed):
            parsed = None
    if parsed is None:
        single = _bold_label(line)
        if single is None:
            return False
        parsed = [single]
    for label, name, value in parsed:
        state.open_field(label, value, n, quote=quote)
        state.features.add("bold_labels")
        if not name.isascii():
            state.features.add("zh_labels")
    return True


def _bold_label(segment: str):
    m = _BOLD.match(segment)  # the common `**Label:** value` in one C call
    if m:
        label = ALIASES.get(m.group(1).lower())
        if label:
            return label, m.group(1), segment[m.end():].strip()
    end = segment.find("**", 2)
    if end < 0:
        return None
    inner, after = segment[2:end].strip(), segment[end + 2:]
    if inner.endswith((":", "：")):
        name, value = inner[:-1], after
    elif after.startswith((":", "：")):
        name, value = inner, after[1:]
    else:
        cut = min((i for i in (inner.find(":"), inner.find("：")) if i > 0), default=-1)
        if cut < 0:
            return None
        name, value = inner[:cut], inner[cut + 1:] + after
    label = lookup(name)
    return (label, name, value.strip()) if label else None


def quote_rule(state: ParseState, line: str, n: int) -> bool:
    """`> **摘要翻译:** …`, `> *title translation*`, and the continuation lines of a quoted field."""
    if state.draft is None:
        return False
    body = line[1:].lstrip(" ")
    if body.startswith("**") and bold_label_rule(state, body, n, quote=True):
        return True
    if state.quote and state.field is not None:
        state.add_text(line)
        return True
    if (body.startswith("*") and body.rstrip().endswith("*") and len(body.strip()) > 2
            and "title_translation" not in state.draft.values and not state.terminal):
        state.close_field()
        state.draft.values["title_translation"] = body.strip().strip("*").strip()
        return True
    return False


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


def plain_label_rule(state: ParseState, line: str, n: int) -> bool:
    """`Main category: cs.CV`, `TL;DR: …`, `主分类：…` at the start of a line inside an entry."""
    if state.draft is None:
        return False
    cut = line.find(":", 0, 40)
    wide = line.find("：", 0, 40)
    if wide >= 0 and (cut < 0 or wide < cut):
        cut = wide
    if cut <= 0:
        return False
    name = line[:cut]
    key = name.lower()
    label = ALIASES.get(key) or lookup(name)
    if label is None or (state.terminal and key.strip() in WEAK_INSIDE_ABSTRACT):
        return False
    state.open_field(label, line[cut + 1:].strip(), n)
    state.features.add("plain_labels" if name.isascii() else "zh_labels")
    if key == "task":
        state.features.add("task")
    return True


def break_rule(state: ParseState, line: str, n: int) -> bool:
    """A thematic break (`---`) between entries ends the open field and is otherwise ignored."""
    if not _BREAK.match(line):
        return False
    state.close_field()
    return True


def text_rule(state: ParseState, line: str, n: int) -> bool:
    """Anything else: a continuation of the open field, or text outside any field (noted, never lost)."""
    if state.field is not None:
        if state.quote and not line.startswith(">"):
            state.close_field()  # a quote ends at the first line outside it
        else:
            state.add_text(line)
            return True
    stripped = line.strip()
    if not stripped:
        return True
    low = stripped.lower()
    if any(p in low for p in _EMPTY_DAY):
        state.empty_day = True
    elif state.draft is not None:
        if not state.draft.noted:
            state.draft.noted = True
            state.diag("info", "unlabelled_text", "text in an entry outside any known label; not stored", n, line)
    elif state.stray_line is None:
        state.stray_line = n
    return True


def dispatch_line(state: ParseState, line: str, n: int, depth: int = 0) -> None:
    for rule in DISPATCH.get(line[:1], DEFAULT):
        if rule is html_rule:
            if html_rule(state, line, n, depth):
                return
        elif rule(state, line, n):
            return
    text_rule(state, line, n)


DEFAULT = (plain_label_rule,)
DISPATCH = {
    "": (), "\t": (),
    "#": (heading_rule,),
    "<": (html_rule,),
    " ": (html_rule,),
    "*": (bold_label_rule, author_rule, toc_rule, break_rule),
    ">": (quote_rule,),
    "-": (toc_rule, break_rule),
    "_": (break_rule,),
    "+": (toc_rule,),
}
_FAST = {s: fragments.events(s) for s in ("<details>", "</details>", "<summary>Details</summary>",
                                          "<summary>Abstract</summary>", "<div id=toc></div>")}
