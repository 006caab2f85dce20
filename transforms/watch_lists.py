"""Watch lists: named lists of authors, terms (with exclusions), categories and feeds, as `<home>/watch.toml`
holds them. Pure: a parsed TOML document in, validated lists and their FTS5 expressions out, and back to text.

    [vision]
    authors = ["Kaiming He"]
    terms = ['"gaussian splatting"', "diffusion video"]   # each in the search syntax
    exclude = ["survey"]
    categories = ["cs.CV"]
    feeds = ["dw-dengwei__daily-arXiv-ai-enhanced"]

A paper matches a list when it has one of the authors or matches one of the terms (with neither, every paper
does), is in one of the categories and listed by one of the feeds (when those are given), and holds none of
the excluded terms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from transforms.search_query import QuerySyntaxError, Term, parse_query, term_expression, to_match

KEYS = ("authors", "terms", "exclude", "categories", "feeds")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


class WatchError(ValueError):
    """A bad watch list entry: one line saying which list, which entry, and what to do."""


@dataclass
class WatchList:
    name: str
    authors: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)

    def match(self) -> str:
        """The FTS5 expression of this list (see the module docstring for what matches)."""
        wanted = [term_expression(Term(a, "au", phrase=True)) for a in self.authors]
        wanted += [to_match(parse_query(t)) for t in self.terms]
        parts = [" OR ".join(f"({w})" for w in wanted)] if wanted else []
        for key, values in (("cat", self.categories), ("feed", self.feeds)):
            if values:
                parts.append(" OR ".join(f"({term_expression(Term(v, key))})" for v in values))
        expression = " AND ".join(f"({p})" for p in parts)
        for t in self.exclude:
            expression = f"({expression}) NOT ({to_match(parse_query(t))})"
        return expression

    def highlight(self) -> list[str]:
        return [t.text for q in self.terms for t in parse_query(q).positive if t.field in (None, "ti")]


def check_name(name: str) -> str:
    if not NAME.fullmatch(name or ""):
        raise WatchError(f"watch list name {name!r}: use 1-64 letters, digits, '-' or '_' (it names "
                         "reports/watch/<name>.html and .atom)")
    return name


def read_lists(document: dict, where: str = "watch.toml") -> list[WatchList]:
    """A parsed watch.toml -> its lists; raises WatchError on the first bad entry (list, key, index, why)."""
    lists = []
    for name, body in document.items():
        try:
            check_name(name)
        except WatchError as exc:
            raise WatchError(f"{where}: {exc}") from None
        if not isinstance(body, dict):
            raise WatchError(f"{where}: [{name}] must be a table of {', '.join(KEYS)}")
        for key, values in body.items():
            if key not in KEYS:
                raise WatchError(f"{where}: [{name}] unknown key {key!r}; keys are {', '.join(KEYS)}")
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise WatchError(f"{where}: [{name}] {key} must be a list of strings, e.g. {key} = [\"...\"]")
            for i, value in enumerate(values):
                check_entry(name, key, value, f"{where}: [{name}] {key}[{i}]")
        if not any(body.get(k) for k in ("authors", "terms", "categories", "feeds")):
            raise WatchError(f"{where}: [{name}] follows nothing; give at least one of authors, terms, categories, feeds")
        lists.append(WatchList(name, **{k: list(body.get(k, [])) for k in KEYS}))
    return lists


def check_entry(name: str, key: str, value: str, where: str) -> None:
    """Raise WatchError when one entry cannot be searched for."""
    if not value.strip():
        raise WatchError(f"{where}: empty entry; remove it or give a value")
    if key in ("terms", "exclude"):
        try:
            parse_query(value)
        except QuerySyntaxError as exc:
            raise WatchError(f"{where} {value!r}: {exc}") from None


def to_toml(lists: list[WatchList]) -> str:
    """The lists as watch.toml text (strings as TOML basic strings: JSON's escapes are TOML's)."""
    out = ["# arxiv-digest watch lists: `arxiv-digest watch add|list|remove|show` edits and reads this file.", ""]
    for wl in sorted(lists, key=lambda w: w.name):
        out.append(f"[{wl.name}]")
        for key in KEYS:
            values = getattr(wl, key)
            if values:
                out.append(f"{key} = [{', '.join(json.dumps(v, ensure_ascii=False) for v in values)}]")
        out.append("")
    return "\n".join(out)
