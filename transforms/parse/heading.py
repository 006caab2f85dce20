"""Reading the structural lines of a digest: paper headings, category headings, TOC lines, author lines.

Pure string functions; the rules in `rules.py` decide what a match means for the parse state.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ANCHOR = re.compile(r"""^<a\s+(?:id|name)\s*=\s*["']?([^"'>\s]*)["']?\s*>\s*</a>\s*""", re.IGNORECASE)
_INDEX = re.compile(r"^\[(\d{1,6})\]\s*(?=\[)")
CATEGORY = re.compile(r"^[a-z][a-z\-]*(?:\.[A-Za-z][A-Za-z\-]*)?$")
_BACK = re.compile(r"\s*\[\[?(?:Back|返回|Top)\]?\]\(#[^)]*\)\s*$", re.IGNORECASE)
_COUNT = re.compile(r"\s*[(（\[]\s*(?:Total:\s*)?(\d+)\s*(?:篇|papers?)?\s*[)）\]]\s*$", re.IGNORECASE)
_TOC_LINE = re.compile(r"^[-*+]\s+\[([^\]]+)\]\(#[^)]*\)(.*)$")
TOC_TITLES = frozenset({"table of contents", "contents", "目录", "toc"})
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\b")
# The usual paper heading, `### [N] [Title](https://arxiv.org/abs/ID)`, read whole: groups index, title
# with its closing `]`, url, id, version, exactly as heading_level + paper_heading + arxiv_from_url read it
# (the url holds no `](`, so the title ends at the last one, as paper_heading's rfind finds it). The `]`
# sits inside the title group so the regex backs up to each `]` directly (~3 k instructions less a heading).
PAPER_LINE = re.compile(r"#{1,6}[ \t]+\[(\d{1,6})\]\s*\[(.*\])\((https://arxiv\.org/abs/(\d{4}\.\d{4,5})(?:v(\d+))?)\)")


class PaperHeading(NamedTuple):
    index: int | None
    title: str
    url: str
    anchor: str | None


def heading_level(line: str) -> tuple[int, str]:
    """(level, text) of an ATX heading line, or (0, "") when the line is not one."""
    level = len(line) - len(line.lstrip("#"))
    if level == 0 or level > 6 or (len(line) > level and line[level] not in " \t"):
        return 0, ""
    return level, line[level:].strip()


def paper_heading(text: str) -> PaperHeading | None:
    """`[N] [Title](url)`, `[Title](url)` or `<a id=..></a>[Title](url)`; the link is read from the END.

    Titles may hold `[`, `]`, `$`, `*`, backticks and even `](`, so we take the last `](` whose
    remainder up to the final `)` has no space (a URL), not a first-match regex.
    """
    anchor = None
    m = _ANCHOR.match(text) if text[:2] in ("<a", "<A") else None  # skip the regex call when it cannot match
    if m:
        anchor, text = m.group(1), text[m.end():]
    m = _INDEX.match(text) if text[1:2].isdecimal() else None  # \d is a decimal digit
    index = int(m.group(1)) if m else None
    if m:
        text = text[m.end():]
    if not text.startswith("[") or not text.endswith(")"):
        return None
    cut = text.rfind("](")
    if cut < 1:
        return None
    url = text[cut + 2:-1].strip()
    if not url or " " in url:
        return None
    return PaperHeading(index, text[1:cut], url, anchor)


def paper_line(m: re.Match) -> PaperHeading:
    """The PaperHeading of a PAPER_LINE match."""
    return _tuple_new(PaperHeading, (int(m[1]), m[2][:-1], m[3], None))


_tuple_new = tuple.__new__  # skips NamedTuple's Python-level __new__


def section_heading(text: str, declared=()) -> str | None:
    """The category code of `cs.CV [[Back]](#toc)`, `cs.CV`, `cs.CR (24 篇)`; None for other headings.

    A section that is no category code (Long-Holiday's journals: `ISPRS J P&RS [[Back]](#toc)`) counts when
    the heading carries a section's back link or paper count, or its name is one of the `declared` sections
    (the table of contents')."""
    bare = _BACK.sub("", text)
    code = _COUNT.sub("", bare).strip()
    if CATEGORY.match(code) and ("." in code or "-" in code):
        return code
    if code and code[0] != "[" and (code != text or code in declared):
        return code
    return None


def toc_line(line: str) -> tuple[str, int | None] | None:
    """(`cs.CV`, 57) from `- [cs.CV](#cs.CV) [Total: 57]` or `- [cs.CR](#cscr) (24 篇)`; None otherwise."""
    m = _TOC_LINE.match(line)
    if not m:
        return None
    code = m.group(1).strip()
    total = _COUNT.match(m.group(2))
    return code, int(total.group(1)) if total else None


def author_line(line: str) -> tuple[list[str], list[str]] | None:
    """Authors (and bar categories) from `*A,B,C*` or `*A, B* | **Category: x, y**`; None otherwise."""
    stripped = line.strip()
    if not stripped.startswith("*") or stripped.startswith("**"):
        return None
    categories: list[str] = []
    bar = stripped.find("* |")
    if bar > 0:
        tail = stripped[bar + 3:].strip().strip("*").strip()
        name, _, value = tail.partition(":") if ":" in tail else tail.partition("：")
        if not value:
            return None
        categories = [c.strip() for c in value.replace("，", ",").split(",") if c.strip()]
        body = stripped[1:bar]
    elif stripped.endswith("*") and len(stripped) > 2:
        body = stripped[1:-1]
    else:
        return None
    return split_authors(body), categories


def split_authors(body: str) -> list[str]:
    """Names from `A,B,C` or `A, B, C` (names never hold commas in these feeds)."""
    return list(filter(None, map(str.strip, body.replace("，", ",").split(","))))  # no bytecode per name
