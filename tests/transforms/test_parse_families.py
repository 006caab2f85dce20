"""The failure families real feeds showed (issue: right on every real feed), each as a rule, not a case.

One stock entry is varied the way forks vary it; each test states the fact a user relies on.
"""

from __future__ import annotations

import pytest

from transforms import parse_digest

STOCK = """### [1] [Owls at night](https://arxiv.org/abs/2506.00001)
*Ann Lee,Bo Chen*

Main category: cs.CV

TL;DR: Owls see well.


<details>
  <summary>Details</summary>
Motivation: Night vision matters.

Method: We looked.

Result: It works.

Conclusion: Owls win.

Abstract: We study owls.

</details>
"""


def one(text: str):
    (entry,) = parse_digest(text).entries
    return entry


def codes(text: str) -> dict[str, str]:
    return {d.code: d.severity for d in parse_digest(text).diagnostics}


# -- 1. other fields on the author line ---------------------------------------------------------------------
@pytest.mark.parametrize("line", ["*Ann Lee, Bo Chen* | **Main category: cs.CR**",
                                  "*Ann Lee, Bo Chen* · Main category: cs.CR",
                                  "*Ann Lee, Bo Chen* — **Main category:** cs.CR",
                                  "*Ann Lee, Bo Chen*&nbsp;&nbsp;|&nbsp;&nbsp;**Primary category: cs.CR**"])
def test_fields_after_the_author_list_fill_their_fields(line):
    e = one(STOCK.replace("*Ann Lee,Bo Chen*", line).replace("Main category: cs.CV\n", ""))
    assert e.authors == ["Ann Lee", "Bo Chen"] and e.main_category == "cs.CR"


def test_unknown_field_after_the_author_list_goes_to_extra():
    e = one(STOCK.replace("*Ann Lee,Bo Chen*", "*Ann Lee,Bo Chen* | **Affiliations:** MIT"))
    assert e.authors == ["Ann Lee", "Bo Chen"] and e.extra["affiliations"] == "MIT" and e.main_category == "cs.CV"


@pytest.mark.parametrize("lines", [
    "**Authors:** Ann Lee, Bo Chen\nMain category: cs.CV\nTL;DR: Owls see well.",  # bold, then plain: no blank line
    "作者: Ann Lee, Bo Chen\nMain category: cs.CV\nTL;DR: Owls see well.",
    "Authors: Ann Lee; Bo Chen\n\nMain category: cs.CV\n\nTL;DR: Owls see well.",
    "_Ann Lee, Bo Chen_\n\nMain category: cs.CV\n\nTL;DR: Owls see well.",
    "- **Authors:** Ann Lee, Bo Chen\n- **Main category:** cs.CV\n- **TL;DR:** Owls see well.",
    "- Authors: Ann Lee, Bo Chen\n- Main category: cs.CV\n- TL;DR: Owls see well.",
    "* **Authors**: Ann Lee, Bo Chen\n* **Main category**: cs.CV\n* **TL;DR**: Owls see well.",
])
def test_author_and_category_lines_in_other_forms_end_where_the_next_label_starts(lines):
    e = one(STOCK.replace("*Ann Lee,Bo Chen*\n\nMain category: cs.CV\n\nTL;DR: Owls see well.", lines))
    assert (e.authors, e.main_category, e.tldr) == (["Ann Lee", "Bo Chen"], "cs.CV", "Owls see well.")


def test_an_unknown_label_then_a_known_one_of_its_style_on_the_next_line_are_two_fields():
    e = one(STOCK.replace("Main category: cs.CV\n\nTL;DR: Owls see well.",
                          "Venue: CVPR 2026\nTL;DR: Owls see well."))
    assert e.extra["venue"] == "CVPR 2026" and e.tldr == "Owls see well."


def test_list_items_inside_a_summary_that_are_no_known_label_stay_in_it():
    method = "We look.\n- **Key insight:** owls blink.\n- Step 1: wait."
    e = one(STOCK.replace("Motivation: Night vision matters.", "Motivation: " + method))
    assert e.motivation == method and not e.extra


@pytest.mark.parametrize("block", ["<details>\n<summary>📄 Abstract</summary>\n\nWe study owls.\n\n</details>",
                                   "**Abstract**\n\nWe study owls."])
def test_an_abstract_named_by_a_decorated_summary_or_a_bold_name_alone(block):
    e = one(STOCK.split("<details>")[0] + block + "\n")
    assert (e.tldr, e.abstract) == ("Owls see well.", "We study owls.")


def test_a_bold_part_name_inside_an_abstract_stays_in_it():
    abstract = "We study owls.\n\n**Results**\n\nOwls win."
    assert one(STOCK.replace("Abstract: We study owls.", "Abstract: " + abstract)).abstract == abstract


@pytest.mark.parametrize("heading", ["## Computer Vision (cs.CV)", "## cs.CV - Computer Vision", "## 📷 cs.CV",
                                     "## **cs.CV**", "## cs.CV: Computer Vision", "## [cs.CV](#cs.CV)",
                                     "## 计算机视觉 (cs.CV)"])
def test_a_section_heading_naming_its_category_code_is_that_section(heading):
    (entry,) = parse_digest(f"# 2026-01-05\n\n{heading}\n\n{STOCK}").entries
    assert entry.section == "cs.CV"


@pytest.mark.parametrize("heading", ["## e-mail alerts", "## e.g. Foo", "## Related work"])
def test_a_heading_with_no_category_code_names_no_section(heading):
    (entry,) = parse_digest(f"# 2026-01-05\n\n## cs.LG\n\n{heading}\n\n{STOCK}").entries
    assert entry.section == "cs.LG"


@pytest.mark.parametrize("line", ["【TL;DR】Owls see well.", "【一句话总结】Owls see well.", "**TL;DR** Owls see well.",
                                  "__TL;DR:__ Owls see well.", "*TL;DR:* Owls see well.", "TL;DR — Owls see well.",
                                  "TL;DR - Owls see well."])
def test_a_known_label_in_other_emphasis_brackets_or_before_a_dash_opens_its_field(line):
    e = one(STOCK.replace("TL;DR: Owls see well.", line))
    assert (e.tldr, e.main_category, e.abstract) == ("Owls see well.", "cs.CV", "We study owls.") and not e.extra


def test_a_dash_after_an_unknown_word_or_inside_a_paragraph_starts_no_field():
    motivation = "Night vision matters.\nIn short - owls win.\n\nBirds - all of them - see."
    e = one(STOCK.replace("Motivation: Night vision matters.", "Motivation: " + motivation))
    assert e.motivation == motivation and not e.extra


# -- 2. more links after the title link ---------------------------------------------------------------------
@pytest.mark.parametrize("tail", [" [[back]](#top)", " [PDF](https://arxiv.org/pdf/2506.00001) [Code](https://github.com/o/r)",
                                  " | [HTML](https://arxiv.org/html/2506.00001v1)"])
def test_links_after_the_title_link_are_not_the_title(tail):
    e = one(STOCK.replace("(https://arxiv.org/abs/2506.00001)", "(http://arxiv.org/abs/2506.00001v2)" + tail))
    assert (e.title, e.arxiv_id, e.version) == ("Owls at night", "2506.00001", "2")


def test_a_title_holding_a_link_like_bracket_keeps_it():
    e = one(STOCK.replace("[Owls at night]", "[Codes over Z2[u,v](u2(1+u),v2(1+v2))]"))
    assert e.title == "Codes over Z2[u,v](u2(1+u),v2(1+v2))" and e.arxiv_id == "2506.00001"


@pytest.mark.parametrize("heading", ["### 1. [Owls at night](https://arxiv.org/abs/2506.00001)",
                                     "### 1) [Owls at night](https://arxiv.org/abs/2506.00001)"])
def test_a_heading_numbered_with_a_full_stop_is_a_paper(heading):
    e = one(STOCK.replace("### [1] [Owls at night](https://arxiv.org/abs/2506.00001)", heading))
    assert (e.title, e.arxiv_id, e.tldr) == ("Owls at night", "2506.00001", "Owls see well.")


@pytest.mark.parametrize("url, version", [("https://huggingface.co/papers/2506.00001", None),
                                          ("https://www.alphaxiv.org/abs/2506.00001v3", "3"),
                                          ("https://papers.cool/arxiv/2506.00001", None),
                                          ("https://doi.org/10.48550/arXiv.2506.00001", None)])
def test_a_title_linking_a_page_of_the_paper_elsewhere_keeps_its_arxiv_id(url, version):
    e = one(STOCK.replace("https://arxiv.org/abs/2506.00001", url))
    assert (e.arxiv_id, e.version, e.title) == ("2506.00001", version, "Owls at night")


def test_a_paragraph_of_links_under_the_abstract_is_the_papers_links_not_abstract_text():
    links = "[PDF](https://arxiv.org/pdf/2506.00001) | [Code](https://github.com/o/r)"
    e = one(STOCK.replace("Abstract: We study owls.", "Abstract: We study owls.\n\n" + links))
    assert e.abstract == "We study owls." and e.extra["links"] == links


# -- 3. labels the table does not know end the field above, in any script --------------------------------------
@pytest.mark.parametrize("label, key", [("Abstract Translation", "abstract_translation"), ("Key Figures", "key_figures"),
                                        ("研究问题", "研究问题"), ("主要创新点", "主要创新点"), ("Ключевые идеи", "ключевые_идеи")])
@pytest.mark.parametrize("colon", [":", "："])
def test_a_new_label_after_a_multiline_field_ends_it(label, key, colon):
    e = one(STOCK.replace("TL;DR: Owls see well.\n", f"TL;DR: Owls see well.\nMore of it.\n\n{label}{colon} Extra text.\n"))
    assert e.tldr == "Owls see well.\nMore of it."
    assert (e.abstract_translation if key == "abstract_translation" else e.extra[key]) == "Extra text."
    # after an abstract, a label written as the feed writes its labels (`:` here) ends it
    e = one(STOCK.replace("Abstract: We study owls.\n", f"Abstract: We study owls.\nMore of it.\n\n{label}: Extra text.\n"))
    assert e.abstract == "We study owls.\nMore of it."
    assert (e.abstract_translation if key == "abstract_translation" else e.extra[key]) == "Extra text."


def test_a_sub_heading_label_ends_the_field_and_keeps_its_paragraph():
    e = one(STOCK.replace("TL;DR: Owls see well.\n", "TL;DR: Owls see well.\n\n#### Key Idea\n\n核心洞察在于：夜视。\n"))
    assert e.tldr == "Owls see well." and e.extra["key_idea"] == "核心洞察在于：夜视。"


def test_label_like_lines_inside_a_paragraph_stay_text():
    motivation = "Night vision matters.\nNote: still the motivation.\nOur contributions are threefold: (1) owls."
    e = one(STOCK.replace("Motivation: Night vision matters.", "Motivation: " + motivation))
    assert e.motivation == motivation
    # a structured TL;DR whose sub-labels are written otherwise than the feed's labels is one value
    tldr = "背景：夜视。\n方法：观察。\n结论：猫头鹰赢。"
    assert one(STOCK.replace("TL;DR: Owls see well.", "TL;DR: " + tldr)).tldr == tldr


def test_a_sentence_with_a_full_width_colon_in_a_translation_is_text():
    text = STOCK.replace("Abstract: We study owls.\n", "Abstract: We study owls.\n\n中文摘要: 我们研究猫头鹰。\n\n"
                         "所有结果都基于统一框架：观察。\n")
    assert one(text).abstract_translation == "我们研究猫头鹰。\n\n所有结果都基于统一框架：观察。"


def test_structured_abstract_headings_stay_in_the_abstract():
    abstract = "We study owls.\n\nResults: owls win.\n\nMethod: we also try cats."
    assert one(STOCK.replace("Abstract: We study owls.", "Abstract: " + abstract)).abstract == abstract


@pytest.mark.parametrize("paragraph", ["We a:b", "Ratio 3:1 holds.", "Run at 12:30 daily.", "See C:\\owls."])
def test_a_colon_without_a_space_after_it_starts_no_label(paragraph):
    # `a:b` at a paragraph start is a ratio, a time or code: a label's ASCII colon has a space after it
    abstract = f"We study owls.\n\n{paragraph}"
    e = one(STOCK.replace("Abstract: We study owls.", "Abstract: " + abstract))
    assert e.abstract == abstract and not e.extra


# -- 4. decorations inside a value -----------------------------------------------------------------------------
@pytest.mark.parametrize("lead", ["[Topic][7.5] ✅ ", "⭐⭐⭐⭐ ", "[8.5/10] "])
def test_tags_scores_and_marks_before_a_tldr_are_metadata(lead):
    e = one(STOCK.replace("TL;DR: Owls see well.", "TL;DR: " + lead + "Owls see well."))
    assert e.tldr == "Owls see well." and e.extra["tldr_tags"] == lead.strip()


def test_a_word_in_brackets_leading_a_tldr_is_text():
    assert one(STOCK.replace("TL;DR: Owls", "TL;DR: [CLS] owls")).tldr == "[CLS] owls see well."


def test_score_and_recommendation_lines_are_extra_fields():
    e = one(STOCK.replace("Main category: cs.CV\n", "Main category: cs.CV\n\nScore: 4/5 | Tags: owls, night\n\n"
                          "Recommendation: read it.\n"))
    assert (e.extra["score"], e.extra["tags"], e.extra["recommendation"]) == ("4/5", "owls, night", "read it.")
    assert e.tldr == "Owls see well."


# -- the TL;DR's place, translations, severities ----------------------------------------------------------------
@pytest.mark.parametrize("slot", ["Owls see well.", "> Owls see well.", "论文概述：猫头鹰。"])
def test_a_paragraph_in_the_tldr_place_without_a_label_is_the_tldr(slot):
    e = one(STOCK.replace("TL;DR: Owls see well.", slot))
    assert e.tldr == slot.removeprefix("> ")


def test_an_abstract_in_chinese_is_the_translation():
    e = one(STOCK.replace("Abstract: We study owls.", "摘要: 我们研究猫头鹰的夜视能力。"))
    assert e.abstract is None and e.abstract_translation == "我们研究猫头鹰的夜视能力。"


def test_a_title_translation_under_the_heading_keeps_the_authors():
    e = one(STOCK.replace("*Ann Lee,Bo Chen*", "**中文标题：夜里的猫头鹰**\n\n*Ann Lee,Bo Chen*"))
    assert e.authors == ["Ann Lee", "Bo Chen"] and e.title_translation == "夜里的猫头鹰"


def test_an_entry_that_lost_its_authors_is_a_warning():
    assert codes(STOCK.replace("*Ann Lee,Bo Chen*\n", ""))["lost_fields"] == "warning"


def test_journal_items_keep_a_doi_id():
    e = one(STOCK.replace("https://arxiv.org/abs/2506.00001", "https://doi.org/10.1016/J.RSE.2026.1"))
    assert e.arxiv_id == "doi:10.1016/j.rse.2026.1" and "missing_arxiv_id" not in codes(STOCK)


@pytest.mark.parametrize("line", ["💡 TL;DR: Owls see well.", "> TL;DR: Owls see well.", "**📝 TL;DR:** Owls see well."])
def test_emoji_and_quoted_label_forms_fill_their_field(line):
    e = one(STOCK.replace("TL;DR: Owls see well.", line))
    assert e.tldr == "Owls see well." and not e.extra


# the template fuzzer's last pending families, as their smallest documents
HEAD = "### [1] [Owls at night](https://arxiv.org/abs/2601.00001)\n*Ann Lee*\n\nMain category: cs.LG\n\n"


@pytest.mark.parametrize("text", [HEAD + "TL;DR: Owls see\nwell.\n\n🧩 Gist: A value.\n",
                                  HEAD + "TL;DR: Owls see\nwell.\n\n> **Gist:** A value.\n"])
def test_an_unknown_label_with_a_mark_or_in_a_quote_ends_the_field(text):
    e = one(text)
    assert e.tldr == "Owls see\nwell." and e.extra["gist"] == "A value."


def test_a_mark_before_a_bold_label_and_na_as_a_summary():
    assert one(HEAD + "💡 **TL;DR:** Owls see well.\n").tldr == "Owls see well."
    assert one(HEAD + "TL;DR: N/A\n").tldr is None  # a placeholder: a failed summary, not text


# -- structured abstracts whose part headings are also field labels ------------------------------------------
ZH_STOCK = """### [1] [Owls at night](https://arxiv.org/abs/2506.00001)
*Ann Lee,Bo Chen*

主分类：cs.CV

一句话总结：猫头鹰视力好。


<details>
  <summary>Details</summary>
动机：夜视很重要。

方法：我们观察了。

结果：有效。

结论：猫头鹰胜出。

摘要：背景：夜视研究尚少。
方法：我们用红外相机拍摄。
结果：识别率很高。

</details>
"""


@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_part_headings_of_a_chinese_abstract_stay_in_it_when_their_fields_came_above(sep):
    e = one(ZH_STOCK.replace("\n方法：我们用", f"{sep}方法：我们用").replace("\n结果：识别", f"{sep}结果：识别"))
    text = e.abstract or e.abstract_translation
    assert text.startswith("背景：夜视研究尚少。") and "方法：我们用红外相机拍摄。" in text
    assert text.endswith("结果：识别率很高。")
    assert (e.method, e.result) == ("我们观察了。", "有效。")


def test_a_chinese_field_label_after_the_abstract_still_opens_its_field_when_not_given_above():
    text = ZH_STOCK.replace("方法：我们观察了。\n\n", "").replace("\n方法：我们用红外相机拍摄。", "\n\n方法：我们观察了。")
    e = one(text)
    assert e.method == "我们观察了。" and "方法" not in (e.abstract or e.abstract_translation)


def test_a_label_given_twice_keeps_both_values():
    e = one(STOCK.replace("TL;DR: Owls see well.", "TL;DR: Owls see well.\n\nTL;DR: 猫头鹰视力好。"))
    assert e.tldr == "Owls see well." and e.extra["tldr_2"] == "猫头鹰视力好。"
    assert codes(STOCK.replace("TL;DR: Owls see well.", "TL;DR: Owls see well.\n\nTL;DR: Other."))["repeated_label"] \
        == "warning"  # text that is in no field of the entry is never only an info
    same = STOCK.replace("TL;DR: Owls see well.", "TL;DR: Owls see well.\n\nTL;DR: Owls  see well.")
    assert codes(same) == {"repeated_label": "info"} and one(same).extra == {}


# -- fields joined by HTML line breaks ------------------------------------------------------------------------
@pytest.mark.parametrize("br", ["<br>", "<br/>", " <br /> ", "<br/> ", "<BR>", "<Br/>"])
def test_fields_joined_by_html_line_breaks_each_fill_their_field(br):
    text = (STOCK.replace("*Ann Lee,Bo Chen*\n\nMain category: cs.CV\n\nTL;DR: Owls see well.",
                          f"*Ann Lee,Bo Chen*{br}Main category: cs.CV{br}TL;DR: Owls see well.{br}")
            .replace("Method: We looked.\n\nResult: It works.", f"**Method:** We looked.{br}**Result:** It works.")
            .replace("Abstract: We study owls.", f"Abstract: We study owls.{br}\nAt night."))
    e = one(text)
    assert e.authors == ["Ann Lee", "Bo Chen"] and e.main_category == "cs.CV" and e.tldr == "Owls see well."
    assert (e.method, e.result, e.conclusion) == ("We looked.", "It works.", "Owls win.")
    assert e.abstract == "We study owls.\nAt night." and e.extra == {}


# -- the author line without italics or a label ----------------------------------------------------------------
@pytest.mark.parametrize("line, names", [
    ("Ann Lee, Bo Chen", ["Ann Lee", "Bo Chen"]),
    ("Ann Lee, Bo Chen, and Carl J. van der Berg", ["Ann Lee", "Bo Chen", "Carl J. van der Berg"]),
    ("Ann Lee · Bo Chen", ["Ann Lee", "Bo Chen"]),
    ("Jean-Luc Picard; Seán O'Brien", ["Jean-Luc Picard", "Seán O'Brien"]),
    ("李安，陈波", ["李安", "陈波"]),
    ("👥 Ann Lee, Bo Chen", ["Ann Lee", "Bo Chen"]),
])
def test_a_bare_author_line_under_the_heading_is_the_author_list(line, names):
    text = STOCK.replace("*Ann Lee,Bo Chen*", line)
    e = one(text)
    assert e.authors == names and e.main_category == "cs.CV" and e.extra == {}
    assert codes(text) == {"bare_author_line": "info"}


@pytest.mark.parametrize("line", ["Owls see well at night.", "We propose Owl, a model.", "cs.CV",
                                  "Ann Lee (MIT), Bo Chen", "Published 2025-06-01"])
def test_a_bare_line_that_is_not_a_name_list_stays_unlabelled_text(line):
    text = STOCK.replace("*Ann Lee,Bo Chen*", line)
    e = one(text)
    assert e.authors == [] and e.extra["unlabelled"] == line
    assert codes(text)["lost_fields"] == "warning"


# -- a label in a code span, and a one-line field's paragraph ------------------------------------------------
@pytest.mark.parametrize("line", ["`TL;DR:` Owls see well.", "`TL;DR`: Owls see well."])
def test_a_label_in_a_code_span_opens_its_field_without_the_backticks(line):
    e = one(STOCK.replace("TL;DR: Owls see well.", line))
    assert e.tldr == "Owls see well." and e.main_category == "cs.CV"


def test_a_paragraph_after_a_one_line_field_is_never_glued_onto_its_value():
    text = STOCK.replace("TL;DR: Owls see well.", "``Odd``: a line no rule reads.")
    e = one(text)
    assert e.main_category == "cs.CV" and e.categories == ["cs.CV"]
    assert "Odd" in (e.tldr or e.extra.get("unlabelled", ""))  # kept as text of its own, never lost


# -- paper headings with text after the title link, or a plain title before the links ------------------------
@pytest.mark.parametrize("heading, tail", [
    ("### [1] [Owls at night](https://arxiv.org/abs/2506.00001) ⭐ 8.5", "⭐ 8.5"),
    ("### [1] [Owls at night](https://arxiv.org/abs/2506.00001) (arXiv:2506.00001) [PDF](https://arxiv.org/pdf/2506.00001)",
     "(arXiv:2506.00001) [PDF](https://arxiv.org/pdf/2506.00001)"),
    ("### [1] Owls at night [[arXiv]](https://arxiv.org/abs/2506.00001)", None),
    ("### 1. Owls at night [PDF](https://arxiv.org/pdf/2506.00001) | [Code](https://github.com/o/w)", None),
    ("## Owls at night [arXiv](https://arxiv.org/abs/2506.00001)", None),
    ("### 📄 [Owls at night](https://arxiv.org/abs/2506.00001)", None),
    ("### Paper 1: [Owls at night](https://arxiv.org/abs/2506.00001)", None),
    ("### [1] **[Owls at night](https://arxiv.org/abs/2506.00001)**", None),
    ("### [1] [**Owls at night**](https://arxiv.org/abs/2506.00001)", None),
    ('### [1] [Owls at night](https://arxiv.org/abs/2506.00001 "Owls")', None),
    ('### [1] <a href="https://arxiv.org/abs/2506.00001">Owls at night</a>', None),
])
def test_a_paper_heading_keeps_its_title_whatever_follows_the_link(heading, tail):
    e = one(STOCK.replace("### [1] [Owls at night](https://arxiv.org/abs/2506.00001)", heading))
    assert (e.arxiv_id, e.title, e.authors) == ("2506.00001", "Owls at night", ["Ann Lee", "Bo Chen"])
    assert e.extra.get("heading_tail") == tail


def test_a_sub_heading_with_a_link_inside_an_entry_is_no_paper():
    text = STOCK.replace("Abstract: We study owls.", "#### Code [GitHub](https://github.com/o/w)\n\nAbstract: We study owls.")
    e = one(text)
    assert e.abstract == "We study owls." and e.arxiv_id == "2506.00001"


# -- author lists that carry more than names ------------------------------------------------------------------
@pytest.mark.parametrize("line", [
    "*Ann Lee, Bo Chen, et al.*", "*Ann Lee, Bo Chen, ... (+12 more)*", "*Ann Lee, Bo Chen (+3 more authors)*",
    "*Ann Lee, Bo Chen …*", "*[Ann Lee](https://arxiv.org/a/lee_a_1), [Bo Chen](https://arxiv.org/a/chen_b_1)*",
    "*Ann Lee¹, Bo Chen²†*", "*Ann Lee and Bo Chen*", "**Authors:** Ann Lee & Bo Chen", "Authors: Ann Lee, and Bo Chen",
])
def test_an_author_list_holds_only_the_names(line):
    assert one(STOCK.replace("*Ann Lee,Bo Chen*", line)).authors == ["Ann Lee", "Bo Chen"]


def test_names_that_contain_the_words_more_or_others_stay_whole():
    e = one(STOCK.replace("*Ann Lee,Bo Chen*", "*Anand Moreno, Othersen Li, Carl van der Berg*"))
    assert e.authors == ["Anand Moreno", "Othersen Li", "Carl van der Berg"]


# -- category values that say more than the code -------------------------------------------------------------
@pytest.mark.parametrize("line", ["Main category: cs.CV (Computer Vision)",
                                  "Main category: [cs.CV](https://arxiv.org/list/cs.CV/new)",
                                  "Main category: Computer Vision and Pattern Recognition (cs.CV)",
                                  "Subjects: Computer Vision and Pattern Recognition (cs.CV); Machine Learning (cs.LG)"])
def test_a_category_value_that_names_its_code_is_the_code(line):
    e = one(STOCK.replace("Main category: cs.CV", line))
    assert e.main_category == "cs.CV" and e.categories[0] == "cs.CV"
    assert set(e.categories) <= {"cs.CV", "cs.LG"}


def test_a_category_without_a_code_stays_as_written():
    e = one(STOCK.replace("Main category: cs.CV", "Main category: Remote Sensing of Environment"))
    assert e.main_category == "Remote Sensing of Environment"


# -- a value written in emphasis or in a quote ---------------------------------------------------------------
@pytest.mark.parametrize("old, new", [
    ("TL;DR: Owls see well.", "**TL;DR:** *Owls see well.*"),
    ("TL;DR: Owls see well.", "**TL;DR:** _Owls see well._"),
    ("TL;DR: Owls see well.", "***TL;DR:*** Owls see well."),
    ("Abstract: We study owls.", "**Abstract:**\n> We study owls."),
])
def test_a_value_in_emphasis_or_a_quote_is_its_text(old, new):
    e = one(STOCK.replace(old, new))
    assert (e.tldr, e.abstract) == ("Owls see well.", "We study owls.")


def test_emphasis_inside_a_value_stays():
    e = one(STOCK.replace("TL;DR: Owls see well.", "TL;DR: *Owls* see *well*"))
    assert e.tldr == "*Owls* see *well*"


def test_a_numbered_label_is_the_field_not_a_list():
    e = one(STOCK.replace("Motivation: Night vision matters.\n\nMethod: We looked.",
                          "1. **Motivation:** Night vision matters.\n2. **Method:** We looked."))
    assert (e.motivation, e.method) == ("Night vision matters.", "We looked.") and e.extra == {}


# -- a paper heading without a link, its arXiv link on the line below -----------------------------------------
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
def test_a_heading_over_a_line_of_links_is_the_paper(sep):
    second = STOCK.replace("2506.00001", "2506.00002").replace("Owls at night", "Bats at dusk")
    text = "## cs.CV\n\n" + "\n\n".join(
        s.replace(f"### [{i}] [{t}](https://arxiv.org/abs/{a})", f"### {i}. {t}{sep}[arXiv](https://arxiv.org/abs/{a})"
                  f" | [PDF](https://arxiv.org/pdf/{a})")
        for i, (s, t, a) in enumerate([(STOCK, "Owls at night", "2506.00001"),
                                       (second.replace("[1]", "[2]"), "Bats at dusk", "2506.00002")], 1))
    d = parse_digest(text)
    assert [(e.arxiv_id, e.title, e.authors, e.tldr) for e in d.entries] == [
        ("2506.00001", "Owls at night", ["Ann Lee", "Bo Chen"], "Owls see well."),
        ("2506.00002", "Bats at dusk", ["Ann Lee", "Bo Chen"], "Owls see well.")]
    assert [x.code for x in d.diagnostics] == []  # no note about the titles as sub-headings or stray text


def test_a_sub_heading_over_an_arxiv_link_inside_a_linked_entry_stays_in_it():
    text = STOCK.replace("Abstract: We study owls.",
                         "#### Related work\n[arXiv](https://arxiv.org/abs/2401.00002)\n\nAbstract: We study owls.")
    d = parse_digest(text)
    assert [e.arxiv_id for e in d.entries] == ["2506.00001"] and d.entries[0].abstract == "We study owls."


# STOCK twice, as papers 1 and 2 (index, title, id), and what reading the two gives
TWO_PAPERS = [(1, "Owls at night", "2506.00001"), (2, "Bats at dusk", "2506.00002")]
TWO_READ = [("2506.00001", "Owls at night", ["Ann Lee", "Bo Chen"], "We study owls."),
            ("2506.00002", "Bats at dusk", ["Ann Lee", "Bo Chen"], "We study owls.")]


def two_papers(heading) -> str:
    """The two papers, each with its heading written by `heading(index, title, id)`."""
    second = STOCK.replace("2506.00001", "2506.00002").replace("[1] [Owls at night]", "[2] [Bats at dusk]")
    return "\n\n".join(s.replace(f"### [{i}] [{t}](https://arxiv.org/abs/{a})", heading(i, t, a))
                       for s, (i, t, a) in zip((STOCK, second), TWO_PAPERS))


def read_two(text: str) -> tuple[list, list[str]]:
    d = parse_digest(text)
    return [(e.arxiv_id, e.title, e.authors, e.abstract) for e in d.entries], [x.code for x in d.diagnostics]


# -- a paper heading without a link, its arXiv id or bare URL on the line below ----------------------------------
@pytest.mark.parametrize("sep", ["\n", "\n\n"])
@pytest.mark.parametrize("line", ["**arXiv ID:** {a}", "arXiv:{a}", "**arXiv:** {a}", "ID: {a}",
                                  "https://arxiv.org/abs/{a}", "<https://arxiv.org/abs/{a}>",
                                  "- **Link**: https://arxiv.org/abs/{a}", "📄 [arXiv](https://arxiv.org/abs/{a})",
                                  "链接: https://arxiv.org/abs/{a}", "**Paper:** [arXiv:{a}](https://arxiv.org/abs/{a})",
                                  "arXiv: {a} | [PDF](https://arxiv.org/pdf/{a})"])
def test_a_heading_over_an_id_line_is_the_paper(line, sep):
    text = "## cs.CV\n\n" + two_papers(lambda i, t, a: f"### {i}. {t}{sep}" + line.format(a=a))
    assert read_two(text) == (TWO_READ, [])


@pytest.mark.parametrize("line", ["Code: https://github.com/owls/owls", "See https://arxiv.org/abs/2401.00002 for more.",
                                  "2401.00002", "Based on [prior work](https://arxiv.org/abs/2401.00002) we go on."])
def test_a_line_under_a_sub_heading_that_is_no_id_line_stays_in_the_entry(line):
    text = STOCK.replace("Abstract: We study owls.", f"#### Related work\n{line}\n\nAbstract: We study owls.")
    d = parse_digest(text)
    assert [e.arxiv_id for e in d.entries] == ["2506.00001"] and d.entries[0].abstract == "We study owls."


@pytest.mark.parametrize("line", ["Code: https://github.com/owls/owls", "See https://arxiv.org/abs/2401.00002 for more.",
                                  "2401.00002 was cited"])
def test_a_heading_over_a_line_that_is_no_id_line_starts_no_paper(line):
    d = parse_digest(f"## cs.CV\n\n### 1. Owls at night\n{line}\n\n" + STOCK)
    assert [e.arxiv_id for e in d.entries] == ["2506.00001"]


def test_a_heading_without_a_link_after_linked_papers_at_its_level_is_a_paper_too():
    """A feed that links most titles and writes a few (with brackets in them, say) as a heading over the URL."""
    second = STOCK.replace("### [1] [Owls at night](https://arxiv.org/abs/2506.00001)",
                           "### GraphVis: Bats at dusk\nhttps://arxiv.org/abs/2506.00002")
    d = parse_digest(STOCK + "\n" + second)
    assert [(e.arxiv_id, e.title, e.abstract) for e in d.entries] == [
        ("2506.00001", "Owls at night", "We study owls."), ("2506.00002", "GraphVis: Bats at dusk", "We study owls.")]
    assert [x.code for x in d.diagnostics] == []


@pytest.mark.parametrize("line", ["https://arxiv.org/abs/2506.00002", "arXiv:2506.00002", "[arXiv](https://arxiv.org/abs/2506.00002)"])
def test_a_heading_over_an_id_line_right_after_an_open_abstract_starts_the_next_paper(line):
    first = "### 1. Owls at night\nhttps://arxiv.org/abs/2506.00001\n*Ann Lee*\n\nAbstract:\nWe study owls.\n\n\n"
    d = parse_digest(first + first.replace("1. Owls at night", "2. Bats at dusk").replace(
        "https://arxiv.org/abs/2506.00001", line).replace("owls", "bats"))
    assert [(e.arxiv_id, e.title, e.abstract) for e in d.entries] == [
        ("2506.00001", "Owls at night", "We study owls."), ("2506.00002", "Bats at dusk", "We study bats.")]


# -- a paper heading that names its arXiv id in its text instead of linking it ------------------------------------
@pytest.mark.parametrize("heading", ["### [{i}] {t} (arXiv:{a})", "### {t} [{a}]", "### [{a}] {t}", "### arXiv:{a} {t}",
                                     "### {a}: {t}", "## {t} ({a})", "### {i}. {t} | arXiv:{a}", "#### arXiv:{a}v2 - {t}",
                                     "### {t}（arXiv:{a}）", "### **{t}** (arXiv:{a})"])
def test_a_heading_naming_its_arxiv_id_is_the_paper(heading):
    assert read_two(two_papers(lambda i, t, a: heading.format(i=i, t=t, a=a))) == (TWO_READ, [])


@pytest.mark.parametrize("heading", ["#### Related (arXiv:2401.00002)", "#### 2401.00002: the baseline",
                                     "#### Results on 2024.12345 images", "### Results 2401.00002 beat"])
def test_a_sub_heading_citing_an_id_inside_an_entry_stays_in_it(heading):
    d = parse_digest(STOCK.replace("Abstract: We study owls.", f"{heading}\n\nAbstract: We study owls."))
    assert [e.arxiv_id for e in d.entries] == ["2506.00001"] and d.entries[0].abstract == "We study owls."


@pytest.mark.parametrize("title", ["GraphVis: Bats at dusk", "GraphVis: Unified Neural Radiance Fields for Bat Detection"])
def test_a_title_with_a_colon_over_an_id_line_keeps_the_main_category_before_the_details(title):
    """The heading first reads as a label (`GraphVis:`); once the id line makes it a title nothing of that stays."""
    second = (STOCK.replace("### [1] [Owls at night](https://arxiv.org/abs/2506.00001)",
                            f"### {title}\narXiv:2506.00002").replace("TL;DR: Owls see well.\n", ""))
    _, e = parse_digest(STOCK + "\n" + second).entries
    assert (e.title, e.main_category, e.tldr, e.extra) == (title, "cs.CV", None, {})


# -- author lists in other forms ---------------------------------------------------------------------------------
@pytest.mark.parametrize("line", ["> *Ann Lee, Bo Chen*", "*Authors: Ann Lee, Bo Chen*", "*作者：Ann Lee, Bo Chen*",
                                  "*Authors:* Ann Lee, Bo Chen", "**Ann Lee, Bo Chen**", "By Ann Lee, Bo Chen",
                                  "*By Ann Lee, Bo Chen*", "> *Ann Lee and Bo Chen*"])
def test_an_author_list_quoted_in_bold_labelled_or_after_by_is_the_author_list(line):
    e = one(STOCK.replace("*Ann Lee,Bo Chen*", line))
    assert (e.authors, e.main_category, e.tldr, e.extra) == (["Ann Lee", "Bo Chen"], "cs.CV", "Owls see well.", {})


@pytest.mark.parametrize("line", ["> *猫头鹰的夜视，蝙蝠的回声*", "> *Owls at Night*", "> *The owls, the bats*"])
def test_a_quoted_title_translation_under_the_heading_is_no_author_list(line):
    e = one(STOCK.replace("*Ann Lee,Bo Chen*", line + "\n*Ann Lee,Bo Chen*"))
    assert (e.title_translation, e.authors) == (line[3:-1], ["Ann Lee", "Bo Chen"])


def test_a_bold_line_under_the_heading_that_is_no_name_list_is_not_the_authors():
    d = parse_digest(STOCK.replace("*Ann Lee,Bo Chen*", "**A study of owls at night**"))
    assert (d.entries[0].authors, d.entries[0].extra) == ([], {"unlabelled": "A study of owls at night"})
    assert codes(STOCK.replace("*Ann Lee,Bo Chen*", "**Owls**"))["lost_fields"] == "warning"


# -- fields written as a Markdown table --------------------------------------------------------------------------
TABLE = """### [1] [Owls at night](https://arxiv.org/abs/2506.00001)
*Ann Lee,Bo Chen*

HEADER| {b}Main category{b} | `cs.CV` |
| {b}💡 TL;DR{b} | Owls see well. |
| {b}Motivation{c}{b} | Night vision matters. |
| {b}Method{c}{b} | We looked. |
| {b}Result{c}{b} | It works.<br>At night. |
| {b}Conclusion{c}{b} | Owls win \\| or draw. |
| {b}Key idea{c}{b} | Eyes. |

Abstract: We study owls.
"""


@pytest.mark.parametrize("header", ["", "| Field | Value |\n|---|---|\n", "| **字段** | **内容** |\n| :--- | :--- |\n"])
@pytest.mark.parametrize("bold,colon", [("", ""), ("**", ""), ("**", ":")])
def test_a_table_of_fields_fills_each_field_and_its_unknown_rows_go_to_extra(header, bold, colon):
    e = one(TABLE.replace("HEADER", header).replace("{b}", bold).replace("{c}", colon))
    assert (e.main_category, e.tldr, e.motivation, e.method, e.result, e.conclusion, e.abstract) == (
        "cs.CV", "Owls see well.", "Night vision matters.", "We looked.", "It works.\nAt night.", "Owls win | or draw.",
        "We study owls.")
    assert e.extra == {"key_idea": "Eyes."} and e.authors == ["Ann Lee", "Bo Chen"]


def test_a_wider_table_or_a_table_inside_an_abstract_paragraph_stays_text():
    wide = one(STOCK.replace("Result: It works.", "Result: It works.\n\n| model | acc | f1 |\n|---|---|---|\n| a | 1 | 2 |"))
    assert wide.result == "It works.\n\n| model | acc | f1 |\n|---|---|---|\n| a | 1 | 2 |"
    inside = one(STOCK.replace("Abstract: We study owls.", "Abstract: We study owls.\n| Owls | 3 |"))
    assert inside.abstract == "We study owls.\n| Owls | 3 |" and inside.extra == {}


@pytest.mark.parametrize("data", ["| model | acc |\n|---|---|\n| ours | 0.9 |", "| Method | Acc |\n|---|---|\n| Ours | 0.9 |"])
def test_a_two_column_table_of_data_inside_a_field_stays_in_it(data):
    e = one(STOCK.replace("Result: It works.", f"Result: It works.\n\n{data}"))
    assert (e.result, e.extra) == (f"It works.\n\n{data}", {})


@pytest.mark.parametrize("line", ["**Ann Lee, 黄婷, Bo Chen**", "> *黄婷, Ann Lee*"])
def test_a_bold_or_quoted_author_list_may_hold_names_in_a_caseless_script(line):
    assert one(STOCK.replace("*Ann Lee,Bo Chen*", line)).authors == line.strip("*> ").split(", ")


# -- a digest without paper headings: each paper a line of its linked title --------------------------------------
@pytest.mark.parametrize("form", ["**[{i}] [{t}]({u})**", "**[{t}]({u})**", "{i}. **[{t}]({u})**", "- [{t}]({u})",
                                  "[{t}]({u})", "**{i}. [{t}]({u})**", "- **[{t}]({u})** [PDF]({u})"])
def test_a_digest_whose_papers_are_lines_of_linked_titles_reads_every_paper(form):
    entries = [(i, t, a) for i, t, a in [(1, "Owls at night", "2506.00001"), (2, "Bats at dusk", "2506.00002")]]
    text = "# 2025-06-01\n\n" + "\n".join(
        STOCK.replace("### [1] [Owls at night](https://arxiv.org/abs/2506.00001)",
                      form.format(i=i, t=t, u=f"https://arxiv.org/abs/{a}")) for i, t, a in entries)
    d = parse_digest(text)
    assert [(e.arxiv_id, e.title, e.authors, e.abstract) for e in d.entries] == [
        ("2506.00001", "Owls at night", ["Ann Lee", "Bo Chen"], "We study owls."),
        ("2506.00002", "Bats at dusk", ["Ann Lee", "Bo Chen"], "We study owls.")]
    assert [(x.code, x.severity) for x in d.diagnostics] == [("papers_as_links", "info")]


def test_link_lines_are_no_papers_where_the_digest_has_paper_headings_or_only_generic_links():
    cited = one(STOCK.replace("Result: It works.", "Result: It works.\n\n- [Prior owls work](https://arxiv.org/abs/2401.00002)"))
    assert cited.arxiv_id == "2506.00001" and cited.result.endswith("[Prior owls work](https://arxiv.org/abs/2401.00002)")
    d = parse_digest("# 2025-06-01\n\n- [PDF](https://arxiv.org/pdf/2506.00001)\n- [arXiv](https://arxiv.org/abs/2506.00002)\n")
    assert d.entries == [] and "not_a_digest" in codes("- [PDF](https://arxiv.org/pdf/2506.00001)\n")


# -- fields indented under a list item ---------------------------------------------------------------------------
@pytest.mark.parametrize("indent", ["  ", "   ", "\t"])
@pytest.mark.parametrize("mark", ["- ", "", "1. "])
def test_known_labels_indented_under_the_paper_fill_their_fields(indent, mark):
    e = one("1. **[Owls at night](https://arxiv.org/abs/2506.00001)**\n" + "".join(
        f"{indent}{mark}{line}\n" for line in ["**Authors:** Ann Lee, Bo Chen", "**Main category:** cs.CV",
                                               "TL;DR: Owls see well.", "**Abstract:** We study owls."]))
    assert (e.title, e.authors, e.main_category, e.tldr, e.abstract) == (
        "Owls at night", ["Ann Lee", "Bo Chen"], "cs.CV", "Owls see well.", "We study owls.")


def test_indented_text_and_unknown_indented_lines_stay_as_written():
    blob = '{\n  "tldr": "x",\n  - point: one\n    Note: two\n}'
    e = one(STOCK.replace("Result: It works.", f"Result: It works.\n{blob}"))
    assert e.result == f"It works.\n{blob}" and e.extra == {}


# -- a main category written as its code alone, after a mark ---------------------------------------------------
@pytest.mark.parametrize("line,main,cats", [("🏷️ cs.CR", "cs.CR", ["cs.CR"]), ("📂 `cs.CR`", "cs.CR", ["cs.CR"]),
                                            ("cs.CR, cs.LG", "cs.CR", ["cs.CR", "cs.LG"]),
                                            ("🏷 q-bio.NC | cs.AI", "q-bio.NC", ["q-bio.NC", "cs.AI"])])
def test_a_line_of_category_codes_in_the_main_category_slot_is_the_main_category(line, main, cats):
    d = parse_digest(STOCK.replace("Main category: cs.CV", line))
    e = d.entries[0]
    assert (e.main_category, e.categories, e.tldr, e.extra) == (main, cats, "Owls see well.", {})
    assert codes(STOCK.replace("Main category: cs.CV", line)) == {"bare_category_line": "info"}


@pytest.mark.parametrize("line", ["🏷️ cs.CR is the area", "cs.CR: security"])
def test_a_line_with_words_besides_codes_is_no_category_line(line):
    e = one(STOCK.replace("Main category: cs.CV", line))
    assert e.main_category is None and e.extra.get("unlabelled", e.extra.get("cs_cr")) is not None


def test_wrapped_lines_of_an_indented_field_are_its_text_and_the_next_list_item_is_the_next_paper():
    d = parse_digest("1. **[Owls at night](https://arxiv.org/abs/2506.00001)**\n"
                     "   - **Authors:** Ann Lee, Bo Chen\n   - **TL;DR:** Owls see\n     well at night.\n"
                     "   - **Abstract:** We study owls\n     in the dark.\n"
                     "2. **[Bats at dusk](https://arxiv.org/abs/2506.00002)**\n   - **Abstract:** We study bats.\n")
    assert [(e.arxiv_id, e.tldr, e.abstract) for e in d.entries] == [
        ("2506.00001", "Owls see\nwell at night.", "We study owls\nin the dark."), ("2506.00002", None, "We study bats.")]
