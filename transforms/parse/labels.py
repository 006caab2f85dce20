"""The alias table: every label a feed writes, mapped to the field it fills.

A new feed variant that only renames a label is one new line here. Keys are compared
lower-cased with inner whitespace collapsed; the colon (ASCII or full-width) is not part of them.
"""

from __future__ import annotations

from typing import NamedTuple


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
