"""Labels the alias table does not know, from feeds we have never seen: where they count and where they go.

A new label in any script ends the field above it when it stands where labels stand (see lines.scan); its
value goes to `extra` under its own name, with one `unknown_label` info per name and file.
"""

from __future__ import annotations

from transforms.parse.heading import label_segment
from transforms.parse.labels import ABSTRACT_HEADINGS, BOLD_LABEL, PLAIN_LABEL, SINGLE_LINE, extra_label, lookup
from transforms.parse.rules_text import text_rule
from transforms.parse.state import ParseState

_LONG_TEXT = frozenset({"abstract", "abstract_translation"})


def pipe_fields_rule(state: ParseState, line: str, n: int) -> bool:
    """Several labelled fields joined by ` | ` on one line (`Score: 4/5 | Tags: a, b`), known or not: each opens
    its field (an unknown one `extra`); False, changing nothing, unless every piece reads as `Name: value`."""
    parts = line.split(" | ")
    segments = [label_segment(part, empty=i > 0) for i, part in enumerate(parts)]  # `Tags:` may be empty
    if len(segments) < 2 or not all(segments):
        return False
    labels = [lookup(name) or extra_label(name) for name, _ in segments]
    if not all(labels):
        return False
    for label, (name, value) in zip(labels, segments):
        state.open_field(label, value, n)
        if lookup(name) is None:
            state.note_unknown(name, label, n, line)
    state.close_field()
    return True


def quoted_unknown_rule(state: ParseState, body: str, n: int) -> bool:
    """`> **Gist:** value` (the quote's body given): an unknown bold label, quoted, opens its `extra` field."""
    if state.quote and state.field is not None:  # more of an open quoted field: "> **Note:** …" is its text
        return False
    m = BOLD_LABEL.match(body)
    value = body[m.end():].strip() if m else ""
    label = extra_label(m[1]) if m and value and "|" not in body and lookup(m[1]) is None else None
    if label is None:
        return False
    state.open_field(label, value, n, quote=True)
    state.note_unknown(m[1], label, n, body)
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
        m = BOLD_LABEL.match(line)
        if m is None or "|" in line:
            return False
        name, value = m[1], line[m.end():].strip()
        if not value and len(name.split()) > 3:  # a bold lead-in sentence, not a label
            return False
    else:
        m = PLAIN_LABEL.match(line)
        value = line[m.end():].strip() if m else ""
        single = field is not None and field.field in SINGLE_LINE and any(state.buf)  # its value may sit below
        if m and not value and state.at_para and m.end() == len(line.rstrip()):
            value = " "  # `Matched topics:` starting a paragraph, its value below or none: a label all the same
        elif not value or value.startswith("//") or (m[0][-1] == ":" and not line[m.end():m.end() + 1].isspace()):
            # no value, a URL's scheme, or `a:b` (a ratio, a time, code): an ASCII colon of a label has a space after it
            if single and line.strip():
                state.close_field()  # the one-line field is over; the text is reported, not glued to it
                text_rule(state, line, n)
                return True
            return False
        name = m[1]
        if field is not None and not single:
            # `#### Key Idea`, then its paragraph "核心洞察在于：…": the value, not a label; an empty `**Method:**`
            # (a failed summary) has none, so a label after it is one
            if not any(state.buf) and state.style == "#":
                return False
            if field.field in _LONG_TEXT and state.colon and m[0][-1] != state.colon:
                return False  # in a translated abstract, "所有结果都基于统一框架：…" where labels end in `:` is a sentence
    if lookup(name) is not None or (state.terminal and " ".join(name.lower().split()) in ABSTRACT_HEADINGS):
        return False
    label = extra_label(name)
    if label is None:
        return False
    # written like a known label would be: a known label of the same style on the next line ends it (lines.scan)
    style = "**" if line.startswith("**") else ("a" if name.isascii() else "u") + m[0][-1]
    state.open_field(label, value, n, style=style)
    state.field_raw = line.strip()
    state.note_unknown(name, label, n, line)
    return True
