"""A feed day's listing: each paper's entry as the digest shows it and as its twin stores it, summaries included."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from transforms import vocab
from transforms.generate.feeds import FeedSpec
from transforms.generate.paper import Paper
from transforms.generate.writer import Writer
from transforms.model import Entry

_SUMMARIES = (vocab.TLDR, vocab.MOTIVATION, vocab.METHOD, vocab.RESULT, vocab.CONCLUSION)
_SEP = "\x1f"  # never in a template: joins five summaries into one format call
_SUMMARY_TAILS = (" This matters most for {task}.", " The evaluation covers {k} settings.",
                  " Code and models are released.")


def summaries(writer: Writer, slots: dict[str, object]) -> list[str]:
    """tldr, motivation, method, result, conclusion for one listing, filled in one format call."""
    random, pick = writer.rng.random, writer.pick
    parts = [pick(templates) + (pick(_SUMMARY_TAILS) if random() < 0.5 else "") for templates in _SUMMARIES]
    return _SEP.join(parts).format_map(slots).split(_SEP)


def listing(writer: Writer, spec: FeedSpec, papers: list[Paper], today: date) -> tuple[list[Entry], list[Entry]]:
    """Entries as the feed's digest shows them, and as its twin stores them (same order, positions 1..n)."""
    rng = writer.rng
    if spec.variant != "category_bar":
        order = {code: i for i, code in enumerate(spec.categories)}
        papers = sorted(papers, key=lambda p: order.get(p.categories[0], len(order)))
    shown, twin = [], []
    for position, paper in enumerate(papers, 1):
        slots = paper.slots
        tldr, motivation, method, result, conclusion = summaries(writer, slots)
        version = "2" if rng.random() < 0.03 else None
        entry = Entry(
            position=position, section=None if spec.variant == "category_bar" else paper.categories[0],
            arxiv_id=paper.arxiv_id, version=version,
            url=f"https://arxiv.org/abs/{paper.arxiv_id}" + (f"v{version}" if version else ""),
            title=paper.title, authors=paper.authors, main_category=paper.categories[0],
            tldr=tldr, motivation=motivation, method=method, result=result, conclusion=conclusion,
            abstract=paper.abstract, comment=paper.comment,
            categories=list(paper.categories))
        if spec.variant == "bold":
            contributions = rng.sample(vocab.CONTRIBUTIONS, rng.randint(2, 3))
            entry = replace(entry, method="" if rng.random() < 0.1 else entry.method,
                            keywords=[*paper.terms, str(slots["keyword"])],
                            extra={"relevance_score": str(rng.randint(3, 10)),
                                   "read_time": str(rng.choice((5, 6, 8, 10, 12, 15))),
                                   "key_contributions": "\n".join(c.format(**slots) for c in contributions),
                                   "limitations": rng.choice(vocab.LIMITATIONS)})
            twin.append(entry)
            entry = replace(entry, abstract=paper.abstract.replace("\n", " "))
        else:
            twin.append(entry)
        shown.append(entry)
    return shown, twin
