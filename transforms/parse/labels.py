"""The alias table: every label a feed writes, mapped to the field it fills.

A new feed variant that only renames a label is one new line here. Keys are compared
lower-cased with inner whitespace collapsed; the colon (ASCII or full-width) is not part of them.
"""

from __future__ import annotations

import dataclasses
import re
from typing import NamedTuple

from transforms.model import Entry


class Label(NamedTuple):
    """Where a labelled value goes (`field`: an Entry attribute or an `extra` key) and how it is read."""

    field: str
    kind: str = "text"  # text | list | keywords | categories | authors | minutes | score


_TABLE: dict[Label, tuple[str, ...]] = {
    Label("main_category"): ("main category", "primary category", "主分类", "主类别", "主要类别"),
    Label("categories", "categories"): ("category", "categories", "分类", "类别"),
    Label("tldr"): ("tl;dr", "tldr", "tl; dr", "task", "一句话结论", "一句话总结", "太长不看"),
    Label("motivation"): ("motivation", "动机", "研究动机"),
    Label("method"): ("method", "方法", "研究方法"),
    Label("result"): ("result", "结果", "实验结果"),
    Label("conclusion"): ("conclusion", "结论"),
    Label("abstract"): ("abstract", "英文原始摘要", "原始摘要", "英文摘要", "摘要", "original abstract"),
    Label("abstract_translation"): ("摘要翻译", "ai_abstract", "中文摘要", "abstract translation",
                                    "translated abstract"),
    Label("title_translation"): ("标题翻译", "title translation", "中文标题"),
    Label("comment"): ("comment", "comments", "备注"),
    Label("authors", "authors"): ("authors", "作者"),
    Label("keywords", "keywords"): ("keywords", "关键词"),
    Label("relevance_score", "score"): ("relevance score", "relevance", "importance score", "相关性评分", "相关性"),
    Label("read_time", "minutes"): ("read time", "reading time", "阅读时间"),
    Label("key_contributions", "list"): ("key contributions", "主要贡献", "核心贡献"),
    Label("limitations"): ("limitations", "局限性"),
    Label("future_work"): ("future work", "未来工作"),
    Label("code_url"): ("code", "代码"),
}

ALIASES: dict[str, Label] = {alias: label for label, names in _TABLE.items() for alias in names}

# Fields whose value is one line: text after them, past a blank line, is no part of the value (`Main category:
# cs.LG`, then `Gist: …` from a feed we have never seen would make "cs.LG\n\nGist: …" a category).
SINGLE_LINE = frozenset({"main_category", "relevance_score", "read_time", "code_url"})

# `extra` keys an unknown label may not take: Entry attributes and the fields known labels fill.
_RESERVED = frozenset(f.name for f in dataclasses.fields(Entry)) | frozenset(lb.field for lb in ALIASES.values())
_NOT_IN_NAMES = re.compile(r"[.,;!?\"`$\[\]{}<>#|*=~^@\\]|//")
_KEY_BREAK = re.compile(r"[\W_]+")


def extra_label(name: str) -> Label | None:
    """The `extra` field for a label the table does not know (`Gist` -> extra['gist'], `Key idea` -> 'key_idea'),
    or None when `name` does not read as a label name: 1-4 words, at most 40 characters, starting with a letter,
    without sentence punctuation, markup or a URL."""
    name = name.strip()
    if not name or len(name) > 40 or not name[0].isalpha() or len(name.split()) > 4 or _NOT_IN_NAMES.search(name):
        return None
    key = _KEY_BREAK.sub("_", name.lower()).strip("_")
    if not key:
        return None
    return Label(f"label_{key}" if key in _RESERVED else key)


# Labels whose name is plain ASCII: inside an abstract a wrapped line may begin with one
# ("Conclusion: ..."), so there they only count in a stronger form (bold, heading, quote).
WEAK_INSIDE_ABSTRACT = frozenset(a for a in ALIASES if a.isascii())

# Summary text of a <details> block that opens a field by itself (pre-summary template).
SUMMARY_OPENS = {"abstract": "abstract", "摘要": "abstract", "英文原始摘要": "abstract"}

# Values a feed writes when its summariser failed; the field becomes None. A value must BE one of
# these (or one followed by `:`/`(`/`.` and detail), never merely contain it. yukari502 2025-09-12
# writes a bare `Error` into all five summary fields.
PLACEHOLDERS = (
    "summary generation failed", "analysis unavailable", "summary unavailable", "summary not available",
    "error generating summary", "failed to generate summary", "failed to generate a summary",
    "failed to generate analysis", "failed to generate", "no summary available", "error",
    "生成失败", "暂无总结", "总结失败",
)


def lookup(name: str) -> Label | None:
    """The Label a raw label name (without colon or markup) stands for, or None when unknown."""
    key = name.strip().lower()
    if "  " in key or "\t" in key:
        key = " ".join(key.split())
    return ALIASES.get(key)


_FIRST_CHARS = frozenset(p[0] for p in PLACEHOLDERS)
# Every character whose lower() starts a placeholder (checked over all code points): a value whose first
# character is not one of these is no placeholder, which callers test before calling is_placeholder.
PLACEHOLDER_FIRST = _FIRST_CHARS | frozenset(c.upper() for c in _FIRST_CHARS)


def is_placeholder(value: str) -> bool:
    """True when a summary value IS a feed's failure placeholder (not text that mentions a failure)."""
    if len(value) > 100 or value[:1].lower() not in _FIRST_CHARS:
        return False
    low = value.strip().lower()
    if not low.startswith(PLACEHOLDERS):  # one C-level check rejects real summaries
        return False
    rest = next(low[len(p):] for p in PLACEHOLDERS if low.startswith(p)).strip(" .!。！")
    return not rest or rest[0] in ":：(（-"
