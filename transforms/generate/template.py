"""The fuzzer's grammar: a random `Template` describing how one digest is laid out, from the blocks real feeds use.

`random_template(rng, features)` picks, once per document: the header (table of contents or not), category
headings, the paper heading (`#` to `####`, index `[N]`, anchor, trailing links), the author line (separator,
trailing category field), per field a label spelling from the alias table (transforms.parse.labels) and a
label form (plain, bold, heading, quote, emoji, value on the next line), the `<details>` block, hard wraps and
label-like lines inside values, failed summaries, and invented labels (Latin, CJK, Cyrillic; in no table).
`features` switches on the blocks that do not round-trip yet (FEATURES), so none is dropped silently.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from transforms.generate.labels import invented_label, invented_labels, label_spellings

# Blocks beyond the ones that always round-trip, each named after what it writes.
FEATURES = frozenset({
    "link_tail",  # `[Title](url) [[back]](#top)` or `... [PDF](…) [Code](…)` after the title link
    "author_tail",  # `*A, B* | **Main category: cs.CR**` (or another label) and other separators after the authors
    "invented_plain",  # an invented label as `Name: value` (bold ones, `**Name:** value`, are always in)
    "invented_after_abstract",  # an invented label after the abstract (or the translations after it)
    "invented_heading",  # an invented label as a heading (`#### Key Figures`, `#### 💡 研究问题`)
    "invented_quote",  # an invented label in a quote (`> **Key Figures:** …`)
    "invented_value_next_line",  # `Key Figures:` with its value on the next line
    "decorations",  # `[Topic][7.5] ✅ ` before the TL;DR text
    "emoji_bold",  # `💡 **Motivation:** value`
    "backticked_category",  # Main category: `cs.CV`
    "title_line",  # `**中文标题：** …` between the paper heading and the author line
    "unlabelled_tldr",  # the TL;DR as a bare paragraph after the main category
    "journal_sections",  # category headings named after journals (`## ISPRS J P&RS`)
    "na_placeholder",  # `N/A` as a failed summary
    "ascii_label_after_abstract",  # `Abstract Translation: …` (a known plain ASCII label) after the abstract
    "break_after_abstract",  # `---` between entries right after an abstract (no <details> around it)
})
DEFAULT_FEATURES: frozenset[str] = frozenset()

SUMMARY_FIELDS = ("tldr", "motivation", "method", "result", "conclusion")
FORMS = ("plain", "bold", "bold_outside", "heading", "quote", "emoji_heading", "emoji_bold", "plain_next",
         "bold_next")
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
    http_version: bool  # `http://arxiv.org/abs/IDvN` links
    blank_after_heading: bool
    title_line: Style | None  # a title translation between heading and authors
    author_sep: str
    author_tail: str | None  # separator before the trailing category field, or None
    author_tail_label: str  # that field's label: a main category or categories spelling, or an invented one
    main: Style | None  # the main category's own line (None when the author line carries it)
    backticked: bool
    styles: dict[str, Style]
    order: tuple[str, ...]
    split: int  # len(order) when there is no <details>
    summary_text: str  # Details | 详细信息 | More | Abstract (the last opens the abstract, unlabelled)
    blank_after_summary: bool
    invented: tuple[Invented, ...]
    heading_marks: str  # `####` of heading-form labels
    wrap: int | None
    label_like: bool
    decorations: bool
    unlabelled_tldr: bool
    placeholders: tuple[str, ...]
    breaks: bool  # `---` between entries
    crlf: bool
    final_newline: bool
    features: frozenset[str]


def random_template(rng: random.Random, features: frozenset[str] = DEFAULT_FEATURES) -> Template:
    """A random layout using the blocks that always round-trip plus those in `features`."""
    unknown = features - FEATURES
    if unknown:
        raise ValueError(f"unknown template features {sorted(unknown)}; expected some of {sorted(FEATURES)}")
    on = features.__contains__
    forms = [f for f in FORMS if f != "emoji_bold" or on("emoji_bold")]
    base, colon = rng.choice(forms), rng.choice((":", ":", "："))

    def style(field: str, cjk_only: bool = False) -> Style:
        form = base if rng.random() < 0.8 else rng.choice(forms)
        return Style(form, rng.choice(label_spellings(field, cjk_only)),
                     colon if rng.random() < 0.9 else rng.choice((":", "：")))

    fields = [f for f in SUMMARY_FIELDS if rng.random() < 0.85]
    order = fields + [f for f in ("limitations", "future_work") if rng.random() < 0.15] + ["abstract"]
    title_line = Style(rng.choice(("bold_inside", "bold")), rng.choice(label_spellings("title_translation")),
                       rng.choice((":", "："))) if on("title_line") and rng.random() < 0.3 else None
    order += [f for f in ("title_translation", "abstract_translation") if rng.random() < 0.15
              and not (f == "title_translation" and title_line)]
    styles = {f: style(f) for f in order}
    for f in order[order.index("abstract") + 1:]:  # after the abstract a plain ASCII label may be abstract text
        if styles[f].form in ("plain", "plain_next") and not on("ascii_label_after_abstract"):
            styles[f] = Style(styles[f].form, rng.choice(label_spellings(f, cjk_only=True)), styles[f].colon)
    details = rng.random() < 0.8
    split = rng.randint(0, order.index("abstract")) if details else len(order)
    summary_text = rng.choice(("Details", "Details", "详细信息", "More"))
    if details and order[split:] == ["abstract"] and rng.random() < 0.5:
        summary_text = "Abstract"
    author_tail = rng.choice((" | ", " · ", " — ", "&nbsp;|&nbsp;", "  |  ")) if (
        on("author_tail") and rng.random() < 0.4) else None
    section_level = rng.choice((0, 1, 2, 2))
    invented_tail = invented_label(rng, rng.choice(("latin", "cjk", "cyrillic")))[0]  # `*A, B* | **Gist: v**`
    tail_label = rng.choice((*(rng.choice(label_spellings(f)) for f in ("main_category", "categories")), invented_tail))
    invented = _invented(rng, features, order, forms, colon)
    return Template(
        header=rng.choice(("toc", "toc_bold", "date", "none")), section_level=section_level,
        section_div=rng.random() < 0.5, section_suffix=rng.choice(("back", "back", "count", "none")),
        journal_sections=on("journal_sections") and section_level > 0 and rng.random() < 0.5,
        paper_level=rng.randint(1, 4), index=rng.random() < 0.6, anchor=rng.random() < 0.2,
        link_tail=rng.choice(("back", "pdf_code")) if on("link_tail") and rng.random() < 0.5 else "",
        http_version=rng.random() < 0.2, blank_after_heading=rng.random() < 0.4, title_line=title_line,
        author_sep=rng.choice((",", ", ")), author_tail=author_tail,
        author_tail_label=tail_label, main=None if author_tail and tail_label != invented_tail else Style("bold_inside", rng.choice(label_spellings("main_category")), colon)
        if rng.random() < 0.1 else style("main_category"),
        backticked=on("backticked_category") and rng.random() < 0.3,
        styles=styles, order=tuple(order), split=split, summary_text=summary_text,
        blank_after_summary=rng.random() < 0.5, invented=invented,
        heading_marks=rng.choice(("####", "####", "###", "#####")), wrap=rng.choice((None, None, 60, 80, 100)),
        label_like=rng.random() < 0.5, decorations=on("decorations") and rng.random() < 0.5,
        unlabelled_tldr=on("unlabelled_tldr") and order[0] == "tldr" and split > 0 and rng.random() < 0.5
        and not any(i.after == "main_category" for i in invented),  # else it would read as that label's text
        placeholders=PLACEHOLDERS + (("N/A",) if on("na_placeholder") else ()),
        breaks=rng.random() < 0.2 and (split < len(order) or on("break_after_abstract")), crlf=rng.random() < 0.1, final_newline=rng.random() < 0.85, features=features)


def _invented(rng: random.Random, features: frozenset[str], order: list[str], forms: list[str],
              colon: str) -> tuple[Invented, ...]:
    """Invented labels, each after a field and in a form the enabled features allow (bold ones always)."""
    places = ["main_category", *order[:order.index("abstract")]]
    if "invented_after_abstract" in features:
        places.append(order[-1])
    allowed = {"bold", "bold_outside", "emoji_bold"} | {
        form for feature, names in _INVENTED_FORMS.items() if feature in features for form in names}
    forms = [f for f in forms if f in allowed]
    return tuple(Invented(Style(form, name, colon if rng.random() < 0.8 else rng.choice((":", "："))), place, script)
                 for name, script, form, place in invented_labels(rng, places, forms))


_INVENTED_FORMS = {"invented_plain": ("plain",), "invented_heading": ("heading", "emoji_heading"),
                   "invented_quote": ("quote",), "invented_value_next_line": ("plain_next", "bold_next")}
