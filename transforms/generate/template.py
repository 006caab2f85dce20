"""The fuzzer's template: a description of how one digest is laid out, built from the blocks real feeds use.

A `Template` names, for one document: the header (table of contents or not), category headings, the paper
heading (`#` to `####`, index `[N]`, anchor, trailing links, or no link and the id below), the author line
(form, separator, trailing field), per field a label spelling and a label form (plain, bold, heading, quote, emoji, value on the next line), the
`<details>` block, hard wraps and label-like lines inside values, failed summaries, and invented labels.
transforms.generate.grammar picks one at random; transforms.generate.layout writes entries in it.
FEATURES are the blocks the parser does not read back yet: a grammar only uses those it is given.
"""

from __future__ import annotations

from dataclasses import dataclass

# Blocks beyond the ones that always round-trip, each named after what it writes.
FEATURES = frozenset({
    "link_tail",  # `[Title](url) [[back]](#top)` or `... [PDF](…) [Code](…)` after the title link
    "author_tail",  # `*A, B* | **Main category: cs.CR**` (or another label) and other separators after the authors
    "invented_plain",  # an invented label as `Name: value` (bold ones, `**Name:** value`, are always in)
    "invented_after_abstract",  # an invented label after the abstract (or the translations after it)
    "invented_heading",  # an invented label as a heading (`#### Key Figures`, `#### 💡 研究问题`)
    "invented_emoji",  # an invented label after a mark (`🧩 Gist: v`)
    "invented_quote",  # an invented label in a quote (`> **Key Figures:** …`)
    "invented_value_next_line",  # `Key Figures:` with its value on the next line
    "decorations",  # `[Topic][7.5] ✅ `, `⭐⭐⭐⭐ ` before a summary's text
    "emoji_bold",  # `💡 **Motivation:** value`
    "backticked_category",  # Main category: `cs.CV`
    "title_line",  # `**中文标题：** …` between the paper heading and the author line
    "unlabelled_tldr",  # the TL;DR as a bare paragraph after the main category
    "journal_sections",  # category headings named after journals (`## ISPRS J P&RS [[Back]](#toc)`)
    "journal_sections_unmarked",  # ... with a paper count instead (`## JAG (3 篇)`) or only named by the TOC
    "empty_tldr",  # a TL;DR label with no value (a failed summary left empty)
    "publication_block",  # fyrsta7: `Comments:`, `Journal reference:`, `DOI:` paragraphs after the main category
    "link_like_titles",  # titles holding `[u,v](u2(1+u),v)` or `see [this](link)` (EddieYang717 2026-05-06)
    "doi_items",  # Long-Holiday's journal items: `[Title](https://doi.org/10.1016/…)`, id `doi:10.1016/…`
    "piped_fields",  # `Score: 4/5 | Tags: a, b` (zndxyhn): two fields on one line after the main category
    "figures_block",  # `Key Figures:` followed by `#### Figure 1` sub-headings and images (#13 family 3)
    "empty_field_then_label",  # an empty field (`**Method:**`) right before a plain label in no table
    "na_placeholder",  # `N/A` as a failed summary
    "ascii_label_after_abstract",  # `Abstract Translation: …` (a known plain ASCII label) after the abstract
    "label_like_with_value",  # `Note: the gains vary.` after a hard wrap inside a value (it stays in the value)
    "break_after_abstract",  # `---` between entries right after an abstract (no <details> around it)
    "link_below",  # `### 1. Title` without a link, the paper's links, id or URL on the next line (`**arXiv ID:** …`),
    # or the id in the heading itself (`### [1] Title (arXiv:ID)`)
    "author_forms",  # the author list quoted, in bold, labelled in the italics, after `By`, or bare
    "br_breaks",  # the author line and the main category joined by `<br>` on one line
    "table_fields",  # the main category and the fields before <details> as rows of one Markdown table
})
DEFAULT_FEATURES: frozenset[str] = frozenset()

SUMMARY_FIELDS = ("tldr", "motivation", "method", "result", "conclusion")
FORMS = ("plain", "bold", "bold_outside", "heading", "quote", "emoji_heading", "emoji_bold", "emoji_plain",
         "quote_plain", "plain_next", "bold_next")
PLAIN_FORMS = ("plain", "plain_next", "emoji_plain", "quote_plain")  # `Name: value` without bold or heading
PLACEHOLDERS = ("Summary generation failed", "Error", "Analysis unavailable", "")  # "" : an empty value


@dataclass(frozen=True)
class Style:
    """How one label is written: its form (see FORMS), the name as spelled, and its colon (`:` or `：`)."""

    form: str
    name: str
    colon: str = ":"


@dataclass(frozen=True)
class Invented:
    """A label in no table, written after field `after` (`main_category`, a summary field, `abstract`, ...)."""

    style: Style
    after: str
    script: str  # latin | cjk | cyrillic


@dataclass(frozen=True)
class Template:
    """One document's layout. Fields are written in `order`; from `order[split]` on they sit inside <details>."""

    header: str  # toc | toc_bold | date | none
    section_level: int  # 0: no category headings, else `#` or `##`
    section_div: bool
    section_suffix: str  # back | count | none
    journal_sections: bool
    paper_level: int
    index: bool
    anchor: bool
    link_tail: str  # "" | back | pdf_code
    link_below: str  # "" | links | id | url: no link in the heading, on the line under it; heading_id: in it
    http_version: bool  # `http://arxiv.org/abs/IDvN` links
    blank_after_heading: bool
    title_line: Style | None  # a title translation between heading and authors
    author_sep: str
    author_tail: str | None  # separator before the trailing category field, or None
    author_form: str  # italic | quoted | bold | labelled | by | bare (a list of two or more plain names only)
    br_main: str  # "" or how the main category follows the author line on its line (`<br>`, `<br/>`, `<BR>`)
    author_tail_label: str  # that field's label: a main category or categories spelling, or an invented one
    main: Style | None  # the main category's own line (None when the author line carries it)
    backticked: bool
    styles: dict[str, Style]
    order: tuple[str, ...]
    split: int  # len(order) when there is no <details>
    summary_text: str  # Details | 详细信息 | More | Abstract (the last opens the abstract, unlabelled)
    blank_after_summary: bool
    invented: tuple[Invented, ...]
    figures: Style | None  # `Key Figures:` then `#### Figure 1` sub-headings with an image and a caption each
    figures_after: str
    publication: str  # the colon of the publication block (or, where a paper has none, empty lines); "": none
    piped: tuple[str, str] | None  # the two label names of a `Score: 4/5 | Tags: a, b` line
    heading_marks: str  # `####` of heading-form labels
    wrap: int | None
    label_like: bool
    decoration: str  # tags, a score or marks written before the text of field `decorated` ("" for none)
    decorated: str
    unlabelled_tldr: bool
    placeholders: tuple[str, ...]
    breaks: bool  # `---` between entries
    crlf: bool
    final_newline: bool
    features: frozenset[str]
    table_rows: bool = False  # the main category and the fields before <details>: `| Name | value |` rows
