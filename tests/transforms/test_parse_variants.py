"""Every template variant the feeds use, as small hand-written digests (no third-party text)."""

from __future__ import annotations

from datetime import date

import pytest

from transforms import parse_digest

STANDARD = """<div id=toc></div>

# Table of Contents

- [cs.CV](#cs.CV) [Total: 2]


<div id='cs.CV'></div>

# cs.CV [[Back]](#toc)

### [1] [Seeing Owls at Night](https://arxiv.org/abs/2506.00001)
*Ana Ruiz,Bo Li,Chloé O'Neil-Smith*

Main category: cs.CV

TL;DR: Owls see well.


<details>
  <summary>Details</summary>
Motivation: Night vision matters.

Method: We looked.

Result: It works.

Conclusion: Owls win.

Abstract: First line of the abstract
wraps here.

Our contributions are threefold:
Conclusion: this wrapped line is abstract text, not a label.

</details>


### [2] [Second Paper](https://arxiv.org/abs/2506.00002v3)
*Dee Dee*

Main category: cs.CV

TL;DR: Short.


<details>
  <summary>Details</summary>
Motivation: M.

Method: N.

Result: R.

Conclusion: C.

Abstract: A.

</details>
"""


def test_standard_template_reads_every_field_whole():
    d = parse_digest(STANDARD, source="std.md")
    assert d.template == "standard" and d.language == "en"
    assert [s.code for s in d.sections] == ["cs.CV"] and d.sections[0].declared_total == 2
    first, second = d.entries
    assert first.arxiv_id == "2506.00001" and first.version is None and first.position == 1
    assert first.title == "Seeing Owls at Night"
    assert first.authors == ["Ana Ruiz", "Bo Li", "Chloé O'Neil-Smith"]
    assert first.main_category == "cs.CV" and first.categories == ["cs.CV"] and first.section == "cs.CV"
    assert (first.tldr, first.motivation, first.method, first.result, first.conclusion) == (
        "Owls see well.", "Night vision matters.", "We looked.", "It works.", "Owls win.")
    assert first.abstract == ("First line of the abstract\nwraps here.\n\nOur contributions are threefold:\n"
                              "Conclusion: this wrapped line is abstract text, not a label.")
    assert second.arxiv_id == "2506.00002" and second.version == "3" and second.position == 2
    assert not d.diagnostics


def test_tldr_spelled_without_semicolon():
    d = parse_digest(STANDARD.replace("TL;DR:", "TLDR:"))
    assert [e.tldr for e in d.entries] == ["Owls see well.", "Short."]


PRE_SUMMARY = """### [A Paper Without Labels](https://arxiv.org/abs/2503.00001)
*A One,B Two*
<details>
  <summary>Abstract</summary>
We study a thing.
It wraps at eighty columns.
</details>

### [Another](http://arxiv.org/pdf/2503.00002v2)
*C Three*
<details>
  <summary>Abstract</summary>
Short abstract.
</details>"""


def test_pre_summary_template_has_abstract_only_and_no_trailing_newline():
    d = parse_digest(PRE_SUMMARY)
    assert d.template == "pre_summary" and d.language is None and d.sections == []
    a, b = d.entries
    assert a.section is None and a.abstract == "We study a thing.\nIt wraps at eighty columns."
    assert a.tldr is None and a.main_category is None
    assert (b.arxiv_id, b.version, b.url) == ("2503.00002", "2", "http://arxiv.org/pdf/2503.00002v2")
    assert not d.diagnostics


EARLY = """### [Early Layout](https://arxiv.org/abs/2503.00003)
*X Y*

Task: 提出一种方法。

Motivation: 因为需要。

<details>
  <summary>Details</summary>
Method: 方法。

Result: 结果。

Conclusion: 结论。

Abstract: English abstract.

</details>
"""


def test_early_summary_maps_task_to_tldr_and_motivation_before_details():
    d = parse_digest(EARLY)
    (e,) = d.entries
    assert d.template == "early_summary" and d.language == "zh"
    assert e.tldr == "提出一种方法。" and e.motivation == "因为需要。" and e.method == "方法。"
    assert "task" not in e.extra and e.abstract == "English abstract."


BOLD = """# 2025-07-03

<div id=toc></div>

## Table of Contents

- [cs.HC](#cs.HC) [Total: 1]

<div id='cs.HC'></div>

## cs.HC [[Back]](#toc)

### [1] [Bold Paper](https://arxiv.org/abs/2507.00001)

*Jane Q. Doe, Ö. Ünal, J.-P. d'Arc*

**Main category:** cs.HC

**Keywords:** HCI, user study,  accessibility

**Relevance Score:** 8

**TL;DR:** A bold summary.

**Read time:** 12 min

<details>
  <summary>Details</summary>

**Motivation:** Why.

**Method:** 

**Key Contributions:**

\t1. First thing: it matters.
\t2. Second thing.

**Result:** What.

**Limitations:** 

**Future Work:** More.

**Conclusion:** So.

**Abstract:** One line abstract.   Background: kept.

</details>
"""


def test_bold_template_reads_lists_scores_and_empty_values():
    d = parse_digest(BOLD)
    (e,) = d.entries
    assert d.template == "bold" and d.digest_date == date(2025, 7, 3)
    assert e.authors == ["Jane Q. Doe", "Ö. Ünal", "J.-P. d'Arc"]
    assert e.keywords == ["HCI", "user study", "accessibility"]
    assert e.extra == {"relevance_score": "8", "read_time": "12", "future_work": "More.",
                       "key_contributions": "First thing: it matters.\nSecond thing."}
    assert e.method is None and e.tldr == "A bold summary." and e.conclusion == "So."
    assert e.abstract == "One line abstract.   Background: kept."
    assert d.sections[0].declared_total == 1 and not d.diagnostics


CATEGORY_BAR = """# arXiv digest 2025-08-01

### [Bar Paper](https://arxiv.org/abs/2508.00001)
*A B, C D* | **Category: cs.CR, cs.AI**

> *条形标题的翻译*

**TL;DR:** Bar summary.

<details>
  <summary>Details</summary>

**Motivation:** M.

**Abstract:** The abstract.

</details>

> **ai_Abstract:** 中文的摘要
> 第二行

---

### [Second](https://arxiv.org/abs/2508.00002)
*E F* | **Category: cs.LG**

**TL;DR:** Two.
"""


def test_category_bar_fills_all_categories_and_translations():
    d = parse_digest(CATEGORY_BAR)
    a, b = d.entries
    assert d.template == "category_bar"
    assert a.authors == ["A B", "C D"] and a.main_category == "cs.CR" and a.categories == ["cs.CR", "cs.AI"]
    assert a.title_translation == "条形标题的翻译"
    assert a.abstract == "The abstract." and a.abstract_translation == "中文的摘要\n第二行"
    assert b.categories == ["cs.LG"] and b.tldr == "Two."
    assert not [x for x in d.diagnostics if x.severity != "info"]


ZH = """<div id=toc></div>

## 目录

- [cs.CR](#cscr) (2 篇)

## cs.CR (2 篇)

## <a id="2606.31978v1"></a>[零宽标题 $x_1$ 与 [方括号]](http://arxiv.org/abs/2606.31978v1)
*张三,李四*

**主类别：** cs.CR &nbsp;|&nbsp; **关键词：** 安全，隐私

主分类：cs.CR

一句话结论：一句话。

<details>
  <summary>更多信息</summary>

英文原始摘要: An English abstract
on two lines.
> **摘要翻译:** 两行的
> 中文摘要

</details>

## <a id="2606.31979"></a>[Second](https://arxiv.org/abs/2606.31979)
*王五*

一句话结论: 第二篇。
"""


def test_chinese_labels_anchor_headings_and_piped_bold_labels():
    d = parse_digest(ZH)
    a, b = d.entries
    assert d.template == "zh_labels" and d.language == "zh"
    assert d.sections[0].code == "cs.CR" and d.sections[0].declared_total == 2
    assert (a.arxiv_id, a.version) == ("2606.31978", "1")
    assert a.title == "零宽标题 $x_1$ 与 [方括号]"
    assert a.main_category == "cs.CR" and a.keywords == ["安全", "隐私"]
    assert a.tldr == "一句话。" and a.abstract == "An English abstract\non two lines."
    assert a.abstract_translation == "两行的\n中文摘要"
    assert b.tldr == "第二篇。" and b.section == "cs.CR"


EMOJI = """### [1] [Emoji Paper](https://arxiv.org/abs/2509.00001)
*A B*

#### 🧩 TL;DR
Emoji summary
over two lines.

#### 💡 Motivation
Why it matters.

#### 🔧 Method
How.
"""


def test_emoji_heading_labels_open_fields():
    d = parse_digest(EMOJI)
    (e,) = d.entries
    assert d.template == "emoji_heading"
    assert e.tldr == "Emoji summary\nover two lines." and e.motivation == "Why it matters." and e.method == "How."


def test_titles_with_brackets_latex_backticks_and_link_text():
    lines = [
        "### [1] [Dynamic [${}^{18}$F]FDG PET with `code` and *stars* and _under_](https://arxiv.org/abs/2510.21281)",
        "*A*",
        "### [2] [A [link](x) inside a title](https://arxiv.org/abs/2510.21282)",
        "*B*",
    ]
    d = parse_digest("\n".join(lines) + "\n")
    assert [e.title for e in d.entries] == [
        "Dynamic [${}^{18}$F]FDG PET with `code` and *stars* and _under_", "A [link](x) inside a title"]
    assert [e.arxiv_id for e in d.entries] == ["2510.21281", "2510.21282"]


def test_html_in_values_read_with_entities_and_tags_but_pseudo_tags_kept():
    text = ("### [T &amp; U <small>(v2)</small>](https://arxiv.org/abs/2501.00001)\n*A*\n\n"
            "TL;DR: Uses <think> and <answer> tags, p<0.05, R&D.\n\n"
            "Motivation: Fish&nbsp;and chips <img src='x.png'> done.\n")
    (e,) = parse_digest(text).entries
    assert e.title == "T & U (v2)"
    assert e.tldr == "Uses <think> and <answer> tags, p<0.05, R&D."
    assert e.motivation == "Fish and chips  done."


def test_heading_without_index_and_old_style_id():
    d = parse_digest("### [Old](https://arxiv.org/abs/hep-th/9901001v2)\n*A*\n")
    assert (d.entries[0].arxiv_id, d.entries[0].version) == ("hep-th/9901001", "2")


UNKNOWN_LABELS = """# 2026-01-03

## cs.LG

### [1] [Sparse Owls](https://arxiv.org/abs/2601.00011)
*Ana Ruiz, Bo Li*

Main category: cs.LG

Gist: Owls, but sparse.

TL;DR: Sparse owls see well.

Motivation: Owls are dense.
Note: this line is more of the motivation.
Our contributions are threefold:
(1) fewer owls; (2) faster owls.

Abstract: We study owls.
Gist: still the abstract.

### [2] [Bold Owls](https://arxiv.org/abs/2601.00012)
*Chloé O'Neil-Smith*

**Main category:** cs.CV
**Key idea:** bold owls
**Highlights:**
- one
- two
**We list what follows below here:**
**TL;DR:** Bold owls win.

### [3] [Plain Owls](https://arxiv.org/abs/2601.00013)
*Dee Dee*

Main category: cs.AI

A paragraph that is no label at all.

TL;DR: Plain.
"""


def test_labels_the_table_does_not_know_go_to_extra_and_do_not_glue_onto_the_field_above():
    d = parse_digest(UNKNOWN_LABELS)
    first, second, third = d.entries
    # a plain `Name: value` after a one-line field is a label of its own, not more of the category
    assert first.main_category == "cs.LG" and first.categories == ["cs.LG"]
    assert first.extra == {"gist": "Owls, but sparse."}
    assert first.tldr == "Sparse owls see well."
    # inside a summary, label-like lines stay text; inside the abstract, everything does
    assert first.motivation == ("Owls are dense.\nNote: this line is more of the motivation.\n"
                                "Our contributions are threefold:\n(1) fewer owls; (2) faster owls.")
    assert first.abstract == "We study owls.\nGist: still the abstract."
    # bold labels are labels wherever they stand; a bold lead-in sentence without a value is not
    assert second.main_category == "cs.CV"
    assert second.extra == {"key_idea": "bold owls",
                            "highlights": "- one\n- two\n**We list what follows below here:**"}
    assert second.tldr == "Bold owls win."
    # text that is no label after a one-line field ends it and is reported, not made part of the category
    assert third.main_category == "cs.AI" and third.tldr == "Plain."
    unknown = [x for x in d.diagnostics if x.code == "unknown_label"]
    at = {line: n for n, line in enumerate(UNKNOWN_LABELS.splitlines(), 1)}
    assert [(x.severity, x.line) for x in unknown] == [  # once per name and file
        ("info", at["Gist: Owls, but sparse."]), ("info", at["**Key idea:** bold owls"]), ("info", at["**Highlights:**"])]
    assert "extra['key_idea']" in unknown[1].message
    assert any(x.code == "unlabelled_text" and x.line == at["A paragraph that is no label at all."]
               for x in d.diagnostics)


def test_an_unknown_label_never_takes_an_entry_attribute_or_a_known_field():
    d = parse_digest(UNKNOWN_LABELS.replace("Gist: Owls, but sparse.", "Title: Another title"))
    assert d.entries[0].title == "Sparse Owls"
    assert d.entries[0].extra == {"label_title": "Another title"}


def test_a_category_written_as_a_code_span_is_read_without_its_backticks():
    """wwj281 (2026-06-23) writes `Main category: `cs.CL``; the twin's category is cs.CL."""
    text = STANDARD.replace("Main category: cs.CV", "Main category: `cs.CV`")
    assert text != STANDARD
    assert [e.main_category for e in parse_digest(text).entries] == ["cs.CV", "cs.CV"]


def test_a_title_holding_a_link_and_then_brackets_keeps_its_paper_link():
    """A heading without an index whose title holds `[x](y)` and later `[Extended Version]`: the title ends at
    the last `](`, since `[Extended Version]](url)` is no link after the title (its brackets do not balance)."""
    title = "Owls on [u,v](u2(1+u),v) at Night [Extended Version]"
    for tail in ("", " [[back]](#top)", " [PDF](https://arxiv.org/pdf/2506.00001)"):
        (e,) = parse_digest(f"### [{title}](https://arxiv.org/abs/2506.00001){tail}\n*A B*\n").entries
        assert (e.title, e.arxiv_id) == (title, "2506.00001"), tail


def test_a_one_line_field_whose_value_sits_below_its_label_ends_after_that_value():
    """`#### Main category` with `cs.LG` on the next line is over after that line: the paragraph after it (here
    lix8886's unlabelled TL;DR) is not glued to the category."""
    text = ("### [1] [Owls at night](https://arxiv.org/abs/2601.00001)\n*Ann Lee*\n\n#### Main category\ncs.LG\n\n"
            "Owls see well.\n\n<details>\n<summary>Details</summary>\n\nAbstract: We study owls.\n\n</details>\n")
    (e,) = parse_digest(text).entries
    assert (e.main_category, e.tldr, e.abstract) == ("cs.LG", "Owls see well.", "We study owls.")


@pytest.mark.parametrize("heading", ["## JAG (1 篇)", "## JAG [Total: 1]", "## JAG"])
def test_a_journal_section_without_a_back_link_is_a_section_when_counted_or_listed(heading):
    """`## JAG (1 篇)` carries a paper count; a bare `## JAG` counts because the table of contents lists it."""
    text = ("<div id=toc></div>\n\n# Table of Contents\n\n- [JAG](#JAG) [Total: 1]\n\n" + heading + "\n\n"
            "### [1] [Owls at night](https://arxiv.org/abs/2601.00001)\n*Ann Lee*\n\nAbstract: We study owls.\n")
    (e,) = parse_digest(text).entries
    assert (e.section, e.abstract) == ("JAG", "We study owls.")
    assert parse_digest(text.replace("- [JAG](#JAG) [Total: 1]\n", "")).entries[0].section == (
        None if heading == "## JAG" else "JAG")  # a bare heading nothing names is no section


def test_an_empty_bold_or_plain_field_takes_no_label_as_its_value():
    """ZL-Asica leaves failed summaries empty (`**Method:**`); the label after it is a field of its own. Under a
    heading label (`#### Key Idea`) the paragraph is the value, whatever it starts with."""
    head = "### [1] [Owls at night](https://arxiv.org/abs/2601.00001)\n*Ann Lee*\n\nMain category: cs.LG\n\n"
    for empty in ("**Method:**", "Method:", "**Method**:"):
        (e,) = parse_digest(head + empty + "\n\nGist: A value.\n").entries
        assert (e.method, e.extra.get("gist")) == (None, "A value."), empty
    (e,) = parse_digest(head + "#### Method\n\n核心洞察在于：简单。\n").entries
    assert e.method == "核心洞察在于：简单。" and not e.extra


def test_an_empty_tldr_keeps_its_place_from_the_next_label():
    """An empty `**TL;DR:**` is the entry's TL;DR (None): a label after it, before <details>, is no TL;DR."""
    text = ("### [1] [Owls at night](https://arxiv.org/abs/2601.00001)\n*Ann Lee*\n\nMain category: cs.LG\n\n"
            "**TL;DR:**\n\n**Gist:** A value.\n\n<details>\n<summary>Details</summary>\n\nAbstract: A.\n\n</details>\n")
    (e,) = parse_digest(text).entries
    assert (e.tldr, e.extra.get("gist"), e.abstract) == (None, "A value.", "A.")
