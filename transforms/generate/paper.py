"""A generated paper's arXiv metadata, and the shaping its title and abstract text get."""

from __future__ import annotations

import functools
from dataclasses import dataclass


@dataclass
class Paper:
    """A paper's arXiv metadata, shared by every listing of it; summaries are written per listing."""

    arxiv_id: str
    title: str
    authors: list[str]
    categories: list[str]
    abstract: str
    comment: str | None
    terms: tuple[str, str, str]  # main topic term, secondary term, application task
    slots: dict[str, object]  # the words and numbers its abstract used; its summaries reuse them


@functools.lru_cache(maxsize=None)
def title_case(term: str) -> str:
    """`term` with its lower-case words over two letters capitalised, as titles show topic terms."""
    return " ".join(w[0].upper() + w[1:] if w.islower() and len(w) > 2 else w for w in term.split(" "))


def wrap(text: str, width: int = 80) -> str:
    """Hard-wrap at `width` columns the way arXiv abstracts arrive (fast: one rfind per line)."""
    lines, start = [], 0
    while len(text) - start > width:
        cut = text.rfind(" ", start, start + width + 1)
        if cut <= start:
            break
        lines.append(text[start:cut])
        start = cut + 1
    lines.append(text[start:])
    return "\n".join(lines)
