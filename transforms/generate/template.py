"""The fuzzer's grammar: a random `Template` describing how one digest is laid out, from the blocks real feeds use.

`random_template(rng, features)` picks, once per document: the header (table of contents or not), category
headings, the paper heading (`#` to `####`, index `[N]`, anchor, trailing links), the author line (separator,
trailing category field), per field a label spelling from the alias table (transforms.parse.labels) and a
label form (plain, bold, heading, quote, emoji), the `<details>` block, hard wraps and label-like lines inside
values, and invented labels (Latin, CJK, Cyrillic; in no table) at label positions. `features` switches the
blocks that do not round-trip yet (see FEATURES) on or off, so none is dropped silently.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from transforms.generate.labels import label_spellings, invented_label

# Blocks a template may use; DEFAULT_FEATURES is what the parser reads back today (tests/transforms/test_parse_fuzz.py).
FEATURES = frozenset({
    "link_tail",          # `[Title](url) [[back]](#top)` or `... [PDF](…) [Code](…)` after the title link
    "author_tail",        # `*A, B* | **Main category: cs.CR**` and other separators after the author list
    "invented_after_one_line",  # an invented label right after a one-line field (main category)
    "invented_after_multi_line",  # an invented label after a multi-line field (TL;DR, motivation, ...)
    "invented_after_abstract",  # an invented label after the abstract
    "decorations",        # `[Topic][7.5] ✅ ` before the TL;DR text
    "emoji_bold",         # `💡 **Motivation:** value`
    "backticked_category",  # Main category: `cs.CV`
})
DEFAULT_FEATURES = frozenset()

SUMMARY_FIELDS = ("tldr", "motivation", "method", "result", "conclusion")
FORMS = ("plain", "bold", "bold_outside", "heading", "quote", "emoji_heading", "emoji_bold")


@dataclass(frozen=True)
class Style:
    """How one label is written: its form (see FORMS), the name as spelled, and its colon (`:` or `：`)."""

    form: str
    name: str
    colon: str = ":"


@dataclass(frozen=True)
class Invented:
    """A label in no table, written after field `after` (`main_category`, a summary field or `abstract`)."""

    style: Style
    after: str
    script: str  # latin | cjk | cyrillic


@dataclass(frozen=True)
class Template:
    """One document's layout. Field order is `order`; fields from `order[split]` on sit inside `<details>`."""

    header: str  # toc | toc_bold | date | none
    section_level: int  # 0: no category headings, else `#` or `##`
    section_div: bool
    paper_level: int
    index: bool
    anchor: bool
    link_tail: str  # "" | back | pdf_code
    http_version: bool  # `http://arxiv.org/abs/IDvN` links
    blank_after_heading: bool
    author_sep: str
    author_tail: str | None  # separator before the trailing category field, or None
    author_tail_label: str  # that field's label: a main category or categories spelling
    main: Style | None  # the main category's own line (None when the author line carries it)
    backticked: bool
    styles: dict[str, Style]
    order: tuple[str, ...]
    split: int  # len(order) when there is no <details>
    summary_text: str  # Details | 详细信息 | Abstract (the last opens the abstract, unlabelled)
    blank_after_summary: bool
    invented: tuple[Invented, ...]
    wrap: int | None
    label_like: bool
    decorations: bool
    features: frozenset[str]


def random_template(rng: random.Random, features: frozenset[str] = DEFAULT_FEATURES) -> Template:
    """A random layout that only uses the blocks in `features` beyond the ones that always round-trip."""
    unknown = features - FEATURES
    if unknown:
        raise ValueError(f"unknown template features {sorted(unknown)}; expected some of {sorted(FEATURES)}")
    forms = [f for f in FORMS if f != "emoji_bold" or "emoji_bold" in features]
    base = rng.choice(forms)
    colon = rng.choice((":", ":", "："))

    def style(field: str, ascii_only: bool = False) -> Style:
        form = base if rng.random() < 0.8 else rng.choice(forms)
        name = rng.choice(label_spellings(field, ascii_only))
        return Style(form, name, colon if rng.random() < 0.9 else rng.choice((":", "：")))

    fields = [f for f in SUMMARY_FIELDS if rng.random() < 0.85] + ["abstract"]
    extras = [f for f in ("limitations", "future_work") if rng.random() < 0.15]
    order = fields[:-1] + extras + fields[-1:]
    translations = [f for f in ("title_translation", "abstract_translation") if rng.random() < 0.15]
    order += translations
    styles = {f: style(f) for f in order}
    for f in translations:  # after the abstract a plain ASCII label is more abstract text: spell it in CJK
        if styles[f].form == "plain":
            styles[f] = Style("plain", rng.choice(label_spellings(f, cjk_only=True)), styles[f].colon)
    details = rng.random() < 0.8
    split = rng.randint(0, order.index("abstract")) if details else len(order)
    summary_text = rng.choice(("Details", "Details", "详细信息", "More"))
    if details and order[split:] == ["abstract"] and rng.random() < 0.5:
        summary_text = "Abstract"
    author_tail = rng.choice((" | ", " · ", " — ", "&nbsp;|&nbsp;", "  |  ")) if (
        "author_tail" in features and rng.random() < 0.4) else None
    main = None if author_tail else style("main_category")
    return Template(
        header=rng.choice(("toc", "toc_bold", "date", "none")), section_level=rng.choice((0, 1, 2, 2)),
        section_div=rng.random() < 0.5, paper_level=rng.randint(1, 4), index=rng.random() < 0.6,
        anchor=rng.random() < 0.2,
        link_tail=rng.choice(("back", "pdf_code")) if "link_tail" in features and rng.random() < 0.5 else "",
        http_version=rng.random() < 0.2, blank_after_heading=rng.random() < 0.4, author_sep=rng.choice((",", ", ")),
        author_tail=author_tail, main=main,
        author_tail_label=rng.choice(label_spellings(rng.choice(("main_category", "categories")))), backticked="backticked_category" in features and rng.random() < 0.3,
        styles=styles, order=tuple(order), split=split, summary_text=summary_text,
        blank_after_summary=rng.random() < 0.5, invented=_invented(rng, features, order, style, colon),
        wrap=rng.choice((None, None, 60, 80, 100)), label_like=rng.random() < 0.5,
        decorations="decorations" in features and rng.random() < 0.5, features=features)


def _invented(rng: random.Random, features: frozenset[str], order: list[str], style, colon: str) -> tuple[Invented, ...]:
    """0-3 invented labels, each after a field the enabled features allow."""
    places = []
    if "invented_after_one_line" in features:
        places.append("main_category")
    if "invented_after_multi_line" in features:
        places += [f for f in order if f != "abstract" and order.index(f) < order.index("abstract")]
    if "invented_after_abstract" in features:
        places.append(order[-1])
    out: list[Invented] = []
    names: set[str] = set()
    for _ in range(rng.choice((0, 1, 1, 2, 3)) if places else 0):
        script = rng.choice(("latin", "cjk", "cyrillic"))
        name, key = invented_label(rng, script)
        if key in names:
            continue
        names.add(key)
        form = style("tldr").form
        out.append(Invented(Style(form, name, colon if rng.random() < 0.8 else rng.choice((":", "："))),
                            rng.choice(places), script))
    return tuple(out)
