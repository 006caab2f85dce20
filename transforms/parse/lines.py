"""The line scanner and its rule table: each line goes to the rules for its first character, then the text rule.

A new feed construct is a new rule in one of the `rules*.py` modules plus an entry here.
"""

from __future__ import annotations

import re

from transforms.parse.heading import PAPER_LINE, link_line_paper, links_only, paper_line, split_authors
from transforms.parse.labels import ALIASES, BOLD_LABEL, PLAIN_LABEL, SINGLE_LINE, Label, extra_label, lookup
from transforms.parse.rules import author_rule, heading_rule, title_links_rule, toc_rule
from transforms.parse import html as fragments
from transforms.parse.rules_html import FIXED_LINES, STRUCTURAL, html_rule
from transforms.parse.rules_labels import (bold_label_rule, plain_label_counts, plain_label_rule, quote_rule,
                                           table_row_rule, wrapped_label_rule)
from transforms.parse.rules_unknown import unknown_label_rule
from transforms.parse.rules_text import break_rule, text_rule
from transforms.parse.state import ParseState



def inline_html_rule(state: ParseState, line: str, n: int, depth: int = 0) -> bool:
    """A line opening with inline HTML (`<small>`, `<b>`): its text through bs4, offered to the rules again
    (once: text recovered from it that opens with HTML again is text)."""
    stripped = line.strip()
    if depth or not stripped.startswith("<") or not fragments.starts_with_tag(stripped):
        return False
    if fragments.events(stripped)[0].tag in STRUCTURAL:
        return False  # html_rule's
    dispatch_line(state, state.html_text(stripped, n), n, depth + 1)
    return True


DEFAULT = (plain_label_rule,)
DISPATCH = {
    "": (), "\t": (),
    "#": (heading_rule,),
    "<": (html_rule, inline_html_rule),
    " ": (html_rule, inline_html_rule),
    "*": (bold_label_rule, author_rule, toc_rule, break_rule),
    ">": (quote_rule,),
    "-": (toc_rule, break_rule),
    "+": (toc_rule,),
    "_": (author_rule, break_rule),
    "|": (table_row_rule,),
}
# First characters that can end an open abstract: headings, HTML, bold or quoted labels, summary lines.
# Any other ASCII-led line inside an abstract is more abstract (weak ASCII labels do not count there).
_CAN_END_ABSTRACT = frozenset("#<>* ")
_MARKS = re.compile(r"^[^\w\s*#>(（\[]+\s*")
_SINGLE_STAR = DISPATCH["*"][1:]
_LINKS = extra_label("links")
_WRAP_FIRST = frozenset("*_【")  # how wrapped_label_rule's forms start; the dashed form has a dash near the start
_DASH_NEAR = re.compile(r"\s[—–-]\s")


_BR = re.compile(r"\s*<br\s*/?>\s*", re.IGNORECASE)


def _html_breaks(numbered):
    """(line number, line) with a Markdown line split at its `<br>`s, each part keeping the line's number: a
    template that joins fields with HTML breaks (`Main category: cs.CV<br>TL;DR: …`) gives each field its own
    line, as every other template does. Lines that open with HTML are left whole for the HTML rules."""
    for n, line in numbered:
        if "<" in line and line[:1] != "|" and not line.lstrip().startswith("<") and _BR.search(line):
            for part in _BR.split(line):
                if part:
                    yield n, part
        else:
            yield n, line


def scan(text: str, source: str | None, line_papers: bool = False) -> ParseState:
    """Run the rules over `text` (already cleaned, LF line ends) and return the final state.

    The usual label lines (`**Label:** value`, `Label: value`), the plain author line (`*A, B*`) and the
    templates' fixed HTML lines are recognised here in a few C calls each and change the state directly;
    a line these shortcuts do not take goes to the rules for its first character, which handle every form.

    Where a plain `Name: value` line counts as a label is structural: every template starts a field on a new
    paragraph (after a blank line, a heading, HTML or a one-line field). There any label ends the field above
    it, known or not, in any script; inside a paragraph only a known label written like the one that opened
    the field does ("方法：" inside an ASCII-labelled TL;DR is text), and inside an abstract nothing does.
    """
    state = ParseState(source)
    get = DISPATCH.get
    fixed = FIXED_LINES.get
    bold = BOLD_LABEL.match
    plain = PLAIN_LABEL.match
    plain_seen = _PLAIN_SEEN.get
    bold_seen = _BOLD_SEEN.get
    paper = PAPER_LINE.fullmatch
    features = state.features
    para = True  # this line starts a paragraph: a label position
    below = 0  # the line under a heading that an open abstract kept as text (it skips the hot path)
    title_until = 0  # up to this line a heading without a link (state.title_heading) may get its paper's link
    indented = -1  # the line of the field an indented label opened: its indented lines are its text, unindented
    numbered = enumerate(text.split("\n"), 1)
    # HTML line breaks (`<br>`, `<br/>`): one document-wide find (~3% of a parse), then per line. A feed writing
    # `<BR>` does so in every entry, so its first 32 KB tell: two more finds over the whole text would cost ~6%.
    if "<br" in text or "<BR" in (head := text[:32768]) or "<Br" in head:
        numbered = _html_breaks(numbered)
    for n, line in numbered:
        if not line:
            if state.field is not None:
                if state.quote:
                    state.close_field()  # a blank line ends a quoted field
                else:
                    state.buf.append(line)
            para = True
            continue
        first = line[0]
        if (line_papers and (para or not state.terminal or state.field_line == indented) and not state.quote
                and (linked := link_line_paper(line))):  # (a list item's abstract ends at the next item)
            state.start_entry(linked, n)  # the second pass over a digest without paper headings: `1. **[T](url)**`
            para = True
            continue
        if state.terminal and not para and first < "\x80" and first not in _CAN_END_ABSTRACT and n != below:
            state.buf.append(line)  # the hot path: one more line of an open abstract (and para stays False)
            continue
        at_para, para = para, False
        # `### Title` without a link: its paper's links or id may be the next line (or the one after a blank)
        if (n <= title_until and (heading := state.title_heading) is not None and n - heading[0] <= 2
                and not state.quote
                and ("://" in line or "xiv" in line or "Xiv" in line or "XIV" in line or "ID" in line)
                and title_links_rule(state, line, n)):
            para = True
            continue
        if first >= "\u2190" and not first.isalnum():  # `💡 **TL;DR:**`, `📌 > …`: marks before the form itself
            bare = _MARKS.sub("", line)
            if bare[:1] in ("*", "#", ">"):
                line, first = bare, bare[0]
        elif first in "-+*" and line[1:2] == " " and state.draft is not None:  # `- **TL;DR:** …`: a bulleted label
            bare = line[2:].lstrip()
            if bare and _bulleted_label(bare):
                line, first = bare, bare[0]
        elif "0" <= first <= "9" and line[1:3] in (". ", ") ") and state.draft is not None:  # `1. **TL;DR:** …`
            bare = line[3:].lstrip()
            if bare and _bulleted_label(bare):
                line, first = bare, bare[0]
        rules = get(first)
        if rules is None:  # a letter, digit or CJK: maybe `Label: value` (bold_label_rule's shortcut)
            if state.draft is not None:
                # What PLAIN_LABEL finds (the name before the first colon, 1-39 characters), by partition when
                # the first colon is ASCII: ~2 k instructions less than a regex call.
                name, colon, value = line.partition(":")
                if not colon or "：" in name:  # a full-width colon may come first: the regex finds it
                    m = plain(line) if "：" in line else None
                    name, value, colon = (m[1], line[m.end():], m[0][-1]) if m else ("", "", "")
                known = plain_seen(name)  # names are only kept there once they passed the length check
                if known is None and 0 < len(name) < 40 and name not in _PLAIN_MISSED:
                    known = _plain_label(name)
                if (known is not None and ((at_para and not state.terminal)  # the usual label line, decided inline
                                           or plain_label_counts(state, known[0], known[1] + colon, at_para))
                        # `Relevance: 5/5 | Why: …`: several fields, plain_label_rule's (a "|" memchr first:
                        # a ` | ` search alone walks every character of the value, ~27 M instructions a pass)
                        and ("|" not in value or " | " not in value)):
                    if state.field is not None:  # what open_field does, without the call
                        state.close_field()
                    label, style, opens_abstract, feature, task = known
                    state.field, state.field_line, state.style = label, n, style + colon
                    if not state.colon:
                        state.colon = colon
                    state.buf = [value.strip()]  # quote is False while no field is open
                    state.terminal = opens_abstract
                    features.add(feature)
                    if task:
                        features.add("task")
                    para = label.field in SINGLE_LINE
                    continue
                # No known label starts the line: plain_label_rule would find the same name and nothing more,
                # except on a ` | ` line of several fields.
                rules = DEFAULT if known is not None or " | " in line else ()
            else:
                rules = DEFAULT
        elif first == "*":  # maybe `**Label:** value` (bold_label_rule's shortcut)
            if line[1:2] != "*":  # `*A, B*`: bold_label_rule only takes `**` lines
                draft = state.draft  # maybe the author line `*A, B*` (author_rule's shortcut)
                if (draft is not None and draft.authors is None and line[-1] == "*" and len(line) > 2
                        and "*" not in line[1:-1] and ((not draft.values and state.field is None)
                                                       or state.may_take_authors())):
                    if state.field is not None:
                        state.close_field()
                    draft.authors = split_authors(line[1:-1])
                    para = True
                    continue
                rules = _SINGLE_STAR
            elif state.draft is not None:
                # What BOLD_LABEL finds, by partition for the usual `**Name:** value` (as for plain labels).
                head, mark, value = line.partition(":**")
                name = head[2:]
                if not mark or len(name) > 60 or "*" in name or ":" in name or "：" in name:
                    m = bold(line)  # `**Name**:`, `**Name: **`, a full-width colon, ...: the regex
                    name, value = (m[1], line[m.end():]) if m else ("", "")
                if name:
                    known = bold_seen(name) or _bold_label(name)
                    if known is not None and "|" not in line:
                        if state.field is not None:
                            state.close_field()
                        label, opens_abstract, zh = known
                        state.field, state.field_line, state.style = label, n, "**"
                        state.buf = [value.strip()]
                        state.terminal = opens_abstract
                        features.add("bold_labels")
                        if zh:
                            features.add("zh_labels")
                        para = label.field in SINGLE_LINE
                        continue
        elif first == "<" or first == " " or first == "\t":
            action = fixed(line) if first != "\t" else None
            if action is not None:
                action(state, n)
                para = state.field is None
                continue
            if first != "<" and state.draft is not None and (at_para or not state.terminal or indented >= 0):
                bare = line.lstrip(" \t")  # `   - **TL;DR:** …`, `  Main category: cs.CV`: fields indented in a list
                item = bare[2:].lstrip() if bare[:2] in ("- ", "* ", "+ ") else (
                    bare[3:].lstrip() if bare[:1].isdigit() and bare[1:3] in (". ", ") ") else bare)
                head = item[:64]  # a label's colon comes within it (a bold name is 60 characters at most)
                if (item[:1] not in ("", "<") and (":" in head or "：" in head)
                        and _bulleted_label(item)):  # a known label only: indented text stays as written
                    state.at_para = at_para
                    dispatch_line(state, item, n)
                    para = state.field is None or state.field.field in SINGLE_LINE
                    indented = state.field_line if state.field is not None else -1
                    continue
                if state.field is not None and state.field_line == indented and bare:
                    line, first = bare, bare[0]  # a wrapped line of a field its indented label opened
        elif first == "#":  # maybe `### [N] [Title](https://arxiv.org/abs/ID)` (heading_rule's shortcut)
            m = paper(line)
            title_until = n + 2  # else heading_rule may take it for a title whose link or id is below
            if m:
                state.start_entry(paper_line(m), n, (m[4], m[5]))
                state.title_level = len(line) - len(line.lstrip("#"))
                para = True
                continue
        state.at_para = at_para
        for rule in rules:
            if rule(state, line, n):
                break
        else:
            if first == "[" and at_para and not state.quote and state.draft is not None and links_only(line):
                state.open_field(_LINKS, line.strip(), n)  # `[PDF](…) | [Code](…)` under an abstract
                para = True
                continue
            if (state.draft is not None and not state.quote
                    and (first in _WRAP_FIRST or (at_para and " " in line[:41] and _dash_near(line)))
                    and wrapped_label_rule(state, line, n)):
                para = state.field is None or state.field.field in SINGLE_LINE
                continue
            field = state.field  # an unknown label: at a paragraph start, bold anywhere outside an abstract
            if (state.draft is not None and not state.quote
                    and (at_para or (not state.terminal and (first == "*" or field is None
                                                            or field.field in SINGLE_LINE)))
                    and unknown_label_rule(state, line, n)):
                para = state.field is None or state.field.field in SINGLE_LINE
                continue
            field = state.field
            if field is None or state.quote:
                text_rule(state, line, n)
            elif at_para and field.field in SINGLE_LINE and any(state.buf):
                state.close_field()  # a new paragraph after a one-line field's value is not more of that value
                text_rule(state, line, n)
            else:
                state.buf.append(line)
                if first == "#":
                    below = n + 1  # a heading kept as abstract text: the line under it may be its paper's link or id
            continue  # text: the next line is inside this paragraph
        field = state.field
        para = field is None or field.field in SINGLE_LINE
    state.finish_entry(eof=True)
    return state


# What the label shortcuts need to know of a label name as written (`Main category`, `TL;DR`), worked
# out once per spelling instead of lower-casing and looking it up on every line. Only known labels are
# kept, and only so many spellings, so odd input cannot grow these without bound.
_PLAIN_SEEN: dict[str, tuple[Label, str, bool, str, bool]] = {}
_BOLD_SEEN: dict[str, tuple[Label, bool, bool]] = {}
_MAX_SEEN = 256
_PLAIN_MISSED: set[str] = set()  # names known not to be labels (bounded as _PLAIN_SEEN is)
_MAX_MISSED = 4096


def _plain_label(name: str) -> tuple[Label, str, bool, str, bool] | None:
    """(label, style: `a` ASCII name or `u` other, opens an abstract, feature, is `task`) for a `Name: value`
    line."""
    key = name.lower()
    label = ALIASES.get(key) or lookup(name)
    if label is None:
        if len(_PLAIN_MISSED) < _MAX_MISSED:  # text before a colon ("https", "Note"): asked once per spelling
            _PLAIN_MISSED.add(name)
        return None
    known = (label, "a" if key.isascii() else "u", label.field == "abstract",
             "plain_labels" if name.isascii() else "zh_labels", key == "task")
    if len(_PLAIN_SEEN) < _MAX_SEEN:
        _PLAIN_SEEN[name] = known
    return known


def _bold_label(name: str) -> tuple[Label, bool, bool] | None:
    """(label, opens an abstract, not ASCII) for a `**Name:** value` line."""
    label = ALIASES.get(name.rstrip().lower()) or lookup(name)
    if label is None:
        return None
    known = (label, label.field == "abstract", not name.isascii())
    if len(_BOLD_SEEN) < _MAX_SEEN:
        _BOLD_SEEN[name] = known
    return known


def _bulleted_label(bare: str) -> bool:
    """Whether a list item's text is a known label line (`**TL;DR:** …`, `Main category: …`): the bullet is then
    no list but how the template writes its fields. Unknown names after a bullet stay list text."""
    if bare.startswith("**"):
        m = BOLD_LABEL.match(bare)
        return m is not None and (_BOLD_SEEN.get(m[1]) or _bold_label(m[1])) is not None
    m = PLAIN_LABEL.match(bare)
    return m is not None and m[1] not in _PLAIN_MISSED and (_PLAIN_SEEN.get(m[1]) or _plain_label(m[1])) is not None


def _dash_near(line: str) -> bool:
    """`_DASH_NEAR.search(line, 0, 44)`, after three memchr tests for its dashes: most paragraphs hold none up
    front, and the regex tries every position (~4 M instructions a pass over the samples)."""
    head = line[:44]
    return ("-" in head or "—" in head or "–" in head) and _DASH_NEAR.search(line, 0, 44) is not None


def dispatch_line(state: ParseState, line: str, n: int, depth: int = 0) -> None:
    """Offer one line to the rules (used again for text recovered from inline HTML)."""
    for rule in DISPATCH.get(line[:1], DEFAULT):
        if rule is inline_html_rule:
            if inline_html_rule(state, line, n, depth):
                return
        elif rule(state, line, n):
            return
    text_rule(state, line, n)
