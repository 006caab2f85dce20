"""Text as the search index sees it: CJK runs cut into character bigrams, categories and feeds as tag tokens,
and snippets with the matched terms marked. Pure: strings in, strings out.

SQLite's unicode61 tokenizer splits on spaces and punctuation, so a Chinese sentence would be one token and
a 2-character word inside it could never match. Indexing each CJK run as its overlapping bigrams (plus the
run's last character alone) makes every 2-character word a token and every longer word a phrase of bigrams.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# Han, kana, Hangul, CJK punctuation-free letters: the scripts written without spaces between words
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
CJK_RUN = re.compile(f"[{_CJK}]+")
_WORD = re.compile(r"[^\W_]+")  # unicode61: letters and digits; `_` separates


def has_cjk(text: str) -> bool:
    return not text.isascii() and CJK_RUN.search(text) is not None  # isascii: C speed for most English text


def _bigrams(run: str, tail: bool) -> str:
    if len(run) == 1:
        return run
    grams = list(map("".join, zip(run, run[1:])))  # zip: C speed, where a slicing loop was a third of a build
    if tail:
        grams.append(run[-1])
    return " ".join(grams)


def segment(text: str | None, *, for_query: bool = False) -> str:
    """Text -> the same text with every CJK run replaced by ' bigram bigram ... last-char ' (the index form).
    `for_query`: bigrams only, so a query word becomes a phrase of consecutive bigrams. Other text is kept."""
    if not text:
        return ""
    if not has_cjk(text):
        return text
    return CJK_RUN.sub(lambda m: f" {_bigrams(m.group(), tail=not for_query)} ", text)


def tag_token(kind: str, value: str) -> str:
    """A category (`cat`), archive (`arch`) or feed (`feed`) as one opaque token: exact, case-insensitive match
    whatever punctuation the name holds (`cs.CV`, `q-bio.NC`, `dw-dengwei__daily-arXiv`)."""
    return kind[0] + hashlib.md5(f"{kind}:{value.strip().lower()}".encode()).hexdigest()[:15]


def tags_of(categories: list[str], feeds: list[str]) -> str:
    """The `tags` column of one paper: its categories, their archives, and its feeds as tag tokens."""
    tokens = [tag_token("cat", c) for c in categories] + [tag_token("arch", c.split(".")[0]) for c in categories]
    return " ".join(dict.fromkeys(tokens + [tag_token("feed", f) for f in feeds]))


def words(text: str) -> list[str]:
    """Lower-cased, accent-stripped word tokens of `text` (the index's unicode61 tokens, CJK as bigrams)."""
    folded = unicodedata.normalize("NFKD", segment(text).lower())
    return _WORD.findall("".join(ch for ch in folded if not unicodedata.combining(ch)))


def _pattern(term: str) -> str:
    """A regex matching `term` in original text: CJK literally, other words at word boundaries, spaces loose."""
    parts = [re.escape(p) for p in term.split()]
    body = r"\W+".join(parts)
    return body if has_cjk(term) else rf"(?<!\w){body}(?!\w)"


def mark(text: str, terms: list[str], width: int = 220) -> list[tuple[str, bool]]:
    """A window of `text` around its first match of any of `terms`, as (piece, matched) pairs; the whole
    (shortened) text unmarked when nothing matches. Callers escape each piece for their output."""
    text = " ".join((text or "").split())
    patterns = [_pattern(t) for t in terms if t.strip()]
    if not patterns or not text:
        return [(text[:width], False)] if text else []
    regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    first = regex.search(text)
    start = 0 if first is None or first.start() < width // 3 else first.start() - width // 3
    window = text[start:start + width]
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    at = 0
    for m in regex.finditer(window):
        if m.start() > at:
            pieces.append((window[at:m.start()], False))
        pieces.append((m.group(), True))
        at = m.end()
    pieces.append((window[at:], False))
    if start + width < len(text):
        pieces.append(("…", False))
    return [p for p in pieces if p[0]]


def matches(text: str, terms: list[str]) -> bool:
    """True when `text` holds any of `terms` as `mark` would find it."""
    return any(ok for _, ok in mark(text, terms, width=10**9))


def marked_text(pieces: list[tuple[str, bool]], before: str = "**", after: str = "**") -> str:
    """Snippet pieces -> plain text with matched pieces between `before` and `after`."""
    return "".join(f"{before}{p}{after}" if ok else p for p, ok in pieces)
