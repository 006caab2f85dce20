"""Rules for labelled values: `Label: v`, `**Label:** v` (also several on one line), `> **Label:** v`."""

from __future__ import annotations

import re

from transforms.parse.labels import ALIASES, SINGLE_LINE, WEAK_INSIDE_ABSTRACT, extra_label, lookup
from transforms.parse.rules_text import text_rule
from transforms.parse.state import ParseState

_SEGMENTS = re.compile(r"\s*(?:&nbsp;|\u00a0)*\s*\|\s*(?:&nbsp;|\u00a0)*\s*(?=\*\*)")
# Greedy, not lazy: a lazy name retries the closing alternation at every character (~3x slower).
_BOLD = re.compile(r"\*\*([^*:：\n]{1,60})(?:[:：]\s*\*\*|\*\*\s*[:：])")
BOLD_LABEL = _BOLD  # the scanner's shortcut for the common line: group 1 is the name, the value follows
# `Name: value` with the first colon (ASCII or full-width) at 1-39 characters: what plain_label_rule finds.
PLAIN_LABEL = re.compile(r"([^:：]{1,39})[:：]")


def bold_label_rule(state: ParseState, line: str, n: int, *, quote: bool = False) -> bool:
    """`**Label:** value`, `**Label**: value`, `**Label: value**`, and several joined by `&nbsp;|&nbsp;`."""
    if state.draft is None or not line.startswith("**"):
        return False
    if "|" not in line:  # the common `**Label:** value` line: one regex, one lookup
        m = _BOLD.match(line)
        label = m and ALIASES.get(m.group(1).rstrip().lower())
        if label:
            state.open_field(label, line[m.end():].strip(), n, quote=quote)
            state.features.add("bold_labels")
            if not m.group(1).isascii():
                state.features.add("zh_labels")
            return True
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
        name = m.group(1).rstrip()
        label = ALIASES.get(name.lower())
        if label:
            return label, name, segment[m.end():].strip()
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


def unknown_label_rule(state: ParseState, line: str, n: int) -> bool:
    """A label the alias table does not know, from a feed we have never seen: kept whole in `extra` under its
    own name (`**Gist:** …` -> extra['gist']), with one info diagnostic per name and file, instead of being
    glued to the field above it. Called for lines no other rule took, inside an entry and outside an
    abstract or a quote. Bold labels count where a value may go on (`**Highlights:**` then a list); a plain
    `Name: value` only ends a one-line field (main category, score, read time, code), since inside a summary
    "Note: …" or "Our contributions are threefold:" is more of the text. After a one-line field, text that
    is no label ends it too and is reported as unlabelled."""
    if line.startswith("**"):
        m = _BOLD.match(line)
        if m is None or "|" in line:
            return False
        name, value = m[1], line[m.end():].strip()
        if not value and len(name.split()) > 3:  # a bold lead-in sentence, not a label
            return False
    else:
        field = state.field
        if field is not None and (field.field not in SINGLE_LINE or not state.buf[0]):
            return False
        m = PLAIN_LABEL.match(line)
        value = line[m.end():].strip() if m else ""
        if not value or value.startswith("//"):  # no value, or a URL's scheme
            if field is not None and line.strip():
                state.close_field()  # the one-line field is over; the text is reported, not glued to it
                text_rule(state, line, n)
                return True
            return False
        name = m[1]
    label = extra_label(name)
    if label is None:
        return False
    state.open_field(label, value, n)
    if name not in state.unknown_labels:
        state.unknown_labels.add(name)
        state.diag("info", "unknown_label", f"label {name.strip()!r} is not in the alias table; kept as "
                   f"extra[{label.field!r}]", n, line)
    return True
