"""The line scanner and its rule table: each line goes to the rules for its first character, then the text rule.

A new feed construct is a new rule in one of the `rules*.py` modules plus an entry here.
"""

from __future__ import annotations

from transforms.parse.rules import author_rule, heading_rule, toc_rule
from transforms.parse.rules_html import html_rule
from transforms.parse.rules_labels import bold_label_rule, plain_label_rule, quote_rule
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


def scan(text: str, source: str | None) -> ParseState:
    """Run the rules over `text` (already cleaned, LF line ends) and return the final state."""
    state = ParseState(source)
    get = DISPATCH.get
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
        for rule in get(first, DEFAULT):
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
