"""From a finished draft to an Entry: the arXiv id from the link, typed values, categories, extra fields."""

from __future__ import annotations

import dataclasses
import re
from typing import Protocol

from transforms.model import Entry
from transforms.parse import html as fragments
from transforms.parse.heading import CATEGORY, PaperHeading, split_authors
from transforms.parse.ids import paper_id_from_url
from transforms.parse.labels import ALIASES
from transforms.parse.text import cjk_share_above

_ENTRY_ATTRS = frozenset(f.name for f in dataclasses.fields(Entry))
# Entry attributes a label can fill straight from the draft's values (the rest go into `extra`).
_VALUE_ATTRS = ("tldr", "motivation", "method", "result", "conclusion", "abstract", "comment",
                "title_translation", "abstract_translation")
# The frozen __init__ sets 21 attributes through object.__setattr__ (~4 us an entry); build_entry fills
# the instance's __dict__ instead, with every field in declaration order: the same object, as long as
# __init__ does nothing else and every label that names an Entry attribute is one build_entry reads
# (checked here, once; otherwise it goes through Entry(**fields)).
_DIRECT = (not hasattr(Entry, "__post_init__") and "__slots__" not in vars(Entry)
           and all(f.init for f in dataclasses.fields(Entry))
           and {label.field for label in ALIASES.values()} & _ENTRY_ATTRS
           <= {*_VALUE_ATTRS, "main_category", "categories", "keywords", "authors"})
_TEXT_ATTRS = frozenset({*_VALUE_ATTRS, "main_category"})
_BLANK = dict.fromkeys(f.name for f in dataclasses.fields(Entry))  # every field, in declaration order
# An arXiv category code inside a main-category value that says more (`Computer Vision (cs.CV)`, `[cs.CV](…)`)
_CODE_IN = re.compile(r"(?<![\w./-])((?:cs|math|stat|physics|q-bio|q-fin|eess|econ|astro-ph|cond-mat|nlin)\.[A-Za-z][A-Za-z-]*"
                      r"|hep-(?:th|ph|ex|lat)|gr-qc|nucl-(?:th|ex)|quant-ph|math-ph|astro-ph|cond-mat)(?![\w.-])")
_SPLIT_CATEGORIES = re.compile(r"[,;，；]")
_ITEM = re.compile(r"^(?:\d{1,3}[.)、]|[-*+•])\s+")
_SPLIT_KEYWORDS = re.compile(r"\s*[,，;；]\s*")
_NUMBER = re.compile(r"\s*(\d+(?:\.\d+)?)")


class Draft:
    """An entry being read: its heading, authors and the typed values of the fields closed so far."""

    __slots__ = ("line", "section", "heading", "ids", "authors", "values", "failed")

    def __init__(self, line: int, section: str | None, heading: PaperHeading,
                 ids: tuple[str, str | None] | None = None) -> None:
        self.line = line
        self.section = section
        self.heading = heading
        self.ids = ids  # (arxiv id, version) when the heading's link was already read
        self.authors: list[str] | None = None
        self.values: dict[str, object] = {}
        self.failed = False  # some value was a placeholder and is stored as None


class EntrySink(Protocol):
    """What building an entry needs of the parse (transforms.parse.state.ParseState is one)."""

    entries: list[Entry]
    seen_ids: set[tuple[str | None, str]]

    def diag(self, severity: str, code: str, message: str, line: int | None, excerpt: str = "") -> None: ...

    def html_text(self, fragment: str, line: int) -> str: ...


def build_entry(state: EntrySink, draft: Draft) -> Entry:
    """The Entry a finished draft becomes; reports a missing arXiv id and a repeated one in its section."""
    head = draft.heading
    arxiv_id, version = draft.ids or paper_id_from_url(head.url)
    if arxiv_id is None and head.anchor:
        arxiv_id, version = paper_id_from_url(head.anchor)
    if arxiv_id is None:
        state.diag("error", "missing_arxiv_id", f"no arXiv id in the paper link {head.url!r}; entry kept "
                  "with arxiv_id None so it can be rejected alone", draft.line, head.url)
    elif (draft.section, arxiv_id) in state.seen_ids:
        state.diag("info", "duplicate_id", f"{arxiv_id} listed again in section {draft.section}; both kept",
                  draft.line, head.title)
    else:
        state.seen_ids.add((draft.section, arxiv_id))
    values = draft.values  # the draft is dropped after this, so its dict is ours to consume
    abstract = values.get("abstract")
    opening = abstract[:40] if abstract else ""  # a CJK abstract shows its script in its first words
    if opening and not opening.isascii() and "abstract_translation" not in values and cjk_share_above(abstract[:300], 0.5):
        # arXiv abstracts are English: an abstract in CJK script (`摘要:` in a Chinese-labelled feed) is the
        # feed's translation, and the English one is not shown
        values["abstract_translation"] = values.pop("abstract")
    failed = sorted(k for k, v in values.items() if v is None) if draft.failed else []
    categories = list(values.pop("categories", None) or ())
    main = values.get("main_category") or (categories[0] if categories else None)
    if main and (" " in main or "[" in main) and (code := _CODE_IN.search(main)):
        main = code[1]  # `cs.CV (Computer Vision)`, `[cs.CV](https://arxiv.org/list/cs.CV/new)`: the code
    if main and main not in categories:
        categories.insert(0, main)
    values["main_category"] = main
    keywords = values.pop("keywords", None) or []
    authors = draft.authors or values.pop("authors", None) or []
    values.pop("authors", None)
    title = head.title.strip()
    if title[:1] in "*_" and title[-1:] == title[:1] and title[0] not in title.strip(title[0]):
        title = title.strip(title[0])  # `[**Title**](url)`: the title in emphasis
    if ("<" in title or "&" in title) and fragments.has_html(title):
        title = state.html_text(title, draft.line).strip()
    extra = {}
    # A copy of the blank field dict, then its values replaced in place: ~6 k instructions less than a
    # 22-key dict display, which CPython builds in two parts and merges. The key order stays the fields'.
    fields = _BLANK.copy()
    if values.keys() <= _TEXT_ATTRS:  # one C-level check; most entries have no other fields
        fields.update(values)
    else:
        for k, v in values.items():
            if k in _ENTRY_ATTRS:
                fields[k] = v
            elif v is not None:  # everything that is not an Entry attribute
                extra[k] = "\n".join(v) if isinstance(v, list) else v
    if head.tail:  # `### [1] [Title](url) ⭐ 8.5`: what the heading says after the title link
        extra["heading_tail"] = head.tail
    fields["position"] = len(state.entries) + 1
    fields["section"] = draft.section
    fields["arxiv_id"] = arxiv_id
    fields["version"] = version
    fields["url"] = head.url
    fields["title"] = title or None
    fields["authors"] = authors
    fields["keywords"] = keywords
    fields["extra"] = extra
    fields["categories"] = categories
    fields["line"] = draft.line
    fields["failed_fields"] = failed
    if not _DIRECT:
        return Entry(**fields)
    entry = _new(Entry)
    _set(entry, "__dict__", fields)
    return entry


_new = object.__new__
_set = object.__setattr__


def typed_value(kind: str, raw: str) -> object:
    """A closed field's raw text read as its kind: list items, keywords, minutes, a score, or text."""
    if kind == "text":
        return raw
    if kind == "keywords":
        if ";" in raw or "，" in raw or "；" in raw:
            return [k for k in _SPLIT_KEYWORDS.split(raw) if k]
        # Commas only: the same pieces as the regex split of the stripped value (\s is str.strip's
        # whitespace), without a regex attempt at every character (~35 k instructions a ZL entry).
        return list(filter(None, map(str.strip, raw.split(","))))
    if kind == "authors":
        return split_authors(raw)
    if kind == "categories":
        items = list(filter(None, map(str.strip, _SPLIT_CATEGORIES.split(raw))))
        if all(map(CATEGORY.match, items)):
            return items
        return _CODE_IN.findall(raw) or items  # `Computer Vision (cs.CV); Machine Learning (cs.LG)`: the codes
    if kind == "list":
        items: list[str] = []
        for row in raw.split("\n"):
            row = row.strip()
            if not row:
                continue
            if row[1:3] == ". " and row[0].isdecimal():  # `1. item`, as _ITEM reads it, without a regex call
                items.append(row[3:].lstrip())
                continue
            m = _ITEM.match(row)
            if m:
                items.append(row[m.end():])
            elif items:
                items[-1] += " " + row
            else:
                items.append(row)
        return items
    if kind in ("minutes", "score"):
        if raw.isdecimal():  # `8`: the number _NUMBER would find is the whole value
            return raw
        m = _NUMBER.match(raw)
        return m.group(1) if m else raw
    return raw
