"""The search box's syntax -> an SQLite FTS5 MATCH expression. Pure.

    words            every word must match (title, TL;DR, abstract or keywords)
    "exact phrase"   the words in this order
    -word  -"phrase" papers holding it are left out
    ti:word  ti:"a phrase"   title only          au:name  au:"Ada Lovelace"   authors only
    cat:cs.CV  cat:cs        a category, or every category of an archive
    feed:NAME                listed by that feed (its folder name)

Every term is passed to FTS5 as a quoted string, so no user text is ever read as FTS5 syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.search_text import CJK_RUN, segment, tag_token

TEXT_COLUMNS = ("title", "tldr", "abstract", "keywords")
FIELDS = {"ti": "title", "au": "authors", "cat": "tags", "feed": "tags"}
_FIELD = re.compile(r"([A-Za-z]+):(?=\S)")


class QuerySyntaxError(ValueError):
    """A query the engine cannot read (unbalanced quote, unknown field, nothing to find): one line for the user."""


@dataclass(frozen=True)
class Term:
    text: str
    field: str | None = None  # None: the text columns; else a key of FIELDS
    negated: bool = False
    phrase: bool = False


@dataclass
class Query:
    terms: list[Term] = field(default_factory=list)

    @property
    def positive(self) -> list[Term]:
        return [t for t in self.terms if not t.negated]

    def highlight(self) -> list[str]:
        """The texts a snippet marks: positive terms over the text columns and titles."""
        return [t.text for t in self.positive if t.field in (None, "ti")]


def parse_query(text: str) -> Query:
    """Read the search syntax; raises QuerySyntaxError naming the problem and its column."""
    if text.count('"') % 2:
        raise QuerySyntaxError(f'unbalanced quote in query {text!r} at column {text.rfind(chr(34)) + 1}; '
                               'close the phrase with another "')
    query, at = Query(), 0
    while at < len(text):
        if text[at].isspace():
            at += 1
            continue
        start, negated, fieldname = at, False, None
        if text[at] == "-" and at + 1 < len(text) and not text[at + 1].isspace():
            negated, at = True, at + 1
        if m := _FIELD.match(text, at):
            fieldname = m[1].lower()
            if fieldname not in FIELDS:
                raise QuerySyntaxError(f"unknown field '{m[1]}:' in query {text!r} at column {at + 1}; fields are "
                                       f"{', '.join(f + ':' for f in FIELDS)} (quote the text to search it as words)")
            at = m.end()
        if at < len(text) and text[at] == '"':
            end = text.index('"', at + 1)
            body, phrase, at = text[at + 1:end], True, end + 1
        else:
            end = at
            while end < len(text) and not text[end].isspace():
                end += 1
            body, phrase, at = text[at:end], False, end
        if '"' in body:
            raise QuerySyntaxError(f"a quote inside a word in query {text!r} at column {start + 1}; put spaces "
                                   "around the phrase")
        if re.search(r"\w", body):
            query.terms.append(Term(body.strip(), fieldname, negated, phrase))
    if not query.positive:
        raise QuerySyntaxError(f"nothing to find in query {text!r}: give at least one word that is not excluded")
    return query


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def term_expression(term: Term) -> str:
    """One term as FTS5: a column filter and a quoted phrase (a lone CJK character as a prefix)."""
    if term.field in ("cat", "feed"):
        value = term.text
        kind = "feed" if term.field == "feed" else "cat" if "." in value else "arch"
        return f"tags : {tag_token(kind, value)}"
    columns = "{" + " ".join(TEXT_COLUMNS) + "}" if term.field is None else FIELDS[term.field]
    body = " ".join(segment(term.text, for_query=True).split())
    single_cjk = len(body) == 1 and CJK_RUN.fullmatch(body) is not None
    return f"{columns} : {_quoted(body)}{'*' if single_cjk else ''}"


def to_match(query: Query) -> str:
    """The FTS5 MATCH expression: every positive term, minus every negated one."""
    positive = " AND ".join(f"({term_expression(t)})" for t in query.positive)
    negative = "".join(f" NOT ({term_expression(t)})" for t in query.terms if t.negated)
    return f"({positive}){negative}"
