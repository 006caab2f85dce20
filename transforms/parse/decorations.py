"""Decorations some feeds put before a summary's text: tags, scores, star ratings and emoji marks.

    split_decoration("[Topic][7.5] ✅ Owls see well.") -> ("[Topic][7.5] ✅", "Owls see well.")

The lead is metadata (the entry keeps it in `extra['<field>_tags']`); the rest is the value, as the twin has it.
"""

from __future__ import annotations

import re

DECORATED = frozenset({"tldr", "motivation", "method", "result", "conclusion"})
# characters a decorated value can start with besides `[` (callers test this before calling split_decoration)
SYMBOL_FIRST = frozenset("★☆✅❌✔✨⭐🔥📌💡👍🚀🌟")
_LEAD = re.compile(r"(?:\s*(?:\[[^\[\]()\n]{1,30}\](?!\()|[\u2600-\u27bf\u2b50\u2b55\U0001f300-\U0001faff\ufe0f★☆]+))+\s*")
_SCORE_TAG = re.compile(r"\[\s*\d+(?:\.\d+)?(?:\s*/\s*\d+)?\s*\]")


def split_decoration(value: str) -> tuple[str, str]:
    """(lead, text) of a summary value: a lead of marks, of several tags, or holding a score tag (`[7.5]`); one
    word in brackets alone ("[CLS] tokens …") is text, and so is a value that is nothing but decoration."""
    m = _LEAD.match(value)
    if m is None or m.end() >= len(value):
        return "", value
    lead = m[0].strip()
    tags = lead.count("[")
    if tags == 1 and lead.endswith("]") and _SCORE_TAG.search(lead) is None:
        return "", value
    return lead, value[m.end():]
