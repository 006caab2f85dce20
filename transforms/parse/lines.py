"""The line scanner: feeds every line to the rules for its first character, then the text rule."""

from __future__ import annotations

from transforms.parse.rules import DEFAULT, DISPATCH, text_rule
from transforms.parse.state import ParseState

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
