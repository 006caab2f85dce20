"""The rule for lines that open with HTML: `<details>`, `<summary>…</summary>`, `</details>`, anchors.

Structural tags are read by regex (see `html.events`); a line that opens with inline HTML
(`<small>`, `<b>`) is left to `lines.inline_html_rule`, which turns it into text and offers it to the rules again.
"""

from __future__ import annotations

from transforms.parse import html as fragments
from transforms.parse.labels import SUMMARY_OPENS, lookup
from transforms.parse.rules_text import text_rule
from transforms.parse.state import ParseState

STRUCTURAL = frozenset({"details", "summary", "div", "a"})
MAX_EVENTS = 64


def html_rule(state: ParseState, line: str, n: int) -> bool:
    """`<details>`, `<summary>…</summary>`, `</details>`, anchors; False for a line opening with inline HTML."""
    stripped = line.strip()
    action = _FAST_ACTIONS.get(stripped)
    if action is not None:
        action(state, n)
        return True
    evs = _FAST.get(stripped)
    if evs is None:
        if not stripped.startswith("<") or not fragments.starts_with_tag(stripped):
            return False
        evs = fragments.events(stripped)
        if evs[0].tag not in STRUCTURAL:
            return False  # inline HTML (`<small>`, `<b>`): lines.inline_html_rule reads it as text
        if len(evs) > MAX_EVENTS:
            state.diag("warning", "html_fallback", f"{len(evs)} HTML tags on one line; tags stripped", n, stripped)
            text_rule(state, fragments.TAG.sub("", stripped), n)
            return True
    for ev in evs:
        if ev.kind == "text":
            if state.in_summary:
                _summary_text(state, ev.value.strip(), n)
            else:
                text_rule(state, ev.value, n)
        elif ev.tag == "details":
            if ev.kind == "open":
                state.promote_slot()
            state.close_field()
            state.details += 1 if ev.kind == "open" else -1 if state.details else 0
        elif ev.tag == "summary":
            state.in_summary = ev.kind == "open"
        elif ev.kind == "open" and ev.value == "toc":
            state.features.add("toc")
    return True


def _open_details(state: ParseState, n: int = 0) -> None:
    state.promote_slot()
    state.close_field()
    state.details += 1


def _close_details(state: ParseState, n: int = 0) -> None:
    state.close_field()
    if state.details:
        state.details -= 1


def _summary_abstract(state: ParseState, n: int = 0) -> None:
    # What html_rule does with the three events of this line: summary opens, its text opens the abstract, it closes.
    if state.draft is not None:
        state.open_field(_ABSTRACT, "", n, style="#")  # like a heading: the paragraph under it is its value
        state.features.add("summary_abstract")
    state.in_summary = False


_ABSTRACT = lookup(SUMMARY_OPENS["abstract"])
# The lines every templated entry has, handled without tokenising them.
_FAST_ACTIONS = {"<details>": _open_details, "</details>": _close_details,
                 "<summary>Details</summary>": lambda state, n=0: None,
                 "<summary>Abstract</summary>": _summary_abstract}


def _summary_text(state: ParseState, text: str, n: int) -> None:
    """`<summary>Abstract</summary>`, `<summary>📄 Abstract:</summary>`, `<summary><b>摘要</b></summary>`: a summary
    naming a known label opens that field; the paragraph below is its value."""
    if state.draft is None:
        return
    field = SUMMARY_OPENS.get(text.lower())
    label = lookup(field) if field else lookup(text.rstrip(":：")) if text else None
    if label is not None:
        state.open_field(label, "", n, style="#")
        state.features.add("summary_" + label.field)


_FAST = {s: fragments.events(s) for s in ("<details>", "</details>", "<summary>Details</summary>",
                                          "<summary>Abstract</summary>", "<div id=toc></div>")}


def _fixed(stripped: str):
    return _FAST_ACTIONS.get(stripped) or (lambda state, n: html_rule(state, stripped, n))


# Whole lines the scanner can look up before offering them to the rules, as the templates write them:
# `line -> action(state, n)`, each doing exactly what html_rule does with that line.
FIXED_LINES = {indent + s: _fixed(s) for s in _FAST for indent in ("", "  ")}
