"""The typed records a digest becomes: entries, sections, diagnostics and the digest itself.

These types are the contract between the parser, the renderer, the generator and the
table builders. They are plain frozen dataclasses so they compare by value, which the
round-trip tests rely on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Severity = Literal["error", "warning", "info"]

# Fields every entry carries, in the order the renderer writes them and docs list them.
SUMMARY_FIELDS = ("tldr", "motivation", "method", "result", "conclusion")


@dataclass(frozen=True)
class Diagnostic:
    """One thing the parser noticed: where (source, 1-based line), how bad, a stable code, and a message."""

    source: str | None
    line: int | None
    severity: Severity
    code: str
    message: str
    excerpt: str = ""

    def one_line(self) -> str:
        where = f"{self.source or '<text>'}:{self.line}" if self.line else (self.source or "<text>")
        return f"{where}: {self.severity}: [{self.code}] {self.message}"


@dataclass(frozen=True)
class Section:
    """A category section of a digest: its code (`cs.CV`), the total its TOC declares, and where it starts."""

    code: str
    declared_total: int | None = None
    line: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Entry:
    """One paper as one digest (or its .jsonl twin) lists it.

    `position` is 1-based in file order across the whole digest. `section` is the category
    section it sits under (None when the digest has no sections). `arxiv_id` is canonical
    (`2506.02013`, `hep-th/9901001`), with any version split into `version` (`2`, or None).
    Summary fields hold None when absent or when the feed wrote a placeholder.
    `categories` is every category the source names, the primary first (the twin knows them
    all; a digest usually names only the main one). `extra` holds every other labelled field
    by its normalised label (`relevance_score`, `read_time`, `key_contributions`, ...).
    """

    position: int
    section: str | None
    arxiv_id: str | None
    version: str | None
    url: str | None
    title: str | None
    authors: list[str]
    main_category: str | None = None
    tldr: str | None = None
    motivation: str | None = None
    method: str | None = None
    result: str | None = None
    conclusion: str | None = None
    abstract: str | None = None
    comment: str | None = None
    keywords: list[str] = field(default_factory=list)
    title_translation: str | None = None
    abstract_translation: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    categories: list[str] = field(default_factory=list)
    line: int | None = field(default=None, compare=False)
    # Summary fields whose text was a placeholder ("Summary generation failed"): they hold None.
    failed_fields: list[str] = field(default_factory=list, compare=False)


@dataclass(frozen=True)
class Digest:
    """A parsed day: when, from where, which template and summary language, its sections, entries and diagnostics.

    `template` names the detected layout (`standard`, `bold`, `category_bar`, `jsonl`,
    `empty`, `unknown`, ...). `language` is `en`, `zh` or None when no summaries exist.
    """

    digest_date: date | None
    source: str | None
    template: str
    language: str | None
    sections: list[Section]
    entries: list[Entry]
    diagnostics: list[Diagnostic]

    @property
    def is_rejected(self) -> bool:
        """True when nothing in the file could be read as a digest: the pipeline rejects it whole."""
        return not self.entries and any(d.severity == "error" for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]
