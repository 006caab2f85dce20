"""The alias table: every label a feed writes, mapped to the field it fills.

A new feed variant that only renames a label is one new line here. Keys are compared
lower-cased with inner whitespace collapsed; the colon (ASCII or full-width) is not part of them.
"""

from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from typing import NamedTuple

from transforms.model import Entry


class Label(NamedTuple):
    """Where a labelled value goes (`field`: an Entry attribute or an `extra` key) and how it is read."""

    field: str
    kind: str = "text"  # text | list | keywords | categories | authors | minutes | score


_TABLE: dict[Label, tuple[str, ...]] = {
    Label("main_category"): ("main category", "primary category", "primary subject", "主分类", "主类别", "主要类别",
                             "主要分类"),
    Label("categories", "categories"): ("category", "categories", "subjects", "分类", "类别"),
    Label("tldr"): ("tl;dr", "tldr", "tl; dr", "task", "一句话结论", "一句话总结", "太长不看", "摘要简述"),
    Label("motivation"): ("motivation", "动机", "研究动机"),
    Label("method"): ("method", "方法", "研究方法"),
    Label("result"): ("result", "结果", "实验结果", "研究结果"),
    Label("conclusion"): ("conclusion", "结论", "研究结论"),
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

# `**Name:** value` (also `**Name**:`, `**Name: **`, full-width colons): group 1 is the name, the value follows.
# Greedy, not lazy: a lazy name retries the closing alternation at every character (~3x slower).
BOLD_LABEL = re.compile(r"\*\*([^*:：\n]{1,60})(?:[:：]\s*\*\*|\*\*\s*[:：])")
# `Name: value` with the first colon (ASCII or full-width) at 1-39 characters: what plain_label_rule finds.
PLAIN_LABEL = re.compile(r"([^:：]{1,39})[:：]")

ALIASES: dict[str, Label] = {alias: label for label, names in _TABLE.items() for alias in names}

# Fields whose value is one line: text after them, past a blank line, is no part of the value (`Main category:
# cs.LG`, then `Gist: …` from a feed we have never seen would make "cs.LG\n\nGist: …" a category).
SINGLE_LINE = frozenset({"main_category", "relevance_score", "read_time", "code_url", "title_translation"})

# Fields a template writes before the abstract: inside an abstract an ASCII label of one of these is text
# ("Method: we also try a baseline." in a wrapped abstract); labels of fields that follow an abstract
# (translations, comment, keywords, code) and unknown labels end it when they start a paragraph.
BEFORE_ABSTRACT = frozenset({"main_category", "categories", "authors", "tldr", "motivation", "method", "result",
                             "conclusion", "abstract"})
# Headings of a structured abstract ("Results: ..."): paragraphs of the abstract, never a new field.
ABSTRACT_HEADINGS = frozenset({
    "background", "backgrounds", "context", "introduction", "objective", "objectives", "aim", "aims", "purpose",
    "goal", "goals", "motivation", "problem", "method", "methods", "methodology", "approach", "design",
    "setting", "settings", "participants", "materials", "materials and methods", "experiments", "evaluation",
    "result", "results", "findings", "finding", "main results", "discussion", "conclusion", "conclusions",
    "significance", "implications", "limitations", "contributions", "summary", "abstract", "note", "notes",
})

# `extra` keys an unknown label may not take: Entry attributes and the fields known labels fill.
_RESERVED = frozenset(f.name for f in dataclasses.fields(Entry)) | frozenset(lb.field for lb in ALIASES.values())
_NOT_IN_NAMES = re.compile(r"[.,;!?\"`$\[\]{}<>#|*=~^@\\，。；！？、“”]|//")
_MARKS = re.compile(r"^[^\w(（]+")  # emoji, arrows, bullets before a label name
_CJK_RUN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
_KEY_BREAK = re.compile(r"[\W_]+")


@lru_cache(maxsize=1024)  # a feed repeats its own labels on every entry
def extra_label(name: str, *, heading: bool = False) -> Label | None:
    """The `extra` field for a label the table does not know (`Gist` -> extra['gist'], `Key idea` -> 'key_idea'),
    or None when `name` does not read as a label name: at most 40 characters (12 in CJK script), starting with
    a letter, without sentence punctuation, markup or a URL; 1-2 words, or up to 4 in Title Case ("Why It
    Matters"), so "Our contributions are threefold" reads as a sentence. A heading (`#### Key Idea`) is a
    label by its form: up to 6 words in any case."""
    name = name.strip()
    if name and not name[0].isalnum():  # `🧩 Gist`: marks before the name
        name = _MARKS.sub("", name)
    if not name or len(name) > 40 or not name[0].isalpha() or _NOT_IN_NAMES.search(name):
        return None
    words = name.split()
    if len(words) > (6 if heading else 4) or (not name.isascii() and _CJK_RUN.search(name) and len(name) > 12):
        return None
    if len(words) > 2 and not heading and not all(w[0].isupper() or not w[0].isalpha() for w in words):
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
    "failed to generate analysis", "failed to generate", "no summary available", "error", "n/a",
    "生成失败", "暂无总结", "总结失败",
)


def lookup(name: str) -> Label | None:
    """The Label a raw label name (without colon or markup) stands for, or None when unknown. A trailing
    qualifier in brackets names the same field (`Abstract (英文)`, `TL;DR（中文）`)."""
    key = name.strip().lower()
    if "  " in key or "\t" in key:
        key = " ".join(key.split())
    label = ALIASES.get(key)
    if label is None and key and not key[0].isalnum():  # `💡 TL;DR`, `📌 Motivation`: marks before the name
        key = _MARKS.sub("", key).removesuffix("`")  # and `` `TL;DR`: `` a label in a code span
        label = ALIASES.get(key)
    if label is None and key.endswith((")", "）")):
        head = _QUALIFIER.sub("", key)
        label = ALIASES.get(head) if head != key else None
    return label


_QUALIFIER = re.compile(r"\s*[(（][^()（）]{1,20}[)）]$")
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
