"""What a page says about its time windows: the rule they follow, and why a section of one is empty.

The rule (warehouse/sql/marts/feed_windows.sql): a feed's windows end at its own last digest day; across feeds
they end at the latest digest day of any feed and count only the feeds that published in them.
"""

from __future__ import annotations

from dashboards.html import esc, papers

RULE = ("Each feed's windows end at its own last digest day, so a feed that stopped keeps its last weeks; across "
        "feeds they end at the latest digest day of any feed and count only the feeds that published in them.")


def rule_note(window: dict | None) -> str:
    """The rule as a muted paragraph, with the across-feeds window's end and the feeds silent in it."""
    text = RULE
    if window:
        text += f" Across feeds the windows end on {window['as_of']}."
        silent = _silent(window)
        if silent:
            text += f" Silent in the last {_days(window)} days: {silent}."
    return f'<p class="muted">{esc(text)}</p>'


def empty_note(window: dict | None, what: str, why: str = "") -> str:
    """Why a window's section is empty (`what`: 'authors'; `why`: the section's own rule when the window has
    papers, such as a minimum support), as a muted paragraph."""
    if window is None:
        return f'<p class="muted">No {esc(what)}: no digest is loaded yet.</p>'
    span = f"{window['window_start']} to {window['window_end']}"
    if not window["published_feeds"]:
        text = f"No feed published from {span}."
    elif not window["n_papers"]:
        text = f"{', '.join(window['published_feeds'])} published from {span}, but listed no new paper."
    else:
        text = f"{', '.join(window['published_feeds'])} published {papers(window['n_papers'])} from {span}. {why}"
    silent = _silent(window)
    if silent:
        text = f"{text.rstrip()} Silent in that window: {silent}."
    return f'<p class="muted">No {esc(what)} in this window. {esc(text)}</p>'


def _silent(window: dict) -> str:
    return ", ".join(f"{s['feed']} (last digest {s['last_day']})" for s in window["silent_feeds"])


def _days(window: dict) -> int:
    return (window["window_end"] - window["window_start"]).days + 1
