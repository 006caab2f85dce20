"""Rules for labelled values: `Label: v`, `**Label:** v` (also several on one line), `> **Label:** v`."""

from __future__ import annotations

import re

from transforms.parse.labels import (ABSTRACT_HEADINGS, ALIASES, BEFORE_ABSTRACT, BOLD_LABEL, PLAIN_LABEL, SINGLE_LINE,
                                     Label, extra_label, lookup)
from transforms.parse.rules_unknown import pipe_fields_rule, quoted_unknown_rule
from transforms.parse.rules_text import emphasised_names
from transforms.parse.state import ParseState

_SEGMENTS = re.compile(r"\s*(?:&nbsp;|\u00a0)*\s*\|\s*(?:&nbsp;|\u00a0)*\s*(?=\*\*)")


def bold_label_rule(state: ParseState, line: str, n: int, *, quote: bool = False) -> bool:
    """`**Label:** value`, `**Label**: value`, `**Label: value**`, and several joined by `&nbsp;|&nbsp;`."""
    if state.draft is None or not line.startswith("**"):
        return False
    if "|" not in line:  # the common `**Label:** value` line: one regex, one lookup
        m = BOLD_LABEL.match(line)
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
            return _bold_name_rule(state, line, n, quote)
        parsed = [single]
    for label, name, value in parsed:
        state.open_field(label, value, n, quote=quote)
        state.features.add("bold_labels")
        if not name.isascii():
            state.features.add("zh_labels")
    return True


def _bold_label(segment: str):
    m = BOLD_LABEL.match(segment)  # the common `**Label:** value` in one C call
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
    if body.startswith("**") and (bold_label_rule(state, body, n, quote=True) or quoted_unknown_rule(state, body, n)):
        return True
    if state.quote and state.field is not None:
        state.add_text(line)
        return True
    draft = state.draft
    if (draft.authors is None and body[:1] in ("*", "_") and state.may_take_authors()
            and (names := emphasised_names(body))):  # `> *A, B*`: the author list quoted
        state.close_field()
        draft.authors = names
        return True
    if (body.startswith("*") and body.rstrip().endswith("*") and len(body.strip()) > 2
            and "title_translation" not in state.draft.values and not state.terminal):
        state.close_field()
        state.draft.values["title_translation"] = body.strip().strip("*").strip()
        return True
    m = PLAIN_LABEL.match(body) if state.at_para else None
    label = lookup(m[1]) if m else None
    if label is not None:  # `> TL;DR: …`, a known plain label quoted
        state.open_field(label, body[m.end():].strip(), n, quote=True)
        return True
    return False


def plain_label_counts(state: ParseState, label: Label, style: str, at_para: bool) -> bool:
    """Whether a known plain label (`style`: `a:`/`a：` for an ASCII name, `u:`/`u：` otherwise, then its colon)
    opens its field on this line (see lines.scan): at a paragraph start always, except an ASCII label of a field
    that comes before the abstract, inside the abstract; inside a paragraph only outside an abstract, after a
    one-line field or inside a metadata field (METADATA), or written as the label that opened the open field."""
    if state.terminal:
        if style[0] == "a":  # "Method: we also try a baseline." in a wrapped abstract is text
            return at_para and label.field not in BEFORE_ABSTRACT and label.field not in ABSTRACT_HEADINGS
        # `方法：…` / `结果：…` heading a part of a structured Chinese abstract, when the entry's method or result
        # was given above: the abstract's text (a field not given yet opens, as the AI fields after an abstract do)
        return not (label.field in ABSTRACT_HEADINGS and label.field in state.draft.values)
    field = state.field
    return (at_para or field is None or field.field in SINGLE_LINE or field.field in METADATA
            or state.style == style)


# Fields that hold names, codes or links, never labelled sub-parts: inside their paragraph any known label ends them
# (`**Authors:** A, B` then `Main category: cs.CV` on the next line), whatever its style.
METADATA = frozenset({"authors", "categories", "keywords", "main_category", "code_url", "read_time",
                      "relevance_score"})


def plain_label_rule(state: ParseState, line: str, n: int) -> bool:
    """`Main category: cs.CV`, `TL;DR: …`, `主分类：…` at the start of a line inside an entry; several joined
    by ` | ` on one line (`Score: 4/5 | Tags: a, b`) at a label position, known or not."""
    if state.draft is None:
        return False
    if " | " in line and state.at_para and not state.terminal and pipe_fields_rule(state, line, n):
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


_BOLD_NAME = re.compile(r"\*\*([^*:：]{1,40})\*\*\s*")


def _bold_name_rule(state: ParseState, line: str, n: int, quote: bool) -> bool:
    """`**Abstract**` alone at a paragraph start: a known label written as a bold heading, without a colon; the
    paragraph below is its value (as under `#### Abstract`)."""
    m = _BOLD_NAME.fullmatch(line) if state.at_para else None
    label = lookup(m[1]) if m else None
    if label is None or (state.terminal and (label.field in BEFORE_ABSTRACT  # `**Results**` heading an abstract's part
                                             or " ".join(m[1].lower().split()) in ABSTRACT_HEADINGS)):
        return False
    state.open_field(label, "", n, quote=quote, style="#")
    state.features.add("bold_labels")
    return True


# A known label in emphasis or brackets other than `**Name:**`: `**TL;DR** text`, `__TL;DR:__ text`, `*TL;DR:* text`,
# `【TL;DR】text`; and, at a paragraph start, a known label before a dash: `TL;DR — text`.
_WRAPPED = re.compile(r"(\*\*|__|\*|_|【)\s*([^*_【】:：]{1,40}?)\s*[:：]?\s*(?:\*\*|__|\*|_|】)\s*[:：—–-]?\s*(.*)")
_DASHED = re.compile(r"([^:：*_\s][^:：*_]{0,38}?)\s+[—–-]\s+(.+)")
_CLOSES = {"**": "**", "__": "__", "*": "*", "_": "_", "【": "】"}


def wrapped_label_rule(state: ParseState, line: str, n: int) -> bool:
    """A known label written in another emphasis or bracket, or before a dash (see _WRAPPED): it opens its field as
    `**Name:** value` would. Names the alias table does not know are left to the other rules."""
    m = _WRAPPED.fullmatch(line)
    if m and line.find(_CLOSES[m[1]], len(m[1])) < 0:
        m = None
    style = "**"
    if m is None:
        m = _DASHED.fullmatch(line) if state.at_para and line[:1].isalpha() else None
        if m is None:
            return False
        name, value = m[1], m[2]
        style = ("a" if name.isascii() else "u") + "-"
    else:
        name, value = m[2], m[3]
    label = lookup(name)
    if label is None or (state.terminal and (label.field in BEFORE_ABSTRACT
                                             or " ".join(name.lower().split()) in ABSTRACT_HEADINGS)):
        return False
    state.open_field(label, value.strip(), n, style=style)
    state.features.add("bold_labels" if style == "**" else "plain_labels")
    return True


# A Markdown table of fields: `| Main category | cs.CV |` rows, maybe under a `| Field | Value |` header and its
# `|---|---|` separator. Cells are split at `|` not escaped (`\|`).
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE_CELL = re.compile(r"\s*:?-{3,}:?\s*")
_HEADER_NAMES = frozenset({"field", "fields", "name", "item", "key", "label", "section", "aspect", "字段", "项目",
                           "名称", "类别", "内容项"})
_HEADER_VALUES = frozenset({"value", "values", "content", "contents", "details", "text", "description", "内容",
                            "值", "说明", "详情"})
_ROW_MARKS = re.compile(r"^[^\w(（\[]+")  # `💡 TL;DR`, `**📌 Method**`
_TABLE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)  # exactly: a renderer writes a value's "\n" so


def table_row_rule(state: ParseState, line: str, n: int) -> bool:
    """`| Main category | cs.CV |` inside an entry: a two-cell row is one field, its name (bold or not, with or
    without a colon) then its value; `<br>` in a cell is a line break. A row of a name in no table is a field
    (in extra) only in a table of fields, right under a known row or a `| Field | Value |` header (which is
    skipped, as its `|---|---|` rule is); a table of data in a value and wider tables are text."""
    if state.draft is None or (state.terminal and not state.at_para) or state.quote:
        return False  # inside an abstract's paragraph a row is its text; a table after it is fields again
    stripped = line.strip()
    if len(stripped) < 5 or stripped[-1] != "|":
        return False
    cells = _CELL_SPLIT.split(stripped[1:-1])
    if len(cells) != 2:
        return False
    in_table = state.table_row == n - 1  # the row above was a field's (or the header): this table is of fields
    if _RULE_CELL.fullmatch(cells[0]) and _RULE_CELL.fullmatch(cells[1]):
        if not in_table:
            return False
        state.table_row = n
        return True
    name = _ROW_MARKS.sub("", cells[0].strip().strip("*_`")).rstrip(":：").strip().strip("*_`")
    value = _TABLE_BREAK.sub("\n", cells[1].replace("\\|", "|")).strip()
    if not name or len(name) > 40:
        return False
    if name.lower() in _HEADER_NAMES and value.strip("*_ ").lower() in _HEADER_VALUES:
        state.close_field()
        state.table_row = n
        return True
    field = state.field
    if not in_table and field is not None and field.field not in SINGLE_LINE and any(state.buf):
        return False  # a table that opens inside a text field is its data (`| Method | Acc |` in a result)
    label = lookup(name)
    if label is None:
        # a name in no table counts only inside a table of fields: `| model | acc |` after the fields is data
        label = extra_label(name) if in_table else None
        if label is None:
            return False
        state.note_unknown(name, label, n, line)
    state.open_field(label, value, n, style="|")
    state.close_field()  # one row, one field: the next row is the next field
    state.table_row = n
    state.features.add("table_fields")
    return True
