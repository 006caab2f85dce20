"""Turning a finished ParseState into a Digest: sections and their totals, template, language, verdicts."""

from __future__ import annotations

from collections import Counter
from datetime import date

from transforms.model import Digest, Section
from transforms.parse.state import ParseState
from transforms.parse.text import cjk_share_above

# Most specific first: a digest showing any of these features is named after the first one.
_TEMPLATES = (
    ("category_bar", "category_bar"),
    ("emoji_heading", "emoji_heading"),
    ("zh_labels", "zh_labels"),
    ("bold_labels", "bold"),
    ("task", "early_summary"),
    ("plain_labels", "standard"),
    ("summary_abstract", "pre_summary"),
)
_SAMPLE = 1500  # characters of summary text the language is judged by


def build_digest(state: ParseState, digest_date: date | None) -> Digest:
    """The Digest a scan produced, with section-total, empty-day and not-a-digest diagnostics added."""
    counts = Counter(e.section for e in state.entries)
    sections = []
    for code, (declared, line) in state.sections.items():
        sections.append(Section(code, declared, line))
        if declared is not None and declared != counts.get(code, 0):
            state.diag("warning", "section_total_mismatch",
                       f"table of contents says {code} has {declared} papers, found {counts.get(code, 0)}",
                       line, code)
    if not state.entries:
        _judge_empty(state)
    else:
        _report_lost_fields(state)
    return Digest(digest_date=digest_date, source=state.source, template=template_of(state),
                  language=language_of(state), sections=sections, entries=state.entries,
                  diagnostics=state.diagnostics)


def _report_lost_fields(state: ParseState) -> None:
    """A warning per entry that lost its title or authors (every template writes both), or its main category
    (when other entries of the day have one: a template without categories is no loss; its papers' primary
    category comes from the twin or the section, else it is NULL and flagged where the tables are built)."""
    day_has_main = any(e.main_category for e in state.entries)
    for e in state.entries:
        if e.title and e.authors and (e.main_category or not day_has_main):
            continue
        lost = [name for name, gone in (("title", not e.title), ("authors", not e.authors),
                                        ("main category", not e.main_category and day_has_main))
                if gone]
        if lost:
            state.diag("warning", "lost_fields", f"entry {e.arxiv_id or e.position} has no {' or '.join(lost)}; "
                       "check the author line and labels of this entry", e.line, e.title or e.url or "")


def _judge_empty(state: ParseState) -> None:
    if state.empty_day or ("toc" in state.features and state.stray_line is None):
        state.diag("info", "empty_day", "digest lists no papers for this day", None)
    else:
        state.diag("error", "not_a_digest", "no paper headings, table of contents or empty-day note found; "
                   "check the file is a daily digest", state.stray_line)


def template_of(state: ParseState) -> str:
    """The layout name: `empty`/`unknown` without entries, else the most specific feature seen."""
    if not state.entries:
        return "empty" if state.empty_day or "toc" in state.features else "unknown"
    for feature, name in _TEMPLATES:
        if feature in state.features:
            return name
    return "unknown"


def language_of(state: ParseState) -> str | None:
    """`zh` or `en` by the script of the generated summaries (never the arXiv abstract); None without any."""
    parts: list[str] = []
    size = 0
    for entry in state.entries[:40]:
        for value in (entry.tldr, entry.motivation, entry.method, entry.result, entry.conclusion):
            if value:
                parts.append(value)
                size += len(value)
        if size >= _SAMPLE:  # enough text: the rest would be cut off below
            break
    if not parts:
        return None
    return "zh" if cjk_share_above("".join(parts)[:_SAMPLE], 0.3) else "en"
