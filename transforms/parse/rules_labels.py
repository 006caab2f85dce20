"""Rules for labelled values: `Label: v`, `**Label:** v` (also several on one line), `> **Label:** v`."""

from __future__ import annotations

import re

from transforms.parse.labels import (ABSTRACT_HEADINGS, ALIASES, BEFORE_ABSTRACT, SINGLE_LINE, Label, extra_label,
                                     lookup)
from transforms.parse.heading import label_segment
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


def plain_label_counts(state: ParseState, label: Label, style: str, at_para: bool) -> bool:
    """Whether a known plain label (`style`: `a:`/`a：` for an ASCII name, `u:`/`u：` otherwise, then its colon)
    opens its field on this line (see lines.scan): at a paragraph start always, except an ASCII label of a field
    that comes before the abstract, inside the abstract; inside a paragraph only outside an abstract, after a
    one-line field, or written as the label that opened the open field."""
    if state.terminal:
        if style[0] == "a":  # "Method: we also try a baseline." in a wrapped abstract is text
            return at_para and label.field not in BEFORE_ABSTRACT and label.field not in ABSTRACT_HEADINGS
        return True
    field = state.field
    return at_para or field is None or field.field in SINGLE_LINE or state.style == style


def plain_label_rule(state: ParseState, line: str, n: int) -> bool:
    """`Main category: cs.CV`, `TL;DR: …`, `主分类：…` at the start of a line inside an entry; several joined
    by ` | ` on one line (`Score: 4/5 | Tags: a, b`) at a label position, known or not."""
    if state.draft is None:
        return False
    if " | " in line and state.at_para and not state.terminal and _pipe_fields(state, line, n):
        return True
    cut = line.find(":", 0, 40)
    wide = line.find("：", 0, 40)
    if wide >= 0 and (cut < 0 or wide < cut):
        cut = wide
    if cut <= 0:
        return False
    name = line[:cut]
    key = name.lower()
    label = ALIASES.get(key) or lookup(name)
    style = ("a" if key.isascii() else "u") + line[cut]
    if label is None or not plain_label_counts(state, label, style, state.at_para):
        return False
    state.open_field(label, line[cut + 1:].strip(), n, style=style)
    if not state.colon:
        state.colon = line[cut]
    state.features.add("plain_labels" if name.isascii() else "zh_labels")
    if key == "task":
        state.features.add("task")
    return True


_LONG_TEXT = frozenset({"abstract", "abstract_translation"})


def _pipe_fields(state: ParseState, line: str, n: int) -> bool:
    parts = line.split(" | ")
    segments = [label_segment(part, empty=i > 0) for i, part in enumerate(parts)]  # `Tags:` may be empty
    if len(segments) < 2 or not all(segments):
        return False
    labels = [lookup(name) or extra_label(name) for name, _ in segments]
    if not all(labels):
        return False
    for label, (name, value) in zip(labels, segments):
        state.open_field(label, value, n)
        if lookup(name) is None and name not in state.unknown_labels:
            state.unknown_labels.add(name)
            state.diag("info", "unknown_label", f"label {name!r} is not in the alias table; kept as "
                       f"extra[{label.field!r}]", n, line)
    state.close_field()
    return True


def unknown_label_rule(state: ParseState, line: str, n: int) -> bool:
    """A label the alias table does not know, from a feed we have never seen: kept whole in `extra` under its
    own name (`**Gist:** …` -> extra['gist']), with one info diagnostic per name and file, instead of being
    glued to the field above it. Called for lines no other rule took, inside an entry and outside a quote:
    at a paragraph start (a label position, see lines.scan) in any script, with an ASCII or full-width colon;
    bold ones also inside a paragraph outside an abstract; a plain one also right after a one-line field.
    Inside an abstract the headings of a structured abstract ("Results: …") stay text; inside an abstract or
    its translation a plain label must end in the colon the digest's known labels use; the first paragraph of
    a field opened without a value (`#### Key Idea`) is its value. Known labels that did
    not count where they stand are never taken here. After a one-line field, text that is no label ends it
    too and is reported as unlabelled."""
    field = state.field
    if line.startswith("**"):
        m = _BOLD.match(line)
        if m is None or "|" in line:
            return False
        name, value = m[1], line[m.end():].strip()
        if not value and len(name.split()) > 3:  # a bold lead-in sentence, not a label
            return False
    else:
        m = PLAIN_LABEL.match(line)
        value = line[m.end():].strip() if m else ""
        single = field is not None and field.field in SINGLE_LINE and state.buf[0]
        if m and not value and state.at_para and m.end() == len(line.rstrip()):
            value = " "  # `Matched topics:` starting a paragraph, its value below or none: a label all the same
        elif not value or value.startswith("//"):  # no value, or a URL's scheme
            if single and line.strip():
                state.close_field()  # the one-line field is over; the text is reported, not glued to it
                text_rule(state, line, n)
                return True
            return False
        name = m[1]
        if field is not None and not single:
            if not any(state.buf):  # `#### Key Idea`, then its paragraph "核心洞察在于：…": the value, not a label
                return False
            if field.field in _LONG_TEXT and state.colon and m[0][-1] != state.colon:
                return False  # in a translated abstract, "所有结果都基于统一框架：…" where labels end in `:` is a sentence
    if lookup(name) is not None or (state.terminal and " ".join(name.lower().split()) in ABSTRACT_HEADINGS):
        return False
    label = extra_label(name)
    if label is None:
        return False
    state.open_field(label, value, n)
    state.field_raw = line.strip()
    if name not in state.unknown_labels:
        state.unknown_labels.add(name)
        state.diag("info", "unknown_label", f"label {name.strip()!r} is not in the alias table; kept as "
                   f"extra[{label.field!r}]", n, line)
    return True
