"""The expected entries of one fuzz case, shaped for its template (transforms.generate.fuzz uses them).

Papers come from the demo corpus's Writer (titles, authors, ids, abstracts) and its summary sentences; values
are then shaped as the template says (hard wraps, label-like lines, failed summaries) and the template's
blocks get their values (invented labels in their own script, figures, piped fields, the publication block).
"""

from __future__ import annotations

import copy
import functools
import random
from datetime import date

from transforms.generate.feeds import FeedSpec
from transforms.generate.labels import invented_value
from transforms.generate.listing import summaries
from transforms.generate.paper import wrap
from transforms.generate.template import Template
from transforms.generate.writer import Writer
from transforms.model import Entry
from transforms.parse.labels import extra_label, lookup

DAY = date(2026, 3, 9)
_FEED = FeedSpec("fuzz", "plain", ("cs.CV", "cs.CL", "cs.AI", "cs.LG", "cs.CR", "q-bio.NC"))
# Lines that look like labels but belong to the value: they follow a hard wrap, never start a paragraph.
LABEL_LIKE = ("Our contributions are threefold:", "The key steps are as follows:", "We ask two questions:")
# In an abstract (only strong forms end one) even known plain ASCII labels and markup are more abstract text.
LABEL_LIKE_ABSTRACT = LABEL_LIKE + ("Results: the gains hold across seeds.", "Method: we also try a baseline.",
                                    "Background:", "**Note:** bold but not a label.", "# of parameters grows linearly.",
                                    "Abstract: the label again, as text.")
LINK_LIKE = ("see [this](link)", "[x](http://e.org)", "on [u,v](u2(1+u),v)", "[a](b) and [c](d)")
JOURNALS = ("Remote Sensing", "ISPRS J P&RS", "GIScience & RS", "RSE", "JAG")
# Label-like lines with a value (`Note: …`): after a hard wrap they are text too (feature label_like_with_value).
LABEL_LIKE_VALUED = ("Note: the gains vary across seeds.", "In short: it works.", "注意：结果因数据集而异。")
_ZH = ("本文提出了一种高效的方法，并在多个基准上验证了其有效性。", "作者设计了新的训练流程，显著降低了计算成本。")


def new_entry(rng: random.Random, writer: Writer, t: Template, n: int) -> Entry:
    """Entry `n` of a case in template `t`, as a parse must give it back (its values as the layout writes them)."""
    paper = writer.new_paper(_FEED)
    texts = dict(zip(("tldr", "motivation", "method", "result", "conclusion"), summaries(writer, paper.slots)))
    if rng.random() < 0.2:
        texts = {k: rng.choice(_ZH) for k in texts}
    values = {k: _shape(rng, t, v, LABEL_LIKE) for k, v in texts.items() if k in t.order}
    failed = [k for k in values if rng.random() < 0.06 and not (k == "tldr" and t.unlabelled_tldr)]
    values.update(dict.fromkeys(failed))
    values["abstract"] = _shape(rng, t, paper.abstract, LABEL_LIKE_ABSTRACT) if rng.random() < 0.95 else None
    extra = {k: _shape(rng, t, rng.choice(_ZH), LABEL_LIKE) for k in ("limitations", "future_work") if k in t.order}
    if "title_translation" in t.order or t.title_line:
        values["title_translation"] = "一种高效的" + paper.terms[0] + "方法"
    if "abstract_translation" in t.order:
        values["abstract_translation"] = _shape(rng, t, "".join(_ZH), ())
    comment = None
    if t.publication and rng.random() < 0.7:
        comment = rng.choice(("12 pages, 5 figures", "Accepted at an upcoming workshop", None))
        if rng.random() < 0.5:
            extra["journal_reference"] = rng.choice(("Proc. of a Conference 2026, pp. 1-12",
                                                     "J. Invented Res. 3 (2026)"))
            doi = f"10.1145/{paper.arxiv_id}"
            extra["doi"] = f"[{doi}](https://doi.org/{doi})"
    if t.piped is not None:  # `Score: 4/5 | Tags: a, b`; an empty `Tags:` is no field
        score, tags = (extra_label(name).field for name in t.piped)
        extra[score] = rng.choice(("4/5", "3/5", "⭐⭐⭐"))
        extra[tags] = rng.choice(("diffusion models, LLM agents", "privacy", ""))
        if not extra[tags]:
            del extra[tags]
    if t.figures is not None:  # each `#### Figure N` sub-heading is a field of its own: image and caption
        for n in range(1, rng.choice((1, 2)) + 1):
            extra[f"figure_{n}"] = f"![Figure {n}](https://example.org/{paper.arxiv_id}/f{n}.png)\n" + rng.choice(
                ("The pipeline at a glance.", "Main results across datasets.", "消融实验结果。"))
    if t.decoration and values.get(t.decorated):  # tags, score and marks before a summary are its metadata
        extra[f"{t.decorated}_tags"] = t.decoration.strip()
    for inv in t.invented:
        extra[extra_label(inv.style.name).field] = invented_value(rng, inv.script)
    if t.author_tail and lookup(t.author_tail_label) is None:
        # `;` separates fields on the author line (`*A, B* · Score: 7; Tags: x`), so no value there holds one
        extra[extra_label(t.author_tail_label).field] = invented_value(rng, "latin").split(";")[0]
    title = paper.title
    if "link_like_titles" in t.features and rng.random() < 0.3:  # EddieYang717 2026-05-06 has `[u,v](u2(1+u),…)`
        title += " " + rng.choice(LINK_LIKE) + rng.choice(("", " [Extended Version]", " Revisited"))
    version = "2" if rng.random() < 0.1 else None
    arxiv_id, url = paper.arxiv_id, f"https://arxiv.org/abs/{paper.arxiv_id}" + (f"v{version}" if version else "")
    if "doi_items" in t.features and rng.random() < 0.3:  # Long-Holiday's journal items link a DOI
        doi = f"10.1016/J.RSE.2026.{paper.arxiv_id.replace('.', '')}"
        arxiv_id, url, version = "doi:" + doi.lower(), f"https://doi.org/{doi}", None
    return Entry(position=n, section=None, arxiv_id=arxiv_id, version=version, url=url,
                 title=title, authors=paper.authors, main_category=paper.categories[0],
                 categories=list(paper.categories), extra=extra, failed_fields=failed, comment=comment, **values)


def _shape(rng: random.Random, t: Template, text: str, label_like: tuple[str, ...]) -> str:
    """`text` hard-wrapped at the template's width, maybe with a label-like line after a wrap."""
    if t.wrap and "\n" not in text:
        text = wrap(text, t.wrap)
    if t.label_like and label_like and rng.random() < 0.5:
        if "label_like_with_value" in t.features:
            label_like += LABEL_LIKE_VALUED
        lines = text.split("\n")
        if len(lines) == 1 and ". " in text:  # one line: break it after a sentence, as a hard wrap would
            lines = text.replace(". ", ".\n", 1).split("\n")
        lines.insert(rng.randint(1, len(lines)), rng.choice(label_like))
        text = "\n".join(lines)
    return text


@functools.lru_cache(maxsize=1)
def _base_writer() -> Writer:
    return Writer(random.Random(0), 30)  # its author pool; each case draws everything else from its own rng


def case_writer(rng: random.Random) -> Writer:
    """The demo corpus's Writer drawing from `rng` (a case's own stream), with no ids handed out yet."""
    writer = copy.copy(_base_writer())
    writer.rng, writer.counters, writer.remembered = rng, {}, {}
    writer.set_day(rng.randrange(30), DAY)
    return writer
