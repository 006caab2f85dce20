"""Shrink a failing fuzz case to a small document that still fails, for a reproducer a person can read.

    shrink(case, fails) -> FuzzCase

`fails(case)` says whether a case still shows the failure (the caller parses it: generate never calls the
parser). Steps, each kept only while the case still fails: one entry alone; the template's optional blocks
off one by one; fields dropped; invented labels dropped; values cut to their first lines; one author.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterator

from transforms.generate.fuzz import DAY, FuzzCase
from transforms.generate.layout import render_template
from transforms.model import Entry
from transforms.parse.labels import extra_label, lookup

_PLAIN = {"header": "none", "section_level": 0, "section_div": False, "index": False, "anchor": False,
          "http_version": False, "blank_after_heading": False, "title_line": None, "breaks": False, "crlf": False,
          "final_newline": True, "decoration": "", "backticked": False, "author_tail": None, "link_tail": "",
          "link_below": "", "author_form": "italic", "br_main": "", "label_like": False}


def shrink(case: FuzzCase, fails: Callable[[FuzzCase], bool]) -> FuzzCase:
    """The smallest case the steps reach from `case` for which `fails` still holds (`case` itself if none)."""
    for candidate in _steps(case):
        if fails(candidate):
            return shrink(candidate, fails)
    return case


def _case(case: FuzzCase, entries: list[Entry], template=None) -> FuzzCase:
    template = template or case.template
    entries = [replace(e, position=i) for i, e in enumerate(entries, 1)]
    return FuzzCase(case.seed, template, entries, render_template(entries, template, DAY))


def _steps(case: FuzzCase) -> Iterator[FuzzCase]:
    t, entries = case.template, case.entries
    if len(entries) > 1:
        yield from (_case(case, [e]) for e in entries)
        yield from (_case(case, entries[:n] + entries[n + 1:]) for n in range(len(entries)) if len(entries) > 2)
    for name, plain in _PLAIN.items():
        if name in ("header", "section_level") and t.journal_sections and t.section_suffix != "back":
            continue  # a journal section without its back link is one only where the TOC names it
        if getattr(t, name) != plain and not (name == "author_tail" and t.main is None):
            shrunk = _dropping_tail(entries, t) if name == "author_tail" else (
                [_without(e, f"{t.decorated}_tags") for e in entries] if name == "decoration" else entries)
            yield _case(case, shrunk, replace(t, **{name: plain}))
    for name, keys in _BLOCKS.items():  # blocks that carry fields of their own: dropped with their values
        if getattr(t, name):
            yield _case(case, [_dropping(e, keys(t)) for e in entries], replace(t, **{name: _OFF[name]}))
    if t.split < len(t.order) and not t.unlabelled_tldr:  # an unlabelled TL;DR is the one before <details>
        yield _case(case, entries, replace(t, split=len(t.order), summary_text="Details"))
    for field in t.order:
        if field == "tldr" and t.invented:
            continue  # without a TL;DR, a label before <details> reads as one: a different failure
        if any(getattr(e, field, e.extra.get(field)) is not None or field in e.failed_fields for e in entries):
            yield _case(case, [_without(e, field) for e in entries])
    for n, inv in enumerate(t.invented):
        key = extra_label(inv.style.name).field
        yield _case(case, [replace(e, extra={k: v for k, v in e.extra.items() if k != key}) for e in entries],
                    replace(t, invented=t.invented[:n] + t.invented[n + 1:]))
    for field in (*t.order, *(extra_label(i.style.name).field for i in t.invented)):
        for keep in (2, 1, 0):
            cut = [_cut(e, field, keep) for e in entries]
            if cut != entries:
                yield _case(case, cut)
    if any(len(e.authors) > 1 for e in entries):
        yield _case(case, [replace(e, authors=e.authors[:1]) for e in entries])


_BLOCKS = {"piped": lambda t: [extra_label(name).field for name in t.piped],
           "publication": lambda t: ["comment", "journal_reference", "doi"],
           "figures": lambda t: ["figure_1", "figure_2"]}
_OFF = {"piped": None, "publication": "", "figures": None}


def _dropping(e: Entry, keys: list[str]) -> Entry:
    """`e` without the fields `keys` (Entry attributes or extra keys)."""
    e = replace(e, extra={k: v for k, v in e.extra.items() if k not in keys})
    return replace(e, comment=None) if "comment" in keys else e


def _dropping_tail(entries: list[Entry], t) -> list[Entry]:
    """Entries without the value of an invented label the author line's tail carried."""
    if lookup(t.author_tail_label) is not None:
        return entries
    key = extra_label(t.author_tail_label).field
    return [replace(e, extra={k: v for k, v in e.extra.items() if k != key}) for e in entries]


def _without(e: Entry, field: str) -> Entry:
    """`e` without `field` (a summary also without the tags written before it)."""
    failed = [f for f in e.failed_fields if f != field]
    extra = {k: v for k, v in e.extra.items() if k not in (field, f"{field}_tags")}
    if hasattr(e, field):
        return replace(e, **{field: None}, extra=extra, failed_fields=failed)
    return replace(e, extra=extra, failed_fields=failed)


def _cut(e: Entry, field: str, keep: int) -> Entry:
    """`field`'s value cut to its first `keep` lines (0: its first sentence), or `e` when it is that short."""
    value = getattr(e, field) if hasattr(e, field) else e.extra.get(field)
    if not isinstance(value, str) or (keep and value.count("\n") < keep) or (not keep and ". " not in value):
        return e
    short = "\n".join(value.split("\n")[:keep]) if keep else value[:value.index(". ") + 1]
    if hasattr(e, field):
        return replace(e, **{field: short})
    return replace(e, extra={**e.extra, field: short})
