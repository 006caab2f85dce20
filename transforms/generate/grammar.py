"""The fuzzer's grammar: `random_template(rng, features)` picks a random `Template` (transforms.generate.template).

Every choice comes from `rng`, so one seed is one layout. Label spellings come from the alias table
(transforms.generate.labels); blocks named in FEATURES are only used when `features` holds them.
"""

from __future__ import annotations

import random
from dataclasses import replace

from transforms.generate.labels import invented_label, invented_labels, label_spellings
from transforms.generate.template import (DEFAULT_FEATURES, FEATURES, FORMS, PLACEHOLDERS, PLAIN_FORMS,
                                          SUMMARY_FIELDS, Invented, Style, Template)


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
        if styles[f].form in PLAIN_FORMS and not on("ascii_label_after_abstract"):
            styles[f] = Style(styles[f].form, rng.choice(label_spellings(f, cjk_only=True)), styles[f].colon)
    details = rng.random() < 0.8
    split = rng.randint(0, order.index("abstract")) if details else len(order)
    summary_text = rng.choice(("Details", "Details", "详细信息", "More"))
    if details and order[split:] == ["abstract"] and rng.random() < 0.5:
        summary_text = "Abstract"
    author_tail = rng.choice((" | ", " · ", " — ", "&nbsp;|&nbsp;", "  |  ")) if (
        on("author_tail") and rng.random() < 0.4) else None
    section_level = rng.choice((0, 1, 2, 2))
    header = rng.choice(("toc", "toc_bold", "date", "none"))
    section_suffix = rng.choice(("back", "back", "count", "none"))
    journals = on("journal_sections") and section_level > 0 and rng.random() < 0.5
    if journals and not (on("journal_sections_unmarked") and (section_suffix == "count" or header.startswith("toc"))):
        section_suffix = "back"  # a bare `## JAG` no TOC names reads as a heading label (wwj281's `#### Problem`)
    invented_tail = invented_label(rng, rng.choice(("latin", "cjk", "cyrillic")))[0]  # `*A, B* | **Gist: v**`
    tail_label = rng.choice((rng.choice(label_spellings("main_category")), rng.choice(label_spellings("categories")),
                             invented_tail))
    main = Style("bold_inside", rng.choice(label_spellings("main_category")), colon) if rng.random() < 0.1 else (
        style("main_category"))
    main = None if author_tail and tail_label != invented_tail else main
    # a TL;DR without a label is one in the TL;DR's place: the paragraph right before <details>
    unlabelled = on("unlabelled_tldr") and order[0] == "tldr" and split == 1 < len(order) and rng.random() < 0.5
    invented = _invented(rng, features, order, split, forms, colon, unlabelled)
    figures = Style(rng.choice(("plain", "bold")), rng.choice(("Key Figures", "Figures", "关键图表")), colon) if (
        on("figures_block") and rng.random() < 0.5) else None
    figures_after = rng.choice([f for f in order if f not in ("abstract", "title_translation", "abstract_translation")
                                and not (unlabelled and f == "tldr")] or ["abstract"])
    # After the abstract a plain label counts only with the colon the feed's first plain label used
    # (the parser takes a digest's colon from its first plain label outside a quote)
    written = (main, *(styles[f] for f in order if not (unlabelled and f == "tldr")))
    after = set(order[order.index("abstract"):])
    feed_colon = _feed_colon(written, colon)
    invented = _in_feed_colon(invented, after, feed_colon)
    template = Template(
        header=header, section_level=section_level, section_div=rng.random() < 0.5, section_suffix=section_suffix,
        journal_sections=journals,
        paper_level=rng.randint(1, 4), index=rng.random() < 0.6, anchor=rng.random() < 0.2,
        link_tail=rng.choice(("back", "pdf_code")) if on("link_tail") and rng.random() < 0.5 else "",
        link_below=rng.choice(("links", "id", "url", "heading_id")) if (
            on("link_below") and rng.random() < 0.3) else "",
        http_version=rng.random() < 0.2, blank_after_heading=rng.random() < 0.4, title_line=title_line,
        author_sep=rng.choice((",", ", ")), author_tail=author_tail,
        author_form=rng.choice(("quoted", "bold", "labelled", "by", "bare")) if (
            on("author_forms") and author_tail is None and rng.random() < 0.3) else "italic",
        br_main=rng.choice(("<br>", "<br/>", " <br /> ", "<BR>")) if (
            on("br_breaks") and main is not None and main.form == "plain" and rng.random() < 0.2) else "",
        author_tail_label=tail_label, main=main,
        backticked=on("backticked_category") and rng.random() < 0.3,
        styles=styles, order=tuple(order), split=split, summary_text=summary_text,
        blank_after_summary=rng.random() < 0.5, invented=invented, figures=figures, figures_after=figures_after,
        piped=_piped(rng) if on("piped_fields") and rng.random() < 0.5 else None,
        publication=feed_colon if on("publication_block") and rng.random() < 0.5 and (
            "tldr" in order[:split] or split == len(order)) and not unlabelled else "",  # its DOI: line sits in
        # the TL;DR's place, and an unlabelled paragraph after its Comments: reads as more of the comment
        heading_marks=rng.choice(("####", "####", "###", "#####")), wrap=rng.choice((None, None, 60, 80, 100)),
        label_like=rng.random() < 0.5,
        decoration=rng.choice(DECORATIONS) if on("decorations") and fields and rng.random() < 0.5 else "",
        decorated=rng.choice(fields or ["tldr"]),
        unlabelled_tldr=unlabelled,
        placeholders=PLACEHOLDERS + (("N/A",) if on("na_placeholder") else ()),
        breaks=rng.random() < 0.2 and (split < len(order) or on("break_after_abstract")), crlf=rng.random() < 0.1,
        final_newline=rng.random() < 0.85, features=features)
    if on("table_fields") and split > 0 and main is not None and not unlabelled and rng.random() < 0.2:
        rows = {"main_category", *order[:split]}  # one table: nothing else among its rows
        # rows have no colon: the feed's colon (see above) is the first plain label's after the table
        invented = _in_feed_colon(tuple(i for i in invented if i.after not in rows), after,
                                  _feed_colon([styles[f] for f in order[split:]], colon))
        template = replace(template, table_rows=True, invented=invented,
                           figures=None if figures_after in rows else figures, piped=None, publication="",
                           decoration="", br_main="")
    return template


def _feed_colon(written, colon: str) -> str:
    """The colon of the first plain label written (`written`: styles in file order, None for none), else
    `colon`: the parser takes a digest's colon from its first plain label outside a quote."""
    plain = [st.colon for st in written if st and st.form in PLAIN_FORMS[:3]]
    return plain[0] if plain else colon


def _in_feed_colon(invented: tuple[Invented, ...], after: set[str], colon: str) -> tuple[Invented, ...]:
    """After the abstract a plain label counts only with the feed's colon: invented ones there take it."""
    return tuple(replace(i, style=replace(i.style, colon=colon)) if i.after in after and i.style.form in PLAIN_FORMS
                 else i for i in invented)


def _invented(rng: random.Random, features: frozenset[str], order: list[str], split: int, forms: list[str],
              colon: str, unlabelled_tldr: bool) -> tuple[Invented, ...]:
    """Invented labels, each after a field and in a form the enabled features allow (bold ones always)."""
    places = ["main_category", *order[:order.index("abstract")]]
    if unlabelled_tldr:  # around a TL;DR without a label a label would be its text, or sit in its place
        places = [p for p in places if p not in ("main_category", "tldr")]
    slot = order[split - 1] if split else "main_category"
    if "tldr" not in order[:split] and split < len(order) and slot in places:
        places.remove(slot)  # without a TL;DR, a label right before <details> sits in its place: it reads as one
    if "invented_after_abstract" in features:
        places.append(order[-1])
    allowed = {"bold", "bold_outside", "emoji_bold"} | {
        form for feature, names in _INVENTED_FORMS.items() if feature in features for form in names}
    forms = [f for f in forms if f in allowed]
    return tuple(Invented(Style(form, name, colon if rng.random() < 0.8 else rng.choice((":", "："))), place, script)
                 for name, script, form, place in invented_labels(rng, places, forms))


def _piped(rng: random.Random) -> tuple[str, str]:
    """Two distinct invented label names for one `A: v | B: w` line."""
    first = invented_label(rng, rng.choice(("latin", "cjk")))
    second = first
    while second[1] == first[1]:
        second = invented_label(rng, rng.choice(("latin", "cjk")))
    return first[0], second[0]


DECORATIONS = ("[Topic][7.5] ✅ ", "⭐⭐⭐⭐ ", "[LLM][Agents] ", "[8/10] 🔥 ", "★★★☆☆ ")
_INVENTED_FORMS = {"invented_plain": ("plain",), "invented_emoji": ("emoji_plain",),
                   "invented_heading": ("heading", "emoji_heading"),
                   "invented_quote": ("quote", "quote_plain"), "invented_value_next_line": ("plain_next", "bold_next")}
