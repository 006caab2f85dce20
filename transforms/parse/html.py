"""HTML inside the Markdown: structural tags by regex, inline fragments through beautifulsoup4.

Only real HTML element names count as tags, so `<think>` or `p<0.05` in an abstract stay text.
bs4 (lxml) sees small fragments only; big or tag-heavy ones fall back to a regex strip, so
pathological input (a 50 MB line, 10,000 nested tags) cannot blow recursion or take minutes.
"""

from __future__ import annotations

import html as _html
import re
from typing import NamedTuple

_NAMES = ("details|summary|div|a|small|big|img|br|hr|sup|sub|span|b|i|em|strong|code|p|font|u|s|del|ins|mark|"
          "center|table|thead|tbody|tr|td|th|ul|ol|li|h[1-6]|pre|kbd|abbr|blockquote|q|cite|section")
TAG = re.compile(rf"<(/?)({_NAMES})\b((?:\s[^<>]*)?)/?>", re.IGNORECASE)
ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_NOT_A_TAG = re.compile(rf"<(?!/?(?:{_NAMES})\b)", re.IGNORECASE)
_ID_ATTR = re.compile(r"""\b(?:id|name)\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)

MAX_FRAGMENT = 32_768  # characters handed to bs4 at most
MAX_TAGS = 200  # tags in one fragment before we stop building a tree


class HtmlEvent(NamedTuple):
    """One piece of a structural HTML line: kind is open/close (with tag and id) or text."""

    kind: str  # "open" | "close" | "text"
    tag: str
    value: str


def has_html(value: str) -> bool:
    """True when the value holds a real HTML tag or a character entity (the only time bs4 is needed)."""
    return ("<" in value and TAG.search(value) is not None) or ("&" in value and ENTITY.search(value) is not None)


def starts_with_tag(line: str) -> bool:
    """True when the (left-stripped) line begins with a real HTML tag."""
    return TAG.match(line.lstrip()) is not None


def events(line: str) -> list[HtmlEvent]:
    """Split a line that starts with HTML into open/close/text events, left to right, without a tree."""
    out: list[HtmlEvent] = []
    pos = 0
    for m in TAG.finditer(line):
        if m.start() > pos and line[pos:m.start()].strip():
            out.append(HtmlEvent("text", "", line[pos:m.start()]))
        tag = m.group(2).lower()
        if m.group(1):
            out.append(HtmlEvent("close", tag, ""))
        else:
            ident = _ID_ATTR.search(m.group(3) or "")
            out.append(HtmlEvent("open", tag, ident.group(1) if ident else ""))
        pos = m.end()
    if line[pos:].strip():
        out.append(HtmlEvent("text", "", line[pos:]))
    return out


def fragment_text(fragment: str) -> tuple[str, bool]:
    """The text a reader sees in an HTML fragment, and whether the regex fallback had to be used."""
    if len(fragment) > MAX_FRAGMENT or fragment.count("<") > MAX_TAGS:
        return _html.unescape(TAG.sub("", fragment)).replace("\xa0", " "), True
    from bs4 import BeautifulSoup  # imported lazily: most digests never need it

    # Escape `<` that does not open a real tag so bs4 keeps `<think>` and `a<b` as text.
    prepared = _BR.sub("\n", _NOT_A_TAG.sub("&lt;", fragment))
    soup = BeautifulSoup(prepared, "lxml")
    return soup.get_text().replace("\xa0", " "), False


def unescape(value: str) -> str:
    """Resolve character entities only (no tags present); `&nbsp;` becomes a plain space."""
    return _html.unescape(value).replace("\xa0", " ")
