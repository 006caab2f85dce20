"""The line scanner: feeds every line to the rules for its first character, then the text rule."""

from __future__ import annotations

from transforms.parse.rules import DEFAULT, DISPATCH, text_rule
from transforms.parse.state import ParseState


def scan(text: str, source: str | None) -> ParseState:
    """Run the rules over `text` (already cleaned, LF line ends) and return the final state."""
    state = ParseState(source)
    get = DISPATCH.get
    for n, line in enumerate(text.split("\n"), 1):
        for rule in get(line[:1], DEFAULT):
            if rule(state, line, n):
                break
        else:
            if state.field is not None and not state.quote:
                state.buf.append(line)  # the hot path: one more line of an open value
            else:
                text_rule(state, line, n)
    state.finish_entry(eof=True)
    return state
