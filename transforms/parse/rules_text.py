"""Rules for lines no other rule claims: thematic breaks, value continuations and stray text."""

from __future__ import annotations

import re

from transforms.parse.state import UNLABELLED, ParseState

_BREAK = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})\s*$")
_EMPTY_DAY = ("no new papers today", "no papers today", "今日没有找到新论文", "今天没有新论文", "没有新论文")


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
    elif state.draft is not None:  # kept, never lost: extra['unlabelled'], or the TL;DR (ParseState.promote_slot)
        state.open_field(UNLABELLED, stripped.lstrip(">").strip() if stripped.startswith(">") else line, n)
    elif state.stray_line is None:
        state.stray_line = n
    return True
