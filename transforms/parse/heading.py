"""Reading the structural lines of a digest: paper headings, category headings, TOC lines, author lines.

Pure string functions; the rules in `rules.py` decide what a match means for the parse state.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_ANCHOR = re.compile(r"""^<a\s+(?:id|name)\s*=\s*["']?([^"'>\s]*)["']?\s*>\s*</a>\s*""", re.IGNORECASE)
# `[12] [Title](…)` or `12. [Title](…)` (or the link in emphasis, or an HTML link)
_INDEX = re.compile(r"^(?:\[(\d{1,6})\]|(\d{1,6})[.)])\s*(?=\[|[*_]{1,2}\[|<a\s)", re.IGNORECASE)
CATEGORY = re.compile(r"^[a-z][a-z\-]*(?:\.[A-Za-z][A-Za-z\-]*)?$")
_BACK = re.compile(r"\s*\[\[?(?:Back|返回|Top)\]?\]\(#[^)]*\)\s*$", re.IGNORECASE)
_COUNT = re.compile(r"\s*[(（\[]\s*(?:Total:\s*)?(\d+)\s*(?:篇|papers?)?\s*[)）\]]\s*$", re.IGNORECASE)
_TOC_LINE = re.compile(r"^[-*+]\s+\[([^\]]+)\]\(#[^)]*\)(.*)$")
TOC_TITLES = frozenset({"table of contents", "contents", "目录", "toc"})
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})\b")
# The usual paper heading, `### [N] [Title](https://arxiv.org/abs/ID)`, read whole: groups index, title
# with its closing `]`, url, id, version, exactly as heading_level + paper_heading + arxiv_from_url read it
# (the url holds no `](`, so the title ends at the last one, as paper_heading's rfind finds it). The `]`
# sits inside the title group so the regex backs up to each `]` directly (~3 k instructions less a heading).
PAPER_LINE = re.compile(r"#{1,6}[ \t]+\[(\d{1,6})\]\s*\[(.*\])\((https://arxiv\.org/abs/(\d{4}\.\d{4,5})(?:v(\d+))?)\)")


class PaperHeading(NamedTuple):
    index: int | None
    title: str
    url: str
    anchor: str | None
    tail: str = ""  # text after the title link that is not links (`⭐ 8.5`, `(arXiv:2506.00001)`): extra['heading_tail']


def heading_level(line: str) -> tuple[int, str]:
    """(level, text) of an ATX heading line, or (0, "") when the line is not one."""
    level = len(line) - len(line.lstrip("#"))
    if level == 0 or level > 6 or (len(line) > level and line[level] not in " \t"):
        return 0, ""
    return level, line[level:].strip()


def paper_heading(text: str) -> PaperHeading | None:
    """`[N] [Title](url)`, `N. [Title](url)`, `[Title](url)` or `<a id=..></a>[Title](url)`; the link is read from
    the END.

    Titles may hold `[`, `]`, `$`, `*`, backticks and even `](`, so we take the last `](` whose
    remainder up to the final `)` has no space (a URL), not a first-match regex.
    """
    anchor = None
    m = _ANCHOR.match(text) if text[:2] in ("<a", "<A") else None  # skip the regex call when it cannot match
    if m:
        anchor, text = m.group(1), text[m.end():]
    m = _INDEX.match(text) if text[1:2].isdecimal() or text[:1].isdecimal() else None  # \d is a decimal digit
    index = int(m.group(1) or m.group(2)) if m else None
    if m:
        text = text[m.end():]
    if "<a " in text or "<A " in text:  # `[1] <a href="https://arxiv.org/abs/ID">Title</a>`
        text = _HTML_LINK.sub(lambda a: f"[{a[2].strip()}]({a[1]})", text)
    if text[:1] in "*_" and text.lstrip("*_")[:1] == "[":  # `**[Title](url)**`: the whole link in emphasis
        text = text.strip().strip("*_")
    if not text.startswith("[") or ")" not in text or (index is None and _LEAD_INDEX.match(text)):
        return _title_then_links(text, anchor)  # `[1] Title [[arXiv]](…)`: no link opens the title
    found = _title_link(text) or _title_link(text, loose=True)
    if found is None:
        return _title_then_links(text, anchor) if index is None else None
    title, url, tail = found
    return PaperHeading(index, title, url, anchor, tail)


_HTML_LINK = re.compile(r"""<a\s[^>]*?href\s*=\s*["']([^"'\s>]+)["'][^>]*>(.*?)</a>""", re.IGNORECASE)
_LEAD_INDEX = re.compile(r"(?:\[(\d{1,6})\]|(\d{1,6})[.)])\s+")
_PAPER_URL = re.compile(r"https?://(?:www\.)?(?:arxiv\.org/(?:abs|pdf|html)/|doi\.org/10\.48550/)", re.IGNORECASE)


def _title_then_links(text: str, anchor: str | None) -> PaperHeading | None:
    """`[N] Title [[arXiv]](https://arxiv.org/abs/ID)` or `N. Title [PDF](…)`: a plain title, then only links, one
    of them to an arXiv paper (so `#### Code [GitHub](…)` inside an entry stays a sub-heading)."""
    m = _LEAD_INDEX.match(text)
    index = int(m[1] or m[2]) if m else None
    body = text[m.end():] if m else text
    start = body.find(" [")
    title = body[:start].strip() if start > 0 else ""
    if not title or "[" in title or "](" not in body:
        return None
    if title[-1] in ":：" or not any(c.isalnum() for c in title):  # `📄 [Title](…)`, `Paper 1: [Title](…)`
        found = _title_link(body[start + 1:]) or _title_link(body[start + 1:], loose=True)
        return PaperHeading(index, found[0], found[1], anchor, found[2]) if found else None
    if not _LINK_TAIL.fullmatch(body, start):
        return None
    for link in _LINK.finditer(body, start):
        if _PAPER_URL.match(link[1]):
            return PaperHeading(index, title, link[1], anchor)
    return None


_LINK = re.compile(r"\]\(([^()\s]+)\)")


def heading_over_links(title: str, links: str) -> PaperHeading | None:
    """The paper of a heading without a link (`1. Title`) whose next line is links, one of them to arXiv, or an
    id line (`**arXiv:** 2506.00001`, `Link: https://arxiv.org/abs/…`, a bare arXiv URL: `id_line_url`)."""
    if links_only(links):
        url = next((u for u in _LINK.findall(links) if _PAPER_URL.match(u)), None)
    else:
        url = id_line_url(links)
    if url is None or not title:
        return None
    m = _LEAD_INDEX.match(title)
    return PaperHeading(int(m[1] or m[2]) if m else None, title[m.end():] if m else title, url, None)


# An id line: marks or a bullet, then maybe a short label and its colon (in bold or not), then only links, URLs and
# arXiv ids with separators (`📄 **arXiv ID:** 2506.00001`, `- **Link**: <https://arxiv.org/abs/…>`)
_ID_LEAD = re.compile(r"(?:[-*+]\s+|[^\w\s\[<*_]+\s*)?(?:(?:\*\*|__)?(?P<label>[^\W\d_][\w .'/-]{0,24}?)\s*(?:\*\*|__)?"
                      r"\s*[:：](?!//)\s*(?:\*\*|__)?)?")
_ID_TOKEN = re.compile(r"(?:\s|[|·•,;/]|\*\*|__)*(?:\[(?P<text>[^\[\]]{0,60})\]\((?P<link>[^()\s]+)\)"
                       r"|<(?P<angle>https?://[^>\s]+)>|(?P<url>https?://[^\s<>|]+)"
                       r"|(?P<prefixed>arxiv:\s*)?(?P<id>\d{4}\.\d{4,5}(?:v\d+)?)(?![\w.]))"
                       r"(?:\s|[|·•,;]|\*\*|__)*", re.IGNORECASE)


def id_line_url(line: str) -> str | None:
    """The arXiv URL of an id line: optional marks or a bullet and a short label with its colon, then nothing but
    links, URLs and ids (a bare id only where the line names arXiv or an id), at least one to an arXiv paper;
    None for anything else (`Code: https://github.com/…`, a sentence with a link)."""
    line = line.strip()
    lead = _ID_LEAD.match(line)
    label = (lead["label"] or "").lower()
    pos, end, url, bare = lead.end(), len(line), None, None
    while pos < end:
        m = _ID_TOKEN.match(line, pos)
        if m is None or m.end() == pos:
            return None
        pos = m.end()
        if url is not None:
            continue
        if m["id"]:
            if bare is None and (m["prefixed"] or "arxiv" in label or label.split()[-1:] == ["id"]):
                bare = m["id"]
            continue
        found = m["link"] or m["angle"] or m["url"]
        if found and _PAPER_URL.match(found):
            url = found
    return url or (f"https://arxiv.org/abs/{bare}" if bare else None)


# A heading naming its paper by id instead of a link: at the start (`[2506.00001] Title`, `arXiv:2506.00001 - Title`,
# `2506.00001: Title`) or at the end (`Title (arXiv:2506.00001)`, `Title [2506.00001]`, `Title | arXiv:…`)
_HID = r"(\d{4}\.\d{4,5})(?:v(\d+))?(?![\w.])"
_HEAD_ID = re.compile(rf"(?:[\[(]\s*(?:arxiv:\s*)?{_HID}\s*[\])]|(?:arxiv:\s*)?{_HID})\s*[:：|·—–-]?\s+(?P<title>.+)",
                      re.IGNORECASE)
_TAIL_ID = re.compile(rf"(?P<title>.+?)\s*(?:[\[(（]\s*(?:arxiv:\s*)?{_HID}\s*[\])）]|[|·—–-]?\s*arxiv:\s*{_HID})",
                      re.IGNORECASE)


def id_heading(text: str) -> PaperHeading | None:
    """The paper of a heading that names it by its arXiv id at the start or the end, bracketed, in parentheses,
    after `arXiv:` or (at the start) before a separator; an index before it (`[1] `, `1. `) is the index."""
    m = _LEAD_INDEX.match(text)
    index = int(m[1] or m[2]) if m else None
    body = text[m.end():] if m else text
    found = _HEAD_ID.fullmatch(body) or _TAIL_ID.fullmatch(body)
    if found is None:
        return None
    ids = found.groups()[:4] if found.re is _HEAD_ID else found.groups()[1:]  # two (id, version) alternatives
    arxiv_id, version = ids[:2] if ids[0] else ids[2:]
    title = found["title"].strip().strip("*_").strip()
    if not any(c.isalpha() for c in title) or "](" in title:
        return None
    return PaperHeading(index, title, f"https://arxiv.org/abs/{arxiv_id}" + (f"v{version}" if version else ""), None)


# A paper written as a line of its own instead of a heading: a list mark or an index, emphasis, then the title
# linked to its arXiv page and nothing but more links (`1. **[Title](…)**`, `- [Title](…) [PDF](…)`,
# `**[1] [T](…)**`)
_LINE_LEAD = re.compile(r"(?:[-*+]\s+)?(?:(?:\*\*|__)(?=\S))?")
_GENERIC_TITLES = frozenset({"pdf", "abs", "arxiv", "html", "paper", "link", "code", "project", "page", "kimi",
                             "abstract", "here", "this", "source", "download", "github", "website", "demo"})


def link_line_paper(line: str) -> PaperHeading | None:
    """The paper of a line that is only its linked title (for a digest with no paper headings at all): after a
    list mark, an index and emphasis, `[Title](arXiv URL)` and nothing else but links; a title of two words or
    more that is not a generic link text (`[PDF](…)`, `[arXiv](…)`), else None."""
    if "](" not in line or ("arxiv" not in line and "Arxiv" not in line and "arXiv" not in line):
        return None
    text = line.strip()
    lead = _LINE_LEAD.match(text)
    body = text[lead.end():]
    if lead.group(0).endswith(("**", "__")):  # `**[1] [Title](…)**`: the emphasis closes at the end
        mark = lead.group(0)[-2:]
        if body.endswith(mark):
            body = body[:-2].rstrip()
        elif ")" + mark in body:  # `- **[Title](…)** [PDF](…)`: it closes after the title link
            at = body.index(")" + mark)
            body = body[:at + 1] + body[at + 3:]
        else:
            return None
    paper = paper_heading(body)
    if paper is None or not _PAPER_URL.match(paper.url) or paper.tail:
        return None
    title = paper.title.strip("*_ ")
    if len(title.split()) < 2 or title.lower() in _GENERIC_TITLES:
        return None
    return paper._replace(title=title)


def _title_link(text: str, loose: bool = False) -> tuple[str, str, str] | None:
    """(title, url, tail) of `[Title](url)` followed by nothing or only more links (`[[back]](#top)`, `[PDF](…)
    [Code](…)`). Titles may hold `[`, `]` and even `](` ("Z2[u,v](u2(1+u))"), so each `](` is tried, first to
    last, as the title's end: the first whose url is one word, not an anchor, and followed only by links wins.
    `loose`: followed by anything (`⭐ 8.5`, `(arXiv:ID)`: the tail), the url a web address."""
    cut = 0
    while True:
        cut = text.find("](", cut + 1)
        if cut < 1:
            return None
        close = _link_end(text, cut + 2)
        if close > 0:
            url = text[cut + 2:close].strip()
            if " " in url:  # `(url "Link title")`
                url = url.split()[0]
            if not url or url.startswith("#"):
                continue
            # `[T](url) (…) [PDF](…)`: the title ended at the first link (a title holding a link, `see [this](url)`,
            # keeps its brackets balanced)
            if "](http" in text[1:cut] and not _nested(text[1:cut]):
                return None
            if _LINK_TAIL.fullmatch(text, close + 1):
                return text[1:cut], url, ""
            if loose and url.startswith(("http://", "https://")):
                return text[1:cut], url, text[close + 1:].strip()


def _nested(text: str) -> bool:
    """Whether the brackets of `text` never close before they open."""
    depth = 0
    for c in text:
        if c == "[":
            depth += 1
        elif c == "]":
            depth -= 1
            if depth < 0:
                return False
    return True


_LINK_TITLE = re.compile(r"""\s*\S+\s+(?:"[^"]*"|'[^']*')\s*""")  # `url "Link title"`


def _link_end(text: str, start: int) -> int:
    """Index of the `)` closing a link target that starts at `start` (balanced parentheses), or -1."""
    close = text.find(")", start)
    if close < 0:
        return -1
    target = text[start:close]
    if "(" not in target:  # the usual url: no parentheses inside, found without a loop over its characters
        return -1 if " " in target and not _LINK_TITLE.fullmatch(target) else close
    depth = 0
    for i in range(start, len(text)):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            if not depth:
                return i
            depth -= 1
        elif c == " " and not depth:
            return -1
    return -1


# What may follow the title link: links (`[PDF](…)`, `[[back]](#top)`), `|` or `·` separators, spaces. Their
# brackets balance: `[Extended Version]](url)` is the end of a title, not a link after it.
_LINK_TAIL = re.compile(r"(?:\s|[|·•]|\[(?:\[[^\[\]]{0,40}\]|[^\[\]]{0,40})\]\([^()\s]*\))*")


def links_only(line: str) -> bool:
    """True for a line of links and separators only (`[PDF](…) | [Code](…)`): the paper's links, no text."""
    return "](" in line and _LINK_TAIL.fullmatch(line) is not None


def paper_line(m: re.Match) -> PaperHeading:
    """The PaperHeading of a PAPER_LINE match."""
    return _tuple_new(PaperHeading, (int(m[1]), m[2][:-1], m[3], None, ""))


_tuple_new = tuple.__new__  # skips NamedTuple's Python-level __new__


def section_heading(text: str, declared=()) -> str | None:
    """The category code of `cs.CV [[Back]](#toc)`, `cs.CV`, `cs.CR (24 篇)`; None for other headings. With the
    back link, a paper count (`JAG (3 篇)`) or a name the table of contents lists (`declared`) any short name
    is a section (feeds that list journals use `ISPRS J P&RS [[Back]](#toc)`)."""
    bare = _BACK.sub("", text)
    counted = _PAPER_COUNT.search(bare) is not None
    marked = bare != text or counted
    text = _COUNT.sub("", bare).strip()
    if CATEGORY.match(text) and ("." in text or "-" in text):
        return text
    named = (("." in text or "-" in text)  # every code holds one: most sub-headings skip the three regexes
             and _NAMED_SECTION.fullmatch(_LINKED.sub(r"\1", _SECTION_MARKS.sub("", text)).strip("*_ ")))
    if named:  # `Computer Vision (cs.CV)`, `cs.CV - Computer Vision`, `📷 cs.CV`, `**cs.CV**`, `[cs.CV](#cs.CV)`
        return named["code"] or named["named"]
    if not (marked or text in declared):
        return None
    return text if 0 < len(text) <= 60 and "[" not in text and "](" not in text else None


# An arXiv category code of a known archive (cs.CV, q-bio.NC, hep-th): the looser section forms below only take these
CATEGORY_CODE = (r"(?:cs|math|stat|physics|q-bio|q-fin|eess|econ|astro-ph|cond-mat|nlin)\.[A-Za-z][A-Za-z\-]*"
                 r"|hep-(?:th|ph|ex|lat)|gr-qc|nucl-(?:th|ex)|quant-ph|math-ph|astro-ph|cond-mat")
# A section heading that names its category code beside its name, by either side, or holds it alone
_NAMED_SECTION = re.compile(rf"(?P<code>{CATEGORY_CODE})(?:\s*(?:[-–—:|·]|\s)\s*[^()\[\]]*)?"
                            rf"|[^()\[\]]*?[(（](?P<named>{CATEGORY_CODE})[)）]")
_SECTION_MARKS = re.compile(r"^[^\w\[(（*]+")  # emoji and symbols before the name
_LINKED = re.compile(r"^\[([^\]]+)\]\(#[^)]*\)$")  # `[cs.CV](#cs.CV)`: a link to its own anchor


_PAPER_COUNT = re.compile(r"[(（\[]\s*(?:Total:\s*\d+|\d+\s*(?:篇|papers?))\s*[)）\]]\s*$", re.IGNORECASE)


def toc_line(line: str) -> tuple[str, int | None] | None:
    """(`cs.CV`, 57) from `- [cs.CV](#cs.CV) [Total: 57]` or `- [cs.CR](#cscr) (24 篇)`; None otherwise."""
    m = _TOC_LINE.match(line)
    if not m:
        return None
    code = m.group(1).strip()
    total = _COUNT.match(m.group(2))
    return code, int(total.group(1)) if total else None


def author_line(line: str) -> tuple[list[str], list[tuple[str, str]], str] | None:
    """(authors, labelled fields after them, unread tail) from `*A,B,C*` (or `_A,B,C_`), `*A, B* | **Main category: cs.CR**`
    (any separator: `|`, `·`, `—`, `;`, `&nbsp;`; bold or plain labels, several in a row); None when the line
    is no italic author list. Names never hold `*`, so the list ends at the first one."""
    stripped = line.strip()
    mark = stripped[:1]
    if mark not in ("*", "_") or stripped[1:2] == mark:  # `*A, B*` or `_A, B_`, not bold
        return None
    end = stripped.find(mark, 1)
    if end < 2:
        return None
    body, tail = stripped[1:end], stripped[end + 1:]
    if _AUTHOR_LEAD.fullmatch(body.strip()):  # `*Authors:* A, B`: the label alone in italics, the names after it
        body, _, tail = tail.partition(" | ")
        tail = "| " + tail if tail else ""
    fields: list[tuple[str, str]] = []
    for segment in _FIELD_SEPARATOR.split(tail) if tail.strip() else ():
        if not segment.strip():
            continue
        found = label_segment(segment)
        if found is None:
            return split_authors(body), fields, tail.strip()
        fields.append(found)
    return split_authors(body), fields, ""


_FIELD_SEPARATOR = re.compile(r"(?:\s|&nbsp;|\u00a0)*(?:[|·•;—–]|\s-\s|(?:&nbsp;|\u00a0){2,})(?:\s|&nbsp;|\u00a0)*")
_SEGMENT = re.compile(r"^\s*(\*\*|__)?([^:：*_]{1,40}?)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?(.*?)(?:\*\*|__)?\s*$")


def label_segment(segment: str, *, empty: bool = False) -> tuple[str, str] | None:
    """(name, value) of one `**Name: value**`, `**Name:** value` or `Name: value` piece (`empty`: also `Name:`);
    None otherwise."""
    m = _SEGMENT.match(segment)
    if not m or not (m[3].strip() or empty):
        return None
    return m[2].strip(), m[3].strip().strip("*").strip()


def split_authors(body: str) -> list[str]:
    """Names from `A,B,C`, `A, B, C` or, without commas, `A; B; C` (names never hold commas in these feeds), after
    an authors label or `By` inside the emphasis (`*Authors: A, B*`, `*作者：A, B*`, `*By A, B*`)."""
    body = without_author_lead(body)
    if ("," not in body and "，" not in body and "&" not in body  # a list by semicolons (`&eacute;` holds one)
            and (";" in body or "；" in body)):
        body = body.replace(";", ",").replace("；", ",")
    names = list(filter(None, map(str.strip, body.replace("，", ",").split(","))))  # no bytecode per name
    # a few C-level finds, not a regex over every list: most lists are names only
    if ("[" in body or "…" in body or ".." in body or " et" in body or " Et" in body or "ore" in body
            or "others" in body or " and " in body or " & " in body
            or (not body.isascii() and _MARK_CHARS.search(body))):
        return _clean_names(names)
    return names


# An authors label or `By` before the names (`Authors: `, `Author：`, `作者: `, `By `)
_AUTHOR_LEAD = re.compile(r"(?:(?:authors?|作者)\s*[:：]|by\s)\s*", re.IGNORECASE)


def without_author_lead(names: str) -> str:
    """`names` without an authors label or `By` in front (`Authors: A, B`, `作者：A, B`, `By A, B` -> `A, B`)."""
    if names[:1] and names[0] in "AaBb作" and (lead := _AUTHOR_LEAD.match(names)):
        return names[lead.end():]
    return names
_MARK_CHARS = re.compile("[¹²³⁴⁵⁶⁷⁸⁹⁰†‡∗§]")  # affiliation marks after a name
_NAME_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s]*\)")
_LAST_AND = re.compile(r"^(?:and|&)\s+|\s+(?:and|&)\s+", re.IGNORECASE)
_TRUNCATION = re.compile(r"^(?:(?:…|\.{3})\s*)?(?:\(?\s*(?:and\s+)?\+?\s*\d+\s+(?:more|others)(?:\s+authors?)?\s*\)?|"
                         r"et\.?\s+al\.?|and\s+others|others|…|\.{3,})$", re.IGNORECASE)
_MARKS_AFTER = "¹²³⁴⁵⁶⁷⁸⁹⁰†‡∗§ "
_CUT_SHORT = re.compile(r"\s*(?:…|\.{3})$|\s+(?:\(\s*\+?\s*\d+\s+(?:more|others)(?:\s+authors?)?\s*\)|et\.?\s+al\.?)$",
                        re.IGNORECASE)


def _clean_names(names: list[str]) -> list[str]:
    """The names alone: `[Ann Lee](url)` is Ann Lee, `Bo Chen²†` Bo Chen, `A and B` two names; `et al.`,
    `…` and `(+12 more)` are no names (the list is cut short; a twin gives the whole list)."""
    out = []
    for raw in names:
        name = _NAME_LINK.sub(r"\1", raw)
        for part in _LAST_AND.split(name):
            part = _CUT_SHORT.sub("", part.strip().rstrip(_MARKS_AFTER).lstrip("…. ")).rstrip(_MARKS_AFTER)
            if part and not _TRUNCATION.match(part):
                out.append(part)
    return out
