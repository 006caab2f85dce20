"""The line scanner and its rule table: each line goes to the rules for its first character, then the text rule.

A new feed construct is a new rule in one of the `rules*.py` modules plus an entry here.
"""

from __future__ import annotations

from transforms.parse.heading import PAPER_LINE, paper_line
from transforms.parse.labels import ALIASES, WEAK_INSIDE_ABSTRACT
from transforms.parse.rules import author_rule, heading_rule, toc_rule
from transforms.parse.rules_html import FIXED_LINES, html_rule
from transforms.parse.rules_labels import BOLD_LABEL, PLAIN_LABEL, bold_label_rule, plain_label_rule, quote_rule
from transforms.parse.rules_text import break_rule, text_rule
from transforms.parse.state import ParseState

DEFAULT = (plain_label_rule,)
DISPATCH = {
    "": (), "\t": (),
    "#": (heading_rule,),
    "<": (html_rule,),
    " ": (html_rule,),
    "*": (bold_label_rule, author_rule, toc_rule, break_rule),
    ">": (quote_rule,),
    "-": (toc_rule, break_rule),
    "+": (toc_rule,),
    "_": (break_rule,),
}
# First characters that can end an open abstract: headings, HTML, bold or quoted labels, summary lines.
# Any other ASCII-led line inside an abstract is more abstract (weak ASCII labels do not count there).
_CAN_END_ABSTRACT = frozenset("#<>* ")
_SINGLE_STAR = DISPATCH["*"][1:]


def scan(text: str, source: str | None) -> ParseState:
    """Run the rules over `text` (already cleaned, LF line ends) and return the final state.

    The usual label lines (`**Label:** value`, `Label: value`) and the templates' fixed HTML lines
    are recognised here in one C call each and open their field directly; a line these shortcuts
    do not take goes to the rules for its first character, which handle every form.
    """
    state = ParseState(source)
    get = DISPATCH.get
    fixed = FIXED_LINES.get
    bold = BOLD_LABEL.match
    plain = PLAIN_LABEL.match
    alias = ALIASES.get
    weak = WEAK_INSIDE_ABSTRACT
    paper = PAPER_LINE.fullmatch
    features = state.features
    for n, line in enumerate(text.split("\n"), 1):
        if not line:
            if state.field is not None:
                if state.quote:
                    state.close_field()  # a blank line ends a quoted field
                else:
                    state.buf.append(line)
            continue
        first = line[0]
        if state.terminal and first < "\x80" and first not in _CAN_END_ABSTRACT:
            state.buf.append(line)  # the hot path: one more line of an open abstract
            continue
        rules = get(first)
        if rules is None:  # a letter, digit or CJK: maybe `Label: value` (bold_label_rule's shortcut)
            if state.draft is not None:
                m = plain(line)
                if m:
                    name = m[1]
                    key = name.lower()
                    label = alias(key)
                    if label is not None and not (state.terminal and key in weak):
                        if state.field is not None:  # what open_field does, without the call
                            state.close_field()
                        state.field, state.field_line, state.quote = label, n, False
                        state.buf = [line[m.end():].strip()]
                        state.terminal = label[0] == "abstract"
                        features.add("plain_labels" if name.isascii() else "zh_labels")
                        if key == "task":
                            features.add("task")
                        continue
            rules = DEFAULT
        elif first == "*":  # maybe `**Label:** value` (bold_label_rule's shortcut)
            if line[1:2] != "*":  # `*A, B*`: bold_label_rule only takes `**` lines
                rules = _SINGLE_STAR
            elif state.draft is not None:
                m = bold(line)
                if m:
                    name = m[1]
                    label = alias(name.rstrip().lower())
                    if label is not None and "|" not in line:
                        if state.field is not None:
                            state.close_field()
                        state.field, state.field_line, state.quote = label, n, False
                        state.buf = [line[m.end():].strip()]
                        state.terminal = label[0] == "abstract"
                        features.add("bold_labels")
                        if not name.isascii():
                            features.add("zh_labels")
                        continue
        elif first == "<" or first == " ":
            action = fixed(line)
            if action is not None:
                action(state, n)
                continue
        elif first == "#":  # maybe `### [N] [Title](https://arxiv.org/abs/ID)` (heading_rule's shortcut)
            m = paper(line)
            if m:
                state.start_entry(paper_line(m), n, (m[4], m[5]))
                continue
        for rule in rules:
            if rule(state, line, n):
                break
        else:
            if state.field is not None and not state.quote:
                state.buf.append(line)
            else:
                text_rule(state, line, n)
    state.finish_entry(eof=True)
    return state


def dispatch_line(state: ParseState, line: str, n: int, depth: int = 0) -> None:
    """Offer one line to the rules (used again for text recovered from inline HTML)."""
    for rule in DISPATCH.get(line[:1], DEFAULT):
        if rule is html_rule:
            if html_rule(state, line, n, depth):
                return
        elif rule(state, line, n):
            return
    text_rule(state, line, n)
